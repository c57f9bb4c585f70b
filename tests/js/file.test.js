// Reading an answers file (docs/js/answers-file.js) under Node's own test runner.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const F = require("../../docs/js/answers-file.js");
const S = require("../../docs/js/answers-store.js");
const M = require("../../docs/js/answers-merge.js");

function v2(meetings) {
  return JSON.stringify({ format: "soc-question-bank-answers", version: 2, exported: "2027-01-14T09:00:00Z", meetings: meetings });
}

test("a key given twice is refused, named", () => {
  const text = '{"format": "soc-question-bank-answers", "version": 1, "answers": ' +
    '{"PCP-14": {"ask": true, "note": "first"}, "PCP-14": {"ask": false}}}';
  assert.equal(JSON.parse(text).answers["PCP-14"].ask, false); // what JSON.parse alone does
  const got = F.parseFile(text);
  assert.match(got.error, /“PCP-14” twice/);
  // The same key in two different objects is fine; an escaped spelling is the same key.
  assert.equal(F.scan('{"a": {"x": 1}, "b": {"x": 2}}'), "");
  assert.match(F.scan('{"a": 1, "\\u0061": 2}'), /“a” twice/);
  assert.equal(F.scan('{"a": "}{\\"a\\": 1", "b": ["a", "a"]}'), "");
});

test("nesting deeper than a file has is refused before parsing", () => {
  assert.match(F.scan("[".repeat(100000)), /nested deeper/);
});

test("answer and meeting IDs named like Object's prototype are read as data", () => {
  const got = F.parseFile(v2([
    { id: "__proto__", body: "pcp", date: "2027-01-14", title: "", answers: { constructor: { ask: true, note: "c" } } },
    { id: "constructor", body: "pcp", date: "2027-01-15", title: "", answers: { toString: { ask: true } } }
  ]));
  assert.equal(got.error, undefined);
  assert.equal(M.answerOf(got.state, "__proto__", "constructor").note, "c");
  assert.equal(M.answerOf(got.state, "constructor", "toString").ask, true);
  const store = S.create({ bodies: [{ id: "pcp", name: "Panel", questions: ["constructor", "toString"] }] });
  const r = store.merge(S.fresh(), got.state);
  assert.equal(r.counts.added, 2);
  assert.equal(r.counts.meetings, 2);
});

test("two meetings with one ID are refused, named", () => {
  const got = F.parseFile(v2([{ id: "m1", answers: {} }, { id: "m1", answers: {} }]));
  assert.equal(got.error, "two meetings have the same ID (m1)");
});

test("the same version 2 file imported twice changes nothing the second time", () => {
  const text = v2([{ id: "m1", body: "pcp", date: "2027-01-14", title: "", answers: { "PCP-04": { ask: true, status: "Partly assured", note: "n" } } }]);
  const store = S.create({});
  let held = M.setField(S.fresh(), "general", "PCP-04", "note", "mine", "aaaa1111", "2027-01-15T09:00:00.000Z");
  const first = store.merge(held, F.parseFile(text).state);
  assert.equal(first.counts.added, 1);
  const second = store.merge(first.state, F.parseFile(text).state);
  assert.equal(second.counts.nothing, true);
  assert.match(store.summary("a.json", second.counts), /^Nothing changed/);
});

test("a schema check that fails is reported where it failed", () => {
  const validate = () => false;
  validate.errors = [{ instancePath: "/meetings/0/stamps/title/at", message: "must match pattern" }];
  const got = F.parseFile(v2([{ id: "m1", answers: {} }]), { validate: validate });
  assert.equal(got.error, "it does not match the answers file format at meetings › 0 › stamps › title › at: must match pattern");
});

test("a meeting of a body the edition lacks is kept, listed, and written again", () => {
  const store = S.create({ bodies: [{ id: "pcp", name: "Panel", questions: ["PCP-01"] }] });
  const got = F.parseFile(v2([{ id: "m9", body: "dph", date: "2027-02-01", title: "DPH", answers: { "DPH-01": { ask: true } } }]));
  const r = store.merge(S.fresh(), got.state);
  assert.deepEqual(r.counts.bodiesAside, ["dph"]);
  assert.equal(store.shown(M.find(r.state, "m9")), false);
  const out = M.toFile(r.state);
  assert.equal(out.meetings.find((m) => m.id === "m9").body, "dph");
  assert.match(store.summary("f.json", r.counts), /Meetings of 1 body this edition does not have \(dph\) are kept aside/);
});

test("a version 3 file the site writes reads back, eight levels deep and no deeper", () => {
  let s = M.setField(S.fresh(), "general", "PCP-04", "note", "n", "aaaa1111", "2027-01-15T09:00:00.000Z");
  const text = JSON.stringify(M.toFile(s, { browser: "aaaa1111", exported: "2027-01-15T09:01:00Z" }));
  const got = F.parseFile(text);
  assert.equal(got.error, undefined);
  assert.equal(M.answerOf(got.state, "general", "PCP-04").stamps.note.clock.aaaa1111, 1);
  assert.match(F.scan('{"a": [{"b": {"c": {"d": {"e": {"f": {"g": [1]}}}}}}]}'), /more than 8 levels/);
});
