/* "Print" buttons of the survey's report and QR poster: <button data-print> opens the
   browser's print dialog. A file, not onclick="": the admin's Content-Security-Policy runs
   no inline event handlers (docs/privacy.md). */
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("[data-print]")) {
    window.print();
  }
});
