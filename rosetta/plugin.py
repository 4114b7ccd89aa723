"""The pytest plugin: collects guide pages and snippet programs, marks them, and writes the report.

Loaded by the repository's ``conftest.py``. Its state lives in one :class:`Rosetta` object, registered
with pytest's plugin manager in ``pytest_configure``; per-page state lives on Sybil's document
(:class:`rosetta.evaluation.Page`).
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import pytest
from sybil.integration.pytest import SybilFile, SybilItem

from rosetta import boxes, copying, environment, execution, failures, processes, records
from rosetta.evaluation import make_sybil, skip
from rosetta.execution import is_shared_module, script_framework
from rosetta.pages import FRAMEWORK_LABELS, FRAMEWORKS, PageError

MARKERS = {
    "torch": "PyTorch blocks and snippets",
    "tensorflow": "TensorFlow blocks and snippets",
    "keras": "Keras blocks and snippets (backend from KERAS_BACKEND)",
    **{kind.marker: kind.doc for kind in boxes.KINDS.values() if kind.marker},
}


def pytest_addoption(parser) -> None:
    parser.addini("rosetta_docs", "folder of the guide pages", default="docs")
    parser.addini("rosetta_snippets", "folder of the snippet files", default="snippets")
    parser.addini("rosetta_block_timeout", "seconds one block may run", default="300")
    parser.addini(
        "rosetta_copy_tabs", "also run each tab whole, as copied (rosetta.copying)", type="bool", default=True
    )
    parser.addoption("--rosetta-report", default=None, help="write a JSON report of the run to this file")
    parser.addoption("--rosetta-session", default=None, help="name of this run in the report")


def pytest_configure(config) -> None:
    for name, text in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")
    config.pluginmanager.register(Rosetta(config), "rosetta-state")


class Rosetta:
    """What the plugin knows for one pytest run, and the hooks that need it."""

    def __init__(self, config) -> None:
        root = config.rootpath
        self.config = config
        self.docs = (root / config.getini("rosetta_docs")).resolve()
        self.snippets = (root / config.getini("rosetta_snippets")).resolve()
        self.timeout = float(config.getini("rosetta_block_timeout"))
        self.sybil = make_sybil(root, self.docs, self.timeout, self.figures_folder)
        self.report_path = config.getoption("rosetta_report")
        self.session = config.getoption("rosetta_session") or (Path(self.report_path).stem if self.report_path else "")
        self.records: dict[str, records.Record] = {}
        self.started = time.time()
        self.problems: list[str] = []
        self._on_pages: set[Path] | None = None

    def is_program(self, path: Path) -> bool:
        return path.suffix == ".py" and (path.is_relative_to(self.snippets) or path.is_relative_to(self.docs))

    def runs_on_a_page(self, path: Path) -> bool:
        if self._on_pages is None:
            self._on_pages = boxes.programs_on_pages(self.docs, self.config.rootpath) if self.docs.is_dir() else set()
        return path.resolve() in self._on_pages

    def figures_folder(self, path: Path) -> Path:
        """Where a program's figures go: beside the report, or a scratch folder without one."""
        if not self.report_path:
            return Path(tempfile.mkdtemp(prefix="figures-"))
        relative = path.resolve().relative_to(self.config.rootpath).with_suffix("")
        return Path(self.report_path).parent / "figures" / self.session / relative

    def pytest_collect_file(self, file_path: Path, parent):
        if file_path.suffix == ".md" and self.sybil.should_parse(file_path):
            return PageFile.from_parent(parent, path=file_path, sybils=[self.sybil])
        if self.is_program(file_path) and not self.runs_on_a_page(file_path) and not is_shared_module(file_path):
            return ScriptFile.from_parent(parent, path=file_path)
        return None

    def pytest_pycollect_makemodule(self, module_path: Path, parent):
        """A program named on the command line is run by ScriptFile, never imported into pytest's process."""
        return NotATestModule.from_parent(parent, path=module_path) if self.is_program(module_path) else None

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, config, items) -> None:
        for item in items:
            if not isinstance(item, SybilItem):
                continue
            block = item.example.parsed
            if isinstance(block, PageError):
                for framework in FRAMEWORKS:  # a page that cannot be read fails in every framework's run
                    item.add_marker(framework)
                continue
            source = block.output_of or block
            for marker in [source.framework] if source.framework else FRAMEWORKS:
                item.add_marker(marker)
            for marker in boxes.markers(source):
                item.add_marker(marker)

    def pytest_collection_finish(self, session) -> None:
        """Shared set-up runs in the namespace of every framework the run selected on that page."""
        for item in session.items:
            if isinstance(item, SybilItem) and getattr(item.example.parsed, "framework", None):
                item.example.document.frameworks.add(item.example.parsed.framework)

    def pytest_runtest_logreport(self, report) -> None:
        if hasattr(self.config, "workerinput"):
            return
        previous = self.records.get(report.nodeid)
        seconds = round((previous.seconds if previous else 0.0) + report.duration, 4)
        if previous and previous.outcome == "failed":
            self.records[report.nodeid] = records.Record(**{**previous.__dict__, "seconds": seconds})
            return
        if not (report.failed or report.when == "call" or report.skipped):
            if previous:
                self.records[report.nodeid] = records.Record(**{**previous.__dict__, "seconds": seconds})
            return
        properties = dict(report.user_properties)
        reason = ""
        if report.skipped:
            longrepr = report.longrepr
            reason = longrepr[2].removeprefix("Skipped: ") if isinstance(longrepr, tuple) else str(longrepr)
        self.records[report.nodeid] = records.Record(
            session=self.session,
            test=report.nodeid,
            outcome=report.outcome,
            reason=reason,
            printed=properties.get("printed") if report.passed else None,
            seconds=seconds,
            markers=tuple(sorted(set(report.keywords) & set(MARKERS))),
            figures=tuple(properties.get("figures", ())),
            program=properties.get("program"),
        )

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session, exitstatus) -> None:
        if hasattr(self.config, "workerinput"):
            return
        found = list(self.records.values())
        counts = {name: sum(record.outcome == name for record in found) for name in ("passed", "failed", "skipped")}
        if os.environ.get("CI", "").lower() == "true":
            absent = sorted({r.reason for r in found if environment.NOT_INSTALLED in r.reason})
            if absent:
                self.problems.append(
                    "CI=true, but blocks were skipped because a framework is missing: " + "; ".join(absent)
                )
        if found and counts["passed"] + counts["failed"] == 0:
            self.problems.append(f"no block ran: all {counts['skipped']} selected were skipped")
        if _selects_gpu(self.config) and not any("gpu" in record.markers for record in found):
            self.problems.append("this run selects GPU examples (-m gpu) but collected none")
        if self.problems and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        if self.report_path:
            records.write(Path(self.report_path), records.Report([self.describe()], found))
            print(f"\nreport written to {self.report_path}", file=sys.stderr)

    def describe(self) -> records.Session:
        return records.Session(
            name=self.session,
            markexpr=self.config.getoption("markexpr", ""),
            keras_backend=environment.keras_backend(),
            versions=environment.versions(),
            python=platform.python_version(),
            machine=environment.machine(),
            date=datetime.date.today().isoformat(),
            seconds=round(time.time() - self.started, 1),
            problems=self.problems,
        )

    def pytest_terminal_summary(self, terminalreporter, exitstatus, config) -> None:
        for problem in self.problems:
            terminalreporter.write_line(f"FAILED (rosetta): {problem}", red=True, bold=True)


def _selects_gpu(config) -> bool:
    expression = config.getoption("markexpr", "")
    if not expression:
        return False
    from _pytest.mark.expression import Expression

    return not Expression.compile(expression).evaluate(lambda name, **kwargs: name != "gpu")


# --- pages --------------------------------------------------------------------------------------


class BlockItem(SybilItem):
    def runtest(self) -> None:
        try:
            super().runtest()
        finally:  # a program box's run: what it printed and drew counts as the program's
            block, page = self.example.parsed, self.example.document
            if ran := getattr(page, "programs", {}).get(getattr(block, "line", None)):
                self.user_properties += [("program", ran.program), ("printed", ran.printed), ("figures", ran.figures)]

    def reportinfo(self):
        path, line, info = super().reportinfo()
        return path, line - 1, info  # pytest counts from 0 and adds 1 when it prints a location


class PageFile(SybilFile):
    def collect(self):
        for sybil in self.sybils:
            document = sybil.parse(self.path)
            self.documents.append(document)
            for example in document.examples():
                yield BlockItem.from_parent(self, sybil=sybil, example=example)
            for framework in copying.tabs(document.blocks) if self.config.getini("rosetta_copy_tabs") else []:
                yield CopiedTab.from_parent(
                    self, name=f"copied:{FRAMEWORK_LABELS[framework].lower()}", framework=framework
                )

    def teardown(self) -> None:
        for document in self.documents:
            document.finish()
        super().teardown()


# --- snippet files and notebook pages run as whole programs -------------------------------------


class ScriptFailure(Exception):
    pass


class ScriptItem(pytest.Item):
    """A snippet file or notebook page run as ``python file.py``, in a process of its own."""

    def __init__(self, *, framework: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.framework = framework
        self.add_marker(framework)

    def runtest(self) -> None:
        if reason := environment.missing(self.framework):
            skip(reason)
        printed, failure = self.run(self.config.pluginmanager.get_plugin("rosetta-state").timeout)
        if failure:
            raise ScriptFailure(failure)

    def run(self, timeout: float) -> tuple[str, str | None]:
        state = self.config.pluginmanager.get_plugin("rosetta-state")
        figures = state.figures_folder(self.path)
        # A notebook page runs cell by cell, keeping each cell's outputs for the rendered notebook.
        notebook = self.path.resolve().is_relative_to(state.docs)
        command = [sys.executable, "-m", "rosetta.cells", str(self.path)] if notebook else None
        printed, failure, drawn = execution.run_program_drawing(self.path, timeout, figures, command)
        self.user_properties += [("printed", printed), ("figures", drawn)]
        return printed, failure

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ScriptFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, 0, f"{self.path.name} ({self.framework})"


class CopiedTab(ScriptItem):
    """A page's shared blocks and one tab's blocks run whole, as copied, in a fresh interpreter."""

    def run(self, timeout: float) -> tuple[str, str | None]:
        where = failures.relative(str(self.path))
        env = execution.program_env()
        env.pop("PYTHONBREAKPOINT")  # as a reader runs it: a breakpoint() left in the flow stops the run
        [result] = processes.launch([copying.command(self.path, self.framework)], timeout, env)
        if result.timed_out:
            return result.stdout, f"{where}: the {self.framework} tab, copied whole, ran past the {timeout:g} s limit"
        if result.status == 0:
            return result.stdout, None
        what = f"the {FRAMEWORK_LABELS[self.framework]} tab copied whole ({where}, shared blocks and that tab's)"
        return result.stdout, failures.from_process(what, result.status, result.stdout, result.stderr, where)

    def reportinfo(self):
        return self.path, 0, f"{self.path.name} ({FRAMEWORK_LABELS[self.framework]} tab copied whole)"


class ScriptFile(pytest.File):
    def collect(self):
        framework = script_framework(self.path)
        if framework is None:
            raise self.CollectError(
                f"{failures.relative(str(self.path))}: name a snippet or notebook file after its framework "
                f"({', '.join(f'{name}_*.py' for name in FRAMEWORKS)})"
            )
        yield ScriptItem.from_parent(self, name="run", framework=framework)


class NotATestModule(pytest.File):
    def collect(self):
        return []
