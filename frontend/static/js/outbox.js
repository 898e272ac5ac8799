/* The complaint outbox (docs/complaints-offline.md), shared by the page (complaint.js) and the
 * service worker (importScripts): one implementation of "keep, then send until it arrives".
 *
 * An item is written to IndexedDB, with the idempotency key made here, before any network
 * attempt. It is sent to POST /api/v1/complaints/ with that key, so repeating a send (two tabs,
 * the worker and a page, a reply lost on the way back) never stores a second complaint.
 *
 *   2xx with a tracking code   -> "sent": only the code and its tracking URL are kept
 *   400, 409, 413              -> "invalid": the resident corrects it (the text stays here)
 *   anything else, no network  -> "queued" again, next attempt after a growing wait
 *
 * Nothing is ever deleted without the resident: items older than RETENTION are not sent on
 * their own any more, the page asks whether to send or delete them.
 */
(function (self) {
  "use strict";
  var NAME = "lk-outbox";
  var ITEMS = "items";
  var SHARED = "shared"; // a photo shared into the app (share_target), until the form takes it
  var API = "/api/v1/complaints/";
  var TIMEOUT = 90000; // a 300 KB photo on a 2G link takes a while
  var RETENTION = 7 * 24 * 3600 * 1000;
  var MAX_WAIT = 10 * 60 * 1000;

  function db() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(ITEMS, { keyPath: "key" });
        request.result.createObjectStore(SHARED);
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

  function save(item) {
    return run(ITEMS, "readwrite", function (store) {
      return store.put(item);
    }).then(function () {
      changed();
      return item;
    });
  }

  function all() {
    return run(ITEMS, "readonly", function (store) {
      return store.getAll();
    }).then(function (items) {
      return items.sort(function (a, b) {
        return b.createdAt - a.createdAt;
      });
    });
  }

  function remove(key) {
    return run(ITEMS, "readwrite", function (store) {
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

  /* Send one item; resolve true to go on with the next one, false when the network or the
   * server is not there (the others would fail the same way). */
  function send(item) {
    item.state = "sending";
    return save(item).then(function () {
      var body = new FormData();
      item.fields.forEach(function (pair) {
        body.append(pair[0], pair[1]);
      });
      if (item.photo) body.append("photo", item.photo, item.photo.name || "foto.jpg");
      var abort = self.AbortController ? new AbortController() : null;
      var timer = setTimeout(function () {
        if (abort) abort.abort();
      }, TIMEOUT);
      return fetch(API, {
        method: "POST",
        body: body,
        credentials: "omit",
        headers: { "Idempotency-Key": item.key, Accept: "application/json", "Accept-Language": item.lang },
        signal: abort && abort.signal,
      })
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
          if (status >= 200 && status < 300 && data.tracking_code) {
            return save({
              key: item.key,
              state: "sent",
              code: data.tracking_code,
              url: data.url,
              createdAt: item.createdAt,
              sentAt: Date.now(),
            }).then(function () {
              return true;
            });
          }
          if (status === 400 || status === 409 || status === 413) {
            item.state = "invalid";
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
   * idempotency key keeps it safe where they do not). Resolve with the number still waiting. */
  function flush(force) {
    function go() {
      return all().then(function (items) {
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
      return navigator.locks.request(NAME, { ifAvailable: true }, function (lock) {
        return lock ? go() : pending();
      });
    }
    return go();
  }

  function pending() {
    return all().then(function (items) {
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
    all: all,
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
