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

  // The NIK field: shown and required only for the topics that ask for it. Without this
  // script it is always there, with a note; the server drops a NIK sent for other topics.
  var nik = document.querySelector("[data-nik-field]");
  var topic = document.querySelector("select[name=category]");
  if (nik && topic) {
    var nikInput = nik.querySelector("input");
    var needsNik = (nik.getAttribute("data-nik-categories") || "").split(" ");
    var nikNote = nik.querySelector("[data-nik-note]");
    // Shown, the field is required: say so in its label, as the template does for others.
    var nikMark = document.createElement("span");
    nikMark.className = "required";
    nikMark.textContent = nik.getAttribute("data-required");
    nik.querySelector("label").append(" ", nikMark);
    var showNik = function () {
      var on = needsNik.indexOf(topic.value) !== -1;
      nik.hidden = !on;
      nikInput.required = on;
      if (!on) nikInput.value = ""; // never kept, nor queued on the phone, for other topics
    };
    if (nikNote) nikNote.hidden = true;
    topic.addEventListener("change", showNik);
    showNik();
  }

  // The reply code (kode balas) this phone's outbox keeps beside a tracking code: shown on the
  // receipt of a complaint sent from here, filled into the tracking page's action forms.
  var secretShown = document.querySelector("[data-reply-secret-shown]");
  var secretFields = document.querySelectorAll("input[data-reply-secret]");
  // A link the reporter was sent (the survey after a closed complaint) carries the code after
  // the #, which never reaches a server or a log: fill it in, then drop it from the address.
  var fromLink = /(?:^#|&)kode=([A-Za-z0-9-]{5,24})/.exec(location.hash);
  if (fromLink && secretFields.length) {
    [].forEach.call(secretFields, function (field) {
      if (!field.value) field.value = fromLink[1];
    });
    if (window.history && history.replaceState) history.replaceState(null, "", location.pathname + location.search);
  }
  if ((secretShown || secretFields.length) && window.LKOutbox && window.indexedDB && window.Promise) {
    var wanted = secretShown
      ? secretShown.getAttribute("data-reply-secret-shown")
      : secretFields[0].getAttribute("data-reply-secret");
    window.LKOutbox.all().then(
      function (items) {
        var item = items.filter(function (candidate) {
          return candidate.code === wanted && candidate.secret;
        })[0];
        if (!item) return;
        if (secretShown && !secretShown.textContent.trim()) {
          secretShown.textContent = item.secret;
          secretShown.closest("[data-reply-secret-box]").hidden = false;
        }
        [].forEach.call(secretFields, function (field) {
          if (!field.value) field.value = item.secret;
        });
      },
      function () {}
    );
  }

  // After a failed submit, take keyboard and screen-reader users to the list of problems.
  var problems = document.getElementById("form-errors");
  if (problems) problems.focus();

  var form = document.querySelector("[data-complaint-form]");
  var box = document.querySelector("[data-outbox]");
  var Outbox = window.LKOutbox;
  var UI = window.LKOutboxUI;
  if (box && Outbox && UI && window.indexedDB && window.Promise) {
    outbox(form, box, Outbox, UI);
  } else if (form) {
    // One tap sends once: the idempotency key makes a second post harmless, this saves the wait.
    form.addEventListener("submit", function () {
      var submit = form.querySelector("[data-submit]");
      window.setTimeout(function () {
        submit.disabled = true;
        submit.textContent = submit.getAttribute("data-busy");
      }, 0);
    });
  }

  /* ---- The outbox (outbox.js, outbox-ui.js): the form keeps the complaint on the phone first,
   * then sends it; the list shows where each one is. ---- */
  function outbox(form, box, Outbox, UI) {
    var MAX_SIDE = 1600; // px, the photo's long edge
    var MAX_BYTES = 300 * 1024;
    var noop = UI.noop;
    var photoInput = form && form.querySelector("input[name=photo]");
    var ui = UI.start(box, form, {
      load: Outbox.all,
      row: function (item, li, status) {
        if (item.state === "sent") {
          status.textContent += " ";
          var link = UI.el("a", "tracking-code", item.code);
          link.href = item.url;
          li.insertBefore(link, status.nextSibling);
          if (item.secret) {
            li.appendChild(UI.el("span", "outbox__secret", " " + ui.text("reply-code") + ": " + item.secret));
          }
          return;
        }
        var snippet = (item.fields || []).filter(function (pair) {
          return pair[0] === "description";
        })[0];
        snippet = snippet ? String(snippet[1]) : "";
        li.appendChild(UI.el("span", "outbox__text", snippet.length > 80 ? snippet.slice(0, 79) + "…" : snippet));
      },
      fix: function (item) {
        return form ? "" : box.getAttribute("data-form-url") + "?perbaiki=" + encodeURIComponent(item.key);
      },
      back: function (item) {
        if (form.elements.category) form.elements.category.dispatchEvent(new Event("change"));
        if (item.photo) attach(item.photo);
      },
    });
    if (!form) return;
    var note = ui.note;

    form.addEventListener("submit", function (event) {
      ui.keep(
        event,
        function () {
          var data = new FormData(form);
          var fields = [];
          data.forEach(function (value, name) {
            if (name !== "photo" && name !== "idempotency_key") fields.push([name, value]);
          });
          var file = data.get("photo");
          return shrink(file && file.size ? file : null).then(function (photo) {
            return Outbox.add(fields, photo, UI.lang).then(function (item) {
              Outbox.dropShared().catch(noop);
              return item;
            });
          });
        },
        function (item) {
          return form.getAttribute("data-receipt").replace("CODE", item.code);
        }
      );
    });

    function attach(photo) {
      try {
        var files = new DataTransfer();
        files.items.add(photo instanceof File ? photo : new File([photo], "foto.jpg", { type: photo.type }));
        photoInput.files = files.files;
        return true;
      } catch (error) {
        return false; // an old browser: the resident picks the photo again
      }
    }

    // Resize on the phone: at most MAX_SIDE px and about MAX_BYTES, before anything is kept.
    function shrink(file) {
      if (!file || !window.createImageBitmap || !/^image\//.test(file.type)) return Promise.resolve(file);
      return createImageBitmap(file)
        .then(function (bitmap) {
          var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
          if (scale === 1 && file.size <= MAX_BYTES) return file;
          var canvas = document.createElement("canvas");
          canvas.width = Math.round(bitmap.width * scale);
          canvas.height = Math.round(bitmap.height * scale);
          canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
          return encode(canvas, 0.82);
        })
        .catch(function () {
          return file; // a format this browser cannot draw (HEIC): the server converts it
        });
    }
    function encode(canvas, quality) {
      return new Promise(function (resolve) {
        canvas.toBlob(resolve, "image/jpeg", quality);
      }).then(function (blob) {
        if (blob.size <= MAX_BYTES) return new File([blob], "foto.jpg", { type: "image/jpeg" });
        if (quality > 0.5) return encode(canvas, quality - 0.12);
        // Still too big (a very detailed picture): fewer pixels, then try again.
        var smaller = document.createElement("canvas");
        smaller.width = Math.round(canvas.width * 0.8);
        smaller.height = Math.round(canvas.height * 0.8);
        smaller.getContext("2d").drawImage(canvas, 0, 0, smaller.width, smaller.height);
        return encode(smaller, 0.7);
      });
    }

    // A photo shared into the app (the worker kept it).
    var SHARED_FOR = 24 * 3600 * 1000; // a shared photo not sent within a day is let go
    Outbox.takeShared()
      .then(function (shared) {
        if (!shared) return;
        if (!(Date.now() - (shared.at || 0) < SHARED_FOR)) return Outbox.dropShared();
        if (shared.photo && attach(shared.photo)) {
          note.textContent = ui.text("shared") + " ";
          note.appendChild(
            ui.button("unshare", function () {
              photoInput.value = "";
              note.textContent = "";
              Outbox.dropShared().catch(noop);
            })
          );
          // Another photo chosen, or none: the shared one is not kept for a later complaint.
          photoInput.addEventListener("change", function () {
            note.textContent = "";
            Outbox.dropShared().catch(noop);
          });
        }
        var description = form.elements.description;
        if (shared.text && !description.value) description.value = shared.text;
        box.hidden = false;
      })
      .catch(noop);
  }
})();
