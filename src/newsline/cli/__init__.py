"""The ``newsline`` command: thin wrappers over library functions.

Each command module registers its commands on :data:`app` (or on :data:`eval_app` for
``newsline eval ...``). Errors are converted in one place, :func:`main`.
"""

from __future__ import annotations

import sys

import typer

from newsline.errors import NewslineError

app = typer.Typer(
    name="newsline",
    help="Turn piles of raw news into clean, deduplicated, dated, source-cited timelines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score newsline against benchmark data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def fail(exc: NewslineError) -> typer.Exit:
    """Print a NewslineError as one line on stderr; the exit carries its status."""
    print(f"newsline: error: {exc}", file=sys.stderr)
    return typer.Exit(exc.exit_status)


# Command modules register themselves on import; keep this list in CLI order.
from newsline.cli import articles as _articles  # noqa: E402,F401
from newsline.cli import status as _status  # noqa: E402,F401
from newsline.cli import stories as _stories  # noqa: E402,F401
from newsline.cli import temporal as _temporal  # noqa: E402,F401
from newsline.cli import timelines as _timelines  # noqa: E402,F401
from newsline.cli import web as _web  # noqa: E402,F401
