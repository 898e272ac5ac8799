/* The complaint outbox (issue #6, docs/complaints-offline.md): a photo shared into the app,
 * sending what waits on page loads, and Background Sync. The outbox itself is
 * static/js/outbox.js (self.LKOutbox, imported in base.js), the same code the forms use.
 * Uses LK, noop (base.js). */

var OUTBOX_SYNC = "lk-outbox";
var NUDGE_EVERY = 30000; // ms: a page load sends what waits, at most this often
var lastNudge = 0;

function isComplaintForm(url) {
  return LK.complaintForms.indexOf(url.pathname) >= 0;
}

/* The manifest's share_target posts the shared image (and text) to the complaint form. Keep it
 * in IndexedDB, even offline, and open the form, which attaches it. The form's own post (it has
 * an idempotency_key: JavaScript was off) goes to the network as without a worker. */
function sharedPhoto(request) {
  return request
    .clone()
    .formData()
    .then(function (data) {
      if (data.has("idempotency_key")) return fetch(request);
      var photo = data.get("photo");
      var text = data.get("description") || "";
      return self.LKOutbox.keepShared(photo && photo.size ? photo : null, text).then(function () {
        return Response.redirect(new URL(request.url).pathname, 303);
      });
    })
    .catch(function () {
      return fetch(request);
    });
}

/* Any page load while complaints wait is a sign of signal: send them (not waiting for the page). */
function outboxNudge(event) {
  if (Date.now() - lastNudge < NUDGE_EVERY) return;
  lastNudge = Date.now();
  event.waitUntil(self.LKOutbox.flush(false).catch(noop));
}

/* Background Sync (Chromium): the browser wakes the worker when the phone is online again, even
 * with the app closed. One flush sends queued complaints and survey responses alike. Failing the event makes the browser try again later (a few times only;
 * the page's own timer and online event carry on after that). */
self.addEventListener("sync", function (event) {
  if (event.tag !== OUTBOX_SYNC) return;
  event.waitUntil(
    self.LKOutbox.flush(true).then(function (left) {
      if (left) throw new Error(left + " items still waiting");
    })
  );
});

self.addEventListener("activate", function (event) {
  // A new version: ask for a sync, so what an earlier version queued is sent without a page.
  if (self.registration.sync) event.waitUntil(self.registration.sync.register(OUTBOX_SYNC).catch(noop));
});
