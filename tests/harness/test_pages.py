"""The page format: the walker and the blocks read from it."""

from pathlib import Path

import pytest

from rosetta.pages import Fence, Opening, PageError, Prose, page_includes, read_page, walk

HERE = Path(__file__).parent


def test_the_walker_yields_prose_openings_and_fences_in_order_with_their_containers():
    page = '# Title\n\n=== "PyTorch"\n\n    Inside.\n\n    ```python\n    x = 1\n    ```\n\nAfter.\n'
    events = list(walk(page, "docs/p.md"))
    assert [type(event).__name__ for event in events] == [
        "Prose", "Prose", "Opening", "Prose", "Prose", "Prose", "Fence", "Prose", "Prose",
    ]  # fmt: skip
    opening = next(event for event in events if isinstance(event, Opening))
    assert (opening.line, opening.container.kind, opening.container.title) == (3, "tab", "PyTorch")
    inside = next(event for event in events if isinstance(event, Prose) and "Inside" in event.text)
    assert inside.text == "Inside." and [c.title for c in inside.containers] == ["PyTorch"]
    fence = next(event for event in events if isinstance(event, Fence))
    assert (fence.line, fence.end_line, fence.body) == (7, 9, ["x = 1"])
    assert events[-1].text == "After." and events[-1].containers == ()


def test_includes_outside_fences_are_found_and_those_inside_are_not():
    page = '# T\n\n--8<-- "generated/pages/t.md"\n\n```python\n--8<-- "generated/x.py"\n```\n'
    assert page_includes(page, "docs/t.md", "generated/") == [(3, "generated/pages/t.md")]


def test_page_reader_finds_tabs_boxes_and_outputs():
    blocks = read_page((HERE / "pages" / "gpu.md").read_text(), "docs/gpu.md")
    assert [(b.framework, b.box("gpu"), b.line) for b in blocks] == [
        ("torch", None, 5),
        ("torch", "Needs a CUDA GPU", 13),
    ]
    blocks = read_page((HERE / "pages" / "output.md").read_text(), "docs/output.md")
    assert blocks[0].output is blocks[1] and blocks[1].output_of is blocks[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("```python\nx = 1\n", r"page\.md:1: code fence is never closed"),
        ('```text title="Output"\n1\n```\n', r"page\.md:1: an Output block must come right after a block that runs"),
        (
            '```python\nx = 1\n```\n\nSome prose.\n\n```text title="Output"\n1\n```\n',
            r"page\.md:7: an Output block must come right after a block that runs",
        ),
        (
            '=== "PyTorch"\n\n    ```python\n    x = 1\ny = 2\n    ```\n',
            r"page\.md:5: this line is indented less than the code fence at line 3",
        ),
        (
            '=== "PyTorch"\n\n    !!! backends "Keras backends: jax"\n\n'
            "        ```python\n        x = 1\n        ```\n",
            r"page\.md:5: a backends box only applies to blocks in a Keras tab",
        ),
        (
            '=== "Keras"\n\n    !!! backends "Keras backends: theano"\n\n'
            "        ```python\n        x = 1\n        ```\n",
            r"page\.md:5: a backends box needs a title like .*got 'Keras backends: theano'",
        ),
        (
            '=== "PyTorch"\n\n    ```python\n    x = 1\n    ```\n\n```text title="Output"\n1\n```\n',
            r"page\.md:7: an Output block must sit in the same tab as its block",
        ),
    ],
)
def test_page_reader_rejects_malformed_pages_saying_what_and_where(text, message):
    with pytest.raises(PageError, match=message):
        read_page(text, "page.md")
