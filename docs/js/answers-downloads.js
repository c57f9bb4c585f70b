// What a councillor takes to a meeting: a checklist's answers as a spreadsheet (CSV), and
// the questions ticked on "My questions" as a spreadsheet or a Word file (the npm docx
// library, loaded only when asked for).
(function () {
  "use strict";

  var S = window.qbankStore;
  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};
  var store = A.store;
  var site = A.site;

  function statusLabel(select) {
    var option = select.options[select.selectedIndex];
    return option ? option.textContent : store.NOT_ASKED;
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
    return S.csv(rows);
  }

  function pageName() {
    return location.pathname.split("/").pop().replace(/\.html$/, "") || "checklist";
  }

  function mineRows(root) {
    var list = A.all();
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
          items: items, status: a.status || store.NOT_ASKED, note: a.note
        });
      });
    });
    return rows;
  }

  function loadDocx(done, fail) {
    if (window.docx) { done(window.docx); return; }
    var s = document.createElement("script");
    s.src = A.ROOT + "js/vendor/docx.js";
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
    children.push(new d.Paragraph({ text: "Meeting: " + A.meetingLabel(A.current()) }));
    children.push(new d.Paragraph({
      text: (site.bank || "SOC Scrutiny Question Bank") + " version " + (site.version || "") +
        ". Made " + S.longDate(new Date()) + " from the answers kept in this browser. " +
        "Question text is quoted word for word from the LGA guidance (August 2015)."
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

  A.checklistCsv = checklistCsv;
  A.pageName = pageName;
  A.mineRows = mineRows;
  A.loadDocx = loadDocx;
  A.wordFile = wordFile;
})();
