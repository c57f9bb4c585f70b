// Reading an answers file (schema/answers.schema.json), with no page in it: its text is
// scanned before it is parsed in full (nesting depth, and a key given twice, which
// JSON.parse would silently take the last of), then checked by hand for the messages a
// councillor can act on, then against the schema itself (the validator compiled at build
// time, js/answers-validator.js), then read as a state (answers-merge.js). The browser
// loads it as window.qbankFile; Node's test runner with require() (tests/js/).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory(require("./answers-store.js"), require("./answers-merge.js"));
  } else {
    root.qbankFile = factory(root.qbankStore, root.qbankMerge);
  }
})(this, function (S, M) {
  "use strict";

  // As `qbank pack --answers` (brackets at most 8 deep): a version 3 file is exactly 8 deep
  // (file, meetings, meeting, answers, answer, stamps, stamp, clock).
  var MAX_DEPTH = 8;
  var TYPES = { bank: "string", bank_version: "string", edition: "string",
                exported: "string", current: "string" };

  // Before JSON.parse: a key given twice in one object, or nesting deeper than any answers
  // file has. Returns an error, or "" when the text may be parsed.
  function scan(text) {
    var stack = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c === 34) { // "
        var j = i + 1;
        while (j < text.length && text.charCodeAt(j) !== 34) j += text.charCodeAt(j) === 92 ? 2 : 1;
        var top = stack[stack.length - 1];
        if (top && top.keys && top.expectKey) {
          var key;
          try { key = JSON.parse(text.slice(i, j + 1)); } catch (e) { return ""; }
          if (top.keys[key]) {
            return "it gives “" + String(key).slice(0, 80) + "” twice in one place, and only " +
              "one of them would be read: remove the other and import again";
          }
          top.keys[key] = true;
          top.expectKey = false;
        }
        i = j;
      } else if (c === 123 || c === 91) { // { [
        stack.push(c === 123 ? { keys: Object.create(null), expectKey: true } : { keys: null });
        if (stack.length > MAX_DEPTH) {
          return "it is nested deeper than an answers file is (more than " + MAX_DEPTH +
            " levels)";
        }
      } else if (c === 125 || c === 93) { // } ]
        stack.pop();
      } else if (c === 44 && stack.length && stack[stack.length - 1].keys) { // ,
        stack[stack.length - 1].expectKey = true;
      }
    }
    return "";
  }

  // One meeting's answers, checked as `qbank pack --answers` checks them.
  function checkAnswers(raw, where, statuses) {
    if (!S.isObject(raw)) return where + " are not a list of answers by question";
    var ids = Object.keys(raw);
    if (ids.length > S.MAX_ANSWERS) {
      return where + " hold " + ids.length + " answers, more than the " + S.MAX_ANSWERS +
        " a file may hold";
    }
    for (var i = 0; i < ids.length; i++) {
      var id = ids[i];
      var a = raw[id];
      if (!S.ID.test(id)) return where + " name a question by an ID that is not one";
      if (!S.isObject(a) || typeof a.ask !== "boolean") {
        return "the answer to " + id + " has no tick (true or false)";
      }
      if (S.has(a, "status") && statuses.indexOf(a.status) === -1) {
        return "the answer to " + id + " is not one of: " + statuses.join(", ");
      }
      if (S.has(a, "note") && typeof a.note !== "string") return "the note on " + id + " is not text";
      if (S.has(a, "note") && a.note.length > S.MAX_NOTE) {
        return "the note on " + id + " is longer than the " +
          S.MAX_NOTE.toLocaleString("en-GB") + " characters a note box holds";
      }
    }
    return "";
  }

  function checkMeetings(data, statuses) {
    if (!Array.isArray(data.meetings)) return "it holds no meetings";
    if (data.meetings.length > S.MAX_MEETINGS) {
      return "it holds " + data.meetings.length + " meetings, more than the " + S.MAX_MEETINGS +
        " a file may hold";
    }
    var seen = Object.create(null);
    for (var i = 0; i < data.meetings.length; i++) {
      var raw = data.meetings[i];
      var n = "meeting " + (i + 1);
      if (!S.isObject(raw) || typeof raw.id !== "string" || !S.MEETING_ID.test(raw.id)) {
        return n + " has no ID";
      }
      if (seen[raw.id]) return "two meetings have the same ID (" + raw.id + ")";
      seen[raw.id] = true;
      var bad = ["body", "date", "title"].filter(function (k) {
        return S.has(raw, k) && typeof raw[k] !== "string";
      });
      if (bad.length) return n + "’s “" + bad[0] + "” is not text";
      if (raw.date && !S.isoDate(raw.date)) return n + "’s date is not a date between 1900 and 2100";
      var wrong = checkAnswers(raw.answers, n + "’s answers", statuses);
      if (wrong) return wrong;
    }
    return "";
  }

  // Ajv's first complaint, where it is in the file and what is wrong.
  function schemaError(errors) {
    var e = errors && errors[0];
    if (!e) return "it does not match the answers file format";
    var where = e.instancePath ? e.instancePath.replace(/^\//, "").replace(/\//g, " › ") : "the file";
    return "it does not match the answers file format at " + where + ": " + e.message;
  }

  // A stable ID for a file of version 1 or 2, whose answers carry no stamps: the same file
  // imported twice is the same history, so the second import changes nothing.
  function fileId(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return "file" + h.toString(36);
  }

  // parseFile(text, {statuses, validate}) -> {state, current, exported, version} or {error}.
  function parseFile(text, options) {
    options = options || {};
    var statuses = options.statuses || M.STATUSES;
    var scanned = scan(text);
    if (scanned) return { error: scanned };
    var data;
    try { data = JSON.parse(text); } catch (e) {
      return { error: "it is not an answers file (it is not valid JSON)" };
    }
    if (!S.isObject(data) || data.format !== S.FORMAT) {
      return { error: "it is not an answers file exported from this site" };
    }
    if ([1, 2, 3].indexOf(data.version) === -1) {
      return { error: "it is an answers file of a version this site does not know: export " +
        "it again from the site it came from, or use a newer copy of this site" };
    }
    var wrong = Object.keys(TYPES).filter(function (k) {
      return S.has(data, k) && typeof data[k] !== TYPES[k];
    });
    if (wrong.length) {
      return { error: "its “" + wrong[0] + "” should be text, not " +
        (data[wrong[0]] === null ? "empty" : typeof data[wrong[0]]) };
    }
    var problem = data.version === 1 ? checkAnswers(data.answers, "its answers", statuses) :
      checkMeetings(data, statuses);
    if (problem) return { error: problem };
    if (options.validate && !options.validate(data)) {
      return { error: schemaError(options.validate.errors) };
    }
    var exported = S.longDate(data.exported || "");
    var id = data.version < 3 ? fileId(text) : null;
    var at = typeof data.exported === "string" && M.WHEN.test(data.exported) ? data.exported :
      (S.isoDate(String(data.exported || "").slice(0, 10)) ?
        String(data.exported).slice(0, 10) + "T00:00:00Z" : "");
    var state = M.migrate(data, id, at);
    if (!state) return { error: "it is not an answers file exported from this site" };
    if (id) state.browsers[id] = { name: exported ? "File exported " + exported : "Earlier file" };
    var current = typeof data.current === "string" && M.find(state, data.current) ?
      data.current : "";
    return { state: state, current: current, exported: exported, version: data.version };
  }

  return { MAX_DEPTH: MAX_DEPTH, scan: scan, parseFile: parseFile, fileId: fileId };
});
