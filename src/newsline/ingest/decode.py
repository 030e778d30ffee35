"""Bytes to text: detect the encoding, normalize BOM and line ends, refuse what is not text."""

from __future__ import annotations

import unicodedata

from charset_normalizer import from_bytes

from newsline.errors import InputError

# Bytes that never occur in text files; a few of them mean binary data.
_BINARY_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27}


def looks_binary(data: bytes) -> bool:
    """True when a sample of the bytes has NULs or many control bytes (images, archives, PDFs)."""
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    controls = sum(1 for b in sample if b in _BINARY_CONTROL)
    return bool(sample) and controls / len(sample) > 0.01


_WESTERN = ["cp1252", "latin_1", "iso8859_15", "cp1250", "cp1251", "cp1253", "cp1254"]


def decode(data: bytes) -> tuple[str, str, str | None]:
    """(text, encoding, note) for file bytes; raises InputError when they are not text.

    UTF-8 (with or without BOM) is tried first since nearly all news is UTF-8; otherwise
    charset-normalizer guesses, and the guess is returned as a note so it can be recorded.
    """
    if not data.strip():
        raise InputError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return normalize_text(data.decode("utf-16")), "utf-16", "UTF-16 byte order mark"
        except UnicodeDecodeError as exc:  # truncated (odd length) or a lone surrogate
            raise InputError(f"undecodable: UTF-16 byte order mark but {exc.reason}") from None
    if looks_binary(data):
        raise InputError("binary content, not text")
    try:
        text = data.decode("utf-8-sig")
        note = "UTF-8 byte order mark removed" if data.startswith(b"\xef\xbb\xbf") else None
        return normalize_text(text), "utf-8", note
    except UnicodeDecodeError:
        pass
    return _guess(data)


def guess_encoding(head: bytes) -> tuple[str, str]:
    """(codec, note) guessed from the first bytes of a file too big to decode whole."""
    _, encoding, note = _guess(head[: head.rfind(b"\n") + 1] or head)
    return encoding, note or ""


def _guess(data: bytes) -> tuple[str, str, str | None]:
    """Western code pages first, cp1252 preferred on a near tie (the usual legacy news encoding)."""
    results = list(from_bytes(data, cp_isolation=_WESTERN))
    best = min(results, key=lambda r: r.chaos, default=None)
    usual = next((r for r in results if "cp1252" in r.could_be_from_charset), None)
    if best is not None and usual is not None and usual.chaos <= best.chaos + 0.02:
        best = usual
    if best is None:
        # Other scripts (Shift-JIS, GBK ...) only when the result reads as some language.
        best = from_bytes(data).best()
        if best is not None and best.coherence <= 0:
            best = None
    if best is None:
        raise InputError("undecodable: not UTF-8 and no legacy encoding fits")
    encoding, text = best.encoding, str(best)
    if best is usual:
        encoding = "cp1252"
    if _mostly_unprintable(text):
        raise InputError(f"undecodable: best guess {encoding} gives no readable text")
    return normalize_text(text), encoding, f"decoded as {encoding} (guessed, not UTF-8)"


def _mostly_unprintable(text: str) -> bool:
    sample = text[:4000]
    bad = sum(
        1 for ch in sample if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t"
    )
    return bool(sample) and bad / len(sample) > 0.02


def normalize_text(text: str) -> str:
    """NFC, one kind of line end (\\n), no BOM, no trailing spaces on lines."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n"))
