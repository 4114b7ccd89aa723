"""Claims tables: read from the pages, checked for a verdict and tested evidence, gathered into a ledger."""

from rosetta import claims

GUIDE = """# Guide

## Eager by default

```python
x = 1
```

## Only words

Nothing runs here.

!!! network "Downloads"

    ```python
    download()
    ```

## Claims checked

| Claim | Source | Verdict | Why | Evidence |
| --- | --- | --- | --- | --- |
| "Graphs are static" | A | outdated | Both run eagerly. | [Eager](#eager-by-default) |
| "Words decide" | B | holds | Nothing runs. | [Words](#only-words) |
| "Missing" | C | wrong | A link to nowhere. | [Nowhere](#no-such-section) |
| "Unsure" | D | maybe | No such verdict. | [Eager](#eager-by-default) |
| "Popular" | C | not testable here | Not code. | - |
| "Bare" | A | holds | No link at all. | - |
"""


def test_a_claims_table_is_read_row_by_row_with_its_line():
    found = claims.page_claims(GUIDE, "guide.md")
    assert [(claim.line, claim.claim, claim.verdict) for claim in found][:2] == [
        (23, '"Graphs are static"', "outdated"),
        (24, '"Words decide"', "holds"),
    ]
    assert found[0].links() == [("guide.md", "eager-by-default")]


def test_sections_know_whether_they_hold_a_tested_block():
    assert claims.sections(GUIDE, "guide.md") == {
        "guide": True,
        "eager-by-default": True,
        "only-words": False,  # a block in a network box never runs
        "claims-checked": False,
    }


def test_every_bad_row_is_reported_with_its_line():
    problems = claims.problems(claims.page_claims(GUIDE, "guide.md"), {"guide.md": claims.sections(GUIDE, "guide.md")})
    assert problems == [
        "docs/guide.md:24: evidence guide.md#only-words holds no tested block for a 'holds' verdict",
        "docs/guide.md:25: evidence link guide.md#no-such-section points at no such section",
        "docs/guide.md:26: verdict 'maybe' is not one of: holds; holds, with changes; outdated; wrong; depends; "
        "not testable here; open",
        "docs/guide.md:28: verdict 'holds' needs a link to the section whose blocks show it",
    ]


def test_headings_get_the_anchors_the_site_gives_them():
    assert claims.slug("Stepping in with `pdb`") == "stepping-in-with-pdb"
    assert claims.slug("Porting weights: the Rosetta stone") == "porting-weights-the-rosetta-stone"
    assert claims.slug("What happened to `tf.nn.rnn_cell`") == "what-happened-to-tfnnrnn_cell"
    assert claims.slug("TensorFlow 1: a graph first { #tensorflow-1 }") == "tensorflow-1"


def test_the_ledger_groups_claims_by_guide_and_links_back_to_them():
    found = claims.page_claims(
        GUIDE.replace("Both run eagerly.", "Both run [eagerly](#eager-by-default)."), "guide.md"
    )[:1]
    made = claims.ledger(found, {"guide.md": "Guide"})
    assert made.splitlines()[0] == "### Guide"
    row = (
        '| "Graphs are static" | A | outdated | Both run [eagerly](guide.md#eager-by-default). '
        "| [Eager](guide.md#eager-by-default) |"
    )
    assert row in made
