"""Running code unattended: a block in a page's namespace, or a program in a process of its own.

Both run with breakpoints off (``PYTHONBREAKPOINT=0``) and under a time limit; a block runs as the
``__main__`` module, as a reader's script would.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import sys
import types
from pathlib import Path

from rosetta import environment, failures, processes

FIGURES = "ROSETTA_FIGURES"  # the folder a program writes its figures to (default: figures/)


class BlockTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float, where: str):
    usable = (
        seconds > 0
        and hasattr(signal, "SIGALRM")
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    )
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise BlockTimeout(f"{where} ran past the {seconds:g} s limit per block (rosetta_block_timeout)")

    signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


@contextlib.contextmanager
def swapped(mapping, key: str, value):
    """Set ``mapping[key]`` for a while, then put back what was there (or nothing)."""
    had, before = key in mapping, mapping.get(key)
    mapping[key] = value
    try:
        yield
    finally:
        if had:
            mapping[key] = before
        else:
            mapping.pop(key, None)


def no_breakpoints():
    """breakpoint() does nothing (PYTHONBREAKPOINT=0) while a block or program runs."""
    return swapped(os.environ, "PYTHONBREAKPOINT", "0")


def as_main(module: types.ModuleType):
    """While a block runs, its namespace is ``sys.modules["__main__"]``, where pickle and torch.compile look."""
    return swapped(sys.modules, "__main__", module)


def run_code(segments, main: types.ModuleType, where: str, timeout: float, sockets=None) -> tuple[str, str | None]:
    """Execute code as a reader would paste it, in module ``main``; return what it printed and a failure, if any."""
    printed = io.StringIO()
    try:
        codes = [segment.compile() for segment in segments]
        with contextlib.ExitStack() as stack:
            stack.enter_context(time_limit(timeout, where))
            stack.enter_context(contextlib.redirect_stdout(printed))
            stack.enter_context(no_breakpoints())
            stack.enter_context(as_main(main))
            if sockets is not None:
                stack.enter_context(sockets)
            for code in codes:
                exec(code, vars(main))
    except Exception as error:  # noqa: BLE001 - every failure becomes a report naming the page line
        files = {segment.filename for segment in segments}
        return printed.getvalue(), failures.from_exception(error, where, files, printed.getvalue())
    return printed.getvalue(), None


def program_env(figures: Path | None = None) -> dict[str, str]:
    """What a program sees: the test process's import path, breakpoints off, where figures go."""
    env = dict(os.environ, PYTHONBREAKPOINT="0", PYTHONPATH=os.pathsep.join(filter(None, sys.path)))
    if figures is not None:
        env[FIGURES] = str(figures)
    return env


def script_framework(path: Path) -> str | None:
    """Snippet files and notebook pages are named after their framework: torch_*.py, keras_*.py, ..."""
    prefix = Path(path).stem.split("_")[0]
    return prefix if prefix in environment.FRAMEWORKS else None


def is_shared_module(path: Path) -> bool:
    """``shared_*.py`` beside a guide's programs: code they import, whose sections a page shows as shared set-up.

    It is no program of its own: it runs wherever a program imports it and wherever the page's shared blocks run.
    """
    return Path(path).stem.startswith("shared_")


def run_program(
    path: Path, timeout: float, figures: Path | None = None, command: list[str] | None = None
) -> tuple[str, str | None]:
    """Run ``python path`` from the repository root in a process of its own; return what it printed.

    A process of its own means a program may change process-wide state (TensorFlow 1's
    ``disable_eager_execution``, determinism switches) without touching any other test.
    """
    where = failures.relative(str(path))
    [result] = processes.launch([command or [sys.executable, str(path)]], timeout, program_env(figures))
    if result.timed_out:
        return result.stdout, f"{where} ran past the {timeout:g} s limit per program (rosetta_block_timeout)"
    if result.status == 0:
        return result.stdout, None
    failure = failures.from_process(f"the program {where}", result.status, result.stdout, result.stderr, where)
    return result.stdout, failure


def run_program_drawing(
    path: Path, timeout: float, figures: Path | None, command: list[str] | None = None
) -> tuple[str, str | None, list[str]]:
    """:func:`run_program` into an emptied figures folder; also the figures it drew, relative to the root."""
    if figures is not None:
        shutil.rmtree(figures, ignore_errors=True)
    printed, failure = run_program(path, timeout, figures, command)
    drawn = sorted(file for file in figures.rglob("*") if file.is_file()) if figures and figures.is_dir() else []
    return printed, failure, [failures.relative(str(file)) for file in drawn]
