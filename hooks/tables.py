"""Wide tables become one card per row on phones (docs/assets/css/extra.css).

A table of four or more columns does not fit a 360 px screen: its last columns
(often the most useful, such as "main risks") scroll out of sight with no cue.
This hook marks such tables `data-cards` and gives every body cell a
`data-label` with its column heading, so the phone layout can show each row as
a card with the heading above each cell, without JavaScript. Narrow tables stay
tables. The comparison table (hooks/render.py) already labels its cells; it is
marked too.
"""
from __future__ import annotations

import html
import re

from a11y import item_text

MIN_COLUMNS = 4
_TABLE = re.compile(r"<table>(.*?)</table>", re.S)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
_TH = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S)
_TD = re.compile(r"<td\b(?![^>]*\bdata-label=)([^>]*)>")


def label_row(row: str, labels: list[str]) -> str:
    cells = iter(labels)

    def repl(m: re.Match) -> str:
        label = next(cells, "")
        return f'<td{m.group(1)} data-label="{html.escape(label, quote=True)}">'

    return _TD.sub(repl, row)


def card_tables(content: str) -> str:
    def table(m: re.Match) -> str:
        inner = m.group(1)
        if "data-label=" in inner:
            return f"<table data-cards>{inner}</table>"
        head = _HEAD.search(inner)
        labels = [item_text(th) for th in _TH.findall(head.group(1))] if head else []
        if len(labels) < MIN_COLUMNS:
            return m.group(0)
        body = inner[head.end():]
        body = _ROW.sub(lambda r: r.group(1) + label_row(r.group(2), labels) + r.group(3), body)
        return f"<table data-cards>{inner[:head.end()]}{body}</table>"

    return _TABLE.sub(table, content)


def on_page_content(html_content, page, config, files, **_):
    if "<table>" not in html_content:
        return html_content
    return card_tables(html_content)
