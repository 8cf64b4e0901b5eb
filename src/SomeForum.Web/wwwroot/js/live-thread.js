// While a reader has a post open, says how many comments were published since, and links to the first of them
// (its permalink, which leads to the page that holds it, in the reader's order). The page is the same for every
// guest and names the stream in this script's data-live (Live/LiveStreams.cs); without script nothing of it shows.
(function () {
  "use strict";
  var script = document.querySelector("script[data-live]");
  var section = document.getElementById("comments");
  if (!script || !section || !window.EventSource) return;
  var url = script.getAttribute("data-live");
  var firstWait = 30000;
  var lastWait = 600000;
  var wait = firstWait;
  var count = 0;
  var href = null;
  var source = null;

  // Present and empty from the start, so that a screen reader announces what is written into it later.
  var notice = document.createElement("p");
  notice.className = "live-notice";
  notice.setAttribute("role", "status");
  section.insertBefore(notice, section.querySelector("#comments-title").nextSibling);

  open();
  // A page brought back from the browser's history cache has lost its stream.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && (!source || source.readyState === EventSource.CLOSED)) open();
  });

  function open() {
    source = new EventSource(url);
    source.addEventListener("open", function () {
      wait = firstWait;
      section.setAttribute("data-live-state", "open");
    });
    source.addEventListener("comments", function (event) {
      var news;
      try { news = JSON.parse(event.data); } catch (e) { return; }
      if (!(news.count > 0) || typeof news.href !== "string") return;
      count += news.count;
      if (href === null) href = news.href;
      show();
    });
    source.addEventListener("error", function () {
      section.setAttribute("data-live-state", "closed");
      // While it can, the browser opens the stream again by itself, after the wait the server asked for.
      if (source.readyState !== EventSource.CLOSED) return;
      // Refused (every place taken: 503) or gone: asked again later, less and less often, without a word to the reader.
      var refused = source;
      window.setTimeout(function () { if (source === refused) open(); }, wait);
      wait = Math.min(wait * 2, lastWait);
    });
  }

  function show() {
    var link = notice.querySelector("a");
    if (!link) {
      link = document.createElement("a");
      notice.appendChild(link);
    }
    link.href = href;
    // The page's words ("{0} new comments — show them"), in the reader's language.
    var words = script.getAttribute(count === 1 ? "data-one" : "data-other");
    link.textContent = words.replace("{0}", count.toLocaleString(document.documentElement.lang || undefined));
  }
})();
