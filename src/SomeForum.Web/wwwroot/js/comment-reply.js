// Moves the "Leave a Reply" form under the comment being answered, as WordPress does.
// Without this script every Reply link leads to a page with the comment and the form.
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  if (!respond) return;
  var form = respond.querySelector("form");
  var parentInput = document.getElementById("Input_ParentId");
  var title = document.getElementById("reply-title");
  var cancel = document.getElementById("cancel-reply");
  if (!form || !parentInput || !title || !cancel) return;

  var home = document.createElement("div");
  home.id = "respond-home";
  respond.parentNode.insertBefore(home, respond);
  // The page may come back already replying (a refused or previewed reply): its heading then names
  // the comment's author, and cancelling must still lead to a plain "Leave a Reply".
  var replyingAtLoad = parentInput.value !== "";
  // The page's own words, in the reader's language.
  var originalTitle = !replyingAtLoad && title.firstChild ? title.firstChild.textContent : title.getAttribute("data-leave") || "Leave a Reply";
  var replyTitle = title.getAttribute("data-reply-to") || "Reply to {0}";
  var postUrl = form.getAttribute("action");

  function authorOf(link) {
    return link.getAttribute("data-author") || "";
  }

  function moveUnder(commentId, authorName, focus) {
    var comment = document.getElementById("comment-" + commentId);
    if (!comment) return false;
    var article = comment.querySelector(":scope > article");
    (article || comment).insertAdjacentElement("afterend", respond);
    parentInput.value = commentId;
    title.firstChild.textContent = replyTitle.replace("{0}", authorName) + " ";
    form.setAttribute("action", postUrl.split("#")[0] + "#respond");
    cancel.hidden = false;
    var text = document.getElementById("Input_Text");
    if (focus && text) text.focus();
    return true;
  }

  function moveBack() {
    home.parentNode.insertBefore(respond, home.nextSibling);
    parentInput.value = "";
    title.firstChild.textContent = originalTitle;
    cancel.hidden = true;
  }

  // The Reply link the reader came from: cancelling takes them back to it, not to the top of the thread.
  var cameFrom = null;

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.reply-link") : null;
    if (link) {
      if (moveUnder(link.getAttribute("data-reply-to"), authorOf(link), true)) {
        cameFrom = link;
        event.preventDefault();
      }
      return;
    }
    if (event.target === cancel && !cancel.hidden && parentInput.value) {
      event.preventDefault();
      moveBack();
      if (cameFrom && document.body.contains(cameFrom)) {
        cameFrom.focus();
      } else {
        var back = document.getElementById("comments");
        if (back) back.scrollIntoView();
      }
    }
  });

  // A reply sent back by the server goes where the reader wrote it: under the comment it answers.
  if (/^[0-9]+$/.test(parentInput.value)) {
    var answered = document.querySelector("#comment-" + parentInput.value + " > article a.reply-link");
    if (answered && moveUnder(parentInput.value, authorOf(answered), false) && location.hash === "#respond") {
      respond.scrollIntoView();
    }
  }
})();
