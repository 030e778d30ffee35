"""`newsline status`: what the store holds and how the last runs went."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from newsline.cli import app, fail
from newsline.cli.articles import DbOption, open_store, out
from newsline.errors import NewslineError


@app.command("status")
def status_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Store size, articles and sources, the last runs (an unfinished one was interrupted)
    and the last run's failures."""
    try:
        with open_store(db) as store:
            report = store.status()
    except NewslineError as exc:
        raise fail(exc) from None
    if as_json:
        print(json.dumps(report, indent=2))
        return
    counts = report["counts"]
    out.print(
        f"store: {report['store']} ({report['bytes'] / 1e6:.1f} MB, schema {report['schema']})"
    )
    out.print(
        f"{counts['articles']} articles, {counts['sources']} sources, {counts['files']} files,"
        f" {counts['failures']} failures recorded"
    )
    for run in report["runs"]:
        state = "finished" if run["finished"] else "interrupted (run the same command again)"
        out.print(
            f"run {run['id']} {run['command']} {run['started'] or ''}: {run['files']} files,"
            f" {run['articles_new']} new, {run['articles_known']} known,"
            f" {run['failures']} failures, {state}"
        )
    for failure in report["last_run_failures"]:
        out.print(f"  failed {failure['path']}: {failure['reason']}")
