// "Export my answers" and "Import answers": the answers file (schema/answers.schema.json)
// written from this browser's answers, and read back with a summary of what changed.
(function () {
  "use strict";

  var S = window.qbankStore;
  var M = window.qbankMerge;
  var F = window.qbankFile;
  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};
  var store = A.store;
  var GENERAL = S.GENERAL;
  var site = A.site;

  // For file names: "4-december-2026".
  function today() {
    return S.longDate(new Date()).toLowerCase().replace(/ /g, "-");
  }

  function answersFile() {
    return M.toFile(A.data(), {
      bank: site.bank || "", bank_version: site.version || "", edition: site.edition || "",
      exported: new Date().toISOString().replace(/\.\d+Z$/, "Z"), browser: A.browser()
    });
  }

  function exportAnswers() {
    var name = "my-answers-" + today() + ".json";
    var file = answersFile();
    var meetings = M.liveMeetings(A.data()).filter(function (m) {
      return m.id !== GENERAL || S.answerCount([m]);
    });
    A.download(name, new Blob([JSON.stringify(file, null, 2) + "\n"],
      { type: "application/json" }));
    A.announce("Exported your answers to " + S.plural(S.answerCount(meetings), "question") +
      " in " + S.plural(meetings.length, "meeting") + " as " + name + ".");
  }

  // The merge or replacement of this browser's answers with a file's, worked out on a copy:
  // nothing changes unless it all fits.
  function plan(parsed, replace) {
    var held = A.data();
    if (replace) {
      var next = M.copy(parsed.state);
      Object.keys(held.browsers).forEach(function (id) {
        if (!next.browsers[id]) next.browsers[id] = held.browsers[id];
      });
      next.current = parsed.current && store.shown(M.find(next, parsed.current)) ?
        parsed.current : GENERAL;
      var counts = store.replaceCounts(held, next);
      return { state: next, counts: counts, tooLong: [] };
    }
    var merged = store.merge(held, parsed.state);
    return { state: merged.state, counts: merged.counts,
             tooLong: store.tooLong(merged.state, merged.counts.both) };
  }

  // This browser holds nothing a merge could lose or bring back: an import just takes the file.
  function empty() {
    var s = A.data();
    return S.answerCount(s.meetings) === 0 && s.meetings.every(function (m) {
      return m.id === GENERAL;
    });
  }

  function importControls() {
    var wrap = document.createElement("span");
    wrap.className = "qb-import";
    var input = document.createElement("input");
    input.type = "file";
    input.accept = ".json,application/json";
    input.hidden = true;
    input.className = "qb-import-file";
    input.setAttribute("aria-label", "Choose a file to import");
    var ask = document.createElement("div");
    ask.className = "qb-import-ask";
    ask.hidden = true;
    ask.setAttribute("role", "group");
    var question = document.createElement("p");
    question.id = "qb-import-question-" + Math.random().toString(36).slice(2);
    ask.setAttribute("aria-labelledby", question.id);
    ask.appendChild(question);
    var pending = null;
    var opener = A.button("Import answers", function () { input.click(); });
    function finish(replace) {
      var result = plan(pending.file, replace);
      if (result.tooLong.length) {
        A.announce("Nothing imported: the notes on " + S.listed(result.tooLong) + " in " +
          pending.name + " and in this browser would together be longer than the " +
          S.MAX_NOTE.toLocaleString("en-GB") + " characters a note box holds. Shorten one " +
          "of them and import again.");
      } else {
        A.replaceState(result.state);
        A.save();
        A.refresh();
        A.announce(store.summary(pending.name, result.counts, replace, pending.empty));
      }
      pending = null;
      ask.hidden = true;
      opener.focus();
    }
    ask.appendChild(A.button("Merge with my answers", function () { finish(false); }));
    ask.appendChild(document.createTextNode(" "));
    ask.appendChild(A.button("Replace my answers", function () { finish(true); }));
    ask.appendChild(document.createTextNode(" "));
    ask.appendChild(A.button("Cancel", function () {
      pending = null;
      ask.hidden = true;
      A.announce("Nothing imported.");
      opener.focus();
    }));
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      if (file.size > S.MAX_FILE) {
        input.value = "";
        A.announce("Could not import " + file.name + ": it is larger than the " +
          S.MAX_FILE / 1024 / 1024 + " MB an answers file may be.");
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        input.value = "";
        var parsed = F.parseFile(String(reader.result), {
          statuses: store.STATUSES, validate: window.qbankValidateAnswers
        });
        if (parsed.error) {
          A.announce("Could not import " + file.name + ": " + parsed.error + ".");
          return;
        }
        pending = { name: file.name, file: parsed, empty: empty() };
        if (pending.empty) {
          finish(false);
          return;
        }
        var n = S.answerCount(parsed.state.meetings);
        var mine = S.answerCount(A.data().meetings);
        var meetings = M.liveMeetings(parsed.state).filter(function (m) {
          return m.id !== GENERAL;
        });
        question.textContent = file.name + " holds answers to " + S.plural(n, "question") +
          (meetings.length ? " in " + S.plural(meetings.length, "meeting") : "") +
          (parsed.exported ? " (exported " + parsed.exported + ")" : "") +
          ". This browser holds your answers to " + S.plural(mine, "question") + ". Merge " +
          "the file with them (each tick, rating and note keeps its newest version; a note " +
          "changed in both places keeps both, labelled), or replace them with the file?";
        ask.hidden = false;
        ask.querySelector("button").focus();
      };
      reader.onerror = function () {
        A.announce("Could not read " + file.name + ".");
      };
      reader.readAsText(file);
    });
    wrap.appendChild(opener);
    wrap.appendChild(input);
    wrap.appendChild(ask);
    return wrap;
  }

  // "[Name this browser (notes from here say “Browser 3F2A”)]": the name a
  // merged note carries, so that both computers' notes say where they were written.
  function browserControl() {
    var wrap = document.createElement("span");
    wrap.className = "qb-browser";
    var box = document.createElement("span");
    box.hidden = true;
    var input = document.createElement("input");
    input.type = "text";
    input.maxLength = 60;
    input.autocomplete = "off";
    input.id = "qb-browser-name-" + Math.random().toString(36).slice(2);
    var label = document.createElement("label");
    label.htmlFor = input.id;
    label.textContent = "Name of this browser (for example, Work laptop)";
    // One button that says the name too, so the toolbar stays one line shorter and the
    // first question stays on the first screen.
    function show() {
      opener.textContent = "Name this browser (notes from here say “" +
        M.browserName(A.data().browsers, A.browser()) + "”)";
    }
    var opener = A.button("Name this browser", function () {
      input.value = M.browserName(A.data().browsers, A.browser());
      box.hidden = false;
      opener.setAttribute("aria-expanded", "true");
      input.focus();
    });
    opener.setAttribute("aria-expanded", "false");
    var save = A.button("Save the name", function () {
      var name = input.value.trim();
      if (!name) {
        A.announce("Give this browser a name, such as Work laptop.");
        input.focus();
        return;
      }
      A.update(function (s, by, now) { return M.nameBrowser(s, by, name, now); });
      box.hidden = true;
      opener.setAttribute("aria-expanded", "false");
      A.refresh();
      A.announce("This browser is now called “" + name + "”: notes merged from here say so.");
      opener.focus();
    });
    box.appendChild(label);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(input);
    box.appendChild(document.createTextNode(" "));
    box.appendChild(save);
    wrap.appendChild(opener);
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(box);
    show();
    document.addEventListener("qbank:answers", show);
    return wrap;
  }

  A.exportAnswers = exportAnswers;
  A.browserControl = browserControl;
  A.importControls = importControls;
})();
