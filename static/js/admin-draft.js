/* SPIRIT admin: nothing typed is lost.
   While a facilitator types in an admin form, what they type is kept in this browser
   (localStorage: it never leaves the browser). If the page is closed, the browser crashes,
   the log-in runs out or a save is refused, the next time they open the form it offers
   to put their words back. The draft is thrown away once the form is saved.
   Kept per person and per page (the address), with the version of the row they started
   from. The admin works without this file: it only adds to it. */
(function () {
  "use strict";

  var PREFIX = "spirit-draft:";
  var SENT = "spirit-draft-sent";
  var WAIT = 400;
  var SKIP_NAMES = /^(csrfmiddlewaretoken|seen_version|seen_history|_save|_continue|_addanother|_publish|_unpublish|publish_anyway|action|post)$/;
  var script = document.currentScript;
  var user = script ? script.getAttribute("data-user") : "";

  function storage() {
    try {
      var test = PREFIX + "test";
      window.localStorage.setItem(test, "1");
      window.localStorage.removeItem(test);
      return window.localStorage;
    } catch (error) {
      return null; // private windows or a full disc: the admin still works without drafts
    }
  }

  function keyFor(path) {
    return PREFIX + user + ":" + path;
  }

  // After a Save that worked, the admin says so with a link to the saved row (a log-in
  // message has none): the draft of that form is not needed any more.
  function forgetSavedDraft(store) {
    var sent = null;
    try {
      sent = JSON.parse(window.sessionStorage.getItem(SENT));
    } catch (error) {
      sent = null;
    }
    if (!sent || !sent.path) return;
    var list = sent.path.replace(/add\/$/, "");
    var saved = Array.prototype.some.call(
      document.querySelectorAll(".messagelist .success a[href]"),
      function (link) {
        var path = new URL(link.href, window.location.href).pathname;
        return path === sent.path || (list !== sent.path && path.indexOf(list) === 0);
      }
    );
    if (saved) store.removeItem(sent.key);
    if (saved || document.querySelector(".errornote")) window.sessionStorage.removeItem(SENT);
  }

  function changeForm() {
    var form = document.querySelector("#content-main form[id$='_form'][method='post']");
    if (!form || !form.querySelector("[name='_save']")) return null;
    return form;
  }

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (element) {
      if (!element.name || SKIP_NAMES.test(element.name)) return false;
      if (element.disabled || element.type === "file" || element.type === "password") return false;
      if (element.type === "submit" || element.type === "button") return false;
      // The empty rows that "Add another" copies from.
      return element.name.indexOf("__prefix__") === -1;
    });
  }

  function valueOf(element) {
    if (element.type === "checkbox" || element.type === "radio") return element.checked;
    if (element.tagName === "SELECT") {
      return Array.prototype.filter.call(element.options, function (option) {
        return option.selected;
      }).map(function (option) {
        return [option.value, option.text];
      });
    }
    return element.value;
  }

  function snapshot(form) {
    var fields = {};
    fieldsOf(form).forEach(function (element) {
      var key = element.type === "radio" ? element.name + "=" + element.value : element.name;
      fields[key] = valueOf(element);
    });
    return fields;
  }

  function hidden(form, name) {
    return form.querySelector("[name='" + name + "']");
  }

  function versionOf(form) {
    var field = hidden(form, "seen_version");
    return field ? field.value : "";
  }

  // The words were typed on an older version: saving them is checked against that version,
  // so the portal shows what the other person changed instead of saving over it.
  function backToVersion(form, draft) {
    var version = hidden(form, "seen_version");
    var history = hidden(form, "seen_history");
    if (version && draft.version) version.value = draft.version;
    if (history && draft.history !== undefined) history.value = draft.history;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // Rows added with "Add another" are not on a freshly opened page: add them again first.
  function addRows(form, fields) {
    Object.keys(fields).forEach(function (name) {
      var match = /^(.*)-TOTAL_FORMS$/.exec(name);
      if (!match) return;
      var total = form.querySelector("[name='" + name + "']");
      var link = document.querySelector("#" + CSS.escape(match[1]) + "-group .add-row a");
      var wanted = parseInt(fields[name], 10);
      var tries = 0;
      while (total && link && parseInt(total.value, 10) < wanted && tries < 200) {
        link.click();
        tries += 1;
      }
    });
  }

  function putBack(element, value) {
    if (element.type === "checkbox" || element.type === "radio") {
      element.checked = value === true;
    } else if (element.tagName === "SELECT") {
      var wanted = value.map(function (pair) { return pair[0]; });
      value.forEach(function (pair) {
        var found = Array.prototype.some.call(element.options, function (option) {
          return option.value === pair[0];
        });
        if (!found) element.add(new Option(pair[1], pair[0]));
      });
      Array.prototype.forEach.call(element.options, function (option) {
        option.selected = wanted.indexOf(option.value) !== -1;
      });
    } else {
      element.value = value;
    }
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function restore(form, draft) {
    var fields = draft.fields;
    backToVersion(form, draft);
    addRows(form, fields);
    fieldsOf(form).forEach(function (element) {
      var key = element.type === "radio" ? element.name + "=" + element.value : element.name;
      if (Object.prototype.hasOwnProperty.call(fields, key)) putBack(element, fields[key]);
    });
  }

  function when(time) {
    return new Date(time).toLocaleString("en-GB", {
      weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit"
    });
  }

  function offer(form, store, key, draft) {
    var box = document.createElement("ul");
    box.className = "messagelist draft-offer";
    var item = document.createElement("li");
    item.className = "warning";
    item.setAttribute("role", "status");
    var words = document.createElement("p");
    words.textContent = "You typed words here on " + when(draft.time) +
      " that are not saved yet. Do you want them back?";
    item.appendChild(words);
    if (draft.version !== versionOf(form)) {
      var changed = document.createElement("p");
      changed.textContent = "Someone has saved this page since then. " +
        "When you press Save, we show you what they changed, so you can keep both.";
      item.appendChild(changed);
    }
    var back = document.createElement("button");
    back.type = "button";
    back.className = "button default";
    back.textContent = "Put back what I typed";
    var away = document.createElement("button");
    away.type = "button";
    away.className = "button";
    away.textContent = "No, throw it away";
    item.appendChild(back);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(away);
    box.appendChild(item);
    form.insertBefore(box, form.firstChild);
    back.addEventListener("click", function () {
      restore(form, draft);
      words.textContent = "Your words are back in the boxes. They are not saved yet: " +
        "press Save when you are ready.";
      back.remove();
      away.remove();
    });
    away.addEventListener("click", function () {
      store.removeItem(key);
      box.remove();
    });
  }

  function keep(form, store, key) {
    var timer = null;
    var start = snapshot(form);
    function save() {
      timer = null;
      var fields = snapshot(form);
      if (same(fields, start)) return;
      var history = hidden(form, "seen_history");
      store.setItem(key, JSON.stringify({
        version: versionOf(form),
        history: history ? history.value : "",
        time: Date.now(),
        fields: fields
      }));
    }
    function later() {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(save, WAIT);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    form.addEventListener("submit", function () {
      save();
      window.sessionStorage.setItem(
        SENT, JSON.stringify({ key: key, path: window.location.pathname })
      );
    });
  }

  function start() {
    var store = storage();
    if (!store || !user) return;
    forgetSavedDraft(store);
    var form = changeForm();
    if (!form) return;
    var key = keyFor(window.location.pathname);
    var kept = store.getItem(key);
    var draft = null;
    try {
      draft = kept ? JSON.parse(kept) : null;
    } catch (error) {
      store.removeItem(key);
    }
    if (draft && draft.fields && !same(draft.fields, snapshot(form))) {
      offer(form, store, key, draft);
    }
    keep(form, store, key);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
