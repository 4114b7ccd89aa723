"""The report goes round the loop: a test run writes it, the report step merges and checks it, the build reads it."""

import shutil
from pathlib import Path

from rosetta import build, records, report
from rosetta.records import Record, Report, Session

HERE = Path(__file__).parent
pytest_plugins = ["pytester"]


def test_a_report_reads_back_as_it_was_written(tmp_path):
    session = Session("torch", "torch", "tensorflow", {"torch": "2.13.0"}, "3.11.7", "Linux", "2026-11-22", 3.5)
    made = Report(
        [session],
        [
            Record("torch", "docs/a.md::pytorch:line:3", "passed", seconds=1.25, markers=("torch",)),
            Record("torch", "docs/a.md::pytorch:line:9", "skipped", reason="needs a CUDA GPU", markers=("gpu",)),
            Record("torch", "snippets/g/torch_x.py::run", "passed", printed="loss: 0.5\n", figures=("f/x.svg",)),
        ],
        problems=["one problem"],
    )
    records.write(tmp_path / "torch.json", made)
    assert records.read(tmp_path / "torch.json") == made
    assert made.page_seconds() == {"docs/a.md": {"torch": 1.25}, "snippets/g/torch_x.py": {"torch": 0.0}}


def test_a_run_goes_round_the_loop_to_the_page_stamp(site, pytester, monkeypatch, capsys):
    """pytester run -> reports/<session>.json -> python -m rosetta.report -> summary -> the page's stamp."""
    site("output.md", "attributed.md")
    (pytester.path / "snippets").mkdir()
    pytester.runpytest("--rosetta-report=reports/torch.json", "--rosetta-session=torch", "-m", "torch")
    monkeypatch.chdir(pytester.path)
    assert report.main(["reports"]) == 1  # output.md has a failing Output block, and no TensorFlow or Keras run
    shown = capsys.readouterr()
    assert "docs/output.md::output:line:18 failed in torch" in shown.err
    assert "slowest pages and programs" in shown.out and "docs/output.md" in shown.out
    summary = records.read(pytester.path / "reports" / records.SUMMARY)
    assert "no test report for keras blocks" in summary.problems
    kind, title, text = build.stamp(summary, "docs/attributed.md")
    assert kind == "tested" and "4 checks passed on this page across 1 test environment" in text
    assert build.stamp(summary, "docs/output.md")[0] == "failure"
    kind, title, text = build.stamp(summary, "docs/index.md")
    assert title.startswith("The site was tested with") and "runs no code itself" in text


def test_without_a_report_a_page_says_it_was_not_tested():
    assert build.stamp(None, "docs/index.md")[1] == "Not tested in this build"


def test_the_summary_keeps_every_session(tmp_path):
    for name in ("torch", "keras-jax"):
        meta = Session(name, name.split("-")[0], "jax", {}, "3.11", "Linux", "2026-11-22", 1.0)
        records.write(tmp_path / f"{name}.json", Report([meta], [Record(name, "docs/a.md::x:line:1", "passed")]))
    merged = records.merge(records.read_runs(tmp_path), ["p"])
    assert [session.name for session in merged.sessions] == ["keras-jax", "torch"]
    assert len(merged.records) == 2 and merged.problems == ["p"]
    shutil.rmtree(tmp_path)
