// Runs in Parley's pages inside a publisher's frame (templates/embed/). It reports the page's
// height to the embedding page, follows its colour scheme, opens sign-in in a popup and reloads
// when the popup says the reader signed in. Every message names its target origin, and every
// received message is checked against the one origin allowed to send it.
(function () {
  "use strict";
  var root = document.documentElement;
  var body = document.body;

  // The last page of the sign-in popup: tell the frame that opened it (Parley's own origin), then close.
  if (body.hasAttribute("data-signed-in")) {
    if (window.opener) {
      window.opener.postMessage({ type: "parley:signed-in" }, window.location.origin);
      window.close();
    }
    return;
  }

  // The server names the embedding page's origin only when an admin allowed it.
  var parentOrigin = body.getAttribute("data-parent-origin");
  if (parentOrigin && window.parent !== window) {
    var lastHeight = -1;
    var report = function () {
      var height = Math.ceil(root.getBoundingClientRect().height);
      if (height === lastHeight) return;
      lastHeight = height;
      window.parent.postMessage({ type: "parley:height", height: height }, parentOrigin);
    };
    new ResizeObserver(report).observe(body);
    window.addEventListener("load", report);
    report();

    window.addEventListener("message", function (event) {
      if (event.origin !== parentOrigin || event.source !== window.parent) return;
      var theme = event.data && event.data.type === "parley:theme" ? event.data.theme : null;
      if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
    });
  }

  // Sign in (or sign up) in a popup: session cookies belong to Parley's own window, and a password
  // is better typed in a window whose address bar shows Parley. Without scripts the link opens a tab.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-popup]");
    if (!link) return;
    var popup = window.open(link.href, "parley-sign-in", "popup,width=520,height=720");
    if (popup) {
      event.preventDefault();
      popup.focus();
    }
  });
  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin) return;
    if (event.data && event.data.type === "parley:signed-in") window.location.reload();
  });
})();
