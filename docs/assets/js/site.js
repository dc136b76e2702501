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
