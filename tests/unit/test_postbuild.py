"""The per-language search index split."""
import postbuild


def test_split_index_by_language():
    index = {"config": {"lang": ["zh", "en", "ru"]}, "docs": [
        {"location": "carriers/mts/", "title": "MTS", "text": "МТС"},
        {"location": "en/carriers/mts/", "title": "MTS", "text": "МТС"},
        {"location": "", "title": "首页", "text": ""},
    ]}
    parts = postbuild.split_index(index)
    assert [d["location"] for d in parts["zh"]["docs"]] == ["carriers/mts/", ""]
    assert [d["location"] for d in parts["en"]["docs"]] == ["en/carriers/mts/"]
    assert parts["en"]["config"] == index["config"]
