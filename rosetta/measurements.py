"""Tables of measurements a page shows, made from its programs and from what their test runs printed.

A page asks for one by including its generated part, on a line of its own::

    --8<-- "generated/measurements/snippets/ease_of_use.md"

Each program in that folder whose run printed ``name: number`` lines becomes one row per test
environment it ran in. Lines of code are counted (blank lines and comments left out) in the sections
of the program, and of the files beside it that it imports, that the page includes; ``imports`` are
the modules those sections import. The numbers come from the test report (:mod:`rosetta.records`);
the build step (:mod:`rosetta.build`) writes the table.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from rosetta.pages import includes, read_snippet
from rosetta.records import Report

PREFIX = "generated/measurements/"
VALUE = re.compile(r"^(?P<name>[\w -]+): (?P<value>-?\d+(?:\.\d+)?)$", re.MULTILINE)
MEASURED_PACKAGES = ("torch", "tensorflow-cpu", "tensorflow", "keras", "jax")
COUNTED = {"data": "data", "model": "model", "train": "training", "evaluate": "training"}


def printed_values(text: str) -> dict[str, str]:
    """The ``name: number`` lines a program printed, numbers kept as printed."""
    return {match["name"]: match["value"] for match in VALUE.finditer(text)}


def code_lines(source: str) -> int:
    return sum(1 for line in source.splitlines() if line.strip() and not line.strip().startswith("#"))


def imported_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def program_files(program: Path) -> list[Path]:
    """The program and the files beside it that it imports."""
    siblings = {path.stem: path for path in program.parent.glob("*.py")}
    local = [
        siblings[name] for name in sorted(imported_modules(program.read_text(encoding="utf-8"))) if name in siblings
    ]
    return [*local, program]


def describe(program: Path, shown: dict[str, list[str]], root: Path) -> dict:
    """Lines per kind of section and imports, over the sections of the program the page shows."""
    lines = dict.fromkeys(dict.fromkeys(COUNTED.values()), 0)
    modules: set[str] = set()
    for path in program_files(program):
        name = path.relative_to(root).as_posix()
        for section in shown.get(name, []):
            source = read_snippet(root, f"{name}:{section}").source
            if section in COUNTED:
                lines[COUNTED[section]] += code_lines(source)
            modules |= imported_modules(source)
    local = {path.stem for path in program.parent.glob("*.py")}
    return {"lines": lines, "imports": sorted(modules - local)}


def shown_sections(markdown: str) -> dict[str, list[str]]:
    shown: dict[str, list[str]] = {}
    for target in includes(markdown):
        name, _, section = target.partition(":")
        if section:
            shown.setdefault(name, []).append(section)
    return shown


def rows(markdown: str, folder: str, report: Report, root: Path) -> list[dict]:
    """One row per program and environment, programs in the order the page first includes them."""
    shown = shown_sections(markdown)
    order = list(dict.fromkeys(name for name in shown if name.startswith(f"{folder}/")))
    found = []
    for program in sorted((root / folder).glob("*.py")):
        name = program.relative_to(root).as_posix()
        runs = {r.session: r.printed for r in report.program_runs(name) if r.printed is not None}
        for session, text in sorted(runs.items()):
            if values := printed_values(text):
                doc = (ast.get_docstring(ast.parse(program.read_text(encoding="utf-8"))) or program.stem).splitlines()[
                    0
                ]
                title = (doc.partition(": ")[2] or doc).rstrip(".")
                position = order.index(name) if name in order else len(order)
                found.append(
                    {
                        "program": title,
                        "session": session,
                        "position": position,
                        **describe(program, shown, root),
                        "values": values,
                    }
                )
    return sorted(found, key=lambda row: (row["position"], row["session"]))


def table(markdown: str, folder: str, report: Report | None, root: Path) -> str:
    """The Markdown that replaces a page's placeholder."""
    found = rows(markdown, folder, report, root) if report else []
    if not found:
        return (
            '!!! untested "Not measured in this build"\n'
            "    This build of the site was made without test reports; run `nox` to measure.\n"
        )
    kinds = [kind for kind in found[0]["lines"] if any(row["lines"][kind] for row in found)]  # no empty columns
    names = list(dict.fromkeys(name for row in found for name in row["values"]))
    header = ["Implementation", "Environment", *(f"Lines: {kind}" for kind in kinds), "Lines: total", "Imports"]
    header += [name[0].upper() + name[1:] for name in names]
    out = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for row in found:
        lines = [row["lines"][kind] for kind in kinds]
        cells = [row["program"], f"`{row['session']}`", *map(str, lines), str(sum(lines))]
        cells.append(", ".join(f"`{name}`" for name in row["imports"]))
        cells += [row["values"].get(name, "") for name in names]
        out.append("| " + " | ".join(cells) + " |")
    sessions = [report.session(name) for name in sorted({row["session"] for row in found})]
    machines = sorted({session.machine for session in sessions})
    dates = sorted({session.date for session in sessions})
    versions = sorted(
        {
            f"{package} {version}"
            for session in sessions
            for package, version in session.versions.items()
            if package in MEASURED_PACKAGES
        }
    )
    out += ["", f"Measured on {'; '.join(machines)}, {', '.join(dates)}, with {', '.join(versions)}."]
    return "\n".join(out) + "\n"


def folder_of(target: str) -> str:
    """``generated/measurements/snippets/ease_of_use.md`` -> ``snippets/ease_of_use``."""
    return target.removeprefix(PREFIX).removesuffix(".md")
