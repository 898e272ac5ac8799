/* Lets the admin's own scripts add <style> elements under a Content-Security-Policy without
   'unsafe-inline' (docs/privacy.md).

   The rich-text editor (Draftail, React) renders <style> elements whose text names each
   editor's block keys (placeholders, list numbering), so no hash can list them. This file is
   loaded first in every admin page, with the page's CSP nonce; it gives that nonce to every
   <style> element a script creates, which the policy allows (`style-src-elem 'nonce-…'`).
   A <style> in markup (injected HTML) has no nonce and stays refused, as do style attributes
   and every inline script. */
(function () {
  "use strict";

  var nonce = document.currentScript && document.currentScript.nonce;
  if (!nonce) return; // no policy nonce on this page: nothing to hand on

  var create = Document.prototype.createElement;
  Document.prototype.createElement = function (name) {
    var element = create.apply(this, arguments);
    if (typeof name === "string" && name.toLowerCase() === "style") element.nonce = nonce;
    return element;
  };
})();
