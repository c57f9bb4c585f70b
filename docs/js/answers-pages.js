// Each page's wiring: the checklists (ticks, ratings and notes saved as they are given),
// "My questions" (the ticked questions of the meeting shown) and the meeting-pack page's
// meeting chooser. Loaded last of the answers parts; window.qbankAnswers is what pack.js uses.
(function () {
  "use strict";

  var S = window.qbankStore;
  var M = window.qbankMerge;
  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};
  var store = A.store;

  function fields(root) {
    return Array.prototype.slice.call(root.querySelectorAll(
      'input[name="ask"], select[name="status"], textarea[name="note"]'));
  }

  function questionOf(field) {
    return field.name === "ask" ? field.value : field.getAttribute("data-question");
  }

  function fill(root) {
    var list = A.all();
    fields(root).forEach(function (field) {
      var mine = list[questionOf(field)] || { ask: false, status: "", note: "" };
      if (field.name === "ask") field.checked = !!mine.ask;
      else field.value = mine[field.name] || "";
    });
  }

  function setupChecklist(root) {
    var own = fields(root);
    fill(root);
    own.forEach(function (field) {
      // The same cap as `qbank pack --answers`: a note the site keeps, the pack can print.
      if (field.name === "note") field.maxLength = S.MAX_NOTE;
      field.addEventListener(field.name === "note" ? "input" : "change", function () {
        var value = field.name === "ask" ? field.checked : field.value;
        A.setAnswer(questionOf(field), field.name, value);
      });
    });
    // The meeting pack shows checklists too; its own buttons are the pack's.
    if (root.closest(".qb-pack") || root.querySelector(".qb-toolbar")) return;
    var ids = own.filter(function (f) { return f.name === "ask"; }).map(questionOf);
    var body = ids.length && S.has(store.BODY_OF, ids[0]) ? store.BODY_OF[ids[0]] : "";
    // The meeting chooser above says how answers are kept; the buttons need no intro here.
    var bar = A.toolbar("", [
      A.button("Download my answers (CSV)", function () {
        var name = A.pageName() + "-my-answers.csv";
        A.download(name, new Blob([A.checklistCsv(root)], { type: "text/csv" }));
        A.announce("Downloaded " + name + ".");
      }),
      A.button("Print only the questions I ticked", function () {
        if (!root.querySelector('input[name="ask"]:checked')) {
          A.announce("Tick at least one question first: none is ticked on this page.");
          return;
        }
        document.documentElement.classList.add("qb-print-ticked");
        window.addEventListener("afterprint", function () {
          document.documentElement.classList.remove("qb-print-ticked");
        }, { once: true });
        window.print();
      }),
      A.button("Export my answers", A.exportAnswers),
      A.importControls()
    ]);
    // Naming this browser and clearing are seldom done: after the questions, so that the
    // first question stays on the first screen.
    var end = A.toolbar("", [
      A.browserControl(),
      A.button("Clear my answers", function () {
        var ok = window.confirm("Clear your ticks, answers and notes for the " + ids.length +
          " questions on this page, for the meeting " + A.meetingLabel(A.current()) + "? This " +
          "cannot be undone. To keep a copy, cancel and export your answers first.");
        if (!ok) {
          A.announce("Nothing cleared.");
          return;
        }
        // Cleared as changes of their own, so a merge with an older copy keeps them cleared.
        A.update(function (s, by, now) {
          var meeting = A.current().id;
          ids.forEach(function (id) {
            M.FIELDS.forEach(function (f) {
              s = M.setField(s, meeting, id, f, f === "ask" ? false : "", by, now);
            });
          });
          return s;
        });
        fill(root);
        A.announce("Cleared your ticks, answers and notes on this page.");
      })
    ]);
    bar.insertBefore(A.meetingBar(body, false, body), bar.firstChild);
    root.insertBefore(bar, root.firstChild);
    end.classList.add("qb-toolbar-end");
    root.appendChild(end);
  }

  function renderMine(root) {
    var list = A.all();
    var any = false;
    root.querySelectorAll(".qb-mine-meeting").forEach(function (el) {
      el.textContent = A.meetingLabel(A.current());
    });
    root.querySelectorAll(".qb-mine-body").forEach(function (section) {
      var shown = 0;
      section.querySelectorAll(".qb-mine-question").forEach(function (block) {
        var a = list[block.getAttribute("data-question")];
        block.hidden = !(a && a.ask);
        if (block.hidden) return;
        shown += 1;
        block.querySelector(".qb-mine-status .qb-mine-value").textContent =
          a.status || store.NOT_ASKED;
        block.querySelector(".qb-mine-note .qb-mine-value").textContent = a.note || "None yet.";
      });
      section.hidden = shown === 0;
      any = any || shown > 0;
    });
    root.querySelector(".qb-mine-empty").hidden = any;
  }

  function setupMine(root) {
    renderMine(root);
    root.hidden = false;
    var bar = A.toolbar("Kept in this browser on this device only. Print this page, or take it " +
      "to the meeting as a spreadsheet or Word file.", [
      A.button("Print my questions", function () { window.print(); }),
      A.button("Download as a spreadsheet (CSV)", function () {
        var rows = [["Body", "ID", "Question", "Answer", "Notes"]];
        A.mineRows(root).forEach(function (r) {
          rows.push([r.body, r.id, [r.text].concat(r.items.map(function (i) {
            return "• " + i;
          })).join("\n"), r.status, r.note]);
        });
        A.download("my-questions.csv", new Blob([S.csv(rows)], { type: "text/csv" }));
        A.announce("Downloaded my-questions.csv with " + S.plural(rows.length - 1, "question") +
          ".");
      }),
      A.button("Download as a Word file", function () {
        A.announce("Making the Word file…");
        A.loadDocx(function (d) {
          var rows = A.mineRows(root);
          d.Packer.toBlob(A.wordFile(d, rows)).then(function (blob) {
            A.download("my-questions.docx", blob);
            A.announce("Downloaded my-questions.docx with " +
              S.plural(rows.length, "question") + ".");
          }, function () { A.announce("Sorry: the Word file could not be made in this browser."); });
        }, function () { A.announce("Sorry: the Word file could not be made in this browser."); });
      }),
      A.button("Export my answers", A.exportAnswers),
      A.importControls(),
      A.browserControl()
    ]);
    bar.insertBefore(A.meetingBar(A.current().body), bar.firstChild);
    if (A.sessionControl) bar.appendChild(A.sessionControl());
    root.insertBefore(bar, root.firstChild);
  }

  // Everything on the page that shows answers, after an import or another meeting chosen.
  function refresh() {
    document.querySelectorAll(".qb-checklist").forEach(fill);
    if (A.showLastTime) document.querySelectorAll(".qb-checklist").forEach(A.showLastTime);
    document.querySelectorAll(".qb-mine").forEach(renderMine);
    A.meetingBars.forEach(A.fillBar);
    document.dispatchEvent(new CustomEvent("qbank:answers"));
  }

  function init() {
    document.querySelectorAll(".qb-nojs").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll(".qb-checklist").forEach(setupChecklist);
    if (A.showLastTime) document.querySelectorAll(".qb-checklist").forEach(A.showLastTime);
    document.querySelectorAll(".qb-mine").forEach(setupMine);
    // The pack page: its checklists show the chosen meeting's answers.
    document.querySelectorAll("form.qb-pack-form").forEach(function (form) {
      var holder = document.createElement("div");
      holder.className = "qb-toolbar qb-screen-only";
      holder.setAttribute("data-search-exclude", "");
      var body = new URLSearchParams(location.search).get("body") || "";
      if (!store.knownBody(body)) body = "";
      holder.appendChild(A.meetingBar(body, true, body));
      if (A.sessionControl) holder.appendChild(A.sessionControl());
      form.parentNode.insertBefore(holder, form);
    });
    if (document.querySelector(".qb-checklist, .qb-mine")) A.offerOldAnswers();
  }

  A.refresh = refresh;

  window.qbankAnswers = {
    all: A.all,
    safeCell: S.safeCell,
    exportAnswers: A.exportAnswers,
    longDate: S.longDate,
    isoDate: S.isoDate,
    meetingFor: A.meetingFor,
    openMeeting: A.openMeeting,
    startBox: A.startBox,
    startedMessage: A.startedMessage,
    current: function () {
      var m = A.current();
      return { id: m.id, body: m.body, date: m.date, title: m.title, label: A.meetingLabel(m) };
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
