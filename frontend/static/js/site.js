// Layanan Kecamatan: small enhancements only; every page works without this file.
(function () {
  "use strict";
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
})();
