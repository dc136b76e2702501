"""Every YAML file the build reads refuses duplicate keys; the data is validated first.

PyYAML (and so MkDocs) silently keeps the last of two equal keys: a second
`strict:` in mkdocs.yml, or a second id in a data file, would quietly replace
the first. This hook re-reads mkdocs.yml and every data/*.yml with
hookutil's strict loader and fails the build with one line naming the file,
the key and both lines. Then it validates data/ (sitedata, cached for the
hooks that use it). It runs before the plugins' on_config, so bad input fails
in about a second, before the search plugin loads its Chinese dictionary.
Page front matter is checked by hooks/frontmatter.py, with the same loader.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import hookutil
import sitedata


def yaml_files(config) -> list[tuple[Path, str]]:
    root = Path(config.config_file_path).parent
    files = [(Path(config.config_file_path), Path(config.config_file_path).name)]
    for path in sorted([*root.glob("data/*.yml"), *root.glob("data/*.yaml")]):
        files.append((path, f"data/{path.name}"))
    return files


def problems(config) -> list[str]:
    found = []
    for path, name in yaml_files(config):
        try:
            hookutil.check_yaml(path.read_text(encoding="utf-8"), name, ids=name.startswith("data/"))
        except hookutil.YamlError as exc:
            found.append(str(exc))
    return found


@event_priority(100)  # before every plugin
def on_config(config, **_):
    found = problems(config)
    if found:
        raise PluginError("Bad YAML: " + "\n  ".join(found))
    try:
        sitedata.load_cached(Path(config.config_file_path).parent)  # hooks/shortcodes.py reuses it
    except sitedata.DataError as exc:
        raise PluginError(f"Bad data: {exc}") from None
    return config
