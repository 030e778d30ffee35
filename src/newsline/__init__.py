"""newsline: raw news in, clean deduplicated dated source-cited event timelines out."""

__version__ = "0.1.0"
