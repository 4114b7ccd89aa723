"""Merge the per-environment test reports into reports/summary.json and check nothing slipped through.

    python -m rosetta.report reports/

Fails when a Python block or snippet file was not run by the environment of its framework (every Keras
backend for Keras blocks), unless the page itself shows why (a GPU, network or Keras-backends box).
Prints the per-environment counts and times.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from rosetta.pages import FRAMEWORKS, read_page, script_framework

SUMMARY = "summary.json"


def load_reports(folder: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*.json")) if path.name != SUMMARY]


def expected_tests(docs: Path, snippets: Path) -> list[tuple[str, str | None, bool]]:
    """(test id, framework or None for shared, whether the page shows a reason to skip it)."""
    tests = []
    for page in sorted(docs.rglob("*.md")):
        for block in read_page(page.read_text(encoding="utf-8"), page.relative_to(docs.parent)):
            source = block.output_of or block
            if not (block.is_python or block.is_output):
                continue
            kind = "output" if block.is_output else block.label.lower()
            visible = source.gpu is not None or source.network is not None or source.backends is not None
            tests.append((f"{block.path}::{kind}:line:{block.line}", source.framework, visible))
    for script in sorted([*snippets.rglob("*.py"), *docs.rglob("*.py")]):
        tests.append((f"{script.relative_to(docs.parent)}::run", script_framework(script), False))
    return tests


def outcomes(report: dict) -> dict[str, tuple[str, str]]:
    found = {}
    for page, result in report["pages"].items():
        for name in result["passed"]:
            found[f"{page}::{name}"] = ("passed", "")
        for name in result["failed"]:
            found[f"{page}::{name}"] = ("failed", "")
        for skipped in result["skipped"]:
            found[f"{page}::{skipped['test']}"] = ("skipped", skipped["reason"])
    return found


def check(reports: list[dict], tests) -> list[str]:
    by_framework: dict[str, list[dict]] = {framework: [] for framework in FRAMEWORKS}
    for report in reports:
        if report["markexpr"] in by_framework:
            by_framework[report["markexpr"]].append(report)
    problems = [f"no test report for {name} blocks" for name, found in by_framework.items() if not found]
    for report in reports:
        problems += [f"{report['session']}: {problem}" for problem in report["problems"]]
    found = {report["session"]: outcomes(report) for report in reports}
    for test, framework, visible in tests:
        sessions = by_framework[framework] if framework else [r for found in by_framework.values() for r in found]
        for report in sessions:
            outcome, reason = found[report["session"]].get(test, ("absent", ""))
            if outcome == "failed":
                problems.append(f"{test} failed in {report['session']}")
            elif outcome == "absent":
                problems.append(f"{test} did not run in {report['session']}")
            elif outcome == "skipped" and not visible:
                problems.append(
                    f"{test} was skipped in {report['session']} without a reason shown on the page: {reason}"
                )
    return problems


def summarise(reports: list[dict]) -> dict:
    sessions = {
        report["session"]: {
            key: report[key]
            for key in ("markexpr", "keras_backend", "versions", "date", "seconds", "totals", "machine", "python")
        }
        for report in reports
    }
    pages: dict[str, dict] = {}
    printed: dict[str, dict] = {}
    for report in reports:
        for page, result in report["pages"].items():
            for name, text in result.get("printed", {}).items():
                printed.setdefault(f"{page}::{name}", {})[report["session"]] = text
            pages.setdefault(page, {})[report["session"]] = {
                "passed": len(result["passed"]),
                "skipped": len(result["skipped"]),
                "failed": len(result["failed"]),
            }
    return {"sessions": sessions, "pages": pages, "printed": printed}


def print_table(reports: list[dict]) -> None:
    row = "{:<18} {:>7} {:>8} {:>7} {:>8}"
    print(row.format("environment", "passed", "skipped", "failed", "seconds"))
    for report in reports:
        totals = report["totals"]
        print(row.format(report["session"], totals["passed"], totals["skipped"], totals["failed"], report["seconds"]))
    print(row.format("all", "", "", "", round(sum(report["seconds"] for report in reports), 1)))


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "reports")
    root = Path.cwd()
    reports = load_reports(folder)
    if not reports:
        print(f"no test reports in {folder}/: run the framework sessions first", file=sys.stderr)
        return 1
    print_table(reports)
    problems = check(reports, expected_tests(root / "docs", root / "snippets"))
    summary = summarise(reports)
    summary["problems"] = problems
    (folder / SUMMARY).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
