"""Content-Security-Policy without 'unsafe-inline' for scripts.

The theme writes a few small inline scripts into every page (Material's
partials/javascripts/base.html `__md_scope…` and partials/javascripts/content.html
tab-restore script; `<script id="__config" type="application/json">` is data, not
code, and CSP does not apply to it). Rather than copy those partials to move
the code into files, this hook allows exactly those scripts by hash (sha256, as
CSP Level 2 defines it) and puts the policy into a
<meta http-equiv="Content-Security-Policy"> right after <meta charset>, before
any script, so the browser enforces it for the whole page.

Only the theme's own scripts are hashed. theme_scripts() reads every inline
script in the installed Material's templates, with each `{{ … }}` (the page's
base URL) standing for a quoted-string-safe value; its analytics partial is
left out (it loads Google's script). A finished page whose inline
script is not one of them fails the build, naming the page: nothing a page,
a hook or overrides/ writes can slip into the policy. overrides/ may hold no
inline script or on*= handler at all (checked in on_config). Page content is
checked before that (on_page_content, after shortcodes have rendered data): a
<script>, an on*= attribute, a javascript: URL, an <iframe>/<object>/<embed>/
<frame> (the policy blocks frames and plugins; an external one is also a
third-party request) or inline style fails the build, naming the file, the
element and the line where the Markdown has it.

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
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError
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
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_JINJA_VALUE = r"[^\"'<>\\\s]*"  # what a {{ … }} may render to inside a script's string literal
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


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


_theme: dict = {}
# Material's analytics integration loads Google's script from the page: never allowed.
NOT_ALLOWED = ("partials/integrations/",)


def theme_scripts(template_dir: Path | None = None) -> list[re.Pattern]:
    """One pattern per inline script in the theme's templates (cached per folder)."""
    template_dir = Path(template_dir or material_templates())
    if template_dir not in _theme:
        found = {}
        for path in sorted(template_dir.rglob("*.html")):
            if path.relative_to(template_dir).as_posix().startswith(NOT_ALLOWED):
                continue
            for body in inline_scripts(path.read_text(encoding="utf-8")):
                parts = _JINJA.split(body)
                found[body] = re.compile(_JINJA_VALUE.join(re.escape(part) for part in parts))
        _theme[template_dir] = list(found.values())
    return _theme[template_dir]


class ForeignScript(ValueError):
    """An inline script in a finished page that is not one of the theme's."""


def page_hashes(html: str, where: str = "page") -> list[str]:
    """Hashes of the page's inline scripts, each of which must be one of the theme's."""
    patterns = theme_scripts()
    hashes = []
    for body in inline_scripts(html):
        if not any(p.fullmatch(body) for p in patterns):
            raise ForeignScript(
                f"{where}: inline <script> that is not one of Material's own: {body[:80]!r}. "
                "The policy allows only the theme's inline scripts: put our code in a file under "
                "docs/assets/js/ and list it in mkdocs.yml (extra_javascript)")
        hashes.append(script_hash(body))
    return hashes


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


def add_meta(html: str, where: str = "page") -> str:
    """Insert (or replace) the policy meta tag right after <meta charset>."""
    html = _META.sub("", html)
    hashes = page_hashes(html, where)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes)}">'
    m = _CHARSET.search(html)
    if m:
        return html[: m.end()] + "\n  " + tag + html[m.end():]
    head = re.search(r"<head[^>]*>", html, re.I)
    if not head:
        raise ValueError("csp: page has no <head>; cannot place the Content-Security-Policy")
    return html[: head.end()] + tag + html[head.end():]


def site_hashes(site_dir: Path) -> set[str]:
    """The theme scripts' hashes over the whole built site (for the nginx header).
    Raises ForeignScript, naming the file, if a page carries any other inline script."""
    hashes = set()
    for page in sorted(Path(site_dir).rglob("*.html")):
        hashes.update(page_hashes(page.read_text(encoding="utf-8"), str(page)))
    return hashes


# ---------------------------------------------------------------- page content

_URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster", "background"}
_FRAMES = {"iframe", "object", "embed", "frame", "frameset", "applet"}


class _ContentScan(HTMLParser):
    """What in a page's body could run code or load a frame: (element, what to search for in the source)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        element = (self.get_starttag_text() or f"<{tag}>").strip()
        shown = element if len(element) <= 90 else element[:87] + "…"
        if tag == "script":
            self.found.append((f"a <script> element {shown}: pages carry no scripts (ours are files under "
                               "docs/assets/js/)", "<script"))
        elif tag in _FRAMES:
            self.found.append((f"an <{tag}> element {shown}: the policy blocks frames and plugins, and an "
                               "external one is a third-party request (link to the page instead)", f"<{tag}"))
        elif tag == "style":
            self.found.append(("a <style> element: styles go in docs/assets/css/extra.css", "<style"))
        for name, value in attrs:
            name, value = name.lower(), (value or "")
            if name.startswith("on"):
                self.found.append((f"an event handler {name}= on {shown}: pages carry no scripts", f"{name}="))
            elif name in _URL_ATTRS and re.match(r"\s*(javascript|vbscript|data\s*:\s*text/html)", value, re.I):
                self.found.append((f"a javascript: URL in {shown}: pages carry no scripts",
                                   value.split(":")[0] + ":"))
            elif name == "style":
                self.found.append((f"a style= attribute on {shown}: styles go in docs/assets/css/extra.css "
                                   "(the policy blocks inline styles)", "style="))

    handle_startendtag = handle_starttag


def content_problems(html: str, src: str, markdown: str = "") -> list[str]:
    """Code-running or framing elements in a page's rendered body (Markdown and rendered data).
    `markdown` is the page's source, used only to name the line."""
    scan = _ContentScan()
    scan.feed(html)
    scan.close()
    lower = markdown.lower()
    out = []
    for what, needle in scan.found:
        at = lower.find(needle.lower())
        line = f", line {lower.count(chr(10), 0, at) + 1}" if at >= 0 else " (rendered from data or Markdown)"
        out.append(f"{src}{line}: {what}")
    return out


def overrides_problems(custom_dir: Path) -> list[str]:
    """overrides/ holds template blocks only: no inline script, no on*= handler."""
    out = []
    for path in sorted(Path(custom_dir).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for m in _SCRIPT.finditer(text):
            if inline_scripts(m.group(0)):
                out.append(f"{path}, line {text.count(chr(10), 0, m.start()) + 1}: inline <script> in a template "
                           "override: the policy allows only Material's own inline scripts (put the code in "
                           "docs/assets/js/ and load it from extra_javascript or a <script src>)")
        for m in re.finditer(r"<[a-zA-Z][^>]*?\s(on[a-z]+)\s*=", text):
            out.append(f"{path}, line {text.count(chr(10), 0, m.start()) + 1}: event handler {m.group(1)}= in a "
                       "template override: the policy blocks it (use a script file)")
    return out


def nginx_line(site_dir: Path) -> str:
    return f'add_header Content-Security-Policy "{policy(site_hashes(site_dir), header=True)}" always;'


# ---------------------------------------------------------------- MkDocs events

_state = {"serve": False}


def on_startup(command, **_):
    # `mkdocs serve` injects its own inline live-reload script after every hook has
    # run; a policy would block it. The preview gets no policy; builds always do.
    _state["serve"] = command == "serve"


def on_config(config, **_):
    custom = config.theme.custom_dir
    problems = overrides_problems(Path(custom)) if custom else []
    if problems:
        raise PluginError("Content-Security-Policy check failed:\n  " + "\n  ".join(problems))
    return config


@event_priority(-100)  # last: after every hook that adds to the page body
def on_page_content(html, page, config, **_):
    src = f"docs/{page.file.src_uri}"
    markdown = Path(page.file.abs_src_path).read_text(encoding="utf-8") if page.file.abs_src_path else ""
    problems = content_problems(html, src, markdown)
    if problems:
        raise PluginError("Content-Security-Policy check failed:\n  " + "\n  ".join(problems))
    return html


def _add_meta(output: str, where: str) -> str:
    try:
        return add_meta(output, where)
    except ForeignScript as exc:
        raise PluginError(str(exc)) from None


@event_priority(-100)  # last: hash the page exactly as it will be written
def on_post_page(output, page, config, **_):
    where = f"docs/{page.file.src_uri} (built page)" if page else "page"
    return output if _state["serve"] else _add_meta(output, where)


@event_priority(50)  # before hooks/postbuild.py keeps the 404 pages' HTML
def on_post_template(output, template_name, config, **_):
    if template_name.endswith(".html") and not _state["serve"]:
        return _add_meta(output, f"template {template_name}")
    return output


# ---------------------------------------------------------------- command line

def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print("usage: python hooks/csp.py SITE_DIR [--write deploy/nginx/site.conf]")
        return 2
    try:
        line = nginx_line(Path(argv[0]))
    except ForeignScript as exc:
        print(exc)
        return 1
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
