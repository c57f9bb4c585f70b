// Stamps, the heart of answers version 3 (docs/contributing/answers-format.md): each field
// records when and in which browser it was last changed, and a version vector; two copies of
// a field merge into one value that every browser computes alike. Pure: no page in it.
// The browser loads it as window.qbankStamps; Node's test runner with require() (tests/js/).
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.qbankStamps = factory();
})(this, function () {
  "use strict";

  var GENERAL = "general";
  var FIELDS = ["ask", "status", "note"];
  var MEETING_FIELDS = ["body", "date", "title", "deleted"];
  var STATUSES = ["Assured", "Partly assured", "Not assured", "Not asked"];
  var CARRIED = ["Not assured", "Partly assured"];
  var ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
  var MEETING_ID = /^[A-Za-z0-9_-]{1,40}$/;
  var BROWSER_ID = /^[A-Za-z0-9_-]{4,40}$/;
  var BODY = /^[a-z0-9-]{0,40}$/;
  var WHEN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,3})?Z$/;
  var MAX_TITLE = 200;
  var MAX_ALSO = 50;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];

  // Maps without a prototype: an answer to "constructor" or a meeting "__proto__" is data.
  function map() { return Object.create(null); }
  function has(o, k) { return !!o && Object.prototype.hasOwnProperty.call(o, k); }
  function isObject(v) { return !!v && typeof v === "object" && !Array.isArray(v); }
  function keys(o) { return o ? Object.keys(o) : []; }

  function isoDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === "string" ? value : "");
    if (!m || +m[1] < 1900 || +m[1] > 2100) return "";
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return "";
    return value;
  }

  function longDate(iso) {
    var day = isoDate(String(iso || "").slice(0, 10));
    return day ? +day.slice(8, 10) + " " + MONTHS[+day.slice(5, 7) - 1] + " " + day.slice(0, 4) : "";
  }

  // Stamps ---------------------------------------------------------------------------------

  function cleanClock(raw) {
    var out = map();
    keys(isObject(raw) ? raw : null).forEach(function (k) {
      var n = raw[k];
      if (BROWSER_ID.test(k) && typeof n === "number" && n >= 1 && n % 1 === 0) out[k] = n;
    });
    return out;
  }

  function cleanStamp(raw) {
    if (!isObject(raw) || typeof raw.at !== "string" || !WHEN.test(raw.at) ||
        typeof raw.by !== "string" || !BROWSER_ID.test(raw.by)) return null;
    return { at: raw.at, by: raw.by, clock: cleanClock(raw.clock) };
  }

  function cleanStamps(raw, names) {
    var out = map();
    names.forEach(function (k) {
      var s = cleanStamp(isObject(raw) && has(raw, k) ? raw[k] : null);
      if (s) out[k] = s;
    });
    return out;
  }

  function copyStamp(s) { return s ? { at: s.at, by: s.by, clock: cleanClock(s.clock) } : null; }

  // A change made in `browser` at `now`: its own count goes up by one.
  function bump(stamp, browser, now) {
    var clock = cleanClock(stamp ? stamp.clock : null);
    clock[browser] = (clock[browser] || 0) + 1;
    return { at: now, by: browser, clock: clock };
  }

  // Whether a clock has seen another: its count for every browser is at least the other's.
  function seen(a, b) {
    return keys(b).every(function (k) { return (a[k] || 0) >= b[k]; });
  }

  function maxClock(a, b) {
    var out = cleanClock(a);
    keys(b).forEach(function (k) { if (!out[k] || out[k] < b[k]) out[k] = b[k]; });
    return out;
  }

  function sameClock(a, b) { return seen(a, b) && seen(b, a); }

  function clockOf(s) { return s ? s.clock : map(); }

  // The newer of two sides, by `at`, then `by`, then the value itself: the same answer in
  // every browser, whichever side is local.
  function newer(a, b) {
    var sa = a.stamp || { at: "", by: "" };
    var sb = b.stamp || { at: "", by: "" };
    if (sa.at !== sb.at) return sa.at > sb.at ? a : b;
    if (sa.by !== sb.by) return sa.by > sb.by ? a : b;
    return JSON.stringify(a.value) >= JSON.stringify(b.value) ? a : b;
  }

  function browserName(browsers, id) {
    var b = has(browsers, id) ? browsers[id] : null;
    return b && b.name ? b.name : "Browser " + String(id || "").slice(0, 4).toUpperCase();
  }

  function label(browsers, stamp) {
    if (!stamp) return "[Earlier answers]";
    var when = longDate(stamp.at);
    return "[" + browserName(browsers, stamp.by) + (when ? ", " + when : "") + "]";
  }

  // One field of two copies: {value, stamp} each; returns {value, stamp, both}.
  function mergeField(name, a, b, browsers) {
    var ca = clockOf(a.stamp);
    var cb = clockOf(b.stamp);
    var same = a.value === b.value;
    if (sameClock(ca, cb)) {
      // The same history means the same value; two unstamped values that differ (from
      // files of versions 1 and 2) take the newer, never both, so nothing grows.
      if (same) return { value: a.value, stamp: a.stamp };
      var pick = newer(a, b);
      return { value: pick.value, stamp: pick.stamp };
    }
    if (seen(ca, cb)) return { value: a.value, stamp: a.stamp };
    if (seen(cb, ca)) return { value: b.value, stamp: b.stamp };
    // Changed on both sides since they last agreed.
    var win = newer(a, b);
    var lose = win === a ? b : a;
    var stamp = { at: win.stamp.at, by: win.stamp.by, clock: maxClock(ca, cb) };
    if (name !== "note" || same || !a.value || !b.value) {
      var value = name === "note" && !win.value ? lose.value : win.value;
      return { value: value, stamp: stamp };
    }
    var text = label(browsers, lose.stamp) + "\n" + lose.value + "\n\n" +
      label(browsers, win.stamp) + "\n" + win.value;
    return { value: text, stamp: stamp, both: true };
  }

  return {
    GENERAL: GENERAL, FIELDS: FIELDS, MEETING_FIELDS: MEETING_FIELDS, STATUSES: STATUSES,
    CARRIED: CARRIED, ID: ID, MEETING_ID: MEETING_ID, BROWSER_ID: BROWSER_ID, BODY: BODY,
    WHEN: WHEN, MAX_TITLE: MAX_TITLE, MAX_ALSO: MAX_ALSO,
    map: map, has: has, isObject: isObject, keys: keys, isoDate: isoDate, longDate: longDate,
    cleanClock: cleanClock, cleanStamp: cleanStamp, cleanStamps: cleanStamps,
    copyStamp: copyStamp, bump: bump, seen: seen, maxClock: maxClock, sameClock: sameClock,
    clockOf: clockOf, newer: newer, browserName: browserName, label: label,
    mergeField: mergeField
  };
});
