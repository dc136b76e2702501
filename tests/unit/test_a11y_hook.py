"""hooks/a11y.py: checklist checkboxes get the item's text as their name."""
import a11y

ITEM = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox"/>'
        '<span class="task-list-indicator"></span></label> {}</li>')


def test_box_is_named_after_its_item():
    out = a11y.label_tasks("<ul>" + ITEM.format('<a href="#banks">银行</a>：俄罗斯的银行 &amp; 卡') + "</ul>")
    assert '<input type="checkbox" aria-label="银行：俄罗斯的银行 &amp; 卡"/>' in out


def test_nested_list_is_not_part_of_the_name():
    html = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" checked/>'
            '<span class="task-list-indicator"></span></label> Parent<ul><li>child</li></ul></li>')
    assert 'aria-label="Parent"' in a11y.label_tasks(html)


def test_existing_name_and_empty_items_are_left_alone():
    named = ITEM.format("x").replace('type="checkbox"', 'type="checkbox" aria-label="kept"')
    assert a11y.label_tasks(named) == named
    empty = ITEM.format("")
    assert a11y.label_tasks(empty) == empty


def test_every_box_gets_its_own_name():
    out = a11y.label_tasks(ITEM.format("one") + ITEM.format("two"))
    assert 'aria-label="one"' in out and 'aria-label="two"' in out
