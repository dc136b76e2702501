"""Tiny stdlib HTML reader for the built-site tests (no third-party parser)."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path


class Page(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.title = ""
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.anchors: list[dict] = []
        self.ids: set[str] = set()
        self.imgs: list[dict] = []
        self.scripts: list[dict] = []
        self._in_title = False
        self._skip = 0
        self.text_parts: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = a.get("name") or a.get("property")
            if key:
                self.meta.setdefault(key, []).append(a.get("content", ""))
        elif tag == "link":
            self.links.append(a)
        elif tag == "a":
            self.anchors.append(a)
        elif tag == "img":
            self.imgs.append(a)
        elif tag == "script":
            self.scripts.append(a)
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.text_parts)

    def alternates(self) -> dict[str, str]:
        return {l["hreflang"]: l["href"] for l in self.links if l.get("rel") == "alternate" and "hreflang" in l}

    def first(self, key: str) -> str | None:
        values = self.meta.get(key)
        return values[0] if values else None


def read(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))
