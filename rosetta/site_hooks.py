"""MkDocs hook: stamp each page with the versions it was tested with, read from reports/summary.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

SUMMARY = Path("reports/summary.json")
LABELS = {"torch": ("PyTorch", "torch"), "tensorflow": ("TensorFlow", "tensorflow-cpu"), "keras": ("Keras", "keras")}


def load_summary(path: Path = SUMMARY) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def stamp(summary: dict | None, page: str) -> str:
    """An admonition saying what this page was tested with, or that this build has no test report."""
    results = (summary or {}).get("pages", {}).get(page)
    if not results:
        return '!!! untested "Not tested in this build"\n    This build of the site was made without a test report.\n'
    sessions = summary["sessions"]
    versions = []
    for marker, (label, package) in LABELS.items():
        found = sorted(
            {
                s["versions"].get(package) or s["versions"].get(marker)
                for s in sessions.values()
                if s["markexpr"] == marker
            }
            - {None}
        )
        if found:
            versions.append(f"{label} {', '.join(found)}")
    backends = sorted({s["keras_backend"] for s in sessions.values() if s["markexpr"] == "keras"})
    date = max(s["date"] for s in sessions.values())
    failed = sum(result["failed"] for result in results.values())
    passed = sum(result["passed"] for result in results.values())
    title = (
        f"Tested with {', '.join(versions)}"
        + (f" on the {', '.join(backends)} backends" if backends else "")
        + f" — {date}"
    )
    body = f"{passed} checks passed on this page" + (f"; **{failed} failed**" if failed else "") + "."
    return f'!!! {"tested" if not failed else "failure"} "{title}"\n    {body}\n'


def on_page_markdown(markdown: str, page, config, files) -> str:
    if not page.file.src_uri.endswith(".md"):
        return markdown
    text = stamp(load_summary(), f"{config['docs_dir'].rstrip('/').split('/')[-1]}/{page.file.src_uri}")
    heading = re.search(r"^# .*$", markdown, flags=re.MULTILINE)
    at = heading.end() + 1 if heading else 0
    return markdown[:at] + "\n" + text + "\n" + markdown[at:]
