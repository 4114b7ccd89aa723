"""MkDocs hooks: run the project's build step (rosetta/build.py) before the pages are read.

Everything a page shows from the test run comes from that step, which any site engine can use; the
hooks here only call it, stamp notebook pages (rendered by mkdocs-jupyter, not Markdown), and name two
landmarks of the theme for screen readers.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads this file by its path, not as part of the package: make the package importable.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rosetta import build, records  # noqa: E402


def on_config(config):
    build.build(Path(config["config_file_path"]).parent)
    return config


def on_page_content(content: str, page, config, files) -> str:
    if page.file.src_uri.endswith(".md"):
        return content  # Markdown pages include their stamp themselves
    root = Path(config["config_file_path"]).parent
    report = records.read(root / "reports" / records.SUMMARY)
    notebook = Path(config["docs_dir"]).name / Path(page.file.src_uri)
    box = build.stamp_html(report, notebook.with_suffix(".py").as_posix())  # its tests ran the .py it is made from
    heading_end = content.find("</h1>")
    at = heading_end + len("</h1>") if heading_end >= 0 else 0
    return content[:at] + box + content[at:]


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
