"""One figure comparing several environments' programs: the medians and ranges they printed, as bars.

A page asks for one with a line of its own::

    --8<-- "generated/comparisons/snippets/performance/step-ms.md"

Every program in ``snippets/performance`` that printed ``step ms <mode>: 12.3`` with ``step ms <mode> min``
and ``step ms <mode> max`` beside it, in every environment of the report, becomes one bar (the median) with a
line from min to max. The figure is plain SVG written without a plotting library, since the site's
environment has none, and the table of the same numbers goes beside it.
"""

from __future__ import annotations

import html
from pathlib import Path

from rosetta.measurements import printed_values
from rosetta.records import Report

PREFIX = "generated/comparisons/"
LABEL_WIDTH, PLOT_WIDTH, ROW, TOP, BOTTOM = 260, 320, 22, 10, 40


def target_parts(target: str) -> tuple[str, str]:
    """``generated/comparisons/snippets/performance/step-ms.md`` -> (``snippets/performance``, ``step ms``)."""
    folder, _, name = target.removeprefix(PREFIX).removesuffix(".md").rpartition("/")
    return folder, name.replace("-", " ")


def rows(report: Report | None, folder: str, key: str) -> list[tuple[str, str, str, float, float, float]]:
    """(program, environment, mode, median, min, max) for every ranged value named ``<key> <mode>``."""
    found = []
    for record in report.records if report else []:
        program, _, test = record.test.partition("::")
        program = record.program or (program if test == "run" else "")  # on its own, or in a program box
        if not program or Path(program).parent.as_posix() != folder or not record.printed:
            continue
        values = printed_values(record.printed)
        for name, value in values.items():
            mode = name.removeprefix(f"{key} ")
            if name.startswith(f"{key} ") and f"{name} min" in values and f"{name} max" in values:
                low, high = float(values[f"{name} min"]), float(values[f"{name} max"])
                found.append((Path(program).stem, record.session, mode, float(value), low, high))
    return sorted(found, key=lambda row: (row[1], row[0]))


def svg(bars: list[tuple[str, float, float, float]], title: str, axis: str) -> str:
    """Horizontal bars (label, value) with a line from low to high on each, as an SVG document."""
    scale = PLOT_WIDTH / max(high for _, _, _, high in bars)
    height = TOP + ROW * len(bars) + BOTTOM
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{LABEL_WIDTH + PLOT_WIDTH + 60}" height="{height}" '
        f'font-family="sans-serif" font-size="12">',
        f"<title>{html.escape(title)}</title>",
        '<rect width="100%" height="100%" fill="white"/>',  # readable on the dark theme too
    ]
    for i, (label, value, low, high) in enumerate(bars):
        y = TOP + i * ROW
        out += [
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{html.escape(label)}</text>',
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{value * scale:.1f}" height="{ROW - 8}" fill="#3f51b5"/>',
            f'<line x1="{LABEL_WIDTH + low * scale:.1f}" x2="{LABEL_WIDTH + high * scale:.1f}" '
            f'y1="{y + ROW / 2}" y2="{y + ROW / 2}" stroke="#ffa000" stroke-width="2"/>',
            f'<text x="{LABEL_WIDTH + high * scale + 4:.1f}" y="{y + 15}">{value:g}</text>',
        ]
    bottom = TOP + ROW * len(bars)
    out += [
        f'<line x1="{LABEL_WIDTH}" x2="{LABEL_WIDTH + PLOT_WIDTH}" y1="{bottom}" y2="{bottom}" stroke="gray"/>',
        f'<text x="{LABEL_WIDTH + PLOT_WIDTH / 2}" y="{bottom + 25}" text-anchor="middle">{html.escape(axis)}</text>',
        "</svg>",
    ]
    return "\n".join(out) + "\n"


def part(found: list, report: Report, key: str, image: str) -> str:
    """The Markdown beside the figure: the image, then the same numbers as a table, machine and dates."""
    out = [f"![{key} per program and environment, median and min–max]({image})", ""]
    out += [f"| Program | Environment | Mode | {key}: median | min | max |", "| --- | --- | --- | --- | --- | --- |"]
    out += [f"| `{p}` | `{s}` | {m} | {v:g} | {lo:g} | {hi:g} |" for p, s, m, v, lo, hi in found]
    sessions = [report.session(name) for name in sorted({row[1] for row in found})]
    where = "; ".join(sorted({session.machine for session in sessions}))
    when = ", ".join(sorted({session.date for session in sessions}))
    out += ["", f"*Each environment ran in a process of its own, on {where}, {when}.*", ""]
    return "\n".join(out)
