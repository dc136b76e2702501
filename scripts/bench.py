#!/usr/bin/env python3
"""`make bench`: build the site, measure it with Lighthouse, print ONE table, record it.

1. Builds the whole site three times (strict, like `make build`) and keeps the
   median wall time; the last build is the one measured.
2. Serves it gzip-compressed on 127.0.0.1 (scripts/measure_site.py's server:
   GitHub Pages compresses with gzip, not brotli, so this is the conservative
   figure) and runs Lighthouse (mobile preset, Debian's /usr/bin/chromium) three
   times on each page below; each figure is the median.
3. Runs one more pass on a carrier page with every outside host hanging (a
   black-hole proxy) and compares the observed first paint with the normal one.
4. Measures search: the per-language index files (raw and gzip), and what a
   first query really downloads (worker + lunr files + index, found by running
   a search in Chromium), against Material's default, which loads the worker,
   the lunr files and the combined search_index.json on every page view.
   Offline (hooks/offline.py): the automatic and whole-guide offline sets (computed and as
   downloaded), the bytes a repeat view of a saved page puts on the network, and the first
   paint of a saved page when every request to the site hangs (offline_figures).
5. Prints one Markdown table (targets next to measured values, pass/fail) and
   writes it, with the date and the machine, into BENCHMARKS.md between the
   "bench:latest" markers. Raw Lighthouse reports go to bench-results/ (ignored
   by git).

Exit status: 0 when every target passes, 1 when one misses (the table says
which), 2 when the benchmark itself could not run. Timings are never asserted
in tests: they live here.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import measure_site as ms  # noqa: E402

PAGES = ["/", "/en/", "/carriers/mts/", "/en/carriers/mts/", "/guide/cancel/", "/en/guide/cancel/"]
CARRIER_PAGES = ["/carriers/mts/", "/en/carriers/mts/"]
HANG_PAGE = "/carriers/mts/"
KB = 1000  # kilobytes as Lighthouse and the research notes count them
BUDGET_CARRIER_BYTES = 80 * KB
BUDGET_BUILD_S = 5.0
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RESULTS = ROOT / "bench-results"
MARK_START, MARK_END = "<!-- bench:latest:start -->", "<!-- bench:latest:end -->"


def log(msg: str) -> None:
    print(f"# {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- build

def build(dest: Path, strict: bool) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [str(ROOT / ".venv" / "bin" / "python"), "-m", "mkdocs", "build", "-q", "--clean", "-d", str(dest)]
    cmd.append("--strict" if strict else "--no-strict")
    start = time.perf_counter()
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if p.returncode != 0:
        tail = "\n".join((p.stdout + p.stderr).strip().splitlines()[-15:])
        raise SystemExit(f"bench: the build failed (fix it, or use --no-strict to measure anyway):\n{tail}")
    return took


# ---------------------------------------------------------------- search payload

def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def first_query_files(base: str, site: Path) -> dict[str, list[str]]:
    """Run one search per language in Chromium; return the search files each one fetched."""
    from playwright.sync_api import sync_playwright

    found: dict[str, list[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox", "--disable-gpu"])
        try:
            for lang, path, query in (("zh", "/carriers/mts/", "注销"), ("en", "/en/carriers/mts/", "cancel")):
                page = browser.new_page()
                urls: list[str] = []
                page.on("request", lambda r, urls=urls: urls.append(r.url))
                page.goto(base + path, wait_until="networkidle")
                before = [u for u in urls if is_search_file(u)]
                box = page.locator("input.md-search__input")
                box.click()
                box.fill(query)
                box.press("End")
                page.locator(".md-search-result__item a").first.wait_for(timeout=20000)
                page.wait_for_load_state("networkidle")
                if before:
                    log(f"warning: {path} loaded search files before any query: {before}")
                files = sorted({u.split("?")[0][len(base):] for u in urls if is_search_file(u)})
                found[lang] = files
                page.close()
        finally:
            browser.close()
    for files in found.values():
        for f in files:
            if not (site / f.lstrip("/")).is_file():
                raise SystemExit(f"bench: search fetched {f}, which is not in the built site")
    return found


FIRST_WAIT_PAGES = ["/", "/en/carriers/mts/"]
FIRST_WAIT_QUERY = "МТС"


def first_search_wait(base: str, path: str, query: str = FIRST_WAIT_QUERY) -> float:
    """Seconds from focusing the search box to the first results, on a cold phone view over a slow
    link: 400 kbit/s each way and 400 ms latency (CDP Network.emulateNetworkConditions), files served
    gzip by the bench server. The search icon is tapped once the page has loaded, and the query is
    entered at once, as a reader does; the wait is the index, the worker and lunr arriving."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(viewport={"width": 360, "height": 780}, device_scale_factor=2,
                                          is_mobile=True, has_touch=True)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 400,
                                                          "downloadThroughput": 400_000 / 8,
                                                          "uploadThroughput": 400_000 / 8})
            page.goto(base + path, wait_until="load", timeout=180_000)
            page.evaluate("""() => {
              const box = document.querySelector("input[data-md-component=search-query]");
              box.addEventListener("focus", () => { window.__t0 ??= performance.now(); });
              new MutationObserver((_, obs) => {
                if (document.querySelector(".md-search-result__item")) { window.__t1 = performance.now(); obs.disconnect(); }
              }).observe(document.querySelector("[data-md-component=search-result]"), {childList: true, subtree: true});
            }""")
            page.tap("label.md-header__button[for=__search]")
            page.locator("input.md-search__input").fill(query)
            page.wait_for_function("() => window.__t1 !== undefined", timeout=180_000, polling=50)
            return page.evaluate("(window.__t1 - window.__t0) / 1000")
        finally:
            browser.close()


def is_search_file(url: str) -> bool:
    return bool(re.search(r"/search/[^/]+\.json|/workers/search\.|/lunr/", url))


def size_of(site: Path, files: list[str]) -> tuple[int, int]:
    raw = zipped = 0
    for f in files:
        data = (site / f.lstrip("/")).read_bytes()
        raw += len(data)
        zipped += gz(data)
    return raw, zipped


# ---------------------------------------------------------------- the plan page (issue #14)

PLAN_PAGES = ["/plan/", "/en/plan/"]
BUDGET_PLAN_BYTES = 90 * KB
BUDGET_PLAN_SCRIPT = 5 * KB


def plan_page_weight(site: Path) -> dict[str, int]:
    """The plan pages' cold view, gzip, from the built files: the HTML plus every
    stylesheet, script and icon it links (all same-origin, as a first visit fetches
    them); and its own script, plan.js, alone."""
    from urllib.parse import urljoin

    out = {}
    for path in PLAN_PAGES:
        html = (site / path.strip("/") / "index.html").read_bytes()
        refs = re.findall(rb'<link\b[^>]*\brel="?(?:stylesheet|icon)"?[^>]*\bhref="([^"]+)"', html)
        refs += re.findall(rb'<script\b[^>]*\bsrc="([^"]+)"', html)
        files = {urljoin(path, r.decode()).split("?")[0] for r in refs}
        out[path] = gz(html) + sum(gz((site / f.lstrip("/")).read_bytes()) for f in files)
    out["script"] = gz((site / "assets" / "js" / "plan.js").read_bytes())
    return out


# ---------------------------------------------------------------- lighthouse

def lighthouse_runs(base: str, pages: list[str], runs: int, out: Path, extra_flags: list[str],
                    hang_seconds: float = 0.0) -> dict[str, dict]:
    args = SimpleNamespace(hang_seconds=hang_seconds, preset="mobile", timeout=240)
    results = {}
    for path in pages:
        got = []
        for i in range(runs):
            slug = (path.strip("/").replace("/", "_") or "root") + ("-hang" if hang_seconds else "")
            lhr = ms.run_lighthouse(str(LIGHTHOUSE), CHROME, base + path, out / f"{slug}.run{i + 1}.json", args, extra_flags)
            if lhr is None:
                continue
            r = ms.extract(lhr)
            if r["error"]:
                log(f"{path} run {i + 1}: Lighthouse runtimeError {r['error']}")
                continue
            got.append(r)
        if not got:
            raise SystemExit(f"bench: Lighthouse produced no report for {path}")
        results[path] = ms.combine(got)
        m = results[path]
        log(f"{path}{' (hang)' if hang_seconds else ''}: perf={m['perf']:.0f} a11y={m['a11y']:.0f} bp={m['bp']:.0f} "
            f"seo={m['seo']:.0f} bytes={m['bytes']:.0f} obsFCP={m['obs_fcp_ms']:.0f}ms ({len(got)} runs)")
    return results


# ---------------------------------------------------------------- table

def fmt_kb(n: float) -> str:
    return f"{n / KB:.1f} KB"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, AttributeError):
        pass
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}{mem}, {platform.system()} {platform.release()}"


def versions() -> str:
    def out(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
        except OSError:
            return "?"
    lh = out([str(LIGHTHOUSE), "--version"])
    chrome = out([CHROME, "--version"])
    commit = out(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = " + uncommitted changes" if out(["git", "-C", str(ROOT), "status", "--porcelain"]) else ""
    return f"Lighthouse {lh}, {chrome}, Python {platform.python_version()}, commit {commit}{dirty}"


def make_table(lh: dict, hang: dict, builds: list[float], search: dict,
               plan: dict | None = None) -> tuple[str, list[str]]:
    cols = PAGES
    header = ["Measure", "Target"] + [f"`{p}`" for p in cols] + ["Site", "Result"]
    rows: list[list[str]] = []
    misses: list[str] = []

    def result(ok: bool | None, name: str) -> str:
        if ok is None:
            return "report"
        if not ok:
            misses.append(name)
        return "pass" if ok else "**FAIL**"

    for key, name in (("perf", "Lighthouse performance"), ("a11y", "Lighthouse accessibility"),
                      ("bp", "Lighthouse best practices"), ("seo", "Lighthouse SEO")):
        vals = [lh[p][key] for p in cols]
        rows.append([name, "100"] + [f"{v:.0f}" for v in vals] + ["", result(all(v == 100 for v in vals), name)])
    for key, name, unit in (("fcp_ms", "First Contentful Paint (simulated)", "ms"),
                            ("lcp_ms", "Largest Contentful Paint (simulated)", "ms"),
                            ("tbt_ms", "Total Blocking Time", "ms")):
        rows.append([name, "(in the score)"] + [f"{lh[p][key]:.0f} {unit}" for p in cols] + ["", result(None, name)])
    rows.append(["Cumulative Layout Shift", "(in the score)"] + [f"{lh[p]['cls']:.3f}" for p in cols] + ["", "report"])
    ok_bytes = all(lh[p]["bytes"] <= BUDGET_CARRIER_BYTES for p in CARRIER_PAGES)
    rows.append(["Cold view, bytes transferred (gzip)", "≤ 80 KB on carrier pages"]
                + [fmt_kb(lh[p]["bytes"]) for p in cols] + ["", result(ok_bytes, "carrier page cold view ≤ 80 KB")])
    rows.append(["Requests (cold view)", "-"] + [f"{lh[p]['requests']:.0f}" for p in cols] + ["", "report"])
    failed = [lh[p]["failed"] for p in cols]
    rows.append(["Failed requests", "0"] + [f"{v:.0f}" for v in failed] + ["", result(all(v == 0 for v in failed), "0 failed requests")])
    third = [lh[p]["third_party"] for p in cols]
    rows.append(["Third-party requests", "0"] + [f"{v:.0f}" for v in third] + ["", result(all(v == 0 for v in third), "0 third-party requests")])
    if OFFLINE:
        rows += offline_rows(OFFLINE, len(cols), result)
    normal, hung = lh[HANG_PAGE]["obs_fcp_ms"], hang[HANG_PAGE]["obs_fcp_ms"]
    ok_hang = hung <= max(2 * normal, normal + 250)
    cells = ["" for _ in cols]
    cells[cols.index(HANG_PAGE)] = f"{normal:.0f} → {hung:.0f} ms"
    rows.append(["First paint (observed) when every outside host hangs", "unchanged (≤ 2× normal)"]
                + cells + ["", result(ok_hang, "first paint unchanged with outside hosts hanging")])
    med = statistics.median(builds)
    rows.append(["Whole-site build (wall, median of 3)", "< 5 s"] + ["" for _ in cols]
                + [f"{med:.2f} s ({' / '.join(f'{b:.2f}' for b in builds)})", result(med < BUDGET_BUILD_S, "build < 5 s")])
    for lang in ("zh", "en"):
        raw, zipped = search[f"index_{lang}"]
        rows.append([f"Search index `search/{lang}.json`", "-"] + ["" for _ in cols]
                    + [f"{fmt_kb(raw)} raw, {fmt_kb(zipped)} gzip", "report"])
    for lang in ("zh", "en"):
        files, (raw, zipped) = search[f"first_{lang}"]
        rows.append([f"First {lang} query downloads (worker + lunr + index, {len(files)} files)", "only on first use"]
                    + ["" for _ in cols] + [f"{fmt_kb(raw)} raw, {fmt_kb(zipped)} gzip", "report"])
    cells = [f"{search['first_wait'][p]:.1f} s" if p in search.get("first_wait", {}) else "" for p in cols]
    rows.append(["First search, phone, 400 kbit/s + 400 ms, gzip: focus → first results", "-"]
                + cells + ["", "report"])
    raw, zipped = search["eager"]
    rows.append(["Material default: eager combined `search_index.json` + worker + lunr, on every page view", "-"]
                + ["" for _ in cols] + [f"{fmt_kb(raw)} raw, {fmt_kb(zipped)} gzip", "report"])
    worst = max(lh[p]["bytes"] for p in CARRIER_PAGES)
    rows.append(["Carrier-page cold view if search were eager (default)", "≤ 80 KB"] + ["" for _ in cols]
                + [f"{fmt_kb(worst + zipped)}", "report"])

    if plan:
        ok = all(plan[p] <= BUDGET_PLAN_BYTES for p in PLAN_PAGES)
        rows.append(["Plan page cold view (HTML + CSS + JS + icon, gzip, from the files)", "≤ 90 KB"]
                    + ["" for _ in cols] + [", ".join(f"`{p}` {fmt_kb(plan[p])}" for p in PLAN_PAGES),
                                            result(ok, "plan page cold view ≤ 90 KB")])
        rows.append(["Plan script `assets/js/plan.js` (gzip)", "< 5 KB"] + ["" for _ in cols]
                    + [fmt_kb(plan["script"]), result(plan["script"] < BUDGET_PLAN_SCRIPT, "plan.js < 5 KB")])

    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    def line(r):
        return "| " + " | ".join(str(c).ljust(widths[i]) for i, c in enumerate(r)) + " |"
    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [line(r) for r in rows]
    return "\n".join(out), misses


def record(table: str, when: str, misses: list[str], notes: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{MARK_START}\n{MARK_END}\n"
    verdict = "All targets met." if not misses else "Targets missed: " + "; ".join(misses) + "."
    block = (f"{MARK_START}\n## Latest run: {when}\n\n- Machine: {machine()}\n- Software: {versions()}\n"
             f"- Method: {notes}\n- {verdict}\n\n{table}\n{MARK_END}")
    if MARK_START in text and MARK_END in text:
        text = re.sub(re.escape(MARK_START) + ".*?" + re.escape(MARK_END), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median; default 3)")
    ap.add_argument("--hang-seconds", type=float, default=20.0)
    ap.add_argument("--no-strict", action="store_true", help="build even with warnings (pages still being written)")
    ap.add_argument("--no-record", action="store_true", help="print the table but leave BENCHMARKS.md alone")
    args = ap.parse_args(argv)

    if not LIGHTHOUSE.exists():
        print("bench: node_modules/.bin/lighthouse is missing: run scripts/setup.sh test", file=sys.stderr)
        return 2
    if not Path(CHROME).exists():
        print(f"bench: {CHROME} is missing: run scripts/setup.sh test", file=sys.stderr)
        return 2
    os.environ.update(ms.NO_DOWNLOAD)
    RESULTS.mkdir(exist_ok=True)
    lh_dir = RESULTS / "lighthouse"
    shutil.rmtree(lh_dir, ignore_errors=True)
    lh_dir.mkdir()
    started = time.monotonic()
    load_before = os.getloadavg()[0]
    if load_before > (os.cpu_count() or 1) * 0.5:
        log(f"warning: load average {load_before:.1f} on {os.cpu_count()} CPUs: timings and scores will be noisy")
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")

    work = Path(tempfile.mkdtemp(prefix="bench-"))
    site = work / "site"
    try:
        builds = []
        for i in range(3):
            builds.append(build(site, strict=not args.no_strict))
            log(f"build {i + 1}: {builds[-1]:.2f} s")
        plan = plan_page_weight(site)

        httpd = ms.QuietThreadingServer(("127.0.0.1", 0), ms.make_handler(site, True))
        ms.start_thread(httpd)
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        hole = None
        try:
            search = {}
            for lang in ("zh", "en"):
                search[f"index_{lang}"] = size_of(site, [f"/search/{lang}.json"])
            first = first_query_files(base, site)
            for lang, files in first.items():
                search[f"first_{lang}"] = (files, size_of(site, files))
            engine = sorted({f for files in first.values() for f in files if not f.startswith("/search/")})
            search["eager"] = size_of(site, engine + ["/search/search_index.json"])
            search["first_wait"] = {p: first_search_wait(base, p) for p in FIRST_WAIT_PAGES}

            lh = lighthouse_runs(base, PAGES, args.runs, lh_dir, [])
            ms.BlackHole.hang_seconds = args.hang_seconds
            hole = ms.QuietTCPServer(("127.0.0.1", 0), ms.BlackHole)
            ms.start_thread(hole)
            proxy = [f"--proxy-server=http://127.0.0.1:{hole.server_address[1]}"]
            hang = lighthouse_runs(base, [HANG_PAGE], 1, lh_dir, proxy, hang_seconds=args.hang_seconds)
            OFFLINE.update(offline_figures(site))
        finally:
            httpd.shutdown()
            if hole:
                hole.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    load = f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    table, misses = make_table(lh, hang, builds, search, plan)
    notes = (f"`make bench`; Lighthouse mobile preset (simulated slow 4G, 4x CPU), median of {args.runs} runs per page; "
             f"served gzip level 6 on 127.0.0.1 (as GitHub Pages); KB = 1000 bytes; "
             f"hang pass = 1 run with every non-loopback host held open for {args.hang_seconds:.0f} s; {load}"
             + ("; **built with --no-strict**" if args.no_strict else ""))
    print(f"\nBenchmark {when} on {machine()}, {load}\n{versions()}\n")
    print(table)
    print("\n" + ("All targets met." if not misses else "MISSED: " + "; ".join(misses)))
    print(f"(bench took {time.monotonic() - started:.0f} s; Lighthouse reports in {lh_dir.relative_to(ROOT)})")
    (RESULTS / "latest.json").write_text(json.dumps({"when": when, "lighthouse": lh, "hang": hang, "builds": builds,
                                                     "search": search, "plan": plan, "misses": misses}, indent=1, default=str))
    if not args.no_record:
        record(table, when, misses, notes)
        print("recorded in BENCHMARKS.md")
    return 1 if misses else 0


# ---------------------------------------------------------------- offline (issue #15, hooks/offline.py)

OFFLINE_PAGE = "/carriers/mts/"
BUDGET_OFFLINE_AUTO = 250 * KB
BUDGET_OFFLINE_FULL = 2000 * KB
OFFLINE_TIMEOUT_MS = 3000          # hooks/sw.js TIMEOUT
OFFLINE: dict = {}                 # offline_figures(), filled in by main(), read by make_table()


def offline_figures(site: Path) -> dict:
    """The offline figures, in Chromium with the service worker running, against a server that
    answers conditional requests with 304 (as GitHub Pages and nginx do) and counts every byte it
    sends (headers included, gzip), the worker's own requests too. Returns sizes and bytes."""
    import hashlib
    import threading
    from playwright.sync_api import sync_playwright

    data = json.loads(re.search(r"var DATA = (\{.*?\});\n", (site / "sw.js").read_text(encoding="utf-8")).group(1))
    gz_of = lambda paths: sum(gz((site / (p + "index.html" if p == "" or p.endswith("/") else p)).read_bytes())
                              for p in paths)
    sent: list[tuple[str, int, int]] = []
    release = threading.Event()
    release.set()
    base_handler = ms.make_handler(site, True)

    class Counting:
        def __init__(self, raw, req):
            self.raw, self.req = raw, req

        def write(self, b):
            self.req.sent_bytes += len(b)
            return self.raw.write(b)

        def __getattr__(self, name):
            return getattr(self.raw, name)

    class Handler(base_handler):
        def setup(self):
            super().setup()
            self.sent_bytes = 0
            self.wfile = Counting(self.wfile, self)

        def do_GET(self):
            release.wait(timeout=60)
            path = self.path.split("?")[0]
            file = site / path.lstrip("/")
            file = file / "index.html" if file.is_dir() else file
            etag = f'"{hashlib.sha256(file.read_bytes()).hexdigest()[:16]}"' if file.is_file() else None
            self.sent_bytes = 0
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                status = 304
            else:
                real_end = self.end_headers
                self.end_headers = lambda: (etag and self.send_header("ETag", etag), real_end())
                super().do_GET()
                status = 200
            sent.append((path, status, self.sent_bytes))

    httpd = ms.QuietThreadingServer(("127.0.0.1", 0), Handler)
    ms.start_thread(httpd)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    out = {"auto_static": {lang: gz_of(set(data["common"]) | set(data["auto"][lang])) for lang in ("zh", "en")},
           "full_static": data["bytes"], "files": len(data["files"])}

    def wait(page, expr, arg=None, seconds=90):
        end = time.monotonic() + seconds
        while not page.evaluate(expr, arg):
            if time.monotonic() > end:
                raise SystemExit(f"bench: offline: never true: {expr} {arg}")
            time.sleep(0.2)

    def total(since):
        return sum(b for _, _, b in sent[since:])

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROME, args=["--no-sandbox", "--disable-gpu"])
            try:
                ctx = browser.new_context(service_workers="allow")
                page = ctx.new_page()
                mark = len(sent)
                page.goto(base + OFFLINE_PAGE, wait_until="load")
                out["first_view_bytes"] = total(mark)
                wait(page, "async u => !!(await caches.match(u)) && !!navigator.serviceWorker.controller",
                     base + "/offline.html")
                wait(page, "async u => !!(await caches.match(u))", base + OFFLINE_PAGE)
                time.sleep(1)
                out["auto_network_bytes"] = total(mark) - out["first_view_bytes"]

                mark = len(sent)
                page.goto(base + OFFLINE_PAGE, wait_until="load")
                time.sleep(1)
                out["repeat_bytes"] = total(mark)
                out["repeat_requests"] = [f"{path} {status}" for path, status, _ in sent[mark:]]

                release.clear()                          # every request now hangs
                page.goto(base + OFFLINE_PAGE, wait_until="load", timeout=60_000)
                # The paint entry can arrive just after "load": wait for it (5 s at most).
                out["hang_fcp_ms"] = page.evaluate("""() => new Promise(done => {
                  const fcp = list => list.find(e => e.name === 'first-contentful-paint');
                  const now = fcp(performance.getEntriesByType('paint'));
                  if (now) return done(now.startTime);
                  new PerformanceObserver(l => { const e = fcp(l.getEntries()); if (e) done(e.startTime); })
                    .observe({type: 'paint', buffered: true});
                  setTimeout(() => done(-1), 5000);
                })""")
                out["hang_saved_copy"] = page.locator(".offline-note").count() == 1
                release.set()

                page.goto(base + "/", wait_until="load")
                mark = len(sent)
                page.locator("[data-offline-save] button").click()
                wait(page, "() => /已保存（/.test(document.querySelector('[data-offline-save] [role=status]').textContent)",
                     seconds=300)
                out["full_network_bytes"] = total(mark)
                ctx.close()
            finally:
                browser.close()
    finally:
        release.set()
        httpd.shutdown()
    return out


def offline_rows(off: dict, ncols: int, result) -> list[list[str]]:
    blank = ["" for _ in range(ncols)]
    auto = max(off["auto_static"].values())
    rows = [
        ["Offline: automatic set (CSS/JS, manifests, icons, counter, cancel, unlink, plan and offline pages; per language)", "≤ 250 KB"] + blank
        + [f"zh {fmt_kb(off['auto_static']['zh'])}, en {fmt_kb(off['auto_static']['en'])}; "
           f"on the network after a first view of `{OFFLINE_PAGE}`: {fmt_kb(off['auto_network_bytes'])}",
           result(auto <= BUDGET_OFFLINE_AUTO and off["auto_network_bytes"] <= BUDGET_OFFLINE_AUTO, "offline automatic set ≤ 250 KB")],
        ["Offline: whole guide (save button; no preview images)", "< 2 MB"] + blank
        + [f"{fmt_kb(off['full_static'])} ({off['files']} files); on the network: {fmt_kb(off['full_network_bytes'])}",
           result(off["full_static"] < BUDGET_OFFLINE_FULL, "offline whole guide < 2 MB")],
        [f"Offline: repeat view of a saved page (`{OFFLINE_PAGE}`), bytes on the network", "HTML revalidation only"] + blank
        + [f"{off['repeat_bytes']} B ({', '.join(off['repeat_requests'])})",
           result(off["repeat_requests"] == [f"{OFFLINE_PAGE} 304"], "repeat view = HTML revalidation only")],
        [f"Offline: first paint of a saved page when the network hangs (worker timeout {OFFLINE_TIMEOUT_MS} ms)",
         "saved copy, ≤ timeout + 1 s"] + blank
        + [f"{off['hang_fcp_ms']:.0f} ms" + ("" if off["hang_saved_copy"] else " (no saved copy!)"),
           result(off["hang_saved_copy"] and 0 < off["hang_fcp_ms"] <= OFFLINE_TIMEOUT_MS + 1000,
                  "hanging network: saved copy within the timeout")],
    ]
    return rows


if __name__ == "__main__":
    sys.exit(main())
