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
# A job's quotes: those that carry it lead by this much closeness to its centre. A struggle (a pain, a push away
# from how things are) is what a researcher reads a job's quotes for first; a goal, an outcome or a force next; a
# situation alone (a trigger) a little. On the pypi interviews a pain was 5x as common among the reference's
# evidence in jobs as among the other members (20% vs 4%), any other goal or force signal 1.5x.
_QUOTE_LIFT = {"pain": 0.15, "push": 0.15, **dict.fromkeys(("motivation", "outcome", "success", "pull"), 0.1)}
_QUOTE_LIFT |= {"anxiety": 0.1, "habit": 0.1}
_QUOTE_BONUS = 0.1  # what a fragment loses, and what a quote far longer than a report line reads loses
_QUOTE_MIN_WORDS = 8
_QUOTE_MAX_WORDS = 60
# Rows a job's statements are built from, most central first; no pypi job comes near it (the largest core job
# there has ~440 members), a large project's core jobs have tens of thousands.
STATEMENT_ROWS = 1000
TITLE_QUOTES = 24  # the most central quotes a title may come from (each is parsed)
# A core job is named by a goal voiced in one of its jobs that holds at least this share of its talk: on the pypi
# interviews the most central goal of a 278-utterance core job came from its 24-utterance job on privacy, while
# the core's talk is mostly about who uses the old APIs and downloads.
CORE_NAME_SHARE = 0.15
# What `describe` keeps of a job only until its title is chosen.
_DRAFT = frozenset({"options", "several", "drafted", "told", "pool"})
# How much closer (cosine of its goal sentence to the jobs' centres) another job must be for a statement to be that
# job's (`_reassign`). On the pypi interviews: the goal on tests, 0.19 closer to the job on failing tests than to its
# own on the CDN, moves; a sentence on download data 0.11 closer to two other jobs alike (0.56, 0.56) stays.
REASSIGN_MARGIN = 0.15
_AROUND = 4  # sentences either side of a job's row, by the same person, whose talk may complete its statement


def quote_prior(texts: Sequence[str], signals: Sequence) -> np.ndarray:
    """Per row, what its quote gains (or loses) against others as close to what a job says: the strongest JTBD
    signal it carries (`_QUOTE_LIFT`), less a fragment's or a long passage's `_QUOTE_BONUS`."""
    lift = np.array([max((_QUOTE_LIFT.get(sig.kind, 0.0) for sig in found), default=0.0) for found in signals])
    words = np.array([len(text.split()) for text in texts])
    odd = (words < _QUOTE_MIN_WORDS) | (words > _QUOTE_MAX_WORDS)
    return (lift - _QUOTE_BONUS * odd).astype(np.float32)


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
        from pipelines.statements import answers_trigger

        self.evidence = evidence
        self.by_passage: dict[tuple[int, int], builtins.list[int]] = {}
        self.by_id: dict[tuple[int, int], int] = {}
        self.answers: dict[tuple[int, str], builtins.list[int]] = {}  # a person's answers to a trigger question
        for i, e in enumerate(evidence):
            self.by_id[e.interview_id, e.id] = i
            if e.passage >= 0:
                self.by_passage.setdefault((e.interview_id, e.passage), []).append(i)
            if e.speaker and answers_trigger(e):
                self.answers.setdefault((e.interview_id, e.speaker), []).append(i)

    def around(self, rows: np.ndarray, *, exclude: np.ndarray) -> np.ndarray:
        """Rows said beside `rows` (their turn, or a few sentences of the same person) that `exclude` lacks, and the
        answers their people gave to a trigger question in that interview (the trigger may be their goals' 'when')."""
        near: set[int] = set()
        for i in rows.tolist():
            e = self.evidence[i]
            near.update(self.by_passage.get((e.interview_id, e.passage), ()))
            near.update(self.answers.get((e.interview_id, e.speaker), ()))
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
    goal = _goal(lead)
    said = [row_by_id[u] for u in lead.evidence if u in row_by_id]
    return (vectors[said].mean(axis=0) if said else centroid), row_by_id.get(goal) if goal is not None else None


def _goal(candidate: StatementCandidate) -> int | None:
    """The sentence a statement's goal is said in (else its outcome's, else its situation's)."""
    return next((slot.evidence[0] for slot in (candidate.want, candidate.so, candidate.when) if slot.evidence), None)


def _names(candidate: StatementCandidate, title: str) -> bool:
    """Whether a title names a statement's goal (else outcome, else situation: "Whenever people install my project")."""
    said = title.lower().split()[:4]
    goal = (candidate.want.text or candidate.so.text).lower().split()
    if not goal and candidate.when.text:
        goal = f"{candidate.when.lead or 'when'} {candidate.when.text}".lower().split()
    return bool(said) and goal[: len(said)] == said


def _title_first(candidates: builtins.list[StatementCandidate], title: str) -> builtins.list[StatementCandidate]:
    """The candidates, those the title names first, the fullest of them first: a title taken from a central quote
    may name the goal of a statement ranked below the lead, and a title and statement side by side should read as
    one job. A title that names a statement's outcome names it too: "Know exactly what goes into his food" reads
    best over "I want to pick every ingredient myself, so I can know exactly what goes into his food", not over that
    purpose restated as the goal alone."""
    said = title.lower().split()[:4]

    def key(candidate: StatementCandidate) -> tuple[bool, int]:
        named = _names(candidate, title) or bool(said) and candidate.so.text.lower().split()[: len(said)] == said
        return not named, len(candidate.missing) if named else 0

    return sorted(candidates, key=key)  # stable: otherwise the order they had


def _lead_with(
    candidates: builtins.list[StatementCandidate], title: str, told: StatementCandidate | None
) -> builtins.list[StatementCandidate]:
    """The candidates, `told` (the statement said beside the quote a title's words come from) first, else one whose
    goal the title names (`_title_first`)."""
    ordered = _title_first(candidates, title)
    return ordered if told is None else [told, *(c for c in ordered if c != told)]


def _said_row(
    candidates: Sequence[StatementCandidate], title: str, quote: str | None, rows: dict[str, int]
) -> int | None:
    """The row a title taken from a quote's words is said in, shown first, when no statement says it."""
    if quote is None or any(_names(c, title) for c in candidates):
        return None
    return rows.get(quote)


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
    the same wherever it is computed. `embed` (the sentence model, run in this process once the jobs are described,
    never in a forked copy) picks the title of a core job of several jobs, where no shared wording names it, as the
    option closest to its members' talk, and a job's title where the rules' pick names its talk poorly against the
    other jobs' (`_titles_by_fit`)."""
    from app.forked import fork_map
    from pipelines.clustering import label_clusters, representative_indices
    from pipelines.statements import build_statements
    from pipelines.titles import choose_title, core_phrases, goal_led, pick_title, talk_topics, title_options

    keywords = label_clusters(texts, dense, phrases=phrases) if n_keys else {}
    # Quotes from different people before a second from anyone: one person's three interviews are one voice.
    groups = [e.speaker or str(e.interview_id) for e in evidence]
    several_voices = len(set(groups)) > 1
    # A quote that says the job (a goal, outcome, struggle or force) in a whole sentence beats a fragment near the
    # centre ("And mailing lists are brought up."): the job's quotes are what a researcher reads as its evidence.
    prior = quote_prior(texts, signals)
    talk = _Talk(evidence)
    row_by_id = {int(uid): i for i, uid in enumerate(ids.tolist())}

    def one(n: int, given: builtins.list[StatementCandidate] | None = None) -> dict:
        """Job `n` described; `given`: its statements, already built (and polished), when they were reassigned."""
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
        candidates = (
            given
            if given is not None
            else build_statements(
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
        )
        if parts is not None:
            inner = parts[rows_in]
            share = {int(p): float(np.mean(inner == p)) for p in np.unique(inner) if p >= 0}
            candidates = _broad_first(candidates, {int(ids[i]): int(parts[i]) for i in rows_in}, share)
        if given is None:
            candidates = polish(
                candidates, settings=runtime.settings, evidence={evidence[i].id: evidence[i] for i in rows}
            )
        info = {e.id: (e.text, e.interview_id, e.start) for e in (evidence[i] for i in rows)}
        # A statement offered by another job (`_reassign`) cites talk this job's rows did not read.
        for uid in {u for c in given or () for u in c.evidence} - info.keys():
            if uid in row_by_id:
                e = evidence[row_by_id[uid]]
                info[uid] = (e.text, e.interview_id, e.start)
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
        several = parts is not None and len({int(p) for p in parts[rows_in].tolist() if p >= 0}) > 1
        told: dict[str, StatementCandidate] = {}  # a central quote -> the statement said beside it
        # A core job of several jobs is named for all of them: its title options are every goal and outcome said in
        # its statements and its jobs' (the larger job first), chosen by fit once the sentence model runs.
        pool: tuple[builtins.list[StatementCandidate], tuple[tuple[str, int], ...], builtins.list[str]] | None = None
        if several and below and parts is not None:
            sizes = np.bincount(parts[rows_in][parts[rows_in] >= 0])
            children = sorted((k for k in np.flatnonzero(sizes).tolist() if k in below), key=lambda k: -sizes[k])
            pooled = builtins.list(
                dict.fromkeys([*candidates, *(c for k in children for c in below[k].get("statements", []))])
            )
            pool = (pooled, core_phrases(pooled), [below[k]["title"] for k in children])
        said_in = {texts[rows_in[k]]: int(rows_in[k]) for k in order}
        if broad is not None:
            title, chosen = broad
            candidates = [chosen, *(c for c in candidates if c != chosen)]
            # A job's statement may cite talk this core job's statements did not read: its quotes are shown too.
            for uid in chosen.evidence:
                if uid not in info and uid in row_by_id:
                    e = evidence[row_by_id[uid]]
                    info[uid] = (e.text, e.interview_id, e.start)
            options = None
        else:
            options = title_options(candidates, central, keywords.get(n, [])[:5], closeness)
            # A title in a quote's words leads with the statement said beside that quote (its turn, or a few
            # sentences of the same person): title and statement side by side tell one story. A quote's phrase
            # titles no job without one where a statement names it (`TitleOptions.beside`): "Pay someone to address
            # production outages" would sit over "When there aren't tests, I want to verify ...", said in another
            # interview.
            for text in {*(q for q in options.quoted if q), *(q for _, q in options.spare)}:
                beside = _told_beside(said_in[text], candidates, talk)
                if beside is not None:
                    told[text] = beside
            options = options.beside(told)
            title = choose_title(options)  # by the rules; by fit, if asked, in this process (see below)
        drafted = candidates
        quote = options.said_in(pick_title(options)) if options is not None and options.options else None
        if options is not None:
            candidates = _lead_with(candidates, title, told.get(quote) if quote is not None else None)
            title = goal_led(candidates, title)
        return {
            "centroid": centroid,
            "members": [(int(ids[i]), float(vectors[i] @ centroid)) for i in rows_in],
            "keywords": keywords.get(n, [])[:5],
            # What talk with no goal is about, should nothing name it (`jobs._save_job`): its keywords said as nouns.
            "topics": talk_topics(
                keywords.get(n, [])[:5], [texts[i] for i in rows_in[np.argsort(-np.asarray(centrality), kind="stable")]]
            )
            if not title
            else [],
            "options": options,
            "several": several,
            "drafted": drafted,
            "told": told,
            "pool": pool,
            **finish(n, candidates, title, centroid, info, lead=_said_row(candidates, title, quote, said_in)),
        }

    def finish(
        n: int,
        candidates: builtins.list[StatementCandidate],
        title: str,
        centroid: np.ndarray,
        info: dict,
        lead: int | None = None,
    ) -> dict:
        """A job's title, statements in order (the one its title says first) and the quotes that back them, `lead`
        (the row its title's words are said in) or the row that says its lead statement's goal first."""
        claim, says_title = _claim(candidates, centroid, vectors, row_by_id)
        quotes = representative_indices(
            vectors, dense, n, groups=groups, prior=prior, centre=claim, lead=says_title if lead is None else lead
        )
        return {
            "quotes": [int(ids[i]) for i in quotes],
            "candidates": [_statement_dict(c, info) for c in candidates],
            "title": title,
            "statements": candidates,
        }

    # The costliest first (a large job's statements read more rows), so the processes finish together.
    sizes = np.bincount(dense[dense >= 0], minlength=n_keys)[:n_keys]
    order = sorted(range(n_keys), key=lambda n: (-int(sizes[n]), n))
    found = fork_map(one, order, processes=processes)
    # A statement whose goal is said in talk clearly closer to another job's centre is that job's (the goal sentence
    # sits among this job's members, or beside them): the jobs that lose or gain one are described again, here.
    centroids = np.stack([found[n]["centroid"] for n in range(n_keys)]) if n_keys else np.empty((0, 0))
    moved = _reassign({n: found[n]["drafted"] for n in range(n_keys)}, centroids, vectors, row_by_id)
    for n, candidates in moved.items():
        found[n] = one(n, candidates)
    if embed is not None:
        for n, (title, quote, says) in _titles_by_fit(found, vectors, dense, embed, core=parts is not None).items():
            job = found[n]
            if says is not None:  # a core job's title from a statement (its own or one of its jobs'): that one leads
                candidates = [says, *(c for c in job["drafted"] if c != says)]
            else:
                candidates = _lead_with(job["drafted"], title, job["told"].get(quote) if quote is not None else None)
                title = goal_led(candidates, title)
            cited = (evidence[row_by_id[uid]] for c in candidates for uid in c.evidence if uid in row_by_id)
            info = {e.id: (e.text, e.interview_id, e.start) for e in cited}
            rows = {texts[i]: int(i) for i in np.flatnonzero(dense == n)}
            job.update(
                finish(n, candidates, title, job["centroid"], info, lead=_said_row(candidates, title, quote, rows))
            )
    return {n: {k: v for k, v in found[n].items() if k not in _DRAFT} for n in range(n_keys)}


def _reassign(
    drafted: dict[int, builtins.list[StatementCandidate]],
    centroids: np.ndarray,
    vectors: np.ndarray,
    row_by_id: dict[int, int],
) -> dict[int, builtins.list[StatementCandidate]]:
    """The jobs whose statements change, with their new statements: each statement goes to the job whose centre its
    goal sentence (else outcome, else situation) is nearest, when that is closer than its own job's by REASSIGN_MARGIN;
    a job's statements keep their order, one it is offered takes its place by score. On the pypi interviews "it was
    really hard to verify that you hadn't completely screwed up some other feature" (no tests) sat among a job's
    members on the CDN and downloads (0.41 to its centre), 0.61 from the job on failing tests, which said no goal."""
    lost: dict[int, set[int]] = {}
    offered: dict[int, builtins.list[StatementCandidate]] = {}
    for n, candidates in drafted.items():
        for k, candidate in enumerate(candidates):
            goal = _goal(candidate)
            if goal is None or goal not in row_by_id:
                continue
            fit = centroids @ vectors[row_by_id[goal]]
            best = int(np.argmax(fit))
            if best != n and fit[best] - fit[n] >= REASSIGN_MARGIN:
                lost.setdefault(n, set()).add(k)
                offered.setdefault(best, []).append(candidate)
    changed: dict[int, builtins.list[StatementCandidate]] = {}
    for n in sorted(lost.keys() | offered.keys()):
        kept = [c for k, c in enumerate(drafted[n]) if k not in lost.get(n, set())]
        gained = sorted(offered.get(n, []), key=lambda c: -c.score)
        for candidate in (c for c in gained if c not in kept):  # before the first it outscores: its own keep order
            at = next((k for k, c in enumerate(kept) if candidate.score > c.score), len(kept))
            kept.insert(at, candidate)
        changed[n] = kept
    return changed


def _told_beside(row: int, candidates: Sequence[StatementCandidate], talk: _Talk) -> StatementCandidate | None:
    """The first statement whose goal (else outcome, else situation) is said beside `row`: in its turn, or a few
    sentences of the same person."""
    near = talk.around(np.array([row], dtype=np.int64), exclude=np.empty(0, dtype=np.int64)).tolist()
    said = {talk.evidence[i].id for i in [row, *near]}
    return next((c for c in candidates if _goal(c) in said), None)


def _titles_by_fit(
    found: dict[int, dict],
    vectors: np.ndarray,
    dense: np.ndarray,
    embed: Callable[[Sequence[str]], np.ndarray],
    *,
    core: bool,
) -> dict[int, tuple[str, str | None, StatementCandidate | None]]:
    """The jobs whose title a choice by fit changes, with their new title, the quote it is said in (None for a
    statement's) and the statement it comes from where that must lead (a core job's), every phrase embedded in one
    batch, here: the sentence model runs in this process only (the jobs may be described in forked copies). A core
    job of several jobs takes the goal or outcome of its statements and its jobs' that names its members' talk best
    against the other core jobs' (`titles.choose_core`; a core job that holds all the talk: closest to it); a job's
    title that names its members' talk poorly against the other jobs' (titles.POOR_FIT) gives way to the phrase that
    names it best (`titles.pick_title`)."""
    from pipelines.titles import choose_core, choose_title, leads_whole, named_by_jobs, pick_title

    counts = {n: int(np.sum(dense == n)) for n in found}
    rest = int(np.sum(dense >= 0))
    pools = {n: job["pool"] for n, job in found.items() if job.get("pool") is not None}
    asked = {n: job["options"] for n, job in found.items() if job["options"] is not None and job["options"].options}
    # A job alone has no other jobs' talk to be told from; a core job of several is weighed by its pool, its jobs'
    # statements too, even alone: by their fit to its talk then (three clinic interviews, one core job of two jobs:
    # "Let new patients book a slot while I'm treating someone", one person's goal among its own statements, gave way
    # to "Stop ringing people one by one", what one job's goal is for, said of the phone work all three tell).
    closest = {n: core and bool(job["several"]) for n, job in found.items()}
    asked = {n: options for n, options in asked.items() if (rest > counts[n] or closest[n]) and n not in pools}
    if not asked and not pools:
        return {}
    phrases = {n: builtins.list(options.phrases) for n, options in asked.items()}
    # The rules' title stays an option (last: the statements' own phrases break ties first).
    for n, (_, options, _) in pools.items():
        rules = found[n]["title"]
        phrases[n] = [*(phrase for phrase, _ in options), *([rules] if rules else [])]
    embedded = np.asarray(embed([phrase for said in phrases.values() for phrase in said]), dtype=np.float32)
    total = vectors[dense >= 0].sum(axis=0)
    changed: dict[int, tuple[str, str | None, StatementCandidate | None]] = {}
    start = 0
    for n, said in phrases.items():
        rows = embedded[start : start + len(said)]
        start += len(said)
        own = vectors[dense == n].mean(axis=0)
        fit = (rows @ own).tolist()
        others = (total - own * counts[n]) / (rest - counts[n]) if rest > counts[n] else None
        against = [] if others is None else (rows @ others).tolist()
        if n in pools:
            pooled, options, child_titles = pools[n]
            if not said:
                continue  # nothing said to name it by: the rules' (empty) title stays
            lead = [f - a for f, a in zip(fit, against, strict=True)] if against else fit
            full = [leads_whole(phrase, pooled[k]) for phrase, k in options]
            k, title = choose_core(said, lead, named_by_jobs(pooled, child_titles), full)
            if title != found[n]["title"]:
                changed[n] = (title, None, pooled[options[k][1]] if k < len(options) else None)
            continue
        # Only a core job of several jobs: one job's talk has no other job's oddity to be named by.
        pick = pick_title(asked[n], fit, against, closest=closest[n])
        title = choose_title(asked[n], fit, against, closest=closest[n])
        if title != found[n]["title"]:
            changed[n] = (title, asked[n].said_in(pick), None)  # a quote's phrase, option or spare: its quote
    return changed


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
