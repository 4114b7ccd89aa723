"""The one definition of a guide page: what a reader sees, walked in order.

:func:`walk` yields a page's lines as events: prose, a content tab or box opening, a code fence.
:func:`read_page` turns the fences into :class:`Block` objects that know their tab and boxes. The
harness, the notebook export and the build step all read pages through these two functions.

* the framework of a block is the content tab it sits in (``=== "PyTorch"``, ``"TensorFlow"``, ``"Keras"``);
  a block outside those tabs is shared set-up for every framework on the page;
* boxes (``!!! gpu "..."``, ``!!! network``, ...) change how the blocks inside them run; each kind is
  declared once, in :mod:`rosetta.boxes`;
* a ``text`` fence titled ``Output`` right after a block that runs is what that block prints;
* a line ``--8<-- "snippets/guide/file.py:section"`` includes a named snippet section (in a fence) or
  a generated part of the page (outside fences, under ``generated/``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rosetta import boxes

TABS = {"PyTorch": "torch", "TensorFlow": "tensorflow", "Keras": "keras"}
FRAMEWORK_LABELS = {framework: label for label, framework in TABS.items()}
FRAMEWORKS = tuple(FRAMEWORK_LABELS)
PYTHON_LANGS = {"python", "py", "python3"}
OUTPUT_TITLE = "Output"

FENCE = re.compile(r"^(?P<indent>[ ]*)(?P<mark>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
TAB = re.compile(r'^(?P<indent>[ ]*)===\+?\s+"(?P<label>[^"]*)"\s*$')
BOX = re.compile(
    r'^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+(?:inline(?:\s+end)?\s+)?"(?P<title>[^"]*)")?\s*$'
)
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<target>[^"]+)"\s*$')
SECTION = re.compile(r"^\s*#\s*-{1,}8<-{1,}\s*\[(?P<edge>start|end):(?P<name>[\w.-]+)\]\s*$")
_ATTR = re.compile(r'(?P<key>[\w-]+)=(?:"(?P<quoted>[^"]*)"|(?P<bare>\S+))|(?P<word>\S+)')


class PageError(ValueError):
    """A page that cannot be read as written; the message names the file and line."""


# --- walking a page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Container:
    indent: int
    kind: str  # "tab", or a box kind (gpu, network, note, ...)
    title: str  # the tab's label or the box's title


@dataclass(frozen=True)
class Prose:
    line: int  # 1-based
    text: str  # dedented to the innermost container's content
    containers: tuple[Container, ...]


@dataclass(frozen=True)
class Opening:
    line: int
    container: Container
    containers: tuple[Container, ...]  # those around it


@dataclass(frozen=True)
class Fence:
    line: int  # the opening fence
    end_line: int  # the closing fence
    lang: str
    attrs: dict[str, str]
    body: list[str]  # dedented to the fence's own indent
    containers: tuple[Container, ...]


def walk(text: str, path: Path | str) -> Iterator[Prose | Opening | Fence]:
    """Every line of a page as prose, a tab or box opening, or a whole fence, in page order."""
    lines = text.splitlines()
    stack: list[Container] = []
    number = 0
    while number < len(lines):
        line = lines[number]
        number += 1
        indent = len(line) - len(line.lstrip(" "))
        if line.strip():
            while stack and indent <= stack[-1].indent:
                stack.pop()
        if match := TAB.match(line) or BOX.match(line):
            kind = "tab" if "label" in match.groupdict() else match["kind"]
            container = Container(indent, kind, match.groupdict().get("label") or match["title"] or "")
            yield Opening(number, container, tuple(stack))
            stack.append(container)
            continue
        if not (match := FENCE.match(line)):
            depth = stack[-1].indent + 4 if stack else 0
            yield Prose(number, line[depth:] if not line[:depth].strip() else line.lstrip(), tuple(stack))
            continue
        mark, opening = match["mark"], number
        lang, attrs = parse_attrs(match["info"])
        body: list[str] = []
        while number < len(lines):
            candidate = lines[number]
            number += 1
            closing = candidate.strip()
            if closing.startswith(mark) and set(closing) == {mark[0]} and len(closing) >= len(mark):
                break
            if candidate[:indent].strip():
                raise PageError(
                    f"{path}:{number}: this line is indented less than the code fence at line {opening}, "
                    "so the site would show it outside the block"
                )
            body.append(candidate[indent:])
        else:
            raise PageError(f"{path}:{opening}: code fence is never closed")
        yield Fence(opening, number, lang, attrs, body, tuple(stack))


def parse_attrs(info: str) -> tuple[str, dict[str, str]]:
    """Split a fence's info string into its language and attributes (``python title="x" linenums="1"``)."""
    info = info.strip()
    if info.startswith("{") and info.endswith("}"):
        info = info[1:-1].strip()
    lang, attrs = "", {}
    for match in _ATTR.finditer(info):
        if match["word"]:
            word = match["word"]
            if not lang:
                lang = word.lstrip(".")
            elif word.startswith("."):
                attrs.setdefault("class", word[1:])
            else:
                attrs[word] = ""
        else:
            attrs[match["key"]] = match["quoted"] if match["quoted"] is not None else match["bare"]
    return lang.lower(), attrs


def page_includes(text: str, path: Path | str, prefix: str = "") -> list[tuple[int, str]]:
    """(line, target) of the include lines outside fences, e.g. the generated parts of a page."""
    return [
        (event.line, match["target"])
        for event in walk(text, path)
        if isinstance(event, Prose) and (match := INCLUDE.match(event.text)) and match["target"].startswith(prefix)
    ]


# --- blocks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of source lines with the file and line they come from, so tracebacks point there."""

    filename: str
    first_line: int
    source: str

    def compile(self):
        return compile("\n" * (self.first_line - 1) + self.source, self.filename, "exec")


@dataclass(eq=False)
class Block:
    path: Path
    line: int  # line of the opening fence, 1-based
    end_line: int  # line of the closing fence
    lang: str
    attrs: dict[str, str]
    body: list[str]
    framework: str | None  # torch, tensorflow, keras; None for shared set-up
    boxes: dict[str, object] = field(default_factory=dict)  # box kind -> what the box says (see rosetta.boxes)
    output: Block | None = None  # the Output block shown under this one
    output_of: Block | None = field(default=None, repr=False)
    adjacent: bool = False  # only blank lines since the previous fence

    def box(self, kind: str):
        return self.boxes.get(kind)

    @property
    def is_python(self) -> bool:
        return self.lang in PYTHON_LANGS

    @property
    def runs(self) -> bool:
        """Python, or a command line that a box says the tests launch."""
        return self.is_python or any(boxes.KINDS[kind].runs_lang == self.lang for kind in self.boxes)

    @property
    def is_output(self) -> bool:
        return self.lang == "text" and self.attrs.get("title") == OUTPUT_TITLE

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def label(self) -> str:
        return FRAMEWORK_LABELS.get(self.framework, "shared")

    @property
    def kind(self) -> str:
        """How its test is named: ``output``, or the tab it runs in (``pytorch``, ``keras``, ``shared``)."""
        return "output" if self.is_output else self.label.lower()

    def segments(self, base: Path) -> list[Segment]:
        """The code a reader sees, with included snippet sections expanded in place."""
        segments: list[Segment] = []
        pending: list[str] = []
        pending_line = self.line + 1
        for offset, text in enumerate(self.body):
            match = INCLUDE.match(text)
            if not match:
                if not pending:
                    pending_line = self.line + 1 + offset
                pending.append(text)
                continue
            if pending:
                segments.append(Segment(str(self.path), pending_line, "\n".join(pending)))
                pending = []
            try:
                segments.append(read_snippet(base, match["target"]))
            except PageError as error:
                raise PageError(f"{self.path}:{self.line + 1 + offset}: {error}") from None
        if pending:
            segments.append(Segment(str(self.path), pending_line, "\n".join(pending)))
        return segments


def read_snippet(base: Path, target: str) -> Segment:
    """Resolve ``file.py`` or ``file.py:section`` the way pymdownx.snippets does."""
    name, _, section = target.partition(":")
    path = base / name
    if not path.is_file():
        raise PageError(f"included file {name} does not exist")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not section:
        return Segment(str(path), 1, "\n".join(lines))
    start = end = None
    for number, text in enumerate(lines, start=1):
        match = SECTION.match(text)
        if match and match["name"] == section:
            if match["edge"] == "start":
                start = number
            elif start is not None:
                end = number
                break
    if start is None or end is None:
        raise PageError(f"section [start:{section}] ... [end:{section}] not found in {name}")
    body = [text if not SECTION.match(text) else "" for text in lines[start : end - 1]]
    return Segment(str(path), start + 1, "\n".join(body))


def includes(markdown: str) -> list[str]:
    """The targets (``file.py`` or ``file.py:section``) of a page's include lines, in page order."""
    return [match["target"] for line in markdown.splitlines() if (match := INCLUDE.match(line))]


def read_page(text: str, path: Path | str) -> list[Block]:
    """Every fenced block of a Markdown page, in page order, with the tab and boxes it sits in."""
    path = Path(path)
    blocks: list[Block] = []
    adjacent = False
    for event in walk(text, path):
        if isinstance(event, Fence):
            blocks.append(_place(path, event))
            blocks[-1].adjacent, adjacent = adjacent, True
        elif not (isinstance(event, Prose) and not event.text.strip()):
            adjacent = False
    _pair_outputs(blocks)
    return blocks


def _place(path: Path, fence: Fence) -> Block:
    tabs = [container.title for container in fence.containers if container.kind == "tab" and container.title in TABS]
    block = Block(
        path=path,
        line=fence.line,
        end_line=fence.end_line,
        lang=fence.lang,
        attrs=fence.attrs,
        body=fence.body,
        framework=TABS[tabs[-1]] if tabs else None,
    )
    for container in fence.containers:
        if kind := boxes.KINDS.get(container.kind):
            block.boxes[kind.name] = kind.read(container.title, block)
    return block


def _pair_outputs(blocks: list[Block]) -> None:
    previous = None
    for block in blocks:
        if block.is_output:
            if previous is None or not previous.runs or not block.adjacent:
                raise PageError(f"{block.where}: an Output block must come right after a block that runs")
            if previous.framework != block.framework:
                raise PageError(f"{block.where}: an Output block must sit in the same tab as its block")
            previous.output, block.output_of = block, previous
        previous = block


def python_blocks(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if block.is_python]
