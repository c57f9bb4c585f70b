// "Build a meeting pack": the page holds every body's checklist and every threat briefing,
// hidden; this shows the ones the page address names (?body=osc&threat=firearms&date=…),
// so a pack can be bookmarked or sent as a link. The form submits to the same page.
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var BLANK = "____________________";

  // "2026-12-03" as "3 December 2026"; "" for anything that is not a real date.
  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return "";
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return "";
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  function text(root, selector, value) {
    var el = root.querySelector(selector);
    if (el) el.textContent = value;
    return el;
  }

  function setupPack(form) {
    var pack = document.querySelector(".qb-pack");
    if (!pack) return;
    var status = form.querySelector(".qb-pack-status");
    var params = new URLSearchParams(location.search);
    var body = params.get("body") || "";
    var wanted = params.getAll("threat");
    var date = params.get("date") || "";
    var title = (params.get("title") || "").trim().slice(0, 200);
    form.hidden = false;
    form.querySelector(".qb-pack-print").addEventListener("click", function () {
      window.print();
    });

    var select = form.elements.body;
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="threat"]'));
    var known = Array.prototype.map.call(select.options, function (o) { return o.value; });
    select.value = known.indexOf(body) > 0 ? body : "";
    boxes.forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
    var when = longDate(date);
    form.elements.date.value = when ? date : "";
    form.elements.title.value = title;

    var problems = [];
    if (date && !when) problems.push("“" + date + "” is not a date, so the pack leaves a blank");
    var unknown = wanted.filter(function (id) {
      return !boxes.some(function (b) { return b.value === id; });
    });
    if (unknown.length) problems.push("there is no threat “" + unknown.join("”, “") + "”");
    var checklist = select.value &&
      pack.querySelector('.qb-pack-checklist[data-body="' + select.value + '"]');
    if (!checklist) {
      pack.hidden = true;
      form.querySelector(".qb-pack-print").hidden = true;
      if (body) problems.unshift("there is no body “" + body + "”: choose one");
      status.textContent = problems.length ? "Sorry: " + problems.join("; ") + "." :
        "Choose a body, the threats and the date, then show the pack.";
      return;
    }

    checklist.hidden = false;
    var parts = [checklist];
    var names = [];
    var end = pack.querySelector(".qb-pack-abbreviations");
    // Briefings in the order asked for, each once, after the checklist and contacts.
    wanted.filter(function (id, i) { return wanted.indexOf(id) === i; }).forEach(function (id) {
      var section = pack.querySelector('.qb-pack-threat[data-threat="' + id + '"]');
      if (!section) return;
      section.hidden = false;
      pack.insertBefore(section, end);
      parts.push(section);
      names.push(section.querySelector("h2").textContent.replace(/^Threat briefing: /, ""));
    });
    var used = {};
    parts.forEach(function (part) {
      part.getAttribute("data-terms").split(" ").forEach(function (i) { if (i) used[i] = true; });
    });
    var terms = pack.querySelectorAll(".qb-pack-abbreviations li");
    var anyTerm = false;
    Array.prototype.forEach.call(terms, function (li) {
      li.hidden = !used[li.getAttribute("data-term")];
      anyTerm = anyTerm || !li.hidden;
    });
    end.hidden = !anyTerm;

    var bodyName = select.options[select.selectedIndex].textContent;
    text(pack, ".qb-pack-body-name", bodyName);
    text(pack, ".qb-pack-title", title);
    pack.querySelector(".qb-pack-title").hidden = !title;
    pack.querySelector(".qb-pack-title-term").hidden = !title;
    text(pack, ".qb-pack-date", when || BLANK);
    text(pack, ".qb-pack-threat-names", names.length ? names.join("; ") : "None chosen");
    pack.hidden = false;
    document.title = "Meeting pack: " + bodyName + (when ? ", " + when : "") + " - " +
      document.title.replace(/^[^-]*- /, "");
    problems.unshift("The pack below holds the " + bodyName + " checklist and " +
      (names.length === 1 ? "1 threat briefing" : names.length + " threat briefings") +
      ". Print it with “Print the pack” or your browser’s print command");
    status.textContent = problems.join("; ") + ".";
  }

  function init() {
    document.querySelectorAll("form.qb-pack-form").forEach(setupPack);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
