"""Merge the per-environment test reports into reports/summary.json and check nothing slipped through.

    python -m rosetta.report reports/

Fails when a block or snippet file was not run by the environment of its framework (every Keras
backend for Keras blocks), unless the page itself shows why (a box whose blocks may be skipped).
Prints the per-environment counts and times, and the pages that cost the most.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rosetta import boxes, copying, records
from rosetta.execution import is_shared_module, script_framework
from rosetta.pages import FRAMEWORK_LABELS, FRAMEWORKS, read_page

SLOWEST = 10


def expected_tests(docs: Path, snippets: Path, copy_tabs: bool = True) -> list[tuple[str, str | None, bool]]:
    """(test id, framework or None for shared, whether the page shows a reason to skip it)."""
    tests = []
    for page in sorted(docs.rglob("*.md")):
        blocks = read_page(page.read_text(encoding="utf-8"), page.relative_to(docs.parent))
        for framework in copying.tabs(blocks) if copy_tabs else []:
            tests.append(
                (f"{page.relative_to(docs.parent)}::copied:{FRAMEWORK_LABELS[framework].lower()}", framework, False)
            )
        for block in blocks:
            if block.runs or block.is_output:
                source = block.output_of or block
                tests.append(
                    (f"{block.path}::{block.kind}:line:{block.line}", source.framework, boxes.shows_skip(source))
                )
    on_pages = boxes.programs_on_pages(docs, docs.parent)
    for script in sorted({*snippets.rglob("*.py"), *docs.rglob("*.py")} - on_pages):
        if is_shared_module(script):
            continue  # runs inside the programs that import it
        tests.append((f"{script.relative_to(docs.parent)}::run", script_framework(script), False))
    return tests


def check(runs: list[records.Report], tests) -> list[str]:
    by_framework: dict[str, list[records.Session]] = {framework: [] for framework in FRAMEWORKS}
    for run in runs:
        for session in run.sessions:
            if session.markexpr in by_framework:
                by_framework[session.markexpr].append(session)
    problems = [f"no test report for {name} blocks" for name, found in by_framework.items() if not found]
    for run in runs:
        problems += [f"{session.name}: {problem}" for session in run.sessions for problem in session.problems]
    found = {(record.session, record.test): record for run in runs for record in run.records}
    for test, framework, visible in tests:
        sessions = by_framework[framework] if framework else [s for group in by_framework.values() for s in group]
        for session in sessions:
            record = found.get((session.name, test))
            if record is None:
                problems.append(f"{test} did not run in {session.name}")
            elif record.outcome == "failed":
                problems.append(f"{test} failed in {session.name}")
            elif record.outcome == "skipped" and not visible:
                problems.append(
                    f"{test} was skipped in {session.name} without a reason shown on the page: {record.reason}"
                )
    return problems


def print_table(report: records.Report) -> None:
    row = "{:<18} {:>7} {:>8} {:>7} {:>8}"
    print(row.format("environment", "passed", "skipped", "failed", "seconds"))
    for session in report.sessions:
        mine = [record for record in report.records if record.session == session.name]
        counts = [sum(record.outcome == outcome for record in mine) for outcome in ("passed", "skipped", "failed")]
        print(row.format(session.name, *counts, session.seconds))
    print(row.format("all", "", "", "", round(sum(session.seconds for session in report.sessions), 1)))


def print_costs(report: records.Report, count: int = SLOWEST) -> None:
    """The pages and programs that took longest, summed over environments, with each environment's share."""
    costs = report.page_seconds()
    ranked = sorted(costs.items(), key=lambda item: -sum(item[1].values()))[:count]
    print(f"\nslowest pages and programs (seconds, summed over environments; {len(costs)} in all):")
    for page, sessions in ranked:
        shares = ", ".join(f"{name} {seconds:.1f}" for name, seconds in sorted(sessions.items()))
        print(f"{sum(sessions.values()):8.1f}  {page}  ({shares})")


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "reports")
    runs = records.read_runs(folder)
    if not runs:
        print(f"no test reports in {folder}/: run the framework sessions first", file=sys.stderr)
        return 1
    root = Path.cwd()
    problems = check(runs, expected_tests(root / "docs", root / "snippets"))
    summary = records.merge(runs, problems)
    print_table(summary)
    print_costs(summary)
    records.write(folder / records.SUMMARY, summary)
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
