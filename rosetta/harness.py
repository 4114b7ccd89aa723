"""Run every Python block of the guides under pytest, through Sybil, one namespace per page and framework.

Loaded as a pytest plugin by the repository's ``conftest.py``. What it adds to plain Sybil:

* fences with attributes (``python title="x"``) and fences inside content tabs are collected;
* a block runs in the namespace of its tab's framework, which holds only what the page's shared
  blocks and that tab's earlier blocks defined: what a reader pasting them in order would have;
* markers ``torch``, ``tensorflow``, ``keras``, ``gpu``, ``network``; skips always carry a reason;
* printed output is checked against the page's ``Output`` block;
* a block in a ``program`` box, and every snippet file, runs as a program in a process of its own;
* seeds are fixed before each block, and a block that runs too long is stopped;
* a JSON report of the run, and the checks that a run cannot pass by running nothing.
"""

from __future__ import annotations

import ast
import contextlib
import datetime
import importlib.util
import io
import json
import math
import os
import platform
import random
import re
import signal
import subprocess
import sys
import time
import traceback
import types
from importlib import metadata
from pathlib import Path

import pytest
from sybil import Region, Sybil
from sybil.integration.pytest import SybilFile, SybilItem

from rosetta.pages import FRAMEWORK_LABELS, FRAMEWORKS, PageError, read_page, script_framework

FRAMEWORK_IMPORTS = {"torch", "tensorflow", "keras", "jax", "tf_keras"}
MARKERS = {
    "torch": "PyTorch blocks and snippets",
    "tensorflow": "TensorFlow blocks and snippets",
    "keras": "Keras blocks and snippets (backend from KERAS_BACKEND)",
    "gpu": "needs a CUDA GPU; skipped with a reason without one",
    "slow": "takes more than a few seconds",
    "network": "would download something; skipped, the tests run offline",
}
SEED = 0
NOT_INSTALLED = "not installed"


# --- what a run of a block needs ----------------------------------------------------------------


def keras_backend() -> str:
    return os.environ.get("KERAS_BACKEND", "tensorflow")


def missing(framework: str) -> str | None:
    """The skip reason when a framework (or the Keras backend in use) cannot be imported."""
    needed = [framework]
    if framework == "keras":
        needed.append(keras_backend())
    for name in needed:
        if importlib.util.find_spec(name) is None:
            suffix = f" (needed by the Keras {name} backend)" if name != framework else ""
            return f"{name} {NOT_INSTALLED}{suffix}"
    return None


def cuda_available(framework: str | None) -> bool:
    backend = keras_backend() if framework == "keras" else framework
    if backend in (None, "torch") and importlib.util.find_spec("torch"):
        import torch

        return torch.cuda.is_available()
    if backend == "tensorflow":
        import tensorflow as tf

        return bool(tf.config.list_physical_devices("GPU"))
    if backend == "jax":
        import jax

        return any(device.platform == "gpu" for device in jax.devices())
    return False


def seed_everything(framework: str | None) -> None:
    """Each block starts from the same seeds, whatever ran before it."""
    random.seed(SEED)
    if importlib.util.find_spec("numpy"):
        import numpy

        numpy.random.seed(SEED)
    if framework == "torch":
        import torch

        torch.manual_seed(SEED)
    elif framework == "tensorflow":
        import tensorflow as tf

        tf.random.set_seed(SEED)
    elif framework == "keras":
        import keras

        keras.utils.set_random_seed(SEED)


class BlockTimeout(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float, where: str):
    usable = (
        seconds > 0
        and hasattr(signal, "SIGALRM")
        and signal.getsignal(signal.SIGALRM)
        in (
            signal.SIG_DFL,
            signal.SIG_IGN,
            None,
        )
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
    """Code runs unattended: breakpoint() does nothing (PYTHONBREAKPOINT=0) while a block or program runs."""
    return swapped(os.environ, "PYTHONBREAKPOINT", "0")


def as_main(module: types.ModuleType):
    """While a block runs, its namespace is the ``__main__`` module, as a reader's script would be.

    Tools that look names up through ``sys.modules["__main__"]`` (``torch.compile``'s guards, pickle)
    then find what the page's earlier blocks defined.
    """
    return swapped(sys.modules, "__main__", module)


def run_code(segments, main: types.ModuleType, where: str, timeout: float) -> tuple[str, str | None]:
    """Execute code as a reader would paste it, in module ``main``; return what it printed and a failure, if any."""
    printed = io.StringIO()
    try:
        codes = [segment.compile() for segment in segments]
        with time_limit(timeout, where), contextlib.redirect_stdout(printed), no_breakpoints(), as_main(main):
            for code in codes:
                exec(code, vars(main))
    except Exception as error:  # noqa: BLE001 - every failure becomes a report naming the page line
        return printed.getvalue(), failure_message(error, where, segments, printed.getvalue())
    return printed.getvalue(), None


def failure_message(error: BaseException, where: str, segments, printed: str) -> str:
    files = {segment.filename for segment in segments}
    frames = [frame for frame in traceback.extract_tb(error.__traceback__) if frame.filename in files]
    place = f"{_relative(frames[-1].filename)}:{frames[-1].lineno}" if frames else where
    lines = [f"{place}: {type(error).__name__}: {error}", f"  in the block at {where}"]
    if frames:
        lines.append("Traceback (innermost last):")
        for frame in frames:
            lines.append(f"  {_relative(frame.filename)}:{frame.lineno}: {(frame.line or '').strip()}")
    if isinstance(error, SyntaxError) and error.filename in files:
        lines[0] = f"{_relative(error.filename)}:{error.lineno}: SyntaxError: {error.msg}"
    if printed:
        lines += ["Printed before the failure:", *("  " + text for text in printed.splitlines())]
    return "\n".join(lines)


def _relative(filename: str) -> str:
    with contextlib.suppress(ValueError):
        return str(Path(filename).resolve().relative_to(Path.cwd()))
    return filename


def shared_imports(block) -> list[str]:
    tree = ast.parse("\n".join(block.body))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module.split(".")[0])
    return sorted(FRAMEWORK_IMPORTS.intersection(names))


# --- comparing printed output with the page --------------------------------------------------

_NUMBER = r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)"
RELATIVE_TOLERANCE = 1e-4


def output_mismatch(expected: str, actual: str) -> str | None:
    """Compare printed text with the page's Output block.

    ``...`` stands for any text. Numbers written with a decimal point or exponent match within one
    unit of their last shown digit or a relative 1e-4; integers and all other text must match exactly.
    Trailing spaces and blank lines at either end are ignored.
    """
    expected_text = _tidy(expected)
    actual_text = _tidy(actual)
    pattern, numbers = [], []
    for piece in re.split(rf"(\.\.\.|{_NUMBER})", expected_text):
        if not piece:
            continue
        if piece == "...":
            pattern.append("(?:.*?)")
        elif re.fullmatch(_NUMBER, piece):
            pattern.append(f"({_NUMBER})")
            numbers.append(piece)
        else:
            pattern.append(re.escape(piece))
    match = re.fullmatch("".join(pattern), actual_text, flags=re.DOTALL)
    if match is None:
        return _diff(expected_text, actual_text)
    for shown, got in zip(numbers, match.groups()):
        if not _close(shown, got):
            return f"printed {got} where the page shows {shown}\n" + _diff(expected_text, actual_text)
    return None


def _tidy(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()).strip("\n")


def _close(shown: str, got: str) -> bool:
    if not re.search(r"[.eE]|nan|inf", shown):
        return shown.lstrip("+") == got.lstrip("+")
    expected, actual = float(shown), float(got)
    if math.isnan(expected) or math.isinf(expected):
        return str(expected) == str(actual)
    decimals = len(shown.split("e")[0].split("E")[0].partition(".")[2])
    exponent = int(re.split("[eE]", shown)[1]) if re.search("[eE]", shown) else 0
    unit = 10.0 ** (exponent - decimals)
    return abs(actual - expected) <= unit * 1.0001 or math.isclose(actual, expected, rel_tol=RELATIVE_TOLERANCE)


def _diff(expected: str, actual: str) -> str:
    return "The page shows:\n" + _indent(expected) + "\nThe block printed:\n" + _indent(actual)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in (text.splitlines() or ["(nothing)"]))


# --- Sybil: one parser, one evaluator --------------------------------------------------------


class PageRun:
    """Per page: one namespace per framework, and what each block left behind."""

    def __init__(self, blocks, base: Path, timeout: float) -> None:
        self.blocks = blocks
        self.base = base  # where included snippet paths start
        self.timeout = timeout
        self.frameworks: set[str] = set()  # frameworks whose blocks this run selected
        self.namespaces: dict[str, types.ModuleType] = {}  # a __main__ module per framework
        self.printed: dict[tuple[str, int], str] = {}
        self.skipped: dict[tuple[str, int], str] = {}
        self.broken: dict[str, str] = {}  # framework -> the block that failed first

    def seen(self, framework: str, block) -> bool:
        key = (framework, block.line)
        return key in self.printed or key in self.skipped

    def namespace(self, framework: str) -> types.ModuleType:
        return self.namespaces.setdefault(framework, types.ModuleType("__main__"))


def skip(reason: str):
    """Skip, reported at the block's own page line rather than at this module."""
    raise pytest.skip.Exception(reason, _use_item_location=True)


def make_parser(base: Path, timeout: float):
    def parse(document):
        try:
            blocks = read_page(document.text, _relative(document.path))
        except PageError as error:
            blocks = error
        document.rosetta = PageRun([] if isinstance(blocks, PageError) else blocks, base, timeout)
        if isinstance(blocks, PageError):
            yield Region(0, 0, parsed=blocks, evaluator=_report_page_error)
            return
        offsets = _line_offsets(document.text)
        for block in blocks:
            if block.is_python or block.is_output:
                end = offsets[min(block.end_line, len(offsets) - 1)]
                yield Region(offsets[block.line - 1], end, parsed=block, evaluator=evaluate)

    return parse


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for line in text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    return offsets


def _report_page_error(example):
    return str(example.parsed)


def evaluate(example):
    block = example.parsed
    run = example.document.rosetta
    if block.is_output:
        return _check_output(block, run)
    if block.framework is None and (imported := shared_imports(block)):
        return (
            f"{block.where}: a block outside the framework tabs is shared set-up for every framework "
            f"and must not import {', '.join(imported)}; move it into a PyTorch, TensorFlow or Keras tab"
        )
    frameworks = [block.framework] if block.framework else sorted(run.frameworks) or ["shared"]
    skips = []
    for framework in frameworks:
        if reason := record_skip(run, block, framework):
            skips.append(reason)
            continue
        for earlier in run.blocks[: run.blocks.index(block)]:
            # What a reader pasted before this block: blocks this run did not select (-m gpu, -k) run first.
            if earlier.is_python and earlier.framework in (framework, None) and not run.seen(framework, earlier):
                if not record_skip(run, earlier, framework) and (failure := execute(run, earlier, framework)):
                    return f"{failure}\n(run first, as the block at {block.where} needs what it defines)"
        if failure := execute(run, block, framework):
            return failure
    if skips and len(skips) == len(frameworks):
        skip(skips[0])
    return None


def record_skip(run: PageRun, block, framework: str) -> str | None:
    """Why this block does not run in this framework's namespace (recorded for its Output block), if it does not."""
    reason = skip_reason(block, framework)
    if reason is None and framework in run.broken:
        reason = f"an earlier {FRAMEWORK_LABELS.get(framework, framework)} block failed ({run.broken[framework]})"
    if reason:
        run.skipped[(framework, block.line)] = reason
    return reason


def execute(run: PageRun, block, framework: str) -> str | None:
    """Run one block in a framework's namespace, recording what it printed or that it failed."""
    seed_everything(framework if framework in FRAMEWORKS else None)
    try:
        segments = block.segments(run.base)
    except PageError as error:
        run.broken[framework] = block.where
        return str(error)
    if block.program:
        printed, failure = run_program(run.base / block.program, run.timeout)
        failure = failure and f"{failure}\n  included by the program block at {block.where}"
    else:
        printed, failure = run_code(segments, run.namespace(framework), block.where, run.timeout)
    run.printed[(framework, block.line)] = printed
    if failure:
        run.broken[framework] = block.where
    return failure


def skip_reason(block, framework: str) -> str | None:
    if block.network is not None:
        return f"needs the network ({block.network or 'downloads data'}); the tests run offline"
    if framework in FRAMEWORKS and (reason := missing(framework)):
        return reason
    if framework == "keras" and block.backends and keras_backend() not in block.backends:
        return (
            f"the page limits this block to Keras backends {', '.join(block.backends)}; "
            f"this run uses the {keras_backend()} backend"
        )
    if block.gpu is not None and not cuda_available(framework if framework in FRAMEWORKS else None):
        return "needs a CUDA GPU; none is available here"
    return None


def _check_output(block, run: PageRun):
    source = block.output_of
    frameworks = [source.framework] if source.framework else sorted(run.frameworks) or ["shared"]
    for framework in frameworks:
        key = (framework, source.line)
        if key in run.skipped:
            skip(run.skipped[key])
        if key not in run.printed:
            skip(f"the block at {source.where} did not run")
        problem = output_mismatch("\n".join(block.body), run.printed[key])
        if problem:
            label = FRAMEWORK_LABELS.get(framework, framework)
            return (
                f"{block.where}: the Output block does not match what the {label} block at {source.where} printed\n"
                + problem
            )
    return None


class BlockItem(SybilItem):
    def reportinfo(self):
        path, line, info = super().reportinfo()
        return path, line - 1, info  # pytest counts from 0 and adds 1 when it prints a location


class PageFile(SybilFile):
    def collect(self):
        for sybil in self.sybils:
            document = sybil.parse(self.path)
            self.documents.append(document)
            for example in document.examples():
                yield BlockItem.from_parent(self, sybil=sybil, example=example)


class RosettaSybil(Sybil):
    def identify(self, example) -> str:
        block = example.parsed
        if isinstance(block, PageError):
            return "page"
        kind = "output" if block.is_output else block.label.lower()
        return f"{kind}:line:{example.line}"


# --- snippet files and notebook pages run as whole programs ----------------------------------


class ScriptItem(pytest.Item):
    """A snippet file or notebook page run as ``python file.py``, in a process of its own."""

    def __init__(self, *, framework: str, timeout: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.framework = framework
        self.timeout = timeout
        self.add_marker(framework)

    def runtest(self) -> None:
        if reason := missing(self.framework):
            skip(reason)
        printed, failure = run_program(self.path, self.timeout)
        if failure:
            raise ScriptFailure(failure)
        self.user_properties.append(("printed", printed))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ScriptFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, 0, f"{self.path.name} ({self.framework})"


def run_program(path: Path, timeout: float) -> tuple[str, str | None]:
    """Run a program as a reader would, ``python path`` from the repository root; return what it printed.

    A process of its own means a program may change process-wide state (TensorFlow 1's
    ``disable_eager_execution``, determinism switches) without touching any other test. It sees the
    test process's import path, seeds itself, and runs unattended (``PYTHONBREAKPOINT=0``).
    """
    where = _relative(str(path))
    env = dict(os.environ, PYTHONBREAKPOINT="0", PYTHONPATH=os.pathsep.join(filter(None, sys.path)))
    try:
        result = subprocess.run(
            [sys.executable, str(path)], capture_output=True, text=True, env=env, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as expired:
        printed = expired.stdout.decode() if isinstance(expired.stdout, bytes) else expired.stdout or ""
        return printed, f"{where} ran past the {timeout:g} s limit per program (rosetta_block_timeout)"
    if result.returncode == 0:
        return result.stdout, None
    return result.stdout, program_failure(where, result.returncode, result.stdout, result.stderr)


_FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line (?P<line>\d+), in .*\n(?P<code>    .*)?', re.MULTILINE)


def program_failure(where: str, status: int, printed: str, errors: str) -> str:
    """Name the program line that failed, as failure_message does for a block, from the child's traceback."""
    root = Path.cwd().resolve()
    frames = [
        (_relative(match["file"]), match["line"], (match["code"] or "").strip())
        for match in _FRAME.finditer(errors)
        if Path(match["file"]).resolve().is_relative_to(root) and "site-packages" not in match["file"]
    ]
    last = next((line for line in reversed(errors.splitlines()) if line.strip()), f"exited with status {status}")
    place = f"{frames[-1][0]}:{frames[-1][1]}" if frames else where
    lines = [f"{place}: {last}", f"  in the program {where} (exit status {status})"]
    if frames:
        lines.append("Traceback (innermost last):")
        lines += [f"  {file}:{line}: {code}" for file, line, code in frames]
    else:
        lines += ["What it wrote to stderr:", *("  " + text for text in errors.splitlines()[-20:])]
    if printed:
        lines += ["Printed before the failure:", *("  " + text for text in printed.splitlines())]
    return "\n".join(lines)


class ScriptFailure(Exception):
    pass


class ScriptFile(pytest.File):
    def collect(self):
        framework = script_framework(self.path)
        if framework is None:
            raise self.CollectError(
                f"{_relative(str(self.path))}: name a snippet or notebook file after its framework "
                f"({', '.join(f'{name}_*.py' for name in FRAMEWORKS)})"
            )
        yield ScriptItem.from_parent(self, name="run", framework=framework, timeout=self.config.rosetta_timeout)


# --- pytest hooks --------------------------------------------------------------------------


def pytest_addoption(parser) -> None:
    parser.addini("rosetta_docs", "folder of the guide pages", default="docs")
    parser.addini("rosetta_snippets", "folder of the snippet files", default="snippets")
    parser.addini("rosetta_block_timeout", "seconds one block may run", default="300")
    parser.addoption("--rosetta-report", default=None, help="write a JSON summary of the run to this file")
    parser.addoption("--rosetta-session", default=None, help="name of this run in the report")


def pytest_configure(config) -> None:
    for name, text in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {text}")
    root = config.rootpath
    config.rosetta_docs = (root / config.getini("rosetta_docs")).resolve()
    config.rosetta_snippets = (root / config.getini("rosetta_snippets")).resolve()
    config.rosetta_timeout = float(config.getini("rosetta_block_timeout"))
    sybil = RosettaSybil(
        parsers=[make_parser(root, config.rosetta_timeout)], patterns=["*.md"], path=str(config.rosetta_docs)
    )
    config.rosetta_sybil = sybil
    config.rosetta_outcomes = {}
    config.rosetta_started = time.time()


def pytest_collect_file(file_path: Path, parent):
    config = parent.config
    if file_path.suffix == ".md" and config.rosetta_sybil.should_parse(file_path):
        return PageFile.from_parent(parent, path=file_path, sybils=[config.rosetta_sybil])
    if _is_program(file_path, config):
        return ScriptFile.from_parent(parent, path=file_path)
    return None


def _is_program(path: Path, config) -> bool:
    return path.suffix == ".py" and (
        path.is_relative_to(config.rosetta_snippets) or path.is_relative_to(config.rosetta_docs)
    )


class NotATestModule(pytest.File):
    def collect(self):
        return []


def pytest_pycollect_makemodule(module_path: Path, parent):
    """A program named on the command line is run by ScriptFile, never imported into pytest's process."""
    if _is_program(module_path, parent.config):
        return NotATestModule.from_parent(parent, path=module_path)
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if isinstance(item, SybilItem) and isinstance(item.example.parsed, PageError):
            for framework in FRAMEWORKS:  # a page that cannot be read fails in every framework's run
                item.add_marker(framework)
        if not isinstance(item, SybilItem) or not hasattr(item.example.parsed, "framework"):
            continue
        block = item.example.parsed
        source = block.output_of or block
        for framework in [source.framework] if source.framework else FRAMEWORKS:
            item.add_marker(framework)
        if source.gpu is not None:
            item.add_marker("gpu")
        if source.network is not None:
            item.add_marker("network")


def pytest_collection_finish(session) -> None:
    """Shared set-up runs in the namespace of every framework the run selected on that page."""
    for item in session.items:
        if isinstance(item, SybilItem) and getattr(item.example.parsed, "framework", None):
            item.example.document.rosetta.frameworks.add(item.example.parsed.framework)


def pytest_runtest_logreport(report) -> None:
    config = _CONFIG.get("config")
    if config is None or hasattr(config, "workerinput"):
        return
    outcomes = config.rosetta_outcomes
    if report.failed or report.when == "call" or report.skipped:
        previous = outcomes.get(report.nodeid)
        if previous and previous["outcome"] == "failed":
            return
        entry = {"outcome": report.outcome, "markers": sorted(set(report.keywords) & set(MARKERS))}
        if report.passed and (printed := dict(report.user_properties).get("printed")):
            entry["printed"] = printed
        if report.skipped:
            entry["reason"] = (
                report.longrepr[2].removeprefix("Skipped: ")
                if isinstance(report.longrepr, tuple)
                else str(report.longrepr)
            )
        outcomes[report.nodeid] = entry


_CONFIG: dict = {}


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session) -> None:
    _CONFIG["config"] = session.config


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus) -> None:
    config = session.config
    if hasattr(config, "workerinput"):
        return
    outcomes = config.rosetta_outcomes
    problems = []
    counts = {
        name: sum(entry["outcome"] == name for entry in outcomes.values()) for name in ("passed", "failed", "skipped")
    }
    if os.environ.get("CI", "").lower() == "true":
        absent = sorted({entry["reason"] for entry in outcomes.values() if NOT_INSTALLED in entry.get("reason", "")})
        if absent:
            problems.append("CI=true, but blocks were skipped because a framework is missing: " + "; ".join(absent))
    if outcomes and counts["passed"] + counts["failed"] == 0:
        problems.append(f"no block ran: all {counts['skipped']} selected were skipped")
    if _requires_gpu(config) and not any("gpu" in entry["markers"] for entry in outcomes.values()):
        problems.append("this run selects GPU examples (-m gpu) but collected none")
    config.rosetta_problems = problems
    if problems and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if path := config.getoption("rosetta_report"):
        write_report(config, Path(path), outcomes, counts, problems)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    for problem in getattr(config, "rosetta_problems", []):
        terminalreporter.write_line(f"FAILED (rosetta): {problem}", red=True, bold=True)


def _requires_gpu(config) -> bool:
    expression = config.getoption("markexpr", "")
    if not expression:
        return False
    from _pytest.mark.expression import Expression

    return not Expression.compile(expression).evaluate(lambda name, **kwargs: name != "gpu")


# --- the report ------------------------------------------------------------------------------

VERSIONED = ("torch", "tensorflow", "tensorflow-cpu", "keras", "jax", "jaxlib", "numpy", "sybil", "pytest")


def versions() -> dict[str, str]:
    found = {}
    for name in VERSIONED:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    return found


def write_report(config, path: Path, outcomes, counts, problems) -> None:
    pages: dict[str, dict] = {}
    for nodeid, entry in sorted(outcomes.items()):
        page = pages.setdefault(nodeid.split("::")[0], {"passed": [], "failed": [], "skipped": []})
        name = nodeid.partition("::")[2]
        if "printed" in entry:
            page.setdefault("printed", {})[name] = entry["printed"]
        if entry["outcome"] == "passed":
            page["passed"].append(name)
        elif entry["outcome"] == "failed":
            page["failed"].append(name)
        else:
            page["skipped"].append({"test": name, "reason": entry.get("reason", "")})
    report = {
        "session": config.getoption("rosetta_session") or path.stem,
        "markexpr": config.getoption("markexpr", ""),
        "keras_backend": keras_backend(),
        "versions": versions(),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores",
        "date": datetime.date.today().isoformat(),
        "seconds": round(time.time() - config.rosetta_started, 1),
        "totals": counts,
        "problems": problems,
        "pages": pages,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nreport written to {path}", file=sys.stderr)
