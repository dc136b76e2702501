"""Accessible names for checklist checkboxes.

pymdownx.tasklist (custom_checkbox) writes
  <li class="task-list-item"><label class="task-list-control"><input type="checkbox"/>
  <span class="task-list-indicator"></span></label> Text of the item</li>
The <label> wraps only the box and an empty span, so a screen reader announces
"checkbox, not checked" with no name (axe rule `label`, impact critical). This
hook gives each box an aria-label with the item's own text, in the page's
language, at build time (no script needed).
"""
from __future__ import annotations

import html
import re

_ITEM = re.compile(
    r'(<label class="task-list-control">\s*<input type="checkbox")([^>]*?)(/?>)(.*?</label>)(.*?)(?=</li>|</p>|<ul|<ol|<li)',
    re.S,
)
_TAG = re.compile(r"<[^>]+>")


def item_text(fragment: str, limit: int = 200) -> str:
    text = html.unescape(_TAG.sub("", fragment))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def label_tasks(content: str) -> str:
    def repl(m: re.Match) -> str:
        start, attrs, end, rest, following = m.groups()
        if "aria-label" in attrs:
            return m.group(0)
        text = item_text(following)
        if not text:
            return m.group(0)
        return f'{start}{attrs} aria-label="{html.escape(text, quote=True)}"{end}{rest}{following}'

    return _ITEM.sub(repl, content)


def on_page_content(html_content, page, config, files, **_):
    if "task-list-control" not in html_content:
        return html_content
    return label_tasks(html_content)
