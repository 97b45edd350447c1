// The catalogue's behaviour: rows of the formula editor and of the try panel, the caret position,
// jumping to a problem, printing. Elements opt in through data- attributes (no inline scripts).
(function () {
  "use strict";

  // Placeholders in the <template> rows: [the parent's placeholder, the row's own placeholder].
  var PLACEHOLDERS = {
    inputs: [null, "__i__"],
    columns: ["__i__", "__j__"],
    bands: [null, "__k__"],
    "band-rows": ["__k__", "__m__"],
    constraints: [null, "__n__"]
  };

  function changed(element) {
    // The live check listens for this event on its container.
    element.dispatchEvent(new CustomEvent("editor-changed", { bubbles: true }));
    markStale();
  }

  function ownRowsContainer(scope, kind) {
    var containers = scope.querySelectorAll('[data-rows="' + kind + '"]');
    for (var i = 0; i < containers.length; i++) {
      var owner = containers[i].parentElement.closest("[data-row]");
      if (scope.matches("[data-editor]") ? owner === null : owner === scope) {
        return containers[i];
      }
    }
    return null;
  }

  function addRow(button) {
    var kind = button.getAttribute("data-add-row");
    var editor = button.closest("[data-editor]");
    var template = editor && editor.querySelector('[data-template="' + kind + '"]');
    var marks = PLACEHOLDERS[kind];
    if (!template || !marks) {
      return;
    }
    var scope = marks[0] ? button.closest("[data-row]") : editor;
    var container = ownRowsContainer(scope, kind);
    if (!container) {
      return;
    }
    var next = parseInt(container.getAttribute("data-next") || "0", 10);
    container.setAttribute("data-next", String(next + 1));
    var html = template.innerHTML.split(marks[1]).join(String(next));
    if (marks[0]) {
      html = html.split(marks[0]).join(scope.getAttribute("data-index"));
    }
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    var row = holder.content.firstElementChild;
    container.appendChild(holder.content);
    var first = row && row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) {
      first.focus();
    }
    changed(container);
  }

  function removeRow(button) {
    var row = button.closest("[data-row]");
    if (!row) {
      return;
    }
    var kind = row.getAttribute("data-row");
    var container = row.parentElement;
    var scope = container.closest("fieldset, [data-row]") || document;
    row.remove();
    changed(container);
    var add = scope.querySelector('[data-add-row="' + kind + '"]');
    if (add) {
      add.focus();
    }
  }

  function showForType(select) {
    var row = select.closest("[data-row]");
    if (!row) {
      return;
    }
    var type = select.value;
    row.querySelectorAll("[data-show-for]").forEach(function (element) {
      if (element.closest("[data-row]") !== row) {
        return;
      }
      var types = element.getAttribute("data-show-for").split(" ");
      element.hidden = types.indexOf(type) < 0;
    });
  }

  function updateSummary(input) {
    var row = input.closest("details[data-row]");
    if (!row || input.closest("[data-row]") !== row) {
      return;
    }
    var which = input.getAttribute("data-summary-source");
    var target = row.querySelector(which === "name" ? "[data-summary-name]" : "[data-summary-label]");
    if (target) {
      target.textContent = input.value || "…";
    }
  }

  function caretStatus(textarea) {
    var status = document.querySelector("[data-caret]");
    if (!status) {
      return;
    }
    var before = textarea.value.slice(0, textarea.selectionStart);
    var lines = before.split("\n");
    var text = status.getAttribute("data-caret-template") || "{line}:{column}";
    status.textContent = text.replace("{line}", lines.length).replace("{column}", lines[lines.length - 1].length + 1);
  }

  function gotoPosition(link) {
    var textarea = document.querySelector("[data-formula-text]");
    if (!textarea) {
      return false;
    }
    var line = parseInt(link.getAttribute("data-goto-line"), 10);
    var column = parseInt(link.getAttribute("data-goto-column") || "1", 10);
    var lines = textarea.value.split("\n");
    var offset = 0;
    for (var i = 0; i < Math.min(line - 1, lines.length); i++) {
      offset += lines[i].length + 1;
    }
    offset += Math.max(column - 1, 0);
    textarea.focus();
    textarea.setSelectionRange(offset, offset + 1);
    caretStatus(textarea);
    return true;
  }

  // A try result computed before the last change of the formula says so.
  function markStale() {
    document.querySelectorAll("#try-result [data-result]").forEach(function (result) {
      result.classList.add("is-stale");
      var note = result.querySelector("[data-stale-note]");
      if (note) {
        note.hidden = false;
      }
    });
  }

  function renumberTry(table) {
    table.querySelectorAll("[data-try-row]").forEach(function (row, index) {
      var number = row.querySelector("[data-row-number]");
      if (number) {
        number.textContent = String(index + 1);
      }
    });
  }

  function addTryRow(button) {
    var table = button.closest("[data-try-table]");
    var template = table && table.querySelector("[data-try-template]");
    var rows = table && table.querySelector("[data-try-rows]");
    if (!template || !rows) {
      return;
    }
    var next = parseInt(table.getAttribute("data-next") || "0", 10);
    table.setAttribute("data-next", String(next + 1));
    var holder = document.createElement("template");
    holder.innerHTML = template.innerHTML.split("__r__").join(String(next)).trim();
    var row = holder.content.firstElementChild;
    rows.appendChild(holder.content);
    renumberTry(table);
    var first = row && row.querySelector("input:not([type=hidden]), select");
    if (first) {
      first.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) {
      return;
    }
    var button = target.closest("[data-add-row]");
    if (button) {
      event.preventDefault();
      addRow(button);
      return;
    }
    button = target.closest("[data-remove-row]");
    if (button) {
      event.preventDefault();
      removeRow(button);
      return;
    }
    button = target.closest("[data-try-add]");
    if (button) {
      event.preventDefault();
      addTryRow(button);
      return;
    }
    button = target.closest("[data-try-remove]");
    if (button) {
      event.preventDefault();
      var table = button.closest("[data-try-table]");
      button.closest("[data-try-row]").remove();
      renumberTry(table);
      var add = table.querySelector("[data-try-add]");
      if (add) {
        add.focus();
      }
      return;
    }
    if (target.closest("[data-print]")) {
      window.print();
      return;
    }
    var link = target.closest(".problem-link");
    if (link) {
      if (link.hasAttribute("data-goto-line") && gotoPosition(link)) {
        event.preventDefault();
        return;
      }
      var anchor = document.getElementById((link.getAttribute("href") || "").slice(1));
      if (anchor) {
        event.preventDefault();
        var details = anchor.closest("details");
        while (details) {
          details.open = true;
          details = details.parentElement.closest("details");
        }
        anchor.scrollIntoView({ block: "center" });
        var field = anchor.querySelector("input:not([type=hidden]), select, textarea");
        if (field) {
          field.focus({ preventScroll: true });
        }
      }
    }
  });

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.matches("[data-type-select]")) {
      showForType(target);
    }
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLElement)) {
      return;
    }
    if (target.matches("[data-summary-source]")) {
      updateSummary(target);
    }
    if (target.matches("[data-formula-text]")) {
      caretStatus(target);
    }
    if (target.closest("[data-editor]")) {
      markStale();
    }
  });

  ["keyup", "click", "focusin"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (event.target instanceof HTMLTextAreaElement && event.target.matches("[data-formula-text]")) {
        caretStatus(event.target);
      }
    });
  });

  // A new try result may be below the fold of the panel: bring it into view.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id === "try-result" && target.scrollIntoView) {
      target.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
  });

  // Enter inside the try panel of the editor computes; it must not save the formula.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || !(target instanceof HTMLInputElement)) {
      return;
    }
    var form = target.closest("[data-formula-form]");
    if (form && target.closest("[data-try-panel]")) {
      event.preventDefault();
      var button = form.querySelector("[data-try-button]");
      if (button) {
        button.click();
      }
    }
  });
})();
