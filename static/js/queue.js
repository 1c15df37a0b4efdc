// Keyboard work on a moderation queue: j/k move, a approve, r reject, s spam, f feature,
// x select for a bulk act. Each act posts the item's own form (the same one a click sends)
// and, on success, removes the item and moves to the next. Without JavaScript the forms post as usual.
(function () {
  "use strict";
  var list = document.querySelector(".queue");
  if (!list) return;
  var csrf = document.querySelector('meta[name="csrf-token"]');
  var current = -1;

  function items() { return Array.prototype.slice.call(list.querySelectorAll(".queue-item")); }

  function select(index) {
    var all = items();
    if (!all.length) return;
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (item, i) { item.classList.toggle("current", i === current); });
    all[current].focus({ preventScroll: true });
    all[current].scrollIntoView({ block: "nearest" });
  }

  function announce(text, bad) {
    var box = document.getElementById("queue-status");
    if (!box) {
      box = document.createElement("p");
      box.id = "queue-status";
      box.setAttribute("role", "status");
      list.parentNode.insertBefore(box, list);
    }
    box.className = "flash " + (bad ? "flash-error" : "flash-success");
    box.textContent = text;
  }

  function act(item, form) {
    var data = new FormData(form);
    item.classList.add("working");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf ? csrf.content : "" },
    })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (answer) {
        item.classList.remove("working");
        if (!answer.ok || !answer.body.ok) {
          announce((answer.body.error && answer.body.error.message) || "That did not work.", true);
          return;
        }
        announce(answer.body.message, false);
        var index = items().indexOf(item);
        item.remove();
        if (!items().length) {
          var done = document.createElement("li");
          done.className = "empty";
          done.textContent = "Nothing left on this page. Reload for more.";
          list.appendChild(done);
        } else {
          select(index);
        }
      })
      .catch(function () { item.classList.remove("working"); form.submit(); });
  }

  list.addEventListener("submit", function (event) {
    var item = event.target.closest(".queue-item");
    if (!item || !event.target.dataset.key) return;
    event.preventDefault();
    act(item, event.target);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select") return;
    var all = items();
    if (!all.length) return;
    if (event.key === "j") { select(current + 1); event.preventDefault(); return; }
    if (event.key === "k") { select(current - 1); event.preventDefault(); return; }
    if (current < 0) select(0);
    var item = items()[current];
    if (event.key === "x") {
      var box = item.querySelector('input[type="checkbox"]');
      if (box) box.checked = !box.checked;
      event.preventDefault();
      return;
    }
    var form = item.querySelector('form[data-key="' + event.key + '"]');
    if (form) { event.preventDefault(); act(item, form); }
  });

  select(0);
})();
