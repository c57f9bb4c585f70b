// The not-found page (404.html) carries absolute URLs from the site's address, so that a
// server can show it for a missing page at any depth. Opened from a shared drive (file://),
// it sits in the site's top folder: point its links and stylesheets there instead.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  var marker = document.querySelector("[data-site-root]");
  var root = marker && marker.getAttribute("data-site-root");
  if (!root || root.charAt(0) !== "/") return;
  document.querySelectorAll("[href], form[action]").forEach(function (el) {
    var attr = el.hasAttribute("href") ? "href" : "action";
    var value = el.getAttribute(attr);
    if (value.indexOf(root) === 0) el.setAttribute(attr, value.slice(root.length) || "index.html");
  });
})();
