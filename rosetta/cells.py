"""Notebook pages, run cell by cell, so that the rendered notebook shows what the test run printed and drew.

A notebook page is a percent-format file under ``docs/notebooks/`` (``# %%`` starts a code cell,
``# %% [markdown]`` a text cell whose lines are comments). ::

    python -m rosetta.cells docs/notebooks/torch_padding.py

runs its code cells in order in one namespace, as a Jupyter kernel would: what each cell prints goes
to standard output as usual and is also kept, and the matplotlib figures a cell leaves open are
saved as SVG and closed, as Jupyter shows figures at the end of a cell. Where ``ROSETTA_FIGURES``
names a folder, the outputs are written there as ``cells.json``; the test run keeps that file beside
the report, and the build step (:func:`notebook`) writes the notebook with those outputs, which
mkdocs-jupyter renders.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import types
from dataclasses import dataclass
from pathlib import Path

from rosetta.execution import FIGURES

CELL = re.compile(r"^# %%(?P<markdown>\s*\[markdown\])?")
OUTPUTS = "cells.json"


@dataclass(frozen=True)
class Cell:
    kind: str  # "code" or "markdown"
    text: str
    line: int  # of the cell's first line in the file


def split(source: str) -> list[Cell]:
    """The cells of a percent-format file; text before the first marker is a code cell."""
    cells: list[Cell] = []
    kind, start, lines = "code", 1, []
    for number, text in enumerate(source.splitlines(), start=1):
        if match := CELL.match(text):
            cells.append(Cell(kind, "\n".join(lines).strip("\n"), start))
            kind, start, lines = ("markdown" if match["markdown"] else "code"), number + 1, []
        elif kind == "markdown":
            lines.append(text.removeprefix("#").removeprefix(" "))
        else:
            lines.append(text)
    cells.append(Cell(kind, "\n".join(lines).strip("\n"), start))
    return [cell for cell in cells if cell.text.strip()]


class Tee(io.TextIOBase):
    def __init__(self, stream) -> None:
        self.stream, self.kept = stream, io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()


def open_figures() -> list[str]:
    """The figures a cell left open, as SVG, then closed."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return []
    drawn = []
    for number in pyplot.get_fignums():
        svg = io.StringIO()
        pyplot.figure(number).savefig(svg, format="svg")
        drawn.append(svg.getvalue())
    pyplot.close("all")
    return drawn


def run(path: Path) -> list[dict]:
    """Run the code cells in order in one ``__main__``; what each printed and drew."""
    os.environ.setdefault("MPLBACKEND", "svg")  # no window: figures are saved, as a notebook shows them
    main = types.ModuleType("__main__")
    main.__file__ = str(path)
    sys.modules["__main__"] = main
    outputs = []
    for cell in split(path.read_text(encoding="utf-8")):
        if cell.kind != "code":
            continue
        code = compile("\n" * (cell.line - 1) + cell.text, str(path), "exec")  # tracebacks name file lines
        tee = sys.stdout = Tee(sys.stdout)
        try:
            exec(code, vars(main))
        finally:
            sys.stdout = tee.stream
        outputs.append({"line": cell.line, "printed": tee.kept.getvalue(), "figures": open_figures()})
    return outputs


def notebook(source: str, outputs: list[dict] | None) -> dict:
    """The notebook (nbformat 4 JSON) of a percent-format file, with the outputs of a run if there is one."""
    ran = {output["line"]: output for output in outputs or []}
    cells = []
    for count, cell in enumerate(split(source), start=1):
        lines = cell.text.splitlines(keepends=True)
        if cell.kind == "markdown":
            cells.append({"cell_type": "markdown", "metadata": {}, "source": lines})
            continue
        shown = []
        if output := ran.get(cell.line):
            if output["printed"]:
                shown.append({"output_type": "stream", "name": "stdout", "text": output["printed"]})
            shown += [
                {"output_type": "display_data", "metadata": {}, "data": {"image/svg+xml": svg}}
                for svg in output["figures"]
            ]
        cells.append(
            {
                "cell_type": "code",
                "execution_count": count if output else None,
                "metadata": {},
                "outputs": shown,
                "source": lines,
            }
        )
    metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    numbered = [dict(cell, id=f"cell-{i}") for i, cell in enumerate(cells)]  # nbformat 4.5 wants ids
    return {"cells": numbered, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}


if __name__ == "__main__":
    program = Path(sys.argv[1]).resolve()
    sys.path.insert(0, str(program.parent))
    ran = run(program)
    if folder := os.environ.get(FIGURES):
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / OUTPUTS).write_text(json.dumps(ran), encoding="utf-8")
