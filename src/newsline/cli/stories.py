"""``newsline stories``: groups of near-duplicate articles (reprints) with all their sources."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from newsline.cli import app
from newsline.cli.articles import DbOption, open_store, out
from newsline.cli.terminal import json_text, markup
from newsline.store.stories import list_stories


@app.command("stories")
def stories_command(
    db: DbOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a JSON array of stories with their articles.")
    ] = False,
) -> None:
    """List stories: articles linked as near duplicates (reprints), with titles and sources."""
    with open_store(db) as store:
        stories = list_stories(store)
    if as_json:
        print(json_text(stories))
        return
    if not stories:
        out.print("no near-duplicate stories: every article stands alone")
        return
    out.print(stories_table(stories))


def stories_table(stories: list[dict[str, Any]]) -> Table:
    """One row per article, grouped by story; the story id is shown on its first row."""
    table = Table(show_lines=False)
    for column in ("story", "id", "published", "share", "title", "sources"):
        table.add_column(column, overflow="fold")
    for story in stories:
        for index, article in enumerate(story["articles"]):
            share = article["containment"]
            table.add_row(
                markup(str(story["story"])[:12] if index == 0 else ""),
                markup(str(article["id"])[:12]),
                markup(article["published"] or "-"),
                "-" if share is None else f"{share:.2f}",
                markup(article["title"]),
                markup("; ".join(_source_label(s) for s in article["sources"])),
            )
        table.add_section()
    return table


def _source_label(source: dict[str, Any]) -> str:
    where = f"{source['path']} #{source['position']}"
    return f"{source['outlet']}: {where}" if source.get("outlet") else where
