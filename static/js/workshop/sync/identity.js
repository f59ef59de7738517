// Who this device is in each workshop, kept in localStorage so a tablet that closes its browser
// comes back as the same person. Key: cowork.identity.<workshop_id>.

const PREFIX = "cowork.identity.";

function keyFor(workshopId) {
  return PREFIX + workshopId;
}

/** The stored identity {token, participant_id, name, role, workshop_id, title} for a workshop, or null. */
export function loadIdentity(workshopId) {
  try {
    const stored = JSON.parse(localStorage.getItem(keyFor(workshopId)) || "null");
    return stored && typeof stored.token === "string" && stored.token ? stored : null;
  } catch {
    return null; // a damaged entry is as good as none
  }
}

/** Store (or replace) the identity for its workshop. */
export function saveIdentity(identity) {
  const record = {
    token: identity.token,
    participant_id: identity.participant_id ?? null,
    name: identity.name ?? "",
    role: identity.role ?? "participant",
    workshop_id: identity.workshop_id,
    title: identity.title ?? "",
    // The supervision links this device made for this person (project id → link): kept with the identity, so the
    // tablet shows the same link again, and forgotten with it on a shared tablet ("Done, next person").
    supervision_links: { ...(identity.supervision_links || {}) },
  };
  localStorage.setItem(keyFor(record.workshop_id), JSON.stringify(record));
  return record;
}

/** Merge fields into the stored identity (the server's snapshot tells us our participant id and role). */
export function updateIdentity(workshopId, fields) {
  const current = loadIdentity(workshopId);
  if (!current) return null;
  return saveIdentity({ ...current, ...fields });
}

/** The supervision link this device made for the identity of a workshop on a project, or null. */
export function keptSupervisionLink(workshopId, projectId) {
  const link = loadIdentity(workshopId)?.supervision_links?.[projectId];
  return typeof link === "string" && link ? link : null;
}

/** Keep a supervision link made on this device with the identity of a workshop (it replaces the one kept before). */
export function keepSupervisionLink(workshopId, projectId, link) {
  const current = loadIdentity(workshopId);
  if (!current) return;
  saveIdentity({ ...current, supervision_links: { ...(current.supervision_links || {}), [projectId]: link } });
}

export function forgetIdentity(workshopId) {
  localStorage.removeItem(keyFor(workshopId));
}

/** Every identity stored on this device, sorted by workshop title. */
export function listIdentities() {
  const identities = [];
  for (let index = 0; index < localStorage.length; index += 1) {
    const key = localStorage.key(index);
    if (key?.startsWith(PREFIX)) {
      const identity = loadIdentity(key.slice(PREFIX.length));
      if (identity) identities.push(identity);
    }
  }
  return identities.sort((a, b) => (a.title || "").localeCompare(b.title || ""));
}

/**
 * The identity a workshop page should use: a token in the URL fragment (the facilitator's private link,
 * `#token=…`) wins and is moved into storage; otherwise the stored one; null when there is none.
 */
export function resolvePageIdentity(workshopId, { fallbackName = "", title = "" } = {}) {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get("token");
  if (!token) return loadIdentity(workshopId);
  const stored = loadIdentity(workshopId);
  // Only the facilitator link carries a token in the URL (participants join by code); the first
  // snapshot confirms the role and tells us the participant id.
  const identity =
    stored && stored.token === token
      ? stored
      : saveIdentity({ token, workshop_id: workshopId, role: "facilitator", name: fallbackName, title });
  // The token must not linger in the address bar, in history or in a screenshot.
  history.replaceState(null, "", location.pathname + location.search);
  return identity;
}

// ------------------------------------------------------------------ shared tablets ("kiosk" use)

const KIOSK_CODE_KEY = "cowork.kiosk.code";

/** Remember the join code on a shared tablet, so the next person only types their name. */
export function rememberKioskCode(code) {
  if (code) localStorage.setItem(KIOSK_CODE_KEY, code);
}

export function kioskCode() {
  return localStorage.getItem(KIOSK_CODE_KEY) || "";
}
