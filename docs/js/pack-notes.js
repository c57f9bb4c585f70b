// The editorial notes of a meeting pack's checklist, fitted to the questions it shows: a pack
// of the ticked questions prints only the notes its questions carry (not the body's own,
// unless a ticked question carries them too), numbered 1, 2, 3… as they now come; each in
// full once, where it first bears. A pack of all the questions keeps the body's own notes.
// The page is built with every question's notes planned (generator/content/note_plan.py);
// this re-plans them for the questions shown, by the rule `qbank pack --ticked-only`
// follows (docs/contributing/answers-format.md). Loaded before pack.js, which calls
// window.qbankPackNotes.fit(checklist, tickedOnly).
(function () {
  "use strict";

  // A slot in a question shows when its question does; one among the body's own notes (at
  // the top of the checklist) only in a pack of all the questions.
  function shown(el, root, tickedOnly) {
    var block = el.closest(".qb-question");
    if (block && root.contains(block)) return !block.hidden;
    return !tickedOnly;
  }

  // Swaps two elements' places in the page.
  function swap(a, b) {
    var mark = document.createComment("");
    a.parentNode.insertBefore(mark, a);
    b.parentNode.insertBefore(a, b);
    mark.parentNode.insertBefore(b, mark);
    mark.parentNode.removeChild(mark);
  }

  function before(a, b) {
    return !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
  }

  // Where each note is in full (its id) and where it is only named (a link to that id).
  function slotsOf(root) {
    var notes = {};
    var order = [];
    root.querySelectorAll(".qb-note-top[id], .qb-note-first[id]").forEach(function (el) {
      notes[el.id] = { full: el, refs: [] };
      order.push(el.id);
    });
    root.querySelectorAll(".qb-note-ref a[href^='#']").forEach(function (a) {
      var note = notes[a.getAttribute("href").slice(1)];
      if (note) note.refs.push(a.closest(".qb-note-ref"));
    });
    return { notes: notes, order: order };
  }

  function fit(root, tickedOnly) {
    var found = slotsOf(root);
    root.querySelectorAll(".qb-page-notes").forEach(function (el) { el.hidden = !!tickedOnly; });
    var firsts = [];
    found.order.forEach(function (id) {
      var note = found.notes[id];
      var slots = [note.full].concat(note.refs).sort(function (a, b) {
        return before(a, b) ? -1 : 1;
      });
      var first = null;
      slots.forEach(function (el) { if (!first && shown(el, root, tickedOnly)) first = el; });
      // The full text goes where the note first bears among the questions shown.
      if (first && first !== note.full) swap(note.full, first);
      if (first) firsts.push(note.full);
    });
    firsts.sort(function (a, b) { return before(a, b) ? -1 : 1; });
    var numbers = {};
    firsts.forEach(function (el, i) { numbers[el.id] = i + 1; });
    found.order.forEach(function (id) {
      var note = found.notes[id];
      var n = numbers[id];
      [note.full].concat(note.refs).forEach(function (el) {
        var span = el.querySelector(".qb-note-number");
        if (span && n) span.textContent = " " + n;
      });
    });
    var end = root.querySelector(".qb-notes-end");
    if (!end) return firsts.length;
    var items = Array.prototype.slice.call(end.querySelectorAll("li[data-note]"));
    items.forEach(function (li) {
      var n = numbers[li.getAttribute("data-note")];
      li.hidden = !n;
      if (n) li.value = n;
    });
    // In the order of their new numbers.
    items.filter(function (li) { return !li.hidden; }).sort(function (a, b) {
      return a.value - b.value;
    }).forEach(function (li) { li.parentNode.appendChild(li); });
    end.hidden = firsts.length === 0;
    return firsts.length;
  }

  window.qbankPackNotes = { fit: fit };
})();
