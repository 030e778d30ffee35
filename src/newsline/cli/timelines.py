"""Commands that build and score timelines: timeline, eval tls."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from newsline.cli import app, eval_app
from newsline.cli.articles import DbOption, open_store, out, print_failures
from newsline.cli.terminal import json_safe, markup, plain
from newsline.errors import ConfigError
from newsline.evaluate.tls_eval import RANKERS, EvalResult, evaluate_tls
from newsline.export.csv import timeline_to_csv
from newsline.export.html import cited_ids, timeline_to_html
from newsline.export.json import timeline_to_dict
from newsline.export.markdown import timeline_to_markdown
from newsline.export.timelinejs import timeline_to_timelinejs
from newsline.jobs import timeline
from newsline.settings import Settings, settings_help
from newsline.stages.query import check_query
from newsline.stages.timeline_options import DEFAULT_DATES, TimelineOptions, options_help


def _day(text: str | None, name: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{name} takes a date as YYYY-MM-DD, not {text!r}") from None


HELP = options_help()
#: The large path's threshold, forced or kept off from the command line (an evaluation's).
LargeOption = Annotated[
    int | None,
    typer.Option(
        "--large-query",
        help=settings_help()["large_query_articles"]
        + f" Default: {Settings().large_query_articles:,}.",
    ),
]


def _settings(large_query: int | None) -> Settings:
    """The settings, with the large path's threshold when given."""
    settings = Settings()
    if large_query is None:
        return settings
    if large_query < 0:
        raise ConfigError("--large-query takes a number of articles, 0 or more")
    return settings.with_(large_query_articles=large_query)


@app.command("timeline")
def timeline_command(
    query: Annotated[str, typer.Argument(help=HELP["query"])],
    db: DbOption = None,
    max_dates: Annotated[int, typer.Option("--max-dates", help=HELP["max_dates"])] = 40,
    per_date: Annotated[int, typer.Option("--per-date", help=HELP["per_date"])] = 2,
    since: Annotated[
        str | None, typer.Option("--since", help=HELP["since"] + " YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help=HELP["until"] + " YYYY-MM-DD.")
    ] = None,
    any_term: Annotated[bool, typer.Option("--any", help=HELP["any_term"])] = False,
    days_only: Annotated[bool, typer.Option("--days-only", help=HELP["days_only"])] = False,
    sentences: Annotated[
        str, typer.Option("--sentences", help=HELP["sentences"] + " all | naming | keyword.")
    ] = "all",
    background: Annotated[
        str, typer.Option("--background", help=HELP["background"] + " separate | mixed.")
    ] = "separate",
    dates: Annotated[
        str, typer.Option("--dates", help=HELP["dates"] + " evidence | learned.")
    ] = DEFAULT_DATES,
    fmt: Annotated[
        str, typer.Option("--format", help="md, json, csv, timelinejs or html (one page).")
    ] = "md",
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="Markdown: end each entry with why it has its date (the time expressions,"
            " reports and borrowed dates behind it); JSON and HTML always carry it.",
        ),
    ] = False,
    output: Annotated[
        str | None, typer.Option("-o", "--output", help="Write to this file.")
    ] = None,
    large_query: LargeOption = None,
) -> None:
    """Build a dated, cited timeline for a query over the store."""
    exports = {
        "md": lambda t, _: timeline_to_markdown(t, explain=explain),
        "json": lambda t, _: json.dumps(timeline_to_dict(t), ensure_ascii=False, indent=2),
        "csv": lambda t, _: timeline_to_csv(t).rstrip("\n"),
        "timelinejs": timeline_to_timelinejs,
        "html": timeline_to_html,
    }
    if fmt not in exports:
        raise ConfigError(f"--format takes one of {', '.join(exports)}, not {fmt!r}")
    if max_dates < 1 or per_date < 1:
        raise ConfigError("--max-dates and --per-date take positive numbers")
    options = TimelineOptions(
        query=query,
        any_term=any_term,
        max_dates=max_dates,
        per_date=per_date,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        days_only=days_only,
        sentences=sentences,
        background=background,
        dates=dates,
    )
    settings = _settings(large_query)
    check_query(query, settings.max_query_terms, settings.max_query_chars)
    with open_store(db) as store:
        result = timeline(options, store, settings)
        cited = cited_ids(result) if fmt in ("html", "timelinejs") else set()
        articles = store.load_articles(cited)
    text = exports[fmt](result, articles)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
        out.print(f"wrote {markup(output)}")
    else:
        print(json_safe(text) if fmt in ("json", "timelinejs") else plain(text))
    print_failures(result.failures)
    if result.failures:
        raise typer.Exit(1)


@eval_app.command("tls")
def eval_tls_command(
    folder: Annotated[
        str,
        typer.Argument(
            help="Benchmark folder in the T17 layout: topics with articles.jsonl, or with their"
            " folders of pages as released."
        ),
    ],
    topics: Annotated[list[str] | None, typer.Option("--topics", help="Only these topics.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    out_dir: Annotated[str | None, typer.Option("--out", help="Write each timeline here.")] = None,
    ranker: Annotated[
        str,
        typer.Option(
            "--ranker",
            help="Sentence ranker: coverage (default); centroid (the date's vector alone);"
            " learned (leave-one-topic-out weights for the topics it was trained on, held out);"
            " shipped (trained on all: in-sample).",
        ),
    ] = "coverage",
    dates: Annotated[
        str, typer.Option("--dates", help=HELP["dates"] + " evidence | learned (in-sample).")
    ] = DEFAULT_DATES,
    large_query: LargeOption = None,
) -> None:
    """Timeline summarization scores (ROUGE, date F1) against journalists' timelines."""
    if not Path(folder).is_dir():
        raise ConfigError(f"no such folder: {folder}")
    if ranker not in RANKERS:
        raise ConfigError(f"--ranker takes one of {', '.join(RANKERS)}, not {ranker!r}")
    out_path = Path(out_dir) if out_dir else None
    TimelineOptions(dates=dates)  # refuses an unknown ranking before any topic runs
    settings = _settings(large_query)
    result = evaluate_tls(folder, topics, out_path, settings, ranker=ranker, dates=dates)
    print_failures(result.failures)
    if as_json:
        print(json.dumps(result.to_dict(), indent=2))
    else:
        _print_scores(result)
    if result.failures:
        raise typer.Exit(1)


def _print_scores(result: EvalResult) -> None:
    header = (
        f"{'topic':8} {'TLs':>3}  {'align+ m:1 R1':>13} {'R2':>6}  {'date F1':>7}"
        f"  {'concat R1':>9} {'agree R1':>8}  {'s':>5}  sentence ranker"
    )
    print(header)
    rows = [(t.topic, len(t.per_timeline), t.scores, t.seconds, t.ranker) for t in result.topics]
    if result.overall:
        count = sum(len(t.per_timeline) for t in result.topics)
        rows.append(("all", count, result.overall, result.seconds, ""))
    for name, count, s, seconds, how in rows:
        print(
            f"{name:8} {count:>3}  {s.align_m1.rouge_1.f_score:>13.3f}"
            f" {s.align_m1.rouge_2.f_score:>6.3f}  {s.dates.f_score:>7.3f}"
            f"  {s.concat.rouge_1.f_score:>9.3f} {s.agreement.rouge_1.f_score:>8.3f}"
            f"  {seconds:>5.1f}  {how}".rstrip()
        )
