/* The outbox (docs/complaints-offline.md), shared by the pages (complaint.js, survey.js) and
 * the service worker (importScripts): one implementation of "keep, then send until it arrives".
 *
 * An item is written to IndexedDB, with the idempotency key made here, before any network
 * attempt. A complaint (store "items") is sent to POST /api/v1/complaints/, a survey response
 * (store "surveys", `kind: "survey"`) to POST /api/v1/surveys/, each with its key, so repeating
 * a send (two tabs, the worker and a page, a reply lost on the way back) never stores it twice.
 * One flush sends both stores.
 *
 *   2xx with a tracking code   -> complaint "sent": only the code, its reply code and its
 *                                 tracking URL are kept
 *   2xx with submitted_at      -> survey "sent": only the service's name is kept
 *   400, 403, 413 (complaint:  -> "invalid": the resident corrects it (the text stays here);
 *   409)                          403 is a wrong reply code or a post refused as cross-site,
 *                                 which sending again would not change (and each wrong code
 *                                 counts as a failed guess)
 *   409 for a survey           -> "refused": the complaint is already rated or not closed
 *   anything else, no network  -> "queued" again, next attempt after a growing wait
 *
 * Nothing is ever deleted without the resident: items older than RETENTION are not sent on
 * their own any more, the page asks whether to send or delete them.
 */
(function (self) {
  "use strict";
  var NAME = "lk-outbox";
  // 2 added SURVEYS. A page still running version 1 cannot open the database any more
  // (VersionError): its form falls back to the plain post, and nothing stored is touched.
  var VERSION = 2;
  var ITEMS = "items";
  var SHARED = "shared"; // a photo shared into the app (share_target), until the form takes it
  var SURVEYS = "surveys"; // survey responses (docs/surveys.md)
  var API = "/api/v1/complaints/";
  var SURVEY_API = "/api/v1/surveys/";
  var TIMEOUT = 90000; // a 300 KB photo on a 2G link takes a while
  var RETENTION = 7 * 24 * 3600 * 1000;
  var MAX_WAIT = 10 * 60 * 1000;

  function db() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(NAME, VERSION);
      request.onupgradeneeded = function () {
        // Only what is missing: an upgrade from version 1 keeps every queued complaint.
        var names = request.result.objectStoreNames;
        if (!names.contains(ITEMS)) request.result.createObjectStore(ITEMS, { keyPath: "key" });
        if (!names.contains(SHARED)) request.result.createObjectStore(SHARED);
        if (!names.contains(SURVEYS)) request.result.createObjectStore(SURVEYS, { keyPath: "key" });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  // Run `work(store)` in one transaction; resolve with its request's result once committed.
  function run(storeName, mode, work) {
    return db().then(function (database) {
      return new Promise(function (resolve, reject) {
        var transaction = database.transaction(storeName, mode);
        var request = work(transaction.objectStore(storeName));
        transaction.oncomplete = function () {
          database.close();
          resolve(request && request.result);
        };
        transaction.onerror = transaction.onabort = function () {
          database.close();
          reject(transaction.error);
        };
      });
    });
  }

  function changed() {
    if (self.BroadcastChannel) {
      var channel = new BroadcastChannel(NAME);
      channel.postMessage("changed");
      channel.close();
    }
  }

  function storeOf(kind) {
    return kind === "survey" ? SURVEYS : ITEMS;
  }

  function save(item) {
    return run(storeOf(item.kind), "readwrite", function (store) {
      return store.put(item);
    }).then(function () {
      changed();
      return item;
    });
  }

  function newestFirst(items) {
    return items.sort(function (a, b) {
      return b.createdAt - a.createdAt;
    });
  }

  function list(storeName) {
    return run(storeName, "readonly", function (store) {
      return store.getAll();
    }).then(newestFirst);
  }

  /* The complaints. */
  function all() {
    return list(ITEMS);
  }

  /* The survey responses. */
  function surveys() {
    return list(SURVEYS);
  }

  /* Everything the flush sends: complaints and survey responses, newest first. */
  function everything() {
    return Promise.all([all(), surveys()]).then(function (lists) {
      return newestFirst(lists[0].concat(lists[1]));
    });
  }

  function remove(key, kind) {
    return run(storeOf(kind), "readwrite", function (store) {
      return store.delete(key);
    }).then(changed);
  }

  function newKey() {
    if (self.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.prototype.map
      .call(bytes, function (b) {
        return (b + 256).toString(16).slice(1);
      })
      .join("");
  }

  /* Keep a new complaint: `fields` [[name, value], ...], `photo` a Blob or null. */
  function add(fields, photo, lang) {
    return save({
      key: newKey(),
      state: "queued",
      createdAt: Date.now(),
      fields: fields,
      photo: photo || null,
      lang: lang || "id",
      attempts: 0,
      nextAttempt: 0,
    });
  }

  /* Keep a survey response: `payload` the JSON body of POST /api/v1/surveys/, `fields` the form's
   * [[name, value], ...] (to put the answers back for a correction), `about` {title, form}: the
   * service's name and the survey page, shown in the list. */
  function addSurvey(payload, fields, about, lang) {
    return save({
      kind: "survey",
      key: newKey(),
      state: "queued",
      createdAt: Date.now(),
      payload: payload,
      fields: fields,
      title: about.title || "",
      form: about.form || "",
      lang: lang || "id",
      attempts: 0,
      nextAttempt: 0,
    });
  }

  function waiting(item) {
    return item.state === "queued" || item.state === "sending";
  }

  function old(item) {
    return waiting(item) && !item.confirmed && Date.now() - item.createdAt > RETENTION;
  }

  // 5 s, 10 s, 20 s ... up to MAX_WAIT, with jitter so many phones do not return at once.
  function backoff(attempts, retryAfter) {
    var wait = Math.min(MAX_WAIT, 5000 * Math.pow(2, Math.max(0, attempts - 1)));
    wait = wait / 2 + Math.random() * (wait / 2);
    var asked = Number(retryAfter) * 1000;
    // The server's Retry-After, spread by up to a fifth: phones behind one mobile-network
    // address that were all refused together do not all come back at the same second.
    return asked > wait ? Math.min(asked, MAX_WAIT * 3) * (1 + Math.random() * 0.2) : wait;
  }

  /* Return [url, fetch options] for sending `item`. */
  function request(item) {
    var headers = { "Idempotency-Key": item.key, Accept: "application/json", "Accept-Language": item.lang };
    if (item.kind === "survey") {
      headers["Content-Type"] = "application/json";
      return [SURVEY_API, { method: "POST", body: JSON.stringify(item.payload), credentials: "omit", headers: headers }];
    }
    var body = new FormData();
    item.fields.forEach(function (pair) {
      body.append(pair[0], pair[1]);
    });
    if (item.photo) body.append("photo", item.photo, item.photo.name || "foto.jpg");
    return [API, { method: "POST", body: body, credentials: "omit", headers: headers }];
  }

  /* Return what is kept of `item` once the server has it, or null if `data` does not say so
   * (a captive portal's page answers 200 too). */
  function receipt(item, data) {
    if (item.kind === "survey") {
      if (!data.submitted_at) return null;
      return { kind: "survey", key: item.key, state: "sent", title: item.title, form: item.form, createdAt: item.createdAt, sentAt: Date.now() };
    }
    if (!data.tracking_code) return null;
    // The reply code (kode balas) stays beside the tracking code: only this phone has it, and the
    // tracking page's forms need it to add information, confirm or reopen.
    return { key: item.key, state: "sent", code: data.tracking_code, url: data.url, secret: data.reply_secret || "", createdAt: item.createdAt, sentAt: Date.now() };
  }

  /* Send one item; resolve true to go on with the next one, false when the network or the
   * server is not there (the others would fail the same way). */
  function send(item) {
    item.state = "sending";
    return save(item).then(function () {
      var abort = self.AbortController ? new AbortController() : null;
      var timer = setTimeout(function () {
        if (abort) abort.abort();
      }, TIMEOUT);
      var call = request(item);
      call[1].signal = abort && abort.signal;
      return fetch(call[0], call[1])
        .then(
          function (response) {
            return response
              .json()
              .catch(function () {
                return {};
              })
              .then(function (data) {
                return { status: response.status, data: data, retryAfter: response.headers.get("Retry-After") };
              });
          },
          function () {
            return { status: 0, data: {} };
          }
        )
        .then(function (answer) {
          clearTimeout(timer);
          var status = answer.status;
          var data = answer.data || {};
          var kept = status >= 200 && status < 300 ? receipt(item, data) : null;
          if (kept) {
            return save(kept).then(function () {
              return true;
            });
          }
          if (status === 400 || status === 403 || status === 409 || status === 413) {
            item.state = item.kind === "survey" && status === 409 ? "refused" : "invalid";
            item.message = data.message || "";
            item.errors = data.errors || {};
            return save(item).then(function () {
              return true;
            });
          }
          item.state = "queued";
          item.attempts = (item.attempts || 0) + 1;
          item.lastStatus = status;
          item.nextAttempt = Date.now() + backoff(item.attempts, answer.retryAfter);
          return save(item).then(function () {
            return false;
          });
        });
    });
  }

  /* Send what is due (everything waiting when `force`: a submit, the `online` event, a tap).
   * Only one sender at a time across tabs and the worker (Web Locks where they exist; the
   * idempotency key keeps it safe where they do not). Resolve with the number still waiting.
   * `wait` (a submit): when another sender holds the outbox (the worker's background sync,
   * registered on submit, can win the race), wait for it to finish, then send what it left,
   * so the page learns what became of its entry instead of giving up at once. */
  function flush(force, wait) {
    function go() {
      return everything().then(function (items) {
        var due = items.filter(function (item) {
          return waiting(item) && !old(item) && (force || !(item.nextAttempt > Date.now()));
        });
        return due
          .reduce(function (previous, item) {
            return previous.then(function (goOn) {
              return goOn ? send(item) : false;
            });
          }, Promise.resolve(true))
          .then(pending);
      });
    }
    if (self.navigator && navigator.locks) {
      if (wait) return navigator.locks.request(NAME, go);
      return navigator.locks.request(NAME, { ifAvailable: true }, function (lock) {
        return lock ? go() : pending();
      });
    }
    return go();
  }

  function pending() {
    return everything().then(function (items) {
      return items.filter(function (item) {
        return waiting(item) && !old(item);
      }).length;
    });
  }

  function keepShared(photo, text) {
    return run(SHARED, "readwrite", function (store) {
      return store.put({ photo: photo, text: text || "", at: Date.now() }, "latest");
    });
  }

  function takeShared() {
    return run(SHARED, "readonly", function (store) {
      return store.get("latest");
    });
  }

  function dropShared() {
    return run(SHARED, "readwrite", function (store) {
      return store.delete("latest");
    });
  }

  self.LKOutbox = {
    name: NAME,
    add: add,
    addSurvey: addSurvey,
    all: all,
    surveys: surveys,
    save: save,
    remove: remove,
    flush: flush,
    pending: pending,
    old: old,
    waiting: waiting,
    keepShared: keepShared,
    takeShared: takeShared,
    dropShared: dropShared,
  };
})(self);
