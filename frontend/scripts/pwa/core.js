/* What every part of pwa.js uses: is there a worker, a query helper, asking to keep our caches,
 * a size for people. */

var hasWorker = "serviceWorker" in navigator && "caches" in window;
function noop() {}
function $(selector, root) {
  return (root || document).querySelector(selector);
}
// Ask the browser not to evict our caches (Safari otherwise may after 7 days without a visit).
function persist() {
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(noop);
}
function formatSize(bytes) {
  var kb = bytes / 1024;
  if (kb < 1000) return Math.max(1, Math.round(kb)) + " KB";
  return (kb / 1024).toLocaleString(document.documentElement.lang, { maximumFractionDigits: 1 }) + " MB";
}
