// What the screen shows: the confirmed state with this device's unconfirmed edits laid over it, in order.
// Recomputed from scratch on every change, which makes rollback free: drop the op, render again.

/**
 * @param {import("./state.js").WorkshopState} state
 * @param {object[]} ops the op queue's journal, oldest first
 * @returns {{designs: Map<string, object>, elements: Map<string, object>}}
 *   Items changed by an unconfirmed op carry `pending: true`.
 */
export function buildView(state, ops) {
  const designs = new Map(state.designs);
  const elements = new Map(state.elements);
  const me = state.you || {};

  for (const op of ops) {
    if (op.status === "acked") {
      overlayAcked(op, designs, elements);
    } else {
      overlayPending(op, designs, elements, me);
    }
  }
  return { designs, elements };
}

// An accepted op whose broadcast has not been applied yet: show the server's answer as confirmed.
function overlayAcked(op, designs, elements) {
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
    default:
      break;
  }
}

function overlayPending(op, designs, elements, me) {
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
      if (payload.kind !== undefined) changed.kind = payload.kind;
      elements.set(payload.id, changed);
      break;
    }
    case "element:delete":
      elements.delete(payload.id);
      break;
    default:
      break;
  }
}
