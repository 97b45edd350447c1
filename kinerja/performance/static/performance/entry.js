// The realisation form: the live preview follows added and removed rows, and each refused input
// is shown next to its own field. Rows themselves are added by the catalogue's try-panel script.
(function () {
  "use strict";

  function placeProblems(scope) {
    var form = document.querySelector("[data-entry-form]");
    if (!form) {
      return;
    }
    form.querySelectorAll(".entry-problem").forEach(function (element) {
      element.remove();
    });
    form.querySelectorAll(".is-invalid").forEach(function (element) {
      element.classList.remove("is-invalid");
    });
    (scope || document).querySelectorAll("[data-field-problems] [data-for]").forEach(function (item) {
      var name = item.getAttribute("data-for");
      var field = name ? form.querySelector('[name="' + CSS.escape(name) + '"]') : null;
      if (!field) {
        return;
      }
      field.classList.add("is-invalid");
      var note = document.createElement("div");
      note.className = "invalid-feedback d-block entry-problem";
      var message = item.querySelector("[data-message]");
      note.textContent = message ? message.textContent : item.textContent;
      field.insertAdjacentElement("afterend", note);
    });
  }

  // Capture phase: the try-panel script removes the clicked row (and its button) while bubbling.
  document.addEventListener(
    "click",
    function (event) {
      var target = event.target instanceof Element ? event.target : null;
      if (target && target.closest("[data-entry-form] [data-try-add], [data-entry-form] [data-try-remove]")) {
        // Ask for a new preview once the row has been added or removed.
        window.setTimeout(function () {
          document.body.dispatchEvent(new CustomEvent("entry-rows-changed"));
        }, 0);
      }
    },
    true
  );

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail && event.detail.target && event.detail.target.id === "preview") {
      placeProblems(event.detail.target);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    placeProblems(document);
  });
})();
