"""Read a guide page the way a reader sees it: code fences, the tab each sits in, and the boxes around it.

Everything that decides what runs is visible on the page:

* the framework of a block is the content tab it sits in (``=== "PyTorch"``, ``"TensorFlow"``, ``"Keras"``);
  a block outside those tabs is shared set-up for every framework on the page;
* ``!!! gpu "..."`` marks a section that needs a CUDA GPU;
* ``!!! network "..."`` marks code that would download something (never run: the tests are offline);
* ``!!! backends "Keras backends: jax, torch"`` limits the Keras blocks inside it to those backends;
* ``!!! program "..."`` holds a block that includes a whole snippet file, run as a program of its own
  (for code that changes its whole process, such as TensorFlow 1's ``disable_eager_execution()``);
* a ``text`` fence titled ``Output`` right after a Python block is what that block prints;
* a line ``--8<-- "snippets/guide/file.py:section"`` inside a block includes a named snippet section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

TABS = {"PyTorch": "torch", "TensorFlow": "tensorflow", "Keras": "keras"}
FRAMEWORK_LABELS = {framework: label for label, framework in TABS.items()}
FRAMEWORKS = tuple(FRAMEWORK_LABELS)
KERAS_BACKENDS = ("tensorflow", "torch", "jax")
PYTHON_LANGS = {"python", "py", "python3"}
OUTPUT_TITLE = "Output"

_FENCE = re.compile(r"^(?P<indent>[ ]*)(?P<mark>`{3,}|~{3,})\s*(?P<info>[^`]*)$")
_TAB = re.compile(r'^(?P<indent>[ ]*)===\+?\s+"(?P<label>[^"]*)"\s*$')
_BOX = re.compile(
    r'^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+(?:inline(?:\s+end)?\s+)?"(?P<title>[^"]*)")?\s*$'
)
_ATTR = re.compile(r'(?P<key>[\w-]+)=(?:"(?P<quoted>[^"]*)"|(?P<bare>\S+))|(?P<word>\S+)')
_INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"(?P<target>[^"]+)"\s*$')
_SECTION = re.compile(r"^\s*#\s*-{1,}8<-{1,}\s*\[(?P<edge>start|end):(?P<name>[\w.-]+)\]\s*$")
_BACKEND_TITLE = re.compile(r"^Keras backends?:\s*(?P<names>.+)$")


class PageError(ValueError):
    """A page that cannot be read as written; the message names the file and line."""


@dataclass(frozen=True)
class Segment:
    """A run of source lines with the file and line they come from, so tracebacks point there."""

    filename: str
    first_line: int
    source: str

    def compile(self):
        return compile("\n" * (self.first_line - 1) + self.source, self.filename, "exec")


@dataclass
class Block:
    path: Path
    line: int  # line of the opening fence, 1-based
    end_line: int  # line of the closing fence
    lang: str
    attrs: dict[str, str]
    body: list[str]  # the fence's lines, dedented to the fence's own indent
    framework: str | None  # torch, tensorflow, keras; None for shared set-up
    gpu: str | None = None  # title of the enclosing gpu box
    network: str | None = None  # title of the enclosing network box
    backends: tuple[str, ...] | None = None  # Keras backends this block is limited to
    program: str | None = None  # the whole snippet file a block in a program box runs as its own process
    output: Block | None = None  # the Output block shown under this one
    output_of: Block | None = field(default=None, repr=False)
    adjacent: bool = False  # only blank lines since the previous fence

    @property
    def is_python(self) -> bool:
        return self.lang in PYTHON_LANGS

    @property
    def is_output(self) -> bool:
        return self.lang == "text" and self.attrs.get("title") == OUTPUT_TITLE

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"

    @property
    def label(self) -> str:
        return FRAMEWORK_LABELS.get(self.framework, "shared")

    def segments(self, base: Path) -> list[Segment]:
        """The code a reader sees, with included snippet sections expanded in place."""
        segments: list[Segment] = []
        pending: list[str] = []
        pending_line = self.line + 1
        for offset, text in enumerate(self.body):
            match = _INCLUDE.match(text)
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


def includes(markdown: str) -> list[str]:
    """The targets (``file.py`` or ``file.py:section``) of a page's include lines, in page order."""
    return [match["target"] for line in markdown.splitlines() if (match := _INCLUDE.match(line))]


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
        match = _SECTION.match(text)
        if match and match["name"] == section:
            if match["edge"] == "start":
                start = number
            elif start is not None:
                end = number
                break
    if start is None or end is None:
        raise PageError(f"section [start:{section}] ... [end:{section}] not found in {name}")
    body = [text if not _SECTION.match(text) else "" for text in lines[start : end - 1]]
    return Segment(str(path), start + 1, "\n".join(body))


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


def parse_backends(title: str, where: str) -> tuple[str, ...]:
    match = _BACKEND_TITLE.match(title.strip())
    names = re.split(r"\s*(?:,|\band\b)\s*", match["names"].strip()) if match else []
    if not match or not names or any(name not in KERAS_BACKENDS for name in names):
        raise PageError(
            f'{where}: a backends box needs a title like "Keras backends: jax, torch" '
            f"naming some of {', '.join(KERAS_BACKENDS)}; got {title!r}"
        )
    return tuple(names)


def read_page(text: str, path: Path | str) -> list[Block]:
    """Every fenced block of a Markdown page, in page order, with where it sits."""
    path = Path(path)
    lines = text.splitlines()
    blocks: list[Block] = []
    containers: list[tuple[int, str, str]] = []  # (indent, "tab" or box kind, label or title)
    number = 0
    adjacent = False
    while number < len(lines):
        text_line = lines[number]
        number += 1
        if not text_line.strip():
            continue
        was_adjacent, adjacent = adjacent, False
        indent = len(text_line) - len(text_line.lstrip(" "))
        while containers and indent <= containers[-1][0]:
            containers.pop()
        if match := _TAB.match(text_line):
            containers.append((indent, "tab", match["label"]))
            continue
        if match := _BOX.match(text_line):
            containers.append((indent, match["kind"], match["title"] or ""))
            continue
        match = _FENCE.match(text_line)
        if not match:
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
        blocks.append(_place(path, opening, number, lang, attrs, body, containers))
        blocks[-1].adjacent, adjacent = was_adjacent, True
    _pair_outputs(blocks)
    return blocks


def _place(path, opening, closing, lang, attrs, body, containers) -> Block:
    where = f"{path}:{opening}"
    tabs = [label for _, kind, label in containers if kind == "tab" and label in TABS]
    boxes = {kind: title for _, kind, title in containers if kind != "tab"}
    framework = TABS[tabs[-1]] if tabs else None
    backends = None
    program = None
    if "program" in boxes and lang in PYTHON_LANGS:
        targets = [match["target"] for text in body if (match := _INCLUDE.match(text))]
        if len(targets) != 1 or len([text for text in body if text.strip()]) != 1 or ":" in targets[0]:
            raise PageError(
                f"{where}: a block in a program box holds one line that includes a whole snippet file "
                '(--8<-- "snippets/guide/file.py"), which runs as a program of its own'
            )
        program = targets[0]
    if "backends" in boxes:
        backends = parse_backends(boxes["backends"], where)
        if framework != "keras" and lang in PYTHON_LANGS:
            raise PageError(f"{where}: a backends box only applies to blocks in a Keras tab")
    return Block(
        path=path,
        line=opening,
        end_line=closing,
        lang=lang,
        attrs=attrs,
        body=body,
        framework=framework,
        gpu=boxes.get("gpu"),
        network=boxes.get("network"),
        backends=backends,
        program=program,
    )


def _pair_outputs(blocks: list[Block]) -> None:
    previous = None
    for block in blocks:
        if block.is_output:
            if previous is None or not previous.is_python or not block.adjacent:
                raise PageError(f"{block.where}: an Output block must come right after a Python block")
            if previous.framework != block.framework:
                raise PageError(f"{block.where}: an Output block must sit in the same tab as its Python block")
            previous.output, block.output_of = block, previous
        previous = block


def script_framework(path: Path) -> str | None:
    """Snippet files and notebook pages are named after their framework: torch_*.py, keras_*.py, ..."""
    prefix = Path(path).stem.split("_")[0]
    return prefix if prefix in FRAMEWORKS else None


def python_blocks(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if block.is_python]
