/* Page navigations: network first, a kept copy when the network fails or is slow, the offline
 * page when there is none; and which pages were answered from a copy (the page says so).
 * Uses LK, SHELL, noop, storable, trim, put (base.js), PAGES, SAVED, LITE (caches.js),
 * lowDataOn (low-data.js). */

var PAGE_TIMEOUT = 3000; // ms before a slow network loses to the saved copy
var PAGE_LIMIT = 50;

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

/* ---- Pages answered from a kept copy: the page shows "you are offline" (pwa.js asks). ---- */

var copies = {}; // client id -> true, until its page asks

function servedCopy(event) {
  var id = event.resultingClientId;
  if (id) copies[id] = true;
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
