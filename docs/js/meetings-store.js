// Meetings as data, with no page in it: which meetings a body's pages show, renaming and
// deleting one (and undoing that), and "since last time" (docs/contributing/answers-format.md):
// the meeting before, what it rated and noted, and the questions to carry forward.
// The browser loads it as window.qbankMeetings; Node's test runner with require() (tests/js/).
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.qbankMeetings = api;
})(this, function () {
  "use strict";

  var GENERAL = "general";
  var MAX_TITLE = 200;
  // Last time's ratings that a new meeting offers to ask about again.
  var CARRIED = ["Not assured", "Partly assured"];

  function live(m) { return !!m && !m.deleted; }

  // Newest first, the general answers last.
  function newestFirst(meetings) {
    return meetings.slice().sort(function (a, b) {
      if (a.id === GENERAL || b.id === GENERAL) return a.id === GENERAL ? 1 : -1;
      return a.date === b.date ? 0 : (a.date < b.date ? 1 : -1);
    });
  }

  // What a body's pages offer: that body's meetings, newest first, then "General". With no
  // body (My questions), every meeting.
  function meetingsFor(meetings, body) {
    return newestFirst(meetings.filter(function (m) {
      return live(m) && (!body || m.id === GENERAL || m.body === body);
    }));
  }

  // May answers given on a body's page go to this meeting? Only its own body's, or General.
  function belongsTo(meeting, body) {
    return !!meeting && (meeting.id === GENERAL || !body || meeting.body === body);
  }

  // The meeting of the same body, not deleted, with the latest date before this one's; null
  // for General, a meeting with no date or body, or the first of its body.
  function lastTime(meetings, meeting) {
    if (!meeting || !meeting.body || !meeting.date || meeting.id === GENERAL) return null;
    var found = null;
    meetings.forEach(function (m) {
      if (!live(m) || m.id === meeting.id || m.body !== meeting.body) return;
      if (!m.date || m.date >= meeting.date) return;
      if (!found || m.date > found.date) found = m;
    });
    return found;
  }

  // The one for a body and a date that has not been held yet: the last before that date.
  function lastBefore(meetings, body, date) {
    return lastTime(meetings, { id: "", body: body, date: date });
  }

  // Last time's rating and note on a question ("Partly assured — Plan names …"), or "" when it
  // rated nothing (stored as "", "Not asked") and noted nothing.
  function lastTimeText(answer) {
    if (!answer) return "";
    var parts = [];
    if (answer.status && answer.status !== "Not asked") parts.push(answer.status);
    if (typeof answer.note === "string" && answer.note.trim()) parts.push(answer.note);
    return parts.join(" — ");
  }

  // The questions last time rated "Not assured" or "Partly assured", in ID order.
  function carryForward(last) {
    if (!last) return [];
    return Object.keys(last.answers || {}).filter(function (id) {
      return CARRIED.indexOf(last.answers[id].status) !== -1;
    }).sort();
  }

  function find(state, id) {
    for (var i = 0; i < state.meetings.length; i++) {
      if (state.meetings[i].id === id) return i;
    }
    return -1;
  }

  // A new title (trimmed, at most 200 characters) and date for a meeting; General keeps
  // neither. Returns whether anything changed.
  function renameMeeting(state, id, title, date) {
    var i = find(state, id);
    if (i === -1 || id === GENERAL) return false;
    var m = state.meetings[i];
    var t = String(title || "").trim().slice(0, MAX_TITLE);
    var d = date === undefined ? m.date : date;
    if (m.title === t && m.date === d) return false;
    m.title = t;
    m.date = d;
    return true;
  }

  // Takes a meeting out (never General): what restoreMeeting needs to put it back as it was,
  // or null. The meeting shown becomes General if it was this one.
  function deleteMeeting(state, id) {
    var i = find(state, id);
    if (i === -1 || id === GENERAL) return null;
    var removed = { meeting: state.meetings[i], index: i, wasCurrent: state.current === id };
    state.meetings.splice(i, 1);
    if (removed.wasCurrent) state.current = GENERAL;
    return removed;
  }

  // Puts a deleted meeting back where it was, shown again if it was shown.
  function restoreMeeting(state, removed) {
    if (!removed || find(state, removed.meeting.id) !== -1) return false;
    var at = Math.min(removed.index, state.meetings.length);
    state.meetings.splice(at, 0, removed.meeting);
    if (removed.wasCurrent) state.current = removed.meeting.id;
    return true;
  }

  // Ticks, in a meeting's answers, the questions named; returns how many were not ticked.
  function tickAll(meeting, ids) {
    var added = 0;
    ids.forEach(function (id) {
      var a = meeting.answers[id];
      if (a && a.ask) return;
      meeting.answers[id] = { ask: true, status: a ? a.status : "", note: a ? a.note : "" };
      added += 1;
    });
    return added;
  }

  return {
    GENERAL: GENERAL,
    meetingsFor: meetingsFor,
    belongsTo: belongsTo,
    lastTime: lastTime,
    lastBefore: lastBefore,
    lastTimeText: lastTimeText,
    carryForward: carryForward,
    renameMeeting: renameMeeting,
    deleteMeeting: deleteMeeting,
    restoreMeeting: restoreMeeting,
    tickAll: tickAll
  };
});
