// Where the answers live: this browser's storage (localStorage), never sent anywhere; per
// site and edition. Reads the record once, saves after each change, sets aside a record it
// cannot read rather than lose it, and offers answers kept by version 1 of the site.
// Answers are kept as version 3 (stamped; answers-merge.js) under this browser's random ID.
// Loaded after the pure parts and answers-ui.js; window.qbankAnswersParts joins the parts.
(function () {
  "use strict";

  var S = window.qbankStore;
  var M = window.qbankMerge;
  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};
  var site = A.site = window.qbankSite || {};
  A.store = S.create(site);
  var GENERAL = S.GENERAL;

  // The site's root, from this script's own address (js/answers-storage.js): with the
  // edition's name it keys the answers, so two councils' copies on one shared drive never mix.
  var script = document.currentScript;
  var ROOT = A.ROOT = script && script.src ?
    script.src.replace(/js\/answers-storage\.js([?#].*)?$/, "") : "";
  // The key still says v2, the version that named it; the record in it is version 3.
  var KEY = A.KEY = "qbank:answers:v2:" + (site.edition || "national") + ":" + ROOT;
  // localStorage, or sessionStorage when the councillor keeps answers only until the browser
  // is closed (answers-session.js).
  function area() { return A.area ? A.area() : localStorage; }
  // Version 1 kept one key per checklist page, named by the page's file name only: it cannot
  // tell which copy of the site wrote it. TAKEN records the one site that brought them in.
  var OLD_PREFIX = "qbank:answers:v1:";
  var TAKEN = "qbank:answers:v1-taken-by";
  var LEFT = "qbank:answers:v1-left:" + KEY;

  var state = null; // a version 3 state (answers-state.js); read on first use
  // This browser's ID: random, made the first time, kept in the record; it stamps changes.
  var me = "";
  var saveFailed = false;
  // The text of a stored record that could not be read nor set aside: never saved over.
  var blocked = null;

  function randomId() {
    var bytes = new Uint8Array(6);
    try { window.crypto.getRandomValues(bytes); } catch (e) {
      for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    return "b" + Array.prototype.map.call(bytes, function (b) {
      return (b % 36).toString(36);
    }).join("") + Date.now().toString(36).slice(-3);
  }

  function read() {
    var raw;
    me = me || randomId();
    try { raw = area().getItem(KEY); } catch (e) { return S.fresh(); }
    if (raw === null) return S.fresh();
    var data = null;
    try { data = JSON.parse(raw); } catch (e) { /* unreadable: set aside below */ }
    if (S.isObject(data) && typeof data.browser === "string" && M.BROWSER_ID.test(data.browser)) {
      me = data.browser;
    }
    // Answers kept before version 3 were given in this browser: stamped as its own.
    var old = S.isObject(data) && data.version !== 3;
    var got = S.isObject(data) ? M.migrate(data, old ? me : null, old ? data.saved : null) : null;
    if (got) return got;
    setAside(raw);
    return S.fresh();
  }

  // Unreadable answers are never deleted: copied to a key of their own first. When that
  // fails (the storage is full), the record stays where it is and nothing is saved over it.
  function setAside(raw) {
    var aside = KEY + ":unreadable:" + Date.now();
    try {
      area().setItem(aside, raw);
      if (area().getItem(aside) !== raw) throw new Error("not kept");
    } catch (e) {
      try { area().removeItem(aside); } catch (e2) { /* nothing was kept */ }
      blocked = raw;
      A.notice("unreadable", "Answers saved earlier in this browser could not be read, and " +
        "could not be set aside either: this browser’s storage is full. So that they are " +
        "not lost, this site will not save anything over them: ticks, answers and notes " +
        "you give now are not kept. Save them to a file, then remove them from this " +
        "browser, and your answers will be saved again.", [
          A.button("Save the unreadable answers to a file", function () {
            A.download("unreadable-answers.txt", new Blob([raw], { type: "text/plain" }));
          }),
          A.button("Remove them from this browser", clearBlocked)
        ]);
      return;
    }
    try { area().removeItem(KEY); } catch (e) { /* the copy is kept either way */ }
    A.notice("unreadable", "Answers saved earlier in this browser could not be read, so this " +
      "page starts without them. They have been set aside, not deleted (in this " +
      "browser’s storage, under a name ending in “unreadable”), so that new answers " +
      "can be saved.");
  }

  function clearBlocked() {
    var ok = window.confirm("Remove the answers that could not be read from this browser? " +
      "This cannot be undone. To keep a copy, cancel and save them to a file first.");
    if (!ok) return;
    try { area().removeItem(KEY); } catch (e) { return; }
    blocked = null;
    A.removeNotice("unreadable");
    save();
  }

  function data() {
    if (state === null) state = read();
    return state;
  }

  // After an import: the answers worked out on a copy become the ones kept.
  function replaceState(next) { state = next; }

  function browser() {
    data();
    return me;
  }

  // One change made here: fn(state, this browser's ID, now) returns the new state, saved.
  function update(fn) {
    state = fn(data(), browser(), new Date().toISOString());
    save();
    return state;
  }

  function meetingById(id) {
    return M.find(data(), id);
  }

  function current() {
    var m = meetingById(data().current);
    return m && !m.deleted ? m : meetingById(GENERAL);
  }

  // The answers of the meeting shown, by question ID.
  function all() { return current().answers; }

  function record() {
    var out = M.toFile(data(), { browser: browser() });
    out.saved = new Date().toISOString();
    return out;
  }

  function save() {
    if (blocked !== null) {
      A.notice("save", "Your answers are not being saved: answers saved earlier in this " +
        "browser could not be read, and this site will not save over them (see above). " +
        "To keep what you give now, export your answers to a file.", [
          A.button("Export my answers", A.exportAnswers)
        ]);
      return false;
    }
    try {
      area().setItem(KEY, JSON.stringify(record()));
      if (saveFailed) {
        saveFailed = false;
        A.removeNotice("save");
      }
      return true;
    } catch (e) {
      saveFailed = true;
      A.notice("save", "Sorry: this browser would not save your answers, so they will be " +
        "lost when you close this page. This happens in a private window, when the " +
        "browser’s storage is full, or on a computer set not to keep site data. To keep " +
        "them, export your answers to a file now.",
        [A.button("Export my answers", A.exportAnswers)]);
      return false;
    }
  }

  function setAnswer(id, name, value) {
    update(function (s, by, now) {
      return M.setField(s, current().id, id, name, value, by, now);
    });
  }

  // Answers from version 1, over http(s) only (from file:// every copy shares them): they
  // cannot say which copy of the site wrote them, so they are offered, never copied in.
  function oldAnswers() {
    var merged = {};
    if (!/^https?:/.test(location.protocol)) return merged;
    try {
      if (localStorage.getItem(TAKEN) !== null || localStorage.getItem(LEFT) !== null) {
        return merged;
      }
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf(OLD_PREFIX) === 0) {
          var read = M.migrate({ version: 1, answers: JSON.parse(localStorage.getItem(key) || "{}") });
          var old = read ? M.find(read, GENERAL).answers : {};
          Object.keys(old).forEach(function (id) { merged[id] = old[id]; });
        }
      }
    } catch (e) { /* unreadable old answers stay where they are */ }
    return merged;
  }

  function offerOldAnswers() {
    var old = oldAnswers();
    var ids = Object.keys(old);
    if (!ids.length) return;
    A.notice("old", "This browser holds answers to " + S.plural(ids.length, "question") +
      " saved by an earlier version of this site, before answers were kept apart for each " +
      "copy of the site. They may belong to another copy on this server (another " +
      "council’s, say), so they have not been brought in. Bring them in only if they " +
      "are yours: they join your general answers, not a meeting.", [
        A.button("Bring them into this site", function () {
          var brought = 0;
          update(function (s, by, now) {
            ids.forEach(function (id) {
              if (M.hasContent(M.answerOf(s, GENERAL, id))) return;
              M.FIELDS.forEach(function (f) {
                s = M.setField(s, GENERAL, id, f, old[id][f], by, now);
              });
              brought += 1;
            });
            return s;
          });
          try { localStorage.setItem(TAKEN, KEY); } catch (e) { /* offered again next time */ }
          A.refresh();
          A.removeNotice("old");
          A.announce("Brought in " + S.plural(brought, "answer") + " from the earlier version.");
        }),
        A.button("Leave them", function () {
          try { localStorage.setItem(LEFT, "1"); } catch (e) { /* offered again next time */ }
          A.removeNotice("old");
        })
      ], "Answers from an earlier version of this site");
  }

  // Another tab or window of this site saved: show its answers here too, so this page's
  // next save does not write back the older ones.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY && blocked === null) {
      state = null;
      A.refresh();
    }
  });

  A.data = data;
  A.browser = browser;
  A.update = update;
  A.replaceState = replaceState;
  A.meetingById = meetingById;
  A.current = current;
  A.all = all;
  A.save = save;
  A.setAnswer = setAnswer;
  A.offerOldAnswers = offerOldAnswers;
})();
