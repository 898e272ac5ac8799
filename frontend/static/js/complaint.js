// Complaint pages: location button, copy-code button, no double submit.
// Enhancements only: the forms work without this file. Texts come from data-* attributes
// written by the (translated) templates.
(function () {
  "use strict";
  var geo = document.querySelector("[data-geo]");
  if (geo && "geolocation" in navigator) {
    var button = geo.querySelector("[data-geo-button]");
    var status = geo.querySelector("[data-geo-status]");
    var lat = document.querySelector("input[name=latitude]");
    var lon = document.querySelector("input[name=longitude]");
    geo.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = geo.getAttribute("data-wait");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          lat.value = position.coords.latitude.toFixed(6);
          lon.value = position.coords.longitude.toFixed(6);
          status.textContent = geo.getAttribute("data-done") + " " + lat.value + ", " + lon.value;
        },
        function () {
          status.textContent = geo.getAttribute("data-failed");
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  var copy = document.querySelector("[data-copy]");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.getAttribute("data-copy")).then(function () {
        copy.textContent = copy.getAttribute("data-copied");
      });
    });
  }

  // One tap sends once: the idempotency key makes a second post harmless, this saves the wait.
  var form = document.querySelector("[data-complaint-form]");
  if (form) {
    form.addEventListener("submit", function () {
      var submit = form.querySelector("[data-submit]");
      window.setTimeout(function () {
        submit.disabled = true;
        submit.textContent = submit.getAttribute("data-busy");
      }, 0);
    });
  }
})();
