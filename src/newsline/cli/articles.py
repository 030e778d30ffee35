"""Commands over the store: ingest, articles, show, demo."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from newsline.cli import app
from newsline.cli.terminal import json_text, markup, plain
from newsline.engines import ENGINES
from newsline.errors import ConfigError
from newsline.export.html import cited_ids, timeline_to_html
from newsline.export.json import timeline_to_dict
from newsline.export.markdown import timeline_to_markdown
from newsline.ingest.fetch import FetchLimits, fetch_all, folder_beside
from newsline.jobs import IngestSummary, timeline
from newsline.jobs import ingest as ingest_single
from newsline.records import FileFailure
from newsline.settings import Settings, default_db
from newsline.store import Store

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLite file or postgresql:// URL (default: $NEWSLINE_DB or ./newsline.db).",
    ),
]
# Wide enough for a table of headlines when output goes to a file or a pipe.
out = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, highlight=False)


def open_store(db: str | None) -> Store:
    """The store named on the command line, in $NEWSLINE_DB, or the default file."""
    return Store(db or default_db())


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (read recursively), or URLs with --fetch.")
    ],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    fetch: Annotated[
        bool,
        typer.Option(
            "--fetch",
            help="Arguments are http(s) URLs: download each (with a timeout and a size cap),"
            " keep a copy beside the store (STORE.fetched/) and ingest it. Off by default.",
        ),
    ] = False,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="With --fetch: also fetch from loopback, private and link-local addresses"
            " (an intranet server). Refused by default, for each URL and every redirect.",
        ),
    ] = False,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="Where the per-file work runs: 'single' (this process) or 'dask' (partitioned"
            " on Dask workers; needs the dask extra). The store ends up the same.",
        ),
    ] = "single",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="With --engine dask: address of a running dask.distributed scheduler"
            " (default: start a local cluster).",
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="With --engine dask: local worker processes.")
    ] = 2,
    events: Annotated[
        bool,
        typer.Option(
            "--events",
            help="Also compute and store the sentence events of every stored article still"
            " without them (older articles, changed settings), on the Dask workers with"
            " --engine dask. New articles get theirs as they are read, unless --lazy-events.",
        ),
    ] = False,
    lazy_events: Annotated[
        bool,
        typer.Option(
            "--lazy-events",
            help="Do not compute new articles' sentence events as they are read (the setting"
            " ingest_events off): the first timeline query that needs them does. Faster ingest.",
        ),
    ] = False,
) -> None:
    """Ingest news files (text dumps, JSONL, HTML, feeds) into the store.

    Exit status: 0 when every file was read, 1 when some were reported as failures, 2 on a
    usage error.
    """
    show_progress = not quiet and sys.stderr.isatty()
    started: list[Path] = []
    settings = Settings(ingest_events=not lazy_events)
    run = partial(
        run_ingest,
        engine=engine,
        scheduler=scheduler,
        workers=workers,
        events=events,
        settings=settings,
    )
    try:
        if fetch:
            folder = folder_beside(db or default_db(), "fetched")
            limits = FetchLimits(allow_private=allow_private)
            saved, fetch_failures = fetch_all(paths, folder, limits)
            summary = run([str(p) for p in saved], db, show_progress, started.append)
            summary.files += len(fetch_failures)
            summary.failures[:0] = fetch_failures
        else:
            summary = run(paths, db, show_progress, started.append)
        # Inside the try: a Ctrl-C while the summary prints still exits 130, not click's 1.
        if as_json:
            print(json_text(summary.to_dict()))
        else:
            print_summary(summary)
    except KeyboardInterrupt:
        # The batch in progress was rolled back; finished batches and files are stored, and
        # the file in progress is completed by the next run.
        done = max(len(started) - 1, 0)
        err.print(f"interrupted: {done} files done; run the same command again to finish")
        raise typer.Exit(130) from None
    raise typer.Exit(0 if summary.ok else 1)


def run_ingest(
    paths: list[str],
    db: str | None,
    show_progress: bool,
    on_file: Callable[[Path], None] | None = None,
    engine: str = "single",
    scheduler: str | None = None,
    workers: int = 2,
    events: bool = False,
    settings: Settings | None = None,
) -> IngestSummary:
    """Ingest with an optional progress bar; ``on_file`` is called as each file starts.

    With ``events`` the sentence events of every article still without them are computed and
    stored as well (new articles get theirs as they are read, per ``settings.ingest_events``).
    """
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise ConfigError(f"no such file or folder: {', '.join(missing)}")
    if engine not in ENGINES:
        raise ConfigError(f"unknown --engine {engine!r}; choose one of {', '.join(ENGINES)}")
    ingest: Callable[..., IngestSummary] = partial(ingest_single, events=events, settings=settings)
    if engine == "dask":
        from newsline.engines.dask import ingest_dask, require_dask

        require_dask()  # before the store is opened: a missing extra changes nothing
        ingest = partial(
            ingest_dask, scheduler=scheduler, workers=workers, events=events, settings=settings
        )
    with open_store(db) as store:
        if not show_progress:
            return ingest(paths, store, on_file=on_file)
        columns = (
            TextColumn("ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
        )
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("", total=None)

            def advance(path: Path) -> None:
                progress.update(task, advance=1, description=path.name)
                if on_file:
                    on_file(path)

            return ingest(paths, store, on_file=advance)


def print_failures(failures: Iterable[FileFailure]) -> None:
    """Each failure on stderr with its path and reason."""
    for failure in failures:
        # escaped: a reason quotes an exception's message, which may hold [brackets]
        err.print("[red]failed[/red] " + escape(f"{failure.path}: {failure.reason}"))


def print_summary(summary: IngestSummary) -> None:
    """The final summary; each failure on stderr with its path and reason."""
    print_failures(summary.failures)
    parts = [
        f"{summary.files} files",
        f"{summary.articles_new} new articles",
        f"{summary.articles_known} already known",
        f"{summary.duplicates_linked} duplicate copies linked",
        f"{summary.near_duplicates} near-duplicate links",
        f"{len(summary.failures)} failures",
    ]
    if summary.files_unchanged:
        parts.insert(1, f"{summary.files_unchanged} unchanged since last ingest (skipped)")
    if summary.events:
        parts.insert(-1, f"events stored for {summary.events} articles")
    out.print("ingest: " + ", ".join(parts))
    if summary.files and not summary.articles_new and not summary.failures:
        out.print("nothing new: the store already holds every article of these files")


@app.command("articles")
def articles_command(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array of full articles.")
    ] = False,
) -> None:
    """List the distinct articles in the store."""
    with open_store(db) as store:
        if as_json:
            print(json_text(store.all_articles()))
            return
        rows = store.list_articles()
    out.print(articles_table(rows))


def articles_table(rows: list[dict[str, object]]) -> Table:
    """A table of article summaries."""
    table = Table(show_lines=False)
    for column in ("id", "published", "agency", "sources", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            markup(str(row["id"])[:12]),
            markup(row["published"] or "-"),
            markup(row["agency"] or "-"),
            markup(row["sources"]),
            markup(row["title"]),
        )
    return table


@app.command("show")
def show_command(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print one article with its captions, publication-date evidence and provenance."""
    with open_store(db) as store:
        article = store.get_article(article_id)
    if as_json:
        print(json_text(article))
        return
    print_article(article)


def print_article(article: dict[str, Any]) -> None:
    """One article for a terminal: its text made safe to show (:mod:`newsline.cli.terminal`)."""
    out.print(f"[bold]{markup(article['title'])}[/bold]  ({markup(article['id'])})")
    published = markup(f"{article['published'] or 'unknown'} [{article['published_from']}]")
    out.print(f"published: {published}")
    for line in article["published_evidence"] + article["published_conflicts"]:
        out.print(f"  - {markup(line)}")
    for caption in article["captions"]:
        out.print(f"caption: {markup(caption)}")
    out.print()
    for block in article["blocks"]:
        text = markup(block["text"])
        out.print(f"## {text}" if block["kind"] == "heading" else text)
        out.print()
    for source in article["sources"]:
        where = f"{source['path']} #{source['position']} ({source['format']}, {source['encoding']})"
        out.print(f"source: {markup(where)}")


@app.command("demo")
def demo_command(
    corpus: Annotated[str, typer.Argument(help="Folder of example news.")] = "examples",
    db: DbOption = None,
    out_dir: Annotated[
        str, typer.Option("--out", help="Folder for the demo's output files.")
    ] = "out",
    query: Annotated[
        str, typer.Option("--query", help="The timeline to build from the corpus.")
    ] = "Brenn Strait Link",
) -> None:
    """Ingest the example corpus, show what the store holds and build a timeline.

    Prints the Markdown timeline, writes it as JSON and as one HTML page into --out, and ends
    with the path of the HTML page.
    """
    summary = run_ingest([corpus], db, show_progress=False)
    print_summary(summary)
    with open_store(db) as store:
        out.print(articles_table(store.list_articles()))
        result = timeline(query, store)
        cited = cited_ids(result)
        articles = store.load_articles(cited)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    print(plain(timeline_to_markdown(result)))
    as_json = json.dumps(timeline_to_dict(result), ensure_ascii=False, indent=2)
    (folder / "timeline.json").write_text(as_json + "\n", encoding="utf-8")
    html_path = folder / "timeline.html"
    html_path.write_text(timeline_to_html(result, articles), encoding="utf-8")
    print(f"JSON timeline: {(folder / 'timeline.json').resolve()}")
    print(f"HTML timeline: {html_path.resolve()}")
