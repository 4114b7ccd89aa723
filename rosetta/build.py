"""The build step: the parts of the site made from the test report, written as files before the site is built.

    python -m rosetta.build

A page asks for a part by including it with pymdownx.snippets on a line of its own, and the step writes
what the line names, so any site engine that runs pymdownx.snippets shows the same page:

* ``--8<-- "generated/pages/<page>.md"`` under the title (every page): what the page was tested with,
  and links to its notebook per framework;
* ``--8<-- "generated/measurements/<snippet folder>.md"``: a table of measurements (:mod:`rosetta.measurements`);
* ``--8<-- "generated/figures/<program without .py>/<figure>.md"``: a figure a program drew in the
  test run, with the numbers it printed beside it;
* ``--8<-- "generated/comparisons/<snippet folder>/<value>.md"``: one figure of a value's median and
  range across the folder's programs and environments (:mod:`rosetta.comparisons`);
* ``--8<-- "generated/claims/ledger.md"`` and ``claims/counts.md``: every guide's claims in one table,
  and how many claims have each verdict (:mod:`rosetta.claims`).

It also writes each guide's notebooks and the figures under ``docs/downloads/``, which the site serves,
and each notebook page ``docs/notebooks/x.py`` as ``x.ipynb`` with the outputs its test run kept (:mod:`rosetta.cells`).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import sys
from pathlib import Path

from rosetta import cells, claims, comparisons, measurements, records
from rosetta.notebooks import DOWNLOADS, page_notebooks
from rosetta.pages import FRAMEWORK_LABELS, page_includes

NOTEBOOK_PAGES = "notebooks"  # under docs/: percent-format notebook pages, written out with their outputs
GENERATED = "generated/"
PACKAGES = {"torch": ("PyTorch", "torch"), "tensorflow": ("TensorFlow", "tensorflow-cpu"), "keras": ("Keras", "keras")}


class BuildError(ValueError):
    """A page asks for a part that cannot be made; the message names the file and line."""


def build(root: Path, report: records.Report | None = None) -> list[Path]:
    """Write every generated part the pages include, their notebooks and figures; return what changed."""
    docs = root / "docs"
    report = report or records.read(root / "reports" / records.SUMMARY)
    changed = []
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        relative = page.relative_to(root)
        parts = page_includes(text, relative, GENERATED)
        own = page_part(page.relative_to(docs))
        if own not in [target for _, target in parts]:
            raise BuildError(f'{relative}:1: the page does not include its stamp; add --8<-- "{own}" under its title')
        for line, target in parts:
            content = make_part(target, page, text, report, root, f"{relative}:{line}")
            changed += write(root / target, content)
        for path, notebook in page_notebooks(page, docs, root).values():
            changed += write(docs / path, json.dumps(notebook, indent=1) + "\n")
    for source in sorted((docs / NOTEBOOK_PAGES).glob("*.py")):
        changed += write(source.with_suffix(".ipynb"), executed_notebook(source, report, root))
    return [path for path in changed if path]


def executed_notebook(source: Path, report, root: Path) -> str:
    """A notebook page as the site renders it: its cells, with the outputs of the test run that ran it."""
    test = f"{source.relative_to(root).as_posix()}::run"
    kept = [
        root / figure
        for record in (report.records if report else [])
        if record.test == test and record.outcome == "passed"
        for figure in record.figures
        if Path(figure).name == cells.OUTPUTS
    ]
    outputs = json.loads(kept[0].read_text(encoding="utf-8")) if kept and kept[0].is_file() else None
    return json.dumps(cells.notebook(source.read_text(encoding="utf-8"), outputs), indent=1) + "\n"


def page_part(page: Path) -> str:
    return f"{GENERATED}pages/{page.as_posix()}"


def make_part(target: str, page: Path, text: str, report, root: Path, where: str) -> str:
    kind = target.removeprefix(GENERATED).partition("/")[0]
    docs = root / "docs"
    if kind == "pages":
        return stamp_box(report, str(page.relative_to(root))) + notebook_links(page, docs, root)
    if kind == "measurements":
        return measurements.table(text, measurements.folder_of(target), report, root)
    if kind == "figures":
        return figure(target, page, report, root, where)
    if kind == "comparisons":
        return comparison(target, page, report, root, where)
    if target in (f"{GENERATED}claims/ledger.md", f"{GENERATED}claims/counts.md"):
        return claims_part(target, page, docs)
    raise BuildError(
        f"{where}: nothing makes {target}; "
        "generated parts are pages/, measurements/, figures/, comparisons/ and claims/"
    )


def write(path: Path, content: str) -> list[Path]:
    """Write only what changed, so a live-reloading server does not rebuild for nothing."""
    if path.is_file() and path.read_text(encoding="utf-8") == content:
        return []
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return [path]


# --- the ledger of claims -------------------------------------------------------------------------


def claims_part(target: str, page: Path, docs: Path) -> str:
    found, _ = claims.collect(docs)
    if target.endswith("ledger.md"):
        titles = {}
        for path in sorted(docs.rglob("*.md"), key=lambda path: _nav_position(docs, path)):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            titles[path.relative_to(docs).as_posix()] = first.removeprefix("# ").strip()
        return claims.ledger(found, titles)
    counted = ", ".join(f"{number} {verdict}" for verdict, number in claims.counts(found).items() if number)
    ledger = _link(page, docs / claims.LEDGER)
    return f"**{len(found)} claims** in the [ledger]({ledger}): {counted}.\n"


def _nav_position(docs: Path, path: Path) -> tuple[int, str]:
    nav = (docs.parent / "mkdocs.yml").read_text(encoding="utf-8") if (docs.parent / "mkdocs.yml").is_file() else ""
    name = path.relative_to(docs).as_posix()
    return (nav.index(f" {name}") if f" {name}" in nav else len(nav), name)


# --- what a page was tested with -----------------------------------------------------------------


def stamp(report: records.Report | None, page: str) -> tuple[str, str, str]:
    """(kind, title, text) saying what a page was tested with, or that this build has no test report."""
    if report is None:
        return "untested", "Not tested in this build", "This build of the site was made without a test report."
    versions = []
    for marker, (label, package) in PACKAGES.items():
        found = {s.versions.get(package) or s.versions.get(marker) for s in report.sessions if s.markexpr == marker}
        if found - {None}:
            versions.append(f"{label} {', '.join(sorted(found - {None}))}")
    backends = sorted({s.keras_backend for s in report.sessions if s.markexpr == "keras"})
    on = f" on the {', '.join(backends)} backends" if backends else ""
    date = max(s.date for s in report.sessions)
    mine = report.for_page(page)
    if not mine:
        passed = sum(record.outcome == "passed" for record in report.records)
        text = (
            f"This page runs no code itself; the site's {passed} checks passed in {len(report.sessions)} environments."
        )
        return "tested", f"The site was tested with {', '.join(versions)}{on} — {date}", text
    passed = sum(record.outcome == "passed" for record in mine)
    failed = sum(record.outcome == "failed" for record in mine)
    sessions = {record.session for record in mine}
    seconds = sum(record.seconds for record in mine)
    runs = f"{len(sessions)} test environment{'s' if len(sessions) > 1 else ''}"
    text = f"{passed} checks passed on this page across {runs} in {seconds:.0f} s" + (
        f"; {failed} failed" if failed else ""
    )
    return ("failure" if failed else "tested"), f"Tested with {', '.join(versions)}{on} — {date}", text + "."


def stamp_box(report, page: str) -> str:
    kind, title, text = stamp(report, page)
    return f'!!! {kind} "{title}"\n    {text}\n'


def stamp_html(report, page: str) -> str:
    kind, title, text = stamp(report, page)
    return (
        f'<div class="admonition {kind}"><p class="admonition-title">{html.escape(title)}</p>'
        f"<p>{html.escape(text)}</p></div>"
    )


def notebook_links(page: Path, docs: Path, root: Path) -> str:
    """A line of download links to the page's notebooks, one per framework it compares."""
    notebooks = page_notebooks(page, docs, root)
    links = [
        f"[{FRAMEWORK_LABELS[framework]}]({_link(page, docs / path)}){{: download }}"
        for framework, (path, _) in notebooks.items()
    ]
    return f"\nDownload as a notebook (`.ipynb`): {' · '.join(links)}\n{{: .rosetta-notebooks }}\n" if links else ""


def _link(page: Path, target: Path) -> str:
    return Path(os.path.relpath(target, page.parent)).as_posix()


# --- figures a program drew --------------------------------------------------------------------------


def figure(target: str, page: Path, report, root: Path, where: str) -> str:
    """A program's figure from each environment it ran in, with the numbers it printed beside it."""
    program_path, _, name = target.removeprefix(f"{GENERATED}figures/").removesuffix(".md").rpartition("/")
    program = f"{program_path}.py"
    if not (root / program).is_file():
        raise BuildError(f"{where}: {target} names a figure of {program}, which does not exist")
    found = [
        (record, figure_file)
        for record in (report.program_runs(program) if report else [])
        for figure_file in record.figures
        if Path(figure_file).stem == name
    ]
    if not found:
        return (
            f'!!! untested "Figure not drawn in this build"\n'
            f"    `{program}` draws this figure when the tests run it; this build has no figure from a test run.\n"
        )
    out = []
    for record, figure_file in sorted(found, key=lambda item: item[0].session):
        copy = root / "docs" / DOWNLOADS / "figures" / record.session / Path(figure_file).name
        copy = copy.with_name(f"{Path(program).stem}-{copy.name}")
        write_bytes(root / figure_file, copy)
        alt = figure_title(root / figure_file) or name.replace("-", " ")
        session = report.session(record.session)
        out += [f"![{alt}]({_link(page, copy)})", ""]
        out += [f"*Drawn by `{program}` in the `{record.session}` environment, {session.machine}, {session.date}.*", ""]
        values = measurements.printed_values(record.printed or "")
        if values:
            out += [
                "| Measured | Value |",
                "| --- | --- |",
                *(f"| {key} | {value} |" for key, value in values.items()),
                "",
            ]
    return "\n".join(out)


def comparison(target: str, page: Path, report, root: Path, where: str) -> str:
    """A figure across environments, drawn from the numbers the folder's programs printed."""
    folder, key = comparisons.target_parts(target)
    if not (root / folder).is_dir():
        raise BuildError(f"{where}: {target} names the folder {folder}, which does not exist")
    found = comparisons.rows(report, folder, key)
    if not found:
        return (
            '!!! untested "Not measured in this build"\n'
            f"    The programs in `{folder}` print `{key}` when the tests run them; this build has no test report.\n"
        )
    bars = [(f"{session}: {mode}", value, low, high) for _, session, mode, value, low, high in found]
    image = root / "docs" / DOWNLOADS / "comparisons" / f"{folder.replace('/', '-')}-{key.replace(' ', '-')}.svg"
    title = f"{key}: median and min–max, per environment"
    write(image, comparisons.svg(bars, title, f"{key} (bar: median; line: fastest to slowest)"))
    return comparisons.part(found, report, key, _link(page, image))


def write_bytes(source: Path, target: Path) -> None:
    if target.is_file() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def figure_title(path: Path) -> str | None:
    """The title a program gave its figure (matplotlib's ``metadata={"Title": ...}`` or an SVG <title>)."""
    if path.suffix != ".svg":
        return None
    match = re.search(r"<dc:title>([^<]+)</dc:title>|<title>([^<]+)</title>", path.read_text(encoding="utf-8"))
    return html.unescape(match[1] or match[2]) if match else None


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    try:
        changed = build(root.resolve())
    except BuildError as error:
        print(f"build failed: {error}", file=sys.stderr)
        return 1
    print(f"generated parts written: {len(changed)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
