"""Small pieces the hooks share. Not a hook itself (not listed in mkdocs.yml).

* page_lang: the language a page is being built in.
* OuterBuild: the i18n plugin builds English *inside* the Chinese build's
  on_post_build, so every hook sees pre_build/post_build twice, nested. Hooks
  that must act once, after both languages, count the nesting with this.
* disk_cached: reuse a slow, deterministic result (preview images, QR codes)
  from .cache/ across builds, written atomically; a read-only checkout still builds.
* load_yaml / check_yaml: the one YAML loader of the build. It refuses duplicate
  keys (PyYAML silently keeps the last one, so a second `mts:` would replace the
  first carrier) and keeps dates as the text written, so a date like 2026-13-45
  reaches the validators as text instead of ending in a bare ValueError.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

import yaml


def page_lang(page, config) -> str:
    return getattr(page.file, "locale", None) or config.theme["language"]


class OuterBuild:
    def __init__(self) -> None:
        self.depth = 0

    def enter(self) -> bool:
        """Call in on_pre_build. True for the outermost build."""
        self.depth += 1
        return self.depth == 1

    def leave(self) -> bool:
        """Call in on_post_build. True when the outermost build finishes."""
        self.depth = max(self.depth - 1, 0)
        return self.depth == 0

    def reset(self) -> None:
        """Call in on_build_error: `mkdocs serve` rebuilds after a failure."""
        self.depth = 0


def disk_cached(cache_dir: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
    path = cache_dir / name if cache_dir else None
    if path and path.is_file():
        return path.read_bytes()
    data = make()
    if path:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError:
            pass
    return data


# ---------------------------------------------------------------- strict YAML

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser is ~10x faster


class YamlError(ValueError):
    """Bad YAML. The message is one line: 'file: line N: problem'."""


class StrictLoader(_BASE_LOADER):
    """SafeLoader (C parser) whose dates stay text: the data validators check them
    and name the entry and field. Duplicate keys are refused by load_yaml."""


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)


def _duplicates(root) -> tuple[Any, Any, Any] | None:
    """The first duplicate key in a composed YAML tree: (key, first node, second node)."""
    stack, seen_nodes = [root], set()
    while stack:
        node = stack.pop()
        if node is None or id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for key_node, value_node in node.value:
                stack.append(value_node)
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    stack.append(key_node)
                    continue
                key = (key_node.tag, key_node.value)
                if key in first:
                    return key_node.value, first[key], key_node
                first[key] = key_node
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
    return None


def _describe(exc: yaml.YAMLError, name: str) -> str:
    """'name: line 3, column 1: not valid YAML (did not find expected ']', while parsing a
    flow sequence that starts on line 2)': where the parser stopped, and where the open thing began."""
    mark = getattr(exc, "problem_mark", None)
    at = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, cmark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and cmark and (not mark or cmark.line != mark.line):
        problem += f", {context} that starts on line {cmark.line + 1}"
    return f"{name}: {at}not valid YAML ({problem})"


class _ComposeOnly(_BASE_LOADER):
    """Parses without constructing: any tag is fine, none is run."""


def _compose(text: str, name: str, loader_cls=StrictLoader, ids: bool = False):
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        dup = _duplicates(node)
        if dup:
            key, first, second = dup
            what = "id" if ids and second.start_mark.column == 0 else "key"
            raise YamlError(f"{name}: line {second.start_mark.line + 1}: duplicate key '{key}' "
                            f"(the first is on line {first.start_mark.line + 1}); each {what} must be unique")
        return loader, node
    except yaml.YAMLError as exc:
        loader.dispose()
        raise YamlError(_describe(exc, name)) from None
    except YamlError:
        loader.dispose()
        raise


def load_yaml(text: str, name: str, ids: bool = False) -> Any:
    """Parse YAML text, refusing duplicate keys. `name` (a file, or 'docs/x.md front matter')
    starts every error message; `ids`: the top-level keys are ids (data files). Dates stay strings."""
    loader, node = _compose(text, name, ids=ids)
    try:
        return None if node is None else loader.construct_document(node)
    except yaml.YAMLError as exc:  # e.g. an unhashable key, an unknown tag
        raise YamlError(_describe(exc, name)) from None
    finally:
        loader.dispose()


def check_yaml(text: str, name: str, ids: bool = False) -> None:
    """Only parse (no tags are run: mkdocs.yml has !ENV and !!python tags) and refuse duplicate keys."""
    loader, _ = _compose(text, name, _ComposeOnly, ids=ids)
    loader.dispose()
