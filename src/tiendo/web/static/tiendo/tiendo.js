// tiendo's only script besides htmx, loaded from the site itself (the Content-Security-Policy
// allows no inline script): a <select data-submit-on-change> sends its form when it changes
// (the language switch). Without JavaScript its <noscript> button does the same.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-submit-on-change]") && field.form) {
    field.form.submit();
  }
});
