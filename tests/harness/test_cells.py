"""Notebook pages run cell by cell, keeping what each cell printed and drew."""

import json
import subprocess
import sys

from rosetta import cells

SOURCE = """# %% [markdown]
# # A notebook
#
# Some text.

# %%
total = 1 + 1
print(total)

# %%
import matplotlib.pyplot as pyplot

pyplot.plot([1, 2])

# %%
raise ValueError(total)
"""


def test_percent_cells_are_split_with_their_first_lines():
    found = cells.split(SOURCE)
    assert [(cell.kind, cell.line) for cell in found] == [("markdown", 2), ("code", 7), ("code", 11), ("code", 16)]
    assert found[0].text == "# A notebook\n\nSome text."


# A stand-in for matplotlib's pyplot: the harness's own environment has no plotting library.
PYPLOT = """
drawn = []
def plot(values): drawn.append(values)
def get_fignums(): return list(range(1, len(drawn) + 1))
class Figure:
    def savefig(self, stream, format): stream.write(f"<{format}/>")
def figure(number): return Figure()
def close(which): drawn.clear()
"""


def test_each_cell_keeps_what_it_printed_and_drew_and_a_failure_names_the_file_line(tmp_path):
    (tmp_path / "matplotlib").mkdir()
    (tmp_path / "matplotlib" / "__init__.py").write_text("")
    (tmp_path / "matplotlib" / "pyplot.py").write_text(PYPLOT)
    path = ":".join([str(tmp_path), *sys.path])
    notebook = tmp_path / "torch_x.py"
    notebook.write_text(SOURCE)
    figures = tmp_path / "figures"
    result = subprocess.run(
        [sys.executable, "-m", "rosetta.cells", str(notebook)],
        capture_output=True,
        text=True,
        env={"ROSETTA_FIGURES": str(figures), "PATH": "", "PYTHONPATH": path},
    )
    assert result.returncode == 1 and result.stdout == "2\n"
    assert f'File "{notebook}", line 16' in result.stderr and "ValueError: 2" in result.stderr
    assert not figures.exists()  # a failed run keeps nothing
    notebook.write_text(SOURCE.rpartition("# %%")[0])
    subprocess.run(
        [sys.executable, "-m", "rosetta.cells", str(notebook)],
        check=True,
        capture_output=True,
        env={"ROSETTA_FIGURES": str(figures), "PATH": "", "PYTHONPATH": path},
    )
    printed, drawn = json.loads((figures / "cells.json").read_text())
    assert (printed["line"], printed["printed"], printed["figures"]) == (7, "2\n", [])
    assert (drawn["printed"], drawn["figures"]) == ("", ["<svg/>"])


def test_the_rendered_notebook_numbers_its_cells_as_nbformat_4_5_requires():
    notebook = cells.notebook(SOURCE, None)
    ids = [cell["id"] for cell in notebook["cells"]]
    assert (notebook["nbformat"], notebook["nbformat_minor"]) == (4, 5)
    assert len(ids) == 4 and len(set(ids)) == 4
