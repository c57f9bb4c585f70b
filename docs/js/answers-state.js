// A councillor's answers as data (answers version 3): reading any version of a record or
// file, and the changes made in this browser (a field set, a meeting started, renamed,
// deleted as a tombstone, restored), each stamped; and what the pages ask of it (a body's
// meetings, "last time"). Every change returns a new state. Pure: no page in it.
// The browser loads it as window.qbankState; Node's test runner with require() (tests/js/).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./answers-stamps.js"));
  } else {
    root.qbankState = factory(root.qbankStamps);
  }
})(this, function (T) {
  "use strict";

  var GENERAL = T.GENERAL;
  var FIELDS = T.FIELDS;
  var MEETING_FIELDS = T.MEETING_FIELDS;
  var STATUSES = T.STATUSES;
  var CARRIED = T.CARRIED;
  var ID = T.ID;
  var MEETING_ID = T.MEETING_ID;
  var BROWSER_ID = T.BROWSER_ID;
  var BODY = T.BODY;
  var WHEN = T.WHEN;
  var MAX_TITLE = T.MAX_TITLE;
  var MAX_ALSO = T.MAX_ALSO;
  var map = T.map;
  var has = T.has;
  var isObject = T.isObject;
  var keys = T.keys;
  var isoDate = T.isoDate;
  var cleanStamps = T.cleanStamps;
  var copyStamp = T.copyStamp;
  var bump = T.bump;
  var browserName = T.browserName;

  // Reading: a stored record or a file of any version as a state ----------------------------

  function emptyAnswer() { return { ask: false, status: "", note: "", stamps: map() }; }

  function hasContent(a) { return !!a && (a.ask || !!a.status || !!a.note); }

  function cleanAnswer(raw, stamper) {
    if (!isObject(raw)) return null;
    var status = typeof raw.status === "string" && STATUSES.indexOf(raw.status) !== -1 &&
      raw.status !== "Not asked" ? raw.status : "";
    var a = {
      ask: raw.ask === true, status: status,
      note: typeof raw.note === "string" ? raw.note : "",
      stamps: cleanStamps(raw.stamps, FIELDS)
    };
    if (stamper) {
      FIELDS.forEach(function (f) { if (!a.stamps[f] && a[f]) a.stamps[f] = stamper(); });
    }
    return hasContent(a) || keys(a.stamps).length ? a : null;
  }

  function cleanAnswers(raw, stamper) {
    var out = map();
    keys(isObject(raw) ? raw : null).forEach(function (id) {
      if (!ID.test(id)) return;
      var a = cleanAnswer(raw[id], stamper);
      if (a) out[id] = a;
    });
    return out;
  }

  function generalMeeting() {
    return { id: GENERAL, body: "", date: "", title: "", answers: map(), stamps: map() };
  }

  function cleanMeeting(raw, stamper) {
    if (!isObject(raw) || typeof raw.id !== "string" || !MEETING_ID.test(raw.id)) return null;
    var general = raw.id === GENERAL;
    var m = {
      id: raw.id,
      // A body the edition does not have is kept as it is: shown nowhere, exported again.
      body: !general && typeof raw.body === "string" && BODY.test(raw.body) ? raw.body : "",
      date: general ? "" : isoDate(raw.date),
      title: general || typeof raw.title !== "string" ? "" : raw.title.slice(0, MAX_TITLE),
      answers: cleanAnswers(raw.answers, stamper),
      stamps: cleanStamps(raw.stamps, MEETING_FIELDS)
    };
    if (raw.deleted === true && !general) {
      m.deleted = true;
      m.answers = map();
    }
    if (Array.isArray(raw.also)) {
      var also = raw.also.filter(function (id, i) {
        return typeof id === "string" && MEETING_ID.test(id) && id !== m.id &&
          raw.also.indexOf(id) === i;
      }).slice(0, MAX_ALSO);
      if (also.length) m.also = also.sort();
    }
    if (stamper) {
      ["body", "date", "title"].forEach(function (f) {
        if (!m.stamps[f] && m[f]) m.stamps[f] = stamper();
      });
    }
    return m;
  }

  function cleanBrowsers(raw) {
    var out = map();
    keys(isObject(raw) ? raw : null).forEach(function (id) {
      var b = raw[id];
      if (!BROWSER_ID.test(id) || !isObject(b) || typeof b.name !== "string" || !b.name.trim()) {
        return;
      }
      out[id] = { name: b.name.trim().slice(0, 60) };
      if (typeof b.at === "string" && WHEN.test(b.at)) out[id].at = b.at;
    });
    return out;
  }

  // A record or file (versions 1, 2 and 3) as a state. Fields without a stamp get one from
  // `browser` when given (this browser's own answers from before version 3, or a file of
  // version 1 or 2 under an ID made from its text), so a later merge can tell them apart.
  function migrate(record, browser, now) {
    if (!isObject(record)) return null;
    var stamper = null;
    if (browser) {
      var at = typeof now === "string" && WHEN.test(now) ? now : "1970-01-01T00:00:00.000Z";
      stamper = function () {
        var clock = map();
        clock[browser] = 1;
        return { at: at, by: browser, clock: clock };
      };
    }
    var state = { current: GENERAL, browsers: cleanBrowsers(record.browsers), meetings: [] };
    if (record.version === 1) {
      if (!isObject(record.answers)) return null;
      var general = generalMeeting();
      general.answers = cleanAnswers(record.answers, stamper);
      state.meetings.push(general);
      return state;
    }
    if ([2, 3].indexOf(record.version) === -1 || !Array.isArray(record.meetings)) return null;
    var seenIds = map();
    record.meetings.forEach(function (raw) {
      var m = cleanMeeting(raw, stamper);
      if (!m || seenIds[m.id]) return;
      seenIds[m.id] = true;
      state.meetings.push(m);
    });
    if (!seenIds[GENERAL]) state.meetings.push(generalMeeting());
    var current = typeof record.current === "string" ? record.current : "";
    state.current = seenIds[current] && !find(state, current).deleted ? current : GENERAL;
    return state;
  }

  // Copies --------------------------------------------------------------------------------

  function copyAnswer(a) {
    var stamps = map();
    keys(a.stamps).forEach(function (k) { stamps[k] = copyStamp(a.stamps[k]); });
    return { ask: a.ask, status: a.status, note: a.note, stamps: stamps };
  }

  function copyAnswers(answers) {
    var out = map();
    keys(answers).forEach(function (id) { out[id] = copyAnswer(answers[id]); });
    return out;
  }

  function copyMeeting(m) {
    var stamps = map();
    keys(m.stamps).forEach(function (k) { stamps[k] = copyStamp(m.stamps[k]); });
    var out = { id: m.id, body: m.body, date: m.date, title: m.title,
                answers: copyAnswers(m.answers), stamps: stamps };
    if (m.deleted) out.deleted = true;
    if (m.also && m.also.length) out.also = m.also.slice();
    if (m.undo) out.undo = m.undo;
    return out;
  }

  function copy(state) {
    var browsers = map();
    keys(state.browsers).forEach(function (id) {
      browsers[id] = { name: state.browsers[id].name };
      if (state.browsers[id].at) browsers[id].at = state.browsers[id].at;
    });
    return { current: state.current, browsers: browsers, meetings: state.meetings.map(copyMeeting) };
  }

  function find(state, id) {
    for (var i = 0; i < state.meetings.length; i++) {
      var m = state.meetings[i];
      if (m.id === id || (m.also && m.also.indexOf(id) !== -1)) return m;
    }
    return null;
  }

  // Changes made in this browser -------------------------------------------------------------

  function known(state, browser) {
    if (!has(state.browsers, browser)) state.browsers[browser] = { name: browserName(null, browser) };
  }

  function value(field, v) {
    if (field === "ask") return v === true;
    if (field === "status") return typeof v === "string" && v !== "Not asked" ? v : "";
    return typeof v === "string" ? v : "";
  }

  // A copy that shares every meeting but one with the state given (each keystroke in a note
  // is a change: copying every meeting made typing slow with thousands of answers).
  function copyFor(state, m) {
    var next = copy({ current: state.current, browsers: state.browsers, meetings: [] });
    next.meetings = state.meetings.map(function (each) { return each === m ? copyMeeting(m) : each; });
    return next;
  }

  function setField(state, meetingId, questionId, field, v, browser, now) {
    var next = copyFor(state, find(state, meetingId) || find(state, GENERAL));
    var m = find(next, meetingId) || find(next, GENERAL);
    if (!m || m.deleted || FIELDS.indexOf(field) === -1 || !ID.test(questionId)) return next;
    var a = has(m.answers, questionId) ? m.answers[questionId] : emptyAnswer();
    var clean = value(field, v);
    if (a[field] === clean) return next;
    a[field] = clean;
    a.stamps[field] = bump(a.stamps[field], browser, now);
    m.answers[questionId] = a;
    known(next, browser);
    return next;
  }

  function nameBrowser(state, browser, name, now) {
    var next = copy(state);
    next.browsers[browser] = { name: String(name).trim().slice(0, 60) || browserName(null, browser),
                               at: now };
    return next;
  }

  function meetingId(state, browser, now) {
    var base = "m" + Date.parse(now).toString(36) + String(browser).replace(/[^A-Za-z0-9]/g, "")
      .slice(0, 6);
    var id = base;
    for (var n = 2; find(state, id); n++) id = base + "-" + n;
    return id;
  }

  function newMeeting(state, fields, browser, now, carryFrom) {
    var next = copy(state);
    var m = {
      id: meetingId(next, browser, now), body: BODY.test(fields.body || "") ? fields.body || "" : "",
      date: isoDate(fields.date), title: String(fields.title || "").slice(0, MAX_TITLE),
      answers: map(), stamps: map()
    };
    ["body", "date", "title"].forEach(function (f) {
      if (m[f]) m.stamps[f] = bump(null, browser, now);
    });
    (carryFrom || []).forEach(function (id) {
      if (!ID.test(id) || has(m.answers, id)) return;
      var a = emptyAnswer();
      a.ask = true;
      a.stamps.ask = bump(null, browser, now);
      m.answers[id] = a;
    });
    next.meetings.push(m);
    next.current = m.id;
    known(next, browser);
    return next;
  }

  function renameMeeting(state, id, fields, browser, now) {
    var next = copy(state);
    var m = find(next, id);
    if (!m || m.id === GENERAL) return next;
    var wanted = { title: has(fields, "title") ? String(fields.title).slice(0, MAX_TITLE) : m.title,
                   date: has(fields, "date") ? isoDate(fields.date) : m.date };
    ["title", "date"].forEach(function (f) {
      if (wanted[f] === m[f]) return;
      m[f] = wanted[f];
      m.stamps[f] = bump(m.stamps[f], browser, now);
    });
    known(next, browser);
    return next;
  }

  function deleteMeeting(state, id, browser, now) {
    var next = copy(state);
    var m = find(next, id);
    if (!m || m.id === GENERAL || m.deleted) return next;
    m.undo = m.answers; // in memory only, for restoreMeeting: never saved nor exported
    m.answers = map();
    m.deleted = true;
    m.stamps.deleted = bump(m.stamps.deleted, browser, now);
    if (next.current === m.id) next.current = GENERAL;
    known(next, browser);
    return next;
  }

  function restoreMeeting(state, id, browser, now) {
    var next = copy(state);
    var m = find(next, id);
    if (!m || !m.deleted) return next;
    delete m.deleted;
    m.answers = m.undo ? copyAnswers(m.undo) : m.answers;
    delete m.undo;
    m.stamps.deleted = bump(m.stamps.deleted, browser, now);
    known(next, browser);
    return next;
  }

  // Reading a state ---------------------------------------------------------------------------

  function liveMeetings(state) {
    return state.meetings.filter(function (m) { return !m.deleted; });
  }

  function byDateDesc(a, b) { return a.date === b.date ? 0 : (a.date < b.date ? 1 : -1); }

  function meetingsFor(state, body) {
    return liveMeetings(state).filter(function (m) {
      return m.id !== GENERAL && m.body === body;
    }).sort(byDateDesc);
  }

  function lastTime(state, body, date) {
    var before = meetingsFor(state, body).filter(function (m) { return m.date && m.date < date; });
    return before.length ? before[0] : null;
  }

  // May answers given on a body's page go to this meeting? Only its own body's, or General
  // (a page of no body, My questions, takes any).
  function belongsTo(meeting, body) {
    return !!meeting && !meeting.deleted && (meeting.id === GENERAL || !body || meeting.body === body);
  }

  // The meeting before this one (lastTime), or null for General or a meeting with no date.
  function lastTimeOf(state, meeting) {
    if (!meeting || meeting.id === GENERAL || !meeting.body || !meeting.date) return null;
    return lastTime(state, meeting.body, meeting.date);
  }

  // Last time's rating and note on a question, as the screen and the pack show them
  // ("Partly assured — Plan names …"), or "" when it rated and noted nothing.
  function lastTimeText(answer) {
    if (!answer) return "";
    var parts = [];
    if (answer.status && answer.status !== "Not asked") parts.push(answer.status);
    if (typeof answer.note === "string" && answer.note.trim()) parts.push(answer.note);
    return parts.join(" — ");
  }

  function carryForward(meeting) {
    if (!meeting) return [];
    return keys(meeting.answers).filter(function (id) {
      return CARRIED.indexOf(meeting.answers[id].status) !== -1;
    }).sort();
  }

  function answerOf(state, meetingId, questionId) {
    var m = find(state, meetingId);
    return m && has(m.answers, questionId) ? m.answers[questionId] : emptyAnswer();
  }

  function counted(state) {
    return liveMeetings(state).reduce(function (n, m) {
      return n + keys(m.answers).filter(function (id) { return hasContent(m.answers[id]); }).length;
    }, 0);
  }

  return {
    emptyAnswer: emptyAnswer, hasContent: hasContent, generalMeeting: generalMeeting,
    migrate: migrate, copy: copy, copyMeeting: copyMeeting, copyAnswer: copyAnswer,
    copyAnswers: copyAnswers, find: find, setField: setField, nameBrowser: nameBrowser,
    newMeeting: newMeeting, renameMeeting: renameMeeting, deleteMeeting: deleteMeeting,
    restoreMeeting: restoreMeeting, liveMeetings: liveMeetings, meetingsFor: meetingsFor,
    lastTime: lastTime, lastTimeOf: lastTimeOf, lastTimeText: lastTimeText, belongsTo: belongsTo,
    carryForward: carryForward, answerOf: answerOf, counted: counted
  };
});
