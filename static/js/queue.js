// Keyboard work on a moderation queue: j/k move, a approve, r reject (then a reason's number),
// s spam, f feature, u undo the last act made on this page, x select for a bulk act.
//
// Keys are taken one at a time, in the order they were pressed: a key that decides an item waits
// for the server's answer before the next key is looked at, so "a" then "r" pressed back to back
// decide two different comments. Every decision also tells the server the status the moderator
// saw, and the server refuses (409) a decision on an item that has moved on since. As the list
// runs low, the next items of the queue are fetched (by keyset cursor) and appended.
// Without JavaScript the same forms post as usual.
(function () {
  "use strict";
  var list = document.querySelector(".queue");
  if (!list) return;
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var statusBox = document.getElementById("queue-status");
  var REFILL_BELOW = 5; // fetch more while a few items are still there, so that the queue never stops
  var QUEUE_KEYS = "jkarsfux";

  var current = -1;
  var pressed = []; // keys waiting their turn
  var busy = false;
  var choosing = null; // {item, form, select} while "r" waits for a reason
  var decided = []; // this page's decisions, newest last, each with its log row: what "u" takes back
  var loading = null;

  var pager = document.querySelector(".pager");
  if (pager) pager.remove(); // the queue refills itself

  function items() { return Array.prototype.slice.call(list.querySelectorAll(".queue-item")); }

  function select(index) {
    var all = items();
    if (!all.length) { current = -1; return; }
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (item, i) { item.classList.toggle("current", i === current); });
    all[current].focus({ preventScroll: true });
    all[current].scrollIntoView({ block: "nearest" });
  }

  var STATUS_SECONDS = 6; // the message floats over the page's foot, so it goes once it has been read
  var statusTimer = null;

  function announce(text, bad) {
    statusBox.className = "queue-status flash " + (bad ? "flash-error" : "flash-success");
    statusBox.textContent = text;
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { statusBox.textContent = ""; }, STATUS_SECONDS * (bad ? 2 : 1) * 1000);
  }

  // After a decision, by key or by mouse, the message carries an Undo button: the same as "u".
  function offerUndo() {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "undo-last secondary";
    button.textContent = "Undo";
    button.addEventListener("click", function () { pressed.push("u"); pump(); });
    statusBox.appendChild(document.createTextNode(" "));
    statusBox.appendChild(button);
    clearTimeout(statusTimer); // a message with a button in it stays long enough to be used
    statusTimer = setTimeout(function () { statusBox.textContent = ""; }, STATUS_SECONDS * 2 * 1000);
  }

  function showCounts(counts) {
    if (!counts) return;
    document.querySelectorAll(".queue-tabs .count[data-queue]").forEach(function (badge) {
      if (counts[badge.dataset.queue] !== undefined) badge.textContent = counts[badge.dataset.queue];
    });
  }

  function post(form, extra) {
    var data = new FormData(form);
    data.append("article", list.dataset.article || "");
    Object.keys(extra || {}).forEach(function (name) { data.append(name, extra[name]); });
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf ? csrf.content : "" },
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        showCounts(body.counts);
        if (!response.ok || !body.ok) {
          announce((body.error && body.error.message) || "That did not work (" + response.status + ").", true);
          return null;
        }
        announce(body.message, false);
        return body;
      });
    });
  }

  function showEmptyIfDone() {
    if (items().length || loading || list.dataset.next) return;
    if (!list.querySelector(".empty")) {
      var done = document.createElement("li");
      done.className = "empty";
      done.textContent = "Nothing left in this queue.";
      list.appendChild(done);
    }
  }

  function refill() {
    if (loading || !list.dataset.next || items().length >= REFILL_BELOW) return loading;
    var url = list.dataset.moreUrl + (list.dataset.moreUrl.indexOf("?") < 0 ? "?" : "&") +
      "after=" + encodeURIComponent(list.dataset.next);
    loading = fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (page) {
        var holder = document.createElement("ol");
        holder.innerHTML = page.html; // rendered by the server's templates, escaped there
        Array.prototype.slice.call(holder.children).forEach(function (item) {
          if (!document.getElementById(item.id)) list.appendChild(item);
        });
        if (page.next) list.dataset.next = page.next; else delete list.dataset.next;
        var empty = list.querySelector(".empty");
        if (empty && items().length) empty.remove();
      })
      .catch(function () { announce("Could not load more of the queue; reload the page.", true); })
      .then(function () {
        loading = null;
        if (current < 0 || current >= items().length) select(Math.max(current, 0));
        showEmptyIfDone();
      });
    return loading;
  }

  function decide(item, form) {
    item.classList.add("working");
    var done = function (answer) { item.classList.remove("working"); return answer; };
    return post(form).then(done, function (error) { done(); throw error; }).then(function (answer) {
      if (!answer) return;
      var index = items().indexOf(item);
      decided.push({ item: item, index: index, act: answer.act });
      offerUndo();
      item.classList.remove("current");
      item.remove();
      select(index);
      showEmptyIfDone();
      return refill();
    });
  }

  // "u" takes back only what was decided here since the page loaded, and names the act to the server, so
  // that an older act of the moderator's on the same comment is never reached.
  function undoLast() {
    var last = decided.pop();
    if (!last) {
      announce("Nothing to undo: you have decided nothing on this page since it loaded.", true);
      return null;
    }
    var sent = post(last.item.querySelector('form[data-act="undo"]'), { act: last.act });
    // A refusal (someone acted since, or it was undone elsewhere) is said and dropped; a lost answer is kept.
    sent.catch(function () { decided.push(last); });
    return sent.then(function (answer) {
      if (!answer) return;
      // It comes back where it was, in the status it had when it was shown (the one undo restored).
      last.item.querySelectorAll('input[name^="seen_status"]').forEach(function (input) { input.value = answer.status; });
      var empty = list.querySelector(".empty");
      if (empty) empty.remove();
      var all = items();
      list.insertBefore(last.item, all[last.index] || null);
      select(items().indexOf(last.item));
    });
  }

  function stopChoosing() {
    if (!choosing) return;
    choosing.select.size = 0;
    choosing.item.classList.remove("choosing-reason");
    choosing = null;
  }

  function reasonGiven(form) {
    var typed = form.querySelector('[name="reason_text"]');
    return Boolean(form.querySelector('select[name="reason"]').value || (typed && typed.value.trim()));
  }

  function askReason(item) {
    var form = item.querySelector('form[data-key="r"]');
    if (!form) { announce("This comment cannot be rejected from here.", true); return null; }
    var select = form.querySelector('select[name="reason"]');
    if (reasonGiven(form)) return decide(item, form); // chosen or typed by hand already
    choosing = { item: item, form: form, select: select };
    item.classList.add("choosing-reason");
    select.size = select.options.length; // every reason shows, with its number
    announce("Reject with which reason? Press its number (1–" + (select.options.length - 1) + "), or Esc.", false);
    return null;
  }

  function chooseReason(key) {
    var chosen = choosing;
    if (key === "Escape") { stopChoosing(); announce("Not rejected.", false); return null; }
    var number = parseInt(key, 10);
    if (!(number >= 1 && number < chosen.select.options.length)) {
      announce("Press a reason's number (1–" + (chosen.select.options.length - 1) + "), or Esc.", true);
      return null;
    }
    chosen.select.selectedIndex = number;
    stopChoosing();
    return decide(chosen.item, chosen.form);
  }

  function handle(key) {
    if (choosing) return chooseReason(key);
    if (key === "u") return undoLast();
    var all = items();
    if (!all.length) return null;
    if (key === "j") { select(current + 1); return null; }
    if (key === "k") { select(current - 1); return null; }
    if (current < 0) select(0);
    var item = items()[current];
    if (key === "x") {
      var box = item.querySelector('input[type="checkbox"]');
      if (box) box.checked = !box.checked;
      return null;
    }
    if (key === "r") return askReason(item);
    var form = item.querySelector('form[data-key="' + key + '"]');
    if (form) return decide(item, form);
    if (key === "f") {
      announce(item.dataset.featureRefusal || "This comment is featured already; Unfeature takes it down.", true);
    }
    return null;
  }

  function pump() {
    if (busy || !pressed.length) return;
    busy = true;
    var key = pressed.shift();
    Promise.resolve()
      .then(function () { return typeof key === "function" ? key() : handle(key); })
      .catch(function () { announce("The server did not answer; nothing was changed. Try again.", true); })
      .then(function () { busy = false; pump(); });
  }

  function waitsForAReason() { return choosing || pressed.indexOf("r") >= 0; }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) return;
    var key = event.key;
    var wanted = QUEUE_KEYS.indexOf(key) >= 0 && key.length === 1 ||
      waitsForAReason() && (key === "Escape" || /^[0-9]$/.test(key));
    if (!wanted) return;
    event.preventDefault();
    pressed.push(key);
    pump();
  });

  // A click on an item's button is a decision too: it goes the same way, in turn with the keys.
  list.addEventListener("submit", function (event) {
    var form = event.target;
    var item = form.closest(".queue-item");
    if (!item || !form.dataset.key) return;
    event.preventDefault();
    if (form.dataset.key === "r" && !reasonGiven(form)) {
      announce("Choose a reason from the list, or type one, then press Reject.", true);
      form.querySelector('select[name="reason"]').focus();
      return;
    }
    pressed.push(function () { return decide(item, form); });
    pump();
  });

  if (items().length) select(0);
  refill();
})();
