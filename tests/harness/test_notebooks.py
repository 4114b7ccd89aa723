"""A page as a notebook per framework: prose, shared blocks and that tab's blocks, in order."""

from pathlib import Path

from rosetta.notebooks import frameworks_on, notebook, notebook_path
from rosetta.pages import read_page

HERE = Path(__file__).parent
PAGE = (HERE / "pages" / "notebook.md").read_text()


def cells(framework, page=PAGE, path="docs/notebook.md"):
    made = notebook(page, path, framework, HERE)
    return [(cell["cell_type"], cell["source"]) for cell in made["cells"]]


def test_a_notebook_holds_the_prose_the_shared_blocks_and_its_own_tab():
    assert cells("torch") == [
        ("markdown", "# A page as notebooks\n\nShared words."),
        ("code", "shared = 1"),
        ("markdown", "Words in the PyTorch tab."),
        ("code", "# loaded once\nexamples = [1, 2, 3]"),
        ("markdown", "**Downloads a corpus**\n\n*Not run here: Downloads a corpus.*\n\n```python\ndownload()\n```"),
    ]
    assert ("code", "keras_only = 2") in cells("keras")
    assert not any("Keras" in source for _, source in cells("torch"))


def test_generated_parts_of_the_page_are_left_out():
    page = PAGE.replace("Shared words.", 'Shared words.\n\n--8<-- "generated/pages/notebook.md"')
    assert cells("torch", page) == cells("torch")


def test_pages_comparing_two_frameworks_get_one_notebook_each():
    assert frameworks_on(read_page(PAGE, "docs/notebook.md")) == ["torch", "keras"]
    assert frameworks_on(read_page('=== "PyTorch"\n\n    ```python\n    x = 1\n    ```\n', "one.md")) == []
    assert notebook_path(Path("guides/rnn.md"), "torch") == Path("downloads/guides-rnn-torch.ipynb")


def test_a_program_of_its_own_is_shown_not_run_in_the_notebook():
    page = (HERE / "pages" / "program.md").read_text()
    kinds = cells("torch", page, "docs/program.md")
    program = (HERE / "snippets" / "guide" / "torch_switch.py").read_text().strip("\n")
    assert [kind for kind, _ in kinds] == ["markdown", "code"]
    assert "*Not run here: it runs as a program of its own, `python snippets/guide/torch_switch.py`.*" in kinds[0][1]
    assert program in kinds[0][1]
    assert kinds[1] == ("code", 'import os\nprint(os.environ.get("ROSETTA_SWITCHED"))')
