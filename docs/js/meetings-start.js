// Starting a meeting, and "since last time" (docs/contributing/answers-format.md): a new
// meeting of a body that met before offers to tick again the questions last time rated "Not
// assured" or "Partly assured", and each question shows last time's rating and note
// ("Last time, 14 January 2027: Partly assured — …"), on screen and on paper.
// Loaded after meetings-manage.js; used by the chooser's new-meeting form and by pack.js.
(function () {
  "use strict";

  var S = window.qbankStore;
  var M = window.qbankMerge;
  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};

  // "Tick the 2 questions rated Not assured or Partly assured on 14 January 2027": a check
  // box, shown only when the body met before the date. update(body, date) follows the form.
  function carryField(id) {
    var box = document.createElement("input");
    box.type = "checkbox";
    var p = A.field("check", id, "", box);
    p.className = "qb-carry";
    p.hidden = true;
    var label = p.querySelector("label");
    var ids = [];
    var last = null;
    return {
      element: p,
      update: function (body, date) {
        last = body && S.isoDate(date) ? M.lastTime(A.data(), body, S.isoDate(date)) : null;
        ids = M.carryForward(last);
        p.hidden = ids.length === 0;
        if (p.hidden) box.checked = false;
        else {
          label.textContent = "Tick again the " + (ids.length === 1 ? "question" :
            ids.length + " questions") + " rated Not assured or Partly assured last time (" +
            A.meetingLabel(last) + ")";
        }
      },
      // The questions to tick in the new meeting: none unless the box is ticked.
      chosen: function () { return p.hidden || !box.checked ? [] : ids.slice(); },
      reset: function () { box.checked = false; }
    };
  }

  // A new meeting, shown from now on, with last time's doubtful questions ticked if asked.
  function start(body, date, title, carry) {
    var ids = carry ? carry.chosen() : [];
    var m = A.newMeeting(body, date, title, false, ids);
    return { meeting: m, carried: ids.length };
  }

  function startedMessage(result) {
    return "Started the meeting " + A.meetingLabel(result.meeting) + (result.carried ?
      ", with " + S.plural(result.carried, "question") + " from last time ticked" : "") +
      ". Your ticks, answers and notes are kept for it now.";
  }

  // The pack page: no meeting is kept for the body and date the form names, so offer to
  // start one with them. where() gives {body, date, title}; started(result) follows.
  function startBox(where, started) {
    var box = document.createElement("div");
    box.className = "qb-toolbar qb-meeting-start qb-screen-only";
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", "qb-meeting-start-text");
    box.setAttribute("data-search-exclude", "");
    box.hidden = true;
    var text = document.createElement("p");
    text.id = "qb-meeting-start-text";
    box.appendChild(text);
    var carry = carryField("qb-start-carry");
    box.appendChild(carry.element);
    var go = A.button("Start this meeting", function () {
      var w = where();
      var result = start(w.body, w.date, w.title, carry);
      carry.reset();
      box.hidden = true;
      started(result);
    });
    box.appendChild(A.actions([go]));
    box.qbUpdate = function (w, bodyName) {
      var named = w.body && S.isoDate(w.date) ? A.meetingFor(w.body, w.date) : null;
      box.hidden = !w.body || !S.isoDate(w.date) || !!named;
      if (box.hidden) return;
      text.textContent = "No meeting for " + bodyName + " on " + S.longDate(w.date) +
        " is kept in this browser. Start one to tick questions for it here: the pack of " +
        "ticked questions then holds them.";
      carry.update(w.body, w.date);
    };
    return box;
  }

  // Each question of a checklist shows last time's rating and note, for the meeting shown.
  function showLastTime(root) {
    root.querySelectorAll(".qb-last-time").forEach(function (p) { p.remove(); });
    var m = A.current();
    var last = M.lastTimeOf(A.data(), m);
    if (!last) return 0;
    var label = "Last time, " + S.longDate(last.date) + ":";
    var shown = 0;
    root.querySelectorAll(".qb-question").forEach(function (block) {
      var ask = block.querySelector('input[name="ask"]');
      var said = ask ? M.lastTimeText(last.answers[ask.value]) : "";
      var respond = block.querySelector(".qb-respond");
      if (!said || !respond) return;
      var p = document.createElement("p");
      p.className = "qb-last-time";
      p.setAttribute("data-search-exclude", "");
      var strong = document.createElement("strong");
      strong.textContent = label;
      p.appendChild(strong);
      p.appendChild(document.createTextNode(" " + said));
      respond.parentNode.insertBefore(p, respond);
      shown += 1;
    });
    return shown;
  }

  A.carryField = carryField;
  A.startMeeting = start;
  A.startedMessage = startedMessage;
  A.startBox = startBox;
  A.showLastTime = showLastTime;
})();
