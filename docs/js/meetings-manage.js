// Renaming and deleting a meeting, beside the meeting chooser: "Rename" opens the title and
// date to change; "Delete" asks first, and the meeting can be brought back with "Undo" until
// the page is left. A deleted meeting is kept as a tombstone (answers-state.js), so that an
// older copy merged later does not bring it back; its answers stay in this page's memory
// only, never in storage, for "Undo".
// Loaded after answers-meetings.js; the chooser calls A.manageControls when it is made.
(function () {
  "use strict";

  var S = window.qbankStore;
  var M = window.qbankMerge;
  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};

  // The meetings deleted on this page, newest last, {id, wasCurrent}, until the page is left.
  var deleted = [];

  function answerCount(m) {
    return Object.keys(m.answers).filter(function (id) { return M.hasContent(m.answers[id]); })
      .length;
  }

  function renameForm(n, status, closed) {
    var box = A.group("qb-meeting-new qb-meeting-rename", "Rename the meeting");
    var title = A.titleInput();
    var date = A.dateInput();
    box.appendChild(A.field("", "qb-rename-title-" + n, "New title for the meeting", title));
    box.appendChild(A.field("", "qb-rename-date-" + n, "New date for the meeting", date));
    function close(message) {
      box.hidden = true;
      status.textContent = message;
      closed();
    }
    var save = A.button("Save the new name", function () {
      if (!S.isoDate(date.value)) {
        status.textContent = "Give the meeting’s date (a year between 1900 and 2100).";
        date.focus();
        return;
      }
      var m = A.current();
      var fields = { title: title.value.trim().slice(0, S.MAX_TITLE), date: date.value };
      if (m.id === S.GENERAL || (m.title === fields.title && m.date === fields.date)) {
        close("The meeting’s name is unchanged.");
        return;
      }
      A.update(function (s, by, now) { return M.renameMeeting(s, m.id, fields, by, now); });
      A.refresh();
      close("Renamed the meeting: " + A.meetingLabel(A.meetingById(m.id)) + ".");
    });
    var cancel = A.button("Cancel", function () { close("The meeting’s name is unchanged."); });
    box.appendChild(A.actions([save, cancel]));
    box.qbOpen = function () {
      var m = A.current();
      title.value = m.title;
      date.value = m.date;
      box.hidden = false;
      title.focus();
    };
    return box;
  }

  function undoLine(status) {
    var p = document.createElement("p");
    p.className = "qb-meeting-undo";
    p.hidden = true;
    var undo = A.button("Undo: bring the meeting back", function () {
      var removed = deleted.pop();
      var m = removed ? A.meetingById(removed.id) : null;
      if (!m || !m.deleted) return;
      A.update(function (s, by, now) {
        var next = M.restoreMeeting(s, removed.id, by, now);
        if (removed.wasCurrent) next.current = M.find(next, removed.id).id;
        return next;
      });
      A.refresh();
      status.textContent = "Brought back " + A.meetingLabel(A.meetingById(removed.id)) + ".";
      A.meetingBars.forEach(function (bar) {
        var line = bar.querySelector(".qb-meeting-undo");
        if (line) line.hidden = deleted.length === 0;
      });
      var select = status.parentNode.querySelector(".qb-meeting-select");
      if (select) select.focus();
    });
    p.appendChild(undo);
    return p;
  }

  // "Rename" and "Delete" for the meeting shown (General has neither); n numbers the chooser.
  function manageControls(bar, line, n, status) {
    var rename = A.button("Rename", null, "qb-meeting-rename-button");
    var remove = A.button("Delete", null, "qb-meeting-delete-button");
    rename.setAttribute("aria-label", "Rename this meeting");
    remove.setAttribute("aria-label", "Delete this meeting");
    rename.setAttribute("aria-expanded", "false");
    var form = renameForm(n, status, function () {
      rename.setAttribute("aria-expanded", "false");
      rename.focus();
    });
    rename.addEventListener("click", function () {
      rename.setAttribute("aria-expanded", "true");
      form.qbOpen();
    });
    remove.addEventListener("click", function () {
      var m = A.current();
      var count = answerCount(m);
      var ok = window.confirm("Delete the meeting " + A.meetingLabel(m) + ", with its " +
        S.plural(count, "answer") + "? You can undo this until you leave the page; after " +
        "that it cannot be undone. To keep a copy, cancel and export your answers first.");
      if (!ok) {
        status.textContent = "Nothing deleted.";
        return;
      }
      if (m.id === S.GENERAL) return;
      deleted.push({ id: m.id, wasCurrent: A.data().current === m.id });
      A.update(function (s, by, now) { return M.deleteMeeting(s, m.id, by, now); });
      A.refresh();
      A.meetingBars.forEach(function (b) {
        var undo = b.querySelector(".qb-meeting-undo");
        if (undo) undo.hidden = false;
      });
      status.textContent = "Deleted the meeting " + A.meetingLabel(m) + ". Showing " +
        A.meetingLabel(A.current()) + ". “Undo” brings it back until you leave this page.";
      bar.querySelector(".qb-meeting-undo button").focus();
    });
    line.appendChild(rename);
    line.appendChild(document.createTextNode(" "));
    line.appendChild(remove);
    line.appendChild(document.createTextNode(" "));
    return [form, undoLine(status)];
  }

  // After the chooser is filled: "Rename" and "Delete" only for a meeting, not General.
  function fillManage(bar) {
    var general = A.current().id === S.GENERAL;
    bar.querySelectorAll(".qb-meeting-rename-button, .qb-meeting-delete-button")
      .forEach(function (b) { b.hidden = general; });
    var form = bar.querySelector(".qb-meeting-rename");
    if (form && general) form.hidden = true;
    var undo = bar.querySelector(".qb-meeting-undo");
    if (undo) undo.hidden = deleted.length === 0;
  }

  A.manageControls = manageControls;
  A.fillManage = fillManage;
})();
