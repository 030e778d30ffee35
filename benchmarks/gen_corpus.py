"""A synthetic news corpus of N articles with a known share of near duplicates, for benchmarks.

Built at run time from the T17 articles (``../shared/data/t17/<topic>/articles.jsonl``, all
topics); nothing of them is stored in the repository. Every generated article is one of:

    original   a new article: a T17 article (its first 40 sentences, detokenized) with most
               content words (``--rewrite``, default 60 % of words of 3+ letters) replaced by
               words drawn from the whole T17 vocabulary, a paragraph of another article of the
               same topic added half the time, every year shifted into another year (so the
               article is re-dated), a new headline and outlet. Two originals of the same T17
               article share about 1 % of their 5-word shingles and a T17 article and its
               rewrite about 8 %: neither is a near duplicate (the linking threshold is 70 %).
    reprint    a copy of an earlier original, dated 0-3 days after it, by another outlet, one of
               exact       the same headline and body
               headline    the same body under a new headline
               edits       about 3 % of the words replaced, deleted or inserted
               trim        the last 20-40 % of the paragraphs cut
               edits+trim  both

``--dup-share`` (default 0.3) of the articles are reprints, drawn from the originals generated
before them. Articles are written, in generation order, as JSONL files (``--per-jsonl``
articles a file), multi-article text dumps (headline, blank line, an optional photo caption,
paragraphs separated by one blank line, articles by three; ``--per-dump`` a file) and HTML pages
(one article a file, ``--html-share``, default 3 %), all under ``OUT/data/`` (the folder to
ingest). ``OUT/truth.jsonl`` has one line per article:
``id``, ``file`` (relative to the output folder), ``position`` (what the store's ``sources``
row records: the JSONL line number, the article's index in a dump, 0 for a page), ``format``,
``kind``, ``original`` (the generated id of the original it copies, its own id for an
original) and ``source`` (the T17 article it was made from). The truth clusters of
near-duplicate scoring are an original with its reprints. Same seed, same bytes.

Usage: .venv/bin/python benchmarks/gen_corpus.py OUT_DIR [-n 10000] [--seed 17] [--t17 DIR]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "data" / "t17"
DATA = "data"  # the folder to ingest, beside truth.jsonl and corpus.json
REPRINT_KINDS = ("exact", "headline", "edits", "trim", "edits+trim")
_KIND_WEIGHTS = (0.15, 0.25, 0.25, 0.2, 0.15)
_MAX_SENTENCES = 40
_MIN_WORDS = 60
_OUTLETS = (
    "Harbor Ledger",
    "Northfield Courier",
    "Valley Dispatch",
    "Coastline Herald",
    "Metro Wire",
    "Plains Gazette",
    "Riverside Post",
    "Summit Tribune",
    "Capital Bulletin",
    "Lakeshore Times",
)
_PHOTOGRAPHERS = ("Ana Reyes", "Tom Okafor", "Lena Park", "Ravi Menon", "Joe Brandt")
_DETOKENIZE = (
    (re.compile(r"-LRB-\s*"), "("),
    (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r"\s+([.,;:!?%])"), r"\1"),
    (re.compile(r"\$\s+"), "$"),
)
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_WORD_OK = re.compile(r"[A-Za-z]{3,}")
_TERMINAL = ".,;:"


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """A T17 article as tokens, with a mask of the words a rewrite may replace."""

    key: str
    topic: str
    published: date
    tokens: np.ndarray  # words (an object array), with "\n" between sentences
    eligible: np.ndarray  # words a rewrite may replace (3+ letters)
    upper: np.ndarray  # words that start with a capital


@dataclass(slots=True)
class Generated:
    """One generated article and what the truth file says about it."""

    gid: str
    kind: str
    original: str
    source: str
    title: str
    paragraphs: list[str]
    published: date
    outlet: str
    caption: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


def detokenize(sentence: str) -> str:
    """Undo the Penn-Treebank tokenization of the T17 text ("spill ." -> "spill.")."""
    for pattern, repl in _DETOKENIZE:
        sentence = pattern.sub(repl, sentence)
    return " ".join(sentence.split())


def load_sources(t17: Path) -> tuple[list[SourceArticle], list[str]]:
    """The usable T17 articles (at least 60 words) and the vocabulary (words of 5+ letters,
    with repeats, so frequent words are drawn more often)."""
    sources: list[SourceArticle] = []
    vocab: list[str] = []
    for path in sorted(t17.glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            sentences = [detokenize(s) for s in item.get("text", "").split("\n") if s.strip()]
            tokens: list[str] = []
            for sentence in sentences[:_MAX_SENTENCES]:
                tokens.extend(sentence.split())
                tokens.append("\n")
            words = [t for t in tokens if t.isalpha()]
            vocab.extend(w.lower() for w in words if len(w) >= 5)
            if len(words) < _MIN_WORDS:
                continue
            eligible = np.fromiter((bool(_WORD_OK.fullmatch(t)) for t in tokens), dtype=bool)
            upper = np.fromiter((t[0].isupper() for t in tokens), dtype=bool)
            published = date.fromisoformat(str(item.get("published", "2010-01-01"))[:10])
            key = f"{path.parent.name}/{item['id']}"
            array = np.array(tokens, dtype=object)
            sources.append(SourceArticle(key, path.parent.name, published, array, eligible, upper))
    if not sources:
        raise SystemExit(f"no T17 articles under {t17}")
    return sources, vocab


class Maker:
    """Makes originals and reprints from the sources with one seeded generator."""

    def __init__(self, sources: list[SourceArticle], vocab: list[str], seed: int, rewrite: float):
        self.sources = sources
        self.vocab = vocab
        self.lower = np.array(vocab, dtype=object)
        self.capitalized = np.array([w.capitalize() for w in vocab], dtype=object)
        self.rewrite = rewrite
        self.gen = np.random.default_rng(seed)
        self.by_topic: dict[str, list[int]] = {}
        for index, source in enumerate(sources):
            self.by_topic.setdefault(source.topic, []).append(index)

    def original(self, gid: str) -> Generated:
        """A heavily rewritten, re-dated T17 article (not a near duplicate of it)."""
        gen = self.gen
        source = self.sources[int(gen.integers(len(self.sources)))]
        tokens = self._substitute(source, self.rewrite)
        paragraphs = self._paragraphs(tokens)
        if gen.random() < 0.5:  # a paragraph of another article of the topic, also rewritten
            pool = self.by_topic[source.topic]
            other = self.sources[pool[int(gen.integers(len(pool)))]]
            extra = self._paragraphs(self._substitute(other, 0.6))
            paragraphs.insert(int(gen.integers(1, len(paragraphs) + 1)), extra[0])
        shift = int(gen.choice([y for y in range(-12, 15) if y not in (-1, 0, 1)]))
        paragraphs = [_shift_years(p, shift) for p in paragraphs]
        published = _shift_date(source.published, shift)
        return Generated(
            gid,
            "original",
            gid,
            source.key,
            self._headline(paragraphs),
            paragraphs,
            published,
            _OUTLETS[int(gen.integers(len(_OUTLETS)))],
        )

    def reprint(self, gid: str, original: Generated) -> Generated:
        """A copy of ``original`` of a random kind (see the module docstring)."""
        gen = self.gen
        kind = REPRINT_KINDS[int(gen.choice(len(REPRINT_KINDS), p=_KIND_WEIGHTS))]
        paragraphs = list(original.paragraphs)
        title = original.title
        if kind != "exact":
            title = self._headline(paragraphs, new=True)
        if "edits" in kind:
            paragraphs = self._edit(paragraphs, 0.03)
        if "trim" in kind and len(paragraphs) > 1:
            keep = max(1, round(len(paragraphs) * (1 - gen.uniform(0.2, 0.4))))
            paragraphs = paragraphs[:keep]
        outlets = [o for o in _OUTLETS if o != original.outlet]
        return Generated(
            gid,
            kind,
            original.gid,
            original.source,
            title,
            paragraphs,
            original.published + timedelta(days=int(gen.integers(0, 4))),
            outlets[int(gen.integers(len(outlets)))],
        )

    def _substitute(self, source: SourceArticle, rate: float) -> list[str]:
        """The source's words, each eligible one replaced with probability ``rate`` by a
        vocabulary word (capitalized where the word it replaces was)."""
        gen = self.gen
        tokens = source.tokens.copy()
        chosen = np.flatnonzero(source.eligible & (gen.random(len(tokens)) < rate))
        picks = gen.integers(0, len(self.vocab), size=len(chosen))
        tokens[chosen] = np.where(source.upper[chosen], self.capitalized[picks], self.lower[picks])
        return tokens.tolist()

    def _paragraphs(self, tokens: list[str]) -> list[str]:
        """Sentences grouped into paragraphs of one to three sentences."""
        sentences = [s.strip() for s in " ".join(tokens).split("\n") if s.strip()]
        sizes = self.gen.integers(1, 4, size=len(sentences))
        paragraphs, start = [], 0
        for size in sizes.tolist():
            if start >= len(sentences):
                break
            paragraphs.append(" ".join(sentences[start : start + size]))
            start += size
        return paragraphs

    def _headline(self, paragraphs: list[str], new: bool = False) -> str:
        """The opening words of the first (or, for ``new``, a random) paragraph."""
        index = int(self.gen.integers(len(paragraphs))) if new else 0
        words = paragraphs[index].split()
        count = min(int(self.gen.integers(6, 12)), max(len(words) - 1, 1))
        headline = " ".join(words[:count]).rstrip(_TERMINAL + " \"'(")
        headline = headline or "News in brief"
        if new:
            headline += " " + ("- update", "as it happened", "report", "latest")[index % 4]
        return headline[:1].upper() + headline[1:]

    def _edit(self, paragraphs: list[str], rate: float) -> list[str]:
        """About ``rate`` of the words replaced, deleted or inserted (a third each)."""
        gen = self.gen
        edited = []
        for paragraph in paragraphs:
            words = paragraph.split()
            rolls = gen.random(len(words))
            out = []
            for word, roll in zip(words, rolls.tolist(), strict=True):
                if roll < rate / 3:
                    continue
                if roll < 2 * rate / 3:
                    out.append(self.vocab[int(gen.integers(len(self.vocab)))])
                    continue
                out.append(word)
                if roll < rate:
                    out.append(self.vocab[int(gen.integers(len(self.vocab)))])
            edited.append(" ".join(out) or paragraph)
        return edited


def _shift_years(text: str, shift: int) -> str:
    return (
        _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
        if "19" in text or "20" in text
        else text
    )


def _shift_date(day: date, shift: int) -> date:
    try:
        return day.replace(year=day.year + shift)
    except ValueError:  # 29 February
        return day.replace(year=day.year + shift, day=28)


class Writer:
    """Routes generated articles to JSONL files, text dumps and HTML pages; writes the truth."""

    def __init__(self, out: Path, per_jsonl: int, per_dump: int) -> None:
        self.out = out
        self.per = {"jsonl": per_jsonl, "dump": per_dump}
        self.buffers: dict[str, list[str]] = {"jsonl": [], "dump": []}
        self.counts = {"jsonl": 0, "dump": 0, "html": 0}
        for folder in ("jsonl", "dumps", "html"):
            (out / DATA / folder).mkdir(parents=True, exist_ok=True)
        self.truth = (out / "truth.jsonl").open("w", encoding="utf-8")

    def add(self, article: Generated, fmt: str, rng: np.random.Generator) -> None:
        """Write (or buffer) one article and its truth line."""
        if fmt == "html":
            name = f"{DATA}/html/page-{self.counts['html']:06d}.html"
            (self.out / name).write_text(_html_page(article), encoding="utf-8")
            position = 0
            self.counts["html"] += 1
        else:
            buffer = self.buffers[fmt]
            position = len(buffer) + 1 if fmt == "jsonl" else len(buffer)
            name = self._name(fmt, self.counts[fmt] // self.per[fmt])
            if fmt == "dump" and rng.random() < 0.5:
                article.caption = _caption(article, rng)
            buffer.append(_jsonl_line(article) if fmt == "jsonl" else _dump_text(article))
            self.counts[fmt] += 1
            if len(buffer) == self.per[fmt]:
                self._flush(fmt, name)
        record = {
            "id": article.gid,
            "file": name,
            "position": position,
            "format": fmt,
            "kind": article.kind,
            "original": article.original,
            "source": article.source,
        }
        self.truth.write(json.dumps(record) + "\n")

    def _name(self, fmt: str, number: int) -> str:
        if fmt == "jsonl":
            return f"{DATA}/jsonl/part-{number:05d}.jsonl"
        return f"{DATA}/dumps/dump-{number:05d}.txt"

    def _flush(self, fmt: str, name: str) -> None:
        buffer = self.buffers[fmt]
        separator = "\n" if fmt == "jsonl" else "\n\n\n\n"
        (self.out / name).write_text(separator.join(buffer) + "\n", encoding="utf-8")
        buffer.clear()

    def close(self) -> None:
        """Write the partly filled files and close the truth file."""
        for fmt, buffer in self.buffers.items():
            if buffer:
                self._flush(fmt, self._name(fmt, (self.counts[fmt] - 1) // self.per[fmt]))
        self.truth.close()


def _jsonl_line(a: Generated) -> str:
    item = {
        "id": a.gid,
        "title": a.title,
        "text": "\n\n".join(a.paragraphs),
        "published": a.published.isoformat(),
        "source": a.outlet,
        "url": f"https://news.example/{a.gid}",
        "kind": "news",
    }
    return json.dumps(item, ensure_ascii=False)


def _dump_text(a: Generated) -> str:
    header = [a.title, ""] + ([a.caption, ""] if a.caption else [])
    return "\n".join(header + "\n\n".join(a.paragraphs).split("\n"))


def _caption(a: Generated, rng: np.random.Generator) -> str:
    who = _PHOTOGRAPHERS[int(rng.integers(len(_PHOTOGRAPHERS)))]
    day = f"{a.published:%B} {a.published.day}, {a.published.year}"
    return f"A scene photographed on {day}. (AP Photo/{who})"


def _html_page(a: Generated) -> str:
    esc = html.escape
    paragraphs = "\n".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{esc(a.title)} | {esc(a.outlet)}</title>\n"
        f'<meta property="og:title" content="{esc(a.title)}">\n'
        f'<meta property="og:site_name" content="{esc(a.outlet)}">\n'
        f'<meta property="article:published_time" content="{a.published.isoformat()}T09:00:00Z">\n'
        '</head>\n<body>\n<nav><a href="/">Home</a> <a href="/world">World</a></nav>\n'
        f"<article>\n<h1>{esc(a.title)}</h1>\n{paragraphs}\n</article>\n"
        "<footer><p>Copyright the publisher. All rights reserved.</p></footer>\n</body>\n</html>\n"
    )


def generate(
    out: Path,
    n: int,
    seed: int = 17,
    t17: Path = T17,
    dup_share: float = 0.3,
    html_share: float = 0.03,
    dump_share: float = 0.3,
    rewrite: float = 0.6,
    per_jsonl: int = 500,
    per_dump: int = 50,
    loaded: tuple[list[SourceArticle], list[str]] | None = None,
) -> dict[str, object]:
    """Write n articles and truth.jsonl into ``out`` (emptied first); returns the counts.

    ``loaded`` is what :func:`load_sources` returned for ``t17``, to read it only once.
    """
    if out.exists():
        shutil.rmtree(out)
    sources, vocab = loaded or load_sources(t17)
    maker = Maker(sources, vocab, seed, rewrite)
    route = np.random.default_rng(seed + 1)
    writer = Writer(out, per_jsonl, per_dump)
    originals: list[Generated] = []
    kinds: dict[str, int] = {}
    formats: dict[str, int] = {}
    for i in range(n):
        gid = f"g{i:07d}"
        if originals and route.random() < dup_share:
            article = maker.reprint(gid, originals[int(route.integers(len(originals)))])
        else:
            article = maker.original(gid)
            originals.append(article)
        roll = route.random()
        fmt = "html" if roll < html_share else "dump" if roll < html_share + dump_share else "jsonl"
        writer.add(article, fmt, route)
        kinds[article.kind] = kinds.get(article.kind, 0) + 1
        formats[fmt] = formats.get(fmt, 0) + 1
    writer.close()
    summary = {
        "articles": n,
        "seed": seed,
        "kinds": kinds,
        "formats": formats,
        "dup_share": dup_share,
        "sources": len(sources),
    }
    (out / "corpus.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def read_truth(out: Path) -> list[dict[str, object]]:
    """The truth records of a generated corpus, in generation order."""
    lines = (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="output folder (emptied first; use /tmp/...)")
    parser.add_argument("-n", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--t17", type=Path, default=T17, help="the T17 dataset folder")
    parser.add_argument("--dup-share", type=float, default=0.3, help="share of reprints")
    parser.add_argument("--html-share", type=float, default=0.03, help="share of HTML pages")
    parser.add_argument("--dump-share", type=float, default=0.3, help="share in text dumps")
    parser.add_argument("--rewrite", type=float, default=0.6, help="words replaced in originals")
    args = parser.parse_args()
    if args.out.resolve().is_relative_to(ROOT):
        parser.error("write the corpus outside the repository, e.g. /tmp/corpus")
    started = time.perf_counter()
    summary = generate(
        args.out,
        args.n,
        args.seed,
        args.t17,
        args.dup_share,
        args.html_share,
        args.dump_share,
        args.rewrite,
    )
    print(json.dumps(summary))
    print(f"{args.n} articles in {time.perf_counter() - started:.1f} s -> {args.out}")


if __name__ == "__main__":
    main()
