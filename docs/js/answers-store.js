// The answers store and its file format, with no page in it: data in, data out. It reads
// a stored record or an answers file (schema/answers.schema.json), cleans and checks it,
// and says what an import would change. The browser loads it first, as window.qbankStore;
// Node's test runner loads it with require() (tests/js/).
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.qbankStore = api;
})(this, function () {
  "use strict";

  var FORMAT = "soc-question-bank-answers";
  // Version 2 keeps answers per meeting; version 1 (one set of answers) is read and migrated.
  var FILE_VERSION = 2;
  // Limits shared with `qbank pack --answers` (generator/content/answers.py): a note box holds
  // at most MAX_NOTE characters; a file is at most MAX_FILE bytes, MAX_MEETINGS meetings and
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
  var DEFAULT_STATUSES = ["Assured", "Partly assured", "Not assured", "Not asked"];

  function isObject(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

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

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function listed(ids) {
    return ids.length > 5 ? ids.slice(0, 5).join(", ") + " and " + (ids.length - 5) + " more" :
      ids.join(", ");
  }

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

  function generalMeeting(answers) {
    return { id: GENERAL, body: "", date: "", title: "", answers: answers || {} };
  }

  function fresh() { return { current: GENERAL, meetings: [generalMeeting()] }; }

  function answerCount(meetings) {
    return meetings.reduce(function (n, m) { return n + Object.keys(m.answers).length; }, 0);
  }

  // The parts that depend on the site: its answer scale and its bodies (window.qbankSite).
  function create(site) {
    site = site || {};
    var STATUSES = site.statuses || DEFAULT_STATUSES;
    // The last status, "Not asked", is every question's starting point; it is stored as "".
    var NOT_ASKED = STATUSES[STATUSES.length - 1];
    var BODIES = Array.isArray(site.bodies) ? site.bodies : [];
    var BODY_OF = {};
    BODIES.forEach(function (b) {
      (b.questions || []).forEach(function (id) { BODY_OF[id] = b.id; });
    });
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

    function sameMeeting(a, b) {
      return a.id === b.id || (a.id !== GENERAL && b.id !== GENERAL && a.body === b.body &&
        a.date === b.date && a.title === b.title);
    }

    // The answers after an import, worked out on a copy: nothing changes unless it all fits.
    function planImport(held, file, source, replace) {
      var next = replace ? { current: GENERAL, meetings: [] } : JSON.parse(JSON.stringify(held));
      var counts = { added: 0, changed: 0, unchanged: 0, removed: 0, meetings: 0,
                     both: [], aside: [], tooLong: [] };
      var aside = {};
      file.meetings.forEach(function (fm) {
        var target = null;
        next.meetings.forEach(function (m) { if (!target && sameMeeting(m, fm)) target = m; });
        if (!target) {
          target = { id: fm.id, body: fm.body, date: fm.date, title: fm.title, answers: {} };
          var taken = held.meetings.some(function (m) { return m.id === fm.id; });
          if (taken && !replace) target.id = fm.id + "-" + Date.now().toString(36);
          next.meetings.push(target);
        }
        // Counted against the answers held now, whether merging or replacing.
        var before = null;
        held.meetings.forEach(function (m) { if (!before && sameMeeting(m, fm)) before = m; });
        if (!before && fm.id !== GENERAL) counts.meetings += 1;
        Object.keys(fm.answers).forEach(function (id) {
          var theirs = fm.answers[id];
          var mine = target.answers[id];
          var had = before ? before.answers[id] : null;
          if (BODIES.length && !has(BODY_OF, id)) aside[id] = true;
          else if (!had) counts.added += 1;
          else if (same(had, theirs)) counts.unchanged += 1;
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
        held.meetings.forEach(function (m) {
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

    return {
      STATUSES: STATUSES, NOT_ASKED: NOT_ASKED, BODIES: BODIES, BODY_OF: BODY_OF,
      cleanAnswers: cleanAnswers, knownBody: knownBody, cleanMeeting: cleanMeeting,
      fromRecord: fromRecord, fileAnswers: fileAnswers, parseFile: parseFile,
      planImport: planImport, summary: summary
    };
  }

  return {
    FORMAT: FORMAT, FILE_VERSION: FILE_VERSION, MAX_NOTE: MAX_NOTE, MAX_TITLE: MAX_TITLE,
    MAX_FILE: MAX_FILE, MAX_MEETINGS: MAX_MEETINGS, MAX_ANSWERS: MAX_ANSWERS, ID: ID,
    MEETING_ID: MEETING_ID, GENERAL: GENERAL, isObject: isObject, has: has, isoDate: isoDate,
    longDate: longDate, plural: plural, listed: listed, safeCell: safeCell, csv: csv,
    generalMeeting: generalMeeting, fresh: fresh, answerCount: answerCount, create: create
  };
});
