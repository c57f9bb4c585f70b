// The pure answers model (docs/js/answers-stamps.js, -state.js, -merge.js) under Node's own
// test runner: `node --test tests/js/` (run by `make test`).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const M = require("../../docs/js/answers-merge.js");

const A = "aaaa1111";
const B = "bbbb2222";
let tick = 0;
// A clock that moves on a minute each change, so "newer" is well defined.
function now() {
  tick += 1;
  return new Date(Date.UTC(2027, 0, 14, 9, 0) + tick * 60000).toISOString();
}

function fresh(browser, name) {
  return M.nameBrowser(M.migrate({ version: 3, meetings: [] }), browser, name, now());
}

// What a file carries: the state written out and read back, as an import does.
function roundTrip(state, browser) {
  const text = JSON.stringify(M.toFile(state, { browser: browser, exported: now() }));
  return M.migrate(JSON.parse(text));
}

function note(state, id, meeting) {
  return M.answerOf(state, meeting || M.GENERAL, id).note;
}

function plain(state) {
  return JSON.parse(JSON.stringify(M.toFile(state, { exported: "x" })));
}

test("a file written and read again is the same state", () => {
  let a = fresh(A, "Work laptop");
  a = M.setField(a, "general", "PCP-04", "note", "WORK note", A, now());
  a = M.setField(a, "general", "PCP-04", "status", "Partly assured", A, now());
  assert.deepEqual(plain(roundTrip(a, A)), plain(a));
});

test("ten alternating round trips with no edit: no note grows, nothing changed", () => {
  let a = fresh(A, "Work laptop");
  let b = fresh(B, "Home PC");
  a = M.setField(a, "general", "PCP-04", "note", "WORK note", A, now());
  b = M.setField(b, "general", "PCP-04", "note", "HOME note", B, now());
  const first = M.merge(b, roundTrip(a, A));
  b = first.state;
  assert.deepEqual(first.counts.both, ["PCP-04"]);
  const joined = note(b, "PCP-04");
  assert.match(joined, /^\[Work laptop, 14 January 2027\]\nWORK note\n\n\[Home PC, 14 January 2027\]\nHOME note$/);
  const reports = [];
  for (let i = 0; i < 10; i++) {
    if (i % 2 === 0) {
      const r = M.merge(a, roundTrip(b, B));
      a = r.state;
      reports.push(r.counts.nothing);
    } else {
      const r = M.merge(b, roundTrip(a, A));
      b = r.state;
      reports.push(r.counts.nothing);
    }
    assert.equal(note(a, "PCP-04").length <= joined.length, true);
    assert.equal(note(b, "PCP-04"), joined);
  }
  assert.equal(note(a, "PCP-04"), joined);
  assert.deepEqual(reports, [false].concat(Array(9).fill(true)));
  assert.deepEqual(plain(a), plain(b));
});

test("the newest rating wins, from either side", () => {
  let a = fresh(A, "Work laptop");
  a = M.setField(a, "general", "PCP-04", "status", "Partly assured", A, now());
  let b = M.merge(fresh(B, "Home PC"), roundTrip(a, A)).state;
  a = M.setField(a, "general", "PCP-04", "status", "Not assured", A, now());
  // b's copy is older: it has not seen a's change, and a has seen all of b's.
  const r = M.merge(a, roundTrip(b, B));
  assert.equal(M.answerOf(r.state, "general", "PCP-04").status, "Not assured");
  assert.equal(r.counts.nothing, true);
  assert.equal(r.counts.changed, 0);
  // Concurrent: both changed since they agreed; the later change wins on both sides.
  b = M.setField(b, "general", "PCP-04", "status", "Assured", B, now());
  a = M.setField(a, "general", "PCP-04", "status", "Partly assured", A, now());
  const ab = M.merge(a, roundTrip(b, B)).state;
  const ba = M.merge(b, roundTrip(a, A)).state;
  assert.equal(M.answerOf(ab, "general", "PCP-04").status, "Partly assured");
  assert.equal(M.answerOf(ba, "general", "PCP-04").status, "Partly assured");
});

test("merge is idempotent: merge(a, merge(a, b)) is merge(a, b)", () => {
  let a = fresh(A, "Work laptop");
  let b = fresh(B, "Home PC");
  a = M.setField(a, "general", "X-1", "note", "one", A, now());
  b = M.setField(b, "general", "X-1", "note", "two", B, now());
  b = M.setField(b, "general", "X-2", "ask", true, B, now());
  const ab = M.merge(a, b).state;
  const again = M.merge(a, ab);
  assert.deepEqual(plain(again.state), plain(ab));
  const twice = M.merge(ab, b);
  assert.deepEqual(plain(twice.state), plain(ab));
  assert.equal(twice.counts.nothing, true);
});

test("the same note on both sides is kept once", () => {
  let a = M.setField(fresh(A, "W"), "general", "X-1", "note", "same", A, now());
  let b = M.setField(fresh(B, "H"), "general", "X-1", "note", "same", B, now());
  const r = M.merge(a, b);
  assert.equal(note(r.state, "X-1"), "same");
  assert.deepEqual(r.counts.both, []);
});

test("versions 1 and 2 are read as version 3", () => {
  const v1 = M.migrate({ version: 1, answers: { "PCP-14": { ask: true, status: "Not asked", note: "n" } } }, A, "2026-12-01T10:00:00.000Z");
  const a = M.answerOf(v1, "general", "PCP-14");
  assert.deepEqual([a.ask, a.status, a.note], [true, "", "n"]);
  assert.equal(a.stamps.note.by, A);
  const v2 = M.migrate({ version: 2, current: "m1", meetings: [
    { id: "m1", body: "pcp", date: "2027-01-14", title: "Panel", answers: { "PCP-04": { ask: true, status: "Partly assured", note: "" } } }
  ] });
  assert.equal(v2.current, "m1");
  assert.equal(M.answerOf(v2, "m1", "PCP-04").status, "Partly assured");
  assert.ok(M.find(v2, "general"));
  assert.equal(M.migrate({ version: 4, meetings: [] }), null);
});

test("answer and meeting IDs that are names of Object's prototype are data", () => {
  const s = M.migrate({ version: 3, meetings: [
    { id: "__proto__", body: "pcp", date: "2027-01-14", title: "", answers: { constructor: { ask: true }, toString: { ask: true, note: "t" } } },
    { id: "constructor", body: "pcp", date: "2027-01-15", title: "", answers: {} }
  ] });
  assert.equal(s.meetings.length, 3);
  assert.equal(M.answerOf(s, "__proto__", "constructor").ask, true);
  assert.equal(M.answerOf(s, "__proto__", "toString").note, "t");
  assert.equal(M.answerOf(s, "general", "constructor").ask, false);
  const set = M.setField(s, "constructor", "hasOwnProperty", "ask", true, A, now());
  assert.equal(M.answerOf(set, "constructor", "hasOwnProperty").ask, true);
  const r = M.merge(M.migrate({ version: 3, meetings: [] }), set);
  assert.equal(M.answerOf(r.state, "__proto__", "constructor").ask, true);
  assert.equal(Object.prototype.constructor, Object);
});

test("a meeting whose body the edition lacks keeps its body", () => {
  const file = { version: 2, meetings: [{ id: "m9", body: "dph", date: "2027-02-01", title: "", answers: { "DPH-01": { ask: true } } }] };
  const r = M.merge(fresh(A, "W"), M.migrate(file), { knownBody: (b) => b === "pcp", isKnown: () => false });
  assert.equal(M.find(r.state, "m9").body, "dph");
  assert.deepEqual(r.counts.bodiesAside, ["dph"]);
  assert.deepEqual(r.counts.aside, ["DPH-01"]);
  assert.equal(M.toFile(r.state).meetings[0].body, "dph");
});

test("meetings: started, renamed, deleted as a tombstone, restored, last time", () => {
  let s = fresh(A, "W");
  s = M.newMeeting(s, { body: "pcp", date: "2027-01-14", title: "Panel" }, A, now());
  const first = s.current;
  s = M.setField(s, first, "PCP-04", "status", "Partly assured", A, now());
  s = M.setField(s, first, "PCP-05", "status", "Not assured", A, now());
  s = M.setField(s, first, "PCP-06", "status", "Assured", A, now());
  const last = M.lastTime(s, "pcp", "2027-03-01");
  assert.equal(last.id, first);
  assert.deepEqual(M.carryForward(last), ["PCP-04", "PCP-05"]);
  s = M.newMeeting(s, { body: "pcp", date: "2027-03-01", title: "" }, A, now(), M.carryForward(last));
  assert.notEqual(s.current, first);
  assert.equal(M.answerOf(s, s.current, "PCP-05").ask, true);
  assert.deepEqual(M.meetingsFor(s, "pcp").map((m) => m.date), ["2027-03-01", "2027-01-14"]);
  assert.deepEqual(M.meetingsFor(s, "csp"), []);
  s = M.renameMeeting(s, first, { title: "Budget panel" }, A, now());
  assert.equal(M.find(s, first).title, "Budget panel");
  const before = s;
  s = M.deleteMeeting(s, first, A, now());
  assert.equal(M.meetingsFor(s, "pcp").length, 1);
  assert.equal(M.toFile(s).meetings.find((m) => m.id === first).deleted, true);
  assert.deepEqual(M.toFile(s).meetings.find((m) => m.id === first).answers, {});
  // An older copy does not bring it back.
  const r = M.merge(s, before);
  assert.equal(M.find(r.state, first).deleted, true);
  assert.equal(r.counts.nothing, true);
  s = M.restoreMeeting(s, first, A, now());
  assert.equal(M.answerOf(s, first, "PCP-04").status, "Partly assured");
  assert.equal(M.counted(s), 5);
});

test("a change after a deletion elsewhere brings the meeting back, alike on both sides", () => {
  let a = M.newMeeting(fresh(A, "W"), { body: "pcp", date: "2027-01-14", title: "" }, A, now());
  const id = a.current;
  let b = M.merge(fresh(B, "H"), a).state;
  a = M.deleteMeeting(a, id, A, now());
  b = M.setField(b, id, "PCP-01", "note", "later", B, now());
  const ab = M.merge(a, b).state;
  const ba = M.merge(b, a).state;
  assert.equal(!!M.find(ab, id).deleted, false);
  assert.deepEqual(plain(ab), plain(ba));
  assert.equal(M.merge(ab, ba).counts.nothing, true);
});

test("the same meeting started in two browsers becomes one, with the other ID in also", () => {
  const a = M.newMeeting(fresh(A, "W"), { body: "pcp", date: "2027-01-14", title: "Panel" }, A, now());
  const b = M.newMeeting(fresh(B, "H"), { body: "pcp", date: "2027-01-14", title: "Panel" }, B, now());
  const ab = M.merge(a, b).state;
  const ba = M.merge(b, a).state;
  assert.equal(M.meetingsFor(ab, "pcp").length, 1);
  assert.deepEqual(plain(ab).meetings, plain(ba).meetings);
  const kept = M.meetingsFor(ab, "pcp")[0];
  assert.equal(kept.also.length, 1);
  assert.ok(M.find(ab, a.current) && M.find(ab, b.current));
});
