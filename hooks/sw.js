/* The guide's service worker (README, "Offline"). hooks/offline.py writes it to
 * the site root as sw.js with DATA filled in from the finished build:
 *   version  hash of the list below: a new build is a new worker
 *   files    every file "save the whole guide" fetches: path -> sha256 (16 hex)
 *   common   the CSS, JS, manifests and icons every saved page needs (saved at install)
 *   auto     per language: the counter pages, the cancel and unlink guides, the plan page and
 *            the offline page (saved on the first visit)
 *   offline  per language: the page shown for an address that was never saved
 *   bytes    compressed size of all files (what the save button announces)
 * Pages: network first; after TIMEOUT ms without an answer, or with no network,
 * the saved copy with a note, else the offline page. Other files: the saved
 * copy, else the network (and saved if listed). One cache per version; a new
 * version keeps the old copies whose bytes did not change, fetches the changed
 * ones again, and deletes the old cache when it takes over.
 */
"use strict";
var DATA = /*DATA*/{};
var PREFIX = "guide-";
var CACHE = PREFIX + DATA.version;
var ROOT = new URL("./", self.location).href;
var FULL = "__saved-whole-guide";   // a marker entry: the reader saved the whole guide
var TIMEOUT = 3000;
var NOTE = {
  zh: ["离线副本", "这是 {t} 保存在这台设备上的版本。联网后刷新本页，就会换成最新内容。"],
  en: ["Saved copy", "You are reading the copy saved on this device on {t}. When you are online again, reload the page to get the latest version."]
};
var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function has(path) { return Object.prototype.hasOwnProperty.call(DATA.files, path); }
function abs(path) { return ROOT + path; }
function rel(url) {
  var u = new URL(url);
  u.hash = "";
  u.search = "";
  return u.href.indexOf(ROOT) === 0 ? u.href.slice(ROOT.length) : null;
}
function langOf(path) { return /^en\//.test(path || "") ? "en" : "zh"; }
function two(n) { return (n < 10 ? "0" : "") + n; }
function when(ms, lang) {
  var d = new Date(ms), hm = two(d.getHours()) + ":" + two(d.getMinutes());
  return lang === "en"
    ? d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear() + " at " + hm
    : d.getFullYear() + " 年 " + (d.getMonth() + 1) + " 月 " + d.getDate() + " 日 " + hm;
}
function noop() {}

function hashOf(res) {
  return res.clone().arrayBuffer().then(function (buf) {
    return crypto.subtle.digest("SHA-256", buf);
  }).then(function (digest) {
    return Array.prototype.map.call(new Uint8Array(digest).slice(0, 8), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  });
}

// A copy to keep: the body as received (already decoded) and the time it was saved.
function stamp(res, saved) {
  return res.blob().then(function (body) {
    var headers = new Headers(res.headers);
    headers.delete("content-encoding");
    headers.delete("content-length");
    headers.set("x-saved", String(saved || Date.now()));
    return new Response(body, { status: res.status, statusText: res.statusText, headers: headers });
  });
}

function keep(cache, path, res) {
  return stamp(res).then(function (copy) { return cache.put(abs(path), copy); });
}

// Fetch one listed file; if the browser's HTTP cache gave other bytes than this build's, ask the server again.
function fetchFile(path) {
  function get(mode) {
    return fetch(abs(path), { cache: mode, credentials: "same-origin" }).then(function (res) {
      if (!res.ok) throw new Error(res.status + " " + path);
      return res;
    });
  }
  return get("default").then(function (res) {
    return hashOf(res).then(function (h) { return h === DATA.files[path] ? res : get("reload"); });
  });
}

// Save the paths that are not saved yet, four at a time. onEach(ok) after each one.
function saveAll(cache, paths, onEach) {
  var queue = paths.slice(), failed = 0;
  function next() {
    var path = queue.shift();
    if (path === undefined) return Promise.resolve();
    return cache.match(abs(path)).then(function (hit) {
      return hit || fetchFile(path).then(function (res) { return keep(cache, path, res); });
    }).then(function () { if (onEach) onEach(true); }, function () {
      failed += 1;
      if (onEach) onEach(false);
    }).then(next);
  }
  return Promise.all([next(), next(), next(), next()]).then(function () { return failed; });
}

// A new version: keep the saved copies whose bytes did not change, fetch the others again.
function carryOver(cache) {
  return caches.keys().then(function (names) {
    var old = names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; });
    return Promise.all(old.map(function (name) {
      return caches.open(name).then(function (oldCache) {
        return oldCache.keys().then(function (requests) {
          var changed = [], wholeGuide = false;
          return Promise.all(requests.map(function (req) {
            var path = rel(req.url);
            if (path === FULL) { wholeGuide = true; return null; }
            if (path === null || !has(path)) return null;
            return oldCache.match(req).then(function (res) {
              return hashOf(res).then(function (h) {
                if (h === DATA.files[path]) return cache.put(req, res);
                changed.push({ path: path, res: res });
              });
            });
          })).then(function () {
            return Promise.all(changed.map(function (c) {
              // Best effort: without a network the old copy stays until the next online visit.
              return fetchFile(c.path).then(function (res) { return keep(cache, c.path, res); },
                function () { return cache.put(abs(c.path), c.res); });
            }));
          }).then(function () {
            if (wholeGuide) return saveWhole(cache, null, "zh");
          });
        });
      });
    }));
  });
}

function saveWhole(cache, client, lang) {
  var paths = Object.keys(DATA.files), done = 0;
  function tell(msg) { if (client) client.postMessage(msg); }
  tell({ progress: 0, total: paths.length });
  return saveAll(cache, paths, function () {
    done += 1;
    tell({ progress: done, total: paths.length });
  }).then(function (failed) {
    if (failed) { tell({ failed: failed, total: paths.length }); return; }
    var now = Date.now();
    return cache.put(abs(FULL), new Response(String(now))).then(function () {
      tell({ saved: when(now, lang) });
    });
  });
}

self.addEventListener("install", function (e) {
  e.waitUntil(caches.open(CACHE).then(function (cache) {
    return carryOver(cache).then(function () {
      return saveAll(cache, DATA.common);
    }).then(function (failed) {
      if (failed) throw new Error("could not save " + failed + " files every page needs");
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
  e.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (e) {
  var m = e.data || {}, client = e.source;
  var lang = m.lang === "en" ? "en" : "zh";
  e.waitUntil(caches.open(CACHE).then(function (cache) {
    if (m.auto) {
      // The page the reader is on (it loaded before this worker) and the automatic set in its language.
      var page = rel(m.auto), paths = DATA.auto[lang].slice();
      if (page !== null && has(page)) paths.unshift(page);
      return saveAll(cache, paths).then(function () { if (client) client.postMessage({ auto: true }); });
    }
    if (m.whole) return saveWhole(cache, client, lang);
    if (m.state) {
      return cache.match(abs(FULL)).then(function (hit) { return hit ? hit.text() : ""; }).then(function (t) {
        if (client) client.postMessage({ state: t ? when(Number(t), lang) : "" });
      });
    }
  }));
});

// The saved copy of a page, with a note saying so and when it was saved.
function savedCopy(path) {
  return caches.open(CACHE).then(function (cache) { return cache.match(abs(path)); }).then(function (res) {
    if (!res) return null;
    var lang = langOf(path), note = NOTE[lang];
    var at = Number(res.headers.get("x-saved")) || Date.now();
    return res.text().then(function (html) {
      var box = '<div class="admonition info offline-note no-print" role="note"><p class="admonition-title">' + note[0] +
        "</p><p>" + note[1].replace("{t}", when(at, lang)) + "</p></div>";
      html = html.replace(/<article class="md-content__inner md-typeset">/, "$&" + box)
        .replace(/<html\b/, '$& data-saved="' + at + '"');
      return new Response(html, { headers: res.headers });
    });
  });
}

function offlinePage(path) {
  var lang = langOf(path);
  return caches.open(CACHE).then(function (cache) {
    return cache.match(abs(DATA.offline[lang])).then(function (hit) {
      return hit || cache.match(abs(DATA.offline[lang === "en" ? "zh" : "en"]));
    });
  }).then(function (hit) {
    return hit || new Response("离线，无法打开本页。 / You are offline.", {
      status: 503, headers: { "content-type": "text/plain; charset=utf-8" }
    });
  });
}

function page(e, path) {
  // "no-cache": always ask the server (a conditional request, so an unchanged page costs a 304),
  // never the browser's HTTP cache, which would hide that the network is gone.
  var net = fetch(new Request(e.request, { cache: "no-cache" })).then(function (res) {
    var type = res.headers.get("content-type") || "";
    if (res.status === 200 && res.type === "basic" && type.indexOf("text/html") === 0) {
      var copy = res.clone();
      e.waitUntil(caches.open(CACHE).then(function (cache) { return keep(cache, path, copy); }));
    }
    return res;
  });
  e.waitUntil(net.then(noop, noop));   // an answer that comes late still refreshes the saved copy
  return new Promise(function (resolve) {
    var done = false;
    function give(res) { if (!done && res) { done = true; resolve(res); } return !!res; }
    var timer = setTimeout(function () { savedCopy(path).then(give); }, TIMEOUT);
    net.then(function (res) {
      clearTimeout(timer);
      if (res.status < 500) return give(res);
      return savedCopy(path).then(function (copy) { give(copy || res); });
    }, function () {
      clearTimeout(timer);
      return savedCopy(path).then(function (copy) { return copy || offlinePage(path); }).then(give);
    });
  });
}

self.addEventListener("fetch", function (e) {
  var req = e.request, path = rel(req.url);
  if (req.method !== "GET" || path === null) return;
  if (req.mode === "navigate") {
    e.respondWith(page(e, path));
    return;
  }
  if (!has(path)) return;
  e.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(abs(path)).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        if (res.ok && res.type === "basic") e.waitUntil(keep(cache, path, res.clone()));
        return res;
      });
    });
  }));
});
