"""A figure across environments: bars drawn from the ranged values several programs printed."""

import xml.etree.ElementTree as ElementTree

from rosetta import build, comparisons
from rosetta.records import Record, Report, Session

PAGE = '# Guide\n\n--8<-- "generated/pages/guide.md"\n\n--8<-- "generated/comparisons/snippets/guide/step-ms.md"\n'


def session(name):
    return Session(name, name, "", {}, "3.11", "Linux x86_64, 2 cores", "2026-11-22", 1.0)


def report():
    printed = "step ms eager: 10.5\nstep ms eager min: 9.0\nstep ms eager max: 14.0\nstep ms at batch 16: 3.0\n"
    keras = "step ms default: 6.0\nstep ms default min: 5.0\nstep ms default max: 8.0\nstep ms plain torch: 9.0\n"
    return Report(
        [session("torch"), session("keras-jax")],
        [
            Record("torch", "snippets/guide/torch_gru.py::run", "passed", printed=printed),
            Record(  # run by a program box on the page, not on its own
                "keras-jax",
                "docs/guide.md::keras:line:9",
                "passed",
                printed=keras,
                program="snippets/guide/keras_gru.py",
            ),
            Record(
                "keras-jax", "docs/guide.md::keras:line:3", "passed", printed="step ms x: 1.0\nstep ms x min: 1.0\n"
            ),
            Record("torch", "snippets/other/torch_gru.py::run", "passed", printed=printed),
        ],
    )


def test_only_values_with_a_min_and_a_max_beside_them_become_bars():
    found = comparisons.rows(report(), "snippets/guide", "step ms")
    assert found == [
        ("keras_gru", "keras-jax", "default", 6.0, 5.0, 8.0),
        ("torch_gru", "torch", "eager", 10.5, 9.0, 14.0),
    ]


def test_the_svg_is_well_formed_with_its_title_and_one_bar_per_row():
    drawn = comparisons.svg([("torch: eager", 10.5, 9.0, 14.0), ("keras-jax: default", 6.0, 5.0, 8.0)], "Step", "ms")
    tree = ElementTree.fromstring(drawn)
    namespace = "{http://www.w3.org/2000/svg}"
    assert tree.find(f"{namespace}title").text == "Step"
    bars = [rect for rect in tree.findall(f"{namespace}rect") if rect.get("fill") == "#3f51b5"]
    assert [rect.get("width") for rect in bars] == ["240.0", "137.1"]  # the slowest step, 14, spans 320


def test_the_build_writes_the_figure_and_the_numbers_beside_it(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text(PAGE)
    (tmp_path / "snippets" / "guide").mkdir(parents=True)
    build.build(tmp_path, report())
    part = (tmp_path / "generated" / "comparisons" / "snippets" / "guide" / "step-ms.md").read_text()
    assert "![step ms per program and environment, median and min–max]" in part
    assert "| `torch_gru` | `torch` | eager | 10.5 | 9 | 14 |" in part
    assert "Linux x86_64, 2 cores, 2026-11-22" in part
    assert (tmp_path / "docs" / "downloads" / "comparisons" / "snippets-guide-step-ms.svg").is_file()
    build.build(tmp_path, None)
    part = (tmp_path / "generated" / "comparisons" / "snippets" / "guide" / "step-ms.md").read_text()
    assert part.startswith('!!! untested "Not measured in this build"')
