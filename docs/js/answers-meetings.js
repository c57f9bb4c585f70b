// Meetings: each keeps its own ticks, answers and notes (a body, a date and a title).
// "Meeting: [the one shown] [New meeting]" above every checklist, My questions and the pack.
(function () {
  "use strict";

  var S = window.qbankStore;
  var MS = window.qbankMeetings;
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

  // Newest first; the general answers last.
  function ordered() {
    return A.data().meetings.slice().sort(function (a, b) {
      if (a.id === GENERAL || b.id === GENERAL) return a.id === GENERAL ? 1 : -1;
      return a.date === b.date ? 0 : (a.date < b.date ? 1 : -1);
    });
  }

  function openMeeting(id, keep) {
    if (!A.meetingById(id)) return false;
    A.data().current = id;
    if (keep !== false) A.save();
    A.refresh();
    return true;
  }

  function newMeeting(body, date, title, copyTicks) {
    var from = A.all();
    var answers = {};
    if (copyTicks) {
      Object.keys(from).forEach(function (id) {
        if (from[id].ask) answers[id] = { ask: true, status: "", note: "" };
      });
    }
    var m = {
      id: "m" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6),
      body: body, date: date, title: title.slice(0, S.MAX_TITLE), answers: answers
    };
    A.data().meetings.push(m);
    openMeeting(m.id);
    return m;
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
    var hint = document.createElement("p");
    hint.id = "qb-meeting-hint-" + n;
    hint.className = "qb-meeting-hint";
    hint.textContent = "Each meeting keeps its own ticks, answers and notes, in this " +
      "browser on this device only: choose an earlier one to see what you asked then.";
    bar.appendChild(hint);
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
    if (!MS.belongsTo(other, bar.qbBody)) {
      A.data().current = GENERAL;
      elsewhere.textContent = "The meeting open on other pages, " + meetingLabel(other) +
        ", is of another body: here your answers go to General until you choose or start a " +
        "meeting for " + bodyName(bar.qbBody) + ".";
      elsewhere.hidden = false;
    } else if (A.current().id !== GENERAL) {
      elsewhere.hidden = true;
    }
    MS.meetingsFor(A.data().meetings, bar.qbBody).forEach(function (m) {
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
    var box = document.createElement("div");
    box.className = "qb-meeting-new";
    box.hidden = true;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "New meeting");
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
    var date = document.createElement("input");
    date.type = "date";
    date.min = "1900-01-01";
    date.max = "2100-12-31";
    var title = document.createElement("input");
    title.type = "text";
    title.maxLength = S.MAX_TITLE;
    title.autocomplete = "off";
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
      var m = newMeeting(body.value, date.value, title.value.trim(), copy.checked);
      var carried = carry.apply(m);
      if (carried) {
        A.save();
        A.refresh();
      }
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
    var actions = document.createElement("p");
    actions.appendChild(create);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(cancel);
    box.appendChild(actions);
    return box;
  }

  // Answers from version 1, over http(s) only (from file:// every copy shares them): they

  A.meetingLabel = meetingLabel;
  A.ordered = ordered;
  A.openMeeting = openMeeting;
  A.newMeeting = newMeeting;
  A.meetingFor = meetingFor;
  A.meetingBar = meetingBar;
  A.fillBar = fillBar;
  A.meetingBars = meetingBars;
})();
