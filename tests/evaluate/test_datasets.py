"""Reading benchmark topics in the news-tls layout: a tiny topic written here, then T17 itself."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from tests.conftest import shared_path

from newsline.errors import InputError
from newsline.evaluate.datasets import parse_timeline, read_topic, read_topics

ARTICLES = [
    {
        "id": "a1",
        "source": "gazette",
        "published": "2021-02-03",
        "text": "Heavy rain floods the valley . \nTwo bridges close . \n",
    },
    {
        "id": "a2",
        "source": "courier",
        "published": "2021-02-04",
        "text": "Engineers inspect the dam . \n",
    },
]
TIMELINES = [
    {
        "source": "gazette",
        "name": "floods.txt",
        "timeline": [
            ["2021-02-03", ["Rain floods the valley ."]],
            ["2021-02-05", ["The dam holds ."]],
        ],
    }
]


@pytest.fixture
def topic_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "floods"
    folder.mkdir()
    (folder / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    (folder / "timelines.jsonl").write_text(json.dumps(TIMELINES[0]) + "\n\n")
    (folder / "keywords.json").write_text(json.dumps(["flood", "dam"]))
    return folder


def test_read_topic(topic_dir: Path) -> None:
    topic = read_topic(topic_dir)
    assert topic.name == "floods"
    assert topic.keywords == ("flood", "dam")
    [timeline] = topic.timelines
    assert (timeline.name, timeline.source, timeline.notes) == ("floods.txt", "gazette", ())
    assert timeline.entries == {
        date(2021, 2, 3): ("Rain floods the valley .",),
        date(2021, 2, 5): ("The dam holds .",),
    }
    articles = list(topic.articles())
    assert [a.published for a in articles] == [date(2021, 2, 3), date(2021, 2, 4)]
    assert articles[0].sentences == ["Heavy rain floods the valley .", "Two bridges close ."]


def test_read_topics_sorts_and_skips_other_folders(topic_dir: Path) -> None:
    (topic_dir.parent / "notes").mkdir()
    assert [t.name for t in read_topics(topic_dir.parent)] == ["floods"]


@pytest.mark.parametrize(
    ("day", "expected", "note"),
    [
        ("2021-02-03", date(2021, 2, 3), None),
        ("2021-02-0", date(2021, 2, 1), "read as 2021-02-01"),  # news-tls's arrow did this
        ("2021-02-30", date(2021, 2, 1), "read as 2021-02-01"),
        ("2021-13-01", None, "entry dropped"),
        ("sometime", None, "entry dropped"),
    ],
)
def test_timeline_dates(day: str, expected: date | None, note: str | None) -> None:
    timeline = parse_timeline({"source": "s", "name": "n", "timeline": [[day, ["Text ."]]]})
    assert list(timeline.entries) == ([expected] if expected else [])
    assert (note in timeline.notes[0]) if note else timeline.notes == ()


def test_duplicate_date_keeps_the_later_summary() -> None:
    record = {"timeline": [["2021-02-03", ["First ."]], ["2021-02-03", ["Second ."]]]}
    timeline = parse_timeline(record)
    assert timeline.entries == {date(2021, 2, 3): ("Second .",)}
    assert "duplicate date 2021-02-03" in timeline.notes[0]


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("timelines.jsonl", "{not json\n", "line 1: not JSON"),
        ("timelines.jsonl", '{"name": "no timeline"}\n', "line 1: not a timeline"),
        ("articles.jsonl", '{"id": "x", "published": "soon", "text": ""}\n', "not an article"),
    ],
)
def test_bad_files_raise_input_error(
    topic_dir: Path, file: str, content: str, message: str
) -> None:
    (topic_dir / file).write_text(content)
    with pytest.raises(InputError, match=message):
        list(read_topic(topic_dir).articles())


def test_a_topic_without_articles_raises(topic_dir: Path) -> None:
    # neither an articles.jsonl nor folders of pages: it was a traceback
    (topic_dir / "articles.jsonl").unlink()
    with pytest.raises(InputError, match="no articles"):
        read_topics(topic_dir.parent)


def test_a_topic_as_released_reads_its_folders_of_pages(topic_dir: Path) -> None:
    (topic_dir / "articles.jsonl").unlink()
    day = topic_dir / "Outlet" / "InputDocs" / "2021-03-01"
    day.mkdir(parents=True)
    (day / "1.htm.txt").write_text("Floods hit Amberly .\n", encoding="utf-8")
    (topic,) = read_topics(topic_dir.parent)
    assert topic.inputs == (topic_dir / "Outlet",)


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        read_topics(tmp_path / "absent")


@pytest.mark.shared
def test_t17_topics() -> None:
    topics = read_topics(shared_path("data", "t17"))
    assert [(t.name, len(t.timelines)) for t in topics] == [
        ("bpoil", 5),
        ("h1n1", 3),
        ("haiti", 1),
        ("mj", 1),
    ]
    assert sum(1 for _ in topics[3].articles()) == 138
    notes = [note for t in topics for tl in t.timelines for note in tl.notes]
    assert len(notes) == 5  # 4 duplicate dates (bpoil guardian, h1n1 bbc) and mj's 2011-04-0
