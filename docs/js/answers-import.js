// "Export my answers" and "Import answers": the answers file (schema/answers.schema.json)
// written from this browser's answers, and read back with a summary of what changed.
(function () {
  "use strict";

  var S = window.qbankStore;
  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};
  var store = A.store;
  var GENERAL = S.GENERAL;
  var site = A.site;

  // For file names: "4-december-2026".
  function today() {
    return S.longDate(new Date()).toLowerCase().replace(/ /g, "-");
  }

  function answersFile() {
    var meetings = A.ordered().filter(function (m) {
      return m.id !== GENERAL || Object.keys(m.answers).length;
    }).map(function (m) {
      var out = {};
      Object.keys(m.answers).sort().forEach(function (id) {
        var a = m.answers[id];
        out[id] = { ask: a.ask, status: a.status || store.NOT_ASKED, note: a.note };
      });
      return { id: m.id, body: m.body, date: m.date, title: m.title, answers: out };
    });
    return {
      format: S.FORMAT,
      version: S.FILE_VERSION,
      bank: site.bank || "",
      bank_version: site.version || "",
      edition: site.edition || "",
      exported: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      current: A.data().current,
      meetings: meetings
    };
  }

  function exportAnswers() {
    var name = "my-answers-" + today() + ".json";
    var file = answersFile();
    A.download(name, new Blob([JSON.stringify(file, null, 2) + "\n"],
      { type: "application/json" }));
    A.announce("Exported your answers to " + S.plural(S.answerCount(file.meetings), "question") +
      " in " + S.plural(file.meetings.length, "meeting") + " as " + name + ".");
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
      var plan = store.planImport(A.data(), pending.file, pending.name, replace);
      if (plan.counts.tooLong.length) {
        A.announce("Nothing imported: the notes on " + S.listed(plan.counts.tooLong) + " in " +
          pending.name + " and in this browser would together be longer than the " +
          S.MAX_NOTE.toLocaleString("en-GB") + " characters a note box holds. Shorten one " +
          "of them and import again.");
      } else {
        A.replaceState(plan.state);
        A.save();
        A.refresh();
        A.announce(store.summary(pending.name, plan.counts, replace));
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
        var parsed = store.parseFile(String(reader.result));
        if (parsed.error) {
          A.announce("Could not import " + file.name + ": " + parsed.error + ".");
          return;
        }
        pending = { name: file.name, file: parsed };
        var n = S.answerCount(parsed.meetings);
        var mine = S.answerCount(A.data().meetings);
        var meetings = parsed.meetings.filter(function (m) { return m.id !== GENERAL; });
        question.textContent = file.name + " holds answers to " + S.plural(n, "question") +
          (meetings.length ? " in " + S.plural(meetings.length, "meeting") : "") +
          (parsed.exported ? " (exported " + parsed.exported + ")" : "") +
          ". This browser holds your answers to " + S.plural(mine, "question") + ". Merge " +
          "the file with them (where both have a rating, the file’s wins; where both have " +
          "a note, both are kept), or replace them with the file?";
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

  A.exportAnswers = exportAnswers;
  A.importControls = importControls;
})();
