"""Fixtures of the harness's tests: tiny fixture pages (pages/) with stand-ins for the frameworks (fakes/)."""

import shutil
import sys
from pathlib import Path

import numpy  # noqa: F401 - loaded once here: pytester's in-process runs cannot load it a second time
import pytest

HERE = Path(__file__).parent


@pytest.fixture
def site(pytester, monkeypatch):
    """A project with the harness loaded; `site(page, ...)` copies fixture pages into its docs/."""
    pytester.makeconftest('pytest_plugins = ["rosetta.plugin"]')
    pytester.makeini(
        "[pytest]\naddopts = --strict-markers -p no:cacheprovider\n"
        "rosetta_block_timeout = 5\nrosetta_copy_tabs = false\n"
    )
    pytester.syspathinsert(HERE / "fakes")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    for name in ("torch", "tensorflow", "keras", "jax"):
        monkeypatch.delitem(sys.modules, name, raising=False)

    docs = pytester.path / "docs"

    def add(*pages):
        docs.mkdir(exist_ok=True)
        for page in pages:
            shutil.copy(HERE / "pages" / page, docs / page)
        return pytester

    def write(name, text):
        """A page written in the test itself: `site.write("page.md", "# Page...")`."""
        docs.mkdir(exist_ok=True)
        (docs / name).write_text(text)
        return pytester

    add.write = write
    return add


@pytest.fixture
def outcomes():
    """Each test's outcome by its name on the page (shared:line:3 -> passed)."""
    return _outcomes


def _outcomes(result):
    return {
        report.nodeid.split("::", 1)[1]: report.outcome
        for report in result.reprec.getreports("pytest_runtest_logreport")
        if report.when == "call" or report.outcome != "passed"
    }
