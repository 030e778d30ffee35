"""Commands for the time tagger: ``newsline tag`` and ``newsline eval timex``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from newsline.cli import app, eval_app
from newsline.cli.terminal import json_safe, plain
from newsline.errors import ConfigError, InputError
from newsline.evaluate.tempeval import evaluate_folder, format_scores
from newsline.evaluate.timeml import TimeMLDocument, load_document, write_timeml
from newsline.records import TimeMention
from newsline.temporal import Tagger

FORMATS = ("json", "timeml")


@app.command("tag")
def tag_command(
    paths: Annotated[list[Path], typer.Argument(help="Text or TimeML (.tml) files, or folders.")],
    dct: Annotated[
        str | None,
        typer.Option("--dct", help="Publication date YYYY-MM-DD (default: a .tml file's <DCT>)."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="json or timeml.")] = "json",
    out: Annotated[
        Path | None, typer.Option("--out", help="Write one file per input into this folder.")
    ] = None,
) -> None:
    """Tag time expressions (TIMEX3 type, value, mod and a day interval) in text files.

    For a .tml input only the <TEXT> content is tagged, anchored on its <DCT>; gold tags are
    ignored. Without --out, JSON is printed one object per input and line. With --format timeml
    --out DIR each input becomes a TimeML file of the same name (a .txt input gets .txt.tml)
    whose TIMEX3 values and mods are in TimeML form: decades as 197, ranges across words as
    two TIMEX3s, MID_END as END (see newsline.evaluate.timeml).
    """
    for name, content in run_tag(paths, dct, fmt, out):
        if out is None:
            typer.echo(json_safe(content) if fmt == "json" else plain(content))
        else:
            typer.echo(str(out / name), err=True)


def run_tag(
    paths: list[Path], dct: str | None, fmt: str, out: Path | None
) -> list[tuple[str, str]]:
    """(output file name, content) for each input; files are written when ``out`` is given."""
    if fmt not in FORMATS:
        raise ConfigError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    anchor = parse_dct(dct)
    tagger = Tagger()
    results = []
    for path in expand(paths):
        doc = load_document(path, anchor)
        mentions = tagger.tag(doc.text, doc.dct)
        if fmt == "timeml":
            name = path.name if path.suffix in (".tml", ".timeml") else f"{path.name}.tml"
            content = write_timeml(path.stem, doc.text, doc.dct, mentions)
        else:
            name = f"{path.name}.json"
            content = json.dumps(as_json(path, doc, mentions), ensure_ascii=False)
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / name).write_text(content, encoding="utf-8")
        results.append((name, content))
    return results


def parse_dct(text: str | None) -> date | None:
    """The --dct option as a date; a ConfigError says what to write instead."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--dct must be a date like 2023-09-12, not {text!r}") from None


def expand(paths: list[Path]) -> list[Path]:
    """Files as given, folders as their .tml, .timeml and .txt files (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.suffix in (".tml", ".timeml", ".txt"))
            )
        elif path.is_file():
            files.append(path)
        else:
            raise InputError("no such file or folder", str(path))
    return files


def as_json(path: Path, doc: TimeMLDocument, mentions: list[TimeMention]) -> dict[str, Any]:
    """One document's mentions as a JSON-ready dict."""
    return {
        "path": str(path),
        "dct": doc.dct.isoformat() if doc.dct else None,
        "mentions": [
            {
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "value": m.value,
                "mod": m.mod,
                "interval": None
                if m.interval is None
                else {
                    "start": m.interval.start.isoformat(),
                    "end": m.interval.end.isoformat(),
                    "granularity": m.interval.granularity,
                },
            }
            for m in mentions
        ],
    }


@eval_app.command("timex")
def eval_timex_command(
    folder: Annotated[Path, typer.Argument(help="Folder of TimeML (.tml) files with gold TIMEX3.")],
    as_json_flag: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the time tagger on TimeML files with the TempEval-3 measures.

    Prints strict and relaxed extent precision/recall/F1, type and value F1 (relaxed match with
    the attribute right) and accuracies. The DCT is given to the tagger, never scored.
    """
    if not folder.is_dir():
        raise InputError("not a folder", str(folder))
    result = evaluate_folder(folder)
    if as_json_flag:
        typer.echo(json.dumps(result.as_dict(), indent=2))
    else:
        typer.echo(format_scores(result))
