/* SPIRIT admin: put rows (parts of a meeting, next steps, sessions...) in order by dragging
   them, or with the "Move up" and "Move down" buttons, which a keyboard reaches too.
   Moving a row fills in the number boxes to match: the first row is 1, the next 2.
   Nothing is saved until Save. Without this file the number boxes still order the rows
   (core/admin_order.py). */
(function () {
  "use strict";

  var ROWS = ".inline-related:not(.empty-form):not(.tabular), tr.form-row:not(.empty-form)";

  function orderField(group) {
    var match = /(?:^|\s)order-by-([\w-]+)/.exec(group.className);
    return match ? match[1] : "position";
  }

  function rowsOf(group) {
    return Array.prototype.filter.call(group.querySelectorAll(ROWS), function (row) {
      return row.closest("fieldset.ordered-rows") === group;
    });
  }

  function numberBox(row, field) {
    return row.querySelector("input[name$='-" + field + "']");
  }

  // A new row that nothing was typed in keeps an empty number: it is not saved.
  function inUse(row, field) {
    if (row.classList.contains("has_original")) return true;
    return Array.prototype.some.call(
      row.querySelectorAll("input[type='text'], textarea"),
      function (box) {
        return box.value.trim() !== "" && !/-(position|order)$/.test(box.name);
      }
    );
  }

  function renumber(group) {
    var field = orderField(group);
    var number = 0;
    rowsOf(group).forEach(function (row) {
      var box = numberBox(row, field);
      if (!box) return;
      if (inUse(row, field)) {
        number += 1;
        box.value = String(number);
      }
    });
  }

  function rowName(row) {
    var heading = row.querySelector("h3 .inline_label") || row.querySelector("td.original p");
    var text = heading ? heading.textContent.replace(/\s+/g, " ").trim() : "";
    if (!text) {
      var box = row.querySelector("input[name$='-title'], input[name$='-what'], input[name$='-text'], textarea");
      text = box && box.value.trim() ? box.value.trim().slice(0, 60) : "a new row";
    }
    return text;
  }

  function say(group, words) {
    var status = group.querySelector(".order-status");
    if (status) status.textContent = words;
  }

  function placeOf(group, row) {
    return rowsOf(group).indexOf(row) + 1;
  }

  function move(group, row, step) {
    var rows = rowsOf(group);
    var index = rows.indexOf(row);
    var other = rows[index + step];
    if (!other) {
      say(group, rowName(row) + " is " + (step < 0 ? "first" : "last") + " already.");
      return;
    }
    if (step < 0) other.parentNode.insertBefore(row, other);
    else other.parentNode.insertBefore(row, other.nextSibling);
    group.setAttribute("data-moved", "yes");
    renumber(group);
    say(group, rowName(row) + " is now number " + placeOf(group, row) + ".");
  }

  function button(words, label, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "order-button";
    element.textContent = words;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", onClick);
    return element;
  }

  function enhanceRow(group, row) {
    if (row.querySelector(".order-tools")) return;
    var tools = document.createElement(row.tagName === "TR" ? "td" : "div");
    tools.className = "order-tools";
    var handle = document.createElement("span");
    handle.className = "order-handle";
    handle.textContent = "Drag to move";
    handle.setAttribute("aria-hidden", "true"); // a keyboard uses the buttons
    handle.setAttribute("draggable", "true");
    var name = rowName(row);
    tools.appendChild(handle);
    tools.appendChild(
      button("Move up", "Move up: " + name, function (event) {
        move(group, row, -1);
        event.currentTarget.focus();
      })
    );
    tools.appendChild(
      button("Move down", "Move down: " + name, function (event) {
        move(group, row, 1);
        event.currentTarget.focus();
      })
    );
    if (row.tagName === "TR") {
      row.appendChild(tools);
    } else {
      var heading = row.querySelector("h3");
      if (heading && heading.nextSibling) row.insertBefore(tools, heading.nextSibling);
      else row.insertBefore(tools, row.firstChild);
    }
  }

  function enableDragging(group) {
    // The row stays where it is while it is dragged (moving it would end the drag in
    // some browsers); a line shows where it will go, and it moves when it is dropped.
    var dragged = null;
    var target = null;
    var after = false;

    function clearMark() {
      if (target) target.classList.remove("order-drop-before", "order-drop-after");
    }

    group.addEventListener("dragstart", function (event) {
      // Rows are dragged by their handle, so choosing words in a box never moves a row.
      var handle = event.target.closest ? event.target.closest(".order-handle") : null;
      var row = handle ? handle.closest(ROWS) : null;
      if (!row) return;
      dragged = row;
      row.classList.add("order-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", rowName(row));
    });
    group.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault(); // anywhere in the group: the last row passed over counts
      event.dataTransfer.dropEffect = "move";
      var row = event.target.closest ? event.target.closest(ROWS) : null;
      if (!row || rowsOf(group).indexOf(row) === -1) return;
      var box = row.getBoundingClientRect();
      clearMark();
      target = row;
      after = event.clientY > box.top + box.height / 2;
      row.classList.add(after ? "order-drop-after" : "order-drop-before");
    });
    group.addEventListener("drop", function (event) {
      if (!dragged) return;
      event.preventDefault();
      if (target && target !== dragged) {
        target.parentNode.insertBefore(dragged, after ? target.nextSibling : target);
        group.setAttribute("data-moved", "yes");
        renumber(group);
        say(group, rowName(dragged) + " is now number " + placeOf(group, dragged) + ".");
      }
    });
    group.addEventListener("dragend", function () {
      if (!dragged) return;
      dragged.classList.remove("order-dragging");
      clearMark();
      dragged = null;
      target = null;
    });
  }

  function enhance(group) {
    var status = document.createElement("p");
    status.className = "order-status";
    status.setAttribute("role", "status");
    var heading = group.querySelector("h2");
    if (heading) heading.parentNode.insertBefore(status, heading.nextSibling);
    else group.insertBefore(status, group.firstChild);
    if (group.querySelector("table")) {
      var head = group.querySelector("thead tr");
      if (head) {
        var cell = document.createElement("th");
        cell.textContent = "Move";
        head.appendChild(cell);
      }
    }
    rowsOf(group).forEach(function (row) {
      enhanceRow(group, row);
    });
    enableDragging(group);
    // A row moved while empty gets its number when something is typed in it.
    group.addEventListener("input", function (event) {
      var row = event.target.closest ? event.target.closest(ROWS) : null;
      var box = row ? numberBox(row, orderField(group)) : null;
      if (group.getAttribute("data-moved") && box && box.value === "" && event.target !== box) {
        renumber(group);
      }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("fieldset.ordered-rows"), enhance);
    document.addEventListener("formset:added", function (event) {
      var group = event.target.closest("fieldset.ordered-rows");
      if (group) enhanceRow(group, event.target);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
