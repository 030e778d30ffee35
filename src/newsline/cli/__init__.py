"""The ``newsline`` command: thin wrappers over library functions.

Each command module registers its commands on :data:`app` (or on :data:`eval_app` for
``newsline eval ...``). Commands do not catch errors: the command group (:class:`Commands`)
converts them in one place, :func:`report_error`:

- a :class:`~newsline.errors.NewslineError` becomes one line on stderr and its exit status
  (2 for a usage error, 1 otherwise); a ConfigError naming a setting that is also an option of
  the command gets the option's name added;
- any other exception is a bug: one line saying which command failed, the version, the
  exception and what to report, exit status 1;
- the traceback is printed only with ``--debug`` or ``NEWSLINE_DEBUG=1``.
"""

from __future__ import annotations

import io
import os
import sys
import traceback
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from newsline import __version__
from newsline.cli.terminal import one_line
from newsline.errors import ConfigError, NewslineError

_PATH = "newsline.command"  # ctx.meta key: the command path as it is resolved, and the command
# Typer's own signals (exit, abort, usage errors) pass through: click reports them.
_SIGNALS = (typer.Exit, typer.Abort, typer.TyperException)


class Commands(TyperGroup):
    """A command group whose commands' errors are converted by :func:`report_error`."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Resolve as usual, and remember the command path for error messages."""
        name, command, rest = super().resolve_command(ctx, args)
        names, _ = ctx.meta.get(_PATH, ((), None))
        ctx.meta[_PATH] = ((*names, name), command)
        return name, command, rest

    def invoke(self, ctx: Any) -> Any:
        """Invoke the command; convert what it raises (typer's own exits pass through)."""
        try:
            return super().invoke(ctx)
        except _SIGNALS:
            raise
        except BrokenPipeError:  # the reader went away (``| head``): nothing to report
            _silence_stdout()
            raise typer.Exit(1) from None
        except Exception as exc:  # noqa: BLE001 - the one place that converts every error
            raise typer.Exit(report_error(exc, ctx)) from None


def report_error(exc: Exception, ctx: Any) -> int:
    """Print ``exc`` for the user (its traceback too when asked); the exit status."""
    names, command = ctx.meta.get(_PATH, ((), None))
    if debug_asked(ctx):
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, NewslineError):
        message = f"newsline: error: {one_line(exc)}{_option_hint(exc, command)}"
        status = exc.exit_status
    else:
        where = " ".join(("newsline", *names))
        message = (
            f"newsline: internal error in '{where}' (newsline {__version__}):"
            f" {type(exc).__name__}: {one_line(exc)} -- this is a bug: please report this line"
            " with the command you ran; run again with --debug for the traceback"
        )
        status = 1
    print(message, file=sys.stderr)
    return status


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the exit's flush does not fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # no real stdout (a test runner's): nothing to flush


def debug_asked(ctx: Any) -> bool:
    """``--debug`` was given (the NEWSLINE_DEBUG=1 environment variable sets it too)."""
    return bool(ctx.find_root().params.get("debug"))


def _option_hint(exc: NewslineError, command: Any) -> str:
    """`` (option --x)`` when a ConfigError names a setting that is an option of ``command``."""
    setting = getattr(exc, "setting", None)
    if not isinstance(exc, ConfigError) or setting is None or command is None:
        return ""
    for param in command.params:
        if param.name == setting and param.opts:
            envvar = f" or ${param.envvar}" if isinstance(param.envvar, str) else ""
            return f" (option {param.opts[0]}{envvar})"
    return ""


app = typer.Typer(
    name="newsline",
    cls=Commands,
    help="Turn piles of raw news into clean, deduplicated, dated, source-cited timelines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(
    cls=Commands, help="Score newsline against benchmark data.", no_args_is_help=True
)
app.add_typer(eval_app, name="eval")


@app.callback()
def main(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar="NEWSLINE_DEBUG",
            show_envvar=True,
            help="On an error, print the Python traceback as well (for a bug report).",
        ),
    ] = False,
) -> None:
    """Turn piles of raw news into clean, deduplicated, dated, source-cited timelines."""


# Command modules register themselves on import; keep this list in CLI order.
from newsline.cli import articles as _articles  # noqa: E402,F401
from newsline.cli import status as _status  # noqa: E402,F401
from newsline.cli import stories as _stories  # noqa: E402,F401
from newsline.cli import temporal as _temporal  # noqa: E402,F401
from newsline.cli import timelines as _timelines  # noqa: E402,F401
from newsline.cli import web as _web  # noqa: E402,F401
