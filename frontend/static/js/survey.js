// The survey form (docs/surveys.md) with JavaScript: the answers are kept on the phone first,
// in the same outbox as complaints (outbox.js, store "surveys"; the list and form handling in
// outbox-ui.js), then sent to POST /api/v1/surveys/ with an idempotency key made here, until
// the server has them. Without this file (or without IndexedDB) the form posts itself as before.
// Texts come from data-* attributes written by the (translated) template.
(function () {
  "use strict";
  // After a refused post (JavaScript off, or the fallback), take the reader to the problems.
  var problems = document.getElementById("form-errors");
  if (problems) problems.focus();

  var form = document.querySelector("[data-survey-form]");
  var box = document.querySelector("[data-survey-outbox]");
  var Outbox = window.LKOutbox;
  var UI = window.LKOutboxUI;
  if (!form || !box || !Outbox || !UI || !window.indexedDB || !window.Promise || !window.fetch) return;

  var ELEMENTS = 9;
  var PROFILE = ["age_band", "sex", "education", "occupation"];
  var RECEIPT_DAYS = 7; // sent ones are listed this long, then forgotten (nothing to lose)
  var el = UI.el;

  var ui = UI.start(box, form, {
    load: Outbox.surveys,
    show: function (items, mine) {
      // A closed complaint is rated once: with its answers kept or sent, the form goes away
      // (the server would refuse a second one with 409 anyway).
      var complaint = form.getAttribute("data-complaint");
      if (complaint) {
        form.hidden = items.some(function (item) {
          return item.payload && item.payload.tracking_code === complaint && item.state !== "invalid";
        });
      }
      return items.filter(function (item) {
        var done = item.state === "sent" || item.state === "refused";
        if (done && Date.now() - (item.sentAt || item.createdAt) > RECEIPT_DAYS * 86400000 && item.key !== mine) {
          Outbox.remove(item.key, "survey").catch(UI.noop);
          return false;
        }
        return true;
      });
    },
    row: function (item, li, status) {
      li.insertBefore(el("span", "outbox__text", item.title), status);
    },
    fix: function (item) {
      if (item.form && item.form.split("?")[0] === location.pathname) return "";
      return item.form + (item.form.indexOf("?") < 0 ? "?" : "&") + "perbaiki=" + encodeURIComponent(item.key);
    },
  });

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
    var title = el("p", "callout__title");
    title.appendChild(el("strong", "", ui.text("missing-title")));
    var links = el("ul");
    names.forEach(function (name) {
      var wrapper = document.getElementById("field-" + name);
      var legend = wrapper && wrapper.querySelector(".survey-element__name");
      links.appendChild(UI.link("#field-" + name, (legend ? legend.textContent : name) + ": " + ui.text("missing")));
      if (!wrapper) return;
      var error = el("p", "error", ui.text("missing"));
      error.id = "id_" + name + "-error";
      wrapper.classList.add("field--error");
      wrapper.querySelector("fieldset").appendChild(error);
      wrapper.querySelector("fieldset").setAttribute("aria-describedby", error.id);
    });
    ui.callout([title, links]);
  }

  form.addEventListener("submit", function (event) {
    // The hidden field only bots fill in: let the server refuse the plain post.
    if (chosen("website")) return;
    // Rating a complaint needs its reply code: without one, the plain post brings the
    // server's message (nothing is kept on the phone that the server would refuse).
    if (form.getAttribute("data-complaint") && !chosen("reply_secret").trim()) return;
    ui.keep(
      event,
      function () {
        ui.clearErrors();
        var answers = [];
        var gaps = [];
        for (var number = 1; number <= ELEMENTS; number++) {
          var value = chosen("u" + number);
          if (value) answers.push(Number(value));
          else gaps.push("u" + number);
        }
        if (gaps.length) return missing(gaps);
        var payload = { answers: answers };
        var service = form.getAttribute("data-service");
        var complaint = form.getAttribute("data-complaint");
        if (service) payload.service = service;
        if (complaint) {
          payload.tracking_code = complaint;
          payload.reply_secret = chosen("reply_secret").trim();
        }
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
        return Outbox.addSurvey(payload, fields, { title: form.getAttribute("data-title"), form: page }, UI.lang);
      },
      function () {
        return form.getAttribute("data-thanks");
      }
    );
  });
})();
