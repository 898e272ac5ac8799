// Layanan Kecamatan: Web Push opt-in (docs/push.md). Asked only from a tap, never on a first
// visit; hidden where the browser has no Push API (iPhone: only an installed app, iOS 16.4+).
// The notifications page (/notifikasi/) chooses topics; a "tell me" button elsewhere
// ([data-push-complaint], the complaint receipt) adds one complaint and turns push on; the
// offer of emergency warnings ([data-push-offer], the home page and the install help) adds the
// `darurat` topic. The home page's offer waits for a return visit and can be put away.
(function () {
  "use strict";
  // What this phone asked for, kept on it only: the topics chosen on the notifications page,
  // and the complaints (tracking code and reply code) asked from their receipts.
  var TOPICS = "lk-push-topics";
  var STORE = "lk-push-complaints";
  var OFFER_DISMISSED = "lk-push-offer-dismissed";
  var supported =
    "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;

  function read(name) {
    try {
      return JSON.parse(localStorage.getItem(name) || "[]");
    } catch (error) {
      return [];
    }
  }

  function write(name, topics) {
    try {
      localStorage.setItem(name, JSON.stringify(topics));
    } catch (error) {
      /* private mode: the subscription on the server still holds them */
    }
  }

  function kept() {
    return read(STORE);
  }

  function keyBytes(base64url) {
    var text = atob((base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  function send(url, method, body) {
    return fetch(url, {
      method: method,
      headers: { "Content-Type": "application/json", "Accept-Language": document.documentElement.lang || "id" },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (response.ok || (method === "DELETE" && response.status === 404)) return response;
      return response.json().then(function (answer) {
        var error = new Error(answer.message);
        error.answer = answer;
        throw error;
      });
    });
  }

  function registration() {
    return navigator.serviceWorker.ready;
  }

  function current() {
    return registration().then(function (reg) {
      return reg.pushManager.getSubscription();
    });
  }

  // The PushSubscription, made on first use with the server's key (the permission is asked
  // here, so only ever from a tap).
  function subscription(keyUrl) {
    return Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") throw new Error("denied");
      return registration().then(function (reg) {
        return reg.pushManager.getSubscription().then(function (existing) {
          if (existing) return existing;
          return fetch(keyUrl)
            .then(function (response) {
              return response.json();
            })
            .then(function (answer) {
              return reg.pushManager.subscribe({
                userVisibleOnly: true,
                applicationServerKey: keyBytes(answer.public_key),
              });
            });
        });
      });
    });
  }

  function save(urls, topics) {
    return subscription(urls.key).then(function (sub) {
      var body = sub.toJSON();
      body.topics = topics.concat(kept());
      body.language = document.documentElement.lang || "id";
      // Remembered once the server has them: a save that failed (offline) leaves the page
      // showing what the server still holds.
      return send(urls.subscriptions, "POST", body).then(function (answer) {
        write(TOPICS, topics);
        return answer;
      });
    });
  }

  function explain(form, status, error) {
    if (error.message === "denied") return form.dataset.msgDenied;
    if (error.answer) return error.answer.message;
    // fetch() fails with a TypeError when there is no connection; PushManager.subscribe() with
    // a DOMException (AbortError, NotAllowedError...) when the browser has no push service here.
    if (error.name && error.name !== "TypeError" && error.name !== "Error" && form.dataset.msgUnavailable) {
      return form.dataset.msgUnavailable;
    }
    return form.dataset.msgOffline;
  }

  function settingsPage(form) {
    var status = form.querySelector("[data-push-status]");
    var off = form.querySelector("[data-push-off]");
    var urls = { key: form.dataset.keyUrl, subscriptions: form.dataset.subscriptionsUrl };
    form.hidden = false;
    form.querySelector("[data-push-complaints]").hidden = kept().length === 0;
    current().then(function (sub) {
      off.hidden = !sub;
      if (!sub) return;
      var topics = read(TOPICS);
      Array.prototype.forEach.call(form.querySelectorAll("input[name=topic]"), function (box) {
        box.checked = topics.indexOf(box.value) >= 0;
      });
    });
    function chosen() {
      return Array.prototype.map.call(form.querySelectorAll("input[name=topic]:checked"), function (box) {
        return box.value;
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (chosen().length === 0 && kept().length === 0) {
        status.textContent = form.dataset.msgNone;
        return;
      }
      save(urls, chosen())
        .then(function () {
          status.textContent = form.dataset.msgSaved;
          off.hidden = false;
        })
        .catch(function (error) {
          status.textContent = explain(form, status, error);
        });
    });
    off.addEventListener("click", function () {
      current()
        .then(function (sub) {
          if (!sub) return null;
          return send(urls.subscriptions, "DELETE", { endpoint: sub.endpoint }).then(function () {
            return sub.unsubscribe();
          });
        })
        .then(function () {
          write(STORE, []);
          write(TOPICS, []);
          status.textContent = form.dataset.msgOff;
          off.hidden = true;
        })
        .catch(function (error) {
          status.textContent = explain(form, status, error);
        });
    });
  }

  function complaintButton(box) {
    var button = box.querySelector("button");
    var status = box.querySelector("[data-push-status]");
    var urls = { key: box.dataset.keyUrl, subscriptions: box.dataset.subscriptionsUrl };
    box.hidden = false;
    button.addEventListener("click", function () {
      // The reply code as the page shows it: from the server, or from this phone's outbox.
      var shown = document.getElementById("reply-secret");
      var secret = shown ? shown.textContent.trim() : "";
      if (!secret) {
        status.textContent = box.dataset.msgNoCode;
        return;
      }
      var topic = "complaint:" + box.dataset.pushComplaint + ":" + secret;
      var all = kept();
      if (all.indexOf(topic) < 0) all.push(topic);
      write(STORE, all);
      // What this phone already asked for stays; only the complaint is added.
      save(urls, read(TOPICS))
        .then(function () {
          status.textContent = box.dataset.msgSaved;
          button.disabled = true;
        })
        .catch(function (error) {
          status.textContent = explain(box, status, error);
        });
    });
  }

  function offer(box) {
    var returnVisitOnly = box.hasAttribute("data-push-return-visit");
    // A first visit (no worker in control yet) is never asked; "Not now" is remembered.
    if (returnVisitOnly && (!navigator.serviceWorker.controller || read(OFFER_DISMISSED).length)) return;
    if (Notification.permission === "denied") return;
    var status = box.querySelector("[data-push-status]");
    var button = box.querySelector("[data-push-offer-on]");
    var dismiss = box.querySelector("[data-push-offer-dismiss]");
    var urls = { key: box.dataset.keyUrl, subscriptions: box.dataset.subscriptionsUrl };
    current().then(function (sub) {
      if (sub) return; // notifications are on already: the settings page changes them
      box.hidden = false;
      button.addEventListener("click", function () {
        // What this phone already asked for stays; emergency warnings are added.
        var topics = read(TOPICS);
        if (topics.indexOf("darurat") < 0) topics.push("darurat");
        save(urls, topics)
          .then(function () {
            status.textContent = box.dataset.msgSaved;
            button.disabled = true;
          })
          .catch(function (error) {
            status.textContent = explain(box, status, error);
          });
      });
      if (dismiss) {
        dismiss.addEventListener("click", function () {
          write(OFFER_DISMISSED, ["home"]); // private mode: offered again next time
          box.hidden = true;
        });
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!supported) {
      Array.prototype.forEach.call(document.querySelectorAll("[data-push-unsupported]"), function (note) {
        note.hidden = false;
      });
      return;
    }
    var form = document.querySelector("form[data-push]");
    if (form) settingsPage(form);
    Array.prototype.forEach.call(document.querySelectorAll("[data-push-complaint]"), complaintButton);
    Array.prototype.forEach.call(document.querySelectorAll("[data-push-offer]"), offer);
  });
})();
