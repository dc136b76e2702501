/* Small progressive enhancements. The site works without them. */
(function () {
  "use strict";
  // The language switcher lands on the same section: heading ids are shared by
  // both languages, so carry the current #hash over to the other language.
  function syncSwitcher() {
    var links = document.querySelectorAll(".md-select__link[hreflang]");
    links.forEach(function (a) {
      var base = a.getAttribute("data-base-href") || a.getAttribute("href");
      a.setAttribute("data-base-href", base);
      a.setAttribute("href", base.split("#")[0] + (location.hash || ""));
    });
  }
  syncSwitcher();
  window.addEventListener("hashchange", syncSwitcher);
  // navigation.tracking moves the #hash with history.replaceState, which fires no event:
  // sync again just before the reader uses the switcher (capture runs before the navigation).
  ["pointerdown", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      if (e.target.closest && e.target.closest(".md-select")) syncSwitcher();
    }, true);
  });

  // Checklists: remember ticks in this browser only (nothing is sent anywhere).
  var key = "ticks:" + location.pathname;
  var boxes = document.querySelectorAll(".task-list-item input[type=checkbox]");
  var saved = {};
  try { saved = JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { saved = {}; }
  boxes.forEach(function (box, i) {
    var item = box.closest("li");
    var id = (item && item.id) || String(i);
    box.disabled = false;
    if (saved[id]) box.checked = true;
    box.addEventListener("change", function () {
      saved[id] = box.checked;
      try { localStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* private mode */ }
    });
  });
})();

// Share this page (overrides/partials/share.html): the phone's share sheet
// (Web Share API) on touch screens, else copy the link. The confirmation goes
// to an aria-live region, so screen readers announce it. The link is the
// page's canonical URL plus the current #section, if any.
(function () {
  "use strict";
  var box = document.querySelector("[data-share]");
  var button = box && box.querySelector(".share__button");
  var status = box && box.querySelector(".share__status");
  // The QR popover closes with Esc (focus back on its button) and with a click outside it.
  var qr = box && box.querySelector(".share__qr");
  if (qr) {
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && qr.open) { qr.open = false; qr.querySelector("summary").focus(); }
    });
    document.addEventListener("click", function (e) {
      if (qr.open && !qr.contains(e.target)) qr.open = false;
    });
  }
  if (!button || !status) return;
  button.hidden = false;

  function pageUrl() {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = (canonical && canonical.href) || location.href;
    // The plan page (plan.js) keeps its answers in the query string: share them too.
    var query = box.hasAttribute("data-share-query") ? location.search : "";
    return base.split("#")[0] + query + (location.hash || "");
  }

  var timer = 0;
  function announce(text) {
    clearTimeout(timer);
    status.textContent = "";
    // A short delay makes repeated messages count as changes for screen readers.
    timer = setTimeout(function () {
      status.textContent = text;
      timer = setTimeout(function () { status.textContent = ""; }, 8000);
    }, 100);
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "share__offscreen";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    button.focus();
    return ok;
  }

  function copy(url) {
    var done = function () { announce(button.getAttribute("data-copied")); };
    var fallback = function () {
      if (legacyCopy(url)) done();
      else announce(button.getAttribute("data-failed") + " " + url);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(url).then(done, fallback);
    } else {
      fallback();
    }
  }

  var phone = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  button.addEventListener("click", function () {
    var url = pageUrl();
    var data = { title: document.title, url: url };
    if (phone && navigator.share && (!navigator.canShare || navigator.canShare(data))) {
      navigator.share(data).catch(function (err) {
        if (!err || err.name !== "AbortError") copy(url);   // AbortError: the reader closed the sheet
      });
    } else {
      copy(url);
    }
  });
})();

// Dark or light theme: the system setting (extra.css), unless the reader chose with the
// footer button. The choice is stored the way Material's own palette toggle stores it, so
// the theme's inline script applies it before the next page is painted.
(function () {
  "use strict";
  var place = document.querySelector(".md-footer-meta__inner");
  if (!place || !window.__md_set || !(window.CSS && CSS.supports("color", "light-dark(#000, #fff)"))) return;
  var en = document.documentElement.lang === "en";
  var body = document.body;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "theme-toggle";
  function dark() {
    var scheme = body.getAttribute("data-md-color-scheme");
    return scheme ? scheme === "slate" : matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function label() {
    button.textContent = dark() ? (en ? "Light theme" : "浅色模式") : (en ? "Dark theme" : "深色模式");
  }
  button.addEventListener("click", function () {
    var scheme = dark() ? "default" : "slate";
    body.setAttribute("data-md-color-scheme", scheme);
    window.__md_set("__palette", { color: { scheme: scheme } });
    label();
  });
  label();
  place.appendChild(button);
})();

// Offline copy (hooks/offline.py, README "Offline"). Three seconds after the page
// has loaded (a reader who leaves sooner downloads nothing extra), start the
// service worker, which keeps this page and the counter pages. Once it controls
// the page, link the web app manifest of the page's language: the browser then
// reads the manifest and its icon from the saved copy, not from the network
// during a cold view. Here, not in a file of its own: every page loads this, and
// one more request would cost more than the code. (Line comments: hooks/perf.py
// strips them from the built file.)
(function (d, sw) {
  "use strict";
  var me = d.currentScript && d.currentScript.src, lang = d.documentElement.lang;
  function manifest() {
    if (d.querySelector("link[rel=manifest]")) return;
    var link = d.createElement("link");
    link.rel = "manifest";
    link.href = new URL((lang === "en" ? "../../en/" : "../../") + "manifest.webmanifest", me);
    d.head.appendChild(link);
  }
  if (sw && me) addEventListener("load", function () {
    setTimeout(function () {
      sw.register(new URL("../../sw.js", me)).then(function () { return sw.ready; }).then(function (r) {
        r.active.postMessage({ auto: location.href, lang: lang });
        if (sw.controller) manifest(); else sw.addEventListener("controllerchange", manifest);
      }, function () {});
    }, 3e3);
  });
})(document, navigator.serviceWorker);
