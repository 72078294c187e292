"""Family pairing and success recall on hand-labelled development sets (not test sets: rules were tuned on them).

Run: `.venv/bin/python tests/benchmarks/phrase_pairs.py` (about a minute on 2 shared cores).

Pairs: tests/data/phrase_pairs_dev.jsonl holds the 29 cross-speaker pairs of success and pain clauses from the ten
PyPI interviews whose clause vectors (all-MiniLM-L6-v2) are at least 0.45 alike, each labelled by hand: one idea
said twice (a paraphrase) or two ideas sharing a word. Printed: which pairs a one-clause family would join, by
similarity alone (the peer: PAIR_SIMILARITY) and by this checkout's rule (similarity and claim_words).

Success: tests/data/success_dev.jsonl holds 44 sentences written for this (22 success, 22 not: wishes, hedges,
negations, pains, neutral talk). Printed: precision and recall of "a success clause is extracted".
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def score(name: str, pred: list[bool], gold: list[bool]) -> None:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"{name:46s} predicted={tp + fp:2d} tp={tp:2d} fp={fp} fn={fn} precision={precision:.2f} recall={recall:.2f}")


def main() -> None:
    from pipelines.jtbd import extract_signals
    from pipelines.phrasing import (
        PAIR_OTHER_CLAIM_SIMILARITY,
        PAIR_SHARED_CLAIM_SIMILARITY,
        PAIR_SIMILARITY,
        claim_words,
    )

    pairs = [json.loads(line) for line in (ROOT / "tests/data/phrase_pairs_dev.jsonl").read_text().splitlines()]
    gold = [p["same_idea"] for p in pairs]
    claims_a = claim_words([p["a"] for p in pairs])
    claims_b = claim_words([p["b"] for p in pairs])
    print(f"pairs: {len(pairs)} ({sum(gold)} one idea)")
    score("peer: similarity >= PAIR_SIMILARITY", [p["similarity"] >= PAIR_SIMILARITY for p in pairs], gold)
    rule = [
        p["similarity"] >= (PAIR_SHARED_CLAIM_SIMILARITY if a & b else PAIR_OTHER_CLAIM_SIMILARITY)
        for p, a, b in zip(pairs, claims_a, claims_b, strict=True)
    ]
    score("this checkout: similarity and shared claim", rule, gold)
    for p, a, b, r in zip(pairs, claims_a, claims_b, rule, strict=True):
        mark = ("pair" if r else "apart") + (" ok " if r == p["same_idea"] else " BAD")
        print(f"  {mark} {p['similarity']:.2f} shared={sorted(a & b)} | {p['a'][:60]} || {p['b'][:60]}")

    rows = [json.loads(line) for line in (ROOT / "tests/data/success_dev.jsonl").read_text().splitlines()]
    found = extract_signals([r["text"] for r in rows], forces="patterns")
    pred = [bool(f.of("success")) for f in found]
    print(f"\nsuccess sentences: {len(rows)} ({sum(r['success'] for r in rows)} success)")
    score("success clause extracted", pred, [r["success"] for r in rows])
    for r, f, p in zip(rows, found, pred, strict=True):
        if p != r["success"]:
            print(f"  {'FP' if p else 'FN'} {r['text']} -> {[s.text for s in f.of('success')]}")


if __name__ == "__main__":
    main()
