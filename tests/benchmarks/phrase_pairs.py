"""Family pairing and success recall on hand-labelled development sets (not test sets: rules were tuned on them).

Run: `.venv/bin/python tests/benchmarks/phrase_pairs.py [--show]` (about a minute on 2 shared cores).

Pairs: tests/data/phrase_pairs_dev.jsonl holds cross-speaker pairs of success and pain clauses from the ten PyPI
interviews, each labelled by hand: one idea said twice (a paraphrase a copywriter could cite as the same line) or
two ideas that share a word or a topic. The first 29 are the pairs at least 0.45 alike (clause vectors of
all-MiniLM-L6-v2); the 112 marked "added" extend them to every cross-speaker pair of the same kind at least 0.35
alike among the clauses of tests/data/phrase_clauses_dev.jsonl (labelled 2026-11-30, before the rules below were
measured on them). The 15 marked "added": "2026-11-30 phrases2" complete them with the pairs of a clause extracted
since ("people started to trust my judgment more") and every cross-speaker pair under 0.35 alike that shares a
concrete main predicate (the candidates of PAIR_SAME_CLAIM_SIMILARITY), labelled by reading them in context.
Printed: which pairs a one-clause family would join, by similarity alone (PAIR_SIMILARITY), by the rule at the base
commit, by the rule at the previous commit and by this checkout's rule (similarity and claim_words, pair_needs), on
all pairs and on the first 141.

Same-speaker pairs: tests/data/phrase_pairs_same_speaker_dev.jsonl holds the 127 pairs of success or pain clauses of
tests/data/phrase_clauses_dev.jsonl said by one person that are at least 0.35 alike or paired by the rule at
99c6e95, labelled by hand (2026-12-01, session 15) with the same test: the same claim about the same thing. One
speaker's lines share the passage's topic and words, and a family that takes a neighbouring line shows a copywriter
two ideas as one. Printed: the previous and this checkout's rule on them, and in the families below the
same-person pairs kept together by label.

Families: the 142 success and pain clauses of tests/data/phrase_clauses_dev.jsonl (the ten PyPI interviews'
customer clauses, in the order the registry links them, with who said them; the first, "people started to trust my
judgment more", added with the extraction that finds it) are placed by assign_families, with this checkout's rule
and with the rules at the base and previous commits (loaded from git, the peers). Printed per rule: the
cross-person pairs that end in one family (one idea by the labels, two ideas, or unlabelled: less than 0.35 alike,
counted as two ideas), the labelled paraphrases kept together (recall), and the families that claim two or more
people against those whose people are joined by a labelled paraphrase (honest). --show prints the families.

Success: tests/data/success_dev.jsonl holds sentences written for this (success and not: wishes, hedges,
negations, pains, neutral talk). Printed: precision and recall of "a success clause is extracted".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.helpers import module_at  # noqa: E402

BASE_COMMIT = "25b21a8"  # the pair rule before shared concrete predicates paired lower (and 0.45 for any shared claim)
PREVIOUS_COMMIT = "99c6e95"  # the rule before lines with different concrete predicates needed 0.8 (_other_predicates)
ORIGINAL_PAIRS = 141  # the pairs labelled before PAIR_SAME_CLAIM_SIMILARITY was measured
SAME_SPEAKER = "tests/data/phrase_pairs_same_speaker_dev.jsonl"


def score(name: str, pred: list[bool], gold: list[bool]) -> None:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"{name:46s} predicted={tp + fp:2d} tp={tp:2d} fp={fp} fn={fn} precision={precision:.2f} recall={recall:.2f}")


def base_phrasing() -> ModuleType:
    return module_at(BASE_COMMIT, "pipelines/phrasing.py", "base_phrasing")


def previous_phrasing() -> ModuleType:
    return module_at(PREVIOUS_COMMIT, "pipelines/phrasing.py", "previous_phrasing")


def families(name: str, phrasing: ModuleType, rows: list[dict], vectors, labels: dict, show: bool) -> None:
    """Place the clauses with one module's rule and score the families against the labelled pairs."""
    claims = phrasing.claim_words([r["text"] for r in rows])
    clauses = [
        phrasing.Clause(kind=r["kind"], key=phrasing.phrase_key(r["text"]), vector=v, claim=c)
        for r, v, c in zip(rows, vectors, claims, strict=True)
    ]
    placed = phrasing.assign_families(clauses, [], {})
    members: dict[object, list[int]] = defaultdict(list)
    for i, family in enumerate(placed):
        members[family].append(i)
    together = {"one idea": 0, "two ideas": 0, "unlabelled": 0}
    alone = {"one idea": 0, "two ideas": 0, "unlabelled": 0}  # the same person's pairs
    multi = honest = 0
    for family, idx in members.items():
        people = {rows[i]["person"] for i in idx}
        edges: dict[str, set[str]] = defaultdict(set)
        for a in idx:
            for b in idx:
                if a < b and rows[a]["person"] == rows[b]["person"]:
                    label = labels.get(frozenset((rows[a]["text"], rows[b]["text"])))
                    alone["unlabelled" if label is None else "one idea" if label else "two ideas"] += 1
                if a < b and rows[a]["person"] != rows[b]["person"]:
                    label = labels.get(frozenset((rows[a]["text"], rows[b]["text"])))
                    together["unlabelled" if label is None else "one idea" if label else "two ideas"] += 1
                    if label:
                        edges[rows[a]["person"]].add(rows[b]["person"])
                        edges[rows[b]["person"]].add(rows[a]["person"])
        if len(people) >= 2:
            multi += 1
            honest += bool(edges)
            if show:
                print(f"  {'honest' if edges else 'CLAIMS'} {len(people)} people: {family}")
                for i in idx:
                    print(f"      {rows[i]['person']:7s} {rows[i]['text'][:100]}")
    where = {r["text"]: i for i, r in enumerate(rows)}
    cross = {pair: label for pair, label in labels.items() if len({rows[where[t]]["person"] for t in pair}) == 2}
    kept = sum(1 for (a, b), label in cross.items() if label and placed[where[a]] == placed[where[b]])
    print(
        f"{name:34s} cross-person pairs in a family: one idea {together['one idea']}, two ideas "
        f"{together['two ideas']}, unlabelled {together['unlabelled']}; paraphrases kept together "
        f"{kept}/{sum(cross.values())}; families of >= 2 people {multi}, honest {honest}; same-person pairs in a "
        f"family: one idea {alone['one idea']}, two ideas {alone['two ideas']}, unlabelled {alone['unlabelled']}"
    )
    # Pairs in one family scored as a linking: an unlabelled pair (under 0.35 alike) counts as two ideas.
    linked = sum(together.values()) + sum(alone.values())
    right = together["one idea"] + alone["one idea"]
    print(
        f"{'':34s} labelled pairs in one family, either person: precision {right / max(linked, 1):.2f}, recall "
        f"{right / max(sum(labels.values()), 1):.2f} ({right} of {linked} linked, of {sum(labels.values())} one idea)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", action="store_true", help="print the families of two or more people")
    args = parser.parse_args()
    from pipelines import phrasing
    from pipelines.embedding import load_sentence_embedder
    from pipelines.jtbd import extract_signals

    pairs = [json.loads(line) for line in (ROOT / "tests/data/phrase_pairs_dev.jsonl").read_text().splitlines()]
    gold = [p["same_idea"] for p in pairs]
    claims_a = phrasing.claim_words([p["a"] for p in pairs])
    claims_b = phrasing.claim_words([p["b"] for p in pairs])
    print(f"pairs: {len(pairs)} ({sum(gold)} one idea)")
    score("peer: similarity >= PAIR_SIMILARITY", [p["similarity"] >= phrasing.PAIR_SIMILARITY for p in pairs], gold)
    base = base_phrasing()
    base_a, base_b = base.claim_words([p["a"] for p in pairs]), base.claim_words([p["b"] for p in pairs])
    score(
        f"peer: the rule at {BASE_COMMIT}",
        [
            p["similarity"] >= (base.PAIR_SHARED_CLAIM_SIMILARITY if a & b else base.PAIR_OTHER_CLAIM_SIMILARITY)
            for p, a, b in zip(pairs, base_a, base_b, strict=True)
        ],
        gold,
    )
    previous = previous_phrasing()
    prev_a, prev_b = previous.claim_words([p["a"] for p in pairs]), previous.claim_words([p["b"] for p in pairs])
    prev = [p["similarity"] >= previous.pair_needs(a, b) for p, a, b in zip(pairs, prev_a, prev_b, strict=True)]
    score(f"peer: the rule at {PREVIOUS_COMMIT}", prev, gold)
    rule = [p["similarity"] >= phrasing.pair_needs(a, b) for p, a, b in zip(pairs, claims_a, claims_b, strict=True)]
    score("this checkout: similarity and shared claim", rule, gold)
    first = slice(0, ORIGINAL_PAIRS)
    score(f"peer: the rule at {PREVIOUS_COMMIT}, first {ORIGINAL_PAIRS}", prev[first], gold[first])
    score(f"this checkout, first {ORIGINAL_PAIRS}", rule[first], gold[first])
    for p, a, b, r in zip(pairs, claims_a, claims_b, rule, strict=True):
        if r or p["same_idea"] or p["similarity"] >= 0.45:
            mark = ("pair" if r else "apart") + (" ok " if r == p["same_idea"] else " BAD")
            shared = sorted((a & b) - {phrasing.PERSON_SUBJECT})
            print(f"  {mark} {p['similarity']:.2f} shared={shared} | {p['a'][:60]} || {p['b'][:60]}")

    same = [json.loads(line) for line in (ROOT / SAME_SPEAKER).read_text().splitlines()]
    same_gold = [p["same_idea"] for p in same]
    print(f"\nsame-speaker pairs: {len(same)} ({sum(same_gold)} one idea)")
    for name, module in ((f"peer: the rule at {PREVIOUS_COMMIT}", previous), ("this checkout", phrasing)):
        a_claims = module.claim_words([p["a"] for p in same])
        b_claims = module.claim_words([p["b"] for p in same])
        pred = [p["similarity"] >= module.pair_needs(a, b) for p, a, b in zip(same, a_claims, b_claims, strict=True)]
        score(name, pred, same_gold)

    rows = [json.loads(line) for line in (ROOT / "tests/data/phrase_clauses_dev.jsonl").read_text().splitlines()]
    vectors = load_sentence_embedder().embed([r["text"] for r in rows])
    texts = {r["text"] for r in rows}
    labels = {frozenset((p["a"], p["b"])): p["same_idea"] for p in pairs + same if {p["a"], p["b"]} <= texts}
    print(f"\nfamilies of {len(rows)} clauses (success and pain, ten PyPI interviews)")
    families(f"peer: the rule at {BASE_COMMIT}", base_phrasing(), rows, vectors, labels, args.show)
    families(f"peer: the rule at {PREVIOUS_COMMIT}", previous, rows, vectors, labels, args.show)
    families("this checkout", phrasing, rows, vectors, labels, args.show)

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
