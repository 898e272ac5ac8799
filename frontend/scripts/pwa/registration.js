/* The worker: registered after load, off the critical path; the first page's images kept; the
 * note above a page the worker answered from a kept copy (frontend/scripts/worker/pages.js).
 * Uses hasWorker, noop, $ (core.js). */

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
