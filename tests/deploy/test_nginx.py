"""deploy/nginx/site.conf in a real nginx (Debian's) on 127.0.0.1.

The production file is used as it is, minus the lines and blocks marked
"deploy-only" (TLS certificates, the port-80 redirect); the test adds a listen
on a free loopback port, points `root` at the built site and wraps it in a
minimal main config with every path (pid, logs, temp folders) in a temp dir, so
it runs without root. Skipped only when nginx is not installed and this is not
CI (scripts/setup.sh test installs it; in CI a missing nginx is a failure).
"""
from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import csp  # noqa: E402

CONF = ROOT / "deploy" / "nginx" / "site.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
MODULES = Path("/usr/lib/nginx/modules")
BROTLI = ["ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so"]
YEAR = "public, max-age=31536000, immutable"


def test_config_file_exists():
    assert CONF.is_file()


def test_nginx_is_available_in_ci():
    if not NGINX and not os.environ.get("CI"):
        pytest.skip("nginx is not installed (scripts/setup.sh test installs it)")
    assert NGINX, "nginx is missing in CI: scripts/setup.sh test must install it"
    assert all((MODULES / m).exists() for m in BROTLI), "brotli modules missing: libnginx-mod-http-brotli-*"


def local_config(text: str, site: Path, port: int, tmp: Path) -> str:
    """The production config, adapted to run unprivileged on a loopback port."""
    text = re.sub(r"# BEGIN deploy-only.*?# END deploy-only\n", "", text, flags=re.S)
    text = "\n".join(line for line in text.splitlines() if "# deploy-only" not in line)
    text, n = re.subn(r"^(\s*)root\s+[^;]+;", rf"\1listen 127.0.0.1:{port};\n\1root {site};", text, flags=re.M)
    assert n == 1, "deploy/nginx/site.conf must have exactly one `root` line"
    modules = "\n".join(f"load_module {MODULES / m};" for m in BROTLI if (MODULES / m).exists())
    user = "user root;" if os.geteuid() == 0 else ""  # as root, workers would drop to `nobody` and lose the temp site
    temps = "\n".join(f"    {k}_temp_path {tmp / k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{modules}
{user}
worker_processes 1;
pid {tmp / "nginx.pid"};
error_log {tmp / "error.log"} warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{temps}
{text}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(site_dir, tmp_path_factory):
    if not NGINX:
        if os.environ.get("CI"):
            pytest.fail("nginx is missing in CI: scripts/setup.sh test must install it")
        pytest.skip("nginx is not installed (scripts/setup.sh test installs it)")
    tmp = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(local_config(CONF.read_text(encoding="utf-8"), site_dir, port, tmp), encoding="utf-8")
    cmd = [NGINX, "-p", str(tmp), "-e", str(tmp / "error.log"), "-c", str(conf)]
    check = subprocess.run(cmd + ["-t"], capture_output=True, text=True)
    assert check.returncode == 0, f"nginx -t failed:\n{check.stderr}"
    proc = subprocess.Popen(cmd + ["-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise AssertionError(f"nginx did not start: {proc.stderr.read().decode()}")
            time.sleep(0.05)
    yield f"127.0.0.1:{port}"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def get(host: str, path: str, encoding: str | None = None):
    conn = http.client.HTTPConnection(host, timeout=10)
    headers = {"Accept-Encoding": encoding} if encoding else {"Accept-Encoding": "identity"}
    conn.request("GET", path, headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


def first(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, f"no file matches {pattern} in the built site"
    return "/" + found[0].relative_to(site).as_posix()


# ---------------------------------------------------------------- headers

SECURITY = {
    "strict-transport-security": lambda v: re.search(r"max-age=(\d+)", v) and int(re.search(r"max-age=(\d+)", v).group(1)) >= 31536000,
    "x-content-type-options": lambda v: v == "nosniff",
    "x-frame-options": lambda v: v == "DENY",
    "referrer-policy": lambda v: v in ("no-referrer", "strict-origin-when-cross-origin", "same-origin"),
    "permissions-policy": lambda v: "camera=()" in v and "geolocation=()" in v and "microphone=()" in v,
    "content-security-policy": lambda v: "frame-ancestors 'none'" in v and "default-src 'none'" in v,
}


@pytest.mark.parametrize("path,status", [("/", 200), ("/en/", 200), ("/carriers/mts/", 200),
                                         ("/no-such-page/", 404), ("/en/no-such-page/", 404)])
def test_security_headers_on_pages_and_errors(nginx, path, status):
    got, headers, _ = get(nginx, path)
    assert got == status
    bad = [f"{name}: {headers.get(name)!r}" for name, ok in SECURITY.items() if not (headers.get(name) and ok(headers[name]))]
    assert not bad, f"{path}: missing or wrong headers: {bad}"
    assert "server" not in headers or "/" not in headers["server"], "server_tokens leaks the nginx version"


def test_csp_header_matches_the_pages(nginx, site_dir):
    _, headers, _ = get(nginx, "/")
    policy = headers["content-security-policy"]
    script_src = next(p.split()[1:] for p in policy.split(";") if p.split()[:1] == ["script-src"])
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    served = {w for w in script_src if w.startswith("'sha256-")}
    needed = csp.site_hashes(site_dir)
    fix = "refresh it: .venv/bin/python hooks/csp.py SITE_DIR --write deploy/nginx/site.conf"
    assert needed - served == set(), f"inline scripts the nginx policy would block ({fix})"
    assert served - needed == set(), f"stale hashes in the nginx policy ({fix})"
    assert policy == csp.policy(needed, header=True), f"header and <meta> policies disagree ({fix})"


def test_html_is_cached_briefly_and_is_utf8(nginx):
    for path in ("/", "/en/guide/cancel/"):
        status, headers, _ = get(nginx, path)
        assert status == 200
        cc = headers.get("cache-control", "")
        age = int(re.search(r"max-age=(\d+)", cc).group(1))
        assert age <= 600 and "immutable" not in cc, f"{path}: HTML cached too long: {cc}"
        assert headers["content-type"].lower() == "text/html; charset=utf-8"


def test_fingerprinted_assets_are_immutable_for_a_year(nginx, site_dir):
    for pattern in ("assets/javascripts/bundle.*.min.js", "assets/stylesheets/main.*.min.css",
                    "assets/stylesheets/palette.*.min.css", "assets/javascripts/workers/search.*.min.js"):
        path = first(site_dir, pattern)
        status, headers, _ = get(nginx, path)
        assert status == 200 and headers.get("cache-control") == YEAR, f"{path}: {headers.get('cache-control')}"


def test_stable_names_are_not_immutable(nginx, site_dir):
    for path in ("/assets/js/site.js", "/assets/css/extra.css", "/search/zh.json", "/search/en.json",
                 first(site_dir, "assets/javascripts/lunr/min/lunr.*.min.js")):
        status, headers, _ = get(nginx, path)
        assert status == 200, path
        cc = headers.get("cache-control", "")
        assert "immutable" not in cc and int(re.search(r"max-age=(\d+)", cc).group(1)) <= 3600, f"{path}: {cc}"


# ---------------------------------------------------------------- compression

def brotli_decode(data: bytes) -> bytes | None:
    node = shutil.which("node")
    if not node:
        return None
    out = subprocess.run([node, "-e", "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(0)))"],
                         input=data, capture_output=True, check=True)
    return out.stdout


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_text_is_compressed(nginx, site_dir, encoding):
    paths = ["/", "/en/carriers/mts/", first(site_dir, "assets/stylesheets/main.*.min.css"),
             first(site_dir, "assets/javascripts/bundle.*.min.js"), "/search/zh.json", "/assets/favicon.svg"]
    for path in paths:
        file = site_dir / path.lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        status, headers, body = get(nginx, path, encoding)
        assert status == 200, path
        assert headers.get("content-encoding") == encoding, f"{path}: not {encoding}-compressed ({headers.get('content-encoding')})"
        assert "accept-encoding" in headers.get("vary", "").lower(), f"{path}: no Vary: Accept-Encoding"
        size = file.stat().st_size
        assert len(body) < size * (0.6 if size > 2048 else 1), f"{path}: {len(body)} of {size} bytes"
        plain = gzip.decompress(body) if encoding == "gzip" else brotli_decode(body)
        assert plain is None or plain == file.read_bytes(), f"{path}: {encoding} body does not decode to the file"


def test_no_compression_when_not_asked(nginx):
    _, headers, _ = get(nginx, "/")
    assert "content-encoding" not in headers


# ---------------------------------------------------------------- errors and folders

@pytest.mark.parametrize("path,page", [("/no-such-page/", "404.html"), ("/guide/no-such-page/", "404.html"),
                                       ("/en/no-such-page/", "en/404.html"), ("/en/guide/nope.html", "en/404.html"),
                                       ("/assets/", "404.html")])
def test_404_page_per_language(nginx, site_dir, path, page):
    status, headers, body = get(nginx, path)
    assert status == 404, f"{path}: status {status}"
    assert body == (site_dir / page).read_bytes(), f"{path}: not the {page} page"
    lang = re.search(rb'<html lang="([^"]+)"', body).group(1).decode()
    assert lang == ("en" if page.startswith("en/") else "zh")


def test_folder_without_slash_redirects(nginx):
    status, headers, _ = get(nginx, "/en")
    assert status == 301 and headers["location"] == "/en/"


# ---------------------------------------------------------------- in a browser, under the header

PAGES = ["/", "/en/", "/carriers/mts/", "/en/guide/unlink/", "/en/no-such-page/"]


def test_pages_run_clean_under_the_header_policy(nginx, page):
    violations, errors = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.expose_function("reportViolation", lambda v: violations.append(v))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e =>"
                         " window.reportViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber))")
    for path in PAGES:
        response = page.goto(f"http://{nginx}{path}", wait_until="networkidle")
        assert "content-security-policy" in response.headers
        if response.status == 404:  # the page's own status, logged by Chromium: expected here
            errors.remove("Failed to load resource: the server responded with a status of 404 (Not Found)")
    # Search runs a worker and fetches the index: both must pass worker-src / connect-src.
    page.goto(f"http://{nginx}/en/", wait_until="load")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("MTS")
    page.locator("input.md-search__input").press("End")
    page.locator(".md-search-result__item a").first.wait_for(timeout=15000)
    assert violations == [], violations
    assert errors == [], errors


# ---------------------------------------------------------------- offline (hooks/offline.py)

def test_service_worker_is_checked_on_every_visit(nginx):
    status, headers, body = get(nginx, "/sw.js")
    assert status == 200 and body.startswith(b"/*")
    assert headers["content-type"].split(";")[0] == "application/javascript"
    assert headers.get("cache-control") == "no-cache", f"/sw.js: {headers.get('cache-control')}"


@pytest.mark.parametrize("path", ["/manifest.webmanifest", "/en/manifest.webmanifest"])
def test_manifest_type_and_compression(nginx, path):
    status, headers, body = get(nginx, path, "gzip")
    assert status == 200
    assert headers["content-type"].split(";")[0] == "application/manifest+json"
    assert headers.get("content-encoding") == "gzip"
    assert "immutable" not in headers.get("cache-control", "")
    assert "content-security-policy" in headers
