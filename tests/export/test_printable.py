"""Treebank-tokenized sentences read as print in every export; the records keep the words."""

from __future__ import annotations

import pytest

from newsline.export.printable import printable


@pytest.mark.parametrize(
    ("text", "print_"),
    [
        (
            "The agency -LRB- NHA -RRB- , under pressure , renamed the strain A -LRB- H9 -RRB- .",
            "The agency (NHA), under pressure, renamed the strain A (H9).",
        ),
        (
            "`` We are n't ready for the winter , '' the minister 's aide said .",
            "\u201cWe aren't ready for the winter,\u201d the minister's aide said.",
        ),
        ("The dam cost $ 40 million , the council said .", "The dam cost $40 million, the council said."),
        ("Is it over ? Nobody knows !", "Is it over? Nobody knows!"),
        # print is left as it is
        ("The U.S. and the U.K. agreed, at 5 p.m. on Friday.", "The U.S. and the U.K. agreed, at 5 p.m. on Friday."),
        ("He said: 'it's done' ...", "He said: 'it's done' ..."),
        ("", ""),
    ],
)  # fmt: skip
def test_printable(text: str, print_: str) -> None:
    assert printable(text) == print_
