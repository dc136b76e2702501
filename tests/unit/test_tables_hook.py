"""hooks/tables.py: wide tables get a label per cell for the phone card layout."""
from __future__ import annotations

from tables import card_tables

WIDE = ("<table>\n<thead>\n<tr>\n<th>A</th>\n<th><em>B</em> b</th>\n<th>C</th>\n<th>D &amp; d</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n<td></td>\n<td>4</td>\n</tr>\n</tbody>\n</table>")


def test_wide_table_cells_get_their_column_heading():
    out = card_tables(WIDE)
    assert out.startswith("<table data-cards>")
    assert '<td data-label="A">1</td>' in out and '<td data-label="B b">2</td>' in out
    assert '<td data-label="C"></td>' in out and '<td data-label="D &amp; d">4</td>' in out
    assert "<th data-label" not in out


def test_narrow_tables_stay_tables():
    narrow = "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>"
    assert card_tables(narrow) == narrow


def test_already_labelled_tables_are_only_marked():
    table = '<table>\n<tbody><tr><th scope="row">X</th><td data-label="Y">1</td></tr></tbody>\n</table>'
    assert card_tables(table) == table.replace("<table>", "<table data-cards>", 1)
