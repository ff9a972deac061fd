/* "Tell us what happened to you": record your voice in the browser.
   Without this file (or without a microphone) the page still works: the member chooses a
   sound file. With it, big buttons Start recording, Stop, Listen back and Record again
   record with MediaRecorder, and the recording is put into the same file input, so the
   same form sends it. Nothing is sent until the member presses Next question. */
(function () {
  "use strict";

  var TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/mp4", "audio/ogg;codecs=opus"];
  var ENDINGS = { "audio/webm": ".webm", "audio/mp4": ".m4a", "audio/ogg": ".ogg" };
  var MAX_SECONDS = 15 * 60; // well under the 20 MB limit at the browser's voice quality

  function chooseType() {
    if (!window.MediaRecorder || !MediaRecorder.isTypeSupported) return "";
    for (var i = 0; i < TYPES.length; i++) {
      if (MediaRecorder.isTypeSupported(TYPES[i])) return TYPES[i];
    }
    return "";
  }

  function canPutFileInInput() {
    try {
      return typeof DataTransfer === "function" && new DataTransfer().items !== undefined;
    } catch (error) {
      return false;
    }
  }

  function setUp(box) {
    var form = box.closest("form");
    var input = form && form.querySelector("input[type=file][name=recording]");
    if (!input || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia ||
        !window.MediaRecorder || !canPutFileInInput()) {
      return; // the file upload stays: it does the same
    }
    var status = box.querySelector("[data-recorder-status]");
    var start = box.querySelector("[data-recorder-start]");
    var stop = box.querySelector("[data-recorder-stop]");
    var again = box.querySelector("[data-recorder-again]");
    var listen = box.querySelector("[data-recorder-listen]");
    var audio = box.querySelector("[data-recorder-audio]");
    var recorder = null;
    var stream = null;
    var chunks = [];
    var timer = null;
    var seconds = 0;
    var audioUrl = "";

    function say(words) { status.textContent = words; }

    function show(element, visible) { element.hidden = !visible; }

    function stopStream() {
      if (stream) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        stream = null;
      }
    }

    function finished() {
      window.clearInterval(timer);
      stopStream();
      var type = (recorder.mimeType || chunks.length && chunks[0].type || "audio/webm").split(";")[0];
      var blob = new Blob(chunks, { type: type });
      chunks = [];
      if (!blob.size) {
        say("We did not hear anything. Press Record again.");
        show(start, false); show(stop, false); show(again, true);
        return;
      }
      var file = new File([blob], "my-recording" + (ENDINGS[type] || ".webm"), { type: type });
      var files = new DataTransfer();
      files.items.add(file);
      input.files = files.files;
      if (audioUrl) URL.revokeObjectURL(audioUrl);
      audioUrl = URL.createObjectURL(blob);
      audio.src = audioUrl;
      show(listen, true);
      show(stop, false);
      show(start, false);
      show(again, true);
      box.setAttribute("data-recorded", "yes");
      say("Your recording is ready. Listen back if you want. Then press Next question.");
      again.focus();
    }

    function begin() {
      say("Please wait. Your browser may ask if we can use the microphone.");
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (microphone) {
        stream = microphone;
        var type = chooseType();
        recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
        chunks = [];
        recorder.addEventListener("dataavailable", function (event) {
          if (event.data && event.data.size) chunks.push(event.data);
        });
        recorder.addEventListener("stop", finished);
        recorder.start(1000);
        seconds = 0;
        timer = window.setInterval(function () {
          seconds += 1;
          say("Recording. " + seconds + " seconds. Press Stop when you have finished.");
          if (seconds >= MAX_SECONDS) recorder.stop();
        }, 1000);
        show(start, false);
        show(again, false);
        show(listen, false);
        show(stop, true);
        say("Recording. Tell your story now. Press Stop when you have finished.");
        stop.focus();
      }).catch(function () {
        stopStream();
        say("We cannot use the microphone. You can choose a sound file below instead.");
        show(start, true);
      });
    }

    start.addEventListener("click", begin);
    again.addEventListener("click", function () {
      input.value = "";
      audio.removeAttribute("src");
      box.removeAttribute("data-recorded");
      begin();
    });
    stop.addEventListener("click", function () {
      if (recorder && recorder.state !== "inactive") recorder.stop();
    });
    box.hidden = false;
    var intro = form.querySelector("label[for='" + input.id + "']");
    if (intro) intro.textContent = "Or choose a sound file instead";
  }

  function ready() {
    var boxes = document.querySelectorAll("[data-recorder]");
    for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
