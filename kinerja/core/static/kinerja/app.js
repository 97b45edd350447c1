// Kinerja's own behaviour, kept out of the templates so the Content-Security-Policy can forbid
// inline scripts. Elements opt in through data- attributes.
(function () {
  "use strict";
  // Auto-submit a form when a marked control changes (e.g. the language selector).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLElement && target.matches("[data-autosubmit]")) {
      target.form && target.form.requestSubmit();
    }
  });
})();
