"""One way to say what failed: the page or program line first, then how it got there, then what it printed."""

from __future__ import annotations

import contextlib
import re
import traceback
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Frame:
    file: str
    line: int
    code: str


def relative(filename: str) -> str:
    with contextlib.suppress(ValueError):
        return str(Path(filename).resolve().relative_to(Path.cwd()))
    return filename


def message(headline: str, frames: list[Frame], context: list[str], printed: str, place: str, stderr: str = "") -> str:
    """``file:line: what went wrong``, indented context lines, the frames in the reader's files, the output."""
    if frames:
        place = f"{frames[-1].file}:{frames[-1].line}"
    lines = [f"{place}: {headline}", *(f"  {text}" for text in context)]
    if frames:
        lines.append("Traceback (innermost last):")
        lines += [f"  {frame.file}:{frame.line}: {frame.code}" for frame in frames]
    elif stderr:
        lines += ["What it wrote to stderr:", *("  " + text for text in stderr.splitlines()[-20:])]
    if printed:
        lines += ["Printed before the failure:", *("  " + text for text in printed.splitlines())]
    return "\n".join(lines)


def from_exception(error: BaseException, where: str, files: set[str], printed: str) -> str:
    """A block that raised: the innermost line in the page or its included snippets names the place."""
    frames = [
        Frame(relative(frame.filename), frame.lineno or 0, (frame.line or "").strip())
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename in files
    ]
    headline = f"{type(error).__name__}: {error}"
    if isinstance(error, SyntaxError) and error.filename in files:
        frames = [Frame(relative(error.filename), error.lineno or 0, (error.text or "").strip())]
        headline = f"SyntaxError: {error.msg}"
    return message(headline, frames, [f"in the block at {where}"], printed, where)


_FRAME = re.compile(
    r'^(?P<prefix>.*?)  File "(?P<file>[^"]+)", line (?P<line>\d+), in .*\n(?:(?P=prefix)(?P<code>    .*))?', re.M
)


def from_process(what: str, status: int, printed: str, errors: str, where: str) -> str:
    """A process that failed: frames from its traceback in this repository, else what it wrote to stderr."""
    root = Path.cwd().resolve()
    frames = [
        Frame(relative(match["file"]), int(match["line"]), (match["code"] or "").strip())
        for match in _FRAME.finditer(errors)
        if Path(match["file"]).resolve().is_relative_to(root) and "site-packages" not in match["file"]
    ]
    last = next((line for line in reversed(errors.splitlines()) if line.strip()), f"exited with status {status}")
    context = [f"in {what} (exit status {status})"]
    return message(last.strip(), frames, context, printed, where, stderr="" if frames else errors)
