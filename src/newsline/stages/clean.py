"""Turn one raw article into a clean :class:`Article`: headline, captions, body blocks.

Scraper noise removed here, in this order: the marker line; the copy of the header block after
it (headline and captions again); captions printed twice; the headline repeated as filler lines
inside the body; consecutive duplicate paragraphs; the page furniture of a saved text page
(reader comments, transcript notices, share lines: :mod:`newsline.stages.furniture`, counted in
the article's ``metadata["furniture"]``). Photo credits stay with their caption. Last, an
untitled article whose first line runs its headline into the story gets the headline as its
title and a heading (:func:`_run_in`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from newsline.errors import Drop
from newsline.records import Article, Block, RawDocument, Source
from newsline.settings import Settings
from newsline.stages.dating import date_from_metadata
from newsline.stages.furniture import (
    clock_stamps,
    inner_stamps,
    may_hold_furniture,
    remove_furniture,
    split_stamps,
    stamped_lines,
)
from newsline.stages.split import is_marker, looks_like_headline

#: A photo credit closing a caption: "(AP Photo/Name, File)", "(AFP)", "(Reuters/Name)".
CREDIT = re.compile(
    r"\((?P<agency>[A-Z]{2,6}|Reuters|Getty Images|Bloomberg|Xinhua|Anadolu|dpa|Photo)"
    # The name after "/" stops at the first comma, so the two groups never compete for the
    # same text (a long line of commas would otherwise take quadratic time to reject).
    r"(?:[ -](?:Photo|EFE|Images))?(?:\s*/[^(),]*)?(?:,[^()]*)?\)\s*$"
)
_FILE_CAPTION = re.compile(r"^(?:FILE|File)\s*[-–—:]\s")
_DECORATED_HEADING = re.compile(r"^\s*[-–—*#]+\s*(?P<text>[^-–—*#].*?)\s*[-–—*#]+\s*$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def fold(text: str) -> str:
    """A comparison key: NFKC, casefolded, straight quotes, one space between words."""
    if text.isascii():  # the common case, and NFKC and the quote table change no ASCII
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split())


def content_id(blocks: tuple[Block, ...], title: str) -> str:
    """The article id: a hash of the normalized body (the title when the body is empty)."""
    return _id_of([fold(b.text) for b in blocks], title)


def _id_of(keys: list[str], title: str) -> str:
    """:func:`content_id` from the blocks' folded texts (``keys``), folded once in cleaning."""
    key = "\n".join(keys) or fold(title)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def is_caption(line: str) -> bool:
    """A photo caption: ends with a photo credit, or is an archive ('FILE -') caption."""
    return bool(CREDIT.search(line) or _FILE_CAPTION.match(line))


def _text_fields(doc: RawDocument) -> tuple[str | None, ...]:
    blocks = tuple(b.text for b in doc.blocks)
    return (doc.text, doc.title, doc.outlet, doc.url, doc.external_id, doc.published, *blocks)


def _without_nul(doc: RawDocument) -> RawDocument:
    """NUL characters removed: junk in news text, and PostgreSQL text cannot hold them, so both
    stores keep the same article."""

    def strip(value: str | None) -> str | None:
        return value.replace("\x00", "") if value is not None else None

    return replace(
        doc,
        text=doc.text.replace("\x00", ""),
        title=strip(doc.title),
        outlet=strip(doc.outlet),
        url=strip(doc.url),
        external_id=strip(doc.external_id),
        published=strip(doc.published),
        blocks=tuple(Block(b.kind, b.text.replace("\x00", "")) for b in doc.blocks),
    )


def clean(doc: RawDocument, settings: Settings) -> Iterator[Article]:
    """One clean article from one raw article; empty ones are dropped with a reason."""
    if len(doc.text) > settings.max_article_chars:
        raise Drop(f"article longer than {settings.max_article_chars} characters")
    raw = doc.text
    if any("\x00" in (value or "") for value in _text_fields(doc)):
        doc = _without_nul(doc)
        raw = raw.replace("\x00", "\ufffd")  # same length, so the span still fits it
    furniture: Counter[str] = Counter()
    if doc.structured:
        title, captions, (blocks, keys) = _structured_parts(doc, settings, furniture)
    else:
        title, captions, (blocks, keys) = _dump_parts(doc, settings, furniture)
    if not title:
        title, blocks, keys = _run_in(blocks, keys)
    body_chars = sum(len(b.text) for b in blocks if b.kind == "paragraph")
    if body_chars < settings.min_body_chars:
        raise Drop("empty article: no body text")
    source = Source(
        path=doc.path,
        position=doc.position,
        format=doc.format,
        encoding=doc.encoding,
        span=doc.span,
        raw=raw,
        external_id=doc.external_id,
        url=doc.url,
        outlet=doc.outlet,
        encoding_note=doc.encoding_note,
    )
    published = date_from_metadata(doc.published)
    yield Article(
        id=_id_of(keys, title),
        title=title or _title_from(blocks),
        captions=captions,
        blocks=blocks,
        published=published,
        source=source,
        agency=_agency(captions) or doc.outlet,
        metadata={**doc.metadata, "furniture": dict(furniture)}
        if furniture
        else dict(doc.metadata),
    )


#: A cleaned body: its blocks and each block's folded text.
_Body = tuple[tuple[Block, ...], list[str]]


def _structured_parts(
    doc: RawDocument, settings: Settings, furniture: Counter[str]
) -> tuple[str, tuple[str, ...], _Body]:
    if doc.blocks:
        blocks = doc.blocks
        keys = [fold(b.text) for b in blocks]
    else:  # a paragraph a non-blank line, its spaces made single, the page furniture out
        text = doc.text
        tidy: bool | None = _tidy(text)
        lines: _Body | None = None
        # on the lines as they are, before joining; a broken ticker ("-LRB- BP .\nL -RRB-")
        # is mended first, which may bring an opening onto one line: the plain cue test then
        if may_hold_furniture(text, bool(tidy) and "-RRB-" not in text):
            lines = _paragraphs(text, join=False, tidy=tidy)
            kept, removed = remove_furniture([b.text for b in lines[0]])
            if removed:
                furniture.update(removed)
                text, tidy, lines = "\n".join(kept), None, None
        # the lines read for furniture are the paragraphs when none was removed or joins
        if lines is None or _CONTINUED.search(text):
            lines = _paragraphs(text, tidy=tidy)
        blocks, keys = lines
    blocks, keys = _stamped(blocks, keys, settings, furniture)
    return (doc.title or "").strip(), (), _dedupe_blocks(blocks, keys, doc.title or "")


def _paragraphs(
    text: str, join: bool = True, tidy: bool | None = None
) -> tuple[tuple[Block, ...], list[str]]:
    """A paragraph a non-blank line, its spaces made single; and their folded texts. A wire
    ticker broken over two lines is mended, and (with ``join``) a line that goes on from the
    one before is joined to it (:func:`_joined`). Most texts are tidy already (a few substring
    tests say so): their lines are the paragraphs as they are, and an ASCII text's folded
    lines are its lowered lines. ``tidy``: :func:`_tidy` of ``text``, when known."""
    mended = _mended_tickers(text)
    if tidy is None or mended is not text:
        tidy = _tidy(mended)
    text = mended
    if tidy:
        paragraphs = [line for line in text.split("\n") if line]
    else:
        paragraphs = [p for line in text.split("\n") if (p := " ".join(line.split()))]
    if join and _CONTINUED.search(text):
        paragraphs = _joined(paragraphs)
    blocks = tuple(Block("paragraph", p) for p in paragraphs)
    if text.isascii():  # fold(p) for a single-spaced ASCII p is p.lower()
        return blocks, [p.lower() for p in paragraphs]
    return blocks, [p.lower() if p.isascii() else fold(p) for p in paragraphs]


# A wire's stock ticker that a sentence splitter broke at its dot, the line with it:
# "BP Plc -LRB- BP ." / "L -RRB- failed to reassure investors" is "BP Plc -LRB- BP.L -RRB- ...".
_TICKER = re.compile(r"(-LRB- [A-Za-z0-9]{1,6}) \.[ \t]*\n\s*([A-Z]{1,2} -RRB-)")
# A line opening in lowercase or with a comma goes on from the line before it: a page that
# broke a sentence at a link ("In my report Avian flu : time to shut the ... ?" / "of 2006 , I
# outlined ...") or at an abbreviation ("... Sen. Bob Graham , D-Fla ." / ", left , and ...").
_CONTINUED = re.compile(r"\n[ \t]*[a-z,;]")


def _mended(lines: list[str]) -> list[str]:
    """A dump's body lines with a broken wire ticker mended and the lines that go on from the
    one before joined to it, as :func:`_paragraphs` does a text's."""
    text = "\n".join(lines)
    mended = _mended_tickers(text)
    if mended is not text:
        lines = mended.split("\n")
    return _joined(lines) if _CONTINUED.search(text) else lines


def _mended_tickers(text: str) -> str:
    """``text`` with each wire ticker broken at its dot whole again (``text`` itself, the
    same object, when it holds none)."""
    if "-RRB-" not in text or not _TICKER.search(text):
        return text
    return _TICKER.sub(r"\1.\2", text)


def _joined(paragraphs: list[str]) -> list[str]:
    """Each paragraph that opens with a lowercase word ("of", not "iPhone") or a comma joined
    to the one before it."""
    out: list[str] = []
    for paragraph in paragraphs:
        first = paragraph.split(" ", 1)[0]
        if out and (first[0] in ",;" or (first.islower() and first.isascii())):
            out[-1] = f"{out[-1]} {paragraph}"
        else:
            out.append(paragraph)
    return out


def _tidy(text: str) -> bool:
    """True when each line of ``text`` is its words joined by single spaces: no space opens or
    closes a line, none follows another, and no other whitespace but line breaks (every other
    whitespace character is unprintable). Plain substring tests: a regex costs 3x more; an
    ASCII text's unprintable characters are the bytes left when the printable ones go."""
    if "  " in text or " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        return False
    if text.isascii():
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return text.replace("\n", "").isprintable()


#: The printable ASCII characters (those ``str.isprintable`` takes) and the line break.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def _dump_parts(
    doc: RawDocument, settings: Settings, furniture: Counter[str]
) -> tuple[str, tuple[str, ...], _Body]:
    lines = [line.strip() for line in doc.text.split("\n")]
    content = [line for line in lines if line]
    title = content[0] if content and looks_like_headline(content[0], settings) else ""
    rest = content[1:] if title else content
    header, body = _header_and_body(rest, settings)
    captions = _captions(header)
    seen = {fold(line) for line in header} | {fold(title)}
    # After the marker the scraper prints the header block again: skip that copy.
    while body and fold(body[0]) in seen:
        body = body[1:]
    caption_keys = {fold(c) for c in captions} | {fold(line) for line in header}
    kept, removed = remove_furniture([line for line in body if fold(line) not in caption_keys])
    furniture.update(removed)
    blocks = tuple(_block(line, settings) for line in _mended(kept))
    blocks, keys = _stamped(blocks, [fold(b.text) for b in blocks], settings, furniture)
    return title, captions, _dedupe_blocks(blocks, keys, title)


def _stamped(
    blocks: tuple[Block, ...], keys: list[str], settings: Settings, furniture: Counter[str]
) -> _Body:
    """Update stamps printed into paragraphs cut out as ``dateline`` blocks of their own
    (:func:`newsline.stages.furniture.split_stamps`: they date the page, they are no sentence
    of it), photo credits and server notices removed, and a live page's clock stamps
    (:func:`newsline.stages.furniture.clock_stamps`); the blocks and their folded texts."""
    blocks, keys = _unclocked(blocks, keys, furniture)
    marked = stamped_lines([b.text for b in blocks])
    if not marked:
        return blocks, keys  # the common case: one search over the whole text
    out: list[Block] = []
    out_keys: list[str] = []
    for number, (block, key) in enumerate(zip(blocks, keys, strict=True)):
        pieces = split_stamps(block.text, furniture) if number in marked else [(False, block.text)]
        if len(pieces) == 1 and not pieces[0][0]:
            same = pieces[0][1] == block.text
            out.append(block if same else Block(block.kind, pieces[0][1]))
            out_keys.append(key if same else fold(pieces[0][1]))
            continue
        for stamp, text in pieces:
            out.append(Block("dateline", text) if stamp else _block(text, settings))
            out_keys.append(fold(text))
    return tuple(out), out_keys


def _unclocked(blocks: tuple[Block, ...], keys: list[str], furniture: Counter[str]) -> _Body:
    """A live page's entries without the times they were posted ("2005 Paris Hilton ..." is
    no sentence of 2005): the blocks and their folded texts."""
    texts = [b.text for b in blocks]
    stamps = clock_stamps(texts)
    if not stamps:
        return blocks, keys
    inner = inner_stamps(texts, stamps)
    furniture["clock stamps"] += sum(1 for cut in stamps if cut) + sum(map(len, inner))
    out: list[Block] = []
    out_keys: list[str] = []
    for block, key, cut, spans in zip(blocks, keys, stamps, inner, strict=True):
        if not cut and not spans:
            out.append(block)
            out_keys.append(key)
            continue
        # the entries a paragraph holds, each a block of its own, without their stamps
        ends = [cut, *(e for _, e in spans)]
        starts = [s for s, _ in spans] + [len(block.text)]
        for start, end in zip(ends, starts, strict=True):
            text = block.text[start:end]
            out.append(Block(block.kind, text))
            out_keys.append(fold(text))
    return tuple(out), out_keys


def _header_and_body(rest: list[str], settings: Settings) -> tuple[list[str], list[str]]:
    """Lines before the marker are the header; without a marker, leading caption lines are."""
    for index, line in enumerate(rest):
        if is_marker(line, settings):
            return rest[:index], rest[index + 1 :]
    count = 0
    while count < len(rest) and is_caption(rest[count]):
        count += 1
    return rest[:count], rest[count:]


def _captions(header: list[str]) -> tuple[str, ...]:
    """Group caption lines (a caption ends at its photo credit) and drop repeats."""
    captions: list[str] = []
    pending: list[str] = []
    for line in header:
        pending.append(line)
        if CREDIT.search(line):
            captions.append(" ".join(pending))
            pending = []
    if pending:
        captions.extend(pending)
    unique: dict[str, str] = {}
    for caption in captions:
        unique.setdefault(fold(caption), caption)
    return tuple(unique.values())


# A page's headline (and the caption below it) run into the first sentence, as saved pages
# print them: "Police fire gun shots to disperse looters in Port-au-Prince More than 2,000 US
# Marines are set to ...". The story opens with a word that opens sentences, not names ("The"
# before a lowercase word: not "The Hague"; "A" not after a label: "Class A drugs", "Plan A",
# "hepatitis A"), after five words or more with no stop, the last a word's end.
_LABELS = frozenset(
    "class plan type grade category group terminal ward section block gate level division part "
    "stage phase route platform series team pool league influenza hepatitis vitamin".split()
)
_RUN_IN = re.compile(
    r"(?P<head>[^\s.!?:;]+(?:\s+[^\s.!?:;]+){4,}?)(?<=\w)\s+(?=(?P<opener>The(?=\s+[a-z])"
    r"|An?|More|Thousands|Hundreds|Dozens|Millions|Tens|Many|Some|Several)\s+\S)"
)
_RUN_IN_HEAD = 200  # characters a headline and its caption fill at most
# A byline or a page's furniture opening the line is no headline ("By Ann Smith BBC News ...").
_NOT_HEADLINE = re.compile(r"(?:By|cents|More Headlines)\b")


def _run_in(blocks: tuple[Block, ...], keys: list[str]) -> tuple[str, tuple[Block, ...], list[str]]:
    """An untitled article whose first paragraph opens with its headline run into the story
    (:data:`_RUN_IN`): the headline is its title and a heading, the story its first paragraph."""
    if not blocks or blocks[0].kind != "paragraph":
        return "", blocks, keys
    first = blocks[0].text
    m = _RUN_IN.match(first, 0, _RUN_IN_HEAD + 1)
    if m is None or _NOT_HEADLINE.match(first):
        return "", blocks, keys
    if m["opener"] in ("A", "An") and m["head"].rsplit(None, 1)[-1].lower() in _LABELS:
        return "", blocks, keys  # "Police seized Class A drugs ..."
    head, story = m["head"], first[m.end() :]
    parts = (Block("heading", head), Block("paragraph", story))
    return head, parts + blocks[1:], [fold(head), fold(story), *keys[1:]]


def _block(line: str, settings: Settings) -> Block:
    decorated = _DECORATED_HEADING.match(line)
    if decorated and len(line) <= 120:
        return Block("heading", decorated["text"])
    words = line.split()
    if len(words) <= 10 and looks_like_headline(line, settings) and not _ends_like_sentence(line):
        return Block("heading", line)
    return Block("paragraph", line)


def _ends_like_sentence(line: str) -> bool:
    return line.rstrip().endswith(("!", "?", '"', "”", "'", "’", ")"))


def _dedupe_blocks(blocks: tuple[Block, ...], folded: list[str], title: str) -> _Body:
    """Drop the headline repeated as filler and paragraphs repeated back to back; the blocks
    kept and their folded texts (``folded``: each block is folded once, the id hashes them)."""
    title_key = fold(title)
    kept: list[Block] = []
    keys: list[str] = []
    for block, key in zip(blocks, folded, strict=True):
        if title_key and key == title_key:
            continue
        if keys and keys[-1] == key:
            continue
        kept.append(block)
        keys.append(key)
    while kept and kept[-1].kind != "paragraph":
        kept.pop()
        keys.pop()
    return tuple(kept), keys


def _title_from(blocks: tuple[Block, ...]) -> str:
    first = next((b.text for b in blocks if b.kind == "paragraph"), "")
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence if len(sentence) <= 120 else sentence[:117].rstrip() + "..."


def _agency(captions: tuple[str, ...]) -> str | None:
    for caption in captions:
        match = CREDIT.search(caption)
        if match:
            agency = match["agency"]
            return None if agency == "Photo" else agency
    return None
