"""Every command and every setting describes itself."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from newsline.cli import app
from newsline.settings import Settings, settings_help


def _commands(group: typer.core.TyperGroup, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        found.append((*prefix, name))
        if isinstance(command, typer.core.TyperGroup):
            found.extend(_commands(command, (*prefix, name)))
    return found


COMMANDS = _commands(typer.main.get_command(app))  # type: ignore[arg-type]


def test_core_commands_exist() -> None:
    assert {("ingest",), ("articles",), ("show",), ("demo",)} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    group = typer.main.get_command(app)
    for name in command:
        group = group.commands[name]  # type: ignore[attr-defined]
    assert group.help and group.help.strip()


def test_every_setting_has_help() -> None:
    helps = settings_help()
    assert helps and all(text.strip() for text in helps.values())


def test_unknown_setting_is_refused() -> None:
    with pytest.raises(Exception, match="unknown setting"):
        Settings().with_(no_such_knob=1)
