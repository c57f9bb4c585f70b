// The ticks, answers and notes a councillor gives: kept in this browser only (never sent
// anywhere), per site and edition; printed with the checklists, gathered on "My questions",
// exported to and imported from a JSON file (schema/answers.schema.json).
// Progressive enhancement only: every page is complete without this script.
(function () {
  "use strict";

  var site = window.qbankSite || {};
  var STATUSES = site.statuses || ["Assured", "Partly assured", "Not assured", "Not asked"];
  // The last status, "Not asked", is every question's starting point; it is stored as "".
  var NOT_ASKED = STATUSES[STATUSES.length - 1];
  var FORMAT = "soc-question-bank-answers";
  var FILE_VERSION = 1;
  // The site's root, from this script's own address (js/answers.js): with the edition's
  // name it keys the answers, so two councils' copies on one shared drive never mix.
  var script = document.currentScript;
  var ROOT = script && script.src ? script.src.replace(/js\/answers\.js([?#].*)?$/, "") : "";
  var KEY = "qbank:answers:v2:" + (site.edition || "national") + ":" + ROOT;
  var OLD_PREFIX = "qbank:answers:v1:";

  var answers = null; // question id -> {ask, status, note}; read on first use
  var saveFailed = false;

  // Storage -----------------------------------------------------------------------------

  function clean(raw) {
    var out = {};
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) return out;
    Object.keys(raw).forEach(function (id) {
      var a = raw[id];
      if (!a || typeof a !== "object") return;
      var status = typeof a.status === "string" ? a.status : "";
      if (status === NOT_ASKED || STATUSES.indexOf(status) === -1) status = "";
      var entry = {
        ask: a.ask === true,
        status: status,
        note: typeof a.note === "string" ? a.note : ""
      };
      if (entry.ask || entry.status || entry.note) out[id] = entry;
    });
    return out;
  }

  // Answers kept by earlier versions, one key per checklist page. Only over http(s), where
  // the browser keeps each site apart: from file:// they may be another council's.
  function migrate() {
    var merged = {};
    if (!/^https?:/.test(location.protocol)) return merged;
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf(OLD_PREFIX) === 0) {
          var old = clean(JSON.parse(localStorage.getItem(key) || "{}"));
          Object.keys(old).forEach(function (id) { merged[id] = old[id]; });
        }
      }
    } catch (e) { /* unreadable old answers stay where they are */ }
    return merged;
  }

  function read() {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (e) { return {}; }
    if (raw === null) return migrate();
    try {
      var data = JSON.parse(raw);
      if (!data || typeof data !== "object" || !data.answers || typeof data.answers !== "object") {
        throw new Error("not an answers record");
      }
      return clean(data.answers);
    } catch (e) {
      var aside = KEY + ":unreadable:" + new Date().toISOString();
      try {
        localStorage.setItem(aside, raw);
        localStorage.removeItem(KEY);
      } catch (e2) { /* it stays where it is, and is read past again next time */ }
      notice("unreadable", "Answers saved earlier in this browser could not be read, so this " +
        "page starts without them. They have been set aside, not deleted (under “" + aside +
        "” in this browser’s storage), so that new answers can be saved.");
      return {};
    }
  }

  function all() {
    if (answers === null) answers = read();
    return answers;
  }

  function save() {
    try {
      localStorage.setItem(KEY, JSON.stringify({
        format: FORMAT, version: FILE_VERSION, saved: new Date().toISOString(), answers: all()
      }));
      if (saveFailed) {
        saveFailed = false;
        removeNotice("save");
      }
      return true;
    } catch (e) {
      saveFailed = true;
      notice("save", "Sorry: this browser would not save your answers, so they will be lost " +
        "when you close this page. This happens in a private window, when the browser’s " +
        "storage is full, or on a computer set not to keep site data. To keep them, export " +
        "your answers to a file now.", true);
      return false;
    }
  }

  function setAnswer(id, name, value) {
    var list = all();
    var entry = list[id] || { ask: false, status: "", note: "" };
    entry[name] = value;
    if (entry.ask || entry.status || entry.note) list[id] = entry;
    else delete list[id];
    save();
  }

  // Messages ----------------------------------------------------------------------------

  function article() {
    return document.querySelector(".md-content__inner") || document.body;
  }

  // A visible, polite message at the top of the page (a warning that stays until fixed).
  function notice(kind, text, offerExport) {
    var box = document.getElementById("qb-notice-" + kind);
    if (!box) {
      box = document.createElement("div");
      box.id = "qb-notice-" + kind;
      box.className = "admonition warning qb-notice";
      box.setAttribute("role", "alert");
      box.setAttribute("data-search-exclude", "");
      var title = document.createElement("p");
      title.className = "admonition-title";
      title.textContent = kind === "save" ? "Your answers are not being saved" :
        "Earlier answers could not be read";
      box.appendChild(title);
      box.appendChild(document.createElement("p"));
      if (offerExport) {
        box.appendChild(button("Export my answers", exportAnswers));
      }
      var root = article();
      var heading = root.querySelector("h1");
      if (heading && heading.parentNode === root) root.insertBefore(box, heading.nextSibling);
      else root.insertBefore(box, root.firstChild);
    }
    box.querySelector("p:not(.admonition-title)").textContent = text;
  }

  function removeNotice(kind) {
    var box = document.getElementById("qb-notice-" + kind);
    if (box) box.remove();
  }

  function button(label, onClick, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button" + (className ? " " + className : "");
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function statusLine() {
    var p = document.createElement("p");
    p.setAttribute("role", "status");
    p.className = "qb-toolbar-status";
    return p;
  }

  // Files -------------------------------------------------------------------------------

  // OWASP CSV injection: a cell that a spreadsheet would read as a formula starts with ' .
  function safeCell(value) {
    var text = String(value);
    return /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  }

  function csv(rows) {
    return "\ufeff" + rows.map(function (r) {
      return r.map(function (v) { return '"' + safeCell(v).replace(/"/g, '""') + '"'; }).join(",");
    }).join("\r\n");
  }

  function download(name, blob) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  function answersFile() {
    var out = {};
    var list = all();
    Object.keys(list).sort().forEach(function (id) {
      var a = list[id];
      out[id] = { ask: a.ask, status: a.status || NOT_ASKED, note: a.note };
    });
    return {
      format: FORMAT,
      version: FILE_VERSION,
      bank: site.bank || "",
      bank_version: site.version || "",
      edition: site.edition || "",
      exported: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      answers: out
    };
  }

  function exportAnswers() {
    var name = "my-answers-" + today() + ".json";
    download(name, new Blob([JSON.stringify(answersFile(), null, 2) + "\n"],
      { type: "application/json" }));
    announce("Exported your answers to " + Object.keys(all()).length + " questions as " +
      name + ".");
  }

  // The status line of whichever toolbar the user is in.
  var currentStatus = null;
  function announce(text) {
    if (currentStatus) currentStatus.textContent = text;
  }

  // Reads an answers file; returns {answers} or {error}.
  function parseFile(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) {
      return { error: "it is not an answers file (it is not valid JSON)" };
    }
    if (!data || typeof data !== "object" || data.format !== FORMAT) {
      return { error: "it is not an answers file exported from this site" };
    }
    if (data.version !== FILE_VERSION) {
      return { error: "it is an answers file of version " + data.version + ", and this site " +
        "reads version " + FILE_VERSION + ": export it again from the site it came from" };
    }
    if (!data.answers || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      return { error: "it holds no answers" };
    }
    return { answers: clean(data.answers), exported: data.exported || "" };
  }

  function same(a, b) {
    return a.ask === b.ask && a.status === b.status && a.note === b.note;
  }

  function applyImport(incoming, replace) {
    var list = all();
    var counts = { added: 0, changed: 0, unchanged: 0, removed: 0 };
    Object.keys(incoming).forEach(function (id) {
      if (!list[id]) counts.added += 1;
      else if (same(list[id], incoming[id])) counts.unchanged += 1;
      else counts.changed += 1;
    });
    if (replace) {
      Object.keys(list).forEach(function (id) { if (!incoming[id]) counts.removed += 1; });
      answers = {};
    }
    Object.keys(incoming).forEach(function (id) { answers[id] = incoming[id]; });
    save();
    refresh();
    return counts;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // "Import answers": choose a file, then say merge or replace, then a summary.
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
    var opener = button("Import answers", function () { input.click(); });
    function finish(replace) {
      var counts = applyImport(pending.answers, replace);
      var parts = [plural(counts.added, "question") + " added",
                   counts.changed + " changed", counts.unchanged + " unchanged"];
      if (replace) parts.push(counts.removed + " of yours removed");
      announce((replace ? "Replaced your answers with " : "Merged the answers in ") +
        pending.name + ": " + parts.join(", ") + ".");
      pending = null;
      ask.hidden = true;
      opener.focus();
    }
    ask.appendChild(button("Merge with my answers", function () { finish(false); }));
    ask.appendChild(document.createTextNode(" "));
    ask.appendChild(button("Replace my answers", function () { finish(true); }));
    ask.appendChild(document.createTextNode(" "));
    ask.appendChild(button("Cancel", function () {
      pending = null;
      ask.hidden = true;
      announce("Nothing imported.");
      opener.focus();
    }));
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        input.value = "";
        var parsed = parseFile(String(reader.result));
        if (parsed.error) {
          announce("Could not import " + file.name + ": " + parsed.error + ".");
          return;
        }
        pending = { name: file.name, answers: parsed.answers };
        var n = Object.keys(parsed.answers).length;
        var mine = Object.keys(all()).length;
        question.textContent = file.name + " holds answers to " + plural(n, "question") +
          (parsed.exported ? " (exported " + parsed.exported.slice(0, 10) + ")" : "") +
          ". This browser holds your answers to " + plural(mine, "question") + ". Merge " +
          "the file with them (the file’s answer wins where both have one), or replace " +
          "them with the file?";
        ask.hidden = false;
        ask.querySelector("button").focus();
      };
      reader.onerror = function () {
        announce("Could not read " + file.name + ".");
      };
      reader.readAsText(file);
    });
    wrap.appendChild(opener);
    wrap.appendChild(input);
    wrap.appendChild(ask);
    return wrap;
  }

  function toolbar(intro, controls) {
    var bar = document.createElement("div");
    bar.className = "qb-toolbar";
    bar.setAttribute("data-search-exclude", "");
    var status = statusLine();
    var p = document.createElement("p");
    p.textContent = intro;
    bar.appendChild(p);
    controls.forEach(function (c) {
      bar.appendChild(c);
      bar.appendChild(document.createTextNode(" "));
    });
    bar.appendChild(status);
    bar.addEventListener("focusin", function () { currentStatus = status; });
    bar.addEventListener("click", function () { currentStatus = status; });
    if (!currentStatus) currentStatus = status;
    return bar;
  }

  // Checklists --------------------------------------------------------------------------

  function fields(root) {
    return Array.prototype.slice.call(root.querySelectorAll(
      'input[name="ask"], select[name="status"], textarea[name="note"]'));
  }

  function questionOf(field) {
    return field.name === "ask" ? field.value : field.getAttribute("data-question");
  }

  function fill(root) {
    var list = all();
    fields(root).forEach(function (field) {
      var mine = list[questionOf(field)] || { ask: false, status: "", note: "" };
      if (field.name === "ask") field.checked = !!mine.ask;
      else field.value = mine[field.name] || "";
    });
  }

  function statusLabel(select) {
    var option = select.options[select.selectedIndex];
    return option ? option.textContent : NOT_ASKED;
  }

  function checklistCsv(root) {
    var rows = [["ID", "Question", "Ask", "Answer", "Notes"]];
    root.querySelectorAll(".qb-question").forEach(function (block) {
      var heading = block.querySelector("h2, h3, h4");
      var id = heading.querySelector(".qb-id").textContent;
      var text = heading.textContent.replace(id, "").trim();
      var ask = block.querySelector('input[name="ask"]');
      var status = block.querySelector('select[name="status"]');
      var note = block.querySelector('textarea[name="note"]');
      rows.push([id, text, ask && ask.checked ? "Yes" : "", status ? statusLabel(status) : "",
                 note ? note.value : ""]);
    });
    return csv(rows);
  }

  function pageName() {
    return location.pathname.split("/").pop().replace(/\.html$/, "") || "checklist";
  }

  function setupChecklist(root) {
    var own = fields(root);
    fill(root);
    own.forEach(function (field) {
      field.addEventListener(field.name === "note" ? "input" : "change", function () {
        var value = field.name === "ask" ? field.checked : field.value;
        setAnswer(questionOf(field), field.name, value);
      });
    });
    // The meeting pack shows checklists too; its own buttons are the pack's.
    if (root.closest(".qb-pack") || root.querySelector(".qb-toolbar")) return;
    var ids = own.filter(function (f) { return f.name === "ask"; }).map(questionOf);
    var bar = toolbar("Your ticks, answers and notes are kept in this browser on this " +
      "device only. They print with the page, and gather on “My questions”.", [
      button("Download my answers (CSV)", function () {
        var name = pageName() + "-my-answers.csv";
        download(name, new Blob([checklistCsv(root)], { type: "text/csv" }));
        announce("Downloaded " + name + ".");
      }),
      button("Print only the questions I ticked", function () {
        if (!root.querySelector('input[name="ask"]:checked')) {
          announce("Tick at least one question first: none is ticked on this page.");
          return;
        }
        document.documentElement.classList.add("qb-print-ticked");
        window.addEventListener("afterprint", function () {
          document.documentElement.classList.remove("qb-print-ticked");
        }, { once: true });
        window.print();
      }),
      button("Export my answers", exportAnswers),
      importControls(),
      button("Clear my answers", function () {
        var ok = window.confirm("Clear your ticks, answers and notes for the " + ids.length +
          " questions on this page? This cannot be undone. To keep a copy, cancel and " +
          "export your answers first.");
        if (!ok) {
          announce("Nothing cleared.");
          return;
        }
        var list = all();
        ids.forEach(function (id) { delete list[id]; });
        save();
        fill(root);
        announce("Cleared your ticks, answers and notes on this page.");
      })
    ]);
    root.insertBefore(bar, root.firstChild);
  }

  // My questions ------------------------------------------------------------------------

  function mineRows(root) {
    var list = all();
    var rows = [];
    root.querySelectorAll(".qb-mine-body").forEach(function (section) {
      var body = section.querySelector("h2").textContent.trim();
      section.querySelectorAll(".qb-mine-question").forEach(function (block) {
        var id = block.getAttribute("data-question");
        var a = list[id];
        if (!a || !a.ask) return;
        var items = Array.prototype.map.call(block.querySelectorAll(".qb-items li"),
          function (li) { return li.textContent.trim(); });
        rows.push({
          body: body, id: id,
          text: block.querySelector(".qb-mine-text").textContent.trim(),
          items: items, status: a.status || NOT_ASKED, note: a.note
        });
      });
    });
    return rows;
  }

  function renderMine(root) {
    var list = all();
    var any = false;
    root.querySelectorAll(".qb-mine-body").forEach(function (section) {
      var shown = 0;
      section.querySelectorAll(".qb-mine-question").forEach(function (block) {
        var a = list[block.getAttribute("data-question")];
        block.hidden = !(a && a.ask);
        if (block.hidden) return;
        shown += 1;
        block.querySelector(".qb-mine-status .qb-mine-value").textContent = a.status || NOT_ASKED;
        block.querySelector(".qb-mine-note .qb-mine-value").textContent = a.note || "None yet.";
      });
      section.hidden = shown === 0;
      any = any || shown > 0;
    });
    root.querySelector(".qb-mine-empty").hidden = any;
  }

  function loadDocx(done, fail) {
    if (window.docx) { done(window.docx); return; }
    var s = document.createElement("script");
    s.src = ROOT + "js/vendor/docx.js";
    s.onload = function () { if (window.docx) done(window.docx); else fail(); };
    s.onerror = fail;
    document.head.appendChild(s);
  }

  function wordFile(d, rows) {
    var heading = function (text, level) {
      return new d.Paragraph({ text: text, heading: level });
    };
    var cell = function (texts, bold) {
      return new d.TableCell({
        children: texts.map(function (t) {
          return new d.Paragraph({ children: [new d.TextRun({ text: t, bold: !!bold })] });
        })
      });
    };
    var children = [heading("My questions on serious and organised crime", d.HeadingLevel.HEADING_1)];
    if (site.edition) children.push(new d.Paragraph({ text: "Council: " + site.edition }));
    children.push(new d.Paragraph({
      text: (site.bank || "SOC Scrutiny Question Bank") + " version " + (site.version || "") +
        ". Made " + today() + " from the answers kept in this browser. Question text is " +
        "quoted word for word from the LGA guidance (August 2015)."
    }));
    var bodies = [];
    rows.forEach(function (r) { if (bodies.indexOf(r.body) === -1) bodies.push(r.body); });
    bodies.forEach(function (body) {
      children.push(heading(body, d.HeadingLevel.HEADING_2));
      var tableRows = [new d.TableRow({
        tableHeader: true,
        children: ["ID", "Question", "Answer", "Notes"].map(function (h) { return cell([h], true); })
      })];
      rows.filter(function (r) { return r.body === body; }).forEach(function (r) {
        tableRows.push(new d.TableRow({
          cantSplit: true,
          children: [
            cell([r.id], true),
            cell([r.text].concat(r.items.map(function (i) { return "• " + i; }))),
            cell([r.status]),
            cell(r.note ? r.note.split(/\r?\n/) : [""])
          ]
        }));
      });
      children.push(new d.Table({
        rows: tableRows,
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        columnWidths: [1100, 4600, 1500, 2500]
      }));
    });
    return new d.Document({
      creator: site.edition || site.bank || "SOC Scrutiny Question Bank",
      title: "My questions on serious and organised crime",
      description: "Questions ticked on the checklists, with answers and notes",
      styles: { default: { document: { run: { font: "Arial", size: 20 } } } },
      sections: [{
        properties: { page: { size: { width: 11906, height: 16838 },
          margin: { top: 1020, bottom: 1020, left: 1020, right: 1020 } } },
        children: children
      }]
    });
  }

  function setupMine(root) {
    renderMine(root);
    root.hidden = false;
    var bar = toolbar("Kept in this browser on this device only. Print this page, or take it " +
      "to the meeting as a spreadsheet or Word file.", [
      button("Print my questions", function () { window.print(); }),
      button("Download as a spreadsheet (CSV)", function () {
        var rows = [["Body", "ID", "Question", "Answer", "Notes"]];
        mineRows(root).forEach(function (r) {
          rows.push([r.body, r.id, [r.text].concat(r.items.map(function (i) {
            return "• " + i;
          })).join("\n"), r.status, r.note]);
        });
        download("my-questions.csv", new Blob([csv(rows)], { type: "text/csv" }));
        announce("Downloaded my-questions.csv with " + plural(rows.length - 1, "question") + ".");
      }),
      button("Download as a Word file", function () {
        announce("Making the Word file…");
        loadDocx(function (d) {
          var rows = mineRows(root);
          d.Packer.toBlob(wordFile(d, rows)).then(function (blob) {
            download("my-questions.docx", blob);
            announce("Downloaded my-questions.docx with " + plural(rows.length, "question") + ".");
          }, function () { announce("Sorry: the Word file could not be made in this browser."); });
        }, function () { announce("Sorry: the Word file could not be made in this browser."); });
      }),
      button("Export my answers", exportAnswers),
      importControls()
    ]);
    root.insertBefore(bar, root.firstChild);
  }

  // Everything on the page that shows answers, after an import.
  function refresh() {
    document.querySelectorAll(".qb-checklist").forEach(fill);
    document.querySelectorAll(".qb-mine").forEach(renderMine);
  }

  function init() {
    document.querySelectorAll(".qb-nojs").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll(".qb-checklist").forEach(setupChecklist);
    document.querySelectorAll(".qb-mine").forEach(setupMine);
  }

  // Another tab or window of this site saved: show its answers here too, so this page's
  // next save does not write back the older ones.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) {
      answers = null;
      refresh();
    }
  });

  window.qbankAnswers = { all: all, safeCell: safeCell, exportAnswers: exportAnswers };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
