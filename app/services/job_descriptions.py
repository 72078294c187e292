"""Job descriptions: keywords, representative quotes, ranked statements and a title for each job of one level.

Computed by the `mine` task outside any transaction, from the rows `jobs.load_mining_input` read."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from app.runtime import Runtime
from app.services.llm import polish

if TYPE_CHECKING:
    from pipelines.statements import StatementCandidate

_JOB_KINDS = frozenset({"motivation", "outcome", "success", "pain", "push", "pull"})
# A job's quotes: those that voice it, in a sentence of some length, lead by this much closeness to its centre.
_QUOTE_BONUS = 0.1
_QUOTE_MIN_WORDS = 8
# Rows a job's statements are built from, most central first; no pypi job comes near it (the largest core job
# there has ~440 members), a large project's core jobs have tens of thousands.
STATEMENT_ROWS = 1000
TITLE_QUOTES = 24  # the most central quotes a title may come from (each is parsed)
# A core job is named by a goal voiced in one of its jobs that holds at least this share of its talk: on the pypi
# interviews the most central goal of a 278-utterance core job came from its 24-utterance job on privacy, while
# the core's talk is mostly about who uses the old APIs and downloads.
CORE_NAME_SHARE = 0.15
_AROUND = 4  # sentences either side of a job's row, by the same person, whose talk may complete its statement


def _statement_dict(candidate, by_id: dict[int, tuple[str, int, float | None]]) -> dict:
    from pipelines.statements import slot_is_grounded

    def evidence(slot) -> builtins.list[dict]:
        return [
            {"utterance_id": uid, "text": by_id[uid][0], "interview_id": by_id[uid][1], "start": by_id[uid][2]}
            for uid in slot.evidence
            if uid in by_id
        ]

    texts = {uid: value[0] for uid, value in by_id.items()}
    return {
        "text": candidate.text,
        "when": candidate.when.text,
        "want": candidate.want.text,
        "so": candidate.so.text,
        "missing": builtins.list(candidate.missing),
        "score": round(float(candidate.score), 4),
        "generated": True,
        "grounded": all(slot_is_grounded(candidate.slot(n), texts) for n in ("when", "want", "so")),
        "evidence": {"when": evidence(candidate.when), "want": evidence(candidate.want), "so": evidence(candidate.so)},
    }


class _Talk:
    """Where each customer row was said, to find the talk around a job's rows."""

    def __init__(self, evidence: Sequence) -> None:
        self.evidence = evidence
        self.by_passage: dict[tuple[int, int], builtins.list[int]] = {}
        self.by_id: dict[tuple[int, int], int] = {}
        for i, e in enumerate(evidence):
            self.by_id[e.interview_id, e.id] = i
            if e.passage >= 0:
                self.by_passage.setdefault((e.interview_id, e.passage), []).append(i)

    def around(self, rows: np.ndarray, *, exclude: np.ndarray) -> np.ndarray:
        """Rows said beside `rows` (their turn, or a few sentences of the same person) that `exclude` lacks."""
        near: set[int] = set()
        for i in rows.tolist():
            e = self.evidence[i]
            near.update(self.by_passage.get((e.interview_id, e.passage), ()))
            for d in range(-_AROUND, _AROUND + 1) if e.speaker else ():
                j = self.by_id.get((e.interview_id, e.id + d))
                if j is not None and self.evidence[j].speaker == e.speaker:
                    near.add(j)
        near.difference_update(exclude.tolist())
        return np.array(sorted(near), dtype=np.int64)


def _claim(
    candidates: Sequence[StatementCandidate], centroid: np.ndarray, vectors: np.ndarray, row_by_id: dict[int, int]
) -> tuple[np.ndarray, int | None]:
    """What a job's quotes should say, and the row that says what its title says (its lead statement's goal, else
    outcome, else situation): the mean of the sentences its lead statement cites (every slot), else its centre.
    Another person's quote backs the job when it says what the title and statement claim, not when it only sits
    near the job's average talk ("And so, the key thing was that the core developers trusted me.")."""
    if not candidates:
        return centroid, None
    lead = candidates[0]
    goal = next((slot.evidence[0] for slot in (lead.want, lead.so, lead.when) if slot.evidence), None)
    said = [row_by_id[u] for u in lead.evidence if u in row_by_id]
    return (vectors[said].mean(axis=0) if said else centroid), row_by_id.get(goal) if goal is not None else None


def _title_first(candidates: builtins.list[StatementCandidate], title: str) -> builtins.list[StatementCandidate]:
    """The candidates, one whose goal the title names first: a title taken from a central quote may name the goal of
    a statement ranked below the lead, and a title and statement side by side should read as one job."""
    said = title.lower().split()[:4]

    def named(candidate: StatementCandidate) -> bool:
        goal = (candidate.want.text or candidate.so.text).lower().split()
        if not goal and candidate.when.text:  # a job titled by its situation: "Whenever people install my project"
            goal = f"{candidate.when.lead or 'when'} {candidate.when.text}".lower().split()
        return bool(said) and goal[: len(said)] == said

    return sorted(candidates, key=lambda c: not named(c))  # stable: otherwise the order they had


def _broad_first(
    candidates: builtins.list[StatementCandidate], parts: dict[int, int], share: dict[int, float]
) -> builtins.list[StatementCandidate]:
    """A core job's candidates, those whose goal (else outcome) was said in one of its larger jobs first."""

    def broad(candidate: StatementCandidate) -> bool:
        said = candidate.want.evidence or candidate.so.evidence or candidate.when.evidence
        return any(share.get(parts.get(u, -1), 0.0) >= CORE_NAME_SHARE for u in said)

    return sorted(candidates, key=lambda c: not broad(c))  # stable: the statements' own order within each group


def describe(
    runtime: Runtime,
    vectors: np.ndarray,
    dense: np.ndarray,
    n_keys: int,
    *,
    ids: np.ndarray,
    evidence: builtins.list,
    signals: builtins.list,
    texts: builtins.list[str],
    parts: np.ndarray | None = None,
    phrases: builtins.list[builtins.list[str]] | None = None,
    processes: int = 1,
    below: dict[int, dict] | None = None,
    embed: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> dict[int, dict]:
    """Keywords, quotes, ranked statements and a title for each job of one level (labels 0..n_keys-1).

    `parts` (core level: each row's job at the level below, -1 for none) names a core job by a goal said in one of
    its larger jobs (CORE_NAME_SHARE). `below` (core level: the jobs of the level below as this function described
    them, by their label in `parts`) names a core job by the progress its jobs share (`titles.core_title`), a
    wording none of their titles says, and leads with the statement it comes from. `phrases`: the texts'
    `pipelines.clustering.text_phrases`, read once for both levels. With `processes` > 1, the jobs are shared out to
    forked copies of this process (`app.forked.fork_map`): each job's description reads only the arguments, so it is
    the same wherever it is computed. `embed` (the sentence model; only where the jobs are described in this process:
    a forked copy must not run it) picks the title of a core job of several jobs, where no shared wording names it,
    as the option closest to its members' talk (`titles.choose_title`)."""
    from app.forked import fork_map
    from pipelines.clustering import label_clusters, representative_indices
    from pipelines.statements import build_statements
    from pipelines.titles import choose_title, title_options

    if embed is not None:
        processes = 1  # the sentence model runs in this process only (see above)
    keywords = label_clusters(texts, dense, phrases=phrases) if n_keys else {}
    # Quotes from different people before a second from anyone: one person's three interviews are one voice.
    groups = [e.speaker or str(e.interview_id) for e in evidence]
    several_voices = len(set(groups)) > 1
    # A quote that says the job (a goal, outcome, struggle or force) in a whole sentence beats a fragment near the
    # centre ("And mailing lists are brought up."): the job's quotes are what a researcher reads as its evidence.
    voiced = np.array([any(sig.kind in _JOB_KINDS for sig in found) for found in signals], dtype=np.float32)
    short = np.array([len(text.split()) < _QUOTE_MIN_WORDS for text in texts], dtype=np.float32)
    prior = _QUOTE_BONUS * voiced - _QUOTE_BONUS * short
    talk = _Talk(evidence)
    row_by_id = {int(uid): i for i, uid in enumerate(ids.tolist())}

    def one(n: int) -> dict:
        rows_in = np.flatnonzero(dense == n)
        centroid = vectors[rows_in].mean(axis=0)
        centroid = centroid / (np.linalg.norm(centroid) or 1.0)
        centrality = (vectors[rows_in] @ centroid).tolist()
        # A large job's statements come from its STATEMENT_ROWS most central members (in utterance order): each
        # read row is parsed, and a core job of a 100k-utterance project has tens of thousands.
        read = np.sort(np.argsort(-np.asarray(centrality), kind="stable")[:STATEMENT_ROWS])
        # A goal voiced far from what the job's talk is about is another job's: never the statement of this one.
        # Its situation or purpose may be said beside it in talk clustered elsewhere (or in none): that talk may
        # complete a statement, never lead one.
        around = talk.around(rows_in[read], exclude=rows_in)
        rows = np.concatenate([rows_in[read], around])
        candidates = build_statements(
            [evidence[i] for i in rows],
            [signals[i] for i in rows],
            centrality=[*(centrality[k] for k in read), *(vectors[around] @ centroid).tolist()],
            min_centrality=float(np.quantile(centrality, 0.3)),
            vectors=vectors[rows],
            context_from=len(read),
            # A core job's own rows are several jobs' talk: one person's outcome in one of them is not, for that,
            # what their goal in another is for (one interview: "get the second 80% done, so I can cover any
            # ongoing operating cost"). Where all talk is one person's, "the same person" says nothing either.
            own_outcomes=parts is None and several_voices,
        )
        if parts is not None:
            inner = parts[rows_in]
            share = {int(p): float(np.mean(inner == p)) for p in np.unique(inner) if p >= 0}
            candidates = _broad_first(candidates, {int(ids[i]): int(parts[i]) for i in rows_in}, share)
        candidates = polish(candidates, settings=runtime.settings, evidence={evidence[i].id: evidence[i] for i in rows})
        info = {e.id: (e.text, e.interview_id, e.start) for e in (evidence[i] for i in rows)}
        # Title candidates: the most central quotes, those that voice a goal, outcome or struggle a little ahead.
        order = np.argsort(-np.asarray(centrality), kind="stable")[:TITLE_QUOTES]
        central = [
            (
                texts[rows_in[k]],
                centrality[k] + (0.05 if any(sig.kind in _JOB_KINDS for sig in signals[rows_in[k]]) else 0),
            )
            for k in order
        ]
        closeness = {int(ids[i]): c for i, c in zip(rows_in, centrality, strict=True)}
        broad = _core_title(candidates, below, parts, rows_in, texts, groups) if below and parts is not None else None
        if broad is not None:
            title, chosen = broad
            candidates = [chosen, *(c for c in candidates if c != chosen)]
            # A job's statement may cite talk this core job's statements did not read: its quotes are shown too.
            for uid in chosen.evidence:
                if uid not in info and uid in row_by_id:
                    e = evidence[row_by_id[uid]]
                    info[uid] = (e.text, e.interview_id, e.start)
        else:
            options = title_options(candidates, central, keywords.get(n, [])[:5], closeness)
            fit: builtins.list[float] = []
            # Only a core job of several jobs: one job's talk has no other job's oddity to be named by.
            several = parts is not None and len({int(p) for p in parts[rows_in].tolist() if p >= 0}) > 1
            if embed is not None and several and options.options:
                # Mean cosine of each option to the core job's members: the mean of their vectors, once.
                phrases = [phrase for _, phrase in options.options]
                fit = (np.asarray(embed(phrases), dtype=np.float32) @ vectors[rows_in].mean(axis=0)).tolist()
            title = choose_title(options, fit)
            candidates = _title_first(candidates, title)
        claim, says_title = _claim(candidates, centroid, vectors, row_by_id)
        return {
            "centroid": centroid,
            "members": [(int(ids[i]), float(vectors[i] @ centroid)) for i in rows_in],
            "keywords": keywords.get(n, [])[:5],
            "quotes": [
                int(ids[i])
                for i in representative_indices(
                    vectors, dense, n, groups=groups, prior=prior, centre=claim, lead=says_title
                )
            ],
            "candidates": [_statement_dict(c, info) for c in candidates],
            "title": title,
            "statements": candidates,
        }

    # The costliest first (a large job's statements read more rows), so the processes finish together.
    sizes = np.bincount(dense[dense >= 0], minlength=n_keys)[:n_keys]
    order = sorted(range(n_keys), key=lambda n: (-int(sizes[n]), n))
    found = fork_map(one, order, processes=processes)
    return {n: found[n] for n in range(n_keys)}


def _core_title(
    candidates: builtins.list[StatementCandidate],
    below: dict[int, dict],
    parts: np.ndarray,
    rows: np.ndarray,
    texts: builtins.list[str],
    groups: builtins.list[str],
) -> tuple[str, StatementCandidate] | None:
    """A core job's title naming the progress its jobs share, and the statement it comes from (see
    `titles.core_title`), from its own statements and its jobs'; `rows`: the core job's rows."""
    from pipelines.titles import core_title

    children = sorted({int(p) for p in parts[rows].tolist() if p >= 0 and int(p) in below})
    pool = builtins.list(dict.fromkeys([*candidates, *(c for k in children for c in below[k].get("statements", []))]))
    voices = [(texts[i], groups[i], int(parts[i])) for i in rows.tolist()]
    return core_title(pool, [below[child]["title"] for child in children], voices)
