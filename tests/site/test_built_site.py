"""Checks on the built site (run by `nox -s site` after `mkdocs build --strict`)."""

import json
import os
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from rosetta import records
from rosetta.build import stamp
from rosetta.notebooks import page_notebooks
from rosetta.pages import PYTHON_LANGS, page_includes, python_blocks, read_page

ROOT = Path(__file__).parents[2]
SITE = Path(os.environ.get("ROSETTA_SITE", ROOT / "site"))
DOCS = ROOT / "docs"
SUMMARY = ROOT / "reports" / "summary.json"
ENGINE = os.environ.get("ROSETTA_SITE_ENGINE", "mkdocs")
PAGES = sorted(DOCS.rglob("*.md"))
CODE_BLOCK = re.compile(r'class="language-(?P<lang>[\w-]+) highlight"')


def built(page: Path) -> str:
    relative = page.relative_to(DOCS).with_suffix("")
    folder = relative.parent if relative.name == "index" else relative
    path = SITE / folder / "index.html"
    if not path.is_file():
        pytest.fail(f"{path} is missing: build the site first (nox -s site)")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_every_python_block_on_the_page_is_collected_by_the_tests(page):
    """The count guard: the rendered page and the test harness must agree on how many Python blocks there are."""
    rendered = [match["lang"] for match in CODE_BLOCK.finditer(built(page))]
    shown = sum(lang in PYTHON_LANGS or lang.startswith("py") for lang in rendered)
    collected = len(python_blocks(read_page(page.read_text(encoding="utf-8"), page)))
    assert shown == collected, f"{page.relative_to(ROOT)} shows {shown} Python blocks but the tests collect {collected}"


class Loads(HTMLParser):
    """Every URL a page loads by itself: scripts, styles, images, frames, media, fonts."""

    LOADING = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src", "embed": "src"}

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.LOADING and attrs.get(self.LOADING[tag]):
            self.urls.append(attrs[self.LOADING[tag]])
        if tag == "link" and set((attrs.get("rel") or "").split()) & {"stylesheet", "preload", "modulepreload", "icon", "prefetch", "preconnect"}:
            self.urls.append(attrs.get("href", ""))


def off_host(url: str) -> bool:
    return bool(re.match(r"^(?:[a-z]+:)?//", url.strip(), flags=re.IGNORECASE))


def test_no_page_loads_anything_from_another_host():
    found = []
    for html in sorted(SITE.rglob("*.html")):
        parser = Loads()
        parser.feed(html.read_text(encoding="utf-8"))
        found += [f"{html.relative_to(SITE)}: {url}" for url in parser.urls if off_host(url)]
        assert 'class="jp-Mermaid' not in html.read_text(encoding="utf-8"), f"{html}: a Mermaid cell would load mermaid from a CDN"
    for css in sorted(SITE.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        found += [f"{css.relative_to(SITE)}: {url}" for url in re.findall(r"(?:url\(|@import\s+)['\"]?((?:https?:)?//[^'\")\s]+)", text)]
    assert not found, "requests to other hosts:\n" + "\n".join(found)


def test_pages_carry_the_stamp_the_report_gives_them():
    report = records.read(SUMMARY)
    for page in PAGES:
        html = built(page)
        kind, title, text = stamp(report, str(page.relative_to(ROOT)))
        assert f'class="admonition {kind}"' in html, f"{page.name}: no {kind} stamp"
        assert escape(title, quote=False) in html and escape(text, quote=False) in html, f"{page.name}: stamp {title!r}"


@pytest.mark.skipif(ENGINE == "zensical", reason="Zensical does not run mkdocs-jupyter, which renders notebook pages")
def test_notebook_pages_render_with_their_code_and_a_download():
    for notebook in sorted((DOCS / "notebooks").glob("*.py")):
        html = (SITE / "notebooks" / notebook.stem / "index.html").read_text(encoding="utf-8")
        assert "jp-Cell" in html, f"{notebook.name}: no notebook cells on the page"
        assert "jp-OutputArea-output" in html, f"{notebook.name}: no outputs from the test run on the page"
        rendered = notebook.with_suffix(".ipynb").name
        assert re.search(rf'href="[^"]*/{re.escape(rendered)}" download', html), f"{notebook.name}: no download button"
        assert (SITE / "notebooks" / notebook.stem / rendered).is_file()


def test_measurement_tables_are_filled_in_from_the_test_run():
    report = records.read(SUMMARY)
    for page in PAGES:
        if not page_includes(page.read_text(encoding="utf-8"), page, "generated/measurements/"):
            continue
        html = built(page)
        assert "generated/measurements" not in html, f"{page.name}: the include line reached the page"
        if report:
            assert "<th>Implementation</th>" in html and "Measured on " in html, f"{page.name}: no table"
        else:
            assert "Not measured in this build" in html


class Links(HTMLParser):
    """The links (href) and the anchors (id, name) of one page."""

    def __init__(self):
        super().__init__()
        self.links, self.anchors = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.anchors |= {attrs[key] for key in ("id", "name") if attrs.get(key)}
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and key == "href" and "canonical" in (attrs.get("rel") or "")):
                self.links.append(attrs[key])


def target(page: Path, link: str) -> tuple[Path, str] | None:
    """The file and anchor an internal link points to; None for links that leave the site."""
    if off_host(link) or re.match(r"^[a-z]+:", link, flags=re.IGNORECASE):
        return None
    path, _, anchor = link.partition("#")
    path = path.split("?")[0]
    if path.startswith("/"):  # site-absolute: the site is served at the root of its host
        resolved = (SITE / path.lstrip("/")).resolve()
    else:
        resolved = (page.parent / path).resolve() if path else page
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved, anchor


def test_every_internal_link_and_anchor_resolves():
    pages = {}
    for html in sorted(SITE.rglob("*.html")):
        parser = Links()
        parser.feed(html.read_text(encoding="utf-8"))
        pages[html.resolve()] = parser
    broken = []
    for html, parser in pages.items():
        for link in parser.links:
            found = target(html, link)
            if found is None:
                continue
            path, anchor = found
            if not path.exists() and ENGINE == "zensical" and (SITE / "notebooks").resolve() in path.parents:
                continue  # notebook pages are made by mkdocs-jupyter, which Zensical does not run
            if not path.exists():
                broken.append(f"{html.relative_to(SITE.resolve())}: {link} (no such file)")
            elif anchor and path in pages and anchor not in pages[path].anchors:
                broken.append(f"{html.relative_to(SITE.resolve())}: {link} (no such anchor)")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:50])


def test_guides_link_a_notebook_per_framework_that_holds_their_code():
    for page in PAGES:
        notebooks = page_notebooks(page, DOCS, ROOT)
        html = built(page)
        for framework, (path, _) in notebooks.items():
            link = re.escape(path.name)
            found = re.search(rf'<a (?=[^>]*\bdownload\b)[^>]*href="(?P<href>[^"]*/{link})"', html)
            assert found, f"{page.name}: no download link to {path.name}"
            made = json.loads((SITE / path).read_text(encoding="utf-8"))
            code = [cell for cell in made["cells"] if cell["cell_type"] == "code"]
            assert made["nbformat"] == 4 and code, f"{path}: no code cells"
