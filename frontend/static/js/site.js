// Layanan Kecamatan: small enhancements only; every page works without this file.
(function () {
  "use strict";
  // Links to pages that only work with a script ("My complaints on this phone" lists what
  // this browser keeps): hidden in the HTML, shown here, so no one without it is sent there.
  Array.prototype.forEach.call(document.querySelectorAll("[data-needs-script]"), function (node) {
    node.hidden = false;
  });

  // Videos: play a YouTube video in place only when the reader taps it (nothing loads before).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".video[data-youtube] .video__link");
    if (!link) return;
    var figure = link.closest(".video");
    var id = figure.getAttribute("data-youtube");
    if (!/^[\w-]{6,20}$/.test(id)) return;
    event.preventDefault();
    var frame = document.createElement("iframe");
    frame.src = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1";
    frame.title = link.textContent.trim();
    frame.allow = "autoplay; encrypted-media; picture-in-picture";
    frame.allowFullscreen = true;
    link.replaceWith(frame);
  });

  // Low-data mode: images wait behind a "tap to load" link showing their size.
  // On when the browser sends Save-Data (the server then renders the links itself) or when the
  // resident switches it on in the footer (remembered in localStorage, never in a cookie).
  // A controlling service worker is told, so it can send Save-Data on the next pages too.
  var KEY = "layanan-low-data";
  var root = document.documentElement;
  var serverSaves = root.hasAttribute("data-save-data");
  var toggle = document.querySelector("[data-lowdata-switch] button");
  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function lowDataOn() {
    var value = stored();
    return value === null ? serverSaves : value === "1";
  }
  function tellWorker(on) {
    var sw = navigator.serviceWorker;
    if (sw && sw.controller) sw.controller.postMessage({ type: "low-data", on: on });
  }
  function reveal(box) {
    var held = box.querySelector("template");
    var link = box.querySelector("[data-lowdata-load]");
    if (!held) return;
    if (link) link.remove();
    box.appendChild(held.content.cloneNode(true));
    held.remove();
    box.classList.remove("lowdata--off");
  }
  function hold(box) {
    var img = box.querySelector("img");
    if (!img || box.querySelector("template") || (img.complete && img.naturalWidth)) return;
    var href = img.currentSrc || img.src;
    var held = document.createElement("template");
    while (box.firstChild) held.content.appendChild(box.firstChild);  // out of the page: no load
    var link = document.createElement("a");
    var kb = Math.max(1, Math.round(Number(box.getAttribute("data-bytes")) / 1024));
    link.className = "lowdata__load";
    link.href = href;
    link.setAttribute("data-lowdata-load", "");
    link.textContent = (toggle ? toggle.getAttribute("data-label") : "%(size)s").replace("%(size)s", kb + " KB");
    box.appendChild(link);
    box.appendChild(held);
    box.classList.add("lowdata--off");
  }
  function apply(on) {
    var boxes = document.querySelectorAll(".lowdata");
    for (var i = 0; i < boxes.length; i++) (on ? hold : reveal)(boxes[i]);
    if (toggle) toggle.setAttribute("aria-pressed", on ? "true" : "false");
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-lowdata-load]");
    if (!link) return;
    event.preventDefault();
    reveal(link.closest(".lowdata"));
  });
  if (toggle) {
    toggle.parentNode.hidden = false;
    toggle.addEventListener("click", function () {
      var on = !lowDataOn();
      try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
      apply(on);
      tellWorker(on);
    });
  }
  if (lowDataOn() || serverSaves) apply(lowDataOn());
  if (stored() !== null) tellWorker(lowDataOn());
})();
