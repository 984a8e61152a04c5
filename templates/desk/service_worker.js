// Tripdesk's service worker, served at /sw.js by desk.views.service_worker so that its scope
// is the whole site; desk.offline says what it keeps and why.
//
// - The app shell (CONFIG.shell: style sheets and scripts) is fetched at install and read
//   from the phone first.
// - Only the pages matching CONFIG.pages (an office trip's note page and the party's day),
//   only when a navigation asks for them: from the network first; a copy is kept when the
//   answer carries CONFIG.header, whose value names the login the page is for (a cache of
//   its own: "tripdesk-pages-<key>"). An answer without it (an internal trip, a login page,
//   someone else's page) drops the copy. Without network, or after NETWORK_WAIT on a weak
//   signal, the copy is shown.
// - Nothing else: never a POST, never another page, never the host units' or departments'
//   signed links.
// A page tells the worker who is logged in (static/js/offline.js): another login's copies go
// at once; logging out deletes every cache (and the answer's Clear-Site-Data does again).
"use strict";

{% autoescape off %}const CONFIG = {{ config }};{% endautoescape %}
const SHELL_CACHE = `tripdesk-shell-${CONFIG.version}`;
const PAGES_CACHE = "tripdesk-pages-";
const STATE_CACHE = "tripdesk-state";
const STATE_URL = new URL("/sw.js?login", self.location.origin).href; // where the login's key is kept
const PAGES = CONFIG.pages.map((pattern) => new RegExp(pattern));
const SHELL = new Set(CONFIG.shell.map((url) => new URL(url, self.location.origin).href));
const NETWORK_WAIT = 4000;

const isPage = (url) => url.origin === self.location.origin && PAGES.some((p) => p.test(url.pathname));
const withoutHash = (url) => url.split("#")[0];

async function currentKey() {
  const answer = await (await caches.open(STATE_CACHE)).match(STATE_URL);
  return answer ? answer.text() : "";
}

// The login whose pages the phone keeps now; every other login's copies go.
async function adopt(key) {
  const names = await caches.keys();
  const others = names.filter((n) => n.startsWith(PAGES_CACHE) && n !== PAGES_CACHE + key);
  await Promise.all(others.map((n) => caches.delete(n)));
  if (!key) {
    await caches.delete(STATE_CACHE);
    return;
  }
  if ((await currentKey()) !== key) await (await caches.open(STATE_CACHE)).put(STATE_URL, new Response(key));
}

async function fillShell() {
  if (await caches.has(SHELL_CACHE)) return;
  const shell = await caches.open(SHELL_CACHE);
  // One file missing does not stop the others.
  await Promise.allSettled([...SHELL].map((url) => shell.add(new Request(url, { cache: "no-cache" }))));
}

// Keep the network's answer for this page, or drop the copy it replaces.
async function remember(url, response) {
  if (response.status >= 500) return; // the server is down: the copy still holds
  const owner = response.headers.get(CONFIG.header);
  if (!owner || !response.ok || response.redirected || response.type !== "basic") {
    const key = await currentKey();
    if (key) await (await caches.open(PAGES_CACHE + key)).delete(url);
    return;
  }
  await adopt(owner);
  await (await caches.open(PAGES_CACHE + owner)).put(url, response);
}

async function keptCopy(url) {
  const key = await currentKey();
  if (!key || !(await caches.has(PAGES_CACHE + key))) return undefined;
  return (await caches.open(PAGES_CACHE + key)).match(url, { ignoreVary: true });
}

async function networkFirst(event) {
  const url = withoutHash(event.request.url);
  const network = fetch(event.request).then((response) => {
    event.waitUntil(remember(url, response.clone()).catch(() => {}));
    return response;
  });
  network.catch(() => {}); // a failure is answered below, or by the copy already shown
  const kept = keptCopy(url).catch(() => undefined);
  const late = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT)).then(async () => (await kept) || network);
  try {
    const response = await Promise.race([network, late]);
    if (response.status >= 500) return (await kept) || response;
    return response;
  } catch {
    const copy = await kept;
    if (copy) return copy;
    return Response.error();
  }
}

async function fromShell(request) {
  const shell = await caches.open(SHELL_CACHE);
  return (await shell.match(request)) || fetch(request);
}

// Fetch pages to keep them (the page just visited before the worker served it, its sibling).
async function keep(key, urls) {
  await adopt(key);
  await fillShell();
  for (const url of urls || []) {
    if (!isPage(new URL(url, self.location.origin))) continue;
    try {
      await remember(withoutHash(new URL(url, self.location.origin).href), await fetch(url, { credentials: "same-origin" }));
    } catch {
      // No signal now: the page is kept at the next visit.
    }
  }
}

// Each login's copies of kept pages fetched again: after an update they name the new shell's files.
async function refreshPages() {
  const key = await currentKey();
  if (!key || !(await caches.has(PAGES_CACHE + key))) return;
  const requests = await (await caches.open(PAGES_CACHE + key)).keys();
  await keep(key, requests.map((request) => request.url));
}

self.addEventListener("install", (event) => {
  event.waitUntil(fillShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      const old = names.filter((n) => n.startsWith("tripdesk-shell-") && n !== SHELL_CACHE);
      await Promise.all(old.map((n) => caches.delete(n)));
      await self.clients.claim();
      await refreshPages().catch(() => {});
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep") event.waitUntil(keep(String(data.key || ""), data.urls));
  else if (data.type === "login") event.waitUntil(adopt(String(data.key || "")));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (SHELL.has(url.href)) event.respondWith(fromShell(request));
  else if (request.mode === "navigate" && isPage(url)) event.respondWith(networkFirst(event));
});
