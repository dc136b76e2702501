/* "Save the whole guide" (overrides/partials/offline-save.html) and the list of
 * saved pages on the offline page (overrides/offline.html). Nothing is
 * downloaded until the reader presses the button; the service worker
 * (hooks/sw.js) does the saving and reports progress back here. */
(function () {
  "use strict";
  var sw = navigator.serviceWorker, me = document.currentScript;
  if (!sw || !window.caches || !me) return;
  var lang = document.documentElement.lang === "en" ? "en" : "zh";

  // Offline page: show the saved pages only.
  var list = document.querySelector("[data-offline-list]");
  if (list) {
    var items = list.querySelectorAll("li");
    Promise.all(Array.prototype.map.call(items, function (li) {
      return caches.match(li.querySelector("a").href).then(function (hit) { li.hidden = !hit; return !!hit; });
    })).then(function (found) {
      var none = document.querySelector("[data-offline-none]");
      if (none) none.hidden = found.indexOf(true) !== -1;
    });
  }

  var box = document.querySelector("[data-offline-save]");
  var button = box && box.querySelector("button");
  var status = box && box.querySelector("[role=status]");
  if (!button || !status) return;
  var url = new URL("../../sw.js", me.src).href;
  function text(name, values) {
    return box.getAttribute("data-" + name).replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }
  sw.addEventListener("message", function (e) {
    var m = e.data || {};
    if (m.progress !== undefined) {
      status.textContent = text("progress", { percent: Math.floor(100 * m.progress / Math.max(m.total, 1)) });
    } else if (m.failed) {
      status.textContent = text("failed", { n: m.failed });
      button.disabled = false;
    } else if (m.saved) {
      status.textContent = text("done", { t: m.saved });
      button.disabled = false;
    } else if (m.state) {
      status.textContent = text("already", { t: m.state });
    }
  });
  sw.startMessages();
  box.hidden = false;
  if (sw.controller) sw.controller.postMessage({ state: true, lang: lang });
  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = text("start", {});
    sw.register(url).then(function () { return sw.ready; }).then(function (r) {
      r.active.postMessage({ whole: true, lang: lang });
    }).catch(function () {
      status.textContent = text("failed", { n: "" });
      button.disabled = false;
    });
  });
})();
