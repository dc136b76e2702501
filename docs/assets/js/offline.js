/* Offline copy (hooks/offline.py, README "Offline"). Three seconds after the page
 * has loaded (a reader who leaves sooner downloads nothing extra), register the
 * service worker and ask it to keep this page and the counter pages. */
(function () {
  "use strict";
  var sw = navigator.serviceWorker, me = document.currentScript;
  if (!sw || !me) return;
  var url = new URL("../../sw.js", me.src).href;
  addEventListener("load", function () {
    setTimeout(function () {
      sw.register(url).then(function () { return sw.ready; }).then(function (r) {
        r.active.postMessage({ auto: location.href, lang: document.documentElement.lang });
      }).catch(function () {});
    }, 3000);
  });
})();
