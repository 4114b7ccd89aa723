"""The matrix-level guard: every block ran in its framework's environment, or the page shows why not."""

import shutil
from pathlib import Path

from rosetta.report import check, expected_tests

HERE = Path(__file__).parent


def report(session, markexpr, backend="tensorflow", passed=(), skipped=(), failed=()):
    return {
        "session": session,
        "markexpr": markexpr,
        "keras_backend": backend,
        "problems": [],
        "pages": {
            "docs/backends.md": {
                "passed": list(passed),
                "skipped": [{"test": test, "reason": reason} for test, reason in skipped],
                "failed": list(failed),
            }
        },
    }


def expected_for(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "snippets").mkdir()
    shutil.copy(HERE / "pages" / "backends.md", tmp_path / "docs")
    return expected_tests(tmp_path / "docs", tmp_path / "snippets")


def test_blocks_skipped_for_a_reason_the_page_shows_are_accepted(tmp_path):
    limited = ("keras:line:12", "the page limits this block to Keras backends jax, torch")
    reports = [
        report("torch", "torch"),
        report("tensorflow", "tensorflow"),
        report("keras-tensorflow", "keras", passed=["keras:line:5"], skipped=[limited]),
        report("keras-jax", "keras", "jax", passed=["keras:line:5", "keras:line:12"]),
    ]
    assert check(reports, expected_for(tmp_path)) == []


def test_a_block_that_never_ran_or_was_skipped_silently_is_reported(tmp_path):
    reports = [
        report("torch", "torch"),
        report("tensorflow", "tensorflow"),
        report("keras-tensorflow", "keras", skipped=[("keras:line:5", "keras not installed")]),
    ]
    problems = check(reports, expected_for(tmp_path))
    silent = "docs/backends.md::keras:line:5 was skipped in keras-tensorflow without a reason shown on the page"
    assert f"{silent}: keras not installed" in problems
    assert "docs/backends.md::keras:line:12 did not run in keras-tensorflow" in problems


def test_a_missing_framework_run_is_reported(tmp_path):
    problems = check([report("torch", "torch")], expected_for(tmp_path))
    assert "no test report for keras blocks" in problems and "no test report for tensorflow blocks" in problems
