// The small pieces of page the answers parts share: warnings at the top of the page, buttons,
// status lines that screen readers announce, toolbars, labelled fields and file downloads.
(function () {
  "use strict";

  var A = window.qbankAnswersParts = window.qbankAnswersParts || {};

  function article() {
    return document.querySelector(".md-content__inner") || document.body;
  }

  var TITLES = {
    save: "Your answers are not being saved",
    unreadable: "Earlier answers could not be read"
  };

  // A visible message at the top of the page (a warning that stays until fixed), with the
  // buttons that fix it.
  function notice(kind, text, buttons, title) {
    var box = document.getElementById("qb-notice-" + kind);
    if (!box) {
      box = document.createElement("div");
      box.id = "qb-notice-" + kind;
      box.className = "admonition warning qb-notice";
      box.setAttribute("role", "alert");
      box.setAttribute("data-search-exclude", "");
      var heading = document.createElement("p");
      heading.className = "admonition-title";
      heading.textContent = title || TITLES[kind] || "";
      box.appendChild(heading);
      box.appendChild(document.createElement("p"));
      (buttons || []).forEach(function (b) {
        box.appendChild(b);
        box.appendChild(document.createTextNode(" "));
      });
      var place = function () {
        var root = article();
        var h1 = root.querySelector("h1");
        if (h1 && h1.parentNode === root) root.insertBefore(box, h1.nextSibling);
        else root.insertBefore(box, root.firstChild);
      };
      // Storage is first read as the page loads, possibly before the article is parsed.
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", place);
      } else {
        place();
      }
    }
    box.querySelector("p:not(.admonition-title)").textContent = text;
  }

  function removeNotice(kind) {
    var box = document.getElementById("qb-notice-" + kind);
    if (box) box.remove();
  }

  function button(label, onClick, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "md-button" + (className ? " " + className : "");
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function statusLine(className) {
    var p = document.createElement("p");
    p.setAttribute("role", "status");
    p.className = className || "qb-toolbar-status";
    return p;
  }

  function download(name, blob) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  // The status line of whichever toolbar the user is in.
  var currentStatus = null;
  function announce(text) {
    if (currentStatus) currentStatus.textContent = text;
  }

  function toolbar(intro, controls) {
    var bar = document.createElement("div");
    bar.className = "qb-toolbar";
    bar.setAttribute("data-search-exclude", "");
    var status = statusLine();
    if (intro) {
      var p = document.createElement("p");
      p.textContent = intro;
      bar.appendChild(p);
    }
    controls.forEach(function (c) {
      bar.appendChild(c);
      bar.appendChild(document.createTextNode(" "));
    });
    bar.appendChild(status);
    bar.addEventListener("focusin", function () { currentStatus = status; });
    bar.addEventListener("click", function () { currentStatus = status; });
    if (!currentStatus) currentStatus = status;
    return bar;
  }

  function field(kind, id, text, control) {
    var p = document.createElement("p");
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = text;
    control.id = id;
    if (kind === "check") {
      p.appendChild(control);
      p.appendChild(document.createTextNode(" "));
      p.appendChild(label);
    } else {
      p.appendChild(label);
      p.appendChild(document.createTextNode(" "));
      p.appendChild(control);
    }
    return p;
  }

  // A form's group of fields, hidden until opened, named for assistive technology.
  function group(className, label) {
    var box = document.createElement("div");
    box.className = className;
    box.hidden = true;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", label);
    return box;
  }

  // A meeting's date (1900 to 2100) and title, as every meeting form asks for them.
  function dateInput() {
    var date = document.createElement("input");
    date.type = "date";
    date.min = "1900-01-01";
    date.max = "2100-12-31";
    return date;
  }

  function titleInput() {
    var title = document.createElement("input");
    title.type = "text";
    title.maxLength = window.qbankStore.MAX_TITLE;
    title.autocomplete = "off";
    return title;
  }

  // A line of buttons, a space between each.
  function actions(buttons) {
    var p = document.createElement("p");
    buttons.forEach(function (b, i) {
      if (i) p.appendChild(document.createTextNode(" "));
      p.appendChild(b);
    });
    return p;
  }

  A.notice = notice;
  A.removeNotice = removeNotice;
  A.button = button;
  A.statusLine = statusLine;
  A.download = download;
  A.announce = announce;
  A.toolbar = toolbar;
  A.field = field;
  A.group = group;
  A.dateInput = dateInput;
  A.titleInput = titleInput;
  A.actions = actions;
})();
