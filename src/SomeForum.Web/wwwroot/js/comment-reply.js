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
  var originalTitle = title.firstChild ? title.firstChild.textContent : "Leave a Reply";
  var postUrl = form.getAttribute("action");

  function moveUnder(commentId, authorName) {
    var comment = document.getElementById("comment-" + commentId);
    if (!comment) return false;
    var article = comment.querySelector(":scope > article");
    (article || comment).insertAdjacentElement("afterend", respond);
    parentInput.value = commentId;
    title.firstChild.textContent = "Reply to " + authorName + " ";
    form.setAttribute("action", postUrl.split("#")[0] + "#respond");
    cancel.hidden = false;
    var text = document.getElementById("Input_Text");
    if (text) text.focus();
    return true;
  }

  function moveBack() {
    home.parentNode.insertBefore(respond, home.nextSibling);
    parentInput.value = "";
    title.firstChild.textContent = originalTitle;
    cancel.hidden = true;
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.reply-link") : null;
    if (link) {
      var author = link.getAttribute("aria-label") ? link.getAttribute("aria-label").replace(/^Reply to /, "") : "";
      if (moveUnder(link.getAttribute("data-reply-to"), author)) event.preventDefault();
      return;
    }
    if (event.target === cancel && !cancel.hidden && parentInput.value) {
      event.preventDefault();
      moveBack();
      var back = document.getElementById("comments");
      if (back) back.scrollIntoView();
    }
  });
})();
