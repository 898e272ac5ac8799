/* The offline page (pwa/offline.html): what this phone can open without a signal, the saved
 * pages (with "Hapus") and the other pages kept.
 * Uses noop, $, formatSize (core.js), PAGES, LITE, SAVED (caches.js), savedPages, removePage
 * (saved-pages.js). */

function fill(list, items, onRemove) {
  var empty = list.parentNode.querySelector("[data-empty]");
  items.forEach(function (item) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = item.url;
    link.textContent = item.title;
    li.appendChild(link);
    if (item.bytes) li.appendChild(document.createTextNode(" (" + formatSize(item.bytes) + ") "));
    if (onRemove) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-button";
      button.textContent = list.getAttribute("data-remove-label");
      button.setAttribute("aria-label", list.getAttribute("data-remove-label") + ": " + item.title);
      button.addEventListener("click", function () {
        onRemove(item).then(function () {
          list.removeChild(li);
          if (empty) empty.hidden = list.children.length > 0;
        });
      });
      li.appendChild(button);
    }
    list.appendChild(li);
  });
  if (empty) empty.hidden = items.length > 0;
}
// Pages read (full and low-data copies), newest first, each once.
function readPages(skip) {
  return Promise.all(
    [LITE, PAGES].map(function (name) {
      return caches.open(name).then(function (cache) {
        return cache.keys().then(function (keys) {
          return keys.reverse().map(function (key) {
            return { cache: cache, key: key };
          });
        });
      });
    })
  ).then(function (lists) {
    var seen = skip.slice();
    var entries = lists[0].concat(lists[1]).filter(function (entry) {
      var fresh = seen.indexOf(entry.key.url) < 0;
      seen.push(entry.key.url);
      return fresh;
    });
    return Promise.all(
      entries.map(function (entry) {
        return entry.cache
          .match(entry.key)
          .then(function (response) {
            return response.text();
          })
          .then(function (html) {
            var title = new DOMParser().parseFromString(html, "text/html").title;
            return { url: entry.key.url, title: title.split(" · ")[0] || entry.key.url };
          });
      })
    );
  });
}
function offlineLists(savedList, readList) {
  caches
    .open(SAVED)
    .then(savedPages)
    .then(function (saved) {
      fill(savedList, saved, function (item) {
        return removePage(item.url);
      });
      if (!readList) return;
      return readPages(
        saved.map(function (item) {
          return item.url;
        })
      ).then(function (read) {
        fill(readList, read);
      });
    })
    .catch(noop);
}

var savedList = $("[data-saved-list]");
if (savedList && "caches" in window) offlineLists(savedList, $("[data-read-list]"));
