"""Sentence splitting on news prose and on tokenized benchmark text."""

from __future__ import annotations

import pytest

from newsline.stages.sentences import _BOUNDARY, _boundaries, split_sentences

CASES = [
    (
        "The port reopened. Ships queued for hours.",
        ["The port reopened.", "Ships queued for hours."],
    ),
    (
        "Talks resumed on Dec. 21 in Geneva. Both sides attended.",
        ["Talks resumed on Dec. 21 in Geneva.", "Both sides attended."],
    ),
    ("Mr. Lee of the U.S. team spoke. He left.", ["Mr. Lee of the U.S. team spoke.", "He left."]),
    ("A famine hit in the 1990s. Many died.", ["A famine hit in the 1990s.", "Many died."]),
    ('"We will rebuild," she said. "Soon."', ['"We will rebuild," she said.', '"Soon."']),
    (
        "The well was capped . Engineers said it held .",
        ["The well was capped .", "Engineers said it held ."],
    ),
    ("Mayor J. Ortiz opened the bridge.", ["Mayor J. Ortiz opened the bridge."]),
    ("", []),
    # A quotation of several sentences stays whole, curly, straight or tokenized,
    (
        "“My father was on that ferry. He never came home,” she said. It rained.",
        ["“My father was on that ferry. He never came home,” she said.", "It rained."],
    ),
    (
        'He said: "We were promised a plan. We got a bridge." Talks went on.',
        ['He said: "We were promised a plan. We got a bridge."', "Talks went on."],
    ),
    (
        "He said `` It is over . We won . '' The crowd cheered .",
        ["He said `` It is over . We won . ''", "The crowd cheered ."],
    ),
    # but a quotation that never closes does not swallow the paragraph,
    ('An open "quote. It goes on. And on.', ['An open "quote.', "It goes on.", "And on."]),
    ("“Stray. He said “ok” then. Fine.", ["“Stray.", "He said “ok” then.", "Fine."]),
    # and an inch mark is not a quotation.
    (
        'The 6" pipe burst. Workers fled. A 12" valve failed.',
        ['The 6" pipe burst.', "Workers fled.", 'A 12" valve failed.'],
    ),
    # A fact box whose line breaks were lost: each item of the chronology is its own line,
    (
        "The worst years ... 1998 - The ferry Solvang sinks 2004 - Floods close the quay"
        " 2010 - The strike begins .",
        [
            "The worst years ...",
            "1998 - The ferry Solvang sinks",
            "2004 - Floods close the quay",
            "2010 - The strike begins .",
        ],
    ),
    # Initials run together are a name's, not a sentence's end.
    (
        "President George H.W. Bush flew in. He left.",
        ["President George H.W. Bush flew in.", "He left."],
    ),
    # but such a name's end, or a state's, may end a sentence too: before a quote or a
    # sentence's opening word.
    (
        "He flew to Washington, D.C. The president met him. He lives in Dover, Del.",
        ["He flew to Washington, D.C.", "The president met him.", "He lives in Dover, Del."],
    ),
    (
        "said Lena, of Tarrow, La. `` But slowly .",
        ["said Lena, of Tarrow, La.", "`` But slowly ."],
    ),
    (
        "The animals boarded the ark. The flood came.",
        ["The animals boarded the ark.", "The flood came."],
    ),
    # as are the states wires abbreviate.
    (
        "VENICE, La. (Reuters) - Oil washed ashore. Then.",
        ["VENICE, La. (Reuters) - Oil washed ashore.", "Then."],
    ),
    # but one year and a dash is prose.
    ("Prices held until 2004 - Then they rose .", ["Prices held until 2004 - Then they rose ."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == expected


# Boundaries found dot by dot, or (a "!" or "?" in the text) by the pattern's own search: runs
# of marks, a failed try before a match, a dot right after one, tokenized closings.
@pytest.mark.parametrize(
    "text",
    [
        "No dot at all",
        "Wait... What now. It ended.",
        "3.5 percent rose. U.S. officials. Then ... Then.",
        'He said "no." Then left.) And (then). ..',
        "Really?! Yes. No!",
        "Is it? i.e. no. Ok ?",
        "A tokenized end . '' Next one .",
        "",
    ],
)
def test_boundaries_are_the_patterns(text: str) -> None:
    found, expected = _boundaries(text), _BOUNDARY.finditer(text)
    assert [m.span() for m in found] == [m.span() for m in expected]
