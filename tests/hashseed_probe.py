"""What a small mining run says, printed as JSON: the same input must print the same in every process.

Run by tests/pipelines/test_hashseed.py under several PYTHONHASHSEED values (a set of strings iterates in an order
that changes with each process's string hashing; a tie broken by that order changes jobs between runs). The input
is the customer talk of pypi transcripts (../shared/data), split at sentence ends without a model. It goes through
the string-heavy stages of mining that need no embedding model: signals (spaCy cues, forces off), topic keywords
(label_clusters), statements and titles (build_statements, job_title, core_title) with a fixed, made-up centrality,
and phrase families (claim_words, assign_families) over vectors drawn from a fixed seed.

Usage: `python tests/hashseed_probe.py TRANSCRIPT.md [...]`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
GROUPS = 3  # made-up jobs: every third sentence of a transcript's customer talk


def customer_sentences(path: Path, limit: int) -> list[str]:
    from pipelines.roles import assign_roles
    from pipelines.transcripts import parse_transcript

    transcript = parse_transcript(path.read_bytes())
    roles = assign_roles(transcript)
    out: list[str] = []
    for turn in transcript.turns:
        if roles.get(turn.speaker) != "customer":
            continue
        out += [s for s in _SENTENCE_END.split(turn.text.strip()) if len(s.split()) >= 4]
    return out[:limit]


def probe(paths: list[Path], limit: int = 150) -> dict:
    from pipelines.clustering import label_clusters
    from pipelines.jtbd import extract_signals
    from pipelines.phrasing import Clause, assign_families, claim_words, phrase_key
    from pipelines.statements import EvidenceUtterance, build_statements
    from pipelines.titles import core_title, job_title

    texts: list[str] = []
    utterances: list[EvidenceUtterance] = []
    for interview, path in enumerate(paths, start=1):
        for text in customer_sentences(path, limit):
            n = len(utterances)
            utterances.append(
                EvidenceUtterance(n + 1, text, interview, float(n), speaker=f"p{interview}", passage=n // 4)
            )
            texts.append(text)
    signals = extract_signals(texts, forces="patterns")
    labels = np.array([i % GROUPS for i in range(len(texts))])
    keywords = label_clusters(texts, labels)
    out: dict = {"signals": [[(s.kind, s.start_char, s.end_char) for s in found] for found in signals]}
    out["keywords"] = {str(k): v for k, v in sorted(keywords.items())}
    jobs: list[dict] = []
    titles: list[str] = []
    everything = []
    for group in range(GROUPS):
        rows = [i for i in range(len(texts)) if labels[i] == group]
        # A fixed centrality that ties often: the talk of one job weighs alike in blocks of five.
        centrality = [1.0 - (k // 5) * 0.01 for k in range(len(rows))]
        candidates = build_statements(
            [utterances[i] for i in rows], [signals[i] for i in rows], centrality=centrality, max_candidates=3
        )
        everything += candidates
        central = [(texts[i], centrality[k]) for k, i in enumerate(rows[:20])]
        title = job_title(candidates, central, keywords.get(group, []))
        titles.append(title)
        jobs.append(
            {"title": title, "statements": [c.text for c in candidates], "evidence": [c.evidence for c in candidates]}
        )
    out["jobs"] = jobs
    voices = [(texts[i], utterances[i].speaker, int(labels[i])) for i in range(len(texts))]
    core = core_title(everything, titles, voices)
    out["core"] = None if core is None else [core[0], core[1].text]
    clauses_at = [
        (i, s) for i, found in enumerate(signals) for s in found if s.kind in {"success", "pain", "motivation"}
    ]
    claims = claim_words([s.text for _, s in clauses_at])
    rng = np.random.default_rng(0)
    base = rng.normal(size=(GROUPS, 16))
    clauses = []
    for (i, s), claim in zip(clauses_at, claims, strict=True):
        vector = base[labels[i]] + 0.3 * rng.normal(size=16)
        clauses.append(Clause(s.kind, phrase_key(s.text), vector / np.linalg.norm(vector), claim))
    families = assign_families(clauses, [], {}, threshold=0.6, pair_threshold=0.6)
    out["claims"] = [sorted(c) for c in claims]
    out["families"] = [list(f) if isinstance(f, tuple) else f for f in families]
    return out


if __name__ == "__main__":
    print(json.dumps(probe([Path(p) for p in sys.argv[1:]]), sort_keys=True))
