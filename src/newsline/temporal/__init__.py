"""The time tagger: find time expressions in text and normalize them.

``tag(text, anchor)`` returns :class:`newsline.records.TimeMention` records with TIMEX3 type,
value and mod, plus a day interval with its granularity so any two mentions can be compared.
"""

from newsline.temporal.intervals import interval_from_value, interval_label
from newsline.temporal.tagger import Parsed, Tagger, TextTags, tag

__all__ = ["Parsed", "Tagger", "TextTags", "interval_from_value", "interval_label", "tag"]
