"""The boxes a page can put around blocks, each declared once: what it says, when its blocks are
skipped (and the reason the reader sees), its pytest marker, and how the notebook export shows it.

A new kind is one :class:`Kind` added to :data:`KINDS` and one test in ``tests/harness/test_boxes.py``.
Boxes of other kinds (``note``, ``warning``, ...) are plain Material admonitions and change nothing.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rosetta import environment

KERAS_BACKENDS = ("tensorflow", "torch", "jax")
_BACKEND_TITLE = re.compile(r"^Keras backends?:\s*(?P<names>.+)$")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def _runs(value, block, framework) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    name: str
    doc: str
    read: Callable = lambda title, block: title  # (title, block) -> what the blocks inside keep
    skip: Callable = _runs  # (value, block, framework) -> the reason the reader sees, or None to run
    marker: str | None = None  # pytest marker put on the blocks inside
    notebook: Callable = lambda value, block: None  # -> why the notebook shows it without running it
    runs_lang: str | None = None  # a non-Python fence language the box makes runnable


def _where(block) -> str:
    return f"{block.path}:{block.line}"


def _read_backends(title: str, block) -> tuple[str, ...]:
    from rosetta.pages import PYTHON_LANGS, PageError

    match = _BACKEND_TITLE.match(title.strip())
    names = re.split(r"\s*(?:,|\band\b)\s*", match["names"].strip()) if match else []
    if not match or not names or any(name not in KERAS_BACKENDS for name in names):
        raise PageError(
            f'{_where(block)}: a backends box needs a title like "Keras backends: jax, torch" '
            f"naming some of {', '.join(KERAS_BACKENDS)}; got {title!r}"
        )
    if block.framework != "keras" and block.lang in PYTHON_LANGS:
        raise PageError(f"{_where(block)}: a backends box only applies to blocks in a Keras tab")
    return tuple(names)


def _skip_backends(backends, block, framework):
    backend = environment.keras_backend()
    if framework == "keras" and backend not in backends:
        return (
            f"the page limits this block to Keras backends {', '.join(backends)}; this run uses the {backend} backend"
        )
    return None


def _read_program(title: str, block) -> str | None:
    """The snippet file a program block runs: it includes the whole file, or sections of that one file."""
    from rosetta.pages import INCLUDE, PYTHON_LANGS, PageError

    if block.lang not in PYTHON_LANGS:
        return None
    targets = [match["target"] for text in block.body if (match := INCLUDE.match(text))]
    files = {target.partition(":")[0] for target in targets}
    if len(files) != 1 or len([text for text in block.body if text.strip()]) != len(targets):
        raise PageError(
            f"{_where(block)}: a block in a program box holds only lines that include one snippet file, whole "
            '(--8<-- "snippets/guide/file.py") or by sections ("file.py:model"); the file runs as a program of its own'
        )
    return files.pop()


def _read_launch(title: str, block) -> list[list[str]] | None:
    """The processes a ``bash`` block in a launch box starts, one per line, all at once."""
    from rosetta.pages import PYTHON_LANGS, PageError

    if block.lang in PYTHON_LANGS:
        raise PageError(f"{_where(block)}: a launch box holds a bash block of command lines, one process each")
    if block.lang != "bash":
        return None
    commands = []
    for offset, text in enumerate(block.body, start=1):
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        try:
            words = shlex.split(text)
        except ValueError as error:
            raise PageError(f"{block.path}:{block.line + offset}: cannot read this command line: {error}") from None
        if not any(not _ASSIGNMENT.match(word) for word in words) or any(w in ("&", "&&", "|", ";") for w in words):
            raise PageError(
                f"{block.path}:{block.line + offset}: a launch line is one command (with VAR=value before it), "
                "not a shell pipeline"
            )
        commands.append(words)
    if not commands:
        raise PageError(f"{_where(block)}: a launch block needs at least one command line")
    return commands


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "gpu",
            "needs a CUDA GPU; skipped with that reason where none is available",
            marker="gpu",
            skip=lambda title, block, framework: (
                None
                if environment.cuda_available(framework if framework in environment.FRAMEWORKS else None)
                else "needs a CUDA GPU; none is available here"
            ),
            notebook=lambda title, block: title or "needs a CUDA GPU",
        ),
        Kind(
            "network",
            "would download something; never run, the tests are offline",
            marker="network",
            skip=lambda title, block, framework: (
                f"needs the network ({title or 'downloads data'}); the tests run offline"
            ),
            notebook=lambda title, block: title or "needs the network",
        ),
        Kind(
            "backends",
            'limits the Keras blocks inside to the backends its title names ("Keras backends: jax, torch")',
            read=_read_backends,
            skip=_skip_backends,
            notebook=lambda backends, block: None,
        ),
        Kind(
            "program",
            "includes of one snippet file (whole or by sections), run whole as `python file.py` in its own process",
            read=_read_program,
            notebook=lambda program, block: program and f"it runs as a program of its own, `python {program}`",
        ),
        Kind(
            "launch",
            "a bash block of command lines, each started as a process at the same time and all waited for",
            read=_read_launch,
            notebook=lambda commands, block: commands and "it starts processes of its own; run it in a terminal",
            runs_lang="bash",
        ),
        Kind(
            "localhost",
            "blocks inside may open sockets to 127.0.0.1 (servers, rendezvous); what they start is stopped "
            "when the page is done",
            notebook=lambda title, block: None,
        ),
    )
}


def skip_reason(block, framework: str) -> str | None:
    """Why a block does not run for this framework, as the page shows it; None if it runs."""
    if framework in environment.FRAMEWORKS and (reason := environment.missing(framework)):
        return reason
    for name, value in block.boxes.items():
        if reason := KINDS[name].skip(value, block, framework):
            return reason
    return None


def markers(block) -> list[str]:
    return [KINDS[name].marker for name in block.boxes if KINDS[name].marker]


def shows_skip(block) -> bool:
    """Whether the page itself shows a reason a block may be skipped (report accepts such skips)."""
    return any(KINDS[name].skip is not _runs for name in block.boxes)


def not_in_notebook(block) -> str | None:
    """Why the notebook shows this block without running it, if it does."""
    for name, value in block.boxes.items():
        if why := KINDS[name].notebook(value, block):
            return why
    return None


def programs_on_pages(docs: Path, root: Path) -> set[Path]:
    """Python files a page runs itself, in a program box or a launch box: they run there, not again on their own."""
    from rosetta.pages import read_page

    found = set()
    for page in sorted(docs.rglob("*.md")):
        for block in read_page(page.read_text(encoding="utf-8"), page.relative_to(root)):
            if program := block.box("program"):
                found.add((root / program).resolve())
            for command in block.box("launch") or []:
                found |= {(root / word).resolve() for word in command if word.endswith(".py")}
    return found
