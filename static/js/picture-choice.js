/* Pictures chosen by sight: a search box above each grid of pictures.
   Without this file the grid is a list of radio buttons with pictures and names; this
   only adds the box that hides the pictures whose names do not match the typed words. */
(function () {
  "use strict";

  function setUp(choice) {
    var search = choice.querySelector(".picture-choice-search");
    var box = choice.querySelector(".picture-choice-filter");
    var count = choice.querySelector(".picture-choice-count");
    var options = Array.prototype.slice.call(choice.querySelectorAll(".picture-choice-option"));
    if (!search || !box) return;
    search.hidden = false;

    function filter() {
      var words = box.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
      var shown = 0;
      options.forEach(function (option) {
        var text = (option.getAttribute("data-words") || "").toLowerCase();
        var checked = option.querySelector("input").checked;
        var match = checked || words.every(function (word) { return text.indexOf(word) !== -1; });
        option.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = words.length ? shown + (shown === 1 ? " picture" : " pictures") + " shown." : "";
    }

    box.addEventListener("input", filter);
    // Enter in the box must not send the whole form.
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-picture-choice]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
