/* Web Push (docs/push.md): show what the kecamatan sent, keep its page for the way there, and
 * open that page on a tap. The payload is JSON made by cms/push/payloads.py:
 *   {title, body, url, icon, tag, urgent}
 * Uses noop, storable, put (base.js), PAGES (caches.js). */

function pushMessage(event) {
  try {
    return event.data ? event.data.json() : null;
  } catch (error) {
    return null;
  }
}

/* Only a page of this site is opened or kept: a payload cannot send the phone elsewhere. */
function ownUrl(raw) {
  try {
    var url = new URL(raw || "/", location.href);
    return url.origin === location.origin ? url.href : location.origin + "/";
  } catch (error) {
    return location.origin + "/";
  }
}

/* Fetch the page now, while the phone has signal, so the tap opens it even offline. */
function keepPushedPage(url) {
  return fetch(url, { credentials: "same-origin" })
    .then(function (response) {
      if (storable(response, true)) return put(PAGES, url, response);
    })
    .catch(noop);
}

self.addEventListener("push", function (event) {
  var message = pushMessage(event);
  if (!message || !message.title) return;
  var url = ownUrl(message.url);
  var shown = self.registration.showNotification(message.title, {
    body: message.body || "",
    icon: message.icon || undefined,
    tag: message.tag || undefined,
    renotify: Boolean(message.tag),
    requireInteraction: message.urgent === true,
    data: { url: url },
  });
  event.waitUntil(Promise.all([shown, keepPushedPage(url)]));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = ownUrl(event.notification.data && event.notification.data.url);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        if (windows[i].url === url && "focus" in windows[i]) return windows[i].focus();
      }
      return self.clients.openWindow(url);
    })
  );
});
