// The psz-monitor service worker, served as /sw.js with `Cache-Control: no-cache`.
//
// `cargo xtask dist` copies this file into dist/ with the bundle's version and the public app
// shell's files (what the public index.html and its start script load, with their `?v=`
// versions, plus the manifest and icons) in place of the two placeholders below. Every build is
// therefore a new worker, and its caches replace the old build's (`activate`).
//
// Caches, per build:
// - psz-shell-<version>: the app shell, stored on install and answered from the store first;
// - psz-pages-<version>: the HTML of the public pages a person opened (network first);
// - psz-data-<version>: public answers of POST /graphql, keyed by the SHA-256 of the request
//   body (network first).
// A page or answer from the store says so: the HTML gets <meta name="psz-offline"
// content="<when it was stored>"> in its head, an answer the header X-PSZ-Offline; the app
// shows "offline — data z …" and reloads when the network returns (components/offline.rs).
//
// Never stored, never answered from the store: staff pages (and anything a staff page asks),
// staff.html and pkg/staff*, anything the staff app asks (X-PSZ-Staff-App, even on a public
// address after signing out), requests carrying a session's CSRF token, answers marked `private`
// or `no-store` (every signed-in caller's and every mutation's), other origins, methods other
// than GET and POST, /graphql/ws, downloads (/data/…, /zpravy/…, .ics, .xlsx) and every other
// address not listed below. Signing out deletes the page and data caches (the app, and this
// worker when told `{ type: "psz-forget" }`).
'use strict';

const VERSION = '__PSZ_VERSION__';
const SHELL = [/*__PSZ_SHELL__*/];

const SHELL_CACHE = `psz-shell-${VERSION}`;
const PAGES_CACHE = `psz-pages-${VERSION}`;
const DATA_CACHE = `psz-data-${VERSION}`;
// At most this many pages, and as many answers, are kept; the oldest leave first.
const LIMIT = 200;
// How long the network may take before a stored copy is shown instead.
const NETWORK_WAIT_MS = 4000;
// When a stored copy was stored (ISO 8601), kept as a header of the stored response.
const STORED_AT = 'X-PSZ-Stored';
// The header of an answer that comes from the store.
const OFFLINE_HEADER = 'X-PSZ-Offline';
// The CSRF header's value before anybody signs in (`frontend/src/api.rs`); any other value is
// a session's token.
const PUBLIC_CSRF = 'psz-monitor';
// The header of every request the staff app sends (`frontend/src/api.rs`).
const STAFF_APP = 'X-PSZ-Staff-App';
// The public pages the server renders (`server/src/http/page.rs` PUBLIC_PATHS).
const PUBLIC_PAGE =
  /^\/(?:|oblast\/[^/]+|cil\/[^/]+|opatreni\/[^/]+|stul\/(?:oblast|cil)\/[^/]+|indikatory|rozpocet|rizika|srovnani\/\d+\/\d+|harmonogram|zpravy|data|hledat)$/;
// The staff pages (`server/src/http.rs` STAFF_PATHS).
const STAFF_PAGE = /^\/(?:prihlaseni|zadavani|uzivatele|sprava|historie)(?:\/|$)/;

const shellPaths = new Set(SHELL);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(SHELL);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const current = new Set([SHELL_CACHE, PAGES_CACHE, DATA_CACHE]);
      for (const name of await caches.keys()) {
        if (name.startsWith('psz-') && !current.has(name)) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'psz-forget') {
    event.waitUntil(forget());
  }
});

// Deletes every stored page and answer (of any build).
async function forget() {
  for (const name of await caches.keys()) {
    if (name.startsWith('psz-pages-') || name.startsWith('psz-data-')) {
      await caches.delete(name);
    }
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'GET') {
    if (request.mode === 'navigate') {
      if (PUBLIC_PAGE.test(url.pathname)) event.respondWith(page(event, url));
    } else if (shellPaths.has(url.pathname + url.search)) {
      event.respondWith(shellFile(request));
    }
    return;
  }
  if (request.method === 'POST' && url.pathname === '/graphql' && url.search === '') {
    const csrf = request.headers.get('X-PSZ-CSRF');
    if (csrf !== null && csrf !== PUBLIC_CSRF) return;
    if (request.headers.get(STAFF_APP) !== null) return;
    event.respondWith(graphql(event));
  }
});

// A file of the app shell: the stored copy, else the network's.
async function shellFile(request) {
  const cache = await caches.open(SHELL_CACHE);
  return (await cache.match(request)) || fetch(request);
}

// A public page: the network's, stored; without a network, the stored copy marked as such, or
// a short page saying the address was never opened here.
async function page(event, url) {
  const key = new Request(url.origin + url.pathname + url.search);
  try {
    return await networkFirst(event, event.request, PAGES_CACHE, key, () => storedPage(key));
  } catch (error) {
    return offlinePage();
  }
}

// A public GraphQL read: the network's answer, stored when it is public; without a network,
// the stored answer to the same request body. What a staff page asks passes untouched.
async function graphql(event) {
  const request = event.request;
  if (!(await fromPublicPage(event))) return fetch(request);
  const body = await request.clone().text();
  const key = new Request(`${self.location.origin}/__psz/graphql/${await sha256(body)}`);
  return networkFirst(event, request, DATA_CACHE, key, () => storedAnswer(key));
}

// Whether the request comes from a tab showing a public page (not a staff page).
async function fromPublicPage(event) {
  if (!event.clientId) return false;
  const client = await self.clients.get(event.clientId);
  if (!client) return false;
  return !STAFF_PAGE.test(new URL(client.url).pathname);
}

// Asks the network; stores a public success under `key`. When the network fails, or has not
// answered within NETWORK_WAIT_MS and a stored copy exists, gives `fromStore()`'s copy.
async function networkFirst(event, request, cacheName, key, fromStore) {
  const network = fetch(request).then((response) => {
    if (keepable(response)) event.waitUntil(keep(cacheName, key, response.clone()));
    return response;
  });
  // A late failure after a stored copy was given is nobody's concern.
  network.catch(() => {});
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, NETWORK_WAIT_MS, 'late');
  });
  try {
    const first = await Promise.race([network, late]);
    if (first !== 'late') return first;
    const stored = await fromStore();
    return stored || (await network);
  } catch (error) {
    const stored = await fromStore();
    if (stored) return stored;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// Whether an answer may be stored: a same-origin 200 that is neither private nor no-store.
function keepable(response) {
  if (response.status !== 200 || response.type !== 'basic') return false;
  const control = (response.headers.get('Cache-Control') || '').toLowerCase();
  return !control.includes('no-store') && !control.includes('private');
}

// Stores `response` under `key` with the time, as the newest entry, and drops the oldest
// entries over LIMIT.
async function keep(cacheName, key, response) {
  const body = await response.arrayBuffer();
  const headers = new Headers({
    'Content-Type': response.headers.get('Content-Type') || 'application/octet-stream',
    [STORED_AT]: new Date().toISOString(),
  });
  const cache = await caches.open(cacheName);
  // Deleted first, so the new copy is the last of the keys (they list in insertion order).
  await cache.delete(key);
  await cache.put(key, new Response(body, { status: 200, headers }));
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - LIMIT))) {
    await cache.delete(old);
  }
}

// A stored page with `<meta name="psz-offline" content="<when stored>">` in its head.
async function storedPage(key) {
  const cache = await caches.open(PAGES_CACHE);
  const hit = await cache.match(key, { ignoreVary: true });
  if (!hit) return null;
  const at = escapeHtml(hit.headers.get(STORED_AT) || '');
  const html = (await hit.text()).replace(
    /<head>/i,
    `<head>\n  <meta name="psz-offline" content="${at}">`,
  );
  return new Response(html, {
    status: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8', [OFFLINE_HEADER]: at },
  });
}

// A stored GraphQL answer with the X-PSZ-Offline header.
async function storedAnswer(key) {
  const cache = await caches.open(DATA_CACHE);
  const hit = await cache.match(key, { ignoreVary: true });
  if (!hit) return null;
  return new Response(await hit.arrayBuffer(), {
    status: 200,
    headers: {
      'Content-Type': hit.headers.get('Content-Type') || 'application/json',
      [OFFLINE_HEADER]: hit.headers.get(STORED_AT) || '',
    },
  });
}

// The page for an address never opened on this device, while offline (Czech, then English).
function offlinePage() {
  const style = SHELL.find((path) => path.startsWith('/style.css')) || '/style.css';
  const html = `<!doctype html>
<html lang="cs">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Offline – psz-monitor</title>
  <link rel="stylesheet" href="${style}">
</head>
<body>
<main id="obsah" class="wrap">
  <article class="page" data-page="offline" data-state="error">
    <h1>Jste offline</h1>
    <p>Tuto stránku jste v tomto zařízení ještě neotevřeli, a bez připojení ji proto nelze zobrazit. Stránky, které jste už otevřeli, zůstávají dostupné.</p>
    <p><a href="/">Přehled plánu</a></p>
    <div lang="en">
      <h2>You are offline</h2>
      <p>This page has not been opened on this device yet, so it cannot be shown without a connection. Pages you have opened stay available.</p>
      <p><a href="/">The plan's overview</a></p>
    </div>
  </article>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

// The SHA-256 of a text, in hexadecimal.
async function sha256(text) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
