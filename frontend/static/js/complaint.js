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

  // After a failed submit, take keyboard and screen-reader users to the list of problems.
  var problems = document.getElementById("form-errors");
  if (problems) problems.focus();

  var form = document.querySelector("[data-complaint-form]");
  var box = document.querySelector("[data-outbox]");
  var Outbox = window.LKOutbox;
  if (box && Outbox && window.indexedDB && window.Promise) {
    outbox(form, box, Outbox);
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

  /* ---- The outbox (static/js/outbox.js): the form keeps the complaint on the phone first,
   * then sends it; the list shows where each one is. ---- */
  function outbox(form, box, Outbox) {
    var MAX_SIDE = 1600; // px, the photo's long edge
    var MAX_BYTES = 300 * 1024;
    var lang = document.documentElement.lang || "id";
    var list = box.querySelector("[data-outbox-list]");
    var note = box.querySelector("[data-outbox-note]");
    var mine = null; // the key of the complaint sent from this page just now
    var replaces = null; // an item brought back for correction, replaced when sent again
    function text(name, time) {
      return (box.getAttribute("data-" + name) || "").replace("{time}", time || "");
    }
    function when(ms) {
      return new Date(ms).toLocaleString(lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    }
    function el(tag, className, content) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (content) node.textContent = content;
      return node;
    }
    function button(label, action) {
      var node = el("button", "link-button", label);
      node.type = "button";
      node.addEventListener("click", action);
      return node;
    }
    function field(item, name) {
      var found = (item.fields || []).filter(function (pair) {
        return pair[0] === name;
      })[0];
      return found ? String(found[1]) : "";
    }

    function row(item) {
      var li = el("li", "outbox__item");
      li.setAttribute("data-state", item.state);
      var status = el("strong", "outbox__status");
      li.appendChild(status);
      if (item.state === "sent") {
        status.textContent = text("sent") + " ";
        var link = el("a", "tracking-code", item.code);
        link.href = item.url;
        li.appendChild(link);
        if (item.sentAt) li.appendChild(el("span", "outbox__when", " " + text("sent-at", when(item.sentAt))));
        return li;
      }
      var old = Outbox.old(item);
      if (item.state === "invalid") {
        status.textContent = text("invalid");
        if (item.message) li.appendChild(el("span", "outbox__message", " " + item.message));
      } else {
        status.textContent = old
          ? text("old", when(item.createdAt))
          : item.state === "sending"
            ? text("sending")
            : item.lastStatus && item.nextAttempt > Date.now()
              ? text("busy", when(item.nextAttempt)) // the server answered (429, 5xx): not the signal
              : text("queued", when(item.createdAt));
      }
      var snippet = field(item, "description");
      li.appendChild(el("span", "outbox__text", snippet.length > 80 ? snippet.slice(0, 79) + "…" : snippet));
      var actions = el("span", "outbox__actions");
      if (item.state === "invalid") {
        actions.appendChild(
          button(text("fix"), function () {
            if (form) bringBack(item);
            else location.href = box.getAttribute("data-form-url") + "?perbaiki=" + encodeURIComponent(item.key);
          })
        );
      } else if (old) {
        actions.appendChild(
          button(text("send"), function () {
            item.confirmed = true;
            Outbox.save(item).then(send);
          })
        );
      } else if (item.state === "queued") {
        actions.appendChild(button(text("try"), send));
      }
      if (item.state === "invalid" || old) {
        actions.appendChild(
          button(text("delete"), function () {
            Outbox.remove(item.key);
          })
        );
      }
      li.appendChild(actions);
      return li;
    }

    var drawing = null;
    function render() {
      if (drawing) return drawing;
      drawing = Outbox.all().then(function (items) {
        drawing = null;
        list.textContent = "";
        items.forEach(function (item) {
          list.appendChild(row(item));
        });
        box.hidden = !items.length && !note.textContent && !!form;
        var empty = box.querySelector("[data-outbox-empty]");
        if (empty) empty.hidden = items.length > 0;
        items.forEach(function (item) {
          // Sent from this page and refused by the server later (it was queued first).
          if (form && item.key === mine && item.state === "invalid" && !replaces) bringBack(item);
        });
        return items;
      });
      return drawing;
    }
    function send() {
      return Outbox.flush(true).then(render, render);
    }
    function askForSync() {
      if (!navigator.serviceWorker) return;
      navigator.serviceWorker.getRegistration().then(function (registration) {
        if (registration && registration.sync) return registration.sync.register(Outbox.name);
      }).catch(noop);
    }

    if (window.BroadcastChannel) new BroadcastChannel(Outbox.name).onmessage = render;
    window.addEventListener("online", send);
    setInterval(function () {
      Outbox.flush(false).then(render, noop);
    }, 5000);
    render().then(send);
    if (!form) return;

    var submit = form.querySelector("[data-submit]");
    var photoInput = form.querySelector("input[name=photo]");
    var busy = false;
    function idle() {
      busy = false;
      submit.disabled = false;
      submit.textContent = submit.getAttribute("data-label");
    }
    submit.setAttribute("data-label", submit.textContent);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return; // a double tap
      busy = true;
      submit.disabled = true;
      submit.textContent = submit.getAttribute("data-busy");
      var data = new FormData(form);
      var fields = [];
      data.forEach(function (value, name) {
        if (name !== "photo" && name !== "idempotency_key") fields.push([name, value]);
      });
      var file = data.get("photo");
      shrink(file && file.size ? file : null)
        .then(function (photo) {
          return Outbox.add(fields, photo, lang);
        })
        .then(
          function (item) {
            mine = item.key;
            if (replaces) Outbox.remove(replaces);
            replaces = null;
            Outbox.dropShared().catch(noop);
            form.reset();
            clearErrors();
            note.textContent = text("saved");
            idle();
            askForSync();
            return Outbox.flush(true).then(function () {
              return render();
            });
          },
          function () {
            form.submit(); // no IndexedDB (full disk, private mode): the plain post, as without JS
            throw null;
          }
        )
        .then(function (items) {
          var item = items.filter(function (candidate) {
            return candidate.key === mine;
          })[0];
          if (item && item.state === "sent") {
            location.assign(form.getAttribute("data-receipt").replace("CODE", item.code));
          } else if (!item || item.state !== "invalid") {
            box.scrollIntoView();
          }
        })
        .catch(noop);
    });

    // An item the server refused (400): its text back in the form, with the server's messages.
    function bringBack(item) {
      form.reset();
      clearErrors();
      note.textContent = "";
      item.fields.forEach(function (pair) {
        var control = form.elements[pair[0]];
        if (!control) return;
        if (control.length && !control.options) {
          [].forEach.call(control, function (radio) {
            radio.checked = radio.value === pair[1];
          });
        } else if (control.type === "checkbox") {
          control.checked = true;
        } else {
          control.value = pair[1];
        }
      });
      if (form.elements.category) form.elements.category.dispatchEvent(new Event("change"));
      if (item.photo) attach(item.photo);
      replaces = item.key;
      var summary = el("div", "callout callout--warning");
      summary.setAttribute("role", "alert");
      summary.setAttribute("data-outbox-errors", "");
      summary.tabIndex = -1;
      summary.appendChild(el("p", "", item.message || text("invalid")));
      Object.keys(item.errors || {}).forEach(function (name) {
        var wrapper = document.getElementById("field-" + name);
        var control = form.elements[name];
        (item.errors[name] || []).forEach(function (message) {
          var error = el("p", "error", message);
          if (wrapper) {
            error.id = "id_" + name + "_error"; // the id Django's widgets name in aria-describedby
            wrapper.classList.add("field--error");
            wrapper.appendChild(error);
            if (control && control.setAttribute) control.setAttribute("aria-describedby", error.id);
          } else {
            summary.appendChild(el("p", "", message));
          }
        });
      });
      form.parentNode.insertBefore(summary, form);
      summary.focus();
    }
    function clearErrors() {
      [].forEach.call(document.querySelectorAll("[data-outbox-errors], .field .error"), function (node) {
        node.parentNode.removeChild(node);
      });
      [].forEach.call(form.querySelectorAll(".field--error"), function (node) {
        node.classList.remove("field--error");
      });
    }
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

    // A photo shared into the app (the worker kept it) or an item to correct (?perbaiki=key).
    var SHARED_FOR = 24 * 3600 * 1000; // a shared photo not sent within a day is let go
    Outbox.takeShared()
      .then(function (shared) {
        if (!shared) return;
        if (!(Date.now() - (shared.at || 0) < SHARED_FOR)) return Outbox.dropShared();
        if (shared.photo && attach(shared.photo)) {
          note.textContent = text("shared") + " ";
          note.appendChild(
            button(text("unshare"), function () {
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
    var fix = new URLSearchParams(location.search).get("perbaiki");
    if (fix) {
      Outbox.all().then(function (items) {
        items.forEach(function (item) {
          if (item.key === fix && item.state === "invalid") bringBack(item);
        });
      });
    }
  }
  function noop() {}
})();
