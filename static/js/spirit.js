/* SPIRIT portal: small helpers that make pages easier to use.
   Every page works without them: this file only adds to what is already there.
   - Listen: reads the main part of the page aloud, sentence by sentence, with the
     browser's own voice, and highlights the sentence being read.
   - Hard words: opens and closes a word's meaning in place without jumping.
   - Menu: Escape closes it; on a wide screen it stays open (for browsers whose CSS
     cannot show a closed <details>).
   - "This happens to me too": the button saves without reloading the page; the count
     and the button change in place. Without this the form posts and the page comes back. */
(function () {
  "use strict";

  /* --- Listen ------------------------------------------------------------------------ */

  // Text that is not read: hidden things, form controls and words only for screen readers.
  var SKIP = "script, style, noscript, template, select, textarea, [hidden], " +
    "[aria-hidden='true'], .visually-hidden, .listen-skip";
  // A sentence ends with . ! or ? (and perhaps a closing quote or bracket), then a space.
  var SENTENCE_END = /[.!?]+["'\u2019\u201d)\]]*(?=\s|$)/g;
  var RATE = 0.9;

  function isRead(textNode) {
    var element = textNode.parentElement;
    if (!element || element.closest(SKIP)) return false;
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

  // Split the text of root into sentences. Each piece of text in a sentence is wrapped in
  // <span class="listen-sentence" data-sentence="N"> so that it can be highlighted.
  function sentencesOf(root) {
    unwrap(root);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      if (isRead(walker.currentNode)) nodes.push(walker.currentNode);
    }
    var sentences = [];
    var current = "";
    var block = null;
    function finish() {
      var text = current.replace(/\s+/g, " ").trim();
      if (text) sentences.push(text);
      current = "";
    }
    nodes.forEach(function (node) {
      var nodeBlock = blockOf(node.parentElement, root);
      if (nodeBlock !== block) {
        finish();
        block = nodeBlock;
      }
      var value = node.nodeValue;
      var pieces = [];
      var start = 0;
      var match;
      SENTENCE_END.lastIndex = 0;
      while ((match = SENTENCE_END.exec(value)) !== null) {
        var end = match.index + match[0].length;
        pieces.push({ start: start, end: end, ends: true });
        start = end;
      }
      if (start < value.length) pieces.push({ start: start, end: value.length, ends: false });
      var rest = node;
      pieces.forEach(function (piece) {
        var part = rest;
        var length = piece.end - piece.start;
        rest = length < part.nodeValue.length ? part.splitText(length) : null;
        current += part.nodeValue;
        if (part.nodeValue.trim()) {
          var span = document.createElement("span");
          span.className = "listen-sentence";
          span.setAttribute("data-sentence", String(sentences.length));
          part.replaceWith(span);
          span.appendChild(part);
        }
        if (piece.ends) finish();
      });
    });
    finish();
    return sentences;
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

  function setUpListen(controls) {
    var synth = window.speechSynthesis;
    var main = document.getElementById("main");
    var buttons = {
      start: controls.querySelector("[data-listen-start]"),
      pause: controls.querySelector("[data-listen-pause]"),
      resume: controls.querySelector("[data-listen-resume]"),
      stop: controls.querySelector("[data-listen-stop]")
    };
    var state = { run: 0, index: 0, sentences: [], utterance: null };

    function show(names, focusName) {
      var hadFocus = controls.contains(document.activeElement);
      Object.keys(buttons).forEach(function (name) {
        buttons[name].hidden = names.indexOf(name) === -1;
      });
      // The pressed button may have gone: keep the keyboard where it was.
      if (focusName && hadFocus) buttons[focusName].focus();
      controls.classList.toggle("is-listening", names.indexOf("stop") !== -1);
    }

    function highlight(index) {
      main.querySelectorAll(".listen-sentence.is-reading").forEach(function (span) {
        span.classList.remove("is-reading");
      });
      if (index === null) return;
      var parts = main.querySelectorAll('.listen-sentence[data-sentence="' + index + '"]');
      parts.forEach(function (span) { span.classList.add("is-reading"); });
      if (parts.length) parts[0].scrollIntoView({ block: "nearest" });
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
      utterance.rate = RATE;
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

    function start() {
      state.run += 1;
      synth.cancel();
      state.sentences = sentencesOf(main);
      state.index = 0;
      show(["pause", "stop"], "pause");
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
      state.run += 1;
      state.utterance = null;
      synth.cancel();
      highlight(null);
      show(["start"], "start");
    }

    buttons.start.addEventListener("click", start);
    buttons.pause.addEventListener("click", pause);
    buttons.resume.addEventListener("click", resume);
    buttons.stop.addEventListener("click", stop);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !buttons.stop.hidden) stop();
    });
    window.addEventListener("pagehide", function () { synth.cancel(); });
    show(["start"]);
  }

  /* --- Hard words -------------------------------------------------------------------- */

  function meaningOf(link) {
    return document.getElementById(link.getAttribute("href").slice(1));
  }

  function setUpHardWords() {
    document.querySelectorAll("a.hard-word").forEach(function (link) {
      var meaning = meaningOf(link);
      if (!meaning) return;
      link.setAttribute("aria-expanded", "false");
      link.setAttribute("aria-controls", meaning.id);
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest("a.hard-word, a.hard-word-close");
      if (!link) return;
      var word = link.classList.contains("hard-word") ? link : meaningOf(link);
      var meaning = link.classList.contains("hard-word") ? meaningOf(link) : link.closest(".hard-word-meaning");
      if (!word || !meaning) return;
      event.preventDefault();
      var open = link.classList.contains("hard-word") && word.getAttribute("aria-expanded") !== "true";
      meaning.classList.toggle("is-open", open);
      meaning.classList.toggle("is-closed", !open);
      word.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open) word.focus();
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
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
