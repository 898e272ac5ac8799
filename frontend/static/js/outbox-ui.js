// The outbox on a page, for complaint.js and survey.js: the list, keeping the form's entry,
// bringing back one the server refused. Storing and sending: outbox.js (no DOM, the worker's).
(function () {
  "use strict";
  var Outbox = window.LKOutbox;
  var lang = document.documentElement.lang || "id";
  function noop() {}
  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  }
  function link(href, content) {
    var item = el("li");
    item.appendChild(el("a", "", content)).href = href;
    return item;
  }
  function group(control) {
    return control && control.length !== undefined && !control.options; // radio buttons
  }
  function remove(node) {
    node.remove();
  }

  /* The list in `box` (texts in its data-*), the entries of `form` (or null). `o`: load() the
   * items; show(items, mine) those listed; row(item, li, status) adds the page's part; fix(item)
   * the address to correct it on ("" here); back(item) once its fields are back. */
  function start(box, form, o) {
    var list = box.querySelector("[data-outbox-list]");
    var note = box.querySelector("[data-outbox-note]");
    var submit = form && form.querySelector("[type=submit]");
    var label = submit && submit.textContent;
    var mine = null; // the key of the entry kept from this page just now
    var replaces = null; // an entry brought back, replaced when kept again
    var busy = false;
    var drawing = null;

    function text(name, time) {
      return (box.getAttribute("data-" + name) || "").replace("{time}", time || "");
    }
    function when(ms) {
      return new Date(ms).toLocaleString(lang, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
    }
    function button(name, action) {
      var node = el("button", "link-button", text(name));
      node.type = "button";
      node.addEventListener("click", action);
      return node;
    }

    function row(item) {
      var li = el("li", "outbox__item");
      var status = el("strong", "outbox__status");
      var actions = el("span", "outbox__actions");
      var state = item.state;
      var old = Outbox.old(item);
      function add(name, action) {
        actions.appendChild(button(name, action));
      }
      li.setAttribute("data-state", state);
      li.appendChild(status);
      if (state === "sent") {
        status.textContent = text("sent");
        if (item.sentAt) li.appendChild(el("span", "outbox__when", " " + text("sent-at", when(item.sentAt))));
      } else if (state === "refused") {
        status.textContent = item.message || text("invalid"); // a survey (409)
      } else if (state === "invalid") {
        status.textContent = text("invalid");
        // What to correct: the server's words for each field, else its general message.
        var detail = [];
        Object.keys(item.errors || {}).forEach(function (name) {
          [].concat(item.errors[name]).forEach(function (message) {
            if (message && detail.indexOf(message) < 0) detail.push(message);
          });
        });
        if (!detail.length && item.message) detail.push(item.message);
        if (detail.length) li.appendChild(el("span", "outbox__message", " " + detail.join(" ")));
        add("fix", function () {
          var url = o.fix(item);
          if (url) location.href = url;
          else bringBack(item);
        });
      } else if (old) {
        status.textContent = text("old", when(item.createdAt));
        add("send", function () {
          item.confirmed = true;
          Outbox.save(item).then(send);
        });
      } else {
        status.textContent =
          state === "sending"
            ? text("sending")
            : item.lastStatus && item.nextAttempt > Date.now()
              ? text("busy", when(item.nextAttempt)) // the server answered (429, 5xx): not the signal
              : text("queued", when(item.createdAt));
        if (state === "queued") add("try", send);
      }
      if (old || state === "invalid" || state === "refused") {
        add("delete", function () {
          Outbox.remove(item.key, item.kind);
        });
      }
      o.row(item, li, status);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(actions);
      return li;
    }

    function render() {
      if (drawing) return drawing;
      drawing = o.load().then(
        function (items) {
          drawing = null;
          var shown = o.show ? o.show(items, mine) : items;
          list.textContent = "";
          shown.forEach(function (item) {
            list.appendChild(row(item));
          });
          box.hidden = !shown.length && !note.textContent && !!form;
          var empty = box.querySelector("[data-outbox-empty]");
          if (empty) empty.hidden = shown.length > 0;
          shown.forEach(function (item) {
            // Kept from this page, then refused by the server.
            if (form && item.key === mine && item.state === "invalid" && !replaces) bringBack(item);
          });
          return items;
        },
        function () {
          drawing = null;
          return [];
        }
      );
      return drawing;
    }
    function send(wait) {
      return Outbox.flush(true, wait === true).then(render, render);
    }

    /* On submit: keep the entry make() gives (a promise; nothing to stop), send it, then open
     * next(item) once sent, or show the list. */
    function keep(event, make, next) {
      event.preventDefault();
      if (busy) return; // a double tap
      var adding = make();
      if (!adding) return;
      busy = true;
      submit.disabled = true;
      submit.textContent = submit.getAttribute("data-busy");
      adding
        .then(
          function (item) {
            mine = item.key;
            if (replaces) Outbox.remove(replaces, item.kind).catch(noop);
            replaces = null;
            form.reset();
            clearErrors();
            note.textContent = text("saved");
            busy = false;
            submit.disabled = false;
            submit.textContent = label;
            if (navigator.serviceWorker) {
              navigator.serviceWorker
                .getRegistration()
                .then(function (registration) {
                  if (registration && registration.sync) return registration.sync.register(Outbox.name);
                })
                .catch(noop);
            }
            return send(true);
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
          if (item && item.state === "sent") location.assign(next(item));
          else if (!item || item.state !== "invalid") box.scrollIntoView();
        })
        .catch(noop);
    }

    // The problems above the form, focused, as the server's summary.
    function callout(parts) {
      var node = el("div", "callout callout--warning");
      node.setAttribute("role", "alert");
      node.setAttribute("data-outbox-errors", "");
      node.tabIndex = -1;
      parts.forEach(function (part) {
        node.appendChild(part);
      });
      form.parentNode.insertBefore(node, form);
      node.focus();
    }
    function clearErrors() {
      [].forEach.call(document.querySelectorAll("[data-outbox-errors], #form-errors"), remove);
      [].forEach.call(form.querySelectorAll(".error"), remove);
      [].forEach.call(form.querySelectorAll(".field--error"), function (node) {
        node.classList.remove("field--error");
        var fieldset = node.querySelector("fieldset");
        if (fieldset) fieldset.removeAttribute("aria-describedby");
      });
    }
    // The field's label or legend, without its "(required)" mark.
    function caption(wrapper, name) {
      var node = wrapper.querySelector("legend, label");
      if (!node) return name;
      node = node.cloneNode(true);
      [].forEach.call(node.querySelectorAll(".required"), remove);
      return node.textContent.replace(/\s+/g, " ").trim();
    }

    // Refused (400): the fields back in the form, each message under its field and linked to it
    // from the list above the form.
    function bringBack(item) {
      form.reset();
      clearErrors();
      note.textContent = "";
      (item.fields || []).forEach(function (pair) {
        var control = form.elements[pair[0]];
        if (group(control)) {
          [].forEach.call(control, function (radio) {
            radio.checked = radio.value === pair[1];
          });
        } else if (control && control.type === "checkbox") {
          control.checked = true;
        } else if (control) {
          control.value = pair[1];
        }
      });
      if (o.back) o.back(item);
      replaces = item.key;
      var parts = [el("p", "", item.message || text("invalid"))];
      var links = el("ul");
      var errors = item.errors || {};
      Object.keys(errors).forEach(function (name) {
        var wrapper = document.getElementById("field-" + name);
        var control = form.elements[name];
        var first = group(control) ? control[0] : control;
        (errors[name] || []).forEach(function (message) {
          if (!wrapper) return parts.push(el("p", "", message));
          var error = el("p", "error", message);
          error.id = "id_" + name + "_error"; // the id Django's widgets name in aria-describedby
          wrapper.classList.add("field--error");
          wrapper.appendChild(error);
          var described = first === control ? control : wrapper.querySelector("fieldset");
          if (described) described.setAttribute("aria-describedby", error.id);
          if (wrapper.closest("details")) wrapper.closest("details").open = true;
          links.appendChild(link("#" + (first ? first.id : wrapper.id), caption(wrapper, name) + ": " + message));
        });
      });
      if (links.firstChild) parts.push(links);
      callout(parts);
    }

    if (window.BroadcastChannel) new BroadcastChannel(Outbox.name).onmessage = render;
    window.addEventListener("online", send);
    setInterval(function () {
      Outbox.flush(false).then(render, noop);
    }, 5000);
    render().then(send);
    var fix = new URLSearchParams(location.search).get("perbaiki"); // opened to correct one
    if (fix && form) {
      o.load().then(function (items) {
        items.forEach(function (item) {
          if (item.key === fix && item.state === "invalid") bringBack(item);
        });
      }, noop);
    }
    return { text: text, button: button, note: note, keep: keep, callout: callout, clearErrors: clearErrors };
  }

  window.LKOutboxUI = { start: start, el: el, link: link, lang: lang, noop: noop };
})();
