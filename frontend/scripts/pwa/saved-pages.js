/* The pages saved for offline reading (cache SAVED): save one with its images, remove one and
 * the images no other saved page uses, list them. Used by save-offline.js and offline-page.js.
 * Uses persist (core.js), SAVED (caches.js). */

function savePage(url, title, images) {
  return Promise.all(
    [url].concat(images).map(function (item) {
      return fetch(item, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(item + " " + response.status);
        return response.blob().then(function (body) {
          return { url: item, response: response, body: body };
        });
      });
    })
  ).then(function (parts) {
    var bytes = parts.reduce(function (sum, part) {
      return sum + part.body.size;
    }, 0);
    return caches.open(SAVED).then(function (cache) {
      return Promise.all(
        parts.slice(1).map(function (part) {
          return cache.put(part.url, new Response(part.body, { headers: part.response.headers }));
        })
      )
        .then(function () {
          // The page last, with what the offline page lists and what removing it deletes.
          var headers = new Headers(parts[0].response.headers);
          headers.set("X-LK-Title", encodeURIComponent(title));
          headers.set("X-LK-Images", encodeURIComponent(JSON.stringify(images)));
          headers.set("X-LK-Bytes", String(bytes));
          return cache.put(url, new Response(parts[0].body, { headers: headers }));
        })
        .then(function () {
          persist();
          return bytes;
        });
    });
  });
}
// Remove a saved page and the images no other saved page uses.
function removePage(url) {
  return caches.open(SAVED).then(function (cache) {
    return cache.delete(url).then(function () {
      return savedPages(cache).then(function (pages) {
        var kept = {};
        pages.forEach(function (page) {
          page.images.forEach(function (image) {
            kept[image] = true;
          });
        });
        return cache.keys().then(function (keys) {
          return Promise.all(
            keys.map(function (key) {
              var isPage = pages.some(function (page) {
                return page.url === key.url;
              });
              return isPage || kept[key.url] ? null : cache.delete(key);
            })
          );
        });
      });
    });
  });
}
function savedPages(cache) {
  return cache.keys().then(function (keys) {
    return Promise.all(
      keys.map(function (key) {
        return cache.match(key).then(function (response) {
          var title = response && response.headers.get("X-LK-Title");
          if (!title) return null;
          return {
            url: key.url,
            title: decodeURIComponent(title),
            bytes: Number(response.headers.get("X-LK-Bytes")) || 0,
            images: JSON.parse(decodeURIComponent(response.headers.get("X-LK-Images") || "%5B%5D")),
          };
        });
      })
    ).then(function (pages) {
      return pages.filter(Boolean);
    });
  });
}
