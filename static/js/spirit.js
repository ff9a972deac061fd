/* SPIRIT portal: small helpers that make pages easier to use.
   Every page works without them: this file only adds to what is already there.
   - Listen: reads the main part of the page (or one part, "Listen to this part") aloud,
     sentence by sentence, with the browser's own voice, slower or at normal speed, and
     highlights the sentence being read; its controls stay at the bottom of the screen.
   - Hard words: opens and closes a word's meaning in place without jumping.
   - Menu: Escape closes it; on a wide screen it stays open (for browsers whose CSS
     cannot show a closed <details>).
   - "This happens to me too": the button saves without reloading the page; the count
     and the button change in place. Without this the form posts and the page comes back.
   - "Show my password": a button after each password box shows or hides what is typed.
     Without this there is no button and the box stays a password box. */
(function () {
  "use strict";

  /* --- Listen ------------------------------------------------------------------------ */

  // What is never read, the one rule: hidden things, form controls, words only for screen
  // readers, navigation, and what a template marks with class="listen-skip" ("Back to …"
  // links, "Read the original words", citations). A hard word's meaning is read only when
  // it is open: closed, it is not shown, so checkVisibility() leaves it out.
  var SKIP = "script, style, noscript, template, select, textarea, nav, [hidden], " +
    "[aria-hidden='true'], .visually-hidden, .listen-skip";
  // A sentence ends with . ! or ? (and perhaps a closing quote or bracket), then a space.
  var SENTENCE_END = /[.!?]+["'\u2019\u201d)\]]*(?=\s|$)/g;
  var RATES = { normal: 0.9, slower: 0.7 };

  function isShown(element) {
    var closedDetails = element.closest("details:not([open])");
    if (closedDetails) {
      var summary = element.closest("summary");
      if (!summary || summary.parentElement !== closedDetails) return false;
    }
    if (element.checkVisibility && !element.checkVisibility()) return false;
    return true;
  }

  // The nearest block (paragraph, heading, list item...): a sentence never runs past it.
  function blockOf(element, root) {
    while (element && element !== root) {
      var display = getComputedStyle(element).display;
      if (display.indexOf("inline") !== 0 && display !== "contents") return element;
      element = element.parentElement;
    }
    return root;
  }

  function unwrap(root) {
    var spans = root.querySelectorAll("span.listen-sentence");
    var parents = new Set();
    spans.forEach(function (span) {
      parents.add(span.parentNode);
      span.replaceWith(document.createTextNode(span.textContent));
    });
    parents.forEach(function (parent) { parent.normalize(); });
  }

  function splitSentences(text) {
    var found = [];
    var start = 0;
    var match;
    SENTENCE_END.lastIndex = 0;
    while ((match = SENTENCE_END.exec(text)) !== null) {
      found.push(text.slice(start, match.index + match[0].length));
      start = match.index + match[0].length;
    }
    found.push(text.slice(start));
    return found.map(function (part) { return part.replace(/\s+/g, " ").trim(); })
      .filter(Boolean);
  }

  function cellText(cell) {
    return cell.innerText.replace(/\s+/g, " ").trim();
  }

  // A table row without words of its own to say (data-listen-say, made on the server) is
  // read as its header and cell pairs: "Name: column one value, column two value."
  function rowSentence(row) {
    var table = row.closest("table");
    var heads = table.tHead ? Array.prototype.slice.call(table.tHead.rows[0].cells) : [];
    var cells = Array.prototype.slice.call(row.cells);
    var pairs = [];
    var first = "";
    cells.forEach(function (cell, index) {
      var words = cellText(cell);
      if (!words) return;
      if (index === 0 && cell.tagName === "TH") { first = words; return; }
      var head = heads[index] ? cellText(heads[index]) : "";
      pairs.push(head ? head + " " + words : words);
    });
    var text = (first ? first + ": " : "") + pairs.join(", ");
    return text ? text.replace(/[.!?]?$/, ".") : "";
  }

  // The parts of a page that are read: text nodes, and whole elements that say words of
  // their own (a table row), in the order of the page.
  function piecesOf(roots) {
    var pieces = [];
    function visit(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.nodeValue.trim() && isShown(node.parentElement)) {
          pieces.push({ node: node });
        }
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE || node.matches(SKIP)) return;
      if (node.tagName === "TR" || node.hasAttribute("data-listen-say")) {
        if (!isShown(node)) return;
        if (node.parentElement && node.parentElement.tagName === "THEAD") return;
        var say = node.getAttribute("data-listen-say") || rowSentence(node);
        if (say) pieces.push({ element: node, say: say });
        return;
      }
      node.childNodes.forEach(visit);
    }
    roots.forEach(visit);
    return pieces;
  }

  // Split what roots say into sentences. Each piece of text in a sentence is wrapped in
  // <span class="listen-sentence"> so that it can be highlighted; an element that says
  // words of its own is highlighted whole. Gives the sentences and what shows each one.
  function sentencesOf(roots) {
    roots.forEach(unwrap);
    var root = roots.length === 1 ? roots[0] : roots[0].parentElement;
    var sentences = [];
    var shown = [];
    var current = "";
    var currentShown = [];
    var block = null;
    function finish() {
      var text = current.replace(/\s+/g, " ").trim();
      if (text) {
        sentences.push(text);
        shown.push(currentShown);
      }
      current = "";
      currentShown = [];
    }
    piecesOf(roots).forEach(function (piece) {
      if (piece.element) {
        finish();
        block = null;
        splitSentences(piece.say).forEach(function (sentence) {
          sentences.push(sentence);
          shown.push([piece.element]);
        });
        return;
      }
      var node = piece.node;
      var nodeBlock = blockOf(node.parentElement, root);
      if (nodeBlock !== block) {
        finish();
        block = nodeBlock;
      }
      var value = node.nodeValue;
      var parts = [];
      var start = 0;
      var match;
      SENTENCE_END.lastIndex = 0;
      while ((match = SENTENCE_END.exec(value)) !== null) {
        var end = match.index + match[0].length;
        parts.push({ start: start, end: end, ends: true });
        start = end;
      }
      if (start < value.length) parts.push({ start: start, end: value.length, ends: false });
      var rest = node;
      parts.forEach(function (part) {
        var text = rest;
        var length = part.end - part.start;
        rest = length < text.nodeValue.length ? text.splitText(length) : null;
        current += text.nodeValue;
        if (text.nodeValue.trim()) {
          var span = document.createElement("span");
          span.className = "listen-sentence";
          text.replaceWith(span);
          span.appendChild(text);
          currentShown.push(span);
        }
        if (part.ends) finish();
      });
    });
    finish();
    return { sentences: sentences, shown: shown };
  }

  function englishVoice(synth) {
    var voices = synth.getVoices() || [];
    var british = voices.filter(function (voice) {
      return voice.lang.replace("_", "-").toLowerCase() === "en-gb";
    });
    if (british.length) return british[0];
    var english = voices.filter(function (voice) { return /^en/i.test(voice.lang); });
    return english.length ? english[0] : null;
  }

  // Each h2 of the main part begins a part: the heading and what follows it, up to the
  // next heading of that level or higher (or the end of its section).
  function partOf(heading) {
    var section = heading.parentElement;
    if (section.tagName === "SECTION" && section.querySelector("h2") === heading) {
      return [section];
    }
    var elements = [heading];
    var next = heading.nextElementSibling;
    while (next && !/^H[12]$/.test(next.tagName) && !next.querySelector("h1, h2")) {
      elements.push(next);
      next = next.nextElementSibling;
    }
    return elements;
  }

  // Remember a new speed in the reading settings: the settings form is fetched for its
  // token and sent with the new speed, as if the member had saved it there.
  function rememberSpeed(settingsLink, speed) {
    if (!settingsLink || !window.fetch || !window.DOMParser) return;
    fetch(settingsLink.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var form = new DOMParser().parseFromString(html, "text/html")
          .querySelector("form.settings-form");
        if (!form) return;
        var data = new FormData(form);
        data.set("listen", speed);
        data.set("next", settingsLink.pathname);
        return fetch(form.getAttribute("action"), {
          method: "POST", body: data, credentials: "same-origin"
        });
      })
      .catch(function () { /* the speed still works on this page */ });
  }

  function setUpListen(controls) {
    var synth = window.speechSynthesis;
    var main = document.getElementById("main");
    var root = document.documentElement;
    var buttons = {
      start: controls.querySelector("[data-listen-start]"),
      pause: controls.querySelector("[data-listen-pause]"),
      resume: controls.querySelector("[data-listen-resume]"),
      stop: controls.querySelector("[data-listen-stop]"),
      slower: controls.querySelector("[data-listen-slower]"),
      normal: controls.querySelector("[data-listen-normal]")
    };
    var state = { run: 0, index: 0, sentences: [], shown: [], utterance: null, button: null };
    state.speed = root.classList.contains("listen-slower") ? "slower" : "normal";

    function speedButton() { return state.speed === "slower" ? "normal" : "slower"; }

    function show(names, focusName) {
      var hadFocus = controls.contains(document.activeElement);
      var listening = names.indexOf("stop") !== -1;
      if (listening) names = names.concat([speedButton()]);
      Object.keys(buttons).forEach(function (name) {
        buttons[name].hidden = names.indexOf(name) === -1;
      });
      // The pressed button may have gone: keep the keyboard where it was.
      if (focusName && hadFocus) buttons[focusName].focus();
      controls.classList.toggle("is-listening", listening);
      root.classList.toggle("is-listening", listening);
    }

    function highlight(index) {
      document.querySelectorAll(".is-reading").forEach(function (element) {
        element.classList.remove("is-reading");
      });
      if (index === null) return;
      var shown = state.shown[index] || [];
      shown.forEach(function (element) { element.classList.add("is-reading"); });
      // The page keeps room above the bar (scroll-padding), so "nearest" stays clear of it.
      if (shown.length) shown[0].scrollIntoView({ block: "nearest" });
    }

    function speakNext(run) {
      if (run !== state.run) return;
      if (state.index >= state.sentences.length) {
        stop();
        return;
      }
      highlight(state.index);
      var utterance = new SpeechSynthesisUtterance(state.sentences[state.index]);
      utterance.lang = "en-GB";
      utterance.rate = RATES[state.speed];
      var voice = englishVoice(synth);
      if (voice) utterance.voice = voice;
      utterance.onend = function () {
        if (run !== state.run) return;
        state.index += 1;
        speakNext(run);
      };
      utterance.onerror = function (event) {
        if (run !== state.run || event.error === "interrupted" || event.error === "canceled") return;
        state.index += 1;
        speakNext(run);
      };
      state.utterance = utterance; // keep it: some browsers drop events of lost utterances
      synth.speak(utterance);
    }

    function read(roots, button) {
      state.run += 1;
      synth.cancel();
      var found = sentencesOf(roots);
      state.sentences = found.sentences;
      state.shown = found.shown;
      state.index = 0;
      state.button = button || null;
      show(["pause", "stop"], "pause");
      if (button) buttons.pause.focus();
      speakNext(state.run);
    }

    function pause() {
      synth.pause();
      show(["resume", "stop"], "resume");
    }

    function resume() {
      synth.resume();
      show(["pause", "stop"], "pause");
    }

    function stop() {
      var hadFocus = controls.contains(document.activeElement);
      state.run += 1;
      state.utterance = null;
      synth.cancel();
      highlight(null);
      show(["start"], "start");
      // Back to the "Listen to this part" that began it, or to Listen.
      if (hadFocus && state.button) state.button.focus();
      state.button = null;
    }

    // A new speed starts the sentence being read again at that speed.
    function changeSpeed(speed) {
      var paused = !buttons.resume.hidden;
      state.speed = speed;
      root.classList.toggle("listen-slower", speed === "slower");
      show(paused ? ["resume", "stop"] : ["pause", "stop"], speedButton());
      rememberSpeed(document.querySelector("a.tool-link[href*='settings']"), speed);
      if (paused) return;
      state.run += 1;
      synth.cancel();
      speakNext(state.run);
    }

    buttons.start.addEventListener("click", function () { read([main]); });
    buttons.pause.addEventListener("click", pause);
    buttons.resume.addEventListener("click", resume);
    buttons.stop.addEventListener("click", stop);
    buttons.slower.addEventListener("click", function () { changeSpeed("slower"); });
    buttons.normal.addEventListener("click", function () { changeSpeed("normal"); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !buttons.stop.hidden) stop();
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });

    // "Listen to this part" after each h2 of the main part (not in navigation or skipped parts).
    main.querySelectorAll("h2").forEach(function (heading) {
      if (heading.closest(SKIP) || !heading.textContent.trim()) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tool-button listen-part listen-skip";
      var picture = buttons.start.querySelector("img, svg");
      if (picture) button.appendChild(picture.cloneNode(true));
      // On a phone it says "Listen" only, so that it fits beside the heading.
      var words = document.createElement("span");
      words.textContent = "Listen";
      var more = document.createElement("span");
      more.className = "listen-part-more";
      more.textContent = " to this part";
      words.appendChild(more);
      button.appendChild(words);
      // Its name says which part; it begins with the words on it (WCAG 2.5.3).
      button.setAttribute("aria-label",
        "Listen to this part: " + heading.textContent.replace(/\s+/g, " ").trim());
      var part = partOf(heading);
      button.addEventListener("click", function () { read(part, button); });
      // The heading and its button share a row.
      var row = document.createElement("div");
      row.className = "part-heading";
      heading.replaceWith(row);
      row.appendChild(heading);
      row.appendChild(button);
    });
    show(["start"]);
  }

  /* --- Hard words -------------------------------------------------------------------- */

  function meaningOf(link) {
    return document.getElementById(link.getAttribute("href").slice(1));
  }

  // The word is a link in its sentence; its meaning sits after the paragraph. One meaning
  // is open at a time; Escape or Close shuts it and takes you back to the word.
  function setUpHardWords() {
    var words = [];
    document.querySelectorAll("a.hard-word").forEach(function (link) {
      var meaning = meaningOf(link);
      if (!meaning) return;
      words.push(link);
      link.setAttribute("aria-controls", meaning.id);
      link.setAttribute("aria-expanded", location.hash === "#" + meaning.id ? "true" : "false");
    });
    if (!words.length) return;

    function wordOf(meaning) {
      return document.getElementById(meaning.id + "-word");
    }
    function isOpen(meaning) {
      return window.getComputedStyle(meaning).display !== "none";
    }
    function shut(meaning) {
      meaning.classList.remove("is-open");
      meaning.classList.add("is-closed");
      var word = wordOf(meaning);
      if (word) word.setAttribute("aria-expanded", "false");
    }
    function openMeanings() {
      return Array.prototype.filter.call(document.querySelectorAll(".hard-word-meaning"), isOpen);
    }
    function open(word, meaning) {
      openMeanings().forEach(function (other) { if (other !== meaning) shut(other); });
      meaning.classList.remove("is-closed");
      meaning.classList.add("is-open");
      word.setAttribute("aria-expanded", "true");
      meaning.focus({ preventScroll: true });
      if (meaning.scrollIntoView) meaning.scrollIntoView({ block: "nearest" });
    }
    function close(meaning) {
      shut(meaning);
      var word = wordOf(meaning);
      if (word) word.focus();
    }

    document.addEventListener("click", function (event) {
      var link = event.target.closest("a.hard-word, a.hard-word-close");
      if (!link) return;
      var isWord = link.classList.contains("hard-word");
      var meaning = isWord ? meaningOf(link) : link.closest(".hard-word-meaning");
      if (!meaning) return;
      event.preventDefault();
      if (isWord && link.getAttribute("aria-expanded") !== "true") open(link, meaning);
      else close(meaning);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var shown = openMeanings();
      if (!shown.length) return;
      shown.forEach(close);
    });
  }

  /* --- This happens to me too ------------------------------------------------------ */

  function setUpSameForMe(section) {
    section.addEventListener("submit", function (event) {
      var form = event.target;
      if (!window.fetch || !window.DOMParser) return;
      event.preventDefault();
      var data = new FormData(form);
      form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
      fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("not saved");
          return response.text();
        })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-same-for-me]");
          if (!fresh) throw new Error("no section");
          // The count is a status message: changing its words is read out.
          section.querySelector(".same-for-me-count").textContent =
            fresh.querySelector(".same-for-me-count").textContent;
          var action = fresh.querySelector(".same-for-me-action");
          section.querySelector(".same-for-me-action").replaceWith(action);
          var button = action.querySelector("button");
          if (button) button.focus();
        })
        .catch(function () { form.submit(); });
    });
  }

  /* --- Show my password ------------------------------------------------------------ */

  function setUpShowPassword(input) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-secondary show-password";
    button.setAttribute("aria-controls", input.id);
    function show(shown) {
      input.type = shown ? "text" : "password";
      button.setAttribute("aria-pressed", shown ? "true" : "false");
      button.textContent = shown ? "Hide my password" : "Show my password";
    }
    show(false);
    button.addEventListener("click", function () { show(input.type === "password"); });
    // Sending the form never sends the password as visible text in the page's history.
    if (input.form) input.form.addEventListener("submit", function () { show(false); });
    input.insertAdjacentElement("afterend", button);
  }

  /* --- Menu ------------------------------------------------------------------------- */

  function setUpMenu(menu) {
    var wide = window.matchMedia("(min-width: 48rem)");
    function fit() { menu.open = wide.matches; }
    fit();
    if (wide.addEventListener) wide.addEventListener("change", fit);
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !menu.open || wide.matches) return;
      var inside = menu.contains(document.activeElement);
      menu.open = false;
      if (inside) menu.querySelector("summary").focus();
    });
  }

  function ready() {
    var menu = document.querySelector("[data-menu]");
    if (menu) setUpMenu(menu);
    var controls = document.querySelector("[data-listen]");
    if (controls && "speechSynthesis" in window && "SpeechSynthesisUtterance" in window) {
      setUpListen(controls);
    }
    setUpHardWords();
    var same = document.querySelector("[data-same-for-me]");
    if (same) setUpSameForMe(same);
    document.querySelectorAll("input[type='password']").forEach(setUpShowPassword);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
