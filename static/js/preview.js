// Live preview for Markdown text areas: <textarea data-preview-url="…" data-preview-target="id">.
// The server renders with the same pipeline that saves, so the preview is what readers will see.
(function () {
  "use strict";
  var token = document.querySelector('meta[name="csrf-token"]');
  var DELAY_MS = 350; // wait for a pause in typing rather than render every keystroke

  document.querySelectorAll("textarea[data-preview-url]").forEach(function (area) {
    var target = document.getElementById(area.dataset.previewTarget);
    if (!target) return;
    var timer = null;
    var sent = 0;

    function refresh() {
      var mine = ++sent;
      var body = new FormData();
      body.append("body", area.value);
      fetch(area.dataset.previewUrl, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.content : "", "Accept": "application/json" },
      })
        .then(function (response) {
          if (response.status === 429) {
            // Previewing too often: say so, and try once more when the server allows.
            var wait = parseInt(response.headers.get("Retry-After"), 10) || 5;
            clearTimeout(timer);
            timer = setTimeout(refresh, wait * 1000);
            return { error: { message: "Too many previews in a short time; the preview comes back in " + wait + " s." } };
          }
          if (response.status === 401) {
            return { error: { message: "You were signed out; sign in again (in another tab, to keep this page) to carry on." } };
          }
          return response.json().catch(function () {
            return { error: { message: "The preview failed (" + response.status + ")." } };
          });
        })
        .then(function (data) {
          if (mine !== sent) return; // an answer to an older keystroke
          if (data.html !== undefined) {
            target.innerHTML = data.html; // already sanitized by the server's allow-list
          } else if (data.error) {
            target.textContent = data.error.message || data.error;
          }
        })
        .catch(function () { /* offline or signed out: keep the last preview */ });
    }

    area.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY_MS);
    });
  });

  // The title and summary as the front page and the article will show them, as they are typed
  // (as text: nothing typed here is markup).
  document.querySelectorAll("[data-mirror-source]").forEach(function (source) {
    var name = source.dataset.mirrorSource;
    source.addEventListener("input", function () {
      var text = source.value.trim();
      document.querySelectorAll('[data-mirror="' + name + '"]').forEach(function (mirror) {
        mirror.textContent = text || (name === "title" ? "Untitled" : "");
        if (name === "summary") mirror.hidden = !text;
      });
    });
  });
})();
