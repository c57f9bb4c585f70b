// Progressive enhancement only: every page is complete without this script.
(function () {
  "use strict";

  // All questions: narrow the full table by body, threat, 4P strand and theme.
  function setupFilter(form) {
    var table = document.querySelector("table.qb-all");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var status = form.querySelector(".qb-filter-status");
    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = selects.every(function (sel) {
          if (!sel.value) return true;
          var values = (row.getAttribute("data-" + sel.dataset.key) || "").split(" ");
          return values.indexOf(sel.value) !== -1 || values.indexOf("all") !== -1;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      status.textContent = shown + " of " + rows.length + " questions shown.";
    }
    selects.forEach(function (sel) { sel.addEventListener("change", apply); });
    form.hidden = false;
    apply();
  }

  // Checklists: the ticks, answers and notes a councillor gives, kept on this device only
  // (never sent anywhere), printed with the page, and downloadable as a CSV file.
  var STORE = "qbank:answers:v1:";

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }

  function save(key, answers) {
    try { localStorage.setItem(key, JSON.stringify(answers)); } catch (e) { /* private mode */ }
  }

  function fields(root) {
    return Array.prototype.slice.call(root.querySelectorAll(
      'input[name="ask"], select[name="status"], textarea[name="note"]'));
  }

  function questionOf(field) {
    return field.name === "ask" ? field.value : field.getAttribute("data-question");
  }

  function csvCell(value) {
    return '"' + String(value).replace(/"/g, '""') + '"';
  }

  function toCsv(root) {
    var rows = [["ID", "Question", "Ask", "Answer", "Notes"]];
    root.querySelectorAll(".qb-question").forEach(function (block) {
      var heading = block.querySelector("h3, h2");
      var id = heading.querySelector(".qb-id").textContent;
      var text = heading.textContent.replace(id, "").trim();
      var ask = block.querySelector('input[name="ask"]');
      var status = block.querySelector('select[name="status"]');
      var note = block.querySelector('textarea[name="note"]');
      rows.push([id, text, ask && ask.checked ? "Yes" : "", status ? status.value : "",
                 note ? note.value : ""]);
    });
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n");
  }

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function setupChecklist(root) {
    var key = STORE + location.pathname.split("/").pop();
    var answers = load(key);
    var all = fields(root);
    all.forEach(function (field) {
      var mine = answers[questionOf(field)] || {};
      if (field.name === "ask") field.checked = !!mine.ask;
      else if (mine[field.name] !== undefined) field.value = mine[field.name];
      field.addEventListener(field.name === "note" ? "input" : "change", function () {
        var id = questionOf(field);
        answers[id] = answers[id] || {};
        answers[id][field.name] = field.name === "ask" ? field.checked : field.value;
        save(key, answers);
      });
    });
    if (root.querySelector(".qb-toolbar")) return;
    var bar = document.createElement("div");
    bar.className = "qb-toolbar";
    bar.setAttribute("data-search-exclude", "");
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.className = "qb-toolbar-status";
    var intro = document.createElement("p");
    intro.textContent = "Your ticks, answers and notes are kept in this browser on this " +
      "device only. They print with the page.";
    bar.appendChild(intro);
    bar.appendChild(button("Download my answers (CSV)", function () {
      var link = document.createElement("a");
      var name = location.pathname.split("/").pop().replace(/\.html$/, "") || "checklist";
      link.href = URL.createObjectURL(new Blob([toCsv(root)], { type: "text/csv" }));
      link.download = name + "-my-answers.csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
      status.textContent = "Downloaded " + link.download + ".";
    }));
    bar.appendChild(document.createTextNode(" "));
    bar.appendChild(button("Clear my answers", function () {
      answers = {};
      save(key, answers);
      all.forEach(function (field) {
        if (field.name === "ask") field.checked = false;
        else field.value = "";
      });
      status.textContent = "Cleared your ticks, answers and notes on this page.";
    }));
    bar.appendChild(status);
    root.insertBefore(bar, root.firstChild);
  }

  // Material makes its search results box a tab stop, but closes search when the search box
  // loses focus, so Tab from the search box landed on an invisible element. Results stay
  // reachable from the search box with the arrow keys, as Material intends.
  function setupSearchResults() {
    document.querySelectorAll(".md-search__scrollwrap").forEach(function (wrap) {
      wrap.tabIndex = -1;
    });
  }

  // The drawer and search toggles open closed: a browser that restores form state on reload
  // (Firefox) would otherwise reopen them (the build drops Material's autocomplete="off" on
  // them, which HTML does not allow on a checkbox).
  function closeToggles() {
    document.querySelectorAll('input.md-toggle[data-md-toggle="drawer"], ' +
      'input.md-toggle[data-md-toggle="search"]').forEach(function (toggle) {
      if (toggle.checked) toggle.checked = false;
    });
  }

  function init() {
    closeToggles();
    setupSearchResults();
    document.querySelectorAll("form.qb-filter").forEach(setupFilter);
    document.querySelectorAll(".qb-checklist").forEach(setupChecklist);
  }
  // Material's instant navigation replaces pages without reloading.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
