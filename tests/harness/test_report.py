"""The matrix-level guard: every block ran in its framework's environment, or the page shows why not."""

import shutil
from pathlib import Path

from rosetta.records import Record, Report, Session
from rosetta.report import check, expected_tests

HERE = Path(__file__).parent


def run(session, markexpr, backend="tensorflow", passed=(), skipped=(), failed=()):
    made = [Record(session, f"docs/backends.md::{name}", "passed") for name in passed]
    made += [Record(session, f"docs/backends.md::{name}", "skipped", reason=why) for name, why in skipped]
    made += [Record(session, f"docs/backends.md::{name}", "failed") for name in failed]
    meta = Session(session, markexpr, backend, {}, "3.11", "Linux", "2026-11-22", 1.0)
    return Report([meta], made)


def expected_for(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    shutil.copy(HERE / "pages" / "backends.md", tmp_path / "docs")
    return expected_tests(tmp_path / "docs", tmp_path / "snippets", copy_tabs=False)


def test_blocks_skipped_for_a_reason_the_page_shows_are_accepted(tmp_path):
    limited = ("keras:line:12", "the page limits this block to Keras backends jax, torch")
    reports = [
        run("torch", "torch"),
        run("tensorflow", "tensorflow"),
        run("keras-tensorflow", "keras", passed=["keras:line:5"], skipped=[limited]),
        run("keras-jax", "keras", "jax", passed=["keras:line:5", "keras:line:12"]),
    ]
    assert check(reports, expected_for(tmp_path)) == []


def test_a_block_that_never_ran_or_was_skipped_silently_is_reported(tmp_path):
    reports = [
        run("torch", "torch"),
        run("tensorflow", "tensorflow"),
        run("keras-tensorflow", "keras", skipped=[("keras:line:5", "keras not installed")]),
    ]
    problems = check(reports, expected_for(tmp_path))
    silent = "docs/backends.md::keras:line:5 was skipped in keras-tensorflow without a reason shown on the page"
    assert f"{silent}: keras not installed" in problems
    assert "docs/backends.md::keras:line:12 did not run in keras-tensorflow" in problems


def test_a_failed_block_is_reported(tmp_path):
    reports = [
        run("torch", "torch"),
        run("tensorflow", "tensorflow"),
        run("keras-jax", "keras", "jax", failed=["keras:line:5"]),
    ]
    assert "docs/backends.md::keras:line:5 failed in keras-jax" in check(reports, expected_for(tmp_path))


def test_a_missing_framework_run_is_reported(tmp_path):
    problems = check([run("torch", "torch")], expected_for(tmp_path))
    assert "no test report for keras blocks" in problems and "no test report for tensorflow blocks" in problems


def test_launched_programs_are_expected_on_their_page_not_on_their_own(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    shutil.copy(HERE / "pages" / "launch.md", tmp_path / "docs")
    (tmp_path / "snippets" / "launch").mkdir()
    shutil.copy(HERE / "snippets" / "launch" / "torch_worker.py", tmp_path / "snippets" / "launch")
    tests = [test for test, _, _ in expected_tests(tmp_path / "docs", tmp_path / "snippets", copy_tabs=False)]
    assert tests == ["docs/launch.md::pytorch:line:7", "docs/launch.md::output:line:12"]


def test_each_tab_copied_whole_is_expected_in_its_framework_runs(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    shutil.copy(HERE / "pages" / "tabs.md", tmp_path / "docs")
    tests = expected_tests(tmp_path / "docs", tmp_path / "snippets")
    assert ("docs/tabs.md::copied:pytorch", "torch", False) in tests
    assert ("docs/tabs.md::copied:tensorflow", "tensorflow", False) in tests


def test_a_shared_module_is_not_expected_to_run_on_its_own(tmp_path):
    (tmp_path / "docs").mkdir()
    shutil.copytree(HERE / "snippets" / "shared", tmp_path / "snippets" / "shared")
    tests = [test for test, _, _ in expected_tests(tmp_path / "docs", tmp_path / "snippets", copy_tabs=False)]
    assert tests == ["snippets/shared/torch_sized.py::run"]
