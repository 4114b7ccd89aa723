"""The pytest plugin: collection, markers, the run-level checks and the report it writes."""

import shutil
import sys
from pathlib import Path

from rosetta import records

HERE = Path(__file__).parent
pytest_plugins = ["pytester"]


def test_a_gpu_run_that_collects_no_gpu_example_fails(site):
    result = site("attributed.md").runpytest("-m", "gpu")
    assert result.ret != 0
    result.stdout.fnmatch_lines(["*selects GPU examples (-m gpu) but collected none*"])


def test_a_missing_framework_is_a_skip_with_a_reason(site, monkeypatch):
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    result = site("missing.md").runpytest("-rs")
    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*no block ran*", "SKIPPED [1] docs/missing.md:5: tensorflow not installed"])
    assert result.ret != 0


def test_a_missing_framework_fails_a_ci_run(site, monkeypatch):
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    monkeypatch.setenv("CI", "true")
    result = site("missing.md", "attributed.md").runpytest()
    result.stdout.fnmatch_lines(
        ["*CI=true, but blocks were skipped because a framework is missing: tensorflow not installed*"]
    )
    assert result.ret != 0


def test_snippet_files_run_on_their_own_with_their_framework_marker(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    result = site().runpytest("snippets/guide", "-m", "torch")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*snippets/guide/torch_broken.py:11:*"])


def test_programs_import_their_neighbours_and_the_report_keeps_what_they_printed(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    result = site().runpytest("snippets/measured", "--rosetta-report=out/torch.json")
    result.assert_outcomes(passed=2)
    report = records.read(pytester.path / "out" / "torch.json")
    printed = report.printed("snippets/measured/torch_program.py::run")
    assert printed == {"torch": "held-out accuracy: 0.600\ntraining seconds: 1.5\n"}
    assert report.printed("snippets/measured/torch_helper.py::run") == {}


def test_a_shared_module_runs_in_the_programs_that_import_it_not_on_its_own(site, pytester):
    shutil.copytree(HERE / "snippets", pytester.path / "snippets")
    result = site().runpytest("snippets/shared", "--rosetta-report=out/torch.json")
    result.assert_outcomes(passed=1)
    report = records.read(pytester.path / "out" / "torch.json")
    assert report.printed("snippets/shared/torch_sized.py::run") == {"torch": "size: 3\n"}
    assert [record.test for record in report.records] == ["snippets/shared/torch_sized.py::run"]


def test_figures_a_program_writes_are_kept_beside_the_report(site, pytester):
    (pytester.path / "snippets").mkdir()
    (pytester.path / "snippets" / "torch_draw.py").write_text(
        "import os, pathlib\nfolder = pathlib.Path(os.environ.get('ROSETTA_FIGURES', 'figures'))\n"
        "folder.mkdir(parents=True, exist_ok=True)\n(folder / 'cost.svg').write_text('<svg/>')\n"
    )
    result = site().runpytest("snippets", "--rosetta-report=out/torch.json")
    result.assert_outcomes(passed=1)
    [record] = records.read(pytester.path / "out" / "torch.json").records
    assert record.figures == ("out/figures/torch/snippets/torch_draw/cost.svg",)
    assert (pytester.path / record.figures[0]).read_text() == "<svg/>"


def test_a_program_that_exits_without_a_traceback_says_so(site, pytester):
    (pytester.path / "snippets").mkdir()
    (pytester.path / "snippets" / "torch_exit.py").write_text("import sys\nprint('half way')\nsys.exit(3)\n")
    result = site().runpytest("snippets")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*snippets/torch_exit.py: exited with status 3*", "*Printed before the failure:*", "*half way*"]
    )


def test_the_report_has_a_record_per_test_with_its_outcome_reason_and_cost(site, pytester):
    result = site("gpu.md", "output.md").runpytest(
        "--rosetta-report=out/run.json", "--rosetta-session=torch", "-m", "torch"
    )
    report = records.read(pytester.path / "out" / "run.json")
    [session] = report.sessions
    assert (session.name, session.markexpr) == ("torch", "torch")
    found = {record.test: record for record in report.records}
    skipped = found["docs/gpu.md::pytorch:line:13"]
    assert (skipped.outcome, skipped.reason) == ("skipped", "needs a CUDA GPU; none is available here")
    assert [found[f"docs/output.md::{name}"].outcome for name in ("shared:line:3", "output:line:8")] == ["passed"] * 2
    assert sorted(record.outcome for record in report.records) == ["failed"] + ["passed"] * 4 + ["skipped"]
    assert sum(record.seconds for record in report.records) > 0  # setup, call and teardown, summed per test
    assert set(report.page_seconds()) == {"docs/gpu.md", "docs/output.md"}
    assert result.ret != 0
