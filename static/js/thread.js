// The thread, enhanced. Everything here also works without JavaScript through plain links
// and forms; this script only saves reloads: inline preview, reply in place, reactions,
// "show more", and a notice when new comments arrive.
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var DEFAULT_POLL_MS = 30000; // how often to ask whether new comments exist
  var PREVIEW_DELAY_MS = 350;

  function post(url, data, accept) {
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.content : "", "Accept": accept || "application/json" },
    });
  }

  // What a refusal says: the server's own message (every error of these endpoints is JSON), or the status.
  function refusal(r, answer) {
    if (answer && answer.error && answer.error.message) return answer.error.message;
    if (r.status === 401) return "You were signed out; sign in again to carry on.";
    return "That did not work (" + r.status + ").";
  }

  function say(target, message) {
    var note = document.createElement("p");
    note.className = "error";
    note.setAttribute("role", "status");
    note.textContent = message;
    target.replaceChildren(note);
    target.hidden = false;
  }

  // Inline preview and a character count under every comment text area.
  document.querySelectorAll("textarea[data-preview-url]").forEach(function (area) {
    var form = area.closest("form");
    var target = document.getElementById(area.dataset.previewTarget);
    var counter = form && form.querySelector(".char-count");
    var max = parseInt(area.dataset.maxChars || "0", 10);
    var timer = null;
    var sent = 0;

    function count() {
      if (!counter || !max) return;
      var used = area.value.trim().length;
      counter.textContent = used.toLocaleString() + " / " + max.toLocaleString();
      counter.classList.toggle("over", used > max);
    }

    function refresh() {
      if (!target) return;
      if (!area.value.trim()) { target.hidden = true; return; }
      var mine = ++sent;
      var data = new FormData();
      data.append("body", area.value);
      post(area.dataset.previewUrl, data)
        .then(function (r) {
          return r.json().catch(function () { return {}; }).then(function (answer) {
            if (mine !== sent) return;
            if (r.ok && answer.html !== undefined) {
              target.innerHTML = '<p class="preview-label">Preview</p>' + answer.html; // sanitized by the server
              target.hidden = false;
              return;
            }
            say(target, refusal(r, answer));
            if (r.status === 429) {  // ask again once the server allows
              clearTimeout(timer);
              timer = setTimeout(refresh, (parseInt(r.headers.get("Retry-After"), 10) || 5) * 1000);
            }
          });
        })
        .catch(function () {}); // offline: keep the last preview
    }

    area.addEventListener("input", function () {
      count();
      clearTimeout(timer);
      timer = setTimeout(refresh, PREVIEW_DELAY_MS);
    });
    count();
  });

  // Times: "3 hours ago", with the exact time in the reader's own zone on hover (the page, without
  // JavaScript, shows UTC and says so once).
  var RELATIVE_UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
                        ["hour", 3600], ["minute", 60]];
  var relative = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }) : null;
  var exact = window.Intl ? new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }) : null;
  function describeTimes(root) {
    if (!relative || !exact) return;
    var now = Date.now();
    root.querySelectorAll(".comment-head time[datetime]").forEach(function (time) {
      var when = new Date(time.getAttribute("datetime"));
      if (isNaN(when)) return;
      var seconds = Math.round((when.getTime() - now) / 1000);
      var text = "just now";
      for (var i = 0; i < RELATIVE_UNITS.length; i++) {
        var size = RELATIVE_UNITS[i][1];
        if (Math.abs(seconds) >= size) { text = relative.format(Math.round(seconds / size), RELATIVE_UNITS[i][0]); break; }
      }
      time.textContent = text;
      time.title = exact.format(when);
    });
  }
  describeTimes(document);
  var timeNote = document.querySelector("[data-time-note]");
  if (timeNote && exact) {
    var zone = exact.resolvedOptions().timeZone;
    timeNote.textContent = zone ? "Times are in your time zone (" + zone.replace(/_/g, " ") + ")." : "";
  }

  // A link to a comment (a permalink, or the page after posting) scrolls to it; focus goes there too,
  // so that the keyboard and screen readers carry on from the comment rather than the page's top.
  function focusTarget() {
    var match = /^#comment-\d+$/.exec(window.location.hash);
    var target = match && document.getElementById(match[0].slice(1));
    if (!target) return;
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
  }
  focusTarget();
  window.addEventListener("hashchange", focusTarget);

  // The page's message about the comment just acted on (posted, flagged, deleted: the page came back
  // scrolled to it) goes beside that comment, where the reader is, not at the top of the page far above.
  (function bringMessageToTarget() {
    var match = /^#comment-\d+$/.exec(window.location.hash);
    var target = match && document.getElementById(match[0].slice(1));
    var flashes = document.getElementById("flashes");
    if (!target || !flashes) return;
    var anchor = target.querySelector(":scope > .comment-actions, :scope > .tombstone-text, :scope > .comment-body");
    if (anchor) anchor.after(flashes);
    flashes.classList.add("beside-comment");
  })();

  var thread = document.querySelector(".discussion");
  if (!thread) return;
  var mainForm = document.getElementById("comment-form");

  // Reply in place: move the comment form under the comment being answered, and back again.
  var home = mainForm ? { parent: mainForm.parentNode, next: mainForm.nextSibling } : null;
  function cancelReply(event) {
    event.preventDefault();
    var parent = mainForm.querySelector('input[name="parent_id"]');
    if (parent) parent.value = "";
    var title = mainForm.querySelector(".form-title");
    if (title) title.textContent = "Join the discussion";
    var stance = mainForm.querySelector(".stance-field");
    if (stance) stance.hidden = false;
    var submit = mainForm.querySelector('button[name="post"]');
    if (submit) submit.textContent = "Post comment";
    event.target.remove();
    home.parent.insertBefore(mainForm, home.next);
  }
  thread.addEventListener("click", function (event) {
    var link = event.target.closest(".reply-link");
    if (!link || !mainForm || mainForm.tagName !== "FORM") return;
    event.preventDefault();
    var comment = link.closest(".comment");
    var parent = mainForm.querySelector('input[name="parent_id"]');
    if (!parent) {
      parent = document.createElement("input");
      parent.type = "hidden";
      parent.name = "parent_id";
      mainForm.appendChild(parent);
    }
    parent.value = link.dataset.replyTo;
    var title = mainForm.querySelector(".form-title");
    if (title) title.textContent = "Your reply to " + (link.dataset.replyName || "this comment");
    var stance = mainForm.querySelector(".stance-field");
    if (stance) {
      stance.hidden = true; // replies take no stance
      var none = stance.querySelector('input[type="radio"][value=""]');
      if (none) none.checked = true;
    }
    var note = mainForm.querySelector(".replying-note");
    if (note) note.remove(); // the no-JavaScript form's note names another comment
    var submit = mainForm.querySelector('button[name="post"]');
    if (submit) submit.textContent = "Post reply";
    if (!mainForm.querySelector(".cancel-reply-js")) {
      var cancel = document.createElement("button");
      cancel.type = "button";
      cancel.className = "link-button cancel-reply-js";
      cancel.textContent = "Cancel reply";
      cancel.addEventListener("click", cancelReply);
      mainForm.querySelector(".form-actions").appendChild(cancel);
    }
    var footer = comment.querySelector(":scope > .comment-actions");
    comment.insertBefore(mainForm, footer ? footer.nextSibling : null);
    mainForm.querySelector("textarea").focus();
  });

  // Reactions without reloading.
  thread.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList.contains("react")) return;
    event.preventDefault();
    var button = event.submitter;
    var data = new FormData(form);
    data.append("kind", button.value);
    post(form.action, data)
      .then(function (r) {
        if (r.status === 401 || r.status === 429) {
          // Said where the reader clicked (a plain post would only meet the same refusal).
          return r.json().catch(function () { return {}; }).then(function (answer) {
            var note = form.querySelector(".react-note") || document.createElement("span");
            note.className = "react-note error";
            note.setAttribute("role", "status");
            note.textContent = refusal(r, answer);
            form.appendChild(note);
            return null;
          });
        }
        if (!r.ok) throw new Error(r.status);
        return r.json();
      })
      .then(function (answer) {
        if (!answer) return;
        form.querySelectorAll("button.vote").forEach(function (b) {
          var held = answer.held === b.value;
          b.classList.toggle("held", held);
          b.setAttribute("aria-pressed", held ? "true" : "false");
          // The not-helpful count is only shown (and only sent) to moderators and the author.
          var count = b.value === "up" ? answer.up : answer.down;
          var number = b.querySelector(".n");
          if (number && count !== undefined) {
            number.textContent = count;
            b.setAttribute("aria-label", (b.value === "up" ? "Helpful, " : "Not helpful, ") + count);
          }
        });
      })
      .catch(function () { form.submit(); }); // fall back to the plain form post
  });

  // "Show more comments" in place.
  thread.addEventListener("click", function (event) {
    var more = event.target.closest("a.more[data-fragment-url]");
    if (!more) return;
    event.preventDefault();
    more.textContent = "Loading…";
    fetch(more.dataset.fragmentUrl, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        var item = more.closest(".more-item");
        var holder = document.createElement("ol");
        holder.innerHTML = html; // rendered by our own templates from sanitized comments
        var list = item.parentNode;
        describeTimes(holder);
        while (holder.firstElementChild) list.insertBefore(holder.firstElementChild, item);
        item.remove();
      })
      .catch(function () { window.location = more.href; });
  });

  // "3 new comments — show": ask now and then; the server answers 304 while nothing changed.
  var notice = thread.querySelector(".new-comments");
  var url = thread.dataset.newUrl;
  if (!notice || !url) return;
  var etag = null;
  function poll() {
    if (document.hidden) return;
    var headers = etag ? { "If-None-Match": etag } : {};
    fetch(url, { credentials: "same-origin", headers: headers })
      .then(function (r) {
        if (r.status === 304) return null;
        etag = r.headers.get("ETag");
        return r.json();
      })
      .then(function (answer) {
        if (!answer || !answer.count) return;
        var link = notice.querySelector("a");
        link.textContent = answer.count + " new comment" + (answer.count === 1 ? "" : "s") + " — show";
        notice.hidden = false;
      })
      .catch(function () {});
  }
  setInterval(poll, parseInt(notice.dataset.pollMs || "", 10) || DEFAULT_POLL_MS);
  document.addEventListener("visibilitychange", poll);
})();
