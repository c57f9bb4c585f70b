// What the meetings interface asks of the pure model (docs/js/answers-state.js): which
// meeting a body's page may join, "since last time", and delete with undo as the pages do it.
// Run with `node --test tests/js/`.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const M = require("../../docs/js/answers-merge.js");

const A = "aaaa1111";
let tick = 0;
function now() {
  tick += 1;
  return new Date(Date.UTC(2027, 0, 14, 9, 0) + tick * 60000).toISOString();
}

// Two police and crime panel meetings and one overview and scrutiny committee meeting.
function state() {
  let s = M.migrate({ version: 3, meetings: [] });
  s = M.newMeeting(s, { body: "pcp", date: "2026-10-01", title: "Autumn" }, A, now());
  const m1 = s.current;
  s = M.setField(s, m1, "PCP-01", "status", "Not assured", A, now());
  s = M.newMeeting(s, { body: "pcp", date: "2027-01-14", title: "" }, A, now());
  const m2 = s.current;
  s = M.setField(s, m2, "PCP-04", "status", "Partly assured", A, now());
  s = M.setField(s, m2, "PCP-04", "note", "No measure.", A, now());
  s = M.setField(s, m2, "PCP-05", "status", "Not assured", A, now());
  s = M.setField(s, m2, "PCP-06", "note", "Asked the PCC.", A, now());
  s = M.newMeeting(s, { body: "osc", date: "2027-02-01", title: "" }, A, now());
  return { s: s, m1: m1, m2: m2, m3: s.current };
}

test("a meeting belongs to its own body's pages and to no other's; General to all", () => {
  const { s, m2 } = state();
  const m = M.find(s, m2);
  assert.equal(M.belongsTo(m, "pcp"), true);
  assert.equal(M.belongsTo(m, "osc"), false);
  assert.equal(M.belongsTo(m, ""), true);
  assert.equal(M.belongsTo(M.find(s, M.GENERAL), "osc"), true);
  assert.equal(M.belongsTo(null, "pcp"), false);
  assert.equal(M.belongsTo(M.find(M.deleteMeeting(s, m2, A, now()), m2), "pcp"), false);
});

test("last time of a meeting: its body's latest earlier one; none for General or the first", () => {
  const { s, m1, m2, m3 } = state();
  assert.equal(M.lastTimeOf(s, M.find(s, m2)).id, m1);
  assert.equal(M.lastTimeOf(s, M.find(s, m1)), null);
  assert.equal(M.lastTimeOf(s, M.find(s, m3)), null);
  assert.equal(M.lastTimeOf(s, M.find(s, M.GENERAL)), null);
  assert.equal(M.lastTimeOf(s, null), null);
  // A deleted meeting is never last time.
  const d = M.deleteMeeting(s, m1, A, now());
  assert.equal(M.lastTimeOf(d, M.find(d, m2)), null);
});

test("last time's text is the rating and the note, as the screen and the pack show them", () => {
  const { s, m2 } = state();
  const a = (id) => M.answerOf(s, m2, id);
  assert.equal(M.lastTimeText(a("PCP-04")), "Partly assured — No measure.");
  assert.equal(M.lastTimeText(a("PCP-05")), "Not assured");
  assert.equal(M.lastTimeText(a("PCP-06")), "Asked the PCC.");
  assert.equal(M.lastTimeText(a("PCP-07")), "");
  assert.equal(M.lastTimeText({ ask: true, status: "", note: "  " }), "");
  assert.equal(M.lastTimeText(undefined), "");
});

test("a meeting started with last time's doubtful questions has them ticked, stamped", () => {
  const { s, m2 } = state();
  const carry = M.carryForward(M.lastTime(s, "pcp", "2027-03-01"));
  assert.deepEqual(carry, ["PCP-04", "PCP-05"]);
  const next = M.newMeeting(s, { body: "pcp", date: "2027-03-01", title: "" }, A, now(), carry);
  assert.equal(M.lastTimeOf(next, M.find(next, next.current)).id, m2);
  carry.forEach((id) => {
    const a = M.answerOf(next, next.current, id);
    assert.equal(a.ask, true);
    assert.equal(a.status, "");
    assert.equal(a.stamps.ask.by, A);
  });
});

test("delete, saved and read again, stays a tombstone out of every list; undo brings it back", () => {
  const { s, m2, m3 } = state();
  const d = M.deleteMeeting(s, m2, A, now());
  assert.equal(d.current, m3);
  assert.equal(M.deleteMeeting(s, m3, A, now()).current, M.GENERAL);
  assert.deepEqual(M.meetingsFor(d, "pcp").map((m) => m.date), ["2026-10-01"]);
  assert.equal(M.liveMeetings(d).some((m) => m.id === m2), false);
  assert.equal(M.counted(d), 1);
  // What storage keeps: the tombstone, with no answers and no copy for undo.
  const kept = M.migrate(JSON.parse(JSON.stringify(M.toFile(d, { browser: A }))));
  assert.equal(M.find(kept, m2).deleted, true);
  assert.equal(JSON.stringify(M.toFile(d)).indexOf("No measure."), -1);
  // Merging the copy from before the deletion does not bring it back.
  assert.equal(M.find(M.merge(kept, s).state, m2).deleted, true);
  // Undo on the page: its answers come back, and a copy from before the undo does not undo it.
  const r = M.restoreMeeting(d, m2, A, now());
  assert.equal(M.answerOf(r, m2, "PCP-04").note, "No measure.");
  assert.equal(M.meetingsFor(r, "pcp").length, 2);
  assert.equal(!!M.find(M.merge(r, kept).state, m2).deleted, false);
});
