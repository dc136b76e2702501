"""Content-Security-Policy without 'unsafe-inline' for scripts.

The theme writes a few small inline scripts into every page (Material's
partials/javascripts/base.html `__md_scope…` and partials/javascripts/content.html
tab-restore script; `<script id="__config" type="application/json">` is data, not
code, and CSP does not apply to it). Rather than copy those partials to move
the code into files, this hook hashes each inline script of the finished page
(sha256, as CSP Level 2 defines it) and puts the policy into a
<meta http-equiv="Content-Security-Policy"> right after <meta charset>, before
any script, so the browser enforces it for the whole page.

The same directives are sent as a real HTTP header by deploy/nginx/site.conf,
with the union of the hashes over the whole site plus frame-ancestors (which
browsers ignore in a meta tag). `python hooks/csp.py SITE_DIR` prints that header
line; `python hooks/csp.py SITE_DIR --write deploy/nginx/site.conf` refreshes it
(needed only when a Material upgrade changes its inline scripts; the nginx test
fails until then).

`mkdocs serve` gets no policy: it injects an inline live-reload script after
every hook has run, which a policy would block. Built sites always carry it.

Styles: no 'unsafe-inline' either. Material sets styles only through the CSSOM
(element.style.x = …), which CSP allows; the built pages carry no style
attributes or <style> elements (tests/site/test_security.py checks).
"""
from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

# Order matters only for readability. Everything not listed falls back to default-src 'none'.
DIRECTIVES: list[tuple[str, str]] = [
    ("default-src", "'none'"),
    ("script-src", "'self'"),          # + one 'sha256-…' per inline script
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),       # Material's icons are data: SVGs in CSS masks
    ("font-src", "'self'"),
    ("connect-src", "'self'"),         # the search index (XHR)
    ("worker-src", "'self'"),          # the search worker
    ("manifest-src", "'self'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),         # Material's search box is a <form>
    ("object-src", "'none'"),
]
HEADER_ONLY: list[tuple[str, str]] = [
    ("frame-ancestors", "'none'"),     # ignored (with a console warning) in a <meta> policy
]

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)


def inline_scripts(html: str) -> list[str]:
    """Bodies of the inline scripts a browser would execute (not JSON data blocks)."""
    out = []
    for m in _SCRIPT.finditer(html):
        attrs, body = m.group(1), m.group(2)
        if _SRC.search(attrs):
            continue
        t = _TYPE.search(attrs)
        if (t.group(1).lower() if t else "") in _JS_TYPES:
            out.append(body)
    return out


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(hashes, header: bool = False) -> str:
    """The policy text. `hashes` are 'sha256-…' sources; sorted for reproducible output."""
    parts = []
    for name, value in DIRECTIVES + (HEADER_ONLY if header else []):
        if name == "script-src":
            value = " ".join([value, *sorted(set(hashes))])
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def add_meta(html: str) -> str:
    """Insert (or replace) the policy meta tag right after <meta charset>."""
    html = _META.sub("", html)
    hashes = [script_hash(s) for s in inline_scripts(html)]
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    m = _CHARSET.search(html)
    if m:
        return html[: m.end()] + "\n  " + tag + html[m.end():]
    head = re.search(r"<head[^>]*>", html, re.I)
    if not head:
        raise ValueError("csp: page has no <head>; cannot place the Content-Security-Policy")
    return html[: head.end()] + tag + html[head.end():]


def site_hashes(site_dir: Path) -> set[str]:
    hashes = set()
    for page in sorted(site_dir.rglob("*.html")):
        hashes.update(script_hash(s) for s in inline_scripts(page.read_text(encoding="utf-8")))
    return hashes


def nginx_line(site_dir: Path) -> str:
    return f'add_header Content-Security-Policy "{policy(site_hashes(site_dir), header=True)}" always;'


# ---------------------------------------------------------------- MkDocs events

_state = {"serve": False}


def on_startup(command, **_):
    # `mkdocs serve` injects its own inline live-reload script after every hook has
    # run; a policy would block it. The preview gets no policy; builds always do.
    _state["serve"] = command == "serve"


@event_priority(-100)  # last: hash the page exactly as it will be written
def on_post_page(output, page, config, **_):
    return output if _state["serve"] else add_meta(output)


@event_priority(50)  # before hooks/postbuild.py keeps the 404 pages' HTML
def on_post_template(output, template_name, config, **_):
    if template_name.endswith(".html") and not _state["serve"]:
        return add_meta(output)
    return output


# ---------------------------------------------------------------- command line

def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python hooks/csp.py SITE_DIR [--write deploy/nginx/site.conf]")
        return 2
    line = nginx_line(Path(argv[0]))
    if len(argv) == 3 and argv[1] == "--write":
        conf = Path(argv[2])
        text = conf.read_text(encoding="utf-8")
        new, n = re.subn(r'add_header Content-Security-Policy "[^"]*" always;', line, text)
        if n != 1:
            print(f"{conf}: expected exactly one Content-Security-Policy add_header line, found {n}")
            return 1
        conf.write_text(new, encoding="utf-8")
        print(f"{conf}: updated")
    else:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
