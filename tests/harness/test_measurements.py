"""Tables of measurements: lines and imports from the sections a page shows, numbers from the report."""

from pathlib import Path

from rosetta.measurements import describe, fill, placeholders, printed_values

HERE = Path(__file__).parent
PAGE = (HERE / "pages" / "measured.md").read_text()
PROGRAM = HERE / "snippets" / "measured" / "torch_program.py"
SUMMARY = {
    "sessions": {
        "torch": {"machine": "Linux x86_64, 2 cores", "date": "2026-11-21", "versions": {"torch": "2.13.0"}},
    },
    "printed": {
        "snippets/measured/torch_program.py::run": {"torch": "held-out accuracy: 0.600\ntraining seconds: 1.5\n"},
        "snippets/measured/torch_helper.py::run": {"torch": ""},
    },
}


def test_printed_values_are_name_number_lines():
    assert printed_values("epoch 1 done\nheld-out accuracy: 0.954\ntraining seconds: 12\nnote: fast\n") == {
        "held-out accuracy": "0.954",
        "training seconds": "12",
    }


def test_lines_and_imports_come_from_the_shown_sections_of_the_program_and_its_neighbours():
    shown = {"snippets/measured/torch_helper.py": ["data"], "snippets/measured/torch_program.py": ["model"]}
    assert describe(PROGRAM, shown, HERE) == {"lines": {"data": 1, "model": 2, "training": 0}, "imports": ["json"]}
    assert describe(PROGRAM, {}, HERE)["lines"] == {"data": 0, "model": 0, "training": 0}


def test_the_placeholder_becomes_a_table_with_its_provenance():
    page = fill(PAGE, SUMMARY, HERE)
    assert "<!-- measurements" not in page
    # no shown section counts as training here, so the table has no training column
    assert "| Implementation | Environment | Lines: data | Lines: model | Lines: total | Imports |" in page
    row = "| a measured program that imports the file beside it | `torch` | 1 | 2 | 3 | `json` | 0.600 | 1.5 |"
    assert row in page
    assert "Measured on Linux x86_64, 2 cores, 2026-11-21, with torch 2.13.0." in page


def test_without_a_report_the_page_says_it_was_not_measured():
    page = fill(PAGE, None, HERE)
    assert '!!! untested "Not measured in this build"' in page


def test_a_placeholder_shown_inside_a_code_fence_stays_as_it_is():
    page = "Write this:\n\n````text\n<!-- measurements: snippets/measured -->\n````\n"
    assert placeholders(page) == []
    assert fill(page, SUMMARY, HERE) == page
