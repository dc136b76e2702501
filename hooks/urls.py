"""URLs that never break: the published-URL registry and redirects.

* data/published-urls.txt lists every URL the site has ever published, one path
  per line (/, /en/, /carriers/mts/, /en/carriers/mts/, ...). Lines are never
  removed: a URL that moves gets a redirect instead.
* data/redirects.yml maps an old path to a new one (/guide/old/: /guide/new/).
  For each entry the build writes a small HTML page at the old path: meta
  refresh, canonical link and a visible link (no scripts).

After both language builds (the i18n plugin builds English inside the Chinese
build's on_post_build, so only the outermost build checks) the build fails:

* naming every listed URL that no longer resolves (no page and no redirect);
* naming every new page missing from the registry, with the command that adds
  it: `.venv/bin/python scripts/published_urls.py --update`;
* on a bad redirect (target is not a page, old path is still a page, a loop).

With PUBLISHED_URLS_UPDATE=1 in the environment the build adds its new pages to
the registry instead of failing on them (that is what the script does).
"""
from __future__ import annotations

import html
import os
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import hookutil
from hookutil import OuterBuild

REGISTRY = "data/published-urls.txt"
REDIRECTS = "data/redirects.yml"
UPDATE_ENV = "PUBLISHED_URLS_UPDATE"
UPDATE_HINT = ".venv/bin/python scripts/published_urls.py --update"
REGISTRY_HEADER = """\
# Every URL this site has published (both languages), one path per line.
# The build fails if one of them stops resolving: never delete a line; when a
# page moves or goes, add its old path to data/redirects.yml.
# After adding a page, register it with:
#   .venv/bin/python scripts/published_urls.py --update
"""

_state: dict = {"pages": set()}
_outer = OuterBuild()


# ---------------------------------------------------------------- pure helpers

def normalize(path: str) -> str:
    """'carriers/mts' -> '/carriers/mts/'; keeps '#fragment' and '.html' files."""
    path = str(path).strip()
    path, hash_, frag = path.partition("#")
    if not path.startswith("/"):
        path = "/" + path
    if not path.endswith("/") and not path.endswith(".html"):
        path += "/"
    return path + (hash_ + frag if frag else "")


def read_registry(path: Path) -> list[str]:
    if not path.is_file():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(normalize(line))
    return out


def write_registry(path: Path, urls) -> None:
    body = "".join(u + "\n" for u in sorted(set(urls)))
    path.write_text(REGISTRY_HEADER + body, encoding="utf-8")


def read_redirects(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        data = hookutil.load_yaml(path.read_text(encoding="utf-8"), REDIRECTS) or {}
    except hookutil.YamlError as exc:  # not valid YAML, or a duplicate old path
        raise PluginError(str(exc)) from None
    if not isinstance(data, dict):
        raise PluginError(f"{REDIRECTS}: must map old paths to new paths (/old/: /new/)")
    out = {}
    for old, new in data.items():
        if not isinstance(old, str) or not isinstance(new, str) or not old.strip() or not new.strip():
            raise PluginError(f"{REDIRECTS}: entry {old!r}: {new!r}: write it as '/old/path/: /new/path/'")
        if "#" in old:
            raise PluginError(f"{REDIRECTS}: old path {old!r} cannot have a #fragment")
        out[normalize(old)] = normalize(new)
    return out


def resolve(redirects: dict[str, str], pages: set[str]) -> tuple[dict[str, str], list[str]]:
    """Follow redirect chains to their final page. Returns (old -> final target, problems)."""
    final, problems = {}, []
    for old in sorted(redirects):
        if old in pages:
            problems.append(f"{REDIRECTS}: {old} is still a page: remove the redirect or the page")
            continue
        seen, target = [old], redirects[old]
        while target.split("#")[0] in redirects and target.split("#")[0] not in seen:
            seen.append(target.split("#")[0])
            target = redirects[target.split("#")[0]]
        page = target.split("#")[0]
        if page in seen:
            problems.append(f"{REDIRECTS}: redirect loop: {' -> '.join(seen + [page])}")
        elif page not in pages:
            problems.append(f"{REDIRECTS}: {old} -> {redirects[old]}: {page} is not a page of this site")
        else:
            final[old] = target
    return final, problems


def relative(old: str, new: str) -> str:
    """The link from the page at `old` to `new`, relative so it works on any host."""
    page, hash_, frag = new.partition("#")
    rel = posixpath.relpath(page, old if old.endswith("/") else posixpath.dirname(old))
    if page.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (hash_ + frag if frag else "")


def redirect_html(old: str, new: str, site_url: str) -> str:
    rel = html.escape(relative(old, new), quote=True)
    absolute = html.escape((site_url.rstrip("/") if site_url else "") + new, quote=True)
    if old.startswith("/en/"):
        lang, title, text = "en", "This page has moved", "This page has moved to"
    else:
        lang, title, text = "zh", "本页已移动", "本页已移动到"
    end = "." if lang == "en" else "。"
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{title}</title>\n<meta name="robots" content="noindex">\n'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">\n'
            f'<link rel="canonical" href="{absolute}">\n'
            f'<meta http-equiv="refresh" content="0; url={rel}">\n</head>\n<body>\n'
            f'<p>{text} <a href="{rel}">{absolute}</a>{end}</p>\n</body>\n</html>\n')


def redirect_file(site_dir: Path, old: str) -> Path:
    rel = old.strip("/")
    return site_dir / rel if old.endswith(".html") else site_dir / rel / "index.html"


def check(registry: list[str], pages: set[str], redirects: dict[str, str]) -> tuple[list[str], list[str]]:
    """(broken registered URLs, pages missing from the registry)."""
    broken = [u for u in registry if u not in pages and u not in redirects]
    new = sorted(pages - set(registry))
    return broken, new


# ---------------------------------------------------------------- MkDocs events

def on_pre_build(config, **_):
    if _outer.enter():
        _state["pages"] = set()


def on_page_context(context, page, config, **_):
    _state["pages"].add(normalize(page.url))
    return context


def on_build_error(**_):
    _outer.reset()


@event_priority(-200)  # after the i18n plugin (-100), which runs the other language's build
def on_post_build(config, **_):
    if not _outer.leave():
        return  # a nested language build: the outer build checks everything once
    root = Path(config.config_file_path).parent
    site_dir = Path(config.site_dir)
    pages = set(_state["pages"])
    registry = read_registry(root / REGISTRY)
    redirects = read_redirects(root / REDIRECTS)

    final, problems = resolve(redirects, pages)
    for old, new in final.items():
        target = redirect_file(site_dir, old)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(redirect_html(old, new, config.site_url or ""), encoding="utf-8")

    broken, new = check(registry, pages, redirects)
    for url in broken:
        problems.append(f"published URL {url} no longer resolves: restore the page or add a redirect "
                        f"'{url}: /new/path/' to {REDIRECTS}")
    if new and os.environ.get(UPDATE_ENV):
        write_registry(root / REGISTRY, set(registry) | pages)
        print(f"{REGISTRY}: registered {len(new)} new URL(s):\n  " + "\n  ".join(new), flush=True)
    elif new:
        problems.append(f"new page(s) not in {REGISTRY}: {', '.join(new)}. "
                        f"Register them with: {UPDATE_HINT}")
    if problems:
        raise PluginError("URL check failed:\n  " + "\n  ".join(problems))
