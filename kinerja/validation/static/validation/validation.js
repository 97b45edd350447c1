// The verdict form shows the agreed-text fields only for "diperbaiki" (no inline script: CSP).
(function () {
  "use strict";
  function sync(form) {
    var select = form.querySelector('select[name$="-verdict"]');
    var agreed = form.querySelector("[data-agreed]");
    if (!select || !agreed) {
      return;
    }
    agreed.hidden = select.value !== "diperbaiki";
  }
  document.querySelectorAll("[data-verdict-form]").forEach(function (form) {
    sync(form);
    form.addEventListener("change", function () {
      sync(form);
    });
  });
})();
