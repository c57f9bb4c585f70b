// "Build a meeting pack": the page holds every body's checklist and every threat briefing,
// hidden; this shows the ones the page address names (?body=osc&threat=firearms&date=…),
// so a pack can be bookmarked or sent as a link. The form submits to the same page.
// Text from the address is only ever compared with the page's own values or shown as text:
// it never becomes part of a selector or of markup.
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var BLANK = "____________________";
  var FIRST_YEAR = 1900;
  var LAST_YEAR = 2100;

  // "2026-12-03" as "3 December 2026"; "" for anything that is not a real date between
  // 1900 and 2100 (JavaScript reads the year 26 as 1926).
  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m || +m[1] < FIRST_YEAR || +m[1] > LAST_YEAR) return "";
    var d = new Date(Date.UTC(2000, +m[2] - 1, +m[3]));
    d.setUTCFullYear(+m[1]);
    if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return "";
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  function text(root, selector, value) {
    var el = root.querySelector(selector);
    if (el) el.textContent = value;
    return el;
  }

  // The first element of a list whose attribute is exactly the value: a lookup, not a
  // selector, so no address can widen it.
  function byAttribute(elements, name, value) {
    for (var i = 0; i < elements.length; i++) {
      if (elements[i].getAttribute(name) === value) return elements[i];
    }
    return null;
  }

  // A CSS string that holds any text: every character but letters, digits and spaces escaped.
  function cssString(value) {
    var out = "";
    Array.from(value).forEach(function (ch) {
      var code = ch.codePointAt(0);
      if (/[A-Za-z0-9 ]/.test(ch)) out += ch;
      else if (code < 0x20 || code === 0x7f) out += " ";
      else out += "\\" + code.toString(16) + " ";
    });
    return '"' + out + '"';
  }

  // The footer of every printed page names the council, body, meeting and date. Page margin
  // boxes take only fixed text, so the rule is made here, in a constructed style sheet (the
  // page's security policy allows those, not inline style).
  var footerSheet = null;
  function footer(parts) {
    var line = parts.filter(Boolean).join(" · ");
    if (line.length > 150) line = line.slice(0, 149) + "…";
    if (!("adoptedStyleSheets" in document) || typeof CSSStyleSheet !== "function") return;
    try {
      if (!footerSheet) {
        footerSheet = new CSSStyleSheet();
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat([footerSheet]);
      }
      footerSheet.replaceSync("@page { @bottom-left { content: " + cssString(line) +
        "; font: 7.5pt sans-serif; color: #333; } }");
    } catch (e) { /* the printed footer keeps the site's name */ }
  }

  function setupPack(form) {
    var pack = document.querySelector(".qb-pack");
    if (!pack) return;
    var answers = window.qbankAnswers || null;
    var status = form.querySelector(".qb-pack-status");
    var params = new URLSearchParams(location.search);
    var body = params.get("body") || "";
    var wanted = params.getAll("threat");
    var date = params.get("date") || "";
    var title = (params.get("title") || "").trim().slice(0, 200);
    var which = params.get("questions") || "";
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

    // A pack for a meeting the councillor named shows that meeting's answers; for one not
    // yet kept, the page offers to start it (with last time's doubtful questions ticked).
    if (answers && select.value && when) {
      var named = answers.meetingFor(select.value, date);
      if (named && named.id !== answers.current().id) answers.openMeeting(named.id, false);
      else if (!named && answers.current().body) answers.openMeeting("general", false);
    }
    var start = null;

    var problems = [];
    if (date && !when) {
      problems.push("“" + date + "” is not a date between " + FIRST_YEAR + " and " +
        LAST_YEAR + ", so the pack leaves a blank for it");
    }
    var unknown = wanted.filter(function (id) {
      return !boxes.some(function (b) { return b.value === id; });
    });
    if (unknown.length) problems.push("there is no threat “" + unknown.join("”, “") + "”");
    var checklist = select.value ?
      byAttribute(pack.querySelectorAll(".qb-pack-checklist"), "data-body", select.value) : null;
    if (!checklist) {
      pack.hidden = true;
      form.querySelector(".qb-pack-print").hidden = true;
      if (body) problems.unshift("there is no body “" + body + "”: choose one");
      status.textContent = problems.length ? "Sorry: " + problems.join("; ") + "." :
        "Choose a body, the threats and the date, then show the pack.";
      return;
    }

    checklist.hidden = false;
    if (answers && answers.startBox) {
      start = answers.startBox(function () {
        return { body: select.value, date: date, title: title };
      }, function (result) {
        status.textContent = answers.startedMessage(result);
        form.querySelector(".qb-pack-print").focus();
      });
      form.parentNode.insertBefore(start, form.nextSibling);
    }
    var parts = [checklist];
    var names = [];
    var end = pack.querySelector(".qb-pack-abbreviations");
    var threats = pack.querySelectorAll(".qb-pack-threat");
    // Briefings in the order asked for, each once, after the checklist and contacts.
    wanted.filter(function (id, i) { return wanted.indexOf(id) === i; }).forEach(function (id) {
      var section = byAttribute(threats, "data-threat", id);
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
    var council = (window.qbankSite || {}).edition || "";
    var pageTitle = document.title.replace(/^[^-]*- /, "");
    text(pack, ".qb-pack-body-name", bodyName);
    text(pack, ".qb-pack-threat-names", names.length ? names.join("; ") : "None chosen");
    // The cover, the footer of every printed page and the window title name the meeting
    // shown: a meeting of this body chosen on the page brings its own date and title, so
    // the pack never prints one meeting's answers under another's date.
    function describe() {
      var m = answers ? answers.current() : null;
      if (m && m.body === select.value && m.date) {
        if (m.date !== date) title = m.title;
        else title = title || m.title;
        date = m.date;
        when = longDate(date);
        form.elements.date.value = date;
        form.elements.title.value = title;
      }
      text(pack, ".qb-pack-title", title);
      pack.querySelector(".qb-pack-title").hidden = !title;
      pack.querySelector(".qb-pack-title-term").hidden = !title;
      text(pack, ".qb-pack-date", when || BLANK);
      footer([council, bodyName, title, when]);
      document.title = "Meeting pack: " + bodyName + (when ? ", " + when : "") + " - " +
        pageTitle;
      if (start) start.qbUpdate({ body: select.value, date: date, title: title }, bodyName);
    }
    pack.hidden = false;

    // All the body's questions, or only those ticked for the meeting shown.
    var radios = Array.prototype.slice.call(form.querySelectorAll('input[name="questions"]'));
    var blocks = Array.prototype.slice.call(checklist.querySelectorAll(".qb-question"));
    var total = blocks.length;
    function ticked(block) {
      var box = block.querySelector('input[name="ask"]');
      return !!(box && box.checked);
    }
    function showQuestions() {
      var count = blocks.filter(ticked).length;
      var choice = which === "all" || which === "ticked" ? which : (count ? "ticked" : "all");
      radios.forEach(function (r) { r.checked = r.value === choice; });
      var only = choice === "ticked" && count > 0;
      blocks.forEach(function (block) { block.hidden = only && !ticked(block); });
      if (window.qbankPackNotes) window.qbankPackNotes.fit(checklist, only);
      describe();
      text(pack, ".qb-pack-questions-shown", only ?
        "The " + (count === 1 ? "question" : count + " questions") + " you ticked, of " + total :
        "All " + total);
      text(form, ".qb-pack-ticked-count", count === 1 ? "(1 is ticked)" :
        "(" + (count || "none") + " " + (count === 1 ? "is" : "are") + " ticked)");
      var message = "The pack below holds the " + bodyName + " checklist (" +
        (only ? plural(count, "ticked question") : "all " + total + " questions") + ") and " +
        plural(names.length, "threat briefing") + ". Print it with “Print the pack” or " +
        "your browser’s print command";
      if (choice === "ticked" && !count) {
        message += "; no question is ticked for this body" +
          (answers ? " in “" + answers.current().label + "”" : "") + ", so it holds them all";
      }
      status.textContent = [message].concat(problems).join("; ") + ".";
    }
    function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
    radios.forEach(function (r) {
      r.addEventListener("change", function () {
        which = r.value;
        showQuestions();
      });
    });
    // Another meeting chosen, or answers imported, on this page.
    document.addEventListener("qbank:answers", showQuestions);
    showQuestions();
  }

  function init() {
    document.querySelectorAll("form.qb-pack-form").forEach(setupPack);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
