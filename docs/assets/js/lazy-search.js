/* Loaded before Material's bundle. Two jobs, both about requests readers never asked for:
 *
 * 1. Search loads only when the reader starts to use it. Material starts its
 *    search worker and downloads the whole index on every page view. Here the
 *    worker is created, and the index fetched, on the first focus of the search
 *    box (or a click on the search icon, or the "/" or "s" shortcut).
 *    The index is the one for the page's language (search/<lang>.json,
 *    written by hooks/postbuild.py), not both languages at once.
 * 2. No sitemap.xml look-ups. Material fetches sitemap.xml next to every
 *    <link rel="alternate"> to map pages between languages. The i18n plugin
 *    already points the language switcher at the twin page, so these fetches
 *    only cost bytes (and 404s, or requests to the public host when the site is
 *    viewed elsewhere). They are answered locally with "not available".
 */
(function () {
  "use strict";
  var wanted = false, waiting = [];
  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (fn) { fn(); });
  }
  function whenWanted(fn) { if (wanted) fn(); else waiting.push(fn); }
  document.addEventListener("focusin", function (e) {
    if (e.target && e.target.matches && e.target.matches("input[data-md-component=search-query]")) want();
  });
  document.addEventListener("change", function (e) {
    if (e.target && e.target.id === "__search" && e.target.checked) want();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" || e.key === "s" || e.key === "S" || e.key === "f" || e.key === "F") want();
  });

  // Material requests both files with XMLHttpRequest.
  var lang = document.documentElement.lang === "en" ? "en" : "zh";
  var proto = XMLHttpRequest.prototype, realOpen = proto.open, realSend = proto.send;
  proto.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments), path = String(url).split("?")[0];
    this.__lazy = null;
    if (/\/sitemap\.xml(\.gz)?$/.test(path)) {
      this.__lazy = "skip";
    } else if (/\/search\/search_index\.json$/.test(path)) {
      this.__lazy = "defer";
      args[1] = String(url).replace(/search_index\.json/, lang + ".json");
    }
    return realOpen.apply(this, args);
  };
  proto.send = function () {
    var xhr = this, args = arguments;
    if (xhr.__lazy === "skip") {
      // Material treats an error as "no sitemap" and keeps the plain links.
      setTimeout(function () { xhr.dispatchEvent(new ProgressEvent("error")); }, 0);
      return;
    }
    if (xhr.__lazy === "defer") {
      whenWanted(function () { realSend.apply(xhr, args); });
      return;
    }
    return realSend.apply(xhr, args);
  };

  var RealWorker = window.Worker;
  if (!RealWorker) return;
  function LazyWorker(url, options) {
    if (!/\/workers\/search\.[^/]*\.js$/.test(String(url))) return new RealWorker(url, options);
    var target = new EventTarget(), real = null, queue = [];
    function forward(type) {
      return function (e) {
        var copy = type === "message" ? new MessageEvent("message", { data: e.data }) : new Event(type);
        target.dispatchEvent(copy);
        var handler = target["on" + type];
        if (typeof handler === "function") handler.call(target, copy);
      };
    }
    whenWanted(function () {
      real = new RealWorker(url, options);
      real.addEventListener("message", forward("message"));
      real.addEventListener("error", forward("error"));
      queue.splice(0).forEach(function (m) { real.postMessage(m); });
    });
    target.postMessage = function (m) { if (real) real.postMessage(m); else queue.push(m); };
    target.terminate = function () { if (real) real.terminate(); };
    return target;
  }
  LazyWorker.prototype = RealWorker.prototype;
  window.Worker = LazyWorker;
})();
