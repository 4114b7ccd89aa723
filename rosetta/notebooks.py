"""A guide page as a Jupyter notebook for one framework: the prose, the shared blocks and that
framework's blocks, in page order, with included snippet sections written out.

Other frameworks' tabs are left out. Output blocks are left out (running the notebook prints them).
Code that needs the network or a GPU, or runs as a program of its own, becomes a Markdown cell that
shows it and says why it is not run. Keras blocks limited to some backends stay code cells, under a
note naming the backends.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rosetta.measurements import placeholders
from rosetta.pages import _BOX, _TAB, TABS, Block, read_page


def frameworks_on(blocks: list[Block]) -> list[str]:
    """The frameworks a guide page gets notebooks for: those it shows, if it compares two or more."""
    found = [framework for framework in TABS.values() if any(block.framework == framework for block in blocks)]
    return found if len(found) > 1 else []


def notebook(markdown: str, path: Path | str, framework: str, root: Path) -> dict:
    """The notebook (nbformat 4 JSON) of one page for one framework."""
    blocks = {block.line: block for block in read_page(markdown, path)}
    lines = markdown.splitlines()
    skipped_lines = {index for index, _ in placeholders(markdown)}
    cells: list[dict] = []
    prose: list[str] = []
    tabs: list[tuple[int, str]] = []  # (indent, framework or "" for another tab) of the open tabs
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        indent = len(line) - len(line.lstrip(" "))
        if line.strip():
            while tabs and indent <= tabs[-1][0]:
                tabs.pop()
        if match := _TAB.match(line):
            tabs.append((indent, TABS.get(match["label"], "")))
            continue
        inside_other_tab = any(label != framework for _, label in tabs)
        block = blocks.get(number)
        if block is not None:  # a fenced block starts on this line (1-based)
            number = block.end_line
            if inside_other_tab or block.is_output:
                continue
            if block.is_python and block.network is None and block.gpu is None and block.program is None:
                _flush(cells, prose)
                if block.backends:
                    cells.append(_markdown([f"The next cell runs on the Keras backends {', '.join(block.backends)}."]))
                cells.append(_code("\n".join(segment.source for segment in block.segments(root)).strip("\n")))
            else:
                why = block.network or block.gpu
                if block.program:
                    why = f"it runs as a program of its own, `python {block.program}`"
                if why:
                    prose.append(f"*Not run here: {why}.*")
                shown = [segment.source for segment in block.segments(root)] if block.is_python else block.body
                prose += ["", f"```{block.lang}", *shown, "```", ""]
            continue
        if inside_other_tab or (number - 1) in skipped_lines:
            continue
        if match := _BOX.match(line):
            title = match["title"] or match["kind"].capitalize()
            prose.append(f"**{title}**")
            continue
        depth = sum(4 for _ in tabs) + _box_depth(lines, number - 1)
        prose.append(line[depth:] if line[:depth].strip() == "" else line.lstrip())
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


def _box_depth(lines: list[str], index: int) -> int:
    """Extra indentation of a line inside admonition boxes (beyond its tabs)."""
    depth, indent = 0, len(lines[index]) - len(lines[index].lstrip(" "))
    for earlier in range(index - 1, -1, -1):
        text = lines[earlier]
        if not text.strip():
            continue
        earlier_indent = len(text) - len(text.lstrip(" "))
        if earlier_indent < indent and _BOX.match(text):
            depth += 4
            indent = earlier_indent
        elif earlier_indent < indent:
            indent = earlier_indent
        if indent == 0:
            break
    return depth


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
    """framework -> (path in the built site, notebook) for one page; empty for pages that get none."""
    markdown = page.read_text(encoding="utf-8")
    relative = page.relative_to(root)
    return {
        framework: (notebook_path(page.relative_to(docs), framework), notebook(markdown, relative, framework, root))
        for framework in frameworks_on(read_page(markdown, relative))
    }


def write_notebooks(docs: Path, site: Path, root: Path) -> list[Path]:
    """Write ``<page>/<stem>-<framework>.ipynb`` into the built site for every guide page."""
    written = []
    for page in sorted(docs.rglob("*.md")):
        for path, content in page_notebooks(page, docs, root).values():
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(content, indent=1) + "\n", encoding="utf-8")
            written.append(target)
    return written


def notebook_path(page: Path, framework: str) -> Path:
    """Where a page's notebook lives in the built site, beside the page's index.html."""
    folder = page.with_suffix("") if page.stem != "index" else page.parent
    return folder / f"{page.stem}-{framework}.ipynb"
