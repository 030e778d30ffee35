"""Near-duplicate articles: MinHash signatures, LSH band keys, verification, story groups.

Exact duplicates already share an id (the id is a hash of the folded body). This stage finds
*near* duplicates: reprints with a new headline, a few words edited, or the last paragraphs
trimmed. The method, in order:

1. shingles: the folded body split into words (punctuation dropped, so a changed quote mark or
   comma does not count as an edit), every run of ``shingle_words`` consecutive words hashed to
   32 bits. The headline is left out on purpose: reprints change it.
2. signature: a MinHash (datasketch, ``affine32`` scheme) of the shingle set, ``num_perm``
   unsigned 32-bit values stored as little-endian bytes. Per article and pure, so it can run
   partitioned (Dask) and be stored once.
3. band keys: the signature cut into bands of ``band_rows`` values, each band hashed to a
   signed 64-bit key (a multiply-xorshift mix of the band's values, seeded by the parameters
   and the band number, all bands at once with numpy). Two articles become candidates when
   they share a key; storing the keys in SQLite makes candidate search incremental (no
   in-memory index rebuilt per run).
4. verification: exact containment of the shorter shingle set in the longer one (trimmed
   endings keep a high containment while their Jaccard falls) must reach ``threshold``; the
   shorter article must have ``min_shingles`` shingles (a one-line brief proves nothing) and at
   least ``min_ratio`` of the longer one's (a reprint keeps most of its original; without this,
   a short scrap of boilerplate contained in many articles would chain them into one story).
5. stories: connected components of verified links; a story's id is its smallest article id,
   so groups do not depend on the order articles arrived in.

Why these defaults: 5-word shingles are datatrove's MinHash default for web dedup: distinctive
enough that two different stories on the same topic share few of them, short enough that one
edited word spoils only five. datatrove bands 14 x 8 to catch Jaccard above 0.72; trimmed
reprints need a lower bar, so we take 3 rows per band and 128 permutations (42 bands, 2 values
unused): a pair is a candidate with probability 1 - (1 - J^3)^42, about 0.5 at a Jaccard of
0.25, 0.84 at 0.35 (a reprint cut to half its length with a few edits) and 0.995 at 0.5, while
unrelated articles (Jaccard under 0.05) collide about once in 200 pairs; exact verification
then removes those.
"""

from __future__ import annotations

import hashlib
import operator
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from datasketch.minhash import _fmix  # the scheme's pre-mix; datasketch is pinned

from newsline.errors import ConfigError
from newsline.settings import Settings
from newsline.stages.clean import fold

_WORD = re.compile(r"\w+")
#: ASCII characters that are not word characters (``\w``) -> a space: an ASCII text splits into
#: the words :data:`_WORD` finds, five times faster than the regex.
_ASCII_NON_WORD = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")}
)
#: The same for an ASCII text's bytes, capitals lowered too: its words split out of its bytes
#: as bytes, each a smaller object made faster than a ``str`` (and hashed as it is).
_ASCII_WORD_BYTES = bytes(
    (ord(c.lower()) if c.isalnum() or c == "_" else 32) for c in map(chr, range(128))
).ljust(256, b" ")
_SCHEME = "affine32"
_SEED = 1
#: An odd 64-bit multiplier for the rolling shingle hash.
_ROLL = np.uint64(0x9E3779B97F4A7C15)
_MAX32 = np.uint32(0xFFFFFFFF)
#: How band keys are made (part of the params key: another way re-signs every article).
_BAND_HASH = "mix64"
#: splitmix64's multipliers: each mixing step is a bijection of 64-bit words.
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
#: Shingles signed per numpy block (block x num_perm uint32 values live at once): 8192 measured
#: fastest (4 MB at 128 permutations).
_BLOCK = 8192
#: Words whose shingles are made at once (their arrays fit a processor's cache): 20,000
#: measured fastest (about 30 articles).
_GROUP_WORDS = 20_000
#: A signer's word-hash cache is cleared when it grows past this many words (about 100 MB).
_CACHE_WORDS = 1_000_000


@dataclass(frozen=True, slots=True)
class DedupParams:
    """What a signature depends on (``key``) and what a link must reach."""

    num_perm: int = 128
    shingle_words: int = 5
    band_rows: int = 3
    threshold: float = 0.7
    min_shingles: int = 10
    min_ratio: float = 0.25

    def __post_init__(self) -> None:
        if self.shingle_words < 1:
            raise ConfigError("near-duplicate shingle size must be at least 1 word")
        if not 1 <= self.band_rows <= self.num_perm // 2:
            raise ConfigError(
                f"band rows must be between 1 and num_perm / 2 ({self.num_perm // 2}) so that"
                " there are at least two bands"
            )
        if not 0.0 < self.threshold <= 1.0:
            raise ConfigError("near-duplicate threshold must be in (0, 1], e.g. 0.7")
        if not 0.0 <= self.min_ratio <= 1.0:
            raise ConfigError("near-duplicate length ratio must be in [0, 1], e.g. 0.25")

    @property
    def bands(self) -> int:
        """Number of LSH bands; the last ``num_perm % band_rows`` values are unused."""
        return self.num_perm // self.band_rows

    @property
    def key(self) -> str:
        """Names everything a stored signature and its band keys depend on."""
        return (
            f"minhash-{_SCHEME}-s{_SEED}-p{self.num_perm}-w{self.shingle_words}-r{self.band_rows}"
            f"-{_BAND_HASH}"
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> DedupParams:
        """The parameters named in settings."""
        return cls(
            num_perm=settings.minhash_perms,
            shingle_words=settings.shingle_words,
            band_rows=settings.lsh_band_rows,
            threshold=settings.near_duplicate_threshold,
            min_shingles=settings.near_duplicate_min_shingles,
            min_ratio=settings.near_duplicate_min_ratio,
        )


@dataclass(frozen=True, slots=True)
class Signature:
    """One article's MinHash: ``num_perm`` little-endian uint32 values, and its set size."""

    article_id: str
    values: bytes
    shingles: int

    def array(self) -> np.ndarray:
        """The values as a numpy uint32 array."""
        return np.frombuffer(self.values, dtype="<u4")


@dataclass(frozen=True, slots=True)
class Link:
    """A verified near-duplicate pair (``first`` < ``second``) and how much they share."""

    first: str
    second: str
    containment: float
    jaccard: float


class Signer:
    """Computes signatures; holds the permutations so they are drawn once, not per article.

    Picklable (numpy arrays and a dict), so one can be shipped to workers of a partitioned run;
    it keeps a word-hash cache, so one signer should sign many articles.
    """

    def __init__(self, params: DedupParams) -> None:
        self.params = params
        self.permutations = MinHash(
            num_perm=params.num_perm, seed=_SEED, scheme=_SCHEME
        ).permutations
        self.word_hashes: dict[bytes, int] = {}

    def sign(self, article_id: str, text: str) -> Signature:
        """The signature of one article body."""
        return self.sign_shingles(article_id, self.shingles(text))

    def shingles(self, text: str) -> np.ndarray:
        """:func:`shingles` of ``text`` with this signer's word-hash cache: news vocabulary
        repeats, so across the articles one signer sees each word is hashed once."""
        return shingles(text, self.params.shingle_words, self.word_hashes)

    def words(self, text: str) -> np.ndarray:
        """:func:`word_hashes` of ``text`` with this signer's cache (what of shingling reads
        the text: :meth:`shingle_sets` makes the sets of many at once)."""
        return word_hashes(text, self.word_hashes)

    def shingle_sets(self, hashes: Sequence[np.ndarray]) -> list[np.ndarray]:
        """:func:`shingle_sets` of texts' :meth:`words`."""
        return shingle_sets(hashes, self.params.shingle_words)

    def sign_shingles(self, article_id: str, hashes: np.ndarray) -> Signature:
        """The signature of a shingle set already computed by :func:`shingles`."""
        return self.sign_many([(article_id, hashes)])[0]

    def sign_many(self, shingled: Sequence[tuple[str, np.ndarray]]) -> list[Signature]:
        """The signatures of (article id, shingle set) pairs, in order.

        The same values as datasketch's ``MinHash(scheme="affine32").update_batch`` (a test
        pins it), computed with numpy for many articles at once: each 32-bit shingle is
        pre-mixed (MurmurHash3's finalizer), mapped by every affine permutation
        ``a * h + b mod 2**32`` (a permutation a row, the shingles of consecutive articles
        along it), and each article's minimum per permutation kept (one ``reduceat``). About
        ``_BLOCK`` shingles go at once, so a huge article stays small in memory.
        """
        a, b = (p.reshape(-1, 1) for p in self.permutations)
        values = np.full((len(shingled), self.params.num_perm), _MAX32, dtype=np.uint32)
        sizes = [len(hashes) for _, hashes in shingled]
        for first, last in _groups(sizes, _BLOCK):
            joined = np.concatenate([np.asarray(h) for _, h in shingled[first:last]])
            mixed = _fmix(joined.astype(np.uint32, copy=False), 32)
            if last - first > 1:
                block = a * mixed
                block += b  # in place: one block-sized array, not two
                starts = np.cumsum([0, *sizes[first : last - 1]])
                values[first:last] = np.minimum.reduceat(block, starts, axis=1).T
                continue
            for start in range(0, len(mixed), _BLOCK):  # one article, maybe a huge one
                block = a * mixed[start : start + _BLOCK]
                block += b
                np.minimum(values[first], block.min(axis=1), out=values[first])
        return [
            Signature(article_id, row.astype("<u4").tobytes(), size)
            for (article_id, _), row, size in zip(shingled, values, sizes, strict=True)
        ]


def _groups(sizes: list[int], rows: int) -> Iterator[tuple[int, int]]:
    """(first, last) slices of consecutive items whose sizes add up to at most ``rows`` (an item
    larger goes alone); items of size 0 are left out of every slice."""
    first, total = 0, 0
    for index, size in enumerate(sizes):
        if not size:
            if first < index:
                yield first, index
            first, total = index + 1, 0
            continue
        if total and total + size > rows:
            yield first, index
            first, total = index, 0
        total += size
    if first < len(sizes):
        yield first, len(sizes)


def words(text: str) -> list[str]:
    """The folded words of a text, punctuation dropped."""
    # fold changes nothing in ASCII but case and spaces, which splitting ignores
    folded = text.lower() if text.isascii() else fold(text)
    if folded.isascii():
        return folded.translate(_ASCII_NON_WORD).split()
    return _WORD.findall(folded)


def shingles(text: str, size: int, cache: dict[bytes, int] | None = None) -> np.ndarray:
    """Sorted distinct 32-bit hashes of every run of ``size`` words (one for a shorter text).

    Each distinct word is hashed once (BLAKE2b, 64 bits); a run's hash is a polynomial of its
    words' hashes, computed for all runs at once with numpy (wrapping uint64 arithmetic), and
    folded to 32 bits. Deterministic across processes, unlike Python's ``hash``. ``cache``
    (word -> hash) may be shared between calls; it is cleared past a million words.
    """
    return shingle_sets([word_hashes(text, {} if cache is None else cache)], size)[0]


def word_hashes(text: str, cache: dict[bytes, int]) -> np.ndarray:
    """The 64-bit hashes of the :func:`words` of ``text``, in order (``cache``: word -> hash;
    words are looked up as their UTF-8 bytes, which :func:`_hash64` hashes: an ASCII text's
    split out of its bytes, another's encoded, so that no key is a ``str``, which would compare
    with its bytes twin, whose hash is the same)."""
    tokens: list[bytes]
    if text.isascii():
        tokens = text.encode("ascii").translate(_ASCII_WORD_BYTES).split()
    else:
        tokens = [word.encode("utf-8") for word in words(text)]
    return _word_hashes(tokens, cache) if tokens else np.empty(0, dtype=np.uint64)


def shingle_sets(hashes: Sequence[np.ndarray], size: int) -> list[np.ndarray]:
    """The :func:`shingles` of texts, from their :func:`word_hashes`, all made at once: the runs
    are rolled along the texts' words put end to end (those that cross from one text into the
    next are left out; a text shorter than ``size`` words is one run of them all), and each
    text's runs sorted and made distinct in one sort of (text, hash) keys. numpy's cost per
    call is most of an article's alone; texts of about ``_GROUP_WORDS`` words go together, so
    that the arrays stay in the processor's cache."""
    sets: list[np.ndarray] = []
    first = total = 0
    for last, text in enumerate(hashes):
        if total and total + len(text) > _GROUP_WORDS:
            sets += _shingle_group(hashes[first:last], size)
            first, total = last, 0
        total += len(text)
    return sets + _shingle_group(hashes[first:], size) if first < len(hashes) else sets


def _shingle_group(hashes: Sequence[np.ndarray], size: int) -> list[np.ndarray]:
    """:func:`shingle_sets` of a few texts, at once."""
    lengths = np.fromiter(map(len, hashes), dtype=np.int64, count=len(hashes))
    joined = np.concatenate([*hashes, np.zeros(size - 1, dtype=np.uint64)])
    total = len(joined) - size + 1
    rolled = np.zeros(total, dtype=np.uint64)
    for offset in range(size):
        rolled = rolled * _ROLL + joined[offset : offset + total]
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    whole = np.arange(total) - starts <= np.repeat(lengths - size, lengths)
    owners = np.repeat(np.arange(len(hashes), dtype=np.uint64), np.maximum(lengths - size + 1, 0))
    short = [n for n, length in enumerate(lengths.tolist()) if 0 < length < size]
    if short:  # a run of all its words, which the rolling above mixed with the next text's
        rolled = np.concatenate([rolled[whole], [_polynomial(hashes[n]) for n in short]])
        owners = np.concatenate([owners, np.array(short, dtype=np.uint64)])
    else:
        rolled = rolled[whole]
    folded = (rolled >> np.uint64(32)) ^ (rolled & np.uint64(0xFFFFFFFF))
    keys = np.sort((owners << np.uint64(32)) | folded)
    keep = np.empty(len(keys), dtype=bool)
    keep[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    keys = keys[keep]
    values = keys.astype(np.uint32)  # the low 32 bits: the shingle
    counts = np.bincount((keys >> np.uint64(32)).astype(np.intp), minlength=len(hashes))
    return np.split(values, np.cumsum(counts)[:-1].tolist())


def _polynomial(hashes: np.ndarray) -> np.uint64:
    """The rolled hash of one run of all ``hashes`` (wrapping uint64 arithmetic)."""
    value = np.uint64(0)
    with np.errstate(over="ignore"):
        for word in hashes:
            value = value * _ROLL + word
    return value


def _word_hashes(tokens: Sequence[bytes], codes: dict[bytes, int]) -> np.ndarray:
    """The hashes of ``tokens``, in order, as uint64 (looked up in ``codes`` at once: most
    words are there already; the others are added first)."""
    look = operator.itemgetter(*tokens)
    try:
        found = look(codes)
    except KeyError:
        found = look(_word_codes(tokens, codes))
    return np.array(found if len(tokens) > 1 else (found,), dtype=np.uint64)


def _word_codes(tokens: Sequence[bytes], codes: dict[bytes, int]) -> dict[bytes, int]:
    """``codes``, now holding a hash for every word of ``tokens``."""
    missing = set(tokens).difference(codes)
    if len(codes) + len(missing) > _CACHE_WORDS:
        codes.clear()
        missing = set(tokens)
    for word in missing:
        codes[word] = _hash64(word)
    return codes


def _hash64(word: bytes) -> int:
    """BLAKE2b (64 bits) of a word's UTF-8 bytes."""
    return int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little")


def band_keys(signature: Signature, params: DedupParams) -> list[int]:
    """One signed 64-bit key per band; ``params.key`` and the band number are mixed in.

    Equal bands give equal keys; different ones collide with a chance of about 2**-64 (which
    would only add a candidate pair, that verification then judges).
    """
    return many_band_keys([signature], params)[0]


def many_band_keys(signatures: list[Signature], params: DedupParams) -> list[list[int]]:
    """:func:`band_keys` of each signature (of ``params``), all mixed at once with numpy."""
    rows, bands = params.band_rows, params.bands
    joined = b"".join(sig.values for sig in signatures)
    values = np.frombuffer(joined, dtype="<u4").reshape(len(signatures), params.num_perm)
    values = values[:, : bands * rows].astype(np.uint64).reshape(len(signatures), bands, rows)
    seed = hashlib.blake2b(params.key.encode("ascii"), digest_size=8).digest()
    start = np.arange(bands, dtype=np.uint64) + np.uint64(int.from_bytes(seed, "little"))
    keys = np.broadcast_to(start, (len(signatures), bands))
    with np.errstate(over="ignore"):
        for row in range(rows):
            keys = _mix64(keys ^ values[:, :, row])
    return keys.view(np.int64).tolist()


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer (wrapping uint64 arithmetic)."""
    x = (x ^ (x >> np.uint64(30))) * _MIX1
    x = (x ^ (x >> np.uint64(27))) * _MIX2
    return x ^ (x >> np.uint64(31))


def index_keys(signature: Signature, params: DedupParams) -> list[int]:
    """The band keys an article is indexed under: none when it is too short to prove anything."""
    return many_index_keys([signature], params)[0]


def many_index_keys(signatures: list[Signature], params: DedupParams) -> list[list[int]]:
    """:func:`index_keys` of each signature, the band keys computed at once."""
    indexed = [sig for sig in signatures if sig.shingles >= params.min_shingles]
    keys = iter(many_band_keys(indexed, params))
    return [next(keys) if sig.shingles >= params.min_shingles else [] for sig in signatures]


def estimated_jaccard(a: Signature, b: Signature) -> float:
    """The share of equal signature values: an unbiased estimate of the Jaccard index."""
    return float(np.count_nonzero(a.array() == b.array())) / len(a.array())


def verify(
    first: str, a: np.ndarray, second: str, b: np.ndarray, params: DedupParams
) -> Link | None:
    """A link when the shorter shingle set is contained in the longer one enough, else None.

    ``a`` and ``b`` are shingle sets as :func:`shingles` returns them (sorted, distinct).
    """
    shorter, longer = sorted((len(a), len(b)))
    if shorter < params.min_shingles or shorter < params.min_ratio * longer:
        return None
    common = int(np.intersect1d(a, b, assume_unique=True).size)
    containment = common / shorter
    if containment < params.threshold:
        return None
    jaccard = common / (len(a) + len(b) - common)
    low, high = sorted((first, second))
    return Link(low, high, round(containment, 4), round(jaccard, 4))


def story_ids(
    links: Iterable[tuple[str, str]], stories: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Article id -> story id (its component's smallest article id), for linked articles.

    ``stories`` holds earlier memberships (article -> story): members of one earlier story stay
    together, and new links merge stories. Only articles in ``links`` or ``stories`` appear.
    """
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(x: str, y: str) -> None:
        rx, ry = root(x), root(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    for article, story in (stories or {}).items():
        union(article, story)
    for first, second in links:
        union(first, second)
    groups: dict[str, list[str]] = {}
    for item in parent:
        groups.setdefault(root(item), []).append(item)
    return {item: min(members) for members in groups.values() for item in members}
