// Meetings: each keeps its own ticks, answers and notes (a body, a date and a title).
// "Meeting: [the one shown] [New meeting]" above every checklist, My questions and the pack.
(function () {
  "use strict";

  var S = window.qbankStore;
  var M = window.qbankMerge;
  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};
  var store = A.store;
  var GENERAL = S.GENERAL;

  function bodyName(id) {
    var name = "";
    store.BODIES.forEach(function (b) { if (b.id === id) name = b.name; });
    return name;
  }

  function meetingLabel(m) {
    if (m.id === GENERAL) return "General: not for a particular meeting";
    var label = bodyName(m.body) || "Any body";
    if (m.date) label += ", " + S.longDate(m.date);
    return m.title ? label + ": " + m.title : label;
  }

  // Newest first; the general answers last. Deleted meetings, and those of a body this
  // edition does not have (kept aside, exported again), are not shown.
  function ordered() {
    return M.ordered(A.data().meetings).filter(store.shown);
  }

  // What a body's chooser offers: that body's meetings, newest first, then General; with no
  // body (My questions), every meeting shown.
  function choices(body) {
    if (!body) return ordered();
    return M.meetingsFor(A.data(), body).concat([A.meetingById(GENERAL)]).filter(store.shown);
  }

  function openMeeting(id, keep) {
    var m = A.meetingById(id);
    if (!m || m.deleted) return false;
    A.data().current = m.id;
    if (keep !== false) A.save();
    A.refresh();
    return true;
  }

  // A new meeting, shown from now on: copyTicks starts it with the questions ticked for the
  // meeting shown now, carry (question IDs) with last time's doubtful ones (meetings-start.js).
  function newMeeting(body, date, title, copyTicks, carry) {
    var from = A.all();
    var ticked = copyTicks ? Object.keys(from).filter(function (id) { return from[id].ask; }) : [];
    ticked = ticked.concat(carry || []);
    var next = A.update(function (s, by, now) {
      return M.newMeeting(s, { body: body, date: date, title: title }, by, now, ticked);
    });
    A.refresh();
    return A.meetingById(next.current);
  }

  // The meeting for a body on a date, if one was named: a pack for it shows its answers.
  function meetingFor(body, date) {
    var found = null;
    ordered().forEach(function (m) {
      if (!found && m.body === body && m.date === date) found = m;
    });
    return found;
  }

  var barCount = 0;
  var meetingBars = [];

  // "Meeting: [the one shown ▾] [New meeting] [Rename] [Delete]": on every checklist, My
  // questions and the pack page. Changing it shows that meeting's ticks, answers and notes.
  // A body's page (body given) lists that body's meetings and General only, so ticks given
  // there never join another body's meeting. The pack page has no "New meeting": its own
  // form names the body, date and title, and offers to start the meeting (meetings-start.js).
  function meetingBar(defaultBody, chooseOnly, body) {
    barCount += 1;
    var n = barCount;
    var bar = document.createElement("div");
    bar.className = "qb-meeting";
    bar.qbBody = body || "";
    bar.setAttribute("data-search-exclude", "");
    var line = document.createElement("p");
    var label = document.createElement("label");
    label.htmlFor = "qb-meeting-" + n;
    label.textContent = "Meeting";
    var select = document.createElement("select");
    select.id = "qb-meeting-" + n;
    select.className = "qb-meeting-select";
    select.setAttribute("aria-describedby", "qb-meeting-hint-" + n);
    line.appendChild(label);
    line.appendChild(document.createTextNode(" "));
    line.appendChild(select);
    line.appendChild(document.createTextNode(" "));
    var status = A.statusLine("qb-meeting-status");
    var form = newMeetingForm(n, defaultBody, status, function () { opener.focus(); });
    var opener = A.button("New meeting", function () {
      form.hidden = false;
      opener.setAttribute("aria-expanded", "true");
      form.querySelector("select").focus();
    });
    opener.setAttribute("aria-expanded", "false");
    if (!chooseOnly) {
      line.appendChild(opener);
      line.appendChild(document.createTextNode(" "));
    }
    var extras = A.manageControls ? A.manageControls(bar, line, n, status) : [];
    var packLink = document.createElement("a");
    packLink.className = "qb-meeting-pack";
    line.appendChild(packLink);
    bar.appendChild(line);
    var elsewhere = document.createElement("p");
    elsewhere.className = "qb-meeting-elsewhere";
    elsewhere.hidden = true;
    bar.appendChild(elsewhere);
    // On the chooser's line, not a line of its own: the first question stays on the first
    // screen.
    var hint = document.createElement("span");
    hint.id = "qb-meeting-hint-" + n;
    hint.className = "qb-meeting-hint";
    hint.textContent = "Each meeting keeps its own answers, in this browser only.";
    line.appendChild(document.createTextNode(" "));
    line.appendChild(hint);
    if (!chooseOnly) bar.appendChild(form);
    extras.forEach(function (el) { bar.appendChild(el); });
    bar.appendChild(status);
    select.addEventListener("change", function () {
      if (openMeeting(select.value)) {
        status.textContent = "Showing your ticks, answers and notes for " +
          meetingLabel(A.current()) + ".";
      }
    });
    form.addEventListener("qb-toggle", function () {
      opener.setAttribute("aria-expanded", form.hidden ? "false" : "true");
    });
    meetingBars.push(bar);
    fillBar(bar);
    return bar;
  }

  function fillBar(bar) {
    var select = bar.querySelector(".qb-meeting-select");
    while (select.firstChild) select.removeChild(select.firstChild);
    var other = A.current();
    var elsewhere = bar.querySelector(".qb-meeting-elsewhere");
    // Another body's meeting is not this page's: its answers here go to General.
    if (!M.belongsTo(other, bar.qbBody)) {
      A.data().current = GENERAL;
      elsewhere.textContent = "The meeting open on other pages, " + meetingLabel(other) +
        ", is of another body: here your answers go to General until you choose or start a " +
        "meeting for " + bodyName(bar.qbBody) + ".";
      elsewhere.hidden = false;
    } else if (A.current().id !== GENERAL) {
      elsewhere.hidden = true;
    }
    choices(bar.qbBody).forEach(function (m) {
      var option = document.createElement("option");
      option.value = m.id;
      option.textContent = meetingLabel(m);
      select.appendChild(option);
    });
    var m = A.current();
    select.value = m.id;
    var link = bar.querySelector(".qb-meeting-pack");
    link.hidden = !(m.body && m.date);
    if (!link.hidden) {
      var query = new URLSearchParams({ body: m.body, date: m.date });
      if (m.title) query.set("title", m.title);
      link.href = A.ROOT + "meeting-pack.html?" + query.toString();
      link.textContent = "Meeting pack for this meeting";
    } else {
      link.removeAttribute("href");
      link.textContent = "";
    }
    if (A.fillManage) A.fillManage(bar);
  }


  function newMeetingForm(n, defaultBody, status, closed) {
    var box = A.group("qb-meeting-new", "New meeting");
    var body = document.createElement("select");
    var choose = document.createElement("option");
    choose.value = "";
    choose.textContent = "Choose a body";
    body.appendChild(choose);
    store.BODIES.forEach(function (b) {
      var option = document.createElement("option");
      option.value = b.id;
      option.textContent = b.name;
      body.appendChild(option);
    });
    body.value = defaultBody && store.knownBody(defaultBody) ? defaultBody : "";
    var date = A.dateInput();
    var title = A.titleInput();
    var copy = document.createElement("input");
    copy.type = "checkbox";
    box.appendChild(A.field("", "qb-new-body-" + n, "Body", body));
    box.appendChild(A.field("", "qb-new-date-" + n, "Meeting date", date));
    box.appendChild(A.field("", "qb-new-title-" + n, "Meeting title (optional)", title));
    box.appendChild(A.field("check", "qb-new-copy-" + n,
      "Start with the questions ticked for the meeting shown now", copy));
    var carry = A.carryField("qb-new-carry-" + n);
    box.appendChild(carry.element);
    function follow() { carry.update(body.value, date.value); }
    body.addEventListener("change", follow);
    date.addEventListener("change", follow);
    date.addEventListener("input", follow);
    function close() {
      box.hidden = true;
      box.dispatchEvent(new Event("qb-toggle"));
      closed();
    }
    var create = A.button("Save the new meeting", function () {
      if (!body.value) {
        status.textContent = "Choose the body the meeting is for.";
        body.focus();
        return;
      }
      if (!S.isoDate(date.value)) {
        status.textContent = "Give the meeting’s date (a year between 1900 and 2100).";
        date.focus();
        return;
      }
      var carried = carry.chosen().length;
      var m = newMeeting(body.value, date.value, title.value.trim(), copy.checked,
        carry.chosen());
      title.value = "";
      date.value = "";
      copy.checked = false;
      carry.reset();
      follow();
      close();
      status.textContent = "Saved the new meeting " + meetingLabel(m) + (carried ? ", with " +
        S.plural(carried, "question") + " from last time ticked" : "") + ". Your ticks, " +
        "answers and notes are kept for it now.";
    });
    var cancel = A.button("Cancel", function () {
      close();
      status.textContent = "No new meeting.";
    });
    box.appendChild(A.actions([create, cancel]));
    return box;
  }

  A.meetingLabel = meetingLabel;
  A.ordered = ordered;
  A.openMeeting = openMeeting;
  A.newMeeting = newMeeting;
  A.meetingFor = meetingFor;
  A.meetingBar = meetingBar;
  A.fillBar = fillBar;
  A.meetingBars = meetingBars;
})();
