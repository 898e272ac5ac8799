/* Layanan Kecamatan: the service worker (docs/pwa.md).
 *
 * Served at /serviceworker.js by frontend/pwa_views.py as one file: a first line
 *   self.LK = {version, outbox, complaintForms, shell, pages, optionalPages, offline, manifest,
 *              networkOnly, staticUrl, mediaUrl}
 * then the parts of frontend/scripts/ in the order of WORKER_PARTS in frontend/bundles.py, all in
 * one scope (a part may use what any part defines):
 *
 *   worker/base.js         this: the config, importScripts, what may be kept, storing
 *   caches.js              cache names (shared with static/js/pwa.js)
 *   worker/lifecycle.js    install (the shell, the pages every app keeps), activate
 *   worker/fetch.js        pick a strategy per request; static files, images, the manifest
 *   worker/pages.js        page navigations: network first, a kept copy, the offline page
 *   worker/low-data.js     low-data mode: remembered, navigation preload off
 *   worker/messages.js     what the page script asks (low-data, served-copy?, keep-images)
 *   worker/outbox-sync.js  the complaint outbox: shared photos, nudges, Background Sync
 *   worker/push.js         Web Push: show a notification, keep its page, open it on a tap
 *
 * `version` is a hash of these parts, the shell files, the offline page's templates and the
 * catalogues: change any of them and browsers install a new worker, which precaches the new shell
 * and deletes the old one. There is nothing to bump by hand.
 *
 *   page navigations   network first; after 3 s (or no network) the saved copy; else /offline/;
 *                      in low-data mode sent with `Save-Data: on` and kept apart (lk-lite)
 *   /static/ files     the precached shell; hashed names cache first; other names network first
 *   images             stale-while-revalidate, at most 60 kept, none older than 30 days;
 *                      offline and never seen: a plain placeholder
 *   /manifest.json     network first, then the precached copy
 *   anything else      straight to the network: POST, /admin/, /api/, other sites, Range requests
 *
 * The outbox (static/js/outbox.js, worker/outbox-sync.js) lives in IndexedDB, which no version
 * change touches: a new worker never drops queued complaints or survey responses.
 */
"use strict";

var LK = self.LK;
importScripts(LK.outbox); // self.LKOutbox: the same code the complaint and survey forms use
var SHELL = "lk-shell-" + LK.version; // replaced by every new version

function noop() {}

function networkOnly(url) {
  return LK.networkOnly.some(function (prefix) {
    return url.pathname.indexOf(prefix) === 0;
  });
}

/* A response we may keep: complete, ours, not personal. (Browsers hide Set-Cookie from workers;
 * the check stays so a future header change cannot slip through.) `private` means personal,
 * except on the complaint form: each copy carries its own idempotency key, kept from shared
 * caches but not from this phone (frontend/complaints.py). */
function storable(response, html) {
  if (!response || !response.ok || response.type !== "basic" || response.redirected) return false;
  var control = response.headers.get("Cache-Control") || "";
  if (/no-store/i.test(control)) return false;
  if (/private/i.test(control) && !isComplaintForm(new URL(response.url))) return false;
  if (response.headers.has("Set-Cookie")) return false;
  return !html || (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
}

/* Drop the oldest entries beyond `limit` (a cache lists its keys oldest first). */
function trim(name, limit) {
  return caches.open(name).then(function (cache) {
    return cache.keys().then(function (keys) {
      return Promise.all(
        keys.slice(0, Math.max(0, keys.length - limit)).map(function (key) {
          return cache.delete(key);
        })
      );
    });
  });
}

/* Store, and when the phone is full drop the runtime caches rather than fail every request. */
function put(name, key, response) {
  return caches
    .open(name)
    .then(function (cache) {
      return cache.put(key, response);
    })
    .catch(function (error) {
      if (error && error.name === "QuotaExceededError") {
        return Promise.all([caches.delete(IMAGES), caches.delete(STATIC)]);
      }
    });
}
