"""The claims the site checks: one table per page, read from the pages, gathered into one ledger.

Every guide ends with a section ``## Claims checked`` holding one table::

    | Claim | Source | Verdict | Why | Evidence |
    | --- | --- | --- | --- | --- |
    | "TensorFlow uses static graphs" | A, D | outdated | One sentence. | [Eager by default](#eager-by-default) |

The ledger page (``docs/claims.md``) has a table of the same shape for claims no guide settles yet.
:func:`problems` is the check: a verdict from the fixed set, evidence links that resolve to a section
of a page, and, unless the claim is not testable here or still open, a section holding a tested block.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rosetta.pages import Fence, Prose, read_page, walk

HEADER = ["Claim", "Source", "Verdict", "Why", "Evidence"]
VERDICTS = ("holds", "holds, with changes", "outdated", "wrong", "depends", "not testable here", "open")
UNTESTED = ("not testable here", "open")  # verdicts whose evidence need not be a tested block
LEDGER = "claims.md"
_HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)\s]+)\)")


@dataclass(frozen=True)
class Claim:
    page: str  # the page's path under docs/
    line: int
    claim: str
    source: str
    verdict: str
    why: str
    evidence: str  # Markdown links, or "-"

    def links(self) -> list[tuple[str, str]]:
        """(page under docs/, anchor) of each evidence link."""
        found = []
        for match in _LINK.finditer(self.evidence):
            path, _, anchor = match["target"].partition("#")
            found.append(((Path(self.page).parent / path).as_posix() if path else self.page, anchor))
        return found


def slug(title: str) -> str:
    """The anchor Python-Markdown's toc extension gives a heading (or the ``{ #id }`` the heading sets)."""
    if match := re.search(r"\{[^}]*#(?P<id>[\w-]+)[^}]*\}\s*$", title):
        return match["id"]
    text = _LINK.sub(lambda match: match["text"], title)
    text = re.sub(r"[`*]", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def page_claims(text: str, page: str) -> list[Claim]:
    """The rows of every claims table on a page (a table whose header is :data:`HEADER`)."""
    found, in_table = [], False
    for event in walk(text, page):
        if not isinstance(event, Prose):
            in_table = False
            continue
        line = event.text.strip()
        if not line.startswith("|"):
            in_table = False
            continue
        cells = _cells(line)
        if cells == HEADER:
            in_table = True
        elif in_table and not set("".join(cells)) <= set("-: "):
            cells += [""] * (len(HEADER) - len(cells))
            found.append(Claim(page, event.line, *cells[: len(HEADER)]))
    return found


def sections(text: str, page: str) -> dict[str, bool]:
    """Anchor -> whether the section (up to the next heading of the same or a higher level) holds a tested block."""
    tested = {block.line for block in read_page(text, page) if _tested(block)}
    found: dict[str, bool] = {}
    open_sections: list[tuple[int, str]] = []
    for event in walk(text, page):
        if isinstance(event, Prose) and not event.containers and (match := _HEADING.match(event.text)):
            level = len(match["level"])
            open_sections = [(lvl, anchor) for lvl, anchor in open_sections if lvl < level]
            anchor = slug(match["title"])
            found.setdefault(anchor, False)
            open_sections.append((level, anchor))
        elif isinstance(event, Fence) and event.line in tested:
            for _, anchor in open_sections:
                found[anchor] = True
    return found


def _tested(block) -> bool:
    return block.runs and not block.is_output and "network" not in block.boxes and "gpu" not in block.boxes


def collect(docs: Path) -> tuple[list[Claim], dict[str, dict[str, bool]]]:
    """Every claim on every page, and every page's sections."""
    claims, anchors = [], {}
    for path in sorted(docs.rglob("*.md")):
        page = path.relative_to(docs).as_posix()
        text = path.read_text(encoding="utf-8")
        claims += page_claims(text, page)
        anchors[page] = sections(text, page)
    return claims, anchors


def problems(claims: list[Claim], anchors: dict[str, dict[str, bool]]) -> list[str]:
    found = []
    for claim in claims:
        where = f"docs/{claim.page}:{claim.line}"
        if claim.verdict not in VERDICTS:
            found.append(f"{where}: verdict {claim.verdict!r} is not one of: {'; '.join(VERDICTS)}")
        if not claim.claim or not claim.why:
            found.append(f"{where}: a claim needs its words and one sentence of why")
        links = claim.links()
        if not links and claim.verdict not in UNTESTED:
            found.append(f"{where}: verdict {claim.verdict!r} needs a link to the section whose blocks show it")
        for page, anchor in links:
            if page not in anchors or (anchor and anchor not in anchors[page]):
                found.append(f"{where}: evidence link {page}#{anchor} points at no such section")
            elif claim.verdict not in UNTESTED and anchor and not anchors[page][anchor]:
                found.append(f"{where}: evidence {page}#{anchor} holds no tested block for a {claim.verdict!r} verdict")
    return found


def ledger(claims: list[Claim], titles: dict[str, str]) -> str:
    """The site-wide table: every guide's claims, grouped by page, with links rewritten for the ledger page."""
    out = []
    for page in sorted({claim.page for claim in claims if claim.page != LEDGER}, key=list(titles).index):
        out += [
            f"### {titles[page]}",
            "",
            "| Claim | Source | Verdict | Why | Evidence |",
            "| --- | --- | --- | --- | --- |",
        ]
        for claim in (claim for claim in claims if claim.page == page):
            why, evidence = (
                _LINK.sub(lambda m, page=page: _relink(m, page), text) for text in (claim.why, claim.evidence)
            )
            out.append(f"| {claim.claim} | {claim.source} | {claim.verdict} | {why} | {evidence} |")
        out.append("")
    return "\n".join(out)


def _relink(match, page: str) -> str:
    path, _, anchor = match["target"].partition("#")
    target = (Path(page).parent / path).as_posix() if path else page
    return f"[{match['text']}]({target}{'#' + anchor if anchor else ''})"


def counts(claims: list[Claim]) -> dict[str, int]:
    return {verdict: sum(claim.verdict == verdict for claim in claims) for verdict in VERDICTS}
