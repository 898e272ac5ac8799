/* The worker's life: install (the shell, all or nothing, then the pages every resident keeps)
 * and activate (delete what earlier versions kept, then control the open pages).
 * Uses SHELL, noop, networkOnly, storable (base.js), the cache names (caches.js), lowDataOn and
 * preload (low-data.js). */

// Every cache of this version; any other lk-… cache is an earlier version's and is deleted.
var CURRENT = [SHELL, PAGES, IMAGES, STATIC, SAVED, LITE, PREFS];

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
