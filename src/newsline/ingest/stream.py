"""Read big files without holding them: a first pass for the hash and the encoding, then lines.

:func:`scan` reads the bytes once in chunks: size, SHA-256, whether they are blank or binary,
and whether all of them are UTF-8 (the whole file is checked, not a sample, since one bad byte
in a gigabyte would otherwise stop the run half way). :func:`read_lines` then yields the text
line by line, normalized as :func:`newsline.ingest.decode.normalize_text` normalizes a whole
text, so ``"\\n".join`` of the lines is the text a whole-file read gives, offsets included.
A line longer than its limit is read past in chunks and given as its length.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from newsline.errors import InputError
from newsline.ingest.decode import looks_binary
from newsline.ingest.files import open_regular

CHUNK = 1 << 20
_HEAD = 8192
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass(frozen=True, slots=True)
class Scan:
    """What one pass over a file's bytes found."""

    size: int
    sha256: str
    head: bytes  # the first bytes, for the binary test and an encoding guess
    blank: bool  # nothing but whitespace (or nothing)
    utf8: bool  # every byte sequence is UTF-8


def scan(path: Path) -> Scan:
    """Size, hash and UTF-8 validity of a file, read in chunks; InputError when unreadable."""
    digest = hashlib.sha256()
    checker = codecs.getincrementaldecoder("utf-8")()
    head, size, blank, utf8 = b"", 0, True, True
    try:
        with open_regular(path) as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                if len(head) < CHUNK:
                    head += chunk[: CHUNK - len(head)]
                size += len(chunk)
                blank = blank and not chunk.strip()
                utf8 = utf8 and _still_utf8(checker, chunk)
    except OSError as exc:
        raise InputError(f"unreadable: {exc.strerror or exc}", str(path)) from exc
    utf8 = utf8 and _still_utf8(checker, b"", final=True)
    return Scan(size, digest.hexdigest(), head, blank, utf8)


def _still_utf8(checker: codecs.IncrementalDecoder, chunk: bytes, final: bool = False) -> bool:
    try:
        checker.decode(chunk, final)
    except UnicodeDecodeError:
        return False
    return True


def streamable_encoding(found: Scan) -> tuple[str, str | None] | None:
    """(codec, note) to stream a text file with, or None when it is read whole.

    The checks of :func:`newsline.ingest.decode.decode`, in its order: blank, UTF-16 (read
    whole), binary, UTF-8 with or without BOM; anything else is guessed by the caller.
    """
    if found.blank:
        raise InputError("empty file")
    if found.head.startswith(_UTF16_BOMS):
        return None
    if looks_binary(found.head[:_HEAD]):
        raise InputError("binary content, not text")
    if not found.utf8:
        return None
    if found.head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "UTF-8 byte order mark removed"
    return "utf-8", None


def read_lines(path: Path, codec: str, limit: int) -> Iterator[str | int]:
    """The file's normalized lines; one longer than ``limit`` characters comes as its length.

    Line ends are CRLF, CR or LF (universal newlines), as in a whole-file read; an undecodable
    byte (possible only with a guessed codec) raises InputError.
    """
    try:
        with _text(path, codec) as handle:
            ended = True  # an empty text, or one ending with a line end, has an empty last line
            while raw := handle.readline(limit + 1):
                if len(raw) > limit and not raw.endswith("\n"):
                    length, ended = _skip_rest(handle, raw)
                    yield length or ""
                    continue
                ended = raw.endswith("\n")
                yield _normalized(raw.removesuffix("\n"))
            if ended:
                yield ""
    except UnicodeDecodeError as exc:
        raise InputError(f"undecodable as {codec}: {exc.reason}", str(path)) from None
    except OSError as exc:
        raise InputError(f"unreadable: {exc.strerror or exc}", str(path)) from exc


def head_text(path: Path, codec: str, chars: int = 4096) -> str:
    """The first ``chars`` characters after leading whitespace, normalized (to tell the format)."""
    text = ""
    try:
        with _text(path, codec) as handle:
            while len(text) < chars and (chunk := handle.read(chars)):
                text = (text + chunk).lstrip()
    except UnicodeDecodeError as exc:
        raise InputError(f"undecodable as {codec}: {exc.reason}", str(path)) from None
    return "\n".join(_normalized(line) for line in text.split("\n"))


def _text(path: Path, codec: str) -> TextIO:
    """``path`` opened as text with universal newlines; a regular file only."""
    return io.TextIOWrapper(open_regular(path), encoding=codec, newline=None)


def _normalized(line: str, strip: bool = True) -> str:
    line = unicodedata.normalize("NFC", line.replace("\ufeff", ""))
    return line.rstrip() if strip else line


def _skip_rest(handle: TextIO, start: str) -> tuple[int, bool]:
    """Read past the rest of a long line: its normalized length (up to its last non-space), and
    whether a line end closed it.

    Chunks are normalized apart, cut before an ASCII character: nothing composes across it,
    so the lengths add up to the length of the line normalized whole.
    """
    length, end, carry, chunk = 0, 0, "", start
    while chunk:
        closed = chunk.endswith("\n")
        text = carry + chunk.removesuffix("\n")
        cut = len(text) if closed else _last_ascii(text)
        part, carry = _normalized(text[:cut], strip=False), text[cut:]
        if part.rstrip():
            end = length + len(part.rstrip())
        length += len(part)
        if closed:
            return end, True
        chunk = handle.readline(CHUNK)
    part = _normalized(carry)
    return (length + len(part) if part else end), False


def _last_ascii(text: str) -> int:
    for i in range(len(text) - 1, max(len(text) - 4096, 0) - 1, -1):
        if text[i] < "\x80":
            return i
    return len(text)  # no ASCII near the end (some scripts): cut anyway
