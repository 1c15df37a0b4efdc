// Parley's embed loader. A publisher's page holds
//   <div id="parley-thread" data-url="https://their.site/story" data-title="…"></div>
//   <script src="https://parley.example/embed.js" async></script>
// and this script puts that story's thread there, in a frame served by Parley. The frame tells
// this page its height and this page tells the frame its colour scheme, by postMessage, each
// side accepting messages from the other's origin only. No inline script, no globals.
(function () {
  "use strict";
  var MIN_HEIGHT_PX = 160; // before the frame first reports its height
  var MAX_HEIGHT_PX = 200000; // a height past this is a mistake, not a thread

  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  if (!script) return;
  var parley = new URL(script.src, document.baseURI).origin;

  function schemeOf(holder) {
    var chosen = holder.getAttribute("data-theme");
    if (chosen === "light" || chosen === "dark") return chosen;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function storyUrl(holder) {
    var given = holder.getAttribute("data-url");
    if (given) return new URL(given, document.baseURI).href;
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = new URL(canonical ? canonical.href : window.location.href);
    url.hash = "";
    return url.href;
  }

  function start() {
    var holder = document.getElementById("parley-thread");
    if (!holder || holder.getAttribute("data-parley-started")) return;
    holder.setAttribute("data-parley-started", "1");

    var src = new URL("/embed/thread", parley);
    src.searchParams.set("url", storyUrl(holder));
    var title = holder.getAttribute("data-title");
    if (title) src.searchParams.set("title", title);
    src.searchParams.set("theme", schemeOf(holder));
    src.searchParams.set("origin", window.location.origin);

    var frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = "Comments";
    frame.setAttribute("scrolling", "no");
    frame.style.width = "100%";
    frame.style.height = MIN_HEIGHT_PX + "px";
    frame.style.border = "0";
    frame.style.display = "block";
    frame.style.colorScheme = "normal"; // let the frame's own background show, whatever this page's scheme
    holder.appendChild(frame);

    window.addEventListener("message", function (event) {
      if (event.origin !== parley || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (data && data.type === "parley:height" && typeof data.height === "number" && isFinite(data.height)) {
        var height = Math.min(MAX_HEIGHT_PX, Math.max(0, Math.ceil(data.height)));
        frame.style.height = height + "px";
      }
    });

    function sendScheme() {
      if (!frame.contentWindow) return;
      frame.contentWindow.postMessage({ type: "parley:theme", theme: schemeOf(holder) }, parley);
    }
    if (window.matchMedia) {
      var query = window.matchMedia("(prefers-color-scheme: dark)");
      if (query.addEventListener) query.addEventListener("change", sendScheme);
    }
    // Sites with a light/dark switch can flip data-theme on the div; the thread follows.
    new MutationObserver(sendScheme).observe(holder, { attributes: true, attributeFilter: ["data-theme"] });
    // Every page the frame loads (after posting, sorting, signing in) learns the scheme as it is now.
    frame.addEventListener("load", sendScheme);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
