"""Every guide's notebook for one framework runs top to bottom in a Jupyter kernel.

The torch and tensorflow sessions run this with ROSETTA_NOTEBOOK_FRAMEWORK set to their framework.
"""

import json
import os
from pathlib import Path

import pytest

from rosetta.notebooks import page_notebooks

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs"
FRAMEWORK = os.environ.get("ROSETTA_NOTEBOOK_FRAMEWORK")
PAGES = [page for page in sorted(DOCS.rglob("*.md")) if page_notebooks(page, DOCS, ROOT)]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_the_notebook_runs(page):
    if FRAMEWORK is None:
        pytest.skip("set ROSETTA_NOTEBOOK_FRAMEWORK (the torch and tensorflow sessions do)")
    notebooks = page_notebooks(page, DOCS, ROOT)
    if FRAMEWORK not in notebooks:
        pytest.skip(f"{page.name} shows no {FRAMEWORK} blocks")
    import nbformat
    from nbclient import NotebookClient

    path, content = notebooks[FRAMEWORK]
    node = nbformat.reads(json.dumps(content), as_version=4)
    nbformat.validate(node)
    client = NotebookClient(node, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    try:
        client.execute()
    except Exception as error:  # noqa: BLE001 - the message names the notebook and the failing cell
        pytest.fail(f"{path} failed:\n{str(error)[-3000:]}")
    code = [cell for cell in node.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code)
