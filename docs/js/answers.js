// The ticks, answers and notes a councillor gives: kept in this browser only (never sent
// anywhere), per site and edition, and per meeting (a body, a date and a title): earlier
// meetings stay listed and can be reopened. Printed with the checklists, gathered on "My
// questions", exported to and imported from a JSON file (schema/answers.schema.json).
// Progressive enhancement only: every page is complete without this script.
(function () {
  "use strict";

  var site = window.qbankSite || {};
  var STATUSES = site.statuses || ["Assured", "Partly assured", "Not assured", "Not asked"];
  // The last status, "Not asked", is every question's starting point; it is stored as "".
  var NOT_ASKED = STATUSES[STATUSES.length - 1];
  var FORMAT = "soc-question-bank-answers";
  // Version 2 keeps answers per meeting; version 1 (one set of answers) is read and migrated.
  var FILE_VERSION = 2;
  // Limits shared with `qbank pack --answers` (generator/answers.py): a note box holds at
  // most MAX_NOTE characters; a file is at most MAX_FILE bytes, MAX_MEETINGS meetings and
  // MAX_ANSWERS answers a meeting.
  var MAX_NOTE = 20000;
  var MAX_TITLE = 200;
  var MAX_FILE = 16 * 1024 * 1024;
  var MAX_MEETINGS = 500;
  var MAX_ANSWERS = 2000;
  var ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
  var MEETING_ID = /^[A-Za-z0-9_-]{1,40}$/;
  // The meeting that holds answers not given for a particular meeting, and those kept by
  // earlier versions of the site, which did not know meetings.
  var GENERAL = "general";
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  // The site's root, from this script's own address (js/answers.js): with the edition's
  // name it keys the answers, so two councils' copies on one shared drive never mix.
  var script = document.currentScript;
  var ROOT = script && script.src ? script.src.replace(/js\/answers\.js([?#].*)?$/, "") : "";
  var KEY = "qbank:answers:v2:" + (site.edition || "national") + ":" + ROOT;
  // Version 1 kept one key per checklist page, named by the page's file name only: it cannot
  // tell which copy of the site wrote it. TAKEN records the one site that brought them in.
  var OLD_PREFIX = "qbank:answers:v1:";
  var TAKEN = "qbank:answers:v1-taken-by";
  var LEFT = "qbank:answers:v1-left:" + KEY;

  var BODIES = Array.isArray(site.bodies) ? site.bodies : [];
  var BODY_OF = {};
  BODIES.forEach(function (b) {
    (b.questions || []).forEach(function (id) { BODY_OF[id] = b.id; });
  });

  var state = null; // {current, meetings: [{id, body, date, title, answers}]}; read on first use
  var saveFailed = false;
  // The text of a stored record that could not be read nor set aside: never saved over.
  var blocked = null;

  function isObject(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // Dates ---------------------------------------------------------------------------------

  // "2026-12-03" for a real date between 1900 and 2100, or "".
  function isoDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === "string" ? value : "");
    if (!m || +m[1] < 1900 || +m[1] > 2100) return "";
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return "";
    return value;
  }

  // Every date the pages show reads "3 December 2026".
  function longDate(value) {
    if (value instanceof Date) {
      return value.getDate() + " " + MONTHS[value.getMonth()] + " " + value.getFullYear();
    }
    var iso = isoDate(String(value || "").slice(0, 10));
    if (!iso) return "";
    return +iso.slice(8, 10) + " " + MONTHS[+iso.slice(5, 7) - 1] + " " + iso.slice(0, 4);
  }

  // Storage -------------------------------------------------------------------------------

  function cleanAnswers(raw) {
    var out = {};
    if (!isObject(raw)) return out;
    Object.keys(raw).forEach(function (id) {
      var a = raw[id];
      if (!ID.test(id) || !isObject(a)) return;
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

  function knownBody(id) {
    return BODIES.some(function (b) { return b.id === id; });
  }

  function cleanMeeting(raw) {
    if (!isObject(raw) || typeof raw.id !== "string" || !MEETING_ID.test(raw.id)) return null;
    var general = raw.id === GENERAL;
    return {
      id: raw.id,
      body: !general && typeof raw.body === "string" && knownBody(raw.body) ? raw.body : "",
      date: general ? "" : isoDate(raw.date),
      title: general || typeof raw.title !== "string" ? "" : raw.title.slice(0, MAX_TITLE),
      answers: cleanAnswers(raw.answers)
    };
  }

  function generalMeeting(answers) {
    return { id: GENERAL, body: "", date: "", title: "", answers: answers || {} };
  }

  // A stored record (this version's or version 1's) as {current, meetings}; null if unreadable.
  function fromRecord(data) {
    if (!isObject(data)) return null;
    if (data.version === 1 && isObject(data.answers)) {
      return { current: GENERAL, meetings: [generalMeeting(cleanAnswers(data.answers))] };
    }
    if (data.version !== FILE_VERSION || !Array.isArray(data.meetings)) return null;
    var seen = {};
    var meetings = data.meetings.map(cleanMeeting).filter(function (m) {
      if (!m || seen[m.id]) return false;
      seen[m.id] = true;
      return true;
    });
    if (!seen[GENERAL]) meetings.push(generalMeeting());
    return { current: seen[data.current] ? data.current : GENERAL, meetings: meetings };
  }

  function fresh() { return { current: GENERAL, meetings: [generalMeeting()] }; }

  function read() {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (e) { return fresh(); }
    if (raw === null) return fresh();
    var data = null;
    try { data = JSON.parse(raw); } catch (e) { /* unreadable: set aside below */ }
    var got = fromRecord(data);
    if (got) return got;
    setAside(raw);
    return fresh();
  }

  // Unreadable answers are never deleted: copied to a key of their own first. When that
  // fails (the storage is full), the record stays where it is and nothing is saved over it.
  function setAside(raw) {
    var aside = KEY + ":unreadable:" + Date.now();
    try {
      localStorage.setItem(aside, raw);
      if (localStorage.getItem(aside) !== raw) throw new Error("not kept");
    } catch (e) {
      try { localStorage.removeItem(aside); } catch (e2) { /* nothing was kept */ }
      blocked = raw;
      notice("unreadable", "Answers saved earlier in this browser could not be read, and " +
        "could not be set aside either: this browser’s storage is full. So that they are " +
        "not lost, this site will not save anything over them: ticks, answers and notes " +
        "you give now are not kept. Save them to a file, then remove them from this " +
        "browser, and your answers will be saved again.", [
          button("Save the unreadable answers to a file", function () {
            download("unreadable-answers.txt", new Blob([raw], { type: "text/plain" }));
          }),
          button("Remove them from this browser", clearBlocked)
        ]);
      return;
    }
    try { localStorage.removeItem(KEY); } catch (e) { /* the copy is kept either way */ }
    notice("unreadable", "Answers saved earlier in this browser could not be read, so this " +
      "page starts without them. They have been set aside, not deleted (in this " +
      "browser’s storage, under a name ending in “unreadable”), so that new answers " +
      "can be saved.");
  }

  function clearBlocked() {
    var ok = window.confirm("Remove the answers that could not be read from this browser? " +
      "This cannot be undone. To keep a copy, cancel and save them to a file first.");
    if (!ok) return;
    try { localStorage.removeItem(KEY); } catch (e) { return; }
    blocked = null;
    removeNotice("unreadable");
    save();
  }

  function data() {
    if (state === null) state = read();
    return state;
  }

  function meetingById(id) {
    var found = null;
    data().meetings.forEach(function (m) { if (m.id === id) found = m; });
    return found;
  }

  function current() {
    return meetingById(data().current) || meetingById(GENERAL);
  }

  // The answers of the meeting shown, by question ID.
  function all() { return current().answers; }

  function record() {
    return {
      format: FORMAT, version: FILE_VERSION, saved: new Date().toISOString(),
      current: data().current, meetings: data().meetings
    };
  }

  function save() {
    if (blocked !== null) {
      notice("save", "Your answers are not being saved: answers saved earlier in this " +
        "browser could not be read, and this site will not save over them (see above). " +
        "To keep what you give now, export your answers to a file.", [
          button("Export my answers", exportAnswers)
        ]);
      return false;
    }
    try {
      localStorage.setItem(KEY, JSON.stringify(record()));
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
        "your answers to a file now.", [button("Export my answers", exportAnswers)]);
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

  // Meetings ------------------------------------------------------------------------------

  function bodyName(id) {
    var name = "";
    BODIES.forEach(function (b) { if (b.id === id) name = b.name; });
    return name;
  }

  function meetingLabel(m) {
    if (m.id === GENERAL) return "General: not for a particular meeting";
    var label = bodyName(m.body) || "Any body";
    if (m.date) label += ", " + longDate(m.date);
    return m.title ? label + ": " + m.title : label;
  }

  // Newest first; the general answers last.
  function ordered() {
    return data().meetings.slice().sort(function (a, b) {
      if (a.id === GENERAL || b.id === GENERAL) return a.id === GENERAL ? 1 : -1;
      return a.date === b.date ? 0 : (a.date < b.date ? 1 : -1);
    });
  }

  function openMeeting(id, keep) {
    if (!meetingById(id)) return false;
    data().current = id;
    if (keep !== false) save();
    refresh();
    return true;
  }

  function newMeeting(body, date, title, copyTicks) {
    var from = all();
    var answers = {};
    if (copyTicks) {
      Object.keys(from).forEach(function (id) {
        if (from[id].ask) answers[id] = { ask: true, status: "", note: "" };
      });
    }
    var m = {
      id: "m" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6),
      body: body, date: date, title: title.slice(0, MAX_TITLE), answers: answers
    };
    data().meetings.push(m);
    openMeeting(m.id);
    return m;
  }

  // The meeting for a body on a date, if one was named: a pack for it shows its answers.
  function meetingFor(body, date) {
    var found = null;
    ordered().forEach(function (m) {
      if (!found && m.body === body && m.date === date) found = m;
    });
    return found;
  }

  var barCount = 0;
  var meetingBars = [];

  // "Meeting: [the one shown ▾] [New meeting]": on every checklist, My questions and the
  // pack page. Changing it shows that meeting's ticks, answers and notes.
  // The pack page has no "New meeting": its own form names the body, date and title.
  function meetingBar(defaultBody, chooseOnly) {
    barCount += 1;
    var n = barCount;
    var bar = document.createElement("div");
    bar.className = "qb-meeting";
    bar.setAttribute("data-search-exclude", "");
    var line = document.createElement("p");
    var label = document.createElement("label");
    label.htmlFor = "qb-meeting-" + n;
    label.textContent = "Meeting";
    var select = document.createElement("select");
    select.id = "qb-meeting-" + n;
    select.className = "qb-meeting-select";
    select.setAttribute("aria-describedby", "qb-meeting-hint-" + n);
    line.appendChild(label);
    line.appendChild(document.createTextNode(" "));
    line.appendChild(select);
    line.appendChild(document.createTextNode(" "));
    var status = statusLine("qb-meeting-status");
    var form = newMeetingForm(n, defaultBody, status, function () { opener.focus(); });
    var opener = button("New meeting", function () {
      form.hidden = false;
      opener.setAttribute("aria-expanded", "true");
      form.querySelector("select").focus();
    });
    opener.setAttribute("aria-expanded", "false");
    if (!chooseOnly) {
      line.appendChild(opener);
      line.appendChild(document.createTextNode(" "));
    }
    var packLink = document.createElement("a");
    packLink.className = "qb-meeting-pack";
    line.appendChild(packLink);
    bar.appendChild(line);
    var hint = document.createElement("p");
    hint.id = "qb-meeting-hint-" + n;
    hint.className = "qb-meeting-hint";
    hint.textContent = "Each meeting keeps its own ticks, answers and notes, in this " +
      "browser on this device only: choose an earlier one to see what you asked then.";
    bar.appendChild(hint);
    if (!chooseOnly) bar.appendChild(form);
    bar.appendChild(status);
    select.addEventListener("change", function () {
      if (openMeeting(select.value)) {
        status.textContent = "Showing your ticks, answers and notes for " +
          meetingLabel(current()) + ".";
      }
    });
    form.addEventListener("qb-toggle", function () {
      opener.setAttribute("aria-expanded", form.hidden ? "false" : "true");
    });
    meetingBars.push(bar);
    fillBar(bar);
    return bar;
  }

  function fillBar(bar) {
    var select = bar.querySelector(".qb-meeting-select");
    while (select.firstChild) select.removeChild(select.firstChild);
    ordered().forEach(function (m) {
      var option = document.createElement("option");
      option.value = m.id;
      option.textContent = meetingLabel(m);
      select.appendChild(option);
    });
    var m = current();
    select.value = m.id;
    var link = bar.querySelector(".qb-meeting-pack");
    link.hidden = !(m.body && m.date);
    if (!link.hidden) {
      var query = new URLSearchParams({ body: m.body, date: m.date });
      if (m.title) query.set("title", m.title);
      link.href = ROOT + "meeting-pack.html?" + query.toString();
      link.textContent = "Meeting pack for this meeting";
    } else {
      link.removeAttribute("href");
      link.textContent = "";
    }
  }

  function field(kind, id, text, control) {
    var p = document.createElement("p");
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = text;
    control.id = id;
    if (kind === "check") {
      p.appendChild(control);
      p.appendChild(document.createTextNode(" "));
      p.appendChild(label);
    } else {
      p.appendChild(label);
      p.appendChild(document.createTextNode(" "));
      p.appendChild(control);
    }
    return p;
  }

  function newMeetingForm(n, defaultBody, status, closed) {
    var box = document.createElement("div");
    box.className = "qb-meeting-new";
    box.hidden = true;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "New meeting");
    var body = document.createElement("select");
    var choose = document.createElement("option");
    choose.value = "";
    choose.textContent = "Choose a body";
    body.appendChild(choose);
    BODIES.forEach(function (b) {
      var option = document.createElement("option");
      option.value = b.id;
      option.textContent = b.name;
      body.appendChild(option);
    });
    body.value = defaultBody && knownBody(defaultBody) ? defaultBody : "";
    var date = document.createElement("input");
    date.type = "date";
    date.min = "1900-01-01";
    date.max = "2100-12-31";
    var title = document.createElement("input");
    title.type = "text";
    title.maxLength = MAX_TITLE;
    title.autocomplete = "off";
    var copy = document.createElement("input");
    copy.type = "checkbox";
    box.appendChild(field("", "qb-new-body-" + n, "Body", body));
    box.appendChild(field("", "qb-new-date-" + n, "Meeting date", date));
    box.appendChild(field("", "qb-new-title-" + n, "Meeting title (optional)", title));
    box.appendChild(field("check", "qb-new-copy-" + n,
      "Start with the questions ticked for the meeting shown now", copy));
    function close() {
      box.hidden = true;
      box.dispatchEvent(new Event("qb-toggle"));
      closed();
    }
    var create = button("Save the new meeting", function () {
      if (!body.value) {
        status.textContent = "Choose the body the meeting is for.";
        body.focus();
        return;
      }
      if (!isoDate(date.value)) {
        status.textContent = "Give the meeting’s date (a year between 1900 and 2100).";
        date.focus();
        return;
      }
      var m = newMeeting(body.value, date.value, title.value.trim(), copy.checked);
      title.value = "";
      date.value = "";
      copy.checked = false;
      close();
      status.textContent = "Saved the new meeting " + meetingLabel(m) + ". Your ticks, " +
        "answers and notes are kept for it now.";
    });
    var cancel = button("Cancel", function () {
      close();
      status.textContent = "No new meeting.";
    });
    var actions = document.createElement("p");
    actions.appendChild(create);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(cancel);
    box.appendChild(actions);
    return box;
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
          var old = cleanAnswers(JSON.parse(localStorage.getItem(key) || "{}"));
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
    notice("old", "This browser holds answers to " + plural(ids.length, "question") +
      " saved by an earlier version of this site, before answers were kept apart for each " +
      "copy of the site. They may belong to another copy on this server (another " +
      "council’s, say), so they have not been brought in. Bring them in only if they " +
      "are yours: they join your general answers, not a meeting.", [
        button("Bring them into this site", function () {
          var general = meetingById(GENERAL);
          var brought = 0;
          ids.forEach(function (id) {
            if (!general.answers[id]) {
              general.answers[id] = old[id];
              brought += 1;
            }
          });
          try { localStorage.setItem(TAKEN, KEY); } catch (e) { /* offered again next time */ }
          save();
          refresh();
          removeNotice("old");
          announce("Brought in " + plural(brought, "answer") + " from the earlier version.");
        }),
        button("Leave them", function () {
          try { localStorage.setItem(LEFT, "1"); } catch (e) { /* offered again next time */ }
          removeNotice("old");
        })
      ], "Answers from an earlier version of this site");
  }

  // Messages ----------------------------------------------------------------------------

  function article() {
    return document.querySelector(".md-content__inner") || document.body;
  }

  var TITLES = {
    save: "Your answers are not being saved",
    unreadable: "Earlier answers could not be read"
  };

  // A visible message at the top of the page (a warning that stays until fixed), with the
  // buttons that fix it.
  function notice(kind, text, buttons, title) {
    var box = document.getElementById("qb-notice-" + kind);
    if (!box) {
      box = document.createElement("div");
      box.id = "qb-notice-" + kind;
      box.className = "admonition warning qb-notice";
      box.setAttribute("role", "alert");
      box.setAttribute("data-search-exclude", "");
      var heading = document.createElement("p");
      heading.className = "admonition-title";
      heading.textContent = title || TITLES[kind] || "";
      box.appendChild(heading);
      box.appendChild(document.createElement("p"));
      (buttons || []).forEach(function (b) {
        box.appendChild(b);
        box.appendChild(document.createTextNode(" "));
      });
      var place = function () {
        var root = article();
        var h1 = root.querySelector("h1");
        if (h1 && h1.parentNode === root) root.insertBefore(box, h1.nextSibling);
        else root.insertBefore(box, root.firstChild);
      };
      // Storage is first read as the page loads, possibly before the article is parsed.
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", place);
      } else {
        place();
      }
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

  function statusLine(className) {
    var p = document.createElement("p");
    p.setAttribute("role", "status");
    p.className = className || "qb-toolbar-status";
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

  // For file names: "4-december-2026".
  function today() {
    return longDate(new Date()).toLowerCase().replace(/ /g, "-");
  }

  function answersFile() {
    var meetings = ordered().filter(function (m) {
      return m.id !== GENERAL || Object.keys(m.answers).length;
    }).map(function (m) {
      var out = {};
      Object.keys(m.answers).sort().forEach(function (id) {
        var a = m.answers[id];
        out[id] = { ask: a.ask, status: a.status || NOT_ASKED, note: a.note };
      });
      return { id: m.id, body: m.body, date: m.date, title: m.title, answers: out };
    });
    return {
      format: FORMAT,
      version: FILE_VERSION,
      bank: site.bank || "",
      bank_version: site.version || "",
      edition: site.edition || "",
      exported: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      current: data().current,
      meetings: meetings
    };
  }

  function answerCount(meetings) {
    return meetings.reduce(function (n, m) { return n + Object.keys(m.answers).length; }, 0);
  }

  function exportAnswers() {
    var name = "my-answers-" + today() + ".json";
    var file = answersFile();
    download(name, new Blob([JSON.stringify(file, null, 2) + "\n"],
      { type: "application/json" }));
    announce("Exported your answers to " + plural(answerCount(file.meetings), "question") +
      " in " + plural(file.meetings.length, "meeting") + " as " + name + ".");
  }

  // The status line of whichever toolbar the user is in.
  var currentStatus = null;
  function announce(text) {
    if (currentStatus) currentStatus.textContent = text;
  }

  var TYPES = { bank: "string", bank_version: "string", edition: "string",
                exported: "string", current: "string" };

  // One meeting's answers from a file, checked as `qbank pack --answers` checks them.
  function fileAnswers(raw, where) {
    if (!isObject(raw)) return { error: where + " are not a list of answers by question" };
    var ids = Object.keys(raw);
    if (ids.length > MAX_ANSWERS) {
      return { error: where + " hold " + ids.length + " answers, more than the " +
        MAX_ANSWERS + " a file may hold" };
    }
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i];
      var a = raw[id];
      var name = ID.test(id) ? id : "an answer";
      if (!ID.test(id)) return { error: where + " name a question by an ID that is not one" };
      if (!isObject(a) || typeof a.ask !== "boolean") {
        return { error: "the answer to " + name + " has no tick (true or false)" };
      }
      if (has(a, "status") && STATUSES.indexOf(a.status) === -1) {
        return { error: "the answer to " + name + " is not one of: " + STATUSES.join(", ") };
      }
      if (has(a, "note") && typeof a.note !== "string") {
        return { error: "the note on " + name + " is not text" };
      }
      if (has(a, "note") && a.note.length > MAX_NOTE) {
        return { error: "the note on " + name + " is longer than the " +
          MAX_NOTE.toLocaleString("en-GB") + " characters a note box holds" };
      }
    }
    return { answers: cleanAnswers(raw) };
  }

  // Reads an answers file (version 1 or 2); returns {meetings, current, exported} or {error}.
  function parseFile(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) {
      return { error: "it is not an answers file (it is not valid JSON)" };
    }
    if (!isObject(data) || data.format !== FORMAT) {
      return { error: "it is not an answers file exported from this site" };
    }
    if (data.version !== 1 && data.version !== FILE_VERSION) {
      return { error: "it is an answers file of a version this site does not know: export " +
        "it again from the site it came from, or use a newer copy of this site" };
    }
    var wrong = Object.keys(TYPES).filter(function (k) {
      return has(data, k) && typeof data[k] !== TYPES[k];
    });
    if (wrong.length) {
      return { error: "its “" + wrong[0] + "” should be text, not " +
        (data[wrong[0]] === null ? "empty" : typeof data[wrong[0]]) };
    }
    var exported = longDate(data.exported || "");
    if (data.version === 1) {
      var got = fileAnswers(data.answers, "its answers");
      if (got.error) return got;
      return { meetings: [generalMeeting(got.answers)], current: GENERAL, exported: exported };
    }
    if (!Array.isArray(data.meetings)) return { error: "it holds no meetings" };
    if (data.meetings.length > MAX_MEETINGS) {
      return { error: "it holds " + data.meetings.length + " meetings, more than the " +
        MAX_MEETINGS + " a file may hold" };
    }
    var meetings = [];
    var seen = {};
    for (var i = 0; i < data.meetings.length; i++) {
      var raw = data.meetings[i];
      if (!isObject(raw) || typeof raw.id !== "string" || !MEETING_ID.test(raw.id)) {
        return { error: "meeting " + (i + 1) + " has no ID" };
      }
      if (seen[raw.id]) return { error: "two meetings have the same ID" };
      seen[raw.id] = true;
      var bad = ["body", "date", "title"].filter(function (k) {
        return has(raw, k) && typeof raw[k] !== "string";
      });
      if (bad.length) return { error: "meeting " + (i + 1) + "’s “" + bad[0] + "” is not text" };
      if (raw.date && !isoDate(raw.date)) {
        return { error: "meeting " + (i + 1) + "’s date is not a date between 1900 and 2100" };
      }
      var answers = fileAnswers(raw.answers, "meeting " + (i + 1) + "’s answers");
      if (answers.error) return answers;
      var m = cleanMeeting(raw);
      m.answers = answers.answers;
      meetings.push(m);
    }
    return { meetings: meetings, current: seen[data.current] ? data.current : "",
             exported: exported };
  }

  function same(a, b) {
    return a.ask === b.ask && a.status === b.status && a.note === b.note;
  }

  // Both notes, each marked by where it came from; never one dropped for the other.
  var MINE = "[This browser]";
  function joinNotes(mine, theirs, source) {
    if (!theirs || theirs === mine) return mine;
    if (!mine) return theirs;
    if (mine.indexOf(theirs) !== -1) return mine; // brought in before
    var first = mine.indexOf("[") === 0 ? mine : MINE + "\n" + mine;
    return first + "\n\n[From " + source + "]\n" + theirs;
  }

  function copyState() { return JSON.parse(JSON.stringify(data())); }

  function sameMeeting(a, b) {
    return a.id === b.id || (a.id !== GENERAL && b.id !== GENERAL && a.body === b.body &&
      a.date === b.date && a.title === b.title);
  }

  // The answers after an import, worked out on a copy: nothing changes unless it all fits.
  function planImport(file, source, replace) {
    var next = replace ? { current: GENERAL, meetings: [] } : copyState();
    var counts = { added: 0, changed: 0, unchanged: 0, removed: 0, meetings: 0,
                   both: [], aside: [], tooLong: [] };
    var aside = {};
    file.meetings.forEach(function (fm) {
      var target = null;
      next.meetings.forEach(function (m) { if (!target && sameMeeting(m, fm)) target = m; });
      if (!target) {
        target = { id: fm.id, body: fm.body, date: fm.date, title: fm.title, answers: {} };
        if (meetingById(fm.id) && !replace) target.id = fm.id + "-" + Date.now().toString(36);
        next.meetings.push(target);
      }
      // Counted against the answers held now, whether merging or replacing.
      var before = null;
      data().meetings.forEach(function (m) { if (!before && sameMeeting(m, fm)) before = m; });
      if (!before && fm.id !== GENERAL) counts.meetings += 1;
      Object.keys(fm.answers).forEach(function (id) {
        var theirs = fm.answers[id];
        var mine = target.answers[id];
        var held = before ? before.answers[id] : null;
        if (BODIES.length && !has(BODY_OF, id)) aside[id] = true;
        else if (!held) counts.added += 1;
        else if (same(held, theirs)) counts.unchanged += 1;
        else counts.changed += 1;
        if (!mine) {
          target.answers[id] = theirs;
          return;
        }
        var note = joinNotes(mine.note, theirs.note, source);
        if (note !== mine.note && mine.note && note !== theirs.note &&
            counts.both.indexOf(id) === -1) counts.both.push(id);
        if (note.length > MAX_NOTE) counts.tooLong.push(id);
        target.answers[id] = {
          ask: mine.ask || theirs.ask, status: theirs.status || mine.status, note: note
        };
      });
    });
    if (!next.meetings.some(function (m) { return m.id === GENERAL; })) {
      next.meetings.push(generalMeeting());
    }
    if (replace) {
      data().meetings.forEach(function (m) {
        var kept = null;
        next.meetings.forEach(function (n) { if (!kept && sameMeeting(n, m)) kept = n; });
        Object.keys(m.answers).forEach(function (id) {
          if (!kept || !kept.answers[id]) counts.removed += 1;
        });
      });
      next.current = file.current || GENERAL;
    }
    counts.aside = Object.keys(aside).sort();
    return { state: next, counts: counts };
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function listed(ids) {
    return ids.length > 5 ? ids.slice(0, 5).join(", ") + " and " + (ids.length - 5) + " more" :
      ids.join(", ");
  }

  function summary(name, counts, replace) {
    var parts = [plural(counts.added, "question") + " added",
                 counts.changed + " changed", counts.unchanged + " unchanged"];
    if (replace) parts.push(counts.removed + " of yours removed");
    var text = (replace ? "Replaced your answers with " : "Merged the answers in ") + name +
      ": " + parts.join(", ");
    if (counts.meetings) text += "; " + plural(counts.meetings, "meeting") + " added";
    text += ".";
    if (counts.both.length) {
      text += " " + (counts.both.length === 1 ? "1 note differed" :
        counts.both.length + " notes differed") + " and both versions are kept, each marked " +
        "by where it came from (" + listed(counts.both) + ").";
    }
    if (counts.aside.length) {
      text += " " + plural(counts.aside.length, "question") + " not in this edition, kept " +
        "aside (" + listed(counts.aside) + "): they are not shown, and are exported again.";
    }
    return text;
  }

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
      var plan = planImport(pending.file, pending.name, replace);
      if (plan.counts.tooLong.length) {
        announce("Nothing imported: the notes on " + listed(plan.counts.tooLong) + " in " +
          pending.name + " and in this browser would together be longer than the " +
          MAX_NOTE.toLocaleString("en-GB") + " characters a note box holds. Shorten one " +
          "of them and import again.");
      } else {
        state = plan.state;
        save();
        refresh();
        announce(summary(pending.name, plan.counts, replace));
      }
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
      if (file.size > MAX_FILE) {
        input.value = "";
        announce("Could not import " + file.name + ": it is larger than the " +
          MAX_FILE / 1024 / 1024 + " MB an answers file may be.");
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        input.value = "";
        var parsed = parseFile(String(reader.result));
        if (parsed.error) {
          announce("Could not import " + file.name + ": " + parsed.error + ".");
          return;
        }
        pending = { name: file.name, file: parsed };
        var n = answerCount(parsed.meetings);
        var mine = answerCount(data().meetings);
        var meetings = parsed.meetings.filter(function (m) { return m.id !== GENERAL; });
        question.textContent = file.name + " holds answers to " + plural(n, "question") +
          (meetings.length ? " in " + plural(meetings.length, "meeting") : "") +
          (parsed.exported ? " (exported " + parsed.exported + ")" : "") +
          ". This browser holds your answers to " + plural(mine, "question") + ". Merge " +
          "the file with them (where both have a rating, the file’s wins; where both have " +
          "a note, both are kept), or replace them with the file?";
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
    if (intro) {
      var p = document.createElement("p");
      p.textContent = intro;
      bar.appendChild(p);
    }
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
      // The same cap as `qbank pack --answers`: a note the site keeps, the pack can print.
      if (field.name === "note") field.maxLength = MAX_NOTE;
      field.addEventListener(field.name === "note" ? "input" : "change", function () {
        var value = field.name === "ask" ? field.checked : field.value;
        setAnswer(questionOf(field), field.name, value);
      });
    });
    // The meeting pack shows checklists too; its own buttons are the pack's.
    if (root.closest(".qb-pack") || root.querySelector(".qb-toolbar")) return;
    var ids = own.filter(function (f) { return f.name === "ask"; }).map(questionOf);
    var body = ids.length && has(BODY_OF, ids[0]) ? BODY_OF[ids[0]] : "";
    // The meeting chooser above says how answers are kept; the buttons need no intro here.
    var bar = toolbar("", [
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
          " questions on this page, for the meeting " + meetingLabel(current()) + "? This " +
          "cannot be undone. To keep a copy, cancel and export your answers first.");
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
    bar.insertBefore(meetingBar(body), bar.firstChild);
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
    root.querySelectorAll(".qb-mine-meeting").forEach(function (el) {
      el.textContent = meetingLabel(current());
    });
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
    children.push(new d.Paragraph({ text: "Meeting: " + meetingLabel(current()) }));
    children.push(new d.Paragraph({
      text: (site.bank || "SOC Scrutiny Question Bank") + " version " + (site.version || "") +
        ". Made " + longDate(new Date()) + " from the answers kept in this browser. Question text is " +
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
    bar.insertBefore(meetingBar(current().body), bar.firstChild);
    root.insertBefore(bar, root.firstChild);
  }

  // Everything on the page that shows answers, after an import or another meeting chosen.
  function refresh() {
    document.querySelectorAll(".qb-checklist").forEach(fill);
    document.querySelectorAll(".qb-mine").forEach(renderMine);
    meetingBars.forEach(fillBar);
    document.dispatchEvent(new CustomEvent("qbank:answers"));
  }

  function init() {
    document.querySelectorAll(".qb-nojs").forEach(function (el) { el.hidden = true; });
    document.querySelectorAll(".qb-checklist").forEach(setupChecklist);
    document.querySelectorAll(".qb-mine").forEach(setupMine);
    // The pack page: its checklists show the chosen meeting's answers.
    document.querySelectorAll("form.qb-pack-form").forEach(function (form) {
      var holder = document.createElement("div");
      holder.className = "qb-toolbar qb-screen-only";
      holder.setAttribute("data-search-exclude", "");
      holder.appendChild(meetingBar(current().body, true));
      form.parentNode.insertBefore(holder, form);
    });
    if (document.querySelector(".qb-checklist, .qb-mine")) offerOldAnswers();
  }

  // Another tab or window of this site saved: show its answers here too, so this page's
  // next save does not write back the older ones.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY && blocked === null) {
      state = null;
      refresh();
    }
  });

  window.qbankAnswers = {
    all: all,
    safeCell: safeCell,
    exportAnswers: exportAnswers,
    longDate: longDate,
    isoDate: isoDate,
    meetingFor: meetingFor,
    openMeeting: openMeeting,
    current: function () {
      var m = current();
      return { id: m.id, body: m.body, date: m.date, title: m.title, label: meetingLabel(m) };
    }
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
