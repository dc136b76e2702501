/* Loaded on every page, before Material's bundle, so kept small. Three jobs:
 *
 * 1. Search loads only when the reader starts to use it. Material starts its
 *    search worker and downloads the whole index on every page view. Here the
 *    worker is created, and the index fetched, when the reader reaches for
 *    search: hovering or pressing the search icon, focusing the box, or the
 *    "/", "s" or "f" shortcut (no preconnect, nothing before that).
 *    The index is the one for the page's language (search/<lang>.json,
 *    written by hooks/postbuild.py), not both languages at once.
 *    The rest of our search code, search-more.js (search follows pasted, voice
 *    and IME text; the "search the other language" line), is fetched then too.
 *    It sees each query on its way to the worker ("search-send" event: it may
 *    change the query text) and each result after Material has shown it
 *    ("search-result").
 * 2. The search overlay is a role="dialog" with no name (axe: aria-dialog-name):
 *    it is named after its own search box ("搜索" / "Search"), so the text
 *    always matches the page's language. (It lives here, not in a file of its
 *    own, to save every page a request.)
 * 3. No sitemap.xml look-ups. Material fetches sitemap.xml next to every
 *    <link rel="alternate"> to map pages between languages. The i18n plugin
 *    already points the language switcher at the twin page, so these fetches
 *    only cost bytes (and 404s, or requests to the public host when the site is
 *    viewed elsewhere). They are answered locally with "not available".
 */
(function () {
  "use strict";
  var wanted = false, waiting = [], doc = document, here = doc.currentScript;
  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (fn) { fn(); });
    if (!here) return;
    var more = doc.createElement("script");
    more.src = here.src.replace(/lazy-search\.js/, "search-more.js");
    doc.head.appendChild(more);
  }
  function whenWanted(fn) { if (wanted) fn(); else waiting.push(fn); }
  function on(types, test) {
    types.split(" ").forEach(function (type) {
      doc.addEventListener(type, function (e) { if (e.target.closest && test(e.target, e)) want(); }, { passive: true });
    });
  }
  on("pointerover pointerdown touchstart", function (t) { return t.closest("label[for=__search]"); });
  on("focusin", function (t) { return t.matches("[data-md-component=search-query]"); });
  on("change", function (t) { return t.id === "__search" && t.checked; });
  on("keydown", function (t, e) { return /^[/sf]$/i.test(e.key); });

  doc.querySelectorAll('.md-search[role="dialog"]').forEach(function (dialog) {
    if (dialog.hasAttribute("aria-label") || dialog.hasAttribute("aria-labelledby")) return;
    var input = dialog.querySelector("input[data-md-component=search-query]");
    var name = input && (input.getAttribute("aria-label") || input.getAttribute("placeholder"));
    dialog.setAttribute("aria-label", name || (doc.documentElement.lang === "en" ? "Search" : "搜索"));
  });

  // Material requests both files with XMLHttpRequest.
  var lang = doc.documentElement.lang === "en" ? "en" : "zh";
  var proto = XMLHttpRequest.prototype, realOpen = proto.open, realSend = proto.send;
  proto.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments), path = String(url).split("?")[0];
    this.__lazy = /\/sitemap\.xml(\.gz)?$/.test(path) ? "skip" : /\/search\/search_index\.json$/.test(path) ? "defer" : null;
    if (this.__lazy === "defer") args[1] = String(url).replace(/search_index\.json/, lang + ".json");
    return realOpen.apply(this, args);
  };
  proto.send = function () {
    var xhr = this, args = arguments;
    // Material treats an error as "no sitemap" and keeps the plain links.
    if (xhr.__lazy === "skip") setTimeout(function () { xhr.dispatchEvent(new ProgressEvent("error")); }, 0);
    else if (xhr.__lazy === "defer") whenWanted(function () { realSend.apply(xhr, args); });
    else return realSend.apply(xhr, args);
  };

  var RealWorker = window.Worker;
  if (!RealWorker) return;
  function tell(type, detail) { doc.dispatchEvent(new CustomEvent(type, { detail: detail })); }
  function LazyWorker(url, options) {
    if (!/\/workers\/search\.[^/]*\.js$/.test(String(url))) return new RealWorker(url, options);
    var target = new EventTarget(), real = null, queue = [];
    function forward(type) {
      return function (e) {
        var copy = type === "message" ? new MessageEvent("message", { data: e.data }) : new Event(type);
        target.dispatchEvent(copy);
        var handler = target["on" + type];
        if (typeof handler === "function") handler.call(target, copy);
        if (e.data) tell("search-result", e.data);
      };
    }
    whenWanted(function () {
      // search-all.*.js: Material's worker with the lunr files it needs (hooks/postbuild.py).
      real = new RealWorker(String(url).replace(/search\.(\w+)\.min\.js$/, "search-all.$1.js"), options);
      real.addEventListener("message", forward("message"));
      real.addEventListener("error", forward("error"));
      queue.splice(0).forEach(function (m) { real.postMessage(m); });
    });
    target.postMessage = function (m) {
      tell("search-send", m);
      if (real) real.postMessage(m); else queue.push(m);
    };
    target.terminate = function () { if (real) real.terminate(); };
    return target;
  }
  LazyWorker.prototype = RealWorker.prototype;
  window.Worker = LazyWorker;
})();
