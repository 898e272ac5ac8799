/* Install: our own small banner where the browser offers a prompt (Chromium), a link to the
 * illustrated help on iPhone and iPad (Safari has none); "Nanti saja" is remembered.
 * Uses $, persist (core.js). */

var DISMISSED = "lk-install-dismissed";
function remember(key, value) {
  try {
    if (value === undefined) return localStorage.getItem(key);
    localStorage.setItem(key, value);
  } catch (error) {
    return null; // private mode: the banner just comes back next time
  }
}
function standalone() {
  return matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
}

function banner(kind) {
  var template = document.getElementById("install-banner");
  if (!template || standalone() || remember(DISMISSED) || $(".install-banner")) return null;
  var node = template.content.firstElementChild.cloneNode(true);
  var help = $("[data-install-help]", node);
  // Not on the help page itself (a template's link resolves against no page: resolve it here).
  if (kind === "ios" && help && new URL(help.getAttribute("href"), location.href).pathname === location.pathname) return null;
  var other = $(kind === "ios" ? "[data-install-button]" : "[data-install-help]", node);
  other.parentNode.removeChild(other);
  $("[data-install-dismiss]", node).addEventListener("click", function () {
    remember(DISMISSED, "1");
    node.parentNode.removeChild(node);
  });
  document.body.appendChild(node);
  return node;
}
window.addEventListener("beforeinstallprompt", function (event) {
  if (remember(DISMISSED)) return; // dismissed: leave it to the browser's own menu
  event.preventDefault();
  var node = banner("prompt");
  if (!node) return;
  $("[data-install-button]", node).addEventListener("click", function () {
    event.prompt();
    event.userChoice.then(function () {
      if (node.parentNode) node.parentNode.removeChild(node);
    });
  });
});
window.addEventListener("appinstalled", function () {
  persist();
  var node = $(".install-banner");
  if (node) node.parentNode.removeChild(node);
});
if (standalone()) {
  persist();
} else if (/iPhone|iPad|iPod/.test(navigator.userAgent) || (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1)) {
  banner("ios"); // Safari has no install prompt (iPadOS says "Macintosh")
}
