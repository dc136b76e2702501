#!/usr/bin/env python3
"""measure_site.py - Lighthouse (mobile) baseline for a built static site, on loopback.

Copied from the team's shared tool (research/anchors.md, Part B7) and adapted for
this repository: Lighthouse comes from the repo's own package.json (./node_modules),
it never downloads a browser (Debian's /usr/bin/chromium; the *_SKIP_DOWNLOAD
variables are set for every child process) and it never reports errors home.
scripts/bench.py (`make bench`) imports the server, black hole and Lighthouse runner
from here; this file still works on its own as before.

Usage:
  measure_site.py SITE_DIR PAGE [PAGE ...] [options]

  SITE_DIR   a built site (e.g. the `site/` folder written by `mkdocs build`).
  PAGE       URL paths to test, relative to the site root, e.g.  /  /mts/  /en/mts/
             (a path ending in / is served from its index.html, as on GitHub Pages).

Options:
  --prefix DIR        where `npm i lighthouse` was run; the CLI is DIR/node_modules/.bin/lighthouse
                      (default: $LH_PREFIX or this repository, whose package.json pins Lighthouse)
  --lighthouse PATH   explicit path to the lighthouse CLI (overrides --prefix)
  --chrome PATH       Chromium binary (default: $CHROME_PATH or /usr/bin/chromium)
  --runs N            Lighthouse runs per page; the median of each metric is printed (default 3)
  --preset mobile|desktop   Lighthouse form factor/throttling preset (default mobile = Lighthouse default:
                      Moto-G-class emulation, simulated slow 4G 150 ms RTT / 1.6 Mbit/s, 4x CPU slowdown)
  --compress gzip|none  serve text assets gzip-compressed like a real static host (default gzip);
                      `none` mimics `python -m http.server` (uncompressed bytes)
  --external fail|hang  what requests to non-loopback hosts do:
                      fail = whatever this machine does (offline: instant DNS failure) (default)
                      hang = route them to a local black-hole proxy that accepts and then holds the
                             connection for --hang-seconds before closing it: a rough model of a
                             blocked host (e.g. Google Fonts) seen from mainland China
  --hang-seconds S    how long the black hole holds a connection (default 20)
  --port P            port for the loopback web server (default 0 = any free port)
  --json-dir DIR      keep every Lighthouse JSON report there (default: a temp dir, deleted)
  --csv FILE          also write the per-page medians as CSV
  --timeout S         per-Lighthouse-run timeout in seconds (default 180)

Output: one line per page with Lighthouse category scores (0-100), FCP/LCP (ms, Lighthouse's
simulated throttling), observed FCP/LCP (ms, unthrottled wall clock on this machine: the ones to
read in --external hang mode), TBT (ms), CLS, transfer bytes (sum of transferSize; compressed if
--compress gzip), http(s) request count, failed requests (network error or HTTP >= 400),
third-party (non-loopback) request count and their hosts; then a SUMMARY line (medians over pages; bytes and
requests also as totals). Exit status 0 if every page produced a report, 1 otherwise.

Self-contained: Python 3.8+ standard library only; serves SITE_DIR itself (threaded, 404.html
fallback, optional gzip), starts Lighthouse via its CLI (which launches Chromium headless).
"""
from __future__ import annotations

import argparse
import csv
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import socket
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

# Nothing may fetch a browser: Lighthouse drives the Chromium named by CHROME_PATH.
NO_DOWNLOAD = {"PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1",
               "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml",
                "image/svg+xml", "application/manifest+json", "application/x-javascript")
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run"]


# --------------------------------------------------------------------------- web server
def make_handler(root: Path, compress: bool):
    cache: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # keep stdout clean
            pass

        def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self):
            self.do_GET()

        def do_GET(self):
            url = urllib.parse.urlsplit(self.path)
            rel = urllib.parse.unquote(url.path).lstrip("/")
            target = (root / rel).resolve()
            if root not in target.parents and target != root:
                return self._send(403, b"forbidden", "text/plain")
            if target.is_dir():
                if not url.path.endswith("/"):
                    loc = url.path + "/" + (("?" + url.query) if url.query else "")
                    return self._send(301, b"", "text/plain", {"Location": loc})
                target = target / "index.html"
            status = 200
            if not target.is_file():
                status, target = 404, root / "404.html"
                if not target.is_file():
                    return self._send(404, b"not found", "text/plain")
            ctype = mimetypes.guess_type(str(target))[0] or "application/octet-stream"
            if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
                ctype += "; charset=utf-8"
            body = target.read_bytes()
            extra = {}
            accepts = "gzip" in (self.headers.get("Accept-Encoding") or "")
            if compress and accepts and ctype.startswith(COMPRESSIBLE) and len(body) > 256:
                key = str(target)
                if key not in cache:
                    cache[key] = gzip.compress(body, compresslevel=6)
                body = cache[key]
                extra = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
            self._send(status, body, ctype, extra)

    return Handler


class QuietThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):  # browsers drop connections; ignore
        pass


# --------------------------------------------------------------------------- black hole
class BlackHole(socketserver.BaseRequestHandler):
    hang_seconds = 20.0

    def handle(self):
        self.request.settimeout(0.5)
        end = time.monotonic() + self.hang_seconds
        try:
            while time.monotonic() < end:
                try:
                    if not self.request.recv(4096):
                        return  # client gave up
                except socket.timeout:
                    continue
        except OSError:
            return


class QuietTCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        pass


def start_thread(server):
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    return t


# --------------------------------------------------------------------------- lighthouse
def run_lighthouse(lh: str, chrome: str, url: str, out_json: Path, args, extra_flags) -> dict | None:
    flags = " ".join(CHROME_FLAGS + extra_flags)
    cmd = [lh, url, "--output=json", f"--output-path={out_json}", "--quiet",
           f"--chrome-flags={flags}",
           "--only-categories=performance,accessibility,best-practices,seo",
           f"--max-wait-for-load={int(max(45, args.hang_seconds + 15) * 1000)}",
           "--no-enable-error-reporting"]
    if args.preset == "desktop":
        cmd.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=chrome, **NO_DOWNLOAD)
    try:
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=args.timeout, text=True)
    except subprocess.TimeoutExpired:
        print(f"# lighthouse timed out on {url}", file=sys.stderr)
        return None
    if p.returncode != 0 or not out_json.is_file():
        print(f"# lighthouse failed on {url} (rc={p.returncode}): {p.stderr.strip()[-800:]}",
              file=sys.stderr)
        return None
    return json.loads(out_json.read_text(encoding="utf-8"))


def audit_num(lhr, key):
    a = lhr.get("audits", {}).get(key) or {}
    v = a.get("numericValue")
    return float(v) if isinstance(v, (int, float)) else float("nan")


def extract(lhr: dict) -> dict:
    cats = lhr.get("categories", {})

    def score(k):
        s = (cats.get(k) or {}).get("score")
        return float("nan") if s is None else round(s * 100)

    reqs = ((lhr.get("audits", {}).get("network-requests") or {}).get("details") or {}).get("items") or []
    http_reqs = [r for r in reqs if str(r.get("url", "")).startswith(("http://", "https://"))]
    third = [r for r in http_reqs if (urllib.parse.urlsplit(r["url"]).hostname or "") not in LOOPBACK_HOSTS]
    failed = [r for r in http_reqs
              if r.get("statusCode") in (None, -1, 0) or r.get("finished") is False
              or (isinstance(r.get("statusCode"), int) and r["statusCode"] >= 400)]
    metrics = (((lhr.get("audits", {}).get("metrics") or {}).get("details") or {}).get("items") or [{}])[0]
    return {
        "perf": score("performance"), "a11y": score("accessibility"),
        "bp": score("best-practices"), "seo": score("seo"),
        "fcp_ms": audit_num(lhr, "first-contentful-paint"),
        "lcp_ms": audit_num(lhr, "largest-contentful-paint"),
        "obs_fcp_ms": float(metrics.get("observedFirstContentfulPaint", float("nan")) or float("nan")),
        "obs_lcp_ms": float(metrics.get("observedLargestContentfulPaint", float("nan")) or float("nan")),
        "tbt_ms": audit_num(lhr, "total-blocking-time"),
        "cls": audit_num(lhr, "cumulative-layout-shift"),
        "bytes": audit_num(lhr, "total-byte-weight"),
        "requests": len(http_reqs),
        "failed": len(failed),
        "third_party": len(third),
        "hosts": sorted({urllib.parse.urlsplit(r["url"]).hostname for r in third}),
        "warnings": lhr.get("runWarnings") or [],
        "error": (lhr.get("runtimeError") or {}).get("code"),
    }


def median(vals):
    vals = [v for v in vals if v == v]  # drop NaN
    return statistics.median(vals) if vals else float("nan")


def combine(runs: list[dict]) -> dict:
    out = {}
    for k in ("perf", "a11y", "bp", "seo", "fcp_ms", "lcp_ms", "obs_fcp_ms", "obs_lcp_ms", "tbt_ms",
              "cls", "bytes", "requests", "failed", "third_party"):
        out[k] = median([r[k] for r in runs])
    out["hosts"] = sorted({h for r in runs for h in r["hosts"]})
    out["runs"] = len(runs)
    out["warnings"] = sorted({w for r in runs for w in r["warnings"]})
    return out


def fmt(v, nd=0):
    if v != v:
        return "n/a"
    return f"{v:.{nd}f}"


def line(label, m):
    return (f"{label:<28} perf={fmt(m['perf'])} a11y={fmt(m['a11y'])} bp={fmt(m['bp'])} "
            f"seo={fmt(m['seo'])} FCP={fmt(m['fcp_ms'])}ms LCP={fmt(m['lcp_ms'])}ms "
            f"obsFCP={fmt(m['obs_fcp_ms'])}ms obsLCP={fmt(m['obs_lcp_ms'])}ms TBT={fmt(m['tbt_ms'])}ms CLS={fmt(m['cls'], 3)} "
            f"bytes={fmt(m['bytes'])} req={fmt(m['requests'])} failed={fmt(m['failed'])} "
            f"3p={fmt(m['third_party'])} hosts={','.join(m['hosts']) or '-'}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site_dir")
    ap.add_argument("pages", nargs="+")
    ap.add_argument("--prefix", default=os.environ.get("LH_PREFIX", str(Path(__file__).resolve().parent.parent)))
    ap.add_argument("--lighthouse")
    ap.add_argument("--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--preset", choices=["mobile", "desktop"], default="mobile")
    ap.add_argument("--compress", choices=["gzip", "none"], default="gzip")
    ap.add_argument("--external", choices=["fail", "hang"], default="fail")
    ap.add_argument("--hang-seconds", type=float, default=20.0)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--json-dir")
    ap.add_argument("--csv")
    ap.add_argument("--timeout", type=int, default=180)
    args = ap.parse_args(argv)

    root = Path(args.site_dir).resolve()
    if not (root / "index.html").is_file() and not any(root.glob("*.html")):
        print(f"error: {root} does not look like a built site (no .html at its top)", file=sys.stderr)
        return 2
    lh = args.lighthouse or str(Path(args.prefix) / "node_modules" / ".bin" / "lighthouse")
    if not (os.path.isfile(lh) or shutil.which(lh)):
        print(f"error: lighthouse CLI not found at {lh} (run `npm i lighthouse` in --prefix)", file=sys.stderr)
        return 2
    if not os.path.isfile(args.chrome):
        print(f"error: chromium not found at {args.chrome}", file=sys.stderr)
        return 2
    if args.external == "fail":
        args.hang_seconds = 0.0

    httpd = QuietThreadingServer(("127.0.0.1", args.port), make_handler(root, args.compress == "gzip"))
    start_thread(httpd)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    extra_flags = []
    hole = None
    if args.external == "hang":
        BlackHole.hang_seconds = args.hang_seconds
        hole = QuietTCPServer(("127.0.0.1", 0), BlackHole)
        start_thread(hole)
        # Chromium never proxies loopback, so the site itself is fetched directly.
        extra_flags.append(f"--proxy-server=http://127.0.0.1:{hole.server_address[1]}")

    keep = Path(args.json_dir).resolve() if args.json_dir else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="measure_site_"))
    try:
        ver = subprocess.run([lh, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
        cver = subprocess.run([args.chrome, "--version"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True).stdout.strip()
        print(f"# site={root} served at {base} compress={args.compress} external={args.external}"
              f"{'(' + str(args.hang_seconds) + 's)' if args.external == 'hang' else ''} "
              f"preset={args.preset} runs={args.runs} lighthouse={ver} chrome='{cver}'")
        results, ok = {}, True
        for page in args.pages:
            path = page if page.startswith("/") else "/" + page
            runs = []
            for i in range(args.runs):
                slug = (path.strip("/").replace("/", "_") or "root")
                out = (keep or work) / f"{slug}.run{i + 1}.json"
                lhr = run_lighthouse(lh, args.chrome, base + path, out, args, extra_flags)
                if lhr is None:
                    continue
                r = extract(lhr)
                if r["error"]:
                    print(f"# {path} run {i + 1}: runtimeError {r['error']}", file=sys.stderr)
                runs.append(r)
            if not runs:
                ok = False
                print(f"{path:<28} FAILED (no Lighthouse report)")
                continue
            m = combine(runs)
            results[path] = m
            print(line(path, m), flush=True)
            for w in m["warnings"]:
                print(f"#   warning: {w[:200]}")
        if results:
            ms = list(results.values())
            summ = {k: median([m[k] for m in ms]) for k in ms[0] if k not in ("hosts", "warnings", "runs")}
            summ["hosts"] = sorted({h for m in ms for h in m["hosts"]})
            print(line(f"SUMMARY({len(ms)} pages)", summ)
                  + f" total_bytes={fmt(sum(m['bytes'] for m in ms))}"
                  + f" total_req={fmt(sum(m['requests'] for m in ms))}"
                  + f" total_3p={fmt(sum(m['third_party'] for m in ms))}")
        if args.csv and results:
            with open(args.csv, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                cols = ["perf", "a11y", "bp", "seo", "fcp_ms", "lcp_ms", "obs_fcp_ms", "obs_lcp_ms", "tbt_ms",
                        "cls", "bytes", "requests", "failed", "third_party"]
                w.writerow(["page"] + cols + ["hosts", "runs"])
                for p, m in results.items():
                    w.writerow([p] + [m[c] for c in cols] + [" ".join(m["hosts"]), m["runs"]])
        return 0 if ok else 1
    finally:
        httpd.shutdown()
        if hole:
            hole.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
