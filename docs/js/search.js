// Search that says where the answer is, or that there is none.
//
// Material's search runs lunr in a worker (under file://, the iframe-worker shim). lunr scores
// each word of a query on its own, so a question that names "the Police and Crime Plan" could
// rank below one that has "police", "crime" and "plans" apart, and a query with nothing behind
// it ("knife crime") still offered a stray first hit that matched one word. This script runs
// in <head>, before Material's bundle starts its worker, and stands between the two: it reads
// each query the page sends, and re-ranks each result the worker sends back before Material
// shows it (tiers: the query as a phrase, then every word of it, then some of its words), then
// says at the top of the results when no entry has every word, or when every word is too
// common to pick anything out. It never changes what the index holds.
//
// The pure part (QbankSearch.rank) takes the worker's result and returns a new one; the rest
// only wires it to the worker and the results' heading.
(function () {
  "use strict";

  // Material's message types (integrations/search/worker/message).
  var SETUP = 0, QUERY = 2, RESULT = 3;
  // A word in more than this share of all entries picks nothing out ("crime", "council").
  var COMMON = 0.3;
  // Entries the index weighs this little (furniture: sources, changelog, contributor pages;
  // search_index.FURNITURE) keep their place below content, whatever words they hold.
  var FURNITURE = 0.05;
  var SEPARATOR = /[\s\-‘’“”]+/;
  var EDGE = /^[^0-9A-Za-z\u00C0-\uFFFF]+|[^0-9A-Za-z\u00C0-\uFFFF]+$/g;
  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'" };

  function plain(markup) {
    return String(markup || "").replace(/<[^>]*>/g, " ")
      .replace(/&(amp|lt|gt|quot|#39);/g, function (e) { return ENTITIES[e]; });
  }

  // Words as the index splits them, lower case, without the punctuation around them.
  function words(text) {
    return plain(text).toLowerCase().split(SEPARATOR).map(function (w) {
      return w.replace(EDGE, "");
    }).filter(Boolean);
  }

  // Whether ``phrase`` (words) is in ``text`` (words) in order; its last word may be still
  // being typed, so it may be the start of a word.
  function hasPhrase(text, phrase) {
    var last = phrase.length - 1;
    for (var i = 0; i + last < text.length; i++) {
      var j = 0;
      while (j < last && text[i + j] === phrase[j]) j++;
      if (j === last && text[i + last].indexOf(phrase[last]) === 0) return true;
    }
    return false;
  }

  // A copy of a result item. A question's entry is titled "PCP-14 · <the question>" and its
  // text does not repeat the question (the index holds each piece of text once): the result
  // is shown titled "PCP-14 · Police and crime panels: <the question>", its body being the
  // title of the page it is on, with the question as its snippet before what its text holds.
  function withQuestion(item) {
    var copy = {};
    for (var key in item) copy[key] = item[key];
    var title = String(item.title || "");
    var dot = title.indexOf(" · ");
    if (dot < 0 || !item.parent || !item.parent.title) return copy;
    var question = title.slice(dot + 3);
    copy.title = title.slice(0, dot) + " · " + item.parent.title + ": " + question;
    copy.text = "<p>" + question + "</p>" + (item.text || "");
    return copy;
  }

  // The result re-ranked, with the message to show above it ("" for none).
  // result: the worker's {items: [[article, section, ...], ...]}; query: what was typed;
  // total: how many entries the index holds.
  function rank(result, query, total) {
    var flat = [];
    (result.items || []).forEach(function (group) { flat.push.apply(flat, group); });
    var phrase = words(query);
    var seen = {}, terms = [];
    flat.forEach(function (item) {
      for (var t in item.terms || {}) {
        if (!(t in seen)) { seen[t] = 0; terms.push(t); }
        if (item.terms[t]) seen[t] += 1;
      }
    });
    // Each tier counts above every score of the tier below: lunr's score orders within one.
    var step = 1;
    flat.forEach(function (item) { step = Math.max(step, item.score + 1); });
    var scored = flat.map(function (item) {
      var full = item.score > 0 &&
        Object.keys(item.terms || {}).every(function (t) { return item.terms[t]; });
      var tier = 0;
      if (full && !(item.boost <= FURNITURE)) {
        tier = 1;
        if (phrase.length > 1 && (hasPhrase(words(item.title), phrase) ||
                                  hasPhrase(words(item.text), phrase))) tier = 2;
      }
      var shown = withQuestion(item);
      shown.score = item.score + tier * step;
      return { item: shown, full: full };
    });
    scored.sort(function (a, b) { return b.item.score - a.item.score; });
    // Grouped by page as Material groups them, each group led by its best entry, which also
    // sets the score its other entries must reach to be shown open.
    var groups = [], byPage = {};
    scored.forEach(function (s) {
      var page = String(s.item.location).split("#")[0];
      if (!(page in byPage)) { byPage[page] = groups.length; groups.push([]); }
      groups[byPage[page]].push(s.item);
    });
    var message = "";
    var shown = query.trim();
    if (flat.length && terms.length) {
      if (!scored.some(function (s) { return s.full; })) {
        message = "No question mentions “" + shown + "”. Nearest:";
      } else if (total && terms.every(function (t) { return seen[t] > COMMON * total; })) {
        message = "“" + shown + "” is in too many questions and pages to pick one out: " +
          "add a word to narrow it.";
      }
    }
    var out = {};
    for (var key in result) out[key] = result[key];
    out.items = groups;
    return { result: out, message: message };
  }

  window.QbankSearch = { rank: rank, words: words, hasPhrase: hasPhrase };

  // Wiring: stand between Material and its search worker ------------------------------------

  var Base = window.Worker;
  if (typeof Base !== "function") return;

  function watch(worker) {
    var pending = [], total = 0, ranked = new WeakMap(), wrapped = new WeakMap();
    var post = worker.postMessage, add = worker.addEventListener;
    var remove = worker.removeEventListener;
    worker.postMessage = function (message) {
      if (message && message.type === SETUP) total = (message.data.docs || []).length;
      if (message && message.type === QUERY) pending.push(String(message.data));
      return post.apply(worker, arguments);
    };
    // First of the listeners: each result answers the oldest query not yet answered.
    add.call(worker, "message", function (ev) {
      var data = ev.data;
      if (data && data.type === RESULT && typeof data === "object") {
        ranked.set(data, rank(data.data || {}, pending.shift() || "", total));
      }
    });
    worker.addEventListener = function (type, listener, options) {
      if (type !== "message" || typeof listener !== "function") {
        return add.call(worker, type, listener, options);
      }
      var outer = function (ev) {
        var done = ev.data && ranked.get(ev.data);
        if (!done) return listener.call(this, ev);
        listener.call(this, { type: "message", data: { type: RESULT, data: done.result } });
        say(done.message);
      };
      wrapped.set(listener, outer);
      return add.call(worker, type, outer, options);
    };
    worker.removeEventListener = function (type, listener, options) {
      return remove.call(worker, type, wrapped.get(listener) || listener, options);
    };
  }

  // Material has just written its count ("12 matching documents"): the message replaces it.
  function say(message) {
    var meta = document.querySelector(".md-search-result__meta");
    if (meta && message) meta.textContent = message;
  }

  var Wrapped = function (url, options) {
    var worker = options === undefined ? new Base(url) : new Base(url, options);
    if (/workers\/search\./.test(String(url))) watch(worker);
    return worker;
  };
  Wrapped.prototype = Base.prototype;
  window.Worker = Wrapped;
})();
