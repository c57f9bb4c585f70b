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

  // Checklists' ticks, answers and notes: see answers.js.

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

  // An address's fragment as an element ID. A malformed one (`#%E0%A4%A`, typed or sent as a
  // link) names no element: decodeURIComponent would throw "URI malformed" and stop the rest
  // of the page's set-up.
  function fragmentId(hash) {
    try {
      return decodeURIComponent(hash.slice(1));
    } catch (e) {
      return "";
    }
  }

  // A checklist shows the notes on the whole body as one line each (<details>); a link to one
  // from a question ("see the note above") opens it as well as scrolling to it.
  function openTargetNote() {
    var id = fragmentId(location.hash);
    var target = id && document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }

  function init() {
    openTargetNote();
    closeToggles();
    setupSearchResults();
    document.querySelectorAll("form.qb-filter").forEach(setupFilter);
  }
  window.addEventListener("hashchange", openTargetNote);
  // A second click on the same link changes no hash: open the note on the click itself.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#note-"]');
    var target = link && link.hash && document.getElementById(fragmentId(link.hash));
    if (target && target.tagName === "DETAILS") target.open = true;
  });
  // Material's instant navigation replaces pages without reloading.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
