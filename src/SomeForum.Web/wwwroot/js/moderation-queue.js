// The moderation queue without page loads. An action on a row (or on the selected rows) is posted by fetch, with
// the form's own fields and antiforgery token, to the same handler as without this script, which then answers
// what changed as JSON; each changed row gives way, in its place, to what was done and an Undo button. Also: select
// all, shift-click to select a range, the count of the selected, and long comments cut to two lines with a button
// to read them whole; and the keyboard (j/k or the arrows between rows, a approve, s spam, t trash, d dismiss reports,
// u undo, ? the keys). Without this script the forms post and the page comes back to the row the moderator left.
(function () {
  "use strict";
  var form = document.getElementById("queue-form");
  if (!form || !window.fetch || !window.FormData) return;
  var live = document.getElementById("queue-live");
  var selectAll = document.getElementById("select-all");
  var selectedCount = form.querySelector(".selected-count");
  var countLabel = form.querySelector(".bulk .count");
  // The reported view counts its own rows, whatever their status.
  var status = form.getAttribute("data-view") || form.querySelector("input[type=hidden][name=Status]").value;
  form.classList.add("queue-enhanced");

  // The words this script writes, in the page's language, from the form's data- attributes ("{0}" stands for a number).
  function words(name, number) {
    var text = form.getAttribute("data-" + name) || "";
    return number === undefined ? text : text.replace("{0}", number);
  }

  function announce(text) {
    // Emptied first, so that the same words twice are read twice.
    live.textContent = "";
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  function rows() {
    return Array.prototype.slice.call(form.querySelectorAll("li.queued:not([hidden])"));
  }

  function boxes() {
    return rows().map(function (row) { return row.querySelector("input.queued-select"); });
  }

  function showSelection() {
    var all = boxes();
    var chosen = all.filter(function (box) { return box.checked; }).length;
    selectedCount.textContent = chosen === 0 ? "" : words("selected", chosen);
    if (selectAll) {
      selectAll.checked = chosen > 0 && chosen === all.length;
      selectAll.indeterminate = chosen > 0 && chosen < all.length;
    }
  }

  // The fields every post of this form carries: the token and the view of the queue.
  function baseFields() {
    var fields = new FormData();
    Array.prototype.forEach.call(form.querySelectorAll(":scope > input[type=hidden]"), function (input) {
      fields.append(input.name, input.value);
    });
    return fields;
  }

  function send(fields) {
    return fetch(form.action, {
      method: "POST",
      body: fields,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") < 0) throw new Error("The queue answered " + response.status);
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    });
  }

  function showCounts(counts) {
    if (!counts) return;
    Object.keys(counts).forEach(function (key) {
      var tab = document.querySelector(".status-tabs a[data-status='" + key.charAt(0).toUpperCase() + key.slice(1) + "'] .tab-count");
      if (tab) tab.textContent = counts[key];
      if (key.toLowerCase() === status.toLowerCase() && countLabel) countLabel.textContent = words("count", counts[key]);
    });
  }

  // A row acted on gives way to what was done, in its place; the row itself waits, hidden, for an Undo.
  function replaceRow(change) {
    var row = document.getElementById("queued-" + change.id);
    if (!row) return null;
    var box = row.querySelector("input.queued-select");
    box.checked = false;
    box.disabled = true;
    row.hidden = true;
    var done = document.createElement("li");
    done.className = "queued-done notice";
    done.id = "done-" + change.id;
    var text = document.createElement("span");
    text.textContent = change.text + " ";
    done.appendChild(text);
    if (change.undo) {
      var undo = document.createElement("button");
      undo.type = "button";
      undo.className = "link-button";
      undo.textContent = words("undo");
      undo.addEventListener("click", function () { undoChange(change, done, row, undo); });
      done.appendChild(undo);
    }
    row.parentNode.insertBefore(done, row);
    if (change.undo) lastUndo = done.querySelector("button");
    return done;
  }

  function undoChange(change, done, row, button) {
    var fields = baseFields();
    fields.append("Undo", String(change.undo));
    button.disabled = true;
    send(fields).then(function (answer) {
      button.disabled = false;
      var back = answer.ok && answer.body.changes && answer.body.changes.some(function (c) { return c.id === change.id; });
      if (!back) {
        done.firstChild.textContent = (answer.body.message || words("undo-failed")) + " ";
        announce(answer.body.message || words("undo-failed"));
        return;
      }
      done.parentNode.removeChild(done);
      row.hidden = false;
      row.querySelector("input.queued-select").disabled = false;
      var first = row.querySelector(".queued-actions button");
      if (first) first.focus({ preventScroll: true });
      showCounts(answer.body.counts);
      showSelection();
      announce(answer.body.message);
    }).catch(function () {
      button.disabled = false;
      announce(words("no-answer"));
    });
  }

  var plainSubmit = false;
  var lastUndo = null;
  var byKeyboard = false;
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (plainSubmit || !submitter) return;
    event.preventDefault();
    var fields = new FormData(form, submitter);
    submitter.disabled = true;
    send(fields).then(function (answer) {
      submitter.disabled = false;
      var body = answer.body;
      if (!answer.ok) {
        announce(body.message);
        var bulk = form.querySelector(".bulk-problem") || document.createElement("p");
        bulk.className = "bulk-problem field-error";
        bulk.textContent = body.message;
        form.querySelector(".bulk").insertAdjacentElement("afterend", bulk);
        return;
      }
      var stale = form.querySelector(".bulk-problem");
      if (stale) stale.parentNode.removeChild(stale);
      var notice = submitter.closest(".notice");
      if (notice) {
        // An Undo in a notice the page was loaded with: the rows it names are elsewhere; the notice says what became of them.
        notice.textContent = body.message;
      }
      var first = null;
      (body.changes || []).forEach(function (change) {
        var done = replaceRow(change);
        first = first || done;
      });
      var next = first && byKeyboard ? nextRow(first, 1) || nextRow(first, -1) : null;
      if (next) {
        // By keyboard, the moderator goes on down the list; u takes the change back.
        focusRow(next);
      } else if (first) {
        var undo = first.querySelector("button");
        (undo || first).focus({ preventScroll: true });
      }
      byKeyboard = false;
      showCounts(body.counts);
      showSelection();
      announce(body.message);
    }).catch(function () {
      // Whatever went wrong, the plain form still works: post it as if there were no script.
      byKeyboard = false;
      submitter.disabled = false;
      plainSubmit = true;
      form.requestSubmit(submitter);
    });
  });

  // Select all, and shift-click to select every row between the last box clicked and this one.
  if (selectAll) {
    selectAll.closest(".select-all").hidden = false;
    selectAll.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = selectAll.checked; });
      showSelection();
    });
  }
  var lastClicked = null;
  form.addEventListener("click", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("input.queued-select")) return;
    var all = boxes();
    if (event.shiftKey && lastClicked && all.indexOf(lastClicked) >= 0) {
      var from = all.indexOf(lastClicked);
      var to = all.indexOf(box);
      all.slice(Math.min(from, to), Math.max(from, to) + 1).forEach(function (b) { b.checked = box.checked; });
    }
    lastClicked = box;
    showSelection();
  });
  form.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input.queued-select")) showSelection();
  });

  // Long comments cut to two lines, and who and why to one, with a button to read the row whole.
  rows().forEach(function (row) {
    var text = row.querySelector(".queued-text");
    var meta = row.querySelector(".queued-meta");
    if (text.scrollHeight <= text.clientHeight + 1 && meta.scrollWidth <= meta.clientWidth + 1) return;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "link-button queued-more";
    more.textContent = words("show-all");
    more.setAttribute("aria-expanded", "false");
    more.setAttribute("aria-controls", text.id);
    more.addEventListener("click", function () {
      var open = row.classList.toggle("expanded");
      more.setAttribute("aria-expanded", open ? "true" : "false");
      more.textContent = words(open ? "show-less" : "show-all");
    });
    row.insertBefore(more, row.querySelector(".queued-actions"));
  });

  // The queue by keyboard, only while the focus is not in a text field (the reply and edit boxes, the search).
  var keys = document.getElementById("queue-keys");
  var hint = document.getElementById("queue-keys-hint");
  if (hint) hint.hidden = false;
  rows().forEach(function (row) { row.setAttribute("tabindex", "-1"); });

  function typing(element) {
    if (!element) return false;
    if (element.isContentEditable) return true;
    var tag = element.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT") return true;
    return tag === "INPUT" && ["checkbox", "radio", "button", "submit", "reset"].indexOf(element.type) < 0;
  }

  // The row (or the notice that took a row's place) the focus is in, if any.
  function current() {
    var element = document.activeElement;
    return element && element.closest ? element.closest("#queue-form li.queued, #queue-form li.queued-done") : null;
  }

  // The nearest shown row from an item, in a direction (1 down, -1 up).
  function nextRow(item, step) {
    var sibling = step > 0 ? item.nextElementSibling : item.previousElementSibling;
    while (sibling && !(sibling.matches("li.queued") && !sibling.hidden)) {
      sibling = step > 0 ? sibling.nextElementSibling : sibling.previousElementSibling;
    }
    return sibling;
  }

  function focusRow(row) {
    row.setAttribute("tabindex", "-1");
    row.focus({ preventScroll: true });
    row.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var all = rows();
    if (all.length === 0) return;
    var here = current();
    var target = here ? nextRow(here, step) : null;
    if (!target) target = here ? (here.matches("li.queued") && !here.hidden ? here : null) : step > 0 ? all[0] : all[all.length - 1];
    if (target) focusRow(target);
  }

  function act(kind) {
    var row = current();
    if (!row || !row.matches("li.queued")) {
      announce(words("choose-first"));
      return;
    }
    var button = row.querySelector(".queued-actions button[value^='" + kind + ":']");
    if (!button) {
      announce(words("no-" + kind.toLowerCase()));
      return;
    }
    byKeyboard = true;
    button.click();
  }

  function toggleKeys(show) {
    if (!keys) return;
    keys.hidden = !show;
    if (show) keys.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key;
    var inQueue = current() !== null;
    if (key === "?") toggleKeys(keys && keys.hidden);
    else if (key === "Escape" && keys && !keys.hidden) toggleKeys(false);
    else if (event.shiftKey) return;
    else if (key === "j" || (key === "ArrowDown" && inQueue)) move(1);
    else if (key === "k" || (key === "ArrowUp" && inQueue)) move(-1);
    else if (key === "a") act("Approve");
    else if (key === "s") act("Spam");
    else if (key === "t") act("Trash");
    else if (key === "d") act("Dismiss");
    else if (key === "u") {
      if (lastUndo && document.body.contains(lastUndo) && !lastUndo.disabled) lastUndo.click();
      else announce(words("nothing-to-undo"));
    } else return;
    event.preventDefault();
  });

  showSelection();
})();
