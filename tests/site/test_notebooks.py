"""Each guide's notebook per framework holds exactly the code of that tab copied whole.

The framework sessions run every tab copied whole (rosetta/copying.py), so a notebook whose code
cells are that code, in that order, runs as the tests ran it.
"""

import json
from pathlib import Path

import nbformat
import pytest

from rosetta import copying
from rosetta.notebooks import page_notebooks
from rosetta.pages import read_page

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
PAGES = [page for page in sorted(DOCS.rglob("*.md")) if page_notebooks(page, DOCS, ROOT)]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_each_notebook_holds_the_tab_copied_whole(page):
    blocks = read_page(page.read_text(encoding="utf-8"), page.relative_to(ROOT))
    for framework, (path, content) in page_notebooks(page, DOCS, ROOT).items():
        nbformat.validate(nbformat.reads(json.dumps(content), as_version=4))
        cells = [cell["source"] for cell in content["cells"] if cell["cell_type"] == "code"]
        copied = [
            "\n".join(segment.source for segment in block.segments(ROOT)).strip("\n")
            for block in copying.copied(blocks, framework, backend="any")
        ]
        assert cells == copied, f"{path}: the code cells differ from the {framework} tab copied whole"
