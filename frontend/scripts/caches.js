/* The caches the worker and the page script share, by name: one list, joined into both the
 * worker (frontend/scripts/worker/) and static/js/pwa.js (frontend/scripts/pwa/).
 * Kept across worker versions: change a number only if what is stored changes shape (the old
 * cache is then deleted on activate). The shell's cache is the worker's own: lk-shell-<version>. */
var PAGES = "lk-pages-1"; // pages the resident opened
var IMAGES = "lk-images-1";
var STATIC = "lk-static-1";
var SAVED = "lk-saved-1"; // "Simpan untuk dibaca offline": only the resident removes these
var LITE = "lk-lite-1"; // pages read in low-data mode: their images are tap-to-load links
var PREFS = "lk-prefs-1"; // the resident's choices, kept across restarts and versions
