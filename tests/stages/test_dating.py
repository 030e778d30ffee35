"""Publication-date inference from text, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsline.stages.dating import date_from_metadata, infer_published

CASES = [
    # captions, paragraphs, expected (value, granularity, origin), conflict?
    (
        ("Firefighters tackle a blaze near the port, Friday, June 7, 2024. (AP Photo/Sam Reed)",),
        (
            "Firefighters fought a blaze at the port on Friday, officials said.",
            "The fire began in 2023's warehouse.",
        ),
        ("2024-06-07", "day", "text"),
        False,
    ),
    (
        ("Crowds gather in the square on March 3, 2019. (AFP)",),
        ("The protests, which began in 2021, continued into 2022 and drew thousands.",),
        ("2022-03", "month", "text"),
        True,
    ),
    (
        ("FILE - The old terminal building, Oct. 1, 2015. (AP Photo, File)",),
        ("The airport authority announced a new terminal.",),
        (None, None, "none"),
        False,
    ),
    (
        (),
        (
            "The ministers have signed the treaty in Geneva, ending two years of talks.",
            "2019 — Talks begin. 2023 — A draft is agreed.",
            "May 2, 2024 — The ministers sign the treaty in Geneva.",
        ),
        ("2024-05-02", "day", "text"),
        False,
    ),
    ((), ("Nothing here says when.",), (None, None, "none"), False),
]


@pytest.mark.parametrize(("captions", "paragraphs", "expected", "conflict"), CASES)
def test_infer_published(
    captions: tuple[str, ...],
    paragraphs: tuple[str, ...],
    expected: tuple[str | None, str | None, str],
    conflict: bool,
) -> None:
    pub = infer_published(captions, paragraphs)
    assert (pub.value, pub.granularity, pub.origin) == expected
    assert bool(pub.conflicts) is conflict


@pytest.mark.parametrize(
    ("raw", "value", "granularity"),
    [
        ("2024-03-05", "2024-03-05", "day"),
        ("2024-03-05T22:10:00Z", "2024-03-05", "day"),
        ("2024-03", "2024-03", "month"),
        ("2024", "2024", "year"),
        ("March 5, 2024", "2024-03-05", "day"),
        ("", None, None),
    ],
)
def test_date_from_metadata(raw: str, value: str | None, granularity: str | None) -> None:
    pub = date_from_metadata(raw)
    assert (pub.value, pub.granularity) == (value, granularity)
