"""Every claim on the site has a verdict from the fixed set and evidence that resolves to tested code."""

import re
from pathlib import Path

from rosetta import claims

DOCS = Path(__file__).parents[2] / "docs"


def test_every_claim_has_a_verdict_and_evidence_that_runs():
    found, sections = claims.collect(DOCS)
    assert found, "no claims table found on any page"
    problems = claims.problems(found, sections)
    assert not problems, "\n".join(problems)


def test_every_guide_ends_with_a_claims_table():
    found, _ = claims.collect(DOCS)
    pages = {claim.page for claim in found}
    guides = [path for path in DOCS.glob("*.md") if _ends_with_claims(path.read_text(encoding="utf-8"))]
    missing = [path.name for path in guides if path.name not in pages]
    assert not missing, f"pages with a Claims checked section but no table in the ledger's format: {missing}"


def _ends_with_claims(text: str) -> bool:
    """A guide's last section is its claims (the home page has a section of that name, not last)."""
    headings = re.findall(r"^## (.+?)\s*$", text, flags=re.MULTILINE)
    return bool(headings) and headings[-1] == "Claims checked"
