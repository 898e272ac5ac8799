/* "Print" buttons of the survey's report and QR poster: <button data-print hidden> opens the
   browser's print dialog. A file, not onclick="": the admin's Content-Security-Policy runs
   no inline event handlers (docs/privacy.md). Hidden until this runs: without JavaScript the
   button would do nothing (the browser's own Print menu still works). Loaded with defer. */
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
});
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});
