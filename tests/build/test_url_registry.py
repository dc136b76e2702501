"""URLs that never break (hooks/urls.py, data/published-urls.txt, data/redirects.yml).

The build cases copy the project to a temporary folder, change one thing and
build with --strict, like tests/build/test_bad_input.py. Link and anchor
validation is lowered to INFO in the copies: deleting a page also breaks the
links to it, and those warnings (tested elsewhere) would stop the build before
the URL check runs; this file tests the URL check alone.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project, page_paths, source_paths

sys.path.insert(0, str(ROOT / "hooks"))
import urls  # noqa: E402

SITE = "https://ru-sim-guide.github.io/"


# ------------------------------------------------------------ pure functions

def test_normalize():
    assert urls.normalize("carriers/mts") == "/carriers/mts/"
    assert urls.normalize("/") == "/"
    assert urls.normalize("/en/faq/#q-cost") == "/en/faq/#q-cost"


def test_relative_links_work_from_the_old_folder():
    assert urls.relative("/glossary/", "/terms/") == "../terms/"
    assert urls.relative("/en/guide/old/", "/en/guide/new/#steps") == "../new/#steps"
    assert urls.relative("/en/old/", "/en/") == "../"
    assert urls.relative("/old/", "/") == "../"


def test_resolve_follows_chains_and_rejects_bad_targets():
    pages = {"/a/", "/b/"}
    final, problems = urls.resolve({"/x/": "/y/", "/y/": "/a/#s"}, pages)
    assert final == {"/x/": "/a/#s", "/y/": "/a/#s"} and problems == []
    _, problems = urls.resolve({"/x/": "/nowhere/"}, pages)
    assert problems and "/nowhere/ is not a page" in problems[0]
    _, problems = urls.resolve({"/x/": "/y/", "/y/": "/x/"}, pages)
    assert problems and "loop" in problems[0]
    _, problems = urls.resolve({"/a/": "/b/"}, pages)
    assert problems and "/a/ is still a page" in problems[0]


def test_check_names_broken_and_new():
    broken, new = urls.check(["/", "/gone/", "/moved/"], {"/", "/fresh/"}, {"/moved/": "/"})
    assert broken == ["/gone/"] and new == ["/fresh/"]


def test_redirect_page_has_no_script():
    html = urls.redirect_html("/en/old/", "/en/new/", SITE)
    assert '<html lang="en">' in html
    assert '<meta http-equiv="refresh" content="0; url=../new/">' in html
    assert f'<link rel="canonical" href="{SITE}en/new/">' in html
    assert '<a href="../new/">' in html and "<script" not in html


# ------------------------------------------------------------ the committed registry

def test_registry_is_sorted_and_complete():
    lines = urls.read_registry(ROOT / urls.REGISTRY)
    assert lines == sorted(set(lines)), "keep data/published-urls.txt sorted, one URL per line"
    expected = set(source_paths())
    assert expected <= set(lines), f"not registered: {sorted(expected - set(lines))} (run {urls.UPDATE_HINT})"


def test_every_registered_url_resolves_in_the_built_site(site_dir):
    built = set(page_paths(site_dir))
    redirects = urls.read_redirects(ROOT / urls.REDIRECTS)
    for url in urls.read_registry(ROOT / urls.REGISTRY):
        assert url in built, f"{url}: no page and no redirect in the built site"
        if url in redirects:
            html = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
            assert 'http-equiv="refresh"' in html, f"{url}: should be a redirect page"


# ------------------------------------------------------------ whole builds of a copy

@pytest.fixture
def project(tmp_path):
    copy_project(tmp_path)
    cfg = tmp_path / "mkdocs.yml"
    text = cfg.read_text(encoding="utf-8")
    for key in ("omitted_files", "not_found", "anchors", "unrecognized_links", "absolute_links"):
        text = text.replace(f"    {key}: warn", f"    {key}: info")
    cfg.write_text(text, encoding="utf-8")
    return tmp_path


def build(project: Path) -> tuple[int, str]:
    result = build_site(project / "site", project)
    return result.returncode, result.stdout + result.stderr


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_redirects(project: Path, entries: str):
    path = project / "data/redirects.yml"
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip() != "{}"]
    path.write_text("\n".join(lines) + "\n" + entries, encoding="utf-8")


def test_deleted_page_fails_naming_its_urls(project):
    (project / "docs/glossary.md").unlink()
    (project / "docs/glossary.en.md").unlink()
    edit(project / "mkdocs.yml", "      - glossary.md\n", "")
    code, out = build(project)
    assert code != 0, out[-2000:]
    assert "published URL /glossary/ no longer resolves" in out, out[-3000:]
    assert "published URL /en/glossary/ no longer resolves" in out, out[-3000:]
    assert "data/redirects.yml" in out


def test_renamed_page_with_redirect_passes(project):
    for suffix in (".md", ".en.md"):
        (project / f"docs/glossary{suffix}").rename(project / f"docs/terms{suffix}")
    edit(project / "mkdocs.yml", "      - glossary.md\n", "      - terms.md\n")
    add_redirects(project, "/glossary/: /terms/\n/en/glossary/: /en/terms/\n")
    with (project / "data/published-urls.txt").open("a", encoding="utf-8") as f:
        f.write("/terms/\n/en/terms/\n")
    code, out = build(project)
    assert code == 0, out[-3000:]
    site = project / "site"
    assert (site / "terms/index.html").is_file() and (site / "en/terms/index.html").is_file()
    for old, new, lang in (("glossary", "terms", "zh"), ("en/glossary", "en/terms", "en")):
        html = (site / old / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        assert '<meta http-equiv="refresh" content="0; url=../terms/">' in html, html
        assert f'<link rel="canonical" href="{SITE}{new}/">' in html, html
        assert '<a href="../terms/">' in html and "<script" not in html


def test_redirect_to_a_missing_page_fails(project):
    add_redirects(project, "/old-page/: /no-such-page/\n")
    code, out = build(project)
    assert code != 0 and "/old-page/ -> /no-such-page/: /no-such-page/ is not a page" in out, out[-3000:]


def test_new_page_must_be_registered_then_update_registers_it(project):
    (project / "docs/guide/new-page.md").write_text(
        "---\ndescription: 新页面，用来测试网址登记。\n---\n\n# 新页面\n\n内容。\n", encoding="utf-8")
    (project / "docs/guide/new-page.en.md").write_text(
        "---\ndescription: A new page that tests the URL registry.\n---\n\n# New page\n\nText.\n", encoding="utf-8")
    code, out = build(project)
    assert code != 0, out[-2000:]
    assert "new page(s) not in data/published-urls.txt: /en/guide/new-page/, /guide/new-page/" in out, out[-3000:]
    assert "scripts/published_urls.py --update" in out

    before = (project / "data/published-urls.txt").read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "scripts/published_urls.py", "--update"],
                            cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "/guide/new-page/" in result.stdout and "/en/guide/new-page/" in result.stdout
    after = (project / "data/published-urls.txt").read_text(encoding="utf-8")
    assert set(before.splitlines()) <= set(after.splitlines()), "the update removed lines"
    assert {"/guide/new-page/", "/en/guide/new-page/"} <= set(after.splitlines())

    code, out = build(project)
    assert code == 0, out[-3000:]
