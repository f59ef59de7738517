// What the author's supervision card on the workshop tablet shows (DOM-free: state in, view out; the card,
// claim-card.js, draws the view and turns taps into changes of the state).
//
// One author has one link at a time. A key is made for her at adoption (the facilitator's console shows its
// link, to hand over); a new one replaces it, and every copy of the old link stops working. So the card never
// makes one unasked: a link this tablet made is kept with her identity and shown again as it is; without one,
// the card says a link exists already, and making a new one here is a separate, confirmed act that says what
// stops working.

/**
 * The card's state.
 * @typedef {object} ClaimState
 * @property {string} title the project's title
 * @property {string|null} kept the link this tablet made for this author (kept with her identity), or null
 * @property {"unknown"|"works"|"dead"} check what the server said of the kept link's key ("unknown" meanwhile,
 *   or when it could not be reached: the kept link is shown all the same)
 * @property {boolean} busy a new link is being made
 * @property {boolean} made the link shown was made just now
 * @property {string|null} error the code of the last refusal (a new link that could not be made), or null
 * @property {{link: string, url: string|null, pending: boolean}|null} qr the QR code image of a link, being made
 *   (`pending`) or made (`url` null: it could not be)
 */

/** The state of a card just opened, for a link kept on this tablet (or none). */
export function initialClaimState(title, kept = null) {
  return { title, kept: kept || null, check: "unknown", busy: false, made: false, error: null, qr: null };
}

/** The key inside a supervision link (`…/supervise#key=<key>`), or null. */
export function keyOfLink(link) {
  const fragment = String(link || "").split("#")[1] || "";
  return new URLSearchParams(fragment).get("key") || null;
}

/**
 * What the card shows:
 * - `link`: the link to show with its QR code (null: none to show);
 * - `notes`: sentences as string keys, each with a tone ("info", "warning", "error");
 * - `make`: the button that makes a new link ({labelKey, primary}), or null;
 * - `confirm`: what the confirmation before making one says ({titleKey, messageKey, confirmKey});
 * - `busy`: a new link is on its way (the button is off, a status says so);
 * - `error`: the code of the refusal of the last new link (said with the API's words for it), or null;
 * - `qr`: the QR code of the link shown: {url} once made ({url: null}: it could not be), null while it is made.
 */
export function claimCardView(state) {
  const confirm = {
    titleKey: "sv.claim.confirm_title",
    // What stops working: the link kept here, or (none kept here) the one made at adoption and any made since.
    messageKey: state.kept && state.check !== "dead" ? "sv.claim.confirm_kept" : "sv.claim.confirm_first",
    confirmKey: "sv.claim.confirm",
  };
  if (state.error === "forbidden") {
    // Not an author of the design, or the facilitator ended her access: no link to make here.
    const notes = [{ key: "sv.claim.not_author", tone: "error" }];
    return { link: null, qr: null, notes, make: null, confirm, busy: false, error: null };
  }
  const notes = [];
  let link = null;
  let make;
  if (state.kept && state.check !== "dead") {
    link = state.kept;
    notes.push({ key: state.made ? "sv.claim.made" : "sv.claim.kept", tone: "info" });
    make = { labelKey: "sv.claim.replace", primary: false };
  } else if (state.kept) {
    notes.push({ key: "sv.claim.kept_dead", tone: "warning" });
    make = { labelKey: "sv.claim.make", primary: true };
  } else {
    notes.push({ key: "sv.claim.exists", tone: "info" });
    make = { labelKey: "sv.claim.make", primary: true };
  }
  const qr = link && state.qr?.link === link && !state.qr.pending ? { url: state.qr.url } : null;
  return { link, qr, notes, make, confirm, busy: state.busy, error: state.error };
}

/** The state while a new link is being made (the author confirmed it). */
export function makeStarted(state) {
  return { ...state, busy: true, error: null };
}

/** The state once a new link was made (and kept on this tablet). */
export function linkMade(state, link) {
  return { ...state, kept: link, check: "works", busy: false, made: true, error: null };
}

/** The state once making a new link failed with this error code. */
export function makeFailed(state, code) {
  return { ...state, busy: false, error: code || "unknown" };
}

/** The state once the server said whether the kept link still works (`works` true or false; null: unknown). */
export function checked(state, works) {
  if (works === null) return state;
  return { ...state, check: works ? "works" : "dead" };
}

/** The state while the QR code of a link is being made. */
export function qrPending(state, link) {
  return { ...state, qr: { link, url: null, pending: true } };
}

/** The state once the QR code of a link was made (`url` of its image) or could not be (null). */
export function qrMade(state, link, url) {
  return { ...state, qr: { link, url, pending: false } };
}

/** Whether the QR code of the link shown is still to be asked for. */
export function qrWanted(state, view) {
  return Boolean(view.link) && state.qr?.link !== view.link;
}
