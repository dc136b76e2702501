"""hooks/csp.py: which scripts are hashed, the hash format, where the meta tag goes."""
import base64
import hashlib
from pathlib import Path

import pytest

import csp

PAGE = """<!doctype html><html><head>
  <meta charset="utf-8">
  <title>t</title>
  <script>var a=1</script>
  <script id="__config" type="application/json">{"x": 1}</script>
  <script src="x.js"></script>
  <script type="module">import "./m.js"</script>
</head><body><script>var b=2</script></body></html>"""


def test_only_executable_inline_scripts_are_collected():
    assert csp.inline_scripts(PAGE) == ["var a=1", 'import "./m.js"', "var b=2"]


def test_hash_is_base64_sha256_of_the_exact_text():
    expected = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert csp.script_hash("var a=1") == f"'sha256-{expected}'"
    assert csp.script_hash("var a=1 ") != csp.script_hash("var a=1")


def test_meta_goes_right_after_charset_and_lists_every_hash():
    out = csp.add_meta(PAGE)
    head = out.split("<title>")[0]
    assert 'http-equiv="Content-Security-Policy"' in head
    for body in ("var a=1", 'import "./m.js"', "var b=2"):
        assert csp.script_hash(body) in out
    assert "'unsafe-inline'" not in out
    assert "frame-ancestors" not in out  # ignored in <meta>; header only


def test_meta_is_replaced_not_duplicated():
    once = csp.add_meta(PAGE)
    assert csp.add_meta(once).count("Content-Security-Policy") == 1


def test_page_without_head_is_an_error():
    with pytest.raises(ValueError):
        csp.add_meta("<p>no head</p>")


def test_header_policy_adds_frame_ancestors_and_sorts_hashes():
    p = csp.policy(["'sha256-b'", "'sha256-a'", "'sha256-a'"], header=True)
    assert "script-src 'self' 'sha256-a' 'sha256-b';" in p
    assert p.endswith("frame-ancestors 'none'")


def test_nginx_line_covers_the_whole_site(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text("<head><script>one()</script></head>")
    (tmp_path / "a" / "index.html").write_text("<head><script>two()</script></head>")
    line = csp.nginx_line(tmp_path)
    assert line.startswith('add_header Content-Security-Policy "') and line.endswith('" always;')
    assert csp.script_hash("one()") in line and csp.script_hash("two()") in line


def test_mkdocs_serve_gets_no_policy_so_live_reload_works():
    try:
        csp.on_startup(command="serve", dirty=False)
        assert csp.on_post_page(PAGE, page=None, config=None) == PAGE
        csp.on_startup(command="build", dirty=False)
        assert "Content-Security-Policy" in csp.on_post_page(PAGE, page=None, config=None)
    finally:
        csp.on_startup(command="build", dirty=False)
