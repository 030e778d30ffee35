"""Every time expression the tagger finds in a TimeML folder, one per line, for diffing two
versions of the tagger: ``file  start  text  value`` (tab-separated, with each document's DCT as
the anchor, as ``newsline eval timex`` tags them). A rule change that should not move TimeBank
is checked by running this before and after and diffing the two outputs.

Usage: .venv/bin/python benchmarks/timex_mentions.py [TIMEML_DIR] > mentions.tsv
"""

from __future__ import annotations

import sys
from pathlib import Path

from newsline.evaluate.timeml import read_timeml
from newsline.temporal.tagger import tag

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data/timeml/TimeBank"
    for path in sorted(folder.rglob("*.tml")):
        document = read_timeml(path)
        for mention in tag(document.text, document.dct):
            print(path.name, mention.start, mention.text, mention.value, sep="\t")


if __name__ == "__main__":
    main()
