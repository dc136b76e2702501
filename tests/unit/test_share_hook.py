"""hooks/share.py: heading permalinks get a label naming their own heading only."""
from __future__ import annotations

import share


def test_label_names_the_heading():
    html = '<h2 id="a">Steps<a class="headerlink" href="#a" title="Permanent link">#</a></h2>'
    out = share.label_permalinks(html, "en")
    assert 'aria-label="Link to this section: Steps"' in out


def test_a_heading_without_permalink_does_not_leak_into_the_next_label():
    # Raw HTML headings (the plan's step titles) have no permalink.
    html = ('<h3 class="plan-step__title">Unlink first</h3><p>Long text</p>'
            '<h2 id="sources">Sources<a class="headerlink" href="#sources" title="Permanent link">#</a></h2>')
    out = share.label_permalinks(html, "en")
    assert 'aria-label="Link to this section: Sources"' in out
    assert "Unlink first</h3>" in out and "Long text" not in out.split("aria-label=")[1]
