// The files the site writes match schema/answers.schema.json, checked by the validator the
// build compiles (tools/answers-validator.js), as the browser checks imports with it.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const path = require("node:path");
const M = require("../../docs/js/answers-merge.js");

const code = execFileSync("node", [path.join(__dirname, "..", "..", "tools", "answers-validator.js")], { encoding: "utf8" });
const window = {};
new Function("window", code)(window); // Node only: the browser loads the built file as a script
const validate = window.qbankValidateAnswers;

test("a version 3 file written by the site matches the schema", () => {
  const A = "aaaa1111";
  let s = M.nameBrowser(M.migrate({ version: 3, meetings: [] }), A, "Work laptop", "2027-01-14T09:00:00.000Z");
  s = M.newMeeting(s, { body: "pcp", date: "2027-01-14", title: "Panel" }, A, "2027-01-14T09:01:00.000Z");
  s = M.setField(s, s.current, "PCP-04", "note", "n", A, "2027-01-14T09:02:00.000Z");
  s = M.newMeeting(s, { body: "pcp", date: "2027-03-01", title: "" }, A, "2027-01-14T09:03:00.000Z", ["PCP-04"]);
  s = M.deleteMeeting(s, s.current, A, "2027-01-14T09:04:00.000Z");
  const file = JSON.parse(JSON.stringify(M.toFile(s, { browser: A, exported: "2027-01-14T09:05:00Z" })));
  assert.equal(validate(file), true, JSON.stringify(validate.errors));
  file.meetings.find((m) => m.title === "Panel").stamps.title.clock = {};
  assert.equal(validate(file), false);
});
