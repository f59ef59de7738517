// What the screen shows: the confirmed state with this device's unconfirmed edits laid over it, in order.
// Recomputed from scratch on every change, which makes rollback free: drop the op, render again.
// Moderation: the facilitator sees hidden things (marked); everyone else does not see them at all.
import { defaultProps, normalProps } from "../../shared/props.js";

/**
 * @param {import("./state.js").WorkshopState} state
 * @param {object[]} ops the op queue's journal, oldest first
 * @param {{showHidden?: boolean}} options showHidden: keep moderated things, marked (default: for the facilitator)
 * @returns {{designs: Map<string, object>, elements: Map<string, object>, comments: Map<string, object>}}
 *   Items changed by an unconfirmed op carry `pending: true`; with showHidden, elements of a hidden design
 *   carry `design_hidden: true`.
 */
export function buildView(state, ops, { showHidden = state.you?.role === "facilitator" } = {}) {
  const designs = new Map(state.designs);
  const elements = new Map(state.elements);
  const comments = new Map(state.comments);
  const me = state.you || {};

  for (const op of ops) {
    if (op.status === "acked") {
      overlayAcked(op, designs, elements, comments);
    } else {
      overlayPending(op, designs, elements, comments, me);
    }
  }
  const view = { designs, elements, comments };
  return showHidden ? markHiddenDesigns(view) : withoutHidden(view);
}

/** Whether the participant is one of the design's authors (who alone, with the facilitator, change it). */
export function isAuthor(design, participantId) {
  return Boolean(design && participantId && design.authors?.some((author) => author.participant_id === participantId));
}

/** Whether a comment is shown: on a design, or on an element the view shows (not one deleted or hidden since). */
function commentShown(view, comment) {
  return !comment.element_id || view.elements.has(comment.element_id);
}

/**
 * Elements counted per design, and the comments of each design: on the design itself and on its elements, as its
 * panel lists them (designComments).
 */
export function countPerDesign(view) {
  const counts = new Map();
  for (const element of view.elements.values()) counts.set(element.design_id, (counts.get(element.design_id) || 0) + 1);
  const commentCounts = new Map();
  for (const comment of view.comments.values()) {
    if (commentShown(view, comment))
      commentCounts.set(comment.design_id, (commentCounts.get(comment.design_id) || 0) + 1);
  }
  return { counts, commentCounts };
}

/**
 * A design's comments, oldest first: on the design itself and on its elements, each of these with `on_kind`, the
 * kind of the element it is on (its words say which).
 */
export function designComments(view, designId) {
  const comments = [];
  for (const comment of view.comments.values()) {
    if (comment.design_id !== designId || !commentShown(view, comment)) continue;
    comments.push(comment.element_id ? { ...comment, on_kind: view.elements.get(comment.element_id).kind } : comment);
  }
  return comments;
}

/** The view without anything moderated away (what participants, the projector and the replay show). */
export function withoutHidden({ designs, elements, comments }) {
  const shownDesigns = new Map([...designs].filter(([, design]) => !design.hidden));
  const shownElements = new Map(
    [...elements].filter(
      ([, element]) => !element.hidden && !element.design_hidden && !designs.get(element.design_id)?.hidden,
    ),
  );
  const shownComments = new Map(
    [...comments].filter(
      ([, comment]) =>
        !comment.hidden &&
        !designs.get(comment.design_id)?.hidden &&
        !(comment.element_id && elements.get(comment.element_id)?.hidden),
    ),
  );
  return { designs: shownDesigns, elements: shownElements, comments: shownComments };
}

// The facilitator sees a hidden design's elements too, marked so the map can fade them.
function markHiddenDesigns(view) {
  for (const [id, element] of view.elements) {
    if (view.designs.get(element.design_id)?.hidden) view.elements.set(id, { ...element, design_hidden: true });
  }
  return view;
}

// An accepted op whose broadcast has not been applied yet: show the server's answer as confirmed.
function overlayAcked(op, designs, elements, comments) {
  const result = op.result;
  switch (op.event) {
    case "design:create":
    case "design:join":
      if (result?.id) designs.set(result.id, result);
      break;
    case "element:add":
    case "element:update":
      if (result?.id) {
        const current = elements.get(result.id);
        if (!current || Number(current.version) <= Number(result.version)) elements.set(result.id, result);
      }
      break;
    case "element:delete":
      elements.delete(op.payload.id);
      break;
    case "comment:add":
      if (result?.id && !comments.has(result.id)) comments.set(result.id, result);
      break;
    default:
      break;
  }
}

function overlayPending(op, designs, elements, comments, me) {
  const payload = op.payload;
  switch (op.event) {
    case "design:create":
      if (!designs.has(payload.id)) {
        designs.set(payload.id, {
          id: payload.id,
          title: payload.title,
          created_by: me.participant_id,
          authors: [{ participant_id: me.participant_id, name: me.name }],
          pending: true,
        });
      }
      break;
    case "design:join": {
      const design = designs.get(payload.design_id);
      if (design && !design.authors.some((author) => author.participant_id === me.participant_id)) {
        designs.set(design.id, {
          ...design,
          authors: [...design.authors, { participant_id: me.participant_id, name: me.name }],
          pending: true,
        });
      }
      break;
    }
    case "element:add":
      // Already confirmed (its ack was lost, the snapshot has it): the resend will only confirm it.
      if (!elements.has(payload.id)) {
        elements.set(payload.id, {
          id: payload.id,
          design_id: payload.design_id,
          kind: payload.kind,
          geometry: payload.geometry,
          note: payload.note || "",
          props: normalProps(payload.kind, payload.props),
          author_id: me.participant_id,
          version: 0,
          measure: null,
          pending: true,
        });
      }
      break;
    case "element:update": {
      const element = elements.get(payload.id);
      if (!element) break; // deleted meanwhile: the resend will fail and be rolled back
      const changed = { ...element, pending: true };
      if (payload.geometry !== undefined) {
        changed.geometry = payload.geometry;
        changed.measure = null; // the server's measure is for the old shape
      }
      if (payload.note !== undefined) changed.note = payload.note;
      // As the server does: props replace the old as a whole; a new kind without props starts from its defaults.
      if (payload.props !== undefined) changed.props = normalProps(payload.kind ?? element.kind, payload.props);
      else if (payload.kind !== undefined && payload.kind !== element.kind) changed.props = defaultProps(payload.kind);
      if (payload.kind !== undefined) changed.kind = payload.kind;
      elements.set(payload.id, changed);
      break;
    }
    case "element:delete":
      elements.delete(payload.id);
      break;
    case "comment:add":
      if (!comments.has(payload.id)) {
        comments.set(payload.id, {
          id: payload.id,
          design_id: payload.design_id ?? elements.get(payload.element_id)?.design_id ?? null,
          element_id: payload.element_id ?? null,
          author_id: me.participant_id,
          author_name: me.name,
          text: payload.text,
          created_at: op.created_at ?? null,
          pending: true,
        });
      }
      break;
    default:
      break;
  }
}
