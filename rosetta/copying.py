"""The copy guarantee: a page's shared blocks and one tab's blocks, in page order, run whole as one program.

This is what a reader gets by pressing the copy button on each of those blocks and pasting them
into one file: the code exactly as shown (included snippet sections written out), with nothing
between the blocks, no seeds set for them, in a fresh interpreter. Blocks a box keeps out of the
flow are left out, as the notebooks leave them out: code that needs the network or a GPU, and
programs or processes of their own. Keras blocks limited to some backends are in on those only.

    python -m rosetta.copying docs/page.md torch

runs it, with tracebacks that name the page's lines (each block is compiled with its file and line).
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

from rosetta import boxes, environment
from rosetta.pages import read_page


def copied(blocks, framework: str, backend: str | None = None) -> list:
    """The blocks a reader copies for one tab, in page order (on every Keras backend with ``backend="any"``)."""
    backend = backend or environment.keras_backend()
    chosen = []
    for block in blocks:
        if not block.is_python or block.framework not in (None, framework) or boxes.not_in_notebook(block):
            continue
        limited = block.box("backends")
        if framework == "keras" and limited and backend != "any" and backend not in limited:
            continue
        chosen.append(block)
    return chosen


def tabs(blocks) -> list[str]:
    """The frameworks whose tab holds a block a reader copies (on some Keras backend)."""
    return [
        framework
        for framework in environment.FRAMEWORKS
        if any(block.framework == framework for block in copied(blocks, framework, backend="any"))
    ]


def run(page: Path, framework: str, root: Path) -> None:
    """Run the copied tab as ``__main__`` of this fresh process; an exception ends it with a traceback."""
    blocks = copied(read_page(page.read_text(encoding="utf-8"), page.relative_to(root)), framework)
    main = types.ModuleType("__main__")
    main.__file__ = str(page)
    sys.modules["__main__"] = main
    for block in blocks:
        for segment in block.segments(root):
            exec(segment.compile(), vars(main))


def command(page: Path, framework: str) -> list[str]:
    return [sys.executable, "-m", "rosetta.copying", str(page), framework]


if __name__ == "__main__":
    run((Path.cwd() / sys.argv[1]).resolve(), sys.argv[2], Path.cwd())
