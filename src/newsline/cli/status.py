"""`newsline status`: what the store holds and how the last runs went."""

from __future__ import annotations

from typing import Annotated

import typer

from newsline.cli import app
from newsline.cli.articles import DbOption, open_store, out
from newsline.cli.terminal import json_text, markup


@app.command("status")
def status_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Store size, articles and sources, the last runs (an unfinished one was interrupted)
    and the last run's failures."""
    with open_store(db) as store:
        report = store.status()
    if as_json:
        print(json_text(report))
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
        out.print(f"  failed {markup(failure['path'])}: {markup(failure['reason'])}")
