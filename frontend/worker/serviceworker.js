/* Layanan Kecamatan: the service worker (docs/pwa.md).
 *
 * Served at /serviceworker.js by frontend/pwa_views.py, which puts one line before this file:
 *   self.LK = {version, shell, pages, optionalPages, offline, manifest, networkOnly, staticUrl,
 *              mediaUrl}
 * `version` is a hash of this file, the shell files, the offline page's templates and the
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
 * The outbox (static/js/outbox.js, section COMPLAINT OUTBOX below) lives in IndexedDB, which no
 * version change touches: a new worker never drops queued complaints or survey responses.
 */
"use strict";

var LK = self.LK;
importScripts(LK.outbox); // self.LKOutbox: the same code the complaint and survey forms use
var SHELL = "lk-shell-" + LK.version; // replaced by every new version
// Kept across versions: change the number only if what is stored changes shape.
var PAGES = "lk-pages-1"; // pages the resident opened
var IMAGES = "lk-images-1";
var STATIC = "lk-static-1";
var SAVED = "lk-saved-1"; // "Simpan untuk dibaca offline": only the resident removes these
var LITE = "lk-lite-1"; // pages read in low-data mode: their images are tap-to-load links
var PREFS = "lk-prefs-1"; // the resident's choices, kept across restarts and versions
var CURRENT = [SHELL, PAGES, IMAGES, STATIC, SAVED, LITE, PREFS];
var LOW_DATA_KEY = "/lk-prefs/low-data"; // never fetched: only a key in PREFS

var PAGE_TIMEOUT = 3000; // ms before a slow network loses to the saved copy
var PAGE_LIMIT = 50;
var STATIC_LIMIT = 60;
var IMAGE_LIMIT = 60;
var IMAGE_MAX_AGE = 30 * 24 * 3600 * 1000;
var HASHED = /\.[0-9a-f]{12}\.\w+$/; // ManifestStaticFilesStorage names: site.1a2b3c4d5e6f.css

function noop() {}

/* ---- Install: the shell (all or nothing), then the pages every resident keeps. ---- */

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches
      .open(SHELL)
      .then(function (cache) {
        return cache.addAll(LK.shell);
      })
      .then(warmPages)
      // Take over at once: open pages keep their CSS and JS, and every later request works
      // under the new worker (old hashed files stay in lk-static and on the server).
      .then(function () {
        return self.skipWaiting();
      })
  );
});

/* Keep the home page, the latest announcements, the complaint form (if it exists yet) and the
 * page the resident is reading right now: the first visit happened before this worker ran. */
function warmPages() {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (clients) {
    var urls = LK.pages.concat(LK.optionalPages);
    clients.forEach(function (client) {
      var url = new URL(client.url);
      if (url.origin === location.origin && !networkOnly(url)) urls.push(url.pathname + url.search);
    });
    urls = urls.filter(function (url, i) {
      return urls.indexOf(url) === i;
    });
    return lowDataOn().then(function (lite) {
      // A new version in low-data mode keeps low-data copies, like every page read then.
      var headers = lite ? { "Save-Data": "on" } : {};
      return caches.open(lite ? LITE : PAGES).then(function (cache) {
        return Promise.all(
          urls.map(function (url) {
            return fetch(url, { credentials: "same-origin", headers: headers })
              .then(function (response) {
                if (storable(response, true)) return cache.put(url, response);
              })
              .catch(noop); // a page that fails (a 404, a timeout) is simply not kept
          })
        );
      });
    });
  });
}

/* ---- Activate: delete the caches of earlier versions, then control the open pages. ---- */

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches
      .keys()
      .then(function (names) {
        return Promise.all(
          names
            .filter(function (name) {
              return name.indexOf("lk-") === 0 && CURRENT.indexOf(name) < 0;
            })
            .map(function (name) {
              return caches.delete(name);
            })
        );
      })
      .then(lowDataOn)
      .then(preload)
      .then(function () {
        return self.clients.claim();
      })
  );
});

/* ---- Fetch: pick a strategy by kind of request. ---- */

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.mode === "navigate") outboxNudge(event);
  if (request.method !== "GET") {
    // COMPLAINT OUTBOX: a photo shared into the app; every other POST goes to the network.
    if (request.method === "POST" && request.mode === "navigate" && isComplaintForm(url)) {
      event.respondWith(sharedPhoto(request));
    }
    return;
  }
  if (url.origin !== location.origin || networkOnly(url) || request.headers.has("range")) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname === LK.manifest) {
    event.respondWith(manifest(request));
  } else if (url.pathname.indexOf(LK.staticUrl) === 0) {
    event.respondWith(staticFile(event, url));
  } else if (request.destination === "image" || url.pathname.indexOf(LK.mediaUrl + "images/") === 0) {
    event.respondWith(image(event));
  }
});

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

/* Pages: network first; a saved copy when the network fails or is slower than PAGE_TIMEOUT;
 * the offline page when there is no copy. In low-data mode the request carries Save-Data, the
 * server answers with tap-to-load images, and that copy is kept apart (LITE) from full pages. */
function page(event) {
  var request = event.request;
  var key = request.url;
  var preloaded = Promise.resolve(event.preloadResponse).catch(noop);
  event.waitUntil(preloaded); // settled even when unused (a preload started before a switch)
  return lowDataOn().then(function (lite) {
    return pageAnswer(event, key, lite, preloaded);
  });
}

function pageAnswer(event, key, lite, preloaded) {
  var request = event.request;
  var kept = lite ? LITE : PAGES;
  var network = preloaded
    .then(function (response) {
      if (response && !lite) return response;
      return fetch(lite ? withSaveData(request) : request);
    })
    .then(function (response) {
      if (storable(response, true) && !isOfflinePage(key)) {
        var copy = response.clone();
        event.waitUntil(
          put(kept, key, copy).then(function () {
            return trim(kept, PAGE_LIMIT);
          })
        );
      }
      return response;
    });
  event.waitUntil(network.catch(noop)); // let a slow answer still refresh the copy
  function saved() {
    // Low-data copies first in low-data mode (no image waits in them), last otherwise (their
    // images show after the page script reveals them). The complaint form opened to correct a
    // kept item (?perbaiki=key) is the saved form itself.
    var url = new URL(key);
    url.searchParams.delete("perbaiki");
    var order = lite ? [LITE, SAVED, PAGES, SHELL] : [PAGES, SAVED, SHELL, LITE];
    return order
      .reduce(function (found, name) {
        return found.then(function (response) {
          return response || caches.match(url.href, { cacheName: name, ignoreVary: true });
        });
      }, Promise.resolve(null))
      .then(function (response) {
        // The offline page says it is one itself: no "showing a saved copy" note on it.
        if (response && !isOfflinePage(key)) servedCopy(event);
        return response;
      });
  }
  return new Promise(function (resolve) {
    var answered = false;
    function answer(response) {
      if (response && !answered) {
        answered = true;
        resolve(response);
      }
    }
    var timer = setTimeout(function () {
      saved().then(answer); // no copy: keep waiting for the network
    }, PAGE_TIMEOUT);
    network.then(
      function (response) {
        clearTimeout(timer);
        answer(response);
      },
      function () {
        clearTimeout(timer);
        saved()
          .then(function (response) {
            return response || offlinePage(key);
          })
          .then(answer);
      }
    );
  });
}

/* A navigation request with `Save-Data: on`. A navigation cannot be copied with changes
 * (new Request(navigation, init) throws), so it is rebuilt from its parts. `redirect: manual`
 * as for the navigation itself: the browser follows a redirect as a new navigation, which comes
 * back here and is sent with Save-Data too (a followed redirect would be refused for a page). */
function withSaveData(request) {
  var headers = new Headers(request.headers);
  headers.set("Save-Data", "on");
  return new Request(request.url, {
    method: "GET",
    headers: headers,
    credentials: "same-origin",
    redirect: "manual",
    referrer: request.referrer,
    referrerPolicy: request.referrerPolicy,
    cache: request.cache === "only-if-cached" ? "default" : request.cache,
  });
}

/* ---- Low-data mode (the footer switch; docs/performance.md). ---- */

var lowData = null; // unknown until read from PREFS: a worker restarts often

function lowDataOn() {
  if (lowData !== null) return Promise.resolve(lowData);
  return caches
    .match(LOW_DATA_KEY, { cacheName: PREFS })
    .then(function (response) {
      return response ? response.text() : "0";
    })
    .then(function (value) {
      if (lowData === null) lowData = value === "1";
      return lowData;
    })
    .catch(function () {
      return false;
    });
}

function rememberLowData(on) {
  return caches
    .open(PREFS)
    .then(function (cache) {
      return cache.put(LOW_DATA_KEY, new Response(on ? "1" : "0"));
    })
    .then(function () {
      return preload(on);
    });
}

/* Navigation preload starts the page request while the worker boots, but without Save-Data:
 * off in low-data mode, or every page would be downloaded twice. */
function preload(lite) {
  var navigationPreload = self.registration.navigationPreload;
  if (!navigationPreload) return null;
  return (lite ? navigationPreload.disable() : navigationPreload.enable()).catch(noop);
}

/* ---- Pages answered from a kept copy: the page shows "you are offline" (pwa.js asks). ---- */

var copies = {}; // client id -> true, until its page asks

function servedCopy(event) {
  var id = event.resultingClientId;
  if (id) copies[id] = true;
}

/* The manifest: fresh when online (names, colours), the precached copy offline. */
function manifest(request) {
  return fetch(request).catch(function () {
    return caches.match(request, { cacheName: SHELL, ignoreVary: true });
  });
}

function isOfflinePage(url) {
  var path = new URL(url).pathname;
  return Object.keys(LK.offline).some(function (code) {
    return LK.offline[code] === path;
  });
}

function offlinePage(url) {
  var path = new URL(url).pathname;
  var code =
    Object.keys(LK.offline).filter(function (code) {
      return path.indexOf("/" + code + "/") === 0;
    })[0] || "id";
  return caches.match(LK.offline[code], { cacheName: SHELL, ignoreVary: true }).then(function (response) {
    return response || Response.error();
  });
}

/* Static files: the shell first; hashed names never change, so the cache is always right;
 * plain names (development) come from the network when it answers. */
function staticFile(event, url) {
  var request = event.request;
  return caches.match(request, { cacheName: SHELL, ignoreVary: true }).then(function (shell) {
    if (shell) return shell;
    return caches.match(request, { cacheName: STATIC, ignoreVary: true }).then(function (cached) {
      if (cached && HASHED.test(url.pathname)) return cached;
      return fetch(request).then(
        function (response) {
          if (storable(response, false)) {
            event.waitUntil(
              put(STATIC, request, response.clone()).then(function () {
                return trim(STATIC, STATIC_LIMIT);
              })
            );
          }
          return response;
        },
        function (error) {
          if (cached) return cached;
          throw error;
        }
      );
    });
  });
}

/* Images: the kept copy at once, refreshed in the background; saved-for-offline copies are
 * used as they are. Each kept copy carries the time it was stored, for the 30-day limit. */
function image(event) {
  var request = event.request;
  return caches.match(request, { ignoreVary: true }).then(function (cached) {
    var storedAt = cached && Number(cached.headers.get("X-LK-Stored"));
    if (cached && !storedAt) return cached; // from the shell or a saved page
    var fresh = fetch(request).then(function (response) {
      if (storable(response, false)) event.waitUntil(keepImage(request, response.clone()));
      return response;
    });
    if (cached && Date.now() - storedAt < IMAGE_MAX_AGE) {
      event.waitUntil(fresh.catch(noop));
      return cached;
    }
    return fresh.catch(function () {
      return cached || placeholder();
    });
  });
}

/* Offline and never seen: a plain tint in the image's box (width and height are in the HTML)
 * instead of a broken-image icon. Never stored. */
function placeholder() {
  var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9" fill="#eef5f1"/></svg>';
  return new Response(svg, { headers: { "Content-Type": "image/svg+xml", "Cache-Control": "no-store" } });
}

function keepImage(request, response) {
  return response
    .blob()
    .then(function (body) {
      var headers = new Headers(response.headers);
      headers.set("X-LK-Stored", String(Date.now()));
      return put(IMAGES, request, new Response(body, { status: response.status, headers: headers }));
    })
    .then(expireImages);
}

function expireImages() {
  return caches.open(IMAGES).then(function (cache) {
    return cache.keys().then(function (keys) {
      return Promise.all(
        keys.map(function (key) {
          return cache.match(key).then(function (response) {
            var storedAt = response && Number(response.headers.get("X-LK-Stored"));
            return Date.now() - storedAt > IMAGE_MAX_AGE ? cache.delete(key) : false;
          });
        })
      ).then(function () {
        return trim(IMAGES, IMAGE_LIMIT);
      });
    });
  });
}

/* ---- Messages from the page (static/js/pwa.js). ---- */

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "low-data") {
    // Sent when the switch changes and on every page load once set: store only a change (at
    // most once more after a restart). Set at once: the next navigation may follow right away.
    var was = lowData;
    lowData = data.on === true;
    if (was !== lowData) event.waitUntil(rememberLowData(lowData));
  }
  if (data.type === "served-copy?" && event.source) {
    var id = event.source.id;
    event.source.postMessage({ type: "served-copy", copy: copies[id] === true });
    delete copies[id];
  }
  if (data.type === "keep-images" && Array.isArray(data.urls)) {
    // The first page was drawn before this worker ran: keep its images like later ones.
    event.waitUntil(
      Promise.all(
        data.urls
          .filter(function (src, i) {
            return data.urls.indexOf(src) === i; // a listing may show one image twice
          })
          .map(function (src) {
            var url = new URL(src, location.href);
            if (url.origin !== location.origin) return null;
            return caches.match(url.href).then(function (cached) {
              if (cached) return null;
              return fetch(url.href)
                .then(function (response) {
                  if (storable(response, false)) return keepImage(new Request(url.href), response);
                })
                .catch(noop);
            });
          })
      )
    );
  }
});

/* ---- COMPLAINT OUTBOX (issue #6, docs/complaints-offline.md). ---- */

var OUTBOX_SYNC = "lk-outbox";
var NUDGE_EVERY = 30000; // ms: a page load sends what waits, at most this often
var lastNudge = 0;

function isComplaintForm(url) {
  return LK.complaintForms.indexOf(url.pathname) >= 0;
}

/* The manifest's share_target posts the shared image (and text) to the complaint form. Keep it
 * in IndexedDB, even offline, and open the form, which attaches it. The form's own post (it has
 * an idempotency_key: JavaScript was off) goes to the network as without a worker. */
function sharedPhoto(request) {
  return request
    .clone()
    .formData()
    .then(function (data) {
      if (data.has("idempotency_key")) return fetch(request);
      var photo = data.get("photo");
      var text = data.get("description") || "";
      return self.LKOutbox.keepShared(photo && photo.size ? photo : null, text).then(function () {
        return Response.redirect(new URL(request.url).pathname, 303);
      });
    })
    .catch(function () {
      return fetch(request);
    });
}

/* Any page load while complaints wait is a sign of signal: send them (not waiting for the page). */
function outboxNudge(event) {
  if (Date.now() - lastNudge < NUDGE_EVERY) return;
  lastNudge = Date.now();
  event.waitUntil(self.LKOutbox.flush(false).catch(noop));
}

/* Background Sync (Chromium): the browser wakes the worker when the phone is online again, even
 * with the app closed. One flush sends queued complaints and survey responses alike. Failing the event makes the browser try again later (a few times only;
 * the page's own timer and online event carry on after that). */
self.addEventListener("sync", function (event) {
  if (event.tag !== OUTBOX_SYNC) return;
  event.waitUntil(
    self.LKOutbox.flush(true).then(function (left) {
      if (left) throw new Error(left + " items still waiting");
    })
  );
});

self.addEventListener("activate", function (event) {
  // A new version: ask for a sync, so what an earlier version queued is sent without a page.
  if (self.registration.sync) event.waitUntil(self.registration.sync.register(OUTBOX_SYNC).catch(noop));
});
