// The merge of two copies of a councillor's answers (this browser's and a file's), and the
// answers file written from a state (docs/contributing/answers-format.md, "What a merge
// does"). Each field takes the value that has seen the other; fields changed on both sides
// take the newer, and notes keep both texts once, labelled. Merging the same two histories
// again adds nothing, so round trips with no edit report "nothing changed". Pure: no page.
// The browser loads it as window.qbankMerge, which also carries every function of
// answers-state.js; Node's test runner loads it with require() (tests/js/).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./answers-stamps.js"), require("./answers-state.js"));
  } else {
    root.qbankMerge = factory(root.qbankStamps, root.qbankState);
  }
})(this, function (T, S) {
  "use strict";

  var GENERAL = T.GENERAL;
  var keys = T.keys;
  var has = T.has;
  var FORMAT = "soc-question-bank-answers";
  var VERSION = 3;

  function inList(list, id) { return !!list && list.indexOf(id) !== -1; }

  // The meeting of `state` that a file's meeting is: the same ID, an ID one of them lists in
  // `also`, or the same body, date and title (date and title both given).
  function match(state, fm) {
    var found = null;
    state.meetings.forEach(function (m) {
      if (!found && (m.id === fm.id || inList(m.also, fm.id) || inList(fm.also, m.id))) found = m;
    });
    if (found || fm.id === GENERAL) return found;
    state.meetings.forEach(function (m) {
      if (!found && m.id !== GENERAL && m.body === fm.body && m.date && m.date === fm.date &&
          m.title && m.title === fm.title) found = m;
    });
    return found;
  }

  function content(a) {
    return a && S.hasContent(a) ? JSON.stringify([a.ask, a.status, a.note]) : "";
  }

  function joinIds(state, t, fm) {
    var ids = [t.id, fm.id].concat(t.also || [], fm.also || []);
    var keep = [t.id, fm.id].sort()[0];
    var also = ids.filter(function (id, i) { return id !== keep && ids.indexOf(id) === i; });
    if (state.current === t.id) state.current = keep;
    t.id = keep;
    if (also.length) t.also = also.sort().slice(0, T.MAX_ALSO);
    else delete t.also;
  }

  function setStamp(stamps, name, stamp) {
    if (stamp) stamps[name] = stamp;
    else delete stamps[name];
  }

  // The newest stamp among a meeting's answers and own fields, other than its deletion.
  function newestChange(m) {
    var newest = null;
    function look(s) { if (s && (!newest || s.at > newest.at)) newest = s; }
    ["body", "date", "title"].forEach(function (f) { look(m.stamps[f]); });
    keys(m.answers).forEach(function (id) {
      keys(m.answers[id].stamps).forEach(function (f) { look(m.answers[id].stamps[f]); });
    });
    return newest;
  }

  function mergeMeeting(state, t, fm, counts, options) {
    var wasDeleted = !!t.deleted;
    var before = T.map();
    keys(t.answers).forEach(function (id) { before[id] = content(t.answers[id]); });
    joinIds(state, t, fm);
    var renamed = false;
    ["body", "date", "title"].forEach(function (f) {
      var r = T.mergeField(f, { value: t[f], stamp: t.stamps[f] },
        { value: fm[f], stamp: fm.stamps[f] }, state.browsers);
      if (r.value !== t[f]) renamed = true;
      t[f] = r.value;
      setStamp(t.stamps, f, r.stamp);
    });
    keys(fm.answers).forEach(function (id) {
      if (!has(t.answers, id)) {
        t.answers[id] = S.copyAnswer(fm.answers[id]);
        return;
      }
      var mine = t.answers[id];
      var theirs = fm.answers[id];
      T.FIELDS.forEach(function (f) {
        var r = T.mergeField(f, { value: mine[f], stamp: mine.stamps[f] },
          { value: theirs[f], stamp: theirs.stamps[f] }, state.browsers);
        if (r.both && counts.both.indexOf(id) === -1) counts.both.push(id);
        mine[f] = r.value;
        setStamp(mine.stamps, f, r.stamp);
      });
    });
    var del = T.mergeField("deleted", { value: !!t.deleted, stamp: t.stamps.deleted },
      { value: !!fm.deleted, stamp: fm.stamps.deleted }, state.browsers);
    setStamp(t.stamps, "deleted", del.stamp);
    if (del.value) {
      // A change made elsewhere after the deletion brings the meeting back.
      var later = newestChange(t);
      if (later && del.stamp && later.at > del.stamp.at) {
        delete t.deleted;
        t.stamps.deleted = { at: later.at, by: later.by, clock: T.cleanClock(del.stamp.clock) };
      } else {
        t.deleted = true;
        t.answers = T.map();
      }
    } else {
      delete t.deleted;
    }
    if (t.deleted && !wasDeleted) counts.removedMeetings += 1;
    if (!t.deleted && wasDeleted) counts.meetings += 1;
    if (renamed && !t.deleted) counts.renamed += 1;
    if (t.deleted) return;
    keys(fm.answers).forEach(function (id) {
      var was = wasDeleted ? "" : before[id] || "";
      var now = content(t.answers[id]);
      if (!content(fm.answers[id]) && !now && !was) return;
      if (options.isKnown && !options.isKnown(id)) {
        if (content(fm.answers[id]) && counts.aside.indexOf(id) === -1) counts.aside.push(id);
        return;
      }
      if (!was && now) counts.added += 1;
      else if (was !== now) counts.changed += 1;
      else counts.unchanged += 1;
    });
  }

  function addMeeting(state, fm, counts, options) {
    state.meetings.push(fm);
    if (fm.deleted) return;
    if (fm.id !== GENERAL) counts.meetings += 1;
    keys(fm.answers).forEach(function (id) {
      if (!content(fm.answers[id])) return;
      if (options.isKnown && !options.isKnown(id)) {
        if (counts.aside.indexOf(id) === -1) counts.aside.push(id);
      } else {
        counts.added += 1;
      }
    });
  }

  // merge(local, incoming) -> {state, counts}. options.isKnown(questionId) and
  // options.knownBody(body) sort out what this edition does not have: kept, and listed.
  function merge(local, incoming, options) {
    options = options || {};
    var next = S.copy(local);
    var inc = S.copy(incoming);
    var counts = { added: 0, changed: 0, unchanged: 0, meetings: 0, removedMeetings: 0,
                   renamed: 0, both: [], aside: [], bodiesAside: [], nothing: true };
    keys(inc.browsers).forEach(function (id) {
      var b = inc.browsers[id];
      var mine = has(next.browsers, id) ? next.browsers[id] : null;
      if (!mine || (b.at && (!mine.at || b.at > mine.at))) next.browsers[id] = b;
    });
    inc.meetings.forEach(function (fm) {
      var t = match(next, fm);
      if (t) mergeMeeting(next, t, fm, counts, options);
      else addMeeting(next, fm, counts, options);
      if (!fm.deleted && fm.body && options.knownBody && !options.knownBody(fm.body) &&
          counts.bodiesAside.indexOf(fm.body) === -1) counts.bodiesAside.push(fm.body);
    });
    counts.both.sort();
    counts.aside.sort();
    counts.nothing = !(counts.added || counts.changed || counts.meetings ||
      counts.removedMeetings || counts.renamed || counts.both.length);
    return { state: next, counts: counts };
  }

  function stampsOut(stamps) {
    var out = {};
    Object.keys(stamps).sort().forEach(function (k) {
      var s = stamps[k];
      var clock = {};
      Object.keys(s.clock).sort().forEach(function (b) { clock[b] = s.clock[b]; });
      out[k] = { at: s.at, by: s.by, clock: clock };
    });
    return out;
  }

  // Newest first; the general answers last.
  function ordered(meetings) {
    return meetings.slice().sort(function (a, b) {
      if (a.id === GENERAL || b.id === GENERAL) return a.id === GENERAL ? 1 : -1;
      return a.date === b.date ? 0 : (a.date < b.date ? 1 : -1);
    });
  }

  // The answers file (version 3) of a state: meta {bank, bank_version, edition, exported,
  // browser}. Deleted meetings go in as tombstones; answers never saved (undo) stay out.
  function toFile(state, meta) {
    meta = meta || {};
    var meetings = ordered(state.meetings).filter(function (m) {
      return m.id !== GENERAL || keys(m.answers).length;
    }).map(function (m) {
      var answers = {};
      keys(m.answers).sort().forEach(function (id) {
        var a = m.answers[id];
        var out = { ask: a.ask, status: a.status || "Not asked", note: a.note };
        if (keys(a.stamps).length) out.stamps = stampsOut(a.stamps);
        answers[id] = out;
      });
      var out = { id: m.id, body: m.body, date: m.date, title: m.title, answers: answers };
      if (m.deleted) out.deleted = true;
      if (m.also && m.also.length) out.also = m.also.slice();
      if (keys(m.stamps).length) out.stamps = stampsOut(m.stamps);
      return out;
    });
    var browsers = {};
    keys(state.browsers).sort().slice(0, 100).forEach(function (id) {
      var b = state.browsers[id];
      browsers[id] = b.at ? { name: b.name, at: b.at } : { name: b.name };
    });
    var file = { format: FORMAT, version: VERSION, bank: meta.bank || "",
                 bank_version: meta.bank_version || "", edition: meta.edition || "",
                 exported: meta.exported || "" };
    if (meta.browser) file.browser = meta.browser;
    file.browsers = browsers;
    file.current = state.current;
    file.meetings = meetings;
    return file;
  }

  var api = { FORMAT: FORMAT, VERSION: VERSION, GENERAL: GENERAL, merge: merge, toFile: toFile,
              ordered: ordered, longDate: T.longDate, isoDate: T.isoDate, WHEN: T.WHEN,
              STATUSES: T.STATUSES, BROWSER_ID: T.BROWSER_ID, FIELDS: T.FIELDS,
              browserName: T.browserName };
  Object.keys(S).forEach(function (k) { api[k] = S[k]; });
  return api;
});
