"""PII detection quality: per-type precision and recall on two labelled sets, reported apart.

- dev, tests/data/pii_sentences.jsonl: the sentences pipelines/pii.py's rules were written and tuned against.
- held-out, tests/data/pii_heldout.jsonl: sentences written afterwards by someone else, with values generated
  fresh (valid Luhn cards and SINs, mod-97 IBANs of other banks and countries, other names and streets), never used
  to change a rule. Its figures are the ones to quote; do not tune on it (move a sentence to dev first).

Both hold planted PII (emails, phones, cards, IBANs, national ids, addresses, people's names) and hard negatives
(product names, years, order, ticket, SKU, claim and version numbers). A detection counts as correct when it
overlaps a planted span of the same type; each planted span is found at most once.

    python -m tests.benchmarks.pii_quality [--set dev|heldout|both] [--show-errors]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from pipelines.pii import KINDS, STRUCTURED, detect_many

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SETS = {"dev": DATA_DIR / "pii_sentences.jsonl", "heldout": DATA_DIR / "pii_heldout.jsonl"}
GOALS = {kind: (0.95 if kind in STRUCTURED else 0.85) for kind in KINDS}
PRECISION_GOAL = 0.9


def gold_spans(row: dict) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    cursor: dict[str, int] = {}
    for item in row["pii"]:
        at = row["text"].find(item["text"], cursor.get(item["text"], 0))
        cursor[item["text"]] = at + 1
        spans.append((at, at + len(item["text"]), item["type"]))
    return spans


def score(rows: list[dict], found: list) -> tuple[dict[str, list[int]], list[str]]:
    """Per type [true positives, predicted, planted, planted found]; and the errors, for reading."""
    counts = {kind: [0, 0, 0, 0] for kind in KINDS}
    errors = []
    for row, spans in zip(rows, found, strict=True):
        gold = gold_spans(row)
        matched: set[int] = set()
        for kind in {g[2] for g in gold}:
            counts[kind][2] += sum(1 for g in gold if g[2] == kind)
        for span in spans:
            counts[span.kind][1] += 1
            candidates = (i for i, g in enumerate(gold) if i not in matched and g[2] == span.kind)
            hit = next((i for i in candidates if span.start < gold[i][1] and gold[i][0] < span.end), None)
            if hit is None:
                errors.append(f"FP {span.kind:<11} {span.text!r:<40} in {row['text']!r}")
            else:
                matched.add(hit)
                counts[span.kind][0] += 1
                counts[span.kind][3] += 1
        for i, g in enumerate(gold):
            if i not in matched:
                errors.append(f"FN {g[2]:<11} {row['text'][g[0] : g[1]]!r:<40} in {row['text']!r}")
    return counts, errors


def report(name: str, path: Path, show_errors: bool) -> bool:
    """Print one set's per-type figures; True when every goal is met."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    started = time.perf_counter()
    found = detect_many([r["text"] for r in rows])
    elapsed = time.perf_counter() - started
    counts, errors = score(rows, found)
    negatives = sum(1 for r in rows if not r["pii"])
    print(f"\n{name}: {path.name}, {len(rows)} sentences ({negatives} without PII), {elapsed:.1f}s")
    print(f"{'type':<12} {'planted':>7} {'found':>6} {'precision':>9} {'recall':>7}  goal")
    ok = True
    totals = [0, 0, 0, 0]
    for kind in KINDS:
        tp, predicted, planted, recalled = counts[kind]
        totals = [a + b for a, b in zip(totals, counts[kind], strict=True)]
        precision = tp / predicted if predicted else 1.0
        recall = recalled / planted if planted else 1.0
        met = precision >= PRECISION_GOAL and recall >= GOALS[kind]
        ok &= met
        print(
            f"{kind:<12} {planted:>7} {predicted:>6} {precision:>9.3f} {recall:>7.3f}  "
            f"P>={PRECISION_GOAL} R>={GOALS[kind]} {'ok' if met else 'MISSED'}"
        )
    tp, predicted, planted, recalled = totals
    print(f"{'all':<12} {planted:>7} {predicted:>6} {tp / max(predicted, 1):>9.3f} {recalled / max(planted, 1):>7.3f}")
    if show_errors:
        print("\n".join(errors))
    return ok


def main() -> int:
    which = sys.argv[sys.argv.index("--set") + 1] if "--set" in sys.argv else "both"
    names = list(SETS) if which == "both" else [which]
    results = [report(name, SETS[name], "--show-errors" in sys.argv) for name in names]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
