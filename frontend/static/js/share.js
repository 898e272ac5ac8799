// Share bar: the phone's own share sheet where the browser has one, and copy-link with feedback.
// Without this file the plain WhatsApp/Facebook/X/Telegram links still work; no third-party
// script is ever loaded.
(function () {
  "use strict";
  var bar = document.querySelector("[data-share]");
  if (!bar) return;
  var url = bar.getAttribute("data-url");
  var title = bar.getAttribute("data-title");
  var native = bar.querySelector("[data-share-native]");
  if (navigator.share) {
    native.hidden = false;
    native.querySelector("button").addEventListener("click", function () {
      navigator.share({ title: title, url: url }).catch(function () {});
    });
  }
  var copy = bar.querySelector("[data-share-copy]");
  if (navigator.clipboard) {
    copy.hidden = false;
    copy.querySelector("button").addEventListener("click", function () {
      navigator.clipboard.writeText(url).then(function () {
        copy.querySelector(".share__status").textContent = bar.getAttribute("data-copied");
      });
    });
  }
})();
