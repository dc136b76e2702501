"""hooks/perf.py: deferred scripts; whitespace between tags only; code, scripts and selectors untouched."""
import perf as minify


def test_whitespace_between_tags_becomes_one_line_break():
    assert minify.html("<ul>\n      <li>a</li>\n\n      <li>b</li>\n</ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


def test_text_and_same_line_spaces_are_kept():
    src = "<p>one <b>two</b> three</p>\n  <p>x</p>"
    assert minify.html(src) == "<p>one <b>two</b> three</p>\n<p>x</p>"


def test_pre_code_script_and_textarea_are_untouched():
    for tag in ("pre", "code", "kbd", "script", "textarea", "style"):
        src = f"<div>\n  <{tag}>\n    <span>x</span>\n\n    <span>y</span>\n  </{tag}>\n</div>"
        out = minify.html(src)
        assert f"<{tag}>\n    <span>x</span>\n\n    <span>y</span>\n  </{tag}>" in out, tag
        assert out.startswith("<div>\n<" + tag)


def test_css_keeps_descendant_combinators_and_strings():
    src = "/* note */\n.md-typeset :is(p, li) > a:not(.x) {\n  color: red;\n  content: \" (\";\n}\n"
    assert minify.css(src) == '.md-typeset :is(p, li) > a:not(.x){color: red;content: " ("}\n'


def test_js_drops_comments_and_indentation_but_keeps_lines():
    src = "/* header\n * more */\n(function () {\n  // note\n  var a = 1; // keep\n  return a;\n})();\n"
    assert minify.js(src) == "(function () {\nvar a = 1; // keep\nreturn a;\n})();\n"


def test_external_scripts_are_deferred_once_and_in_order():
    src = ('<script src="a.js"></script><script>inline()</script><script src="b.js" async></script>'
           '<script src="c.js" defer></script><script type="module" src="d.js"></script><script id="x" type="application/json">{}</script>')
    out = minify.defer_scripts(src)
    assert out.startswith('<script src="a.js" defer></script><script>inline()</script>')
    assert '<script src="b.js" async></script>' in out and '<script src="c.js" defer></script>' in out
    assert '<script type="module" src="d.js"></script>' in out and out.count("defer") == 2
    assert minify.defer_scripts(out) == out
