"""The build step writes what pages include from the test report: stamps, notebook links, tables, figures."""

import json

import pytest

from rosetta import build
from rosetta.records import Record, Report, Session

PROGRAM = "snippets/guide/torch_draw.py"


def project(tmp_path, page_text):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text(page_text)
    (tmp_path / "snippets" / "guide").mkdir(parents=True)
    (tmp_path / PROGRAM).write_text("print('drawn')\n")
    return tmp_path


def drawn(tmp_path, test=f"{PROGRAM}::run", program=None):
    figure = tmp_path / "reports" / "figures" / "torch" / "snippets" / "guide" / "torch_draw" / "cost.svg"
    figure.parent.mkdir(parents=True)
    figure.write_text("<svg><metadata><dc:title>Seconds per step</dc:title></metadata></svg>")
    session = Session(
        "torch", "torch", "tensorflow", {"torch": "2.13.0"}, "3.11", "Linux x86_64, 2 cores", "2026-11-22", 2.0
    )
    record = Record(
        "torch",
        test,
        "passed",
        printed="ms per step: 4.2\n",
        figures=(str(figure.relative_to(tmp_path)),),
        program=program,
    )
    return Report([session], [record])


PAGE = '# Guide\n\n--8<-- "generated/pages/guide.md"\n\n--8<-- "generated/figures/snippets/guide/torch_draw/cost.md"\n'


def test_a_figure_from_the_run_is_shown_with_its_title_and_numbers(tmp_path):
    root = project(tmp_path, PAGE)
    build.build(root, drawn(root))
    part = (root / "generated" / "figures" / "snippets" / "guide" / "torch_draw" / "cost.md").read_text()
    assert "![Seconds per step](downloads/figures/torch/torch_draw-cost.svg)" in part
    assert "| ms per step | 4.2 |" in part and "`torch` environment, Linux x86_64, 2 cores, 2026-11-22" in part
    assert (root / "docs" / "downloads" / "figures" / "torch" / "torch_draw-cost.svg").is_file()


def test_a_figure_drawn_by_a_program_box_on_a_page_is_the_programs(tmp_path):
    root = project(tmp_path, PAGE)
    build.build(root, drawn(root, test="docs/guide.md::pytorch:line:7", program=PROGRAM))
    part = (root / "generated" / "figures" / "snippets" / "guide" / "torch_draw" / "cost.md").read_text()
    assert "![Seconds per step](downloads/figures/torch/torch_draw-cost.svg)" in part
    assert "| ms per step | 4.2 |" in part


def test_without_a_report_the_figure_says_it_comes_from_a_test_run(tmp_path):
    root = project(tmp_path, PAGE)
    build.build(root, None)
    part = (root / "generated" / "figures" / "snippets" / "guide" / "torch_draw" / "cost.md").read_text()
    assert part.startswith('!!! untested "Figure not drawn in this build"')
    assert "`snippets/guide/torch_draw.py` draws this figure when the tests run it" in part


def test_a_page_without_its_stamp_line_is_refused(tmp_path):
    root = project(tmp_path, "# Guide\n\nNo stamp.\n")
    with pytest.raises(
        build.BuildError,
        match=r'docs/guide.md:1: the page does not include its stamp; add --8<-- "generated/pages/guide.md"',
    ):
        build.build(root, None)


def test_a_part_nothing_makes_is_refused_with_its_line(tmp_path):
    root = project(tmp_path, PAGE + '\n--8<-- "generated/charts/x.md"\n')
    with pytest.raises(build.BuildError, match=r"docs/guide.md:7: nothing makes generated/charts/x.md"):
        build.build(root, None)


def test_parts_that_did_not_change_are_not_written_again(tmp_path):
    root = project(tmp_path, PAGE)
    assert build.build(root, None)
    assert build.build(root, None) == []


def test_a_notebook_page_is_written_with_the_outputs_its_test_run_kept(tmp_path):
    root = project(tmp_path, PAGE)
    (root / "docs" / "notebooks").mkdir()
    (root / "docs" / "notebooks" / "torch_x.py").write_text("# %% [markdown]\n# Title\n\n# %%\nprint(2)\n")
    kept = root / "reports" / "figures" / "torch" / "docs" / "notebooks" / "torch_x" / "cells.json"
    kept.parent.mkdir(parents=True)
    kept.write_text('[{"line": 5, "printed": "2\\n", "figures": ["<svg/>"]}]')
    session = Session("torch", "torch", "", {}, "3.11", "Linux x86_64, 2 cores", "2026-11-22", 2.0)
    record = Record("torch", "docs/notebooks/torch_x.py::run", "passed", figures=(str(kept.relative_to(root)),))
    build.build(root, Report([session], [record]))
    markdown, code = json.loads((root / "docs" / "notebooks" / "torch_x.ipynb").read_text())["cells"]
    assert markdown["source"] == ["Title"] and code["source"] == ["print(2)"]
    assert code["outputs"] == [
        {"output_type": "stream", "name": "stdout", "text": "2\n"},
        {"output_type": "display_data", "metadata": {}, "data": {"image/svg+xml": "<svg/>"}},
    ]
    build.build(root, None)  # without a test report: the cells, and no outputs
    [_, code] = json.loads((root / "docs" / "notebooks" / "torch_x.ipynb").read_text())["cells"]
    assert code["outputs"] == [] and code["execution_count"] is None
