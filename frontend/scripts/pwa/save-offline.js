/* "Simpan untuk dibaca offline" on guides and infographics (components/save_offline.html): the
 * size first (this page and the images the browser would choose), then this page and those
 * images in their own cache.
 * Uses hasWorker, noop, $, formatSize (core.js), SAVED (caches.js), savePage, removePage
 * (saved-pages.js). */

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
