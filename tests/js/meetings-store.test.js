// Unit tests for docs/js/meetings-store.js: run with `node --test tests/js/`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const M = require("../../docs/js/meetings-store.js");

function state() {
  return {
    current: "m2",
    meetings: [
      { id: "m1", body: "pcp", date: "2026-10-01", title: "Autumn", answers: {
        "PCP-01": { ask: true, status: "Not assured", note: "" },
        "PCP-02": { ask: false, status: "Assured", note: "Fine." },
        "PCP-03": { ask: true, status: "", note: "" } } },
      { id: "m2", body: "pcp", date: "2027-01-14", title: "", answers: {
        "PCP-04": { ask: true, status: "Partly assured", note: "No measure." },
        "PCP-05": { ask: false, status: "Not assured", note: "" },
        "PCP-06": { ask: false, status: "", note: "Asked the PCC." } } },
      { id: "m3", body: "osc", date: "2027-02-01", title: "", answers: {} },
      { id: "general", body: "", date: "", title: "", answers: {} }
    ]
  };
}

test("a body's pages offer its own meetings, newest first, then General", () => {
  const ids = (list) => list.map((m) => m.id);
  assert.deepEqual(ids(M.meetingsFor(state().meetings, "pcp")), ["m2", "m1", "general"]);
  assert.deepEqual(ids(M.meetingsFor(state().meetings, "osc")), ["m3", "general"]);
  assert.deepEqual(ids(M.meetingsFor(state().meetings, "")), ["m3", "m2", "m1", "general"]);
  const s = state();
  s.meetings[1].deleted = true;
  assert.deepEqual(ids(M.meetingsFor(s.meetings, "pcp")), ["m1", "general"]);
});

test("a meeting belongs to its body's pages and to no other's", () => {
  const s = state();
  assert.equal(M.belongsTo(s.meetings[1], "pcp"), true);
  assert.equal(M.belongsTo(s.meetings[1], "osc"), false);
  assert.equal(M.belongsTo(s.meetings[3], "osc"), true);
});

test("last time is the same body's latest earlier meeting, never a deleted one", () => {
  const s = state();
  assert.equal(M.lastTime(s.meetings, s.meetings[1]).id, "m1");
  assert.equal(M.lastTime(s.meetings, s.meetings[0]), null);
  assert.equal(M.lastTime(s.meetings, s.meetings[2]), null);
  assert.equal(M.lastTime(s.meetings, s.meetings[3]), null);
  assert.equal(M.lastBefore(s.meetings, "pcp", "2027-03-01").id, "m2");
  assert.equal(M.lastBefore(s.meetings, "pcp", "2027-01-14").id, "m1");
  s.meetings[1].deleted = true;
  assert.equal(M.lastBefore(s.meetings, "pcp", "2027-03-01").id, "m1");
});

test("last time's text is the rating and the note, as the printed pack has them", () => {
  const a = state().meetings[1].answers;
  assert.equal(M.lastTimeText(a["PCP-04"]), "Partly assured — No measure.");
  assert.equal(M.lastTimeText(a["PCP-05"]), "Not assured");
  assert.equal(M.lastTimeText(a["PCP-06"]), "Asked the PCC.");
  assert.equal(M.lastTimeText({ ask: true, status: "", note: "  " }), "");
  assert.equal(M.lastTimeText(undefined), "");
});

test("carried forward: the questions rated Not assured or Partly assured", () => {
  const s = state();
  assert.deepEqual(M.carryForward(s.meetings[1]), ["PCP-04", "PCP-05"]);
  assert.deepEqual(M.carryForward(s.meetings[0]), ["PCP-01"]);
  assert.deepEqual(M.carryForward(null), []);
  const fresh = { answers: {} };
  assert.equal(M.tickAll(fresh, ["PCP-04", "PCP-05"]), 2);
  assert.equal(M.tickAll(fresh, ["PCP-04"]), 0);
  assert.deepEqual(fresh.answers["PCP-04"], { ask: true, status: "", note: "" });
});

test("rename changes title and date; General cannot be renamed", () => {
  const s = state();
  assert.equal(M.renameMeeting(s, "m1", "  Autumn panel ", "2026-10-02"), true);
  assert.equal(s.meetings[0].title, "Autumn panel");
  assert.equal(s.meetings[0].date, "2026-10-02");
  assert.equal(M.renameMeeting(s, "m1", "Autumn panel"), false);
  assert.equal(M.renameMeeting(s, "general", "x"), false);
  assert.equal(M.renameMeeting(s, "nope", "x"), false);
  M.renameMeeting(s, "m1", "x".repeat(300));
  assert.equal(s.meetings[0].title.length, 200);
});

test("delete takes a meeting out and undo puts it back where it was", () => {
  const s = state();
  const before = JSON.stringify(s);
  const removed = M.deleteMeeting(s, "m2");
  assert.equal(s.meetings.length, 3);
  assert.equal(s.current, "general");
  assert.equal(M.deleteMeeting(s, "general"), null);
  assert.equal(M.deleteMeeting(s, "m2"), null);
  assert.equal(M.restoreMeeting(s, removed), true);
  assert.equal(JSON.stringify(s), before);
  assert.equal(M.restoreMeeting(s, removed), false);
});
