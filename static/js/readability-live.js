/* SPIRIT admin: the easy-read check under each easy-read box follows what is typed.
   The check itself lives on the server (easyread/readability.py): a short pause after
   typing, the text is sent to the facilitators' check address and its answer replaces
   the report under the box. Nothing is saved. Without this file, the
   "Check my easy read" button does the same with a whole page. */
(function () {
  "use strict";

  var WAIT = 500;

  function csrfToken(box) {
    var form = box.form;
    var field = form ? form.querySelector("[name='csrfmiddlewaretoken']") : null;
    return field ? field.value : "";
  }

  function enhance(box) {
    var report = document.getElementById(box.id + "_readability");
    var url = box.getAttribute("data-readability-check");
    if (!report || !url || !window.fetch) return;
    var timer = null;
    var asked = 0;
    var button = report.querySelector("button[name]");
    var buttonName = button ? button.name : "_check_easy_read";

    function ask() {
      var number = ++asked;
      var body = new URLSearchParams();
      body.set("text", box.value);
      body.set("button", buttonName);
      window
        .fetch(url, {
          method: "POST",
          body: body,
          credentials: "same-origin",
          headers: { "X-CSRFToken": csrfToken(box) },
        })
        .then(function (response) {
          if (!response.ok) throw new Error("check failed");
          return response.json();
        })
        .then(function (answer) {
          if (number !== asked) return; // an older answer, after a newer question
          report.innerHTML = answer.html;
          report.classList.toggle("readability-hard", answer.hard);
          report.setAttribute("data-checked", "live");
        })
        .catch(function () {
          // The report stays as it was; the button still checks with a whole page.
        });
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, WAIT);
    });
  }

  function start() {
    Array.prototype.forEach.call(
      document.querySelectorAll("textarea[data-readability-check]"),
      enhance
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
