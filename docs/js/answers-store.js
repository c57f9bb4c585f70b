// The answers store's constants and the words it uses, with no page in it: data in, data
// out. Its limits are shared with `qbank pack --answers`; create(site) knows the site's
// questions and bodies, and says in words what an import changed. The browser loads it as
// window.qbankStore; Node's test runner loads it with require() (tests/js/).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./answers-merge.js"));
  } else {
    root.qbankStore = factory(root.qbankMerge);
  }
})(this, function (M) {
  "use strict";

  var FORMAT = "soc-question-bank-answers";
  // Version 3 stamps every field (docs/contributing/answers-format.md); versions 1 (one set of
  // answers) and 2 (answers per meeting) are read and migrated.
  var FILE_VERSION = 3;
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
  function has(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }

  // "2026-12-03" for a real date between 1900 and 2100, or "": the stamps' own check.
  var isoDate = M.isoDate;

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

  function fresh() { return M.migrate({ version: 3, meetings: [] }); }

  // The answers with something in them (a tick, a rating or a note) in meetings not deleted.
  function answerCount(meetings) {
    return meetings.reduce(function (n, m) {
      if (m.deleted) return n;
      return n + Object.keys(m.answers).filter(function (id) {
        return M.hasContent(m.answers[id]);
      }).length;
    }, 0);
  }

  function content(a) {
    return a && M.hasContent(a) ? JSON.stringify([a.ask, a.status, a.note]) : "";
  }

  // The parts that depend on the site: its answer scale and its bodies (window.qbankSite).
  function create(site) {
    site = site || {};
    var STATUSES = site.statuses || DEFAULT_STATUSES;
    // The last status, "Not asked", is every question's starting point; it is stored as "".
    var NOT_ASKED = STATUSES[STATUSES.length - 1];
    var BODIES = Array.isArray(site.bodies) ? site.bodies : [];
    var BODY_OF = Object.create(null);
    BODIES.forEach(function (b) {
      (b.questions || []).forEach(function (id) { BODY_OF[id] = b.id; });
    });

    function knownBody(id) {
      return BODIES.some(function (b) { return b.id === id; });
    }

    // A question this edition has; the national site without bodies knows them all.
    function isKnown(id) { return !BODIES.length || has(BODY_OF, id); }

    // Shown in the meeting chooser: not deleted, and of a body this edition has.
    function shown(m) {
      return !m.deleted && (m.id === GENERAL || !m.body || !BODIES.length || knownBody(m.body));
    }

    function merge(held, file) {
      return M.merge(held, file, { isKnown: isKnown, knownBody: knownBody });
    }

    // Notes that a merge would make longer than a note box holds: nothing is then imported.
    function tooLong(state, ids) {
      var out = [];
      M.liveMeetings(state).forEach(function (m) {
        ids.forEach(function (id) {
          if (has(m.answers, id) && m.answers[id].note.length > MAX_NOTE &&
              out.indexOf(id) === -1) out.push(id);
        });
      });
      return out.sort();
    }

    // What replacing the answers held with a file's changes, counted as a merge is.
    function replaceCounts(held, next) {
      var counts = { added: 0, changed: 0, unchanged: 0, removed: 0, meetings: 0, aside: [] };
      var used = Object.create(null);
      M.liveMeetings(next).forEach(function (m) {
        var before = M.find(held, m.id);
        (m.also || []).forEach(function (id) { before = before || M.find(held, id); });
        if (before && before.deleted) before = null;
        if (!before && m.id !== GENERAL) counts.meetings += 1;
        Object.keys(m.answers).forEach(function (id) {
          var now = content(m.answers[id]);
          if (!now) return;
          if (!isKnown(id)) {
            if (counts.aside.indexOf(id) === -1) counts.aside.push(id);
            return;
          }
          var was = before ? content(before.answers[id]) : "";
          if (before) used[before.id + " " + id] = true;
          if (!was) counts.added += 1;
          else if (was !== now) counts.changed += 1;
          else counts.unchanged += 1;
        });
      });
      M.liveMeetings(held).forEach(function (m) {
        Object.keys(m.answers).forEach(function (id) {
          if (content(m.answers[id]) && !used[m.id + " " + id]) counts.removed += 1;
        });
      });
      counts.aside.sort();
      return counts;
    }

    function summary(name, counts, replace, imported) {
      if (!replace && !imported && counts.nothing) {
        var text = "Nothing changed: this browser already holds everything in " + name + ".";
        if (counts.aside.length) text += " " + asideText(counts.aside);
        return text;
      }
      var parts = [plural(counts.added, "question") + " added",
                   counts.changed + " changed", counts.unchanged + " unchanged"];
      if (replace) parts.push(counts.removed + " of yours removed");
      text = (replace ? "Replaced your answers with " :
        (imported ? "Imported the answers in " : "Merged the answers in ")) + name +
        ": " + parts.join(", ");
      if (counts.meetings) text += "; " + plural(counts.meetings, "meeting") + " added";
      if (counts.removedMeetings) {
        text += "; " + plural(counts.removedMeetings, "meeting") + " deleted";
      }
      if (counts.renamed) {
        text += "; " + plural(counts.renamed, "meeting") + " renamed or moved";
      }
      text += ".";
      if (counts.both && counts.both.length) {
        text += " " + (counts.both.length === 1 ? "1 note was" : counts.both.length +
          " notes were") + " changed in both places since they last met, and both " +
          "versions are kept, each labelled with its browser’s name and date (" +
          listed(counts.both) + ").";
      }
      if (counts.aside.length) text += " " + asideText(counts.aside);
      if (counts.bodiesAside && counts.bodiesAside.length) {
        text += " Meetings of " + (counts.bodiesAside.length === 1 ? "1 body" :
          counts.bodiesAside.length + " bodies") + " this edition does not have (" + listed(counts.bodiesAside) + ") are kept aside: " +
          "not shown, and exported again.";
      }
      return text;
    }

    function asideText(ids) {
      return plural(ids.length, "question") + " not in this edition, kept aside (" +
        listed(ids) + "): they are not shown, and are exported again.";
    }

    return {
      STATUSES: STATUSES, NOT_ASKED: NOT_ASKED, BODIES: BODIES, BODY_OF: BODY_OF,
      knownBody: knownBody, isKnown: isKnown, shown: shown, merge: merge, tooLong: tooLong,
      replaceCounts: replaceCounts, summary: summary
    };
  }

  return {
    FORMAT: FORMAT, FILE_VERSION: FILE_VERSION, MAX_NOTE: MAX_NOTE, MAX_TITLE: MAX_TITLE,
    MAX_FILE: MAX_FILE, MAX_MEETINGS: MAX_MEETINGS, MAX_ANSWERS: MAX_ANSWERS, ID: ID,
    MEETING_ID: MEETING_ID, GENERAL: GENERAL, isObject: isObject, has: has, isoDate: isoDate,
    longDate: longDate, plural: plural, listed: listed, safeCell: safeCell, csv: csv,
    fresh: fresh, answerCount: answerCount, content: content, create: create
  };
});
