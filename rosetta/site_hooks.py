"""MkDocs hooks: stamp each page with the versions it was tested with, and fill in its tables of measurements.

Both read reports/summary.json, which the test sessions write (see rosetta/report.py).
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

# MkDocs loads this file by its path, not as part of the package: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rosetta.measurements import fill  # noqa: E402
from rosetta.notebooks import frameworks_on, notebook_path, write_notebooks  # noqa: E402
from rosetta.pages import FRAMEWORK_LABELS, read_page  # noqa: E402

SUMMARY = Path("reports/summary.json")
LABELS = {"torch": ("PyTorch", "torch"), "tensorflow": ("TensorFlow", "tensorflow-cpu"), "keras": ("Keras", "keras")}


def load_summary(path: Path = SUMMARY) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def stamp(summary: dict | None, page: str) -> tuple[str, str, str]:
    """(kind, title, text) saying what a page was tested with, or that this build has no test report."""
    results = (summary or {}).get("pages", {}).get(page)
    if not results:
        return "untested", "Not tested in this build", "This build of the site was made without a test report."
    sessions = summary["sessions"].values()
    versions = []
    for marker, (label, package) in LABELS.items():
        found = {s["versions"].get(package) or s["versions"].get(marker) for s in sessions if s["markexpr"] == marker}
        if found - {None}:
            versions.append(f"{label} {', '.join(sorted(found - {None}))}")
    backends = sorted({s["keras_backend"] for s in sessions if s["markexpr"] == "keras"})
    on = f" on the {', '.join(backends)} backends" if backends else ""
    date = max(s["date"] for s in sessions)
    passed = sum(result["passed"] for result in results.values())
    failed = sum(result["failed"] for result in results.values())
    runs = f"{len(results)} test environment{'s' if len(results) > 1 else ''}"
    text = f"{passed} checks passed on this page across {runs}" + (f"; {failed} failed" if failed else "") + "."
    return ("failure" if failed else "tested"), f"Tested with {', '.join(versions)}{on} — {date}", text


def on_page_content(content: str, page, config, files) -> str:
    kind, title, text = stamp(load_summary(), f"{Path(config['docs_dir']).name}/{page.file.src_uri}")
    box = (
        f'<div class="admonition {kind}"><p class="admonition-title">{html.escape(title)}</p>'
        f"<p>{html.escape(text)}</p></div>"
    )
    box += notebook_links(page, config)
    heading_end = content.find("</h1>")
    at = heading_end + len("</h1>") if heading_end >= 0 else 0
    return content[:at] + box + content[at:]


def notebook_links(page, config) -> str:
    """A line of download links to the page's notebooks, one per framework it compares."""
    source = Path(page.file.abs_src_path)
    if source.suffix != ".md":
        return ""
    frameworks = frameworks_on(read_page(source.read_text(encoding="utf-8"), source.name))
    links = [
        f'<a href="{notebook_path(Path(page.file.src_uri), framework).name}" download>{FRAMEWORK_LABELS[framework]}</a>'
        for framework in frameworks
    ]
    return f'<p class="rosetta-notebooks">Download as a notebook: {" · ".join(links)}</p>' if links else ""


def on_post_build(config) -> None:
    root = Path(config["config_file_path"]).parent
    write_notebooks(Path(config["docs_dir"]), Path(config["site_dir"]), root)


def on_page_markdown(markdown: str, page, config, files) -> str:
    return fill(markdown, load_summary(), Path(config["config_file_path"]).parent)


# Landmarks in the theme's page template that have a role but no accessible name (axe-core's
# aria-dialog-name and aria-progressbar-name rules).
NAMES = {
    '<div class="md-search" data-md-component="search" role="dialog">': "Search",
    '<div class="md-progress" data-md-component="progress" role="progressbar">': "Loading the page",
}


def on_post_page(output: str, page, config) -> str:
    for tag, name in NAMES.items():
        output = output.replace(tag, f'{tag[:-1]} aria-label="{name}">')
    return output
