"""Tables of measurements: lines and imports from the sections a page shows, numbers from the report."""

from pathlib import Path

from rosetta.measurements import describe, folder_of, printed_values, table
from rosetta.records import Record, Report, Session

HERE = Path(__file__).parent
PAGE = (HERE / "pages" / "measured.md").read_text()
PROGRAM = HERE / "snippets" / "measured" / "torch_program.py"
TORCH = Session(
    "torch", "torch", "tensorflow", {"torch": "2.13.0"}, "3.11.7", "Linux x86_64, 2 cores", "2026-11-21", 9.0
)
REPORT = Report(
    sessions=[TORCH],
    records=[
        Record(
            "torch",
            "snippets/measured/torch_program.py::run",
            "passed",
            printed="held-out accuracy: 0.600\ntraining seconds: 1.5\n",
        ),
        Record("torch", "snippets/measured/torch_helper.py::run", "passed", printed=""),
    ],
)


def test_printed_values_are_name_number_lines():
    assert printed_values("epoch 1 done\nheld-out accuracy: 0.954\ntraining seconds: 12\nnote: fast\n") == {
        "held-out accuracy": "0.954",
        "training seconds": "12",
    }


def test_lines_and_imports_come_from_the_shown_sections_of_the_program_and_its_neighbours():
    shown = {"snippets/measured/torch_helper.py": ["data"], "snippets/measured/torch_program.py": ["model"]}
    assert describe(PROGRAM, shown, HERE) == {"lines": {"data": 1, "model": 2, "training": 0}, "imports": ["json"]}
    assert describe(PROGRAM, {}, HERE)["lines"] == {"data": 0, "model": 0, "training": 0}


def test_the_table_names_its_provenance():
    made = table(PAGE, folder_of("generated/measurements/snippets/measured.md"), REPORT, HERE)
    # no shown section counts as training here, so the table has no training column
    assert "| Implementation | Environment | Lines: data | Lines: model | Lines: total | Imports |" in made
    row = "| a measured program that imports the file beside it | `torch` | 1 | 2 | 3 | `json` | 0.600 | 1.5 |"
    assert row in made
    assert "Measured on Linux x86_64, 2 cores, 2026-11-21, with torch 2.13.0." in made


def test_without_a_report_the_page_says_it_was_not_measured():
    assert '!!! untested "Not measured in this build"' in table(PAGE, "snippets/measured", None, HERE)
