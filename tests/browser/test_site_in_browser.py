"""The site as readers meet it: in a browser, served from localhost."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import BUDGETS, ROOT, SITE
from rosetta.pages import FRAMEWORK_LABELS, python_blocks, read_page

PAGES = sorted(
    "/" + str(path.parent.relative_to(SITE)).removeprefix(".") + ("/" if path.parent != SITE else "")
    for path in SITE.rglob("index.html")
    if "assets" not in path.parts
)
GUIDES = ["/recurrent-layers/", "/ease-of-use/", "/debugging/"]
AXE = os.environ.get("ROSETTA_AXE", str(ROOT / ".nox" / "node-tools" / "node_modules" / "axe-core" / "axe.min.js"))
SCREENSHOTS = ROOT / "reports" / "screenshots"
PHONE = {"width": 390, "height": 844}


def selected_tabs(page) -> list[str]:
    """The label of the selected tab in every tab group of the page."""
    return page.eval_on_selector_all(
        ".tabbed-set",
        """sets => sets.map(set => {
            const inputs = [...set.querySelectorAll(':scope > input')];
            const labels = set.querySelectorAll(':scope > .tabbed-labels > label');
            const chosen = inputs.findIndex(input => input.checked);
            const names = [...labels].map(label => label.textContent.trim());
            return names.join('|') + '=' + names[chosen];
        })""",
    )


def all_show(page, label: str) -> bool:
    groups = [group.split("=") for group in selected_tabs(page)]
    return all(chosen == label for labels, chosen in groups if label in labels.split("|"))


def test_every_page_loads_without_errors_or_requests_to_other_hosts(browser, site_url):
    """Each page in a fresh browser context, so the weight counted is that of a first visit."""
    errors, hosts = [], set()
    for path in PAGES:
        context = browser.new_context()
        page = context.new_page()
        sizes = []
        page.on("console", lambda message: errors.append(f"{message.text}") if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: hosts.add(urlparse(request.url).hostname))
        page.on("requestfinished", lambda request, sizes=sizes: sizes.append(request.sizes()["responseBodySize"]))
        page.goto(site_url + path, wait_until="networkidle")
        BUDGETS[path] = sum(sizes)
        context.close()
    assert not errors, f"console errors: {errors}"
    assert hosts <= {"127.0.0.1"}, f"requests left localhost: {sorted(hosts - {'127.0.0.1'})}"
    for path in GUIDES:
        assert BUDGETS[path] < 500 * 1024, f"{path} weighs {BUDGETS[path] / 1024:.0f} KB on first load"


def test_choosing_a_framework_switches_every_tab_group_and_is_remembered(context, site_url):
    page = context.new_page()
    page.goto(site_url + "/recurrent-layers/")
    assert all_show(page, "PyTorch")
    page.locator(".tabbed-labels label", has_text="Keras").first.click()
    assert all_show(page, "Keras")
    page.goto(site_url + "/tensors-and-gradients/")
    assert all_show(page, "Keras")
    page.reload()
    assert all_show(page, "Keras")


def test_the_copy_button_copies_exactly_the_code_and_it_runs(context, site_url):
    """Copy the shared blocks and one tab's first block, then run them with that framework."""
    source = ROOT / "docs" / "tensors-and-gradients.md"
    blocks = python_blocks(read_page(source.read_text(encoding="utf-8"), source.relative_to(ROOT)))
    page = context.new_page()
    page.goto(site_url + "/tensors-and-gradients/")
    buttons = page.locator(".language-python button.md-code__button, .language-py button.md-code__button")
    assert buttons.count() == len(blocks)
    for framework, environment in (("torch", "torch"), ("tensorflow", "tensorflow"), ("keras", "keras-tensorflow")):
        page.locator(".tabbed-labels label", has_text=FRAMEWORK_LABELS[framework]).first.click()
        first = next(i for i, block in enumerate(blocks) if block.framework == framework)
        copied = []
        for i in [*(i for i in range(first) if blocks[i].framework is None), first]:
            buttons.nth(i).click()
            text = page.evaluate("navigator.clipboard.readText()")
            shown = "\n".join(segment.source for segment in blocks[i].segments(ROOT))
            assert tidy(text) == tidy(shown), f"{blocks[i].where}: the copy button gave\n{text}"
            copied.append(text)
        python = ROOT / ".nox" / environment / "bin" / "python"
        if not python.is_file():
            pytest.skip(f"no {environment} environment to run the copied code in (run nox -s {environment} first)")
        run = subprocess.run([str(python), "-c", "\n".join(copied)], cwd=ROOT, capture_output=True, text=True)
        assert run.returncode == 0, f"copied {framework} code failed:\n{run.stderr[-2000:]}"


def tidy(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def test_search_finds_a_guide_by_a_word_in_its_body(context, site_url):
    page = context.new_page()
    page.goto(site_url + "/")
    page.keyboard.press("s")  # the site's shortcut to the search box
    page.locator(".md-search__input").press_sequentially("TextVectorization", delay=20)
    titles = page.locator(".md-search-result__article h1")
    titles.first.wait_for()
    assert any(title.startswith("Ease of use") for title in titles.all_text_contents())


def test_light_and_dark_toggle(context, site_url):
    page = context.new_page()
    page.goto(site_url + "/")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    other = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {scheme, other} == {"default", "slate"}


def test_navigation_works_at_phone_size(browser, site_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "/")
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_timeout(500)  # the drawer slides in
    page.locator(".md-nav--primary label.md-nav__link", has_text="Guides").first.click()
    page.wait_for_timeout(500)  # and the section's panel after it
    page.locator(".md-nav--primary a.md-nav__link:visible", has_text="Debugging").first.click()
    page.wait_for_url("**/debugging/")
    assert page.locator("h1").first.text_content().startswith("Debugging")
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(context, site_url, path):
    if not Path(AXE).is_file():
        pytest.fail(f"axe-core is missing at {AXE}: nox -s browser installs it")
    page = context.new_page()
    page.goto(site_url + path)
    page.add_script_tag(path=AXE)
    violations = page.evaluate("axe.run().then(result => result.violations)")
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(
        f"{v['impact']}: {v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['target']})"
        for v in serious
    )


@pytest.mark.parametrize(("name", "path"), [("home", "/"), ("guide", "/recurrent-layers/")])
def test_screenshots(browser, site_url, name, path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for device, viewport in (("desktop", {"width": 1280, "height": 800}), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(site_url + path, wait_until="networkidle")
        page.screenshot(path=SCREENSHOTS / f"{name}-{device}.png", full_page=False)
        context.close()
        assert (SCREENSHOTS / f"{name}-{device}.png").stat().st_size > 10_000


# What a reader types, and the page (and section) that answers it.
QUERIES = {
    "GradientTape": "tensors-and-gradients/",
    "load_model": "ease-of-use/#saving-and-loading",
    "pack_padded_sequence": "recurrent-layers/#padded-batches",
    "bidirectional": "recurrent-layers/#bidirectional-layers",
    "benchmark": "performance/#the-method",
    "NaN": "debugging/#finding-where-a-nan-comes-from",
    "placeholder": "static-and-dynamic-graphs/#tensorflow-1",
    "TensorBoard": "tensorflow-2/#tensorboard",
    "export": "static-and-dynamic-graphs/#a-graph-to-save-torchexport-and-savedmodel",
    "attention": "attention-and-transformers/",
}


@pytest.mark.parametrize(("query", "answer"), QUERIES.items(), ids=list(QUERIES))
def test_search_puts_the_answer_among_the_first_three_results(context, site_url, query, answer):
    page = context.new_page()
    page.goto(site_url + "/")
    page.keyboard.press("s")
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    page.wait_for_timeout(300)  # let the list settle after the last keystroke
    first = [[link.get_attribute("href") for link in result.locator("a").all()] for result in results.all()[:3]]
    # Links carry the query as ?h=...; what matters is the page and the section.
    found = [href for hrefs in first for href in hrefs if href and answer in re.sub(r"\?h=[^#]*", "", href)]
    assert found, f"{query!r}: {answer} is not among the first three results: {first}"
