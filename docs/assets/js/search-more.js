/* Loaded by lazy-search.js when the reader reaches for search, never on a cold view.
 *
 * 1. Search follows the box's value, not only the keys. Material re-runs a
 *    query on `keyup` only, so text that arrives without a key press (a paste
 *    from an SMS, voice input, a keyboard suggestion, the end of an IME
 *    composition) found nothing or searched a stale prefix. Every `input`,
 *    `compositionend` and `paste` now sends Material one keyup once the value
 *    has settled; Material ignores a keyup that does not change the value.
 *    (Text entered before the index is ready is searched anyway: Material
 *    reads the box when the index is ready.)
 * 2. Chinese queries: Material's worker splits a run of Han characters into
 *    words it knows, but never tries a word ending at the last character, so
 *    the last word was dropped or cut to its first character (怎么注销 searched
 *    only 怎么, 比莱恩 only 比). A U+3007 after each run gives it that last try;
 *    the index lists U+3007 as a separator (hooks/postbuild.py), so it matches
 *    nothing itself.
 *    Short English words (for, me, the, ...) are left out of a query that has
 *    other words: every query word also matches the start of longer words, so
 *    "me" found MegaFon's aliases and "for" the foreigners page.
 * 3. After Material has shown the results of a query, the result list records
 *    which query it shows (data-query) and how many pages it found
 *    (data-count), so tests can wait for a settled result; and when the query
 *    is in the other site's language, the result count line points to the
 *    same search there: a Chinese query on an English page (always: English
 *    pages hold almost no Chinese), or a Latin-letter query that finds nothing
 *    on a Chinese page. The link opens the other language's twin of this page
 *    with ?q=, which Material turns into that search.
 */
(function () {
  "use strict";
  var timer = 0;
  ["input", "compositionend", "paste"].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var box = e.target;
      if (!box.matches || !box.matches("[data-md-component=search-query]")) return;
      clearTimeout(timer);
      timer = setTimeout(function () { box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true })); }, 50);
    });
  });

  // Material's worker messages: 2 = a query, 3 = its result, answered in order.
  var asked = [];
  var STOP = /^(a|an|and|are|at|be|by|can|do|does|for|how|i|if|in|is|it|me|my|of|on|or|the|this|to|what|when|with|you|your)$/i;
  document.addEventListener("search-send", function (e) {
    var m = e.detail;
    if (!m || m.type !== 2) return;
    asked.push(m.data);
    var words = String(m.data).split(/\s+/), kept = words.filter(function (w) { return !STOP.test(w); });
    m.data = (kept.length ? kept : words).join(" ").replace(/[\u3400-\u9fff\uf900-\ufaff]+/g, "$&\u3007");
  });

  var en = document.documentElement.lang === "en";
  var HAN = /[\u3400-\u9fff\uf900-\ufaff]/, LATIN = /^[\x00-\x7f]*[a-z][\x00-\x7f]*$/i;
  var TEXT = en
    ? { lang: "zh", before: "中文读者：", link: "在中文版搜索“", after: "”" }
    : { lang: "en", before: "", link: "到英文版搜索“", after: "”" };

  function otherSite(query) {
    var a = document.querySelector('.md-select__link[hreflang="' + TEXT.lang + '"]');
    if (!a) return null;
    var url = new URL(a.getAttribute("data-base-href") || a.getAttribute("href"), location.href);
    url.hash = "";
    url.searchParams.set("q", query);
    return url.href;
  }

  document.addEventListener("search-result", function (e) {
    if (!e.detail || e.detail.type !== 3 || !asked.length) return;
    var value = String(asked.shift()), query = value.trim(), items = e.detail.data.items || [];
    var box = document.querySelector("[data-md-component=search-result]");
    if (!box) return;
    var meta = box.querySelector(".md-search-result__meta");
    var show = query && (en ? HAN.test(query) : LATIN.test(query) && items.length === 0);
    var href = show && otherSite(query);
    // Material rewrites the count line for every result, which also removes an old line.
    if (href && meta) {
      // A line of its own under the count; md-typeset gives the link the site's link style.
      var line = document.createElement("div"), link = document.createElement("a");
      line.className = "search-elsewhere md-typeset";
      if (en) line.lang = "zh";
      link.href = href;
      link.hreflang = TEXT.lang;
      link.textContent = TEXT.link + query + TEXT.after;
      line.append(TEXT.before, link);
      meta.append(line);
    }
    box.setAttribute("data-count", String(items.length));
    box.setAttribute("data-query", value);
  });
})();
