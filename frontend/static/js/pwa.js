// Layanan Kecamatan: the installable app, page side (docs/pwa.md). Only enhancements: without
// JavaScript or a service worker every page works the same, online.
// Made by `manage.py pwa_script` from frontend/scripts/ (PWA_JS_PARTS in frontend/bundles.py):
// edit those parts and run it again; tests/frontend fails while this file is stale.
(function () {
"use strict";
// ---- frontend/scripts/caches.js ----
var PAGES = "lk-pages-1"; // pages the resident opened
var IMAGES = "lk-images-1";
var STATIC = "lk-static-1";
var SAVED = "lk-saved-1"; // "Simpan untuk dibaca offline": only the resident removes these
var LITE = "lk-lite-1"; // pages read in low-data mode: their images are tap-to-load links
var PREFS = "lk-prefs-1"; // the resident's choices, kept across restarts and versions
// ---- frontend/scripts/pwa/core.js ----
var hasWorker = "serviceWorker" in navigator && "caches" in window;
function noop() {}
function $(selector, root) {
  return (root || document).querySelector(selector);
}
// Ask the browser not to evict our caches (Safari otherwise may after 7 days without a visit).
function persist() {
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(noop);
}
function formatSize(bytes) {
  var kb = bytes / 1024;
  if (kb < 1000) return Math.max(1, Math.round(kb)) + " KB";
  return (kb / 1024).toLocaleString(document.documentElement.lang, { maximumFractionDigits: 1 }) + " MB";
}
// ---- frontend/scripts/pwa/registration.js ----
if (hasWorker) {
  var firstVisit = !navigator.serviceWorker.controller;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/serviceworker.js", { scope: "/" }).catch(noop);
  });
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (!firstVisit) return; // a new version taking over: nothing to do, the page keeps working
    firstVisit = false;
    // This page was drawn before the worker ran: ask it to keep the images shown.
    var urls = [].map.call(document.images, function (img) {
      return img.currentSrc;
    });
    navigator.serviceWorker.controller.postMessage({ type: "keep-images", urls: urls.filter(Boolean) });
  });
}

/* ---- A page the worker answered from a kept copy (no signal): say so above the page. ---- */
if (hasWorker && navigator.serviceWorker.controller) {
  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    var template = document.getElementById("copy-note");
    var main = document.getElementById("main");
    if (data.type !== "served-copy" || !data.copy || !template || !main || $(".copy-note")) return;
    main.parentNode.insertBefore(template.content.firstElementChild.cloneNode(true), main);
  });
  navigator.serviceWorker.startMessages();
  navigator.serviceWorker.controller.postMessage({ type: "served-copy?" });
}
// ---- frontend/scripts/pwa/install.js ----
var DISMISSED = "lk-install-dismissed";
function remember(key, value) {
  try {
    if (value === undefined) return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch (error) {
    return null; // private mode: the banner just comes back next time
  }
}
function standalone() {
  return matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
}

function banner(kind) {
  var template = document.getElementById("install-banner");
  if (!template || standalone() || remember(DISMISSED) || $(".install-banner")) return null;
  var node = template.content.firstElementChild.cloneNode(true);
  var help = $("[data-install-help]", node);
  // Not on the help page itself (a template's link resolves against no page: resolve it here).
  if (kind === "ios" && help && new URL(help.getAttribute("href"), location.href).pathname === location.pathname) return null;
  var other = $(kind === "ios" ? "[data-install-button]" : "[data-install-help]", node);
  other.parentNode.removeChild(other);
  $("[data-install-dismiss]", node).addEventListener("click", function () {
    remember(DISMISSED, "1");
    node.parentNode.removeChild(node);
  });
  document.body.appendChild(node);
  return node;
}
window.addEventListener("beforeinstallprompt", function (event) {
  if (remember(DISMISSED)) return; // dismissed: leave it to the browser's own menu
  event.preventDefault();
  var node = banner("prompt");
  if (!node) return;
  $("[data-install-button]", node).addEventListener("click", function () {
    event.prompt();
    event.userChoice.then(function () {
      if (node.parentNode) node.parentNode.removeChild(node);
    });
  });
});
window.addEventListener("appinstalled", function () {
  persist();
  var node = $(".install-banner");
  if (node) node.parentNode.removeChild(node);
});
if (standalone()) {
  persist();
} else if (/iPhone|iPad|iPod/.test(navigator.userAgent) || (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1)) {
  banner("ios"); // Safari has no install prompt (iPadOS says "Macintosh")
}
// ---- frontend/scripts/pwa/saved-pages.js ----
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
// ---- frontend/scripts/pwa/save-offline.js ----
// 1x1 AVIF: does this browser pick the AVIF source of a <picture>?
var AVIF =
  "data:image/avif;base64,AAAAIGZ0eXBhdmlmAAAAAGF2aWZtaWYxbWlhZk1BMUIAAADrbWV0YQAAAAAAAAAhaGRscgAAAAAAAAAAcGljdAAAAAAAAAAAAAAAAAAAAAAOcGl0bQAAAAAAAQAAAB5pbG9jAAAAAEQAAAEAAQAAAAEAAAETAAAAIAAAAChpaW5mAAAAAAABAAAAGmluZmUCAAAAAAEAAGF2MDFDb2xvcgAAAABqaXBycAAAAEtpcGNvAAAAFGlzcGUAAAAAAAAAAQAAAAEAAAAQcGl4aQAAAAADCAgIAAAADGF2MUOBAAwAAAAAE2NvbHJuY2x4AAEADQAGgAAAABdpcG1hAAAAAAAAAAEAAQQBAoMEAAAAKG1kYXQSAAoIGAAGiAhoNCAyEh7Hh4VZ3///4sAAAJA1jjx+rQ==";

// The image the browser would choose for `img` (it has not loaded a lazy one yet).
function chosenSource(img, avif) {
  if (img.currentSrc) return img.currentSrc;
  var candidates = img.parentNode.nodeName === "PICTURE" ? [].slice.call(img.parentNode.querySelectorAll("source")) : [];
  candidates.push(img);
  for (var i = 0; i < candidates.length; i++) {
    var source = candidates[i];
    var type = source.getAttribute("type");
    if (source.media && !matchMedia(source.media).matches) continue;
    if (type === "image/avif" && !avif) continue;
    if (type === "image/webp" && !supportsWebp()) continue;
    var srcset = source.getAttribute("srcset");
    if (srcset) return fromSrcset(srcset, source.getAttribute("sizes") || img.getAttribute("sizes"));
    if (source === img) return img.getAttribute("src");
  }
  return img.getAttribute("src");
}
function fromSrcset(srcset, sizes) {
  var rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  var slot = innerWidth;
  (sizes || "").split(",").some(function (part) {
    var match = part.trim().match(/^(.*?)\s*([\d.]+)(px|r?em|vw)$/);
    if (!match || (match[1] && !matchMedia(match[1]).matches)) return false;
    var n = parseFloat(match[2]);
    slot = match[3] === "vw" ? (n * innerWidth) / 100 : match[3] === "px" ? n : n * rem;
    return true;
  });
  var wanted = slot * (window.devicePixelRatio || 1);
  var list = srcset.split(",").map(function (item) {
    var bits = item.trim().split(/\s+/);
    return { url: bits[0], w: parseInt(bits[1], 10) || 0 };
  });
  list.sort(function (a, b) {
    return a.w - b.w;
  });
  for (var i = 0; i < list.length; i++) if (list[i].w >= wanted) return list[i].url;
  return list[list.length - 1].url;
}
function supportsWebp() {
  var canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  return canvas.toDataURL("image/webp").indexOf("data:image/webp") === 0;
}
function supportsAvif() {
  return new Promise(function (resolve) {
    var probe = new Image();
    probe.onload = function () {
      resolve(probe.width === 1);
    };
    probe.onerror = function () {
      resolve(false);
    };
    probe.src = AVIF;
  });
}
// What saving would download: {images: [absolute URLs], bytes}.
function plan() {
  return supportsAvif().then(function (avif) {
    var urls = [];
    [].forEach.call(document.querySelectorAll("main img"), function (img) {
      var src = chosenSource(img, avif);
      if (src) {
        var url = new URL(src, location.href);
        if (url.origin === location.origin && urls.indexOf(url.href) < 0) urls.push(url.href);
      }
    });
    var nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
    var html = (nav && nav.encodedBodySize) || new Blob([document.documentElement.outerHTML]).size;
    // HEAD: the size of the page (compressed, as it travels; a page the worker answered
    // reports its unpacked size above) and of each image, without downloading them.
    return Promise.all(
      [location.href.split("#")[0]].concat(urls).map(function (url) {
        return fetch(url, { method: "HEAD" })
          .then(function (response) {
            return Number(response.headers.get("Content-Length")) || 0;
          })
          .catch(function () {
            return 0;
          });
      })
    ).then(function (sizes) {
      var page = sizes.shift() || html;
      return {
        images: urls,
        bytes: sizes.reduce(function (a, b) {
          return a + b;
        }, page),
      };
    });
  });
}
function saveBox(box) {
  var url = location.href.split("#")[0];
  var title = ($("h1") || document).textContent.trim() || document.title;
  var planned = null;
  function show(state, bytes) {
    [].forEach.call(box.querySelectorAll("[data-state]"), function (part) {
      part.hidden = part.getAttribute("data-state") !== state;
    });
    if (bytes) $("[data-saved-size]", box).textContent = formatSize(bytes);
  }
  function measure() {
    planned = plan().then(function (result) {
      $("[data-size]", box).textContent = formatSize(result.bytes);
      return result;
    });
    return planned;
  }
  box.hidden = false;
  caches
    .open(SAVED)
    .then(function (cache) {
      return cache.match(url);
    })
    .then(function (saved) {
      if (saved) show("done", Number(saved.headers.get("X-LK-Bytes")));
      else if (navigator.onLine) measure().catch(noop); // offline, it could only fail
    });
  $("[data-save]", box).addEventListener("click", function () {
    show("busy");
    (planned || measure())
      .then(function (result) {
        return savePage(url, title, result.images);
      })
      .then(function (bytes) {
        show("done", bytes);
      })
      .catch(function () {
        show("failed");
      });
  });
  $("[data-remove]", box).addEventListener("click", function () {
    removePage(url).then(function () {
      show("ready");
      measure().catch(noop);
    });
  });
}

var box = $("[data-save-offline]");
if (box && hasWorker) saveBox(box);
// ---- frontend/scripts/pwa/offline-page.js ----
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
})();
