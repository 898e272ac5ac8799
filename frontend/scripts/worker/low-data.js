/* Low-data mode (the footer switch, static/js/site.js; docs/performance.md): remembered in PREFS
 * across restarts and versions; navigation preload off while it is on.
 * Uses noop (base.js), PREFS (caches.js); the switch itself arrives in messages.js. */

var LOW_DATA_KEY = "/lk-prefs/low-data"; // never fetched: only a key in PREFS
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
