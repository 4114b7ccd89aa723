"""The test report: one flat record per test, written by each test session and read by everything after.

A session writes ``reports/<session>.json``: what ran (:class:`Session`) and a :class:`Record` per test.
``python -m rosetta.report`` merges them into ``reports/summary.json`` of the same shape (every session,
every record, and the problems found); the build step reads that. This module alone reads and writes both.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

SUMMARY = "summary.json"


@dataclass(frozen=True)
class Session:
    name: str  # torch, keras-jax, ...
    markexpr: str  # the -m expression: which framework's blocks it ran
    keras_backend: str
    versions: dict[str, str]
    python: str
    machine: str
    date: str
    seconds: float
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Record:
    session: str
    test: str  # pytest node id: docs/page.md::pytorch:line:12, snippets/guide/torch_x.py::run
    outcome: str  # passed, failed, skipped
    reason: str = ""  # why it was skipped
    printed: str | None = None  # what a program printed
    seconds: float = 0.0  # setup, call and teardown
    markers: tuple[str, ...] = ()
    figures: tuple[str, ...] = ()  # files a program wrote to its figures folder
    program: str | None = None  # the program a page's program box ran (its printed numbers and figures)

    @property
    def page(self) -> str:
        return self.test.partition("::")[0]

    @property
    def name(self) -> str:
        return self.test.partition("::")[2]


@dataclass
class Report:
    sessions: list[Session]
    records: list[Record]
    problems: list[str] = field(default_factory=list)

    def session(self, name: str) -> Session:
        return next(session for session in self.sessions if session.name == name)

    def for_page(self, page: str) -> list[Record]:
        return [record for record in self.records if record.page == page]

    def printed(self, test: str) -> dict[str, str]:
        """session -> what the test printed there."""
        return {r.session: r.printed for r in self.records if r.test == test and r.printed is not None}

    def program_runs(self, program: str) -> list[Record]:
        """Runs of a program: on its own (``program::run``), or by a page's program box."""
        return [r for r in self.records if r.test == f"{program}::run" or r.program == program]

    def page_seconds(self) -> dict[str, dict[str, float]]:
        """page -> session -> seconds its tests took."""
        cost: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for record in self.records:
            cost[record.page][record.session] += record.seconds
        return {page: dict(sessions) for page, sessions in cost.items()}


def write(path: Path, report: Report) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "sessions": [asdict(session) for session in report.sessions],
        "records": [_compact(asdict(record)) for record in report.records],
        "problems": report.problems,
    }
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


def read(path: Path) -> Report | None:
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Report(
        sessions=[Session(**session) for session in data["sessions"]],
        records=[_record(record) for record in data["records"]],
        problems=data.get("problems", []),
    )


def read_runs(folder: Path) -> list[Report]:
    """Every session's report in a folder, the summary left out."""
    return [read(path) for path in sorted(folder.glob("*.json")) if path.name != SUMMARY]


def merge(runs: list[Report], problems: list[str]) -> Report:
    return Report(
        sessions=[session for run in runs for session in run.sessions],
        records=[record for run in runs for record in run.records],
        problems=problems,
    )


def _compact(record: dict) -> dict:
    return {key: value for key, value in record.items() if value not in (None, "", (), [], 0.0)}


def _record(data: dict) -> Record:
    return Record(**dict(data, markers=tuple(data.get("markers", ())), figures=tuple(data.get("figures", ()))))
