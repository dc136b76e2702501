"""Every YAML file the build reads refuses duplicate keys.

PyYAML (and so MkDocs) silently keeps the last of two equal keys: a second
`strict:` in mkdocs.yml, or a second id in a data file, would quietly replace
the first. This hook re-reads mkdocs.yml and every data/*.yml with
hookutil's strict loader before anything else runs (it is the first hook) and
fails the build with one line naming the file, the key and both lines.
Page front matter is checked by hooks/frontmatter.py, with the same loader.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

import hookutil


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


def on_config(config, **_):
    found = problems(config)
    if found:
        raise PluginError("Bad YAML: " + "\n  ".join(found))
    return config
