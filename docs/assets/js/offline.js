/* Offline copy (hooks/offline.py, README "Offline"). Three seconds after the page
 * has loaded (a reader who leaves sooner downloads nothing extra), register the
 * service worker and ask it to keep this page and the counter pages in this
 * language. Kept this short on purpose: every page loads it. */
(function (w, d) {
  var s = navigator.serviceWorker, me = d.currentScript;
  if (s && me) w.addEventListener("load", function () {
    setTimeout(function () {
      s.register(new URL("../../sw.js", me.src)).then(function () { return s.ready; }).then(function (r) {
        r.active.postMessage({ auto: location.href, lang: d.documentElement.lang });
      }, function () {});
    }, 3e3);
  });
})(window, document);
