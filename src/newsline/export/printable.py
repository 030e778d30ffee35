"""Sentences in plain print for the reader, where their source was treebank-tokenized.

Some corpora and scrapers leave text tokenized ("-LRB- WHO -RRB- , said it 's `` grave '' ."),
Timeline17 among them. The exports show such a sentence as print ("(WHO), said it's “grave”.");
the timeline records keep the words as stored, so offsets into articles stay exact and
``newsline eval tls`` scores the same tokens as the references it is compared with (the
benchmark's references are tokenized too; printing ours costs 0.02 ROUGE-1 there).
"""

from __future__ import annotations

import re

_TOKENIZED = re.compile(r"-[LR][RSC]B-|``|\s''|\s[,.;:?!](?:\s|$)|\s(?:n't|'s)\b")
_UNTOKENIZE = (
    (re.compile(r"-LRB-\s*"), "("),
    (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"-LSB-\s*"), "["),
    (re.compile(r"\s*-RSB-"), "]"),
    (re.compile(r"-LCB-\s*"), "{"),
    (re.compile(r"\s*-RCB-"), "}"),
    (re.compile(r"``\s*"), "\u201c"),
    (re.compile(r"\s*''"), "\u201d"),
    (re.compile(r"\s+([,.;:?!%])(?=\s|$|[\u201d)])"), r"\1"),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE), r"\1"),
    (re.compile(r"\$\s+(?=\d)"), "$"),
)


def printable(text: str | None) -> str:
    """``text`` in plain print when it was treebank-tokenized; other text unchanged."""
    if not text:
        return text or ""
    if not _TOKENIZED.search(text):
        return text
    for pattern, replacement in _UNTOKENIZE:
        text = pattern.sub(replacement, text)
    return text
