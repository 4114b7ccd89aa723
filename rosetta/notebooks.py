"""A guide page as a Jupyter notebook for one framework: the prose, the shared blocks and that
framework's blocks, in page order, with included snippet sections written out.

Other frameworks' tabs are left out, and so are Output blocks (running the notebook prints them) and
the generated parts of the page. A block a box keeps from running here (network, GPU, a program or
processes of its own) becomes a Markdown cell that shows it and says why; see :mod:`rosetta.boxes`.
"""

from __future__ import annotations

import re
from pathlib import Path

from rosetta import boxes
from rosetta.pages import INCLUDE, TABS, Block, Fence, Opening, Prose, read_page, walk

DOWNLOADS = "downloads"  # under docs/: where the build step writes them


def frameworks_on(blocks: list[Block]) -> list[str]:
    """The frameworks a guide page gets notebooks for: those it shows, if it compares two or more."""
    found = [framework for framework in TABS.values() if any(block.framework == framework for block in blocks)]
    return found if len(found) > 1 else []


def notebook(markdown: str, path: Path | str, framework: str, root: Path) -> dict:
    """The notebook (nbformat 4 JSON) of one page for one framework."""
    blocks = {block.line: block for block in read_page(markdown, path)}
    cells: list[dict] = []
    prose: list[str] = []
    for event in walk(markdown, path):
        tabs = [TABS.get(container.title, "") for container in event.containers if container.kind == "tab"]
        if any(tab != framework for tab in tabs):
            continue  # another framework's tab
        if isinstance(event, Opening):
            if event.container.kind != "tab":
                prose.append(f"**{event.container.title or event.container.kind.capitalize()}**")
        elif isinstance(event, Prose):
            if not INCLUDE.match(event.text):
                prose.append(event.text)
        elif isinstance(event, Fence):
            _add_block(blocks[event.line], root, cells, prose)
    _flush(cells, prose)
    return {
        "cells": [dict(cell, id=f"cell-{i}") for i, cell in enumerate(cells)],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def _add_block(block: Block, root: Path, cells: list[dict], prose: list[str]) -> None:
    if block.is_output:
        return
    why = boxes.not_in_notebook(block)
    if block.is_python and why is None:
        _flush(cells, prose)
        if backends := block.box("backends"):
            cells.append(_markdown([f"The next cell runs on the Keras backends {', '.join(backends)}."]))
        cells.append(_code("\n".join(segment.source for segment in block.segments(root)).strip("\n")))
        return
    if why:
        prose.append(f"*Not run here: {why}.*")
    shown = [segment.source for segment in block.segments(root)] if block.is_python else block.body
    prose += ["", f"```{block.lang}", *shown, "```", ""]


def _flush(cells: list[dict], prose: list[str]) -> None:
    text = "\n".join(prose).strip("\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    if text:
        cells.append(_markdown(text.splitlines()))
    prose.clear()


def _markdown(lines: list[str]) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": "\n".join(lines)}


def _code(source: str) -> dict:
    return {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": source}


def page_notebooks(page: Path, docs: Path, root: Path) -> dict[str, tuple[Path, dict]]:
    """framework -> (path under docs/, notebook) for one page; empty for pages that get none."""
    markdown = page.read_text(encoding="utf-8")
    relative = page.relative_to(root)
    return {
        framework: (notebook_path(page.relative_to(docs), framework), notebook(markdown, relative, framework, root))
        for framework in frameworks_on(read_page(markdown, relative))
    }


def notebook_path(page: Path, framework: str) -> Path:
    """Where a page's notebook is written, relative to docs/ (and so to the built site)."""
    return Path(DOWNLOADS) / f"{page.with_suffix('').as_posix().replace('/', '-')}-{framework}.ipynb"
