// The post editor: Publish asks once, in the page, and a preview beside the text follows the typing.
// Without this script Publish leads to a page that asks, and the Preview button shows the post rendered.
// Its words come from the form's data- attributes, in the writer's language.
(function () {
  "use strict";
  var form = document.querySelector("form.post-editor");
  if (!form) return;

  var publish = form.querySelector("button[name='Input.Intent'][value='publish']");
  var panel = document.getElementById("publish-confirm");
  var confirm = panel && panel.querySelector("button[value='publish-now']");
  var cancel = panel && panel.querySelector("[data-publish-cancel]");
  if (publish && panel && confirm && cancel) {
    cancel.hidden = false;
    publish.setAttribute("aria-controls", panel.id);
    publish.setAttribute("aria-expanded", String(!panel.hidden));
    publish.addEventListener("click", function (event) {
      event.preventDefault();
      var title = document.getElementById("Input_Title");
      var named = panel.querySelector("[data-publish-title]");
      if (title && named) named.textContent = title.value.trim() || form.getAttribute("data-this-post");
      panel.hidden = false;
      publish.setAttribute("aria-expanded", "true");
      confirm.focus();
    });
    cancel.addEventListener("click", function () {
      panel.hidden = true;
      publish.setAttribute("aria-expanded", "false");
      publish.focus();
    });
  }

  var body = document.getElementById("Input_Body");
  var live = document.getElementById("live-preview");
  var output = live && live.querySelector(".post-body");
  var status = live && live.querySelector(".live-preview-status");
  var url = form.getAttribute("data-preview-url");
  if (!body || !live || !output || !status || !url || !window.fetch || !window.FormData) return;

  live.hidden = false;
  form.classList.add("live-previewing");
  var timer = 0;
  var sent = 0;
  var shown = 0;

  // The page's own Preview handler renders the text with the site's renderer and its limits; the form's
  // antiforgery token goes with it. An answer older than one already shown is dropped.
  function refresh() {
    var number = ++sent;
    // Nothing to show yet, and nothing to ask the server (it would answer that the text is missing).
    if (body.value.trim() === "") {
      shown = number;
      output.textContent = "";
      status.textContent = "";
      return;
    }
    var data = new URLSearchParams(new FormData(form));
    fetch(url, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (text) { return { ok: response.ok, status: response.status, text: text }; });
      })
      .then(function (answer) {
        if (number < shown) return;
        shown = number;
        if (answer.ok) {
          // The HTML the site itself stores for a post: rendered without raw HTML, then sanitized, on the server.
          output.innerHTML = answer.text;
          status.textContent = "";
        } else {
          status.textContent = answer.status === 422
            ? answer.text
            : (form.getAttribute("data-preview-failed-status") || "").replace("{0}", String(answer.status));
        }
      })
      .catch(function () {
        status.textContent = form.getAttribute("data-preview-failed");
      });
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  refresh();
})();
