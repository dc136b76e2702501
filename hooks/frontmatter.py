"""Every page starts with valid front matter holding its own `description`.

MkDocs is silent about front matter: a page without it, or without a
`description:`, quietly gets the site's description in search results and
link previews, and front matter that is not valid YAML is printed as the
page's first paragraph. This hook reads each page's raw file in on_config,
before the plugins start (so a mistake fails in about a second), and fails the
build with one line naming the file and the problem.
The YAML goes through hookutil.load_yaml, so duplicate keys fail too.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import get_files
from mkdocs.utils.meta import YAML_RE

import hookutil

HOW = "start the page with a line '---', then 'description: <one or two sentences>', then '---'"


def check(text: str, name: str) -> str | None:
    """The problem with one page's front matter, or None. `name` starts the message."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return f"{name}: no front matter: {HOW}"
    match = YAML_RE.match(text)
    if not match:
        return f"{name}: the front matter has no closing '---' line"
    try:
        # One blank line first, so line numbers in messages are the file's own.
        meta = hookutil.load_yaml("\n" + match.group(1), f"{name}: front matter")
    except hookutil.YamlError as exc:
        return str(exc)
    try:  # what MkDocs itself will do: on any error it prints the front matter as page text
        yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except Exception as exc:  # noqa: BLE001 (MkDocs catches everything too)
        return f"{name}: MkDocs cannot read the front matter ({str(exc).splitlines()[0]}): quote the value"
    if not isinstance(meta, dict):
        return f"{name}: the front matter must be 'key: value' lines, got {type(meta).__name__}: {HOW}"
    if "description" not in meta:
        return f"{name}: the front matter has no 'description' (search results and link previews need one)"
    desc = meta["description"]
    if not isinstance(desc, str) or not desc.strip():
        return f"{name}: the front matter's 'description' is empty or not text: write one or two sentences"
    return None


@event_priority(100)  # before every plugin
def on_config(config, **_):
    found = []
    for file in get_files(config).documentation_pages():
        problem = check(Path(file.abs_src_path).read_text(encoding="utf-8"), f"docs/{file.src_uri}")
        if problem:
            found.append(problem)
    if found:
        raise PluginError("Bad front matter: " + "\n  ".join(found))
    return config
