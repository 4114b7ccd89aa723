"""Printed output against the Output block a page shows."""

import pytest

from rosetta.output import output_mismatch


@pytest.mark.parametrize(
    ("shown", "printed"),
    [
        ("0.1235", "0.12345678"),
        ("tensor([31.5000, 42.0000])", "tensor([31.5000, 42.0001])"),
        ("took ... s", "took 0.52 s"),
        ("1e-05", "1.00001e-05"),
    ],
)
def test_output_matches(shown, printed):
    assert output_mismatch(shown, printed) is None


@pytest.mark.parametrize(("shown", "printed"), [("8", "7"), ("(2, 4)", "(2, 5)"), ("0.12", "0.15"), ("int64", "int32")])
def test_output_mismatches(shown, printed):
    assert output_mismatch(shown, printed) is not None
