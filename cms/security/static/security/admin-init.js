/* Runs what Wagtail 8's admin would put in inline <script> tags, so the admin works under a
   Content-Security-Policy without 'unsafe-inline' (docs/privacy.md).

   cms/security/admin_csp.py and our copies of Wagtail's widget and panel templates write each
   such call as data instead: <script type="application/json" data-lk-init="new|call">
   {"name": "ImageChooser", "args": [...], "parse": false}</script>. Data is not run by the
   browser, so the policy allows it; this file makes the call: for what the page came with
   once it is parsed, and for what is added later (an inline panel's new form, a modal). */
(function () {
  "use strict";

  var SELECTOR = "script[data-lk-init]";

  function run(script) {
    if (script.dataset.lkDone) return;
    var spec;
    try {
      spec = JSON.parse(script.textContent);
    } catch (error) {
      return; // still being parsed: its text arrives in a later mutation
    }
    script.dataset.lkDone = "1";
    var target = window[spec.name];
    if (typeof target !== "function") {
      console.error("admin-init: " + spec.name + " is not loaded");
      return;
    }
    var args = spec.parse ? spec.args.map(function (arg) { return JSON.parse(arg); }) : spec.args;
    if (script.dataset.lkInit === "new") {
      new (Function.prototype.bind.apply(target, [null].concat(args)))();
    } else {
      target.apply(window, args);
    }
  }

  function scan(node) {
    if (node.nodeType === Node.TEXT_NODE) node = node.parentNode;
    if (!node || node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.matches(SELECTOR)) run(node);
    node.querySelectorAll(SELECTOR).forEach(run);
  }

  // Observed from the top of <body> (Wagtail puts this file there), so each call runs as the
  // parser reaches it, like the inline script it replaces: before Wagtail's Stimulus
  // controllers start (on DOMContentLoaded) and rearrange the widgets.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(scan);
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    scan(document.documentElement);
  });
  scan(document.documentElement);
})();
