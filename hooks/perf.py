"""A faster first paint and fewer bytes on a cold view, with no new dependency.

* Scripts: every external <script src> gets `defer`. Material prints its bundle
  (and our extra_javascript) as plain scripts at the end of <body>, which still
  block the first paint until they are downloaded and run (Lighthouse:
  "render-blocking resources", about 0.5 s on slow 4G). Deferred scripts run in
  document order, after parsing and before DOMContentLoaded, so
  lazy-search.js still runs before the bundle and nothing sees a different DOM.
  Inline scripts (the theme's small helpers) run where they are, as before.
* HTML: the theme's templates leave long runs of indentation and blank lines
  between tags. Runs of whitespace *between two tags* that contain a line break
  become a single line break. The browser renders both the same (a whitespace
  run collapses to one space either way). Nothing inside <pre>, <code>, <kbd>,
  <textarea>, <script> or <style> is touched, so code samples and the hashed
  inline scripts (hooks/csp.py runs after this) keep their exact bytes.
* Our own CSS and JS (docs/assets/css, docs/assets/js; Material's files are
  already minified): comments and indentation are removed in the built copy.
  The sources stay readable. The rules are deliberately conservative: CSS keeps
  every space that could be a descendant combinator; JS loses only whole-line
  comments, the leading block comment and indentation.

Saves about 0.7 KB of HTML and 2.5 KB of CSS/JS per cold view (gzip); see
BENCHMARKS.md for the measured effect.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import event_priority

_PROTECT = re.compile(r"(<(pre|code|kbd|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
# A whitespace run with a line break, after a tag (or a protected block) and before a tag.
_BETWEEN_TAGS = re.compile(r"(?:(?<=>)|\A)[ \t\r\f\v]*\n\s*(?=<|\Z)")
OWN_ASSETS = ("assets/css", "assets/js")


_EXTERNAL_SCRIPT = re.compile(
    r"<script\b(?=[^>]*\bsrc=)(?![^>]*\b(?:defer|async)\b)(?![^>]*\btype=[\"']?module)([^>]*)>", re.I)


def defer_scripts(text: str) -> str:
    """Add `defer` to external classic scripts that are neither deferred nor async."""
    return _EXTERNAL_SCRIPT.sub(lambda m: f"<script{m.group(1)} defer>", text)


def html(text: str) -> str:
    parts = _PROTECT.split(text)
    out = []
    # re.split with two groups yields: text, whole match, tag name, text, ...
    for i in range(0, len(parts), 3):
        out.append(_BETWEEN_TAGS.sub("\n", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def css(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*([{};])\s*", r"\1", text)   # never around ':' ',' '>' (selectors)
    return text.replace(";}", "}").strip() + "\n"


def js(text: str) -> str:
    text = re.sub(r"\A\s*/\*.*?\*/\s*", "", text, flags=re.S)      # leading comment block
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        lines.append(stripped)
    return "\n".join(lines) + "\n"


@event_priority(-90)  # after every hook that edits the page, before hooks/csp.py (-100)
def on_post_page(output, page, config, **_):
    return defer_scripts(html(output))


@event_priority(60)  # before hooks/csp.py (50) and hooks/postbuild.py keep the 404 pages
def on_post_template(output, template_name, config, **_):
    return defer_scripts(html(output)) if template_name.endswith(".html") else output


def on_post_build(config, **_):
    site = Path(config.site_dir)
    for folder in OWN_ASSETS:
        for path in sorted((site / folder).glob("*")):
            if path.suffix == ".css":
                path.write_text(css(path.read_text(encoding="utf-8")), encoding="utf-8")
            elif path.suffix == ".js":
                path.write_text(js(path.read_text(encoding="utf-8")), encoding="utf-8")
