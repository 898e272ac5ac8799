/* Messages from the page: the low-data switch (static/js/site.js), "was I served a copy?" and
 * "keep my images" (static/js/pwa.js).
 * Uses noop, storable (base.js), lowData, rememberLowData (low-data.js), copies (pages.js),
 * keepImage (fetch.js). */

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
