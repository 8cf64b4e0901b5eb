// Marks the comments received since the reader's last visit to this post, and links to the first of them.
// The page is the same for every guest (so it stays in the page cache); what this reader saw is remembered
// here, in the browser: the latest received time shown, per post. Without this script the page offers a
// "Keep this link" link that asks the server for the same marking.
(function () {
  "use strict";
  var list = document.querySelector(".comment-list[data-post]");
  if (!list) return;
  var key = "someforum.seen." + list.getAttribute("data-post");
  var store;
  try { store = window.localStorage; store.getItem(key); } catch (e) { return; }

  var seen = parseInt(store.getItem(key) || "", 10);
  var comments = list.querySelectorAll("li[data-received]");
  // A page opened from a "Keep this link" link is marked already, by the server.
  var markedByServer = list.querySelector("li.new") !== null;
  var latest = isNaN(seen) ? 0 : seen;
  var first = null;
  var count = 0;
  for (var i = 0; i < comments.length; i++) {
    var received = parseInt(comments[i].getAttribute("data-received"), 10);
    if (isNaN(received)) continue;
    if (received > latest) latest = received;
    if (markedByServer || isNaN(seen) || received <= seen) continue;
    mark(comments[i]);
    count++;
    if (!first) first = comments[i];
  }
  if (first) {
    var note = document.createElement("p");
    note.className = "first-new";
    note.setAttribute("role", "status");
    var link = document.createElement("a");
    link.href = "#" + first.id;
    // The words come from the page, in the reader's language; the count as the language writes numbers.
    link.textContent = list.getAttribute("data-first-new") || "First new comment";
    note.appendChild(link);
    var words = (count === 1 ? list.getAttribute("data-new-one") : list.getAttribute("data-new-other")) || "({0} new comments since your last visit)";
    note.appendChild(document.createTextNode(" " + words.replace(/\{0(:N0)?\}/, count.toLocaleString(document.documentElement.lang || undefined))));
    list.parentNode.insertBefore(note, list);
  }
  try { store.setItem(key, String(latest)); } catch (e) { /* full or refused: nothing is remembered */ }

  function mark(comment) {
    comment.classList.add("new");
    var line = comment.querySelector(":scope > article .comment-meta, :scope > article .pingback-line");
    if (!line) return;
    var badge = document.createElement("span");
    badge.className = "new-badge";
    badge.textContent = list.getAttribute("data-new-badge") || "New";
    line.appendChild(document.createTextNode(" "));
    line.appendChild(badge);
  }
})();
