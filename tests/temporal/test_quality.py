"""Quality floor: TempEval-3 scores on TimeBank must not fall below what the tagger reached.

TimeBank was the development set for the rules, so these numbers are optimistic for other
text; the floor only guards against regressions.
"""

from __future__ import annotations

import pytest

from newsline.evaluate.tempeval import evaluate_folder
from tests.conftest import shared_path

# Reached on 2026-11-23 (value F1 0.817, relaxed 0.935, strict 0.887), less a small margin.
VALUE_F1_FLOOR = 0.81
RELAXED_F1_FLOOR = 0.925
STRICT_F1_FLOOR = 0.875


@pytest.mark.shared
def test_timebank_floor() -> None:
    result = evaluate_folder(shared_path("data", "timeml", "TimeBank"))
    assert result.counts["documents"] == 183
    assert result.value_f1[2] >= VALUE_F1_FLOOR
    assert result.relaxed[2] >= RELAXED_F1_FLOOR
    assert result.strict[2] >= STRICT_F1_FLOOR
