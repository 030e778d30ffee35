"""Page furniture of saved text pages kept out of the article (the raw span keeps it)."""

from __future__ import annotations

import pytest

from newsline.jobs import articles_from_text
from newsline.settings import Settings
from newsline.stages.furniture import remove_furniture

ARTICLE = [
    "Harbour cranes fall silent as dockers strike",
    "Dockers in Velmar stopped work on Monday over a pay offer they called an insult .",
    "The port authority said talks would resume on Thursday .",
    "Ships queued outside the breakwater through the night .",
]


@pytest.mark.parametrize(
    ("tail", "kinds"),
    [
        (  # a signed comment thread, signature after each comment
            [
                "This strike is long overdue . Posted by : quaywatcher | March 4 , 2024 2:04 PM"
                " | Report abuse I disagree entirely .",
                "Your viewpoint is yours , but do not report it as a fact .",
                "Posted by : harbourfan | March 4 , 2024 3:10 PM | Report abuse",
            ],
            {"comment lines": 3},
        ),
        (  # a blog's "X wrote :" thread
            [
                "At 2:10 pm on 04 Mar 2024 , quaywatcher wrote : About time .",
                "Nobody asked the shipping lines .",
            ],
            {"comment lines": 2},
        ),
        (  # the notice that opens a thread
            [
                "Have you been affected by the strike ?",
                "Your comments may be published on any Velmar Post media worldwide .",
                "I have been waiting for my parcel for a week .",
            ],
            {"comment lines": 2},
        ),
        (
            ["THIS IS A RUSH TRANSCRIPT . THIS COPY MAY NOT BE IN ITS FINAL FORM ."],
            {"transcript notices": 1},
        ),
        (["Share | Print | Email"], {"share lines": 1}),
        (["Click here to read our full coverage of the port ."], {"share lines": 1}),
        (["Download the Velmar Post app for breaking news ."], {"share lines": 1}),
        (["The union said its members would vote on Friday ."], {}),
    ],
)
def test_furniture_is_recognised(tail: list[str], kinds: dict[str, int]) -> None:
    kept, removed = remove_furniture(ARTICLE + tail)
    assert dict(removed) == kinds
    assert kept[: len(ARTICLE)] == ARTICLE
    assert len(kept) == len(ARTICLE) + len(tail) - sum(kinds.values())


def test_a_signature_heading_a_blog_post_is_its_byline_not_a_comment_thread() -> None:
    lines = ["Posted by : Ida Marsh | March 4 , 2024 ; 9:00 AM ET", *ARTICLE[1:]]
    kept, removed = remove_furniture(lines)
    assert kept == ARTICLE[1:] and dict(removed) == {"bylines": 1}


def test_the_article_loses_the_comments_and_the_raw_span_keeps_them() -> None:
    page = "\n".join(
        [
            *ARTICLE,
            "At 2:10 pm on 04 Mar 2024 , quaywatcher wrote : About time .",
            "Nobody asked the shipping lines .",
        ]
    )
    (article,), _, _ = articles_from_text("velmar/2024-03-04/1.htm.txt", page + "\n", Settings())
    assert "quaywatcher" not in article.text and "shipping lines" not in article.text
    assert "Ships queued" in article.text
    assert "quaywatcher" in article.source.raw
    assert article.metadata["furniture"] == {"comment lines": 2}
