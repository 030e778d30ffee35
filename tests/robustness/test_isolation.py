"""Nothing one article does can stop a run: a stage that raises on one record, in every job.

Each test makes one stage raise on one chosen article (the one saying when pay was "last
raised"), with the ``KeyError: 'this past'`` the tagger raised on "this past March"; runs a job
the way a user does (the CLI, the web API), and checks that the run finishes, that the failure
is reported with its stage, that the other articles are stored or used, and that the exit
status is 1; then it runs the job again with the stage repaired and checks that the failed
article is retried and the run is clean. The jobs: ingest (one process and Dask), event computation, timeline, eval tls, the web
app's ingest and timeline.
"""

from __future__ import annotations

import contextlib
import gc
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsline import jobs, jobs_events
from newsline.cli import app
from newsline.errors import Drop, InputError
from newsline.pipeline import collector_paused, guard, stage_error
from newsline.store import Store
from newsline.web import ServerConfig, create_app
from tests.engines.cluster import local_scheduler

MARK = "last raised"

# A port strike told by three wire stories and a local paper; the second wire story is the one
# the broken stage chokes on.
WIRE = [
    {
        "id": "hv-1",
        "title": "Dockers at Port Halvard vote to strike",
        "published": "2024-04-02",
        "source": "Baltic Wire",
        "text": "Dock workers at Port Halvard voted on Monday, April 1, 2024, to strike over"
        " pay. The union said the walkout would begin on April 15.",
    },
    {
        "id": "hv-2",
        "title": "Halvard strike talks stall",
        "published": "2024-04-10",
        "source": "Baltic Wire",
        "text": "Talks between the Port Halvard operator and the dockers' union broke down on"
        f" Tuesday. Pay was {MARK} two years ago, the union said.",
    },
    {
        "id": "hv-3",
        "title": "Port Halvard strike ends after nine days",
        "published": "2024-04-25",
        "source": "Baltic Wire",
        "text": "The strike at Port Halvard ended on Wednesday, April 24, 2024, after the"
        " operator agreed to a 6 percent raise. Ships queued outside the harbour for days.",
    },
]
LOCAL = (
    "Ferries rerouted as Halvard strike begins\n\n"
    "Published April 15, 2024\n\nThe Port Halvard strike began on Monday, April 15, 2024, and"
    " ferries to Osk were rerouted to the northern quay.\n"
)


def raise_on_marked(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
    """Make ``module.name`` (a stage taking a record first) raise on the marked article."""
    real = getattr(module, name)

    def broken(record: Any, *args: Any, **kwargs: Any) -> Any:
        if MARK in record.text:
            raise KeyError("this past")
        return real(record, *args, **kwargs)

    monkeypatch.setattr(module, name, broken)


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """A folder with the wire stories (JSONL) and the local paper's page (text)."""
    folder = tmp_path / "news"
    folder.mkdir()
    lines = "".join(json.dumps(item) + "\n" for item in WIRE)
    (folder / "wire.jsonl").write_text(lines, encoding="utf-8")
    (folder / "courier.txt").write_text(LOCAL, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def threads_scheduler() -> Iterator[str]:
    """A Dask cluster of threads in this process, so a monkeypatched stage runs on its workers."""
    with local_scheduler(processes=False) as address:
        yield address


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def status(db: Path) -> dict[str, Any]:
    result = cli("status", "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def titles(db: Path) -> set[str]:
    with Store(db) as store:
        return {row["title"] for row in store.list_articles()}


def assert_one_failure(failures: list[dict[str, Any]], stage: str) -> None:
    """One failure, of the marked article, naming the stage and the exception."""
    (failure,) = failures
    assert (failure["stage"], failure["error"]) == (stage, "KeyError")
    assert failure["record"].startswith("article ")
    assert f"stage {stage} failed" in failure["reason"] and "'this past'" in failure["reason"]


@pytest.mark.parametrize("engine", ["single", "dask"])
def test_ingest_goes_on_past_a_failing_stage_and_the_next_run_retries(
    engine: str, news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: Any
) -> None:
    db = tmp_path / "news.db"
    options = ["--engine", engine, "-q", "--db", str(db)]
    if engine == "dask":
        options += ["--scheduler", request.getfixturevalue("threads_scheduler")]
    with monkeypatch.context() as patch:
        raise_on_marked(patch, jobs, "date_article")
        broken = cli("ingest", str(news), *options, "--json")
    assert broken.exit_code == 1, broken.output
    summary = json.loads(broken.stdout)
    assert summary["articles_new"] == 3
    assert_one_failure(summary["failures"], "date")
    assert summary["failures"][0]["path"] == str((news / "wire.jsonl").resolve())
    assert titles(db) == {w["title"] for w in WIRE if MARK not in w["text"]} | {
        "Ferries rerouted as Halvard strike begins"
    }
    report = status(db)
    assert report["runs"][0]["failures"] == 1
    assert_one_failure(report["last_run_failures"], "date")
    fixed = cli("ingest", str(news), *options, "--json")
    assert fixed.exit_code == 0, fixed.output
    again = json.loads(fixed.stdout)
    # The courier page was done; the wire file was not marked done, so it is read again.
    assert (again["files_unchanged"], again["articles_new"], again["articles_known"]) == (1, 1, 2)
    assert "Halvard strike talks stall" in titles(db)
    assert status(db)["last_run_failures"] == []


@pytest.mark.parametrize("engine", ["single", "dask"])
def test_events_of_a_failing_article_are_computed_by_the_next_run(
    engine: str, news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: Any
) -> None:
    db = tmp_path / "news.db"
    options = ["--engine", engine, "-q", "--db", str(db), "--events", "--json"]
    if engine == "dask":
        options += ["--scheduler", request.getfixturevalue("threads_scheduler")]
    with monkeypatch.context() as patch:
        raise_on_marked(patch, jobs_events, "extract_events")
        broken = cli("ingest", str(news), *options)
    assert broken.exit_code == 1, broken.output
    summary = json.loads(broken.stdout)
    assert (summary["articles_new"], summary["events"]) == (4, 3)
    assert_one_failure(summary["failures"], "events")
    assert_one_failure(status(db)["last_run_failures"], "events")
    fixed = cli("ingest", str(news), *options)
    assert fixed.exit_code == 0, fixed.output
    assert json.loads(fixed.stdout)["events"] == 1, "only the failed article is computed"
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 4


def test_timeline_leaves_out_a_failing_article_and_the_next_query_uses_it(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.db"
    assert cli("ingest", str(news), "-q", "--db", str(db), "--lazy-events").exit_code == 0
    query = ["timeline", "Halvard", "--db", str(db), "--format", "json", "--max-dates", "20"]
    with monkeypatch.context() as patch:
        raise_on_marked(patch, jobs_events, "extract_events")
        broken = cli(*query)
    assert broken.exit_code == 1, broken.output
    made = json.loads(broken.stdout)
    assert_one_failure(made["failures"], "events")
    assert "stage events failed" in broken.stderr
    cited = {s["title"] for e in made["entries"] for s in e["sentences"]}
    assert "Port Halvard strike ends after nine days" in cited
    assert "Halvard strike talks stall" not in cited
    report = status(db)
    assert (report["runs"][0]["command"], report["runs"][0]["failures"]) == ("timeline", 1)
    assert_one_failure(report["last_run_failures"], "events")
    fixed = cli(*query)
    assert fixed.exit_code == 0, fixed.output
    again = json.loads(fixed.stdout)
    assert again["failures"] == []
    said = [s["title"] for e in again["entries"] for s in e["sentences"]]
    said += [s["title"] for s in again["undated"]]
    assert "Halvard strike talks stall" in said
    assert len(status(db)["runs"]) == 2, "a clean query records no run"


def _topic(root: Path, name: str, articles: list[dict[str, str]], truth: list[Any]) -> None:
    folder = root / name
    folder.mkdir(parents=True)
    lines = "".join(json.dumps(a) + "\n" for a in articles)
    (folder / "articles.jsonl").write_text(lines, encoding="utf-8")
    (folder / "keywords.json").write_text(json.dumps([name.split("-")[0]]), encoding="utf-8")
    line = {"source": "desk", "name": f"{name}.txt", "timeline": truth}
    (folder / "timelines.jsonl").write_text(json.dumps(line) + "\n", encoding="utf-8")


@pytest.fixture
def benchmark(tmp_path: Path) -> Path:
    """Two topics in the T17 layout: the strike (with the marked story) and a flood."""
    root = tmp_path / "bench"
    strike = [{**w, "source": "wire"} for w in WIRE]
    _topic(
        root,
        "halvard-strike",
        strike,
        [
            ["2024-04-01", ["Dockers vote to strike ."]],
            ["2024-04-24", ["The strike ends with a 6 percent raise ."]],
        ],
    )
    flood = [
        {
            "id": "fl-1",
            "source": "valley",
            "published": "2021-03-02",
            "text": "The flood reached Amberly on Monday, March 1, 2021, forcing 300 people out.",
        },
        {
            "id": "fl-2",
            "source": "valley",
            "published": "2021-03-20",
            "text": "An inquiry into the Amberly flood opened on Friday, March 19, 2021.",
        },
    ]
    truth = [["2021-03-01", ["The flood hits ."]], ["2021-03-19", ["An inquiry opens ."]]]
    _topic(root, "amberly-flood", flood, truth)
    return root


def test_eval_scores_every_topic_past_a_failing_article_and_a_failing_topic(
    benchmark: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        raise_on_marked(patch, jobs_events, "extract_events")
        broken = cli("eval", "tls", str(benchmark), "--json")
    assert broken.exit_code == 1, broken.output
    result = json.loads(broken.stdout)
    assert_one_failure(result["failures"], "events")
    assert sorted(result["topics"]) == ["amberly-flood", "halvard-strike"]
    assert result["topics"]["halvard-strike"]["articles"] == 3
    # A topic whose timeline cannot be built is left out of the average, the others scored.
    real_align = jobs.align  # eval builds each timeline with jobs.timeline

    def align(articles: Any, *args: Any) -> Any:
        if any(a.title.startswith("Halvard") or "Halvard" in a.text for a in articles):
            raise ValueError("no anchor for 'this past'")
        return real_align(articles, *args)

    with monkeypatch.context() as patch:
        patch.setattr(jobs, "align", align)
        topic_failed = cli("eval", "tls", str(benchmark), "--json")
    assert topic_failed.exit_code == 1, topic_failed.output
    result = json.loads(topic_failed.stdout)
    assert list(result["topics"]) == ["amberly-flood"]
    (failure,) = result["failures"]
    assert (failure["stage"], failure["record"], failure["error"]) == (
        "eval",
        "topic halvard-strike",
        "ValueError",
    )
    assert result["overall"] == result["topics"]["amberly-flood"]["scores"]
    fixed = cli("eval", "tls", str(benchmark), "--json")
    assert fixed.exit_code == 0, fixed.output
    assert json.loads(fixed.stdout)["failures"] == []


def test_web_ingest_and_timeline_report_a_failing_stage_and_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "web.db"
    with TestClient(
        create_app(config := ServerConfig(db=str(db))),
        raise_server_exceptions=False,
        base_url=f"http://{config.host}:{config.port}",  # a Host the server answers for
    ) as web:
        with monkeypatch.context() as patch:
            raise_on_marked(patch, jobs, "clean")
            broken = web.post("/api/ingest", json=WIRE)
        assert broken.status_code == 200
        summary = broken.json()
        (failure,) = summary["failures"]
        assert (failure["stage"], failure["record"], failure["error"]) == (
            "clean",
            "position 2",  # a JSON line's position is its line number
            "KeyError",
        )
        assert failure["path"] == "articles.jsonl", "no server path in the answer"
        assert web.get("/health").json()["articles"] == 2
        with monkeypatch.context() as patch:
            raise_on_marked(patch, jobs_events, "extract_events")
            again = web.post("/api/ingest", json=WIRE).json()
            assert again["articles_new"] == 1
            assert_one_failure(again["failures"], "events")  # stored, without its events
            assert web.get("/health").json()["articles"] == 3
            made = web.get("/api/timeline", params={"q": "Halvard"})
        assert made.status_code == 200
        assert_one_failure(made.json()["failures"], "events")
        assert made.json()["entries"], "the other articles still make a timeline"
        assert web.get("/api/timeline", params={"q": "Halvard"}).json()["failures"] == []


@pytest.mark.parametrize(
    ("raised", "verdict"),
    [
        (KeyError("this past"), "StageError"),
        (RecursionError("maximum recursion depth exceeded"), "StageError"),
        (ZeroDivisionError("division by zero"), "StageError"),
    ],
)
def test_guard_names_stage_record_type_message_and_line(raised: Exception, verdict: str) -> None:
    with pytest.raises(Exception) as caught, guard("date", "article 3f9a"):
        raise raised
    error = caught.value
    assert type(error).__name__ == verdict
    assert (error.stage, error.record, error.error) == (
        "date",
        "article 3f9a",
        type(raised).__name__,
    )
    assert error.where.startswith("test_isolation.py:")
    assert "please report" in error.reason


@pytest.mark.parametrize(
    "verdict",
    [
        Drop("empty body"),
        InputError("not news"),
        KeyboardInterrupt(),
    ],
)
def test_guard_lets_a_stage_verdict_or_an_interrupt_through(verdict: BaseException) -> None:
    with pytest.raises(type(verdict)), guard("clean", "position 0"):
        raise verdict


def test_the_reported_line_is_the_innermost_of_newsline() -> None:
    """A record of the wrong kind fails inside newsline's own code: that line is reported."""
    made, failures = jobs_events.compute_events(["not an article"], None)  # type: ignore[list-item, arg-type]
    (failure,) = failures
    assert made == {} and (failure.stage, failure.error) == ("events", "AttributeError")
    assert "(at newsline/jobs_events.py:" in failure.reason
    assert stage_error("x", "y", ValueError("never raised")).where == "unknown"


def test_an_article_whose_signing_fails_is_reported_and_signed_next_run(
    news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Near-duplicate signing (the end of every ingest) is guarded per article too."""
    from newsline.jobs_dedup import Signer

    real = Signer.words  # what of signing reads an article's text

    def words(self: Signer, body: str) -> Any:
        if MARK in body:
            raise MemoryError("shingle set too large")
        return real(self, body)

    db = tmp_path / "news.db"
    with monkeypatch.context() as patch:
        patch.setattr(Signer, "words", words)
        broken = cli("ingest", str(news), "-q", "--db", str(db), "--json")
    assert broken.exit_code == 1, broken.output
    summary = json.loads(broken.stdout)
    (failure,) = summary["failures"]
    assert (failure["stage"], failure["error"]) == ("sign", "MemoryError")
    assert summary["articles_new"] == 4, "every article is stored; one is not signed yet"
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM minhash").fetchone()[0] == 3
    assert cli("ingest", str(news), "-q", "--db", str(db)).exit_code == 0
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM minhash").fetchone()[0] == 4


def test_a_reader_failing_mid_file_keeps_what_it_read_and_names_no_server_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader is guarded as the stage ``read``: the articles read before are stored, the
    file is read again next time, and the web answer names the upload, not the server's path."""
    real = jobs.read_json_lines

    def read_json_lines(*args: Any, **kwargs: Any) -> Iterator[Any]:
        documents = real(*args, **kwargs)
        yield next(documents)
        raise UnicodeError("codec state lost")

    db = tmp_path / "web.db"
    with TestClient(
        create_app(config := ServerConfig(db=str(db))),
        raise_server_exceptions=False,
        base_url=f"http://{config.host}:{config.port}",  # a Host the server answers for
    ) as web:
        with monkeypatch.context() as patch:
            patch.setattr(jobs, "read_json_lines", read_json_lines)
            summary = web.post("/api/ingest", json=WIRE).json()
        (failure,) = summary["failures"]
        assert (failure["path"], failure["stage"], failure["record"]) == (
            "articles.jsonl",
            "read",
            "the file",
        )
        assert str(tmp_path) not in json.dumps(summary)
        assert summary["articles_new"] == 1
        again = web.post("/api/ingest", json=WIRE).json()
        assert (again["failures"], again["articles_new"], again["articles_known"]) == ([], 2, 1)


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("fails", [False, True])
def test_the_cycle_collector_is_paused_for_a_query_and_restored(enabled: bool, fails: bool) -> None:
    before = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with contextlib.suppress(KeyError), collector_paused():
            assert not gc.isenabled()
            if fails:
                raise KeyError("this past")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if before else gc.disable)()
