"""Compare what a block printed with the Output block the page shows under it."""

from __future__ import annotations

import math
import re

_NUMBER = r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?|[-+]?(?:nan|inf)"
RELATIVE_TOLERANCE = 1e-4


def output_mismatch(expected: str, actual: str) -> str | None:
    """What differs between the page's Output block and the printed text, or None when they match.

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
