/* Accessibility fix for Material's chrome, without copying its partials.
 * The search overlay is a role="dialog" with no name (axe: aria-dialog-name):
 * name it after its own search box ("搜索" / "Search"), so the text always
 * matches the page's language.
 */
(function () {
  "use strict";
  document.querySelectorAll('.md-search[role="dialog"]').forEach(function (dialog) {
    if (!dialog.hasAttribute("aria-label") && !dialog.hasAttribute("aria-labelledby")) {
      var input = dialog.querySelector("input[data-md-component=search-query]");
      var name = input && (input.getAttribute("aria-label") || input.getAttribute("placeholder"));
      dialog.setAttribute("aria-label", name || (document.documentElement.lang === "en" ? "Search" : "搜索"));
    }
  });
})();
