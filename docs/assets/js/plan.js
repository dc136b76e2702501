/* My cancellation plan (docs/plan.md; hooks/plan.py writes every step into the
   page from data/plan.yml, hidden). This script holds no plan text: it reveals
   the form, shows the steps, sentences and notes whose data-when / data-unless
   conditions ("question:a,b;question:c") match the answers, keeps the answers
   in the query string (no reload), restores them from it, and carries them
   across the language switch and the share button. Loaded on this page only. */
(function () {
  "use strict";
  var root = document.querySelector("[data-plan]");
  if (!root) return;
  var form = root.querySelector(".plan-form");
  var out = root.querySelector(".plan-out");
  var status = root.querySelector(".plan-status");
  var summary = root.querySelector(".plan-answers");
  var urlLine = root.querySelector(".plan-url");
  var fieldsets = [].slice.call(form.querySelectorAll("fieldset[data-q]"));
  var names = fieldsets.map(function (f) { return f.getAttribute("data-q"); });
  var ruled = [].slice.call(root.querySelectorAll("[data-when]"));
  var fallback = document.querySelector(".plan-fallback");

  document.documentElement.classList.add("plan-js");
  if (fallback) fallback.hidden = true;
  form.hidden = false;
  status.hidden = false;

  function answers() {
    var a = {};
    names.forEach(function (q) {
      var v = form.elements[q].value;
      if (v) a[q] = v;
    });
    return a;
  }

  function match(cond, a) {
    return !cond || cond.split(";").every(function (clause) {
      var i = clause.indexOf(":");
      return clause.slice(i + 1).split(",").indexOf(a[clause.slice(0, i)]) >= 0;
    });
  }

  function applies(el, a) {
    var unless = el.getAttribute("data-unless");
    return match(el.getAttribute("data-when"), a) && !(unless && match(unless, a));
  }

  function fill(template, n) { return template.replace("{n}", n); }

  function showSummary(a) {
    summary.textContent = "";
    fieldsets.forEach(function (f) {
      var q = f.getAttribute("data-q");
      var input = f.querySelector("input:checked");
      if (!(q in a) || !input) return;
      var legend = f.querySelector("legend").textContent;
      var dt = document.createElement("dt");
      var dd = document.createElement("dd");
      var change = document.createElement("a");
      dt.textContent = legend;
      dd.textContent = input.parentNode.textContent.trim() + " ";
      change.href = "#" + f.id;
      change.className = "plan-answers__change";
      change.textContent = summary.getAttribute("data-change");
      change.setAttribute("aria-label", summary.getAttribute("data-change-label").replace("{q}", legend));
      change.addEventListener("click", function () { setTimeout(function () { input.focus(); }, 0); });
      dd.appendChild(change);
      summary.appendChild(dt);
      summary.appendChild(dd);
    });
  }

  function carry(search) {
    // The language switch (built by the theme) and site.js's share button keep the answers.
    document.querySelectorAll(".md-select__link[hreflang]").forEach(function (link) {
      var base = (link.getAttribute("data-base-href") || link.getAttribute("href")).split("#")[0].split("?")[0];
      link.setAttribute("data-base-href", base + search);
      link.setAttribute("href", base + search + location.hash);
    });
    var share = document.querySelector("[data-share]");
    if (share) {
      share.setAttribute("data-share-query", "");
      var qr = share.querySelector(".share__qr");   // the QR code is of the bare page address
      if (qr) qr.hidden = !!search;
    }
  }

  function update() {
    var a = answers();
    var left = names.filter(function (q) { return !(q in a); }).length;
    ruled.forEach(function (el) { el.hidden = !applies(el, a); });
    var steps = out.querySelectorAll(".plan-step:not([hidden])").length;
    out.hidden = left > 0;
    status.textContent = left ? fill(status.getAttribute("data-left"), left) : fill(status.getAttribute("data-done"), steps);
    showSummary(a);
    var search = names.filter(function (q) { return q in a; }).map(function (q) {
      return q + "=" + encodeURIComponent(a[q]);
    }).join("&");
    search = search ? "?" + search : "";
    history.replaceState(history.state, "", location.pathname + search + location.hash);
    urlLine.textContent = urlLine.getAttribute("data-label") + location.href.split("#")[0];
    carry(search);
  }

  function restore() {
    form.reset();   // the address decides, not what the browser remembered in the form
    location.search.slice(1).split("&").forEach(function (pair) {
      var i = pair.indexOf("=");
      var q = pair.slice(0, i);
      try {
        if (names.indexOf(q) >= 0) form.elements[q].value = decodeURIComponent(pair.slice(i + 1));
      } catch (e) { /* a mangled link: leave that answer empty */ }
    });
    update();
  }

  form.addEventListener("change", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  root.querySelector(".plan-print").addEventListener("click", function () { window.print(); });
  window.addEventListener("pageshow", function (e) { if (e.persisted) restore(); });
  restore();
})();
