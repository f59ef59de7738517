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

export function forgetIdentity(workshopId) {
  localStorage.removeItem(keyFor(workshopId));
}

/** Every identity stored on this device, sorted by workshop title. */
export function listIdentities() {
  const identities = [];
  for (let index = 0; index < localStorage.length; index += 1) {
    const key = localStorage.key(index);
    if (key && key.startsWith(PREFIX)) {
      const identity = loadIdentity(key.slice(PREFIX.length));
      if (identity) identities.push(identity);
    }
  }
  return identities.sort((a, b) => (a.title || "").localeCompare(b.title || ""));
}
