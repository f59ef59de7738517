// The author's supervision key on this device: it arrives in the link's fragment (#key=…, never sent to
// the server's logs), is kept in localStorage under cowork.supervision.<project_id>, and leaves the URL at once.

export function storageKey(projectId) {
  return `cowork.supervision.${projectId}`;
}

/** The stored key of a project, or null (also when storage is unavailable, as in some private modes). */
export function loadKey(projectId) {
  try {
    return localStorage.getItem(storageKey(projectId)) || null;
  } catch {
    return null;
  }
}

/** Keep the key on this device; false when storage is unavailable. */
export function saveKey(projectId, key) {
  try {
    localStorage.setItem(storageKey(projectId), key);
    return true;
  } catch {
    return false;
  }
}

/** Forget the key on this device (it stopped working). */
export function forgetKey(projectId) {
  try {
    localStorage.removeItem(storageKey(projectId));
  } catch {
    // nothing stored, nothing to forget
  }
}

/**
 * Take `#key=…` out of the address: store it and remove the fragment from the URL and history, so the
 * key is not left on screen, in bookmarks or in a shared screenshot. Returns the key found, or null.
 */
export function takeKeyFromFragment(projectId) {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ""));
  const key = (fragment.get("key") || "").trim();
  if (!key) return null;
  saveKey(projectId, key);
  history.replaceState(history.state, "", `${location.pathname}${location.search}`);
  return key;
}

/** The key for this page: from the fragment if there is one (a fresh link wins), otherwise from storage. */
export function resolveKey(projectId) {
  return takeKeyFromFragment(projectId) || loadKey(projectId);
}

/** A random UUID, also on plain-http venue networks where crypto.randomUUID is not offered. */
export function newId() {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
