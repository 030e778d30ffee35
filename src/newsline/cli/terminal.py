"""What the CLI prints on a terminal: text from the data made safe to show.

Article text, titles, file names and error messages come from files nobody here wrote. Printed
raw, an escape sequence in them (``ESC ] 0 ; ... BEL`` sets the window title, ``ESC [ 31 m``
colours, ``CR`` overwrites a line, C1 ``0x9b`` is a CSI on some terminals) acts on the user's
terminal. Every CLI printer passes such text through one of these helpers:

- :func:`plain` drops escape sequences whole, then every other C0/C1 control but tab and
  newline (and DEL): for Markdown, tables and messages;
- :func:`markup` is :func:`plain` with rich's ``[tag]`` markup escaped, for text given to rich;
- :func:`json_text` keeps JSON lossless: it escapes the controls json.dumps leaves raw (DEL
  and C1) as ``\\u`` sequences, so the data is unchanged and the terminal is safe.

Files written with ``-o`` keep the text as it is.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rich.markup import escape

# ESC [ ... final byte (CSI), ESC ] ... BEL or ESC \ (OSC), other ESC sequences (ESC c, ESC ( B);
# C1 CSI (0x9b) and OSC (0x9d) the same way.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RAW_IN_JSON = re.compile(r"[\x7f-\x9f]")


def plain(text: object) -> str:
    """``text`` without terminal escape sequences and control characters (tab, newline kept)."""
    return _CONTROL.sub("", _SEQUENCE.sub("", str(text)))


def markup(text: object) -> str:
    """:func:`plain`, with rich markup (``[bold]``, ``[/x]``) escaped: shown as written."""
    return escape(plain(text))


def one_line(text: object) -> str:
    """:func:`plain` on one line: line breaks become spaces (for messages)."""
    return " ".join(plain(text).split())


def json_text(value: Any, indent: int | None = 2) -> str:
    """``value`` as JSON (non-ASCII kept), made safe by :func:`json_safe`."""
    return json_safe(json.dumps(value, ensure_ascii=False, indent=indent))


def json_safe(text: str) -> str:
    """JSON text with DEL and C1 controls escaped as ``\\uXXXX``: the same data, safe to show.

    json.dumps escapes C0 controls itself; outside strings JSON holds no controls at all.
    """
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
