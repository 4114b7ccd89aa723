"""The Sybil side: a page becomes one test per block, run in the namespace of its tab's framework.

A :class:`Page` (Sybil's ``Document`` for Markdown) keeps the page's state: one ``__main__``
namespace per framework holding only what the page's shared blocks and that tab's earlier blocks
defined (what a reader pasting them in order would have), what each block printed or why it was
skipped, and the processes its blocks started.
"""

from __future__ import annotations

import ast
import contextlib
import dataclasses
import re
import types
from pathlib import Path

import pytest
from sybil import Document, Region, Sybil

from rosetta import boxes, environment, execution, failures, processes
from rosetta.output import output_mismatch
from rosetta.pages import FRAMEWORK_LABELS, FRAMEWORKS, PageError, read_page

FRAMEWORK_IMPORTS = {"torch", "tensorflow", "keras", "jax", "tf_keras"}
_RANK = re.compile(r"^\s*rank\s*:\s*(?P<rank>\d+)", re.MULTILINE)


class Page(Document):
    """A Markdown page and what its run has left so far."""

    base = Path.cwd()  # where included snippet paths start (set by make_sybil)
    timeout = 300.0
    figures_folder = staticmethod(lambda program: None)  # where a program box's program saves figures

    def __init__(self, text: str, path: str) -> None:
        super().__init__(text, path)
        self.error: PageError | None = None
        try:
            self.blocks = read_page(text, failures.relative(path))
        except PageError as error:
            self.blocks, self.error = [], error
        self.frameworks: set[str] = set()  # frameworks whose blocks this run selected
        self.namespaces: dict[str, types.ModuleType] = {}
        self.printed: dict[tuple[str, int], str] = {}
        self.skipped: dict[tuple[str, int], str] = {}
        self.broken: dict[str, str] = {}  # framework -> the block that failed first
        self.programs: dict[int, ProgramRun] = {}  # line of a program box -> its run
        self.started = processes.Started()

    def namespace_for(self, framework: str) -> types.ModuleType:
        return self.namespaces.setdefault(framework, types.ModuleType("__main__"))

    def seen(self, framework: str, block) -> bool:
        return (framework, block.line) in self.printed or (framework, block.line) in self.skipped

    def finish(self) -> None:
        """The page's blocks are done: stop what they started, even after a failure."""
        self.started.stop_all()


@dataclasses.dataclass(frozen=True)
class ProgramRun:
    program: str  # relative to the repository root, as a snippet's own run would name it
    printed: str
    figures: list[str]


def make_sybil(base: Path, docs: Path, timeout: float, figures_folder=None) -> Sybil:
    settings = {"base": base, "timeout": timeout}
    if figures_folder is not None:
        settings["figures_folder"] = staticmethod(figures_folder)
    page = type("ConfiguredPage", (Page,), settings)
    return RosettaSybil(parsers=[parse], patterns=["*.md"], path=str(docs), document_types={".md": page})


class RosettaSybil(Sybil):
    def identify(self, example) -> str:
        block = example.parsed
        return "page" if isinstance(block, PageError) else f"{block.kind}:line:{example.line}"


def parse(page: Page):
    if page.error is not None:
        yield Region(0, 0, parsed=page.error, evaluator=lambda example: str(example.parsed))
        return
    offsets = [0]
    for line in page.text.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    for block in page.blocks:
        if block.runs or block.is_output:
            end = offsets[min(block.end_line, len(offsets) - 1)]
            yield Region(offsets[block.line - 1], end, parsed=block, evaluator=evaluate)


def skip(reason: str):
    """Skip, reported at the block's own page line rather than at this module."""
    raise pytest.skip.Exception(reason, _use_item_location=True)


def evaluate(example):
    block, page = example.parsed, example.document
    if block.is_output:
        return check_output(block, page)
    if block.framework is None and block.is_python and (imported := shared_imports(block)):
        return (
            f"{block.where}: a block outside the framework tabs is shared set-up for every framework "
            f"and must not import {', '.join(imported)}; move it into a PyTorch, TensorFlow or Keras tab"
        )
    frameworks = [block.framework] if block.framework else sorted(page.frameworks) or ["shared"]
    skips = []
    for framework in frameworks:
        if reason := record_skip(page, block, framework):
            skips.append(reason)
            continue
        for earlier in page.blocks[: page.blocks.index(block)]:
            # What a reader pasted before this block: blocks this run did not select (-m gpu, -k) run first.
            if earlier.runs and earlier.framework in (framework, None) and not page.seen(framework, earlier):
                if not record_skip(page, earlier, framework) and (failure := execute(page, earlier, framework)):
                    return f"{failure}\n(run first, as the block at {block.where} needs what it defines)"
        if failure := execute(page, block, framework):
            return failure
    if skips and len(skips) == len(frameworks):
        skip(skips[0])
    return None


def shared_imports(block) -> list[str]:
    names = []
    for node in ast.walk(ast.parse("\n".join(block.body))):
        if isinstance(node, ast.Import):
            names += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module.split(".")[0])
    return sorted(FRAMEWORK_IMPORTS.intersection(names))


def record_skip(page: Page, block, framework: str) -> str | None:
    """Why this block does not run in this framework's namespace (kept for its Output block), if it does not."""
    reason = boxes.skip_reason(block, framework)
    if reason is None and framework in page.broken:
        reason = f"an earlier {FRAMEWORK_LABELS.get(framework, framework)} block failed ({page.broken[framework]})"
    if reason:
        page.skipped[(framework, block.line)] = reason
    return reason


def execute(page: Page, block, framework: str) -> str | None:
    """Run one block for a framework, recording what it printed or that it failed."""
    environment.seed_everything(framework if framework in FRAMEWORKS else None)
    if commands := block.box("launch"):
        printed, failure = launch(block, commands, page.timeout)
    elif program := block.box("program"):
        page.programs[block.line], failure = run_program(page, program)
        printed = page.programs[block.line].printed
        failure = failure and f"{failure}\n  included by the program block at {block.where}"
    else:
        try:
            segments = block.segments(page.base)
        except PageError as error:
            page.broken[framework] = block.where
            return str(error)
        localhost = "localhost" in block.boxes
        sockets = processes.localhost_sockets() if localhost else None
        with page.started.watching() if localhost else contextlib.nullcontext():
            printed, failure = execution.run_code(
                segments, page.namespace_for(framework), block.where, page.timeout, sockets
            )
    page.printed[(framework, block.line)] = printed
    if failure:
        page.broken[framework] = block.where
    return failure


def run_program(page: Page, program: str) -> tuple[ProgramRun, str | None]:
    """Run a program box's file as its own process, its figures kept where its own run would keep them."""
    figures = page.figures_folder(page.base / program)
    printed, failure, drawn = execution.run_program_drawing(page.base / program, page.timeout, figures)
    return ProgramRun(program, printed, drawn), failure


def launch(block, commands: list[list[str]], timeout: float) -> tuple[str, str | None]:
    """Start the block's command lines together; what they printed, in order, and what failed."""
    results = processes.launch(commands, timeout, execution.program_env())
    printed = "".join(result.stdout for result in results)
    problems = []
    for number, result in enumerate(results, start=1):
        shown = " ".join(result.command)
        what = f"process {number} of {len(results)} (`{shown}`)"
        if result.timed_out:
            problems.append(f"{block.where}: {what} ran past the {timeout:g} s limit; its process group was stopped")
        elif result.status is None:
            problems.append(f"{block.where}: {what} was stopped after another process failed")
        elif result.status != 0:
            if rank := _RANK.search(result.stderr):
                what += f", rank {rank['rank']}"
            problems.append(failures.from_process(what, result.status, result.stdout, result.stderr, block.where))
    if problems:
        return printed, "\n".join(problems) + f"\n  launched by the block at {block.where}"
    return printed, None


def check_output(block, page: Page):
    source = block.output_of
    frameworks = [source.framework] if source.framework else sorted(page.frameworks) or ["shared"]
    for framework in frameworks:
        key = (framework, source.line)
        if key in page.skipped:
            skip(page.skipped[key])
        if key not in page.printed:
            skip(f"the block at {source.where} did not run")
        if problem := output_mismatch("\n".join(block.body), page.printed[key]):
            label = FRAMEWORK_LABELS.get(framework, framework)
            return (
                f"{block.where}: the Output block does not match what the {label} block at {source.where} printed\n"
                + problem
            )
    return None
