// The survey form (docs/surveys.md) with JavaScript: the answers are kept on the phone first,
// in the same outbox as complaints (static/js/outbox.js, store "surveys"), then sent to
// POST /api/v1/surveys/ with an idempotency key made here, until the server has them.
// Without this file (or without IndexedDB) the form posts itself as before.
// Texts come from data-* attributes written by the (translated) template.
(function () {
  "use strict";
  // After a refused post (JavaScript off, or the fallback), take the reader to the problems.
  var problems = document.getElementById("form-errors");
  if (problems) problems.focus();

  var form = document.querySelector("[data-survey-form]");
  var box = document.querySelector("[data-survey-outbox]");
  var Outbox = window.LKOutbox;
  if (!form || !box || !Outbox || !window.indexedDB || !window.Promise || !window.fetch) return;

  var ELEMENTS = 9;
  var PROFILE = ["age_band", "sex", "education", "occupation"];
  var RECEIPT_DAYS = 7; // sent ones are listed this long, then forgotten (nothing to lose)
  var lang = document.documentElement.lang || "id";
  var list = box.querySelector("[data-outbox-list]");
  var note = box.querySelector("[data-outbox-note]");
  var submit = form.querySelector("[type=submit]");
  var label = submit.textContent;
  var mine = null; // the key of the response sent from this page just now
  var replaces = null; // a response brought back for correction, replaced when sent again
  var busy = false;

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
  function button(name, action) {
    var node = el("button", "link-button", text(name));
    node.type = "button";
    node.addEventListener("click", action);
    return node;
  }
  function noop() {}

  function row(item) {
    var li = el("li", "outbox__item");
    li.setAttribute("data-state", item.state);
    li.appendChild(el("span", "outbox__text", item.title));
    var status = el("strong", "outbox__status");
    li.appendChild(status);
    var old = Outbox.old(item);
    var actions = el("span", "outbox__actions");
    if (item.state === "sent") {
      status.textContent = text("sent");
      if (item.sentAt) li.appendChild(el("span", "outbox__when", " " + text("sent-at", when(item.sentAt))));
    } else if (item.state === "refused") {
      status.textContent = item.message || text("invalid");
      actions.appendChild(button("delete", function () {
        Outbox.remove(item.key, "survey");
      }));
    } else if (item.state === "invalid") {
      status.textContent = text("invalid");
      if (item.message) li.appendChild(el("span", "outbox__message", " " + item.message));
      actions.appendChild(button("fix", function () {
        if (samePage(item)) bringBack(item);
        else location.href = item.form + (item.form.indexOf("?") < 0 ? "?" : "&") + "perbaiki=" + encodeURIComponent(item.key);
      }));
      actions.appendChild(button("delete", function () {
        Outbox.remove(item.key, "survey");
      }));
    } else if (old) {
      status.textContent = text("old", when(item.createdAt));
      actions.appendChild(button("send", function () {
        item.confirmed = true;
        Outbox.save(item).then(send);
      }));
      actions.appendChild(button("delete", function () {
        Outbox.remove(item.key, "survey");
      }));
    } else {
      status.textContent =
        item.state === "sending"
          ? text("sending")
          : item.lastStatus && item.nextAttempt > Date.now()
            ? text("busy", when(item.nextAttempt)) // the server answered (429, 5xx): not the signal
            : text("queued", when(item.createdAt));
      if (item.state === "queued") actions.appendChild(button("try", send));
    }
    li.appendChild(document.createTextNode(" "));
    li.appendChild(actions);
    return li;
  }

  function samePage(item) {
    return item.form && item.form.split("?")[0] === location.pathname;
  }

  var drawing = null;
  function render() {
    if (drawing) return drawing;
    drawing = Outbox.surveys().then(function (items) {
      drawing = null;
      var shown = items.filter(function (item) {
        var done = item.state === "sent" || item.state === "refused";
        if (done && Date.now() - (item.sentAt || item.createdAt) > RECEIPT_DAYS * 86400000 && item.key !== mine) {
          Outbox.remove(item.key, "survey").catch(noop);
          return false;
        }
        return true;
      });
      list.textContent = "";
      shown.forEach(function (item) {
        list.appendChild(row(item));
      });
      box.hidden = !shown.length && !note.textContent;
      // A closed complaint is rated once: with its answers kept or sent, the form goes away
      // (the server would refuse a second one with 409 anyway).
      var complaint = form.getAttribute("data-complaint");
      if (complaint) {
        form.hidden = items.some(function (item) {
          return item.payload && item.payload.tracking_code === complaint && item.state !== "invalid";
        });
      }
      shown.forEach(function (item) {
        // Sent from this page and refused by the server later (it was kept first).
        if (item.key === mine && item.state === "invalid" && !replaces) bringBack(item);
      });
      return items;
    }, function () {
      drawing = null;
      return [];
    });
    return drawing;
  }
  function send() {
    return Outbox.flush(true).then(render, render);
  }
  function askForSync() {
    if (!navigator.serviceWorker) return;
    navigator.serviceWorker
      .getRegistration()
      .then(function (registration) {
        if (registration && registration.sync) return registration.sync.register(Outbox.name);
      })
      .catch(noop);
  }

  function chosen(name) {
    var control = form.elements[name];
    if (!control) return "";
    if (control.length !== undefined && !control.options) {
      for (var i = 0; i < control.length; i++) if (control[i].checked) return control[i].value;
      return "";
    }
    return control.value;
  }

  // The same marks the server gives a missing answer (surveys/form.html), without a round trip:
  // offline there would be none.
  function missing(names) {
    var summary = el("div", "callout callout--warning");
    summary.setAttribute("role", "alert");
    summary.setAttribute("data-outbox-errors", "");
    summary.tabIndex = -1;
    var title = el("p", "callout__title");
    title.appendChild(el("strong", "", text("missing-title")));
    summary.appendChild(title);
    var links = el("ul");
    names.forEach(function (name) {
      var wrapper = document.getElementById("field-" + name);
      var legend = wrapper && wrapper.querySelector(".survey-element__name");
      var link = el("a", "", (legend ? legend.textContent : name) + ": " + text("missing"));
      link.href = "#field-" + name;
      var item = el("li");
      item.appendChild(link);
      links.appendChild(item);
      if (!wrapper) return;
      var error = el("p", "error", text("missing"));
      error.id = "id_" + name + "-error";
      wrapper.classList.add("field--error");
      wrapper.querySelector("fieldset").appendChild(error);
      wrapper.querySelector("fieldset").setAttribute("aria-describedby", error.id);
    });
    summary.appendChild(links);
    form.parentNode.insertBefore(summary, form);
    summary.focus();
  }

  function clearErrors() {
    [].forEach.call(document.querySelectorAll("[data-outbox-errors], #form-errors, .survey-form .error"), function (node) {
      node.parentNode.removeChild(node);
    });
    [].forEach.call(form.querySelectorAll(".field--error"), function (node) {
      node.classList.remove("field--error");
      var fieldset = node.querySelector("fieldset");
      if (fieldset) fieldset.removeAttribute("aria-describedby");
    });
  }

  function idle() {
    busy = false;
    submit.disabled = false;
    submit.textContent = label;
  }

  form.addEventListener("submit", function (event) {
    // The hidden field only bots fill in: let the server refuse the plain post.
    if (chosen("website")) return;
    event.preventDefault();
    if (busy) return; // a double tap
    clearErrors();
    var answers = [];
    var gaps = [];
    for (var number = 1; number <= ELEMENTS; number++) {
      var value = chosen("u" + number);
      if (value) answers.push(Number(value));
      else gaps.push("u" + number);
    }
    if (gaps.length) {
      missing(gaps);
      return;
    }
    busy = true;
    submit.disabled = true;
    submit.textContent = form.getAttribute("data-busy") || label;
    var payload = { answers: answers };
    var service = form.getAttribute("data-service");
    var complaint = form.getAttribute("data-complaint");
    if (service) payload.service = service;
    if (complaint) payload.tracking_code = complaint;
    payload.channel = form.getAttribute("data-channel");
    PROFILE.forEach(function (name) {
      var value = chosen(name);
      if (value) payload[name] = value;
    });
    var suggestion = chosen("suggestion").trim();
    if (suggestion) payload.suggestion = suggestion;
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "idempotency_key" && name !== "website") fields.push([name, value]);
    });
    var page = location.pathname + location.search.replace(/[?&]perbaiki=[^&]*/, "").replace(/^&/, "?");
    Outbox.addSurvey(payload, fields, { title: form.getAttribute("data-title"), form: page }, lang)
      .then(
        function (item) {
          mine = item.key;
          if (replaces) Outbox.remove(replaces, "survey").catch(noop);
          replaces = null;
          form.reset();
          note.textContent = text("saved");
          idle();
          askForSync();
          return Outbox.flush(true).then(render, render);
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
          location.assign(form.getAttribute("data-thanks"));
        } else if (!item || item.state !== "invalid") {
          box.scrollIntoView();
        }
      })
      .catch(noop);
  });

  // A response the server refused (400): the answers back in the form, with its messages.
  function bringBack(item) {
    form.reset();
    clearErrors();
    note.textContent = "";
    (item.fields || []).forEach(function (pair) {
      var control = form.elements[pair[0]];
      if (!control || control.type === "hidden") return;
      if (control.length !== undefined && !control.options) {
        [].forEach.call(control, function (radio) {
          radio.checked = radio.value === pair[1];
        });
      } else {
        control.value = pair[1];
      }
    });
    replaces = item.key;
    var summary = el("div", "callout callout--warning");
    summary.setAttribute("role", "alert");
    summary.setAttribute("data-outbox-errors", "");
    summary.tabIndex = -1;
    summary.appendChild(el("p", "", item.message || text("invalid")));
    Object.keys(item.errors || {}).forEach(function (name) {
      var wrapper = document.getElementById("field-" + name);
      (item.errors[name] || []).forEach(function (message) {
        if (wrapper) {
          var error = el("p", "error", message);
          error.id = "id_" + name + "_error";
          wrapper.classList.add("field--error");
          wrapper.appendChild(error);
          var control = form.elements[name];
          if (control && control.setAttribute) control.setAttribute("aria-describedby", error.id);
          if (wrapper.closest("details")) wrapper.closest("details").open = true;
        } else {
          summary.appendChild(el("p", "", message));
        }
      });
    });
    form.parentNode.insertBefore(summary, form);
    summary.focus();
  }

  if (window.BroadcastChannel) new BroadcastChannel(Outbox.name).onmessage = render;
  window.addEventListener("online", send);
  setInterval(function () {
    Outbox.flush(false).then(render, noop);
  }, 5000);
  render().then(send);

  var fix = new URLSearchParams(location.search).get("perbaiki");
  if (fix) {
    Outbox.surveys().then(function (items) {
      items.forEach(function (item) {
        if (item.key === fix && item.state === "invalid") bringBack(item);
      });
    }, noop);
  }
})();
