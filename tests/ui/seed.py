"""Synthetic projects for page tests and the page benchmark: rows written straight to the database, no models run.

Utterances get random unit embeddings drawn around one centre per job (so the 2-D map has structure), jobs get
statements whose slots cite real utterance ids, and some utterances carry success and pain signals."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from app.services.index import encode_embedding
from models import Interview, Job, JobUtterance, Project, Speaker, Turn, Utterance, UtteranceSignal

DIM = 384
SEGMENTS = ("smb", "mid-market", "enterprise")
INDUSTRIES = ("finance", "retail", "health", "logistics")
ROLES = ("Head of Finance", "Controller", "Operations lead")
SIZES = ("1-10", "11-50", "51-200", "201-1000")
WORDS = (
    "reconcile invoices month end close takes forever spreadsheet export import bank feed approval chase "
    "customers late payments cash flow forecast report board numbers audit trail mistakes manual copy paste "
    "team hours weekend stress tool integration sync errors duplicate entries vendor portal login"
).split()
# What a mined job reads like (verb, object, context), so screenshots show pages as researchers will see them.
WANTS = (
    "reconcile the bank feed without copying and pasting",
    "get approvals signed off before the month ends",
    "send the board numbers everyone trusts",
    "see late payments before they hurt cash flow",
    "keep the audit trail in one place",
)
CORE_TITLES = ("Close the month without weekend work", "Know where the cash is", "Report numbers the board trusts")
SUCCESS = ("close the books in a day", "sleep at night", "know where the cash is", "stop chasing approvals")
PAIN = ("takes forever", "copy and paste everything", "it breaks every month", "nobody trusts the numbers")
SAID_FORCES = {
    "push": "it breaks every month",
    "pull": "the new one would save us hours",
    "anxiety": "I was worried the new one would lose our data",
    "habit": "we've always done it by hand",
}
# What customers say, quotable as phrases: whole clauses with a verb.
SAID_SUCCESS = tuple(f"now I can {s} again" for s in SUCCESS)
SAID_PAIN = (
    "the month end takes forever",
    "I copy and paste everything",
    "it breaks every single month",
    "nobody trusts the numbers anymore",
)


@dataclass(frozen=True)
class Seeded:
    project_id: int
    interview_ids: list[int]
    job_ids: list[int]
    utterance_ids: list[int]
    core_ids: list[int] = field(default_factory=list)


def _sentence(rng: np.random.Generator, n: int) -> str:
    words = rng.choice(WORDS, size=n)
    return (" ".join(words)).capitalize() + "."


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def seed_project(
    session: Session,
    *,
    name: str = "Synthetic interviews",
    interviews: int = 10,
    utterances: int = 10_000,
    jobs: int = 20,
    recordings: int = 1,
    seed: int = 0,
    cores: int = 0,
) -> Seeded:
    """Write a ready project: interviews with speakers, turns and embedded utterances, mined jobs and signals."""
    rng = np.random.default_rng(seed)
    project = Project(name=name)
    session.add(project)
    session.flush()
    centres = _unit(rng.normal(size=(jobs + 1, DIM)))
    per_interview = utterances // interviews
    interview_ids, utterance_ids, utterance_jobs, utterance_interviews, utterance_starts = [], [], [], [], []
    texts: list[str] = []
    for i in range(interviews):
        is_recording = i < recordings
        interview = Interview(
            project_id=project.id,
            title=f"Interview {i + 1:02d}",
            participant_name=f"Customer {i + 1}",
            participant_role=ROLES[i % len(ROLES)],
            company=f"Company {i + 1}",
            industry=INDUSTRIES[i % len(INDUSTRIES)],
            company_size=SIZES[i % len(SIZES)],
            segment=SEGMENTS[i % len(SEGMENTS)],
            interviewed_at=date(2024 + (i % 6) // 4, 1 + 3 * (i % 4), 10),
            tags=["synthetic"],
            status="ready",
            source_filename=f"interview-{i + 1:02d}.{'flac' if is_recording else 'vtt'}",
            source_kind="recording" if is_recording else "transcript",
            source_format="flac" if is_recording else "vtt",
            media_path=f"media/synthetic-{i + 1:02d}.flac" if is_recording else None,
            media_type="audio/flac" if is_recording else None,
            size_bytes=1_000_000,
            duration=float(per_interview * 6) if is_recording else None,
        )
        session.add(interview)
        session.flush()
        interview_ids.append(interview.id)
        interviewer = Speaker(interview_id=interview.id, label="SPEAKER_00", name="Sam", role="interviewer")
        customer = Speaker(interview_id=interview.id, label="SPEAKER_01", name=f"Customer {i + 1}", role="customer")
        session.add_all([interviewer, customer])
        session.flush()
        # Three customer sentences per turn, each turn after an interviewer question.
        turn_rows: list[dict[str, Any]] = []
        pieces: list[tuple[int, str, float]] = []
        for n in range(per_interview):
            if n % 3 == 0:
                start = n * 6.0
                turn_rows.append(
                    {
                        "interview_id": interview.id,
                        "speaker_id": interviewer.id,
                        "position": len(turn_rows),
                        "start": start,
                        "end": start + 3,
                        "text": "Can you tell me about " + _sentence(rng, 6).lower(),
                    }
                )
                turn_rows.append(
                    {
                        "interview_id": interview.id,
                        "speaker_id": customer.id,
                        "position": len(turn_rows),
                        "start": start + 3,
                        "end": start + 18,
                        "text": "",
                    }
                )
            sentence = _sentence(rng, int(rng.integers(6, 18)))
            turn_rows[-1]["text"] = (turn_rows[-1]["text"] + " " + sentence).strip()
            pieces.append((len(turn_rows) - 1, sentence, n * 6.0 + 3))
        session.execute(insert(Turn), turn_rows)
        turn_ids = dict(session.execute(select(Turn.position, Turn.id).where(Turn.interview_id == interview.id)).all())
        # Every other interview leaves one core job's jobs (or a third of the jobs) unsaid, so slices and quarters
        # differ as in real projects.
        groups = cores or 3
        voiced = [j for j in range(jobs) if i % 2 or j % groups != (i // 2) % groups] or list(range(jobs))
        job_of = rng.choice(np.array([*voiced, jobs]), size=len(pieces))  # jobs = "no job"
        vectors = _unit(centres[job_of] + rng.normal(scale=0.08, size=(len(pieces), DIM)))
        rows = [
            {
                "project_id": project.id,
                "interview_id": interview.id,
                "speaker_id": customer.id,
                "turn_id": turn_ids[turn],
                "role": "customer",
                "start": start,
                "end": start + 5,
                "verbatim_text": sentence,
                "display_text": sentence,
                "position": n,
                "embedding": encode_embedding(vectors[n]),
            }
            for n, (turn, sentence, start) in enumerate(pieces)
        ]
        session.execute(insert(Utterance), rows)
        ids = list(
            session.scalars(
                select(Utterance.id).where(Utterance.interview_id == interview.id).order_by(Utterance.position)
            )
        )
        utterance_ids += ids
        utterance_jobs += job_of.tolist()
        utterance_interviews += [interview.id] * len(ids)
        utterance_starts += [p[2] for p in pieces]
        texts += [p[1] for p in pieces]

    job_ids = []
    members = members_of = np.array(utterance_jobs)
    ids_array = np.array(utterance_ids)
    for j in range(jobs):
        mine = ids_array[members == j]
        evidence = {
            slot: [
                {
                    "utterance_id": int(u),
                    "text": texts[utterance_ids.index(int(u))],
                    "interview_id": utterance_interviews[utterance_ids.index(int(u))],
                    "start": utterance_starts[utterance_ids.index(int(u))],
                }
                for u in mine[k : k + 2]
            ]
            for k, slot in ((0, "when"), (2, "want"), (4, "so"))
        }
        statement = {
            "text": f"When the month ends, I want to {WANTS[j % len(WANTS)]}, so I can {SUCCESS[j % len(SUCCESS)]}.",
            "when": "the month ends",
            "want": WANTS[j % len(WANTS)],
            "so": SUCCESS[j % len(SUCCESS)],
            "missing": [],
            "score": 1.0,
            "evidence": evidence,
        }
        job = Job(
            project_id=project.id,
            title=WANTS[j % len(WANTS)][:1].upper() + WANTS[j % len(WANTS)][1:],
            keywords=list(rng.choice(WORDS, size=5)),
            status="approved" if j < 3 else "proposed",
            centroid=encode_embedding(centres[j]),
            statement=statement,
            candidates=[statement],
            quote_ids=[int(u) for u in mine[:3]],
            mining_run=1,
        )
        session.add(job)
        session.flush()
        job_ids.append(job.id)
        session.execute(
            insert(JobUtterance),
            [{"job_id": job.id, "utterance_id": int(u), "source": "auto", "similarity": 0.8} for u in mine],
        )
    core_ids = []
    for c in range(cores):
        # Core jobs over the detail jobs (detail job j under core j % cores); the last core job has no statement.
        mine_jobs = [job_ids[j] for j in range(jobs) if j % cores == c]
        first = session.get(Job, mine_jobs[0]) if mine_jobs else None
        core = Job(
            project_id=project.id,
            title=CORE_TITLES[c % len(CORE_TITLES)],
            keywords=list(rng.choice(WORDS, size=4)),
            level="core",
            status="proposed",
            centroid=encode_embedding(centres[c]),
            statement=None if c == cores - 1 or first is None else first.statement,
            candidates=[],
            quote_ids=list(first.quote_ids) if first is not None else [],
            mining_run=1,
        )
        session.add(core)
        session.flush()
        core_ids.append(core.id)
        session.execute(update(Job).where(Job.id.in_(mine_jobs)).values(parent_id=core.id))
        core_members = [int(u) for j in range(jobs) if j % cores == c for u in ids_array[members_of == j]]
        if core_members:
            session.execute(
                insert(JobUtterance),
                [{"job_id": core.id, "utterance_id": u, "source": "auto", "similarity": 0.8} for u in core_members],
            )
    signals = []
    if cores:
        for n, utterance_id in enumerate(utterance_ids[3::11]):
            kind = ("push", "pull", "anxiety", "habit")[n % 4]
            signals.append(
                {
                    "utterance_id": utterance_id,
                    "project_id": project.id,
                    "kind": kind,
                    # a job counts anxiety and habit only where the sentence voices them
                    "text": SAID_FORCES[kind],
                    "start_char": 0,
                    "end_char": 10,
                    # Half the forces are ones the classifier is unsure of, which no job counts.
                    "confidence": 0.8 if n % 8 < 4 else 0.2,
                }
            )
    for n, utterance_id in enumerate(utterance_ids[::7]):
        kind, phrases = ("success", SAID_SUCCESS) if n % 2 else ("pain", SAID_PAIN)
        text = phrases[n % len(phrases)]
        signals.append(
            {
                "utterance_id": utterance_id,
                "project_id": project.id,
                "kind": kind,
                "text": text,
                "start_char": 0,
                "end_char": len(text),
            }
        )
    session.execute(insert(UtteranceSignal), signals)
    session.execute(update(Project).where(Project.id == project.id).values(index_version=Project.index_version + 1))
    session.flush()
    return Seeded(project.id, interview_ids, job_ids, utterance_ids, core_ids)


class FakeEmbedder:
    """Stands in for the sentence model in fast tests: a stable random unit vector per text."""

    dimension = DIM

    def embed(self, texts, progress=None):
        rows = [np.random.default_rng(zlib.crc32(t.encode())).normal(size=DIM) for t in texts]
        return _unit(np.array(rows))
