// Where this browser keeps the answers: its lasting storage (localStorage, the default), or
// only until the browser is closed (sessionStorage), a setting the councillor chooses.
// Opened from a file (file://), Chromium gives every local page one storage origin, so any
// other HTML file opened in the same browser can read what the site keeps: the setting and
// the page say so. Loaded before answers-storage.js, which asks A.area() where to read and save.
(function () {
  "use strict";

  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};
  var script = document.currentScript;
  var ROOT = script && script.src ? script.src.replace(/js\/answers-session\.js([?#].*)?$/, "") : "";
  // The choice itself (no answers in it) lasts, so that closing the browser does not turn
  // lasting storage back on without the councillor knowing.
  var FLAG = "qbank:answers:session-only:" + ((window.qbankSite || {}).edition || "national") +
    ":" + ROOT;

  function sessionOnly() {
    try { return localStorage.getItem(FLAG) === "1"; } catch (e) { return false; }
  }

  function area() {
    try { return sessionOnly() ? window.sessionStorage : window.localStorage; } catch (e) {
      return window.localStorage;
    }
  }

  // Moves the record kept under key to the other storage; true when done.
  function setSessionOnly(on, key) {
    try {
      var from = on ? localStorage : sessionStorage;
      var to = on ? sessionStorage : localStorage;
      var raw = from.getItem(key);
      if (raw !== null) {
        to.setItem(key, raw);
        if (to.getItem(key) !== raw) return false;
        from.removeItem(key);
      }
      if (on) localStorage.setItem(FLAG, "1");
      else localStorage.removeItem(FLAG);
      return true;
    } catch (e) {
      return false;
    }
  }

  var controls = 0;

  // "Keep my answers only until I close this browser", with what each choice means.
  function sessionControl() {
    controls += 1;
    var wrap = document.createElement("div");
    wrap.className = "qb-session";
    wrap.setAttribute("data-search-exclude", "");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = sessionOnly();
    var p = A.field("check", "qb-session-" + controls,
      "Keep my answers only until I close this browser", box);
    var hint = document.createElement("p");
    hint.id = "qb-session-hint-" + controls;
    hint.className = "qb-session-hint";
    box.setAttribute("aria-describedby", hint.id);
    var status = A.statusLine("qb-session-status");
    function describe() {
      hint.textContent = (box.checked ?
        "Your answers are forgotten when this browser is closed: export them to keep them. " :
        "Your answers stay in this browser until you clear them. ") +
        (location.protocol === "file:" ? "This site is opened from a file: any other web " +
          "page saved on this computer and opened in this browser can read answers kept " +
          "here." : "Pages of other websites cannot read them.");
    }
    box.addEventListener("change", function () {
      if (!setSessionOnly(box.checked, A.KEY)) {
        box.checked = !box.checked;
        status.textContent = "Sorry: this browser would not change where your answers are kept.";
        return;
      }
      document.querySelectorAll(".qb-session input[type=checkbox]").forEach(function (b) {
        b.checked = box.checked;
      });
      describe();
      status.textContent = box.checked ? "Your answers are now kept only until you close " +
        "this browser." : "Your answers are now kept in this browser until you clear them.";
    });
    describe();
    wrap.appendChild(p);
    wrap.appendChild(hint);
    wrap.appendChild(status);
    return wrap;
  }

  A.area = area;
  A.sessionOnly = sessionOnly;
  A.sessionControl = sessionControl;
})();
