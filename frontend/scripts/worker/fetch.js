/* Fetch: pick a strategy by kind of request, and the strategies of everything but pages
 * (pages.js): the manifest, static files, images.
 * Uses LK, SHELL, noop, networkOnly, storable, trim, put (base.js), STATIC and IMAGES (caches.js),
 * page (pages.js), outboxNudge, isComplaintForm, sharedPhoto (outbox-sync.js). */

var STATIC_LIMIT = 60;
var IMAGE_LIMIT = 60;
var IMAGE_MAX_AGE = 30 * 24 * 3600 * 1000;
var HASHED = /\.[0-9a-f]{12}\.\w+$/; // ManifestStaticFilesStorage names: site.1a2b3c4d5e6f.css

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

/* The manifest: fresh when online (names, colours), the precached copy offline. */
function manifest(request) {
  return fetch(request).catch(function () {
    return caches.match(request, { cacheName: SHELL, ignoreVary: true });
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
