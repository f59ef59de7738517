// The service worker of the offline app shell, served as /sw.js by cowork/web/shell.py, whose first line sets
// self.COWORK_SHELL = {build, precache, tileUrl, tileLimit}: the build id (a hash of every file below), the URLs
// of the shell's files (static/ and the vendored libraries), the map's tile template and how many tiles to keep.
//
// - Install: every file of this build goes into one cache named after the build, fetched past the HTTP cache;
//   one failure fails the install (its cache goes, the old worker stays, whole). The pages kept by the last build are fetched
//   again, so they load offline after an upgrade too.
// - Activate: this worker takes the open pages over, then older builds' caches are deleted (which reload once, see
//   register.js, so no page runs files of two builds) and keeps each open page of the shell.
// - Pages of the shell (the front door, the live map, the console, the projector, supervision): network first,
//   the copy kept from the last visit when the network fails. Scripts, styles, catalogues: from this build's
//   cache. Map tiles: kept as seen, up to TILE_LIMIT, the oldest let go first. Everything else (the API,
//   Socket.IO, photos, exports) is not touched: it goes to the network as if there were no worker.

const SHELL = self.COWORK_SHELL;
const SHELL_PREFIX = "cowork-shell-";
const SHELL_CACHE = SHELL_PREFIX + SHELL.build;
const TILE_CACHE = "cowork-tiles";
// COWORK_OFFLINE_TILES: by default 2,000, about 60 MB of 30 KB tiles, a venue's site at every zoom a person uses.
const TILE_LIMIT = SHELL.tileLimit;
// A network that neither answers nor fails (a venue's router half alive): after this, the kept page.
const NAVIGATION_TIMEOUT_MS = 4000;
const SHELL_PAGES = [/^\/$/, /^\/w\/[^/]+$/, /^\/w\/[^/]+\/(console|projector)$/, /^\/p\/[^/]+\/supervise$/];
const ASSET_PREFIXES = ["/static/", "/vendor/"];
const TILE_PATTERNS = [/^\/tiles\/\d+\/\d+\/\d+/, tilePattern(SHELL.tileUrl)].filter(Boolean);

/** A RegExp matching the URLs of a Leaflet tile template ({s}, {z}, {x}, {y}, {r}), or null without one. */
function tilePattern(template) {
  if (!template) return null;
  const absolute = new URL(template.replace(/\{(\w)\}/g, "__$1__"), self.location.origin).href;
  const escaped = absolute.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const source = escaped
    .replace("__s__", "[a-z0-9-]+")
    .replace(/__[zxy]__/g, "\\d+")
    .replace("__r__", "(@2x)?");
  return new RegExp(`^${source}$`);
}

function isShellPage(url) {
  return url.origin === self.location.origin && SHELL_PAGES.some((pattern) => pattern.test(url.pathname));
}

function isTile(url) {
  if (url.origin === self.location.origin) return TILE_PATTERNS[0].test(url.pathname);
  return TILE_PATTERNS.slice(1).some((pattern) => pattern.test(url.href));
}

/** The key a page is kept under: its address without the query (a join link's ?code= is not another page). */
function pageKey(url) {
  return url.origin + url.pathname;
}

/** A page answer worth keeping: this site's HTML, whole, not a redirect nor an error. */
function keepable(response) {
  return (
    response.ok &&
    response.type === "basic" &&
    !response.redirected &&
    (response.headers.get("Content-Type") || "").startsWith("text/html")
  );
}

async function keepPage(cache, url) {
  try {
    const response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
    if (keepable(response)) await cache.put(pageKey(new URL(url)), response);
  } catch {
    // Not reachable now: the page is kept on its next visit.
  }
}

async function install() {
  const cache = await caches.open(SHELL_CACHE);
  await cache.addAll(SHELL.precache.map((url) => new Request(url, { cache: "no-store" })));
  for (const name of await caches.keys()) {
    if (!name.startsWith(SHELL_PREFIX) || name === SHELL_CACHE) continue;
    const old = await caches.open(name);
    for (const request of await old.keys()) {
      const url = new URL(request.url);
      if (isShellPage(url)) await keepPage(cache, url.href);
    }
  }
}

async function activate() {
  // Take the pages over before deleting the old caches: until then the old worker serves them from its own.
  await self.clients.claim();
  for (const name of await caches.keys()) {
    if (name.startsWith(SHELL_PREFIX) && name !== SHELL_CACHE) await caches.delete(name);
  }
  const cache = await caches.open(SHELL_CACHE);
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    const url = new URL(client.url);
    if (isShellPage(url) && !(await cache.match(pageKey(url)))) await keepPage(cache, url.href);
  }
}

/** Network first; the kept copy when the network fails or stays silent too long. */
async function page(request, url) {
  const cache = await caches.open(SHELL_CACHE);
  const network = fetch(request);
  let timer;
  const silence = new Promise((resolve) => (timer = setTimeout(resolve, NAVIGATION_TIMEOUT_MS, null)));
  const answer = await Promise.race([network.catch(() => null), silence]);
  clearTimeout(timer);
  if (answer) {
    if (keepable(answer)) await cache.put(pageKey(url), answer.clone());
    return answer;
  }
  // This build's copy, else any build's (an old worker a moment after its cache went): better than no page.
  const kept = (await cache.match(pageKey(url))) || (await caches.match(pageKey(url)));
  return kept || network;
}

/** This build's copy; the network for anything the build does not hold (it is not kept: it is not of this build). */
async function asset(request) {
  const cache = await caches.open(SHELL_CACHE);
  return (await cache.match(request)) || fetch(request);
}

/** A tile as seen before, else from the network, kept for next time. */
async function tile(request) {
  const cache = await caches.open(TILE_CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok || response.type === "opaque") {
    await cache.put(request, response.clone());
    await trimTiles(cache);
  }
  return response;
}

/** Let the oldest tiles go beyond the limit (a cache lists its entries in the order they were stored). */
async function trimTiles(cache) {
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - TILE_LIMIT))) await cache.delete(request);
}

self.addEventListener("install", (event) => {
  const failed = async (error) => {
    await caches.delete(SHELL_CACHE);
    throw error;
  };
  event.waitUntil(install().then(() => self.skipWaiting(), failed));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(activate());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (request.mode === "navigate") {
    if (isShellPage(url)) event.respondWith(page(request, url));
  } else if (url.origin === self.location.origin && ASSET_PREFIXES.some((prefix) => url.pathname.startsWith(prefix))) {
    event.respondWith(asset(request));
  } else if (isTile(url)) {
    event.respondWith(tile(request));
  }
});
