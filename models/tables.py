"""Projects, interviews, speakers, turns, utterances and durable tasks."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Bumped in the same transaction as any change to the project's utterances; the FAISS index records
    # the version it was built from, so a stale index is detected by comparing two integers.
    index_version: Mapped[int] = mapped_column(Integer, default=0)
    # Bumped with any change to job membership; phrase statistics record the (index, jobs) versions they were
    # computed from, so the feed refreshes them only when either moved.
    jobs_version: Mapped[int] = mapped_column(Integer, default=0)
    phrases_state: Mapped[str | None] = mapped_column(String(40))
    # The model of the utterances' search_embedding vectors; None: search uses the stored `embedding` vectors.
    search_model: Mapped[str | None] = mapped_column(String(200))
    # Replace personal data (emails, phones, cards, IBANs, national ids, addresses, names) at ingest.
    redact_pii: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # With redact_pii: also the speakers' own names (otherwise a speaker's name is left where it is said).
    redact_speaker_names: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    interviews: Mapped[list[Interview]] = relationship(
        back_populates="project", cascade="all, delete-orphan", passive_deletes=True
    )


class Interview(Base):
    __tablename__ = "interviews"
    # Search's segment and industry filters read a project's interviews of one value on every search (unindexed, a
    # walk over all of the project's interview rows: ~2 ms at 3,700 interviews).
    __table_args__ = (
        Index("ix_interviews_project_segment", "project_id", "segment"),
        Index("ix_interviews_project_industry", "project_id", "industry"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    participant_name: Mapped[str | None] = mapped_column(String(200))
    participant_role: Mapped[str | None] = mapped_column(String(200))
    company: Mapped[str | None] = mapped_column(String(200))
    industry: Mapped[str | None] = mapped_column(String(200))
    company_size: Mapped[str | None] = mapped_column(String(100))
    segment: Mapped[str | None] = mapped_column(String(200))
    interviewed_at: Mapped[date | None]
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # queued -> processing -> ready | failed
    status: Mapped[str] = mapped_column(String(20), default="queued")
    error: Mapped[str | None] = mapped_column(Text)
    source_filename: Mapped[str | None] = mapped_column(String(500))
    source_kind: Mapped[str] = mapped_column(String(20), default="transcript")  # transcript | recording
    source_format: Mapped[str | None] = mapped_column(String(40))
    media_path: Mapped[str | None] = mapped_column(String(500))
    media_type: Mapped[str | None] = mapped_column(String(100))
    # The recording with redacted spans bleeped (a WAV under the data directory); served instead of the original.
    redacted_media_path: Mapped[str | None] = mapped_column(String(500))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    duration: Mapped[float | None] = mapped_column(Float)
    language: Mapped[str | None] = mapped_column(String(20))
    options: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship(back_populates="interviews")
    speakers: Mapped[list[Speaker]] = relationship(
        back_populates="interview", cascade="all, delete-orphan", passive_deletes=True, order_by="Speaker.id"
    )


class Speaker(Base):
    __tablename__ = "speakers"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20), default="unknown")  # interviewer | customer | observer | unknown
    role_source: Mapped[str] = mapped_column(String(10), default="auto")  # auto | user

    interview: Mapped[Interview] = relationship(back_populates="speakers")


class Turn(Base):
    __tablename__ = "turns"
    __table_args__ = (Index("ix_turns_interview_position", "interview_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    start: Mapped[float | None] = mapped_column(Float)
    end: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    # Recordings: each word's [char_start, char_end, start, end] in `text` (offsets only, never the words).
    word_times: Mapped[list | None] = mapped_column(JSON)
    # A short customer turn (2-3 sentences: one request): its whole text's embedding, which mining clusters as one
    # point; None for other turns. The sentences' own vectors stay on their utterances (search, evidence).
    request_embedding: Mapped[bytes | None] = mapped_column(LargeBinary)

    speaker: Mapped[Speaker] = relationship()


class Utterance(Base):
    __tablename__ = "utterances"
    __table_args__ = (
        Index("ix_utterances_interview_position", "interview_id", "position"),
        Index("ix_utterances_project_id", "project_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Denormalised so the project's index is built with one indexed scan.
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speakers.id", ondelete="CASCADE"), index=True)
    turn_id: Mapped[int] = mapped_column(ForeignKey("turns.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    start: Mapped[float | None] = mapped_column(Float)
    end: Mapped[float | None] = mapped_column(Float)
    verbatim_text: Mapped[str] = mapped_column(Text)
    display_text: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32 L2-normalised row
    # Search-only vector from the project's search_model (e.g. all-mpnet-base-v2); None when it has none.
    search_embedding: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Quoted material inside a turn (a block quote, a "Source:" block, someone else's words read out): never mined.
    quoted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Whether the utterance carries a job (situation, goal, struggle, outcome, force); None until classified.
    job_talk: Mapped[bool | None] = mapped_column(Boolean)

    speaker: Mapped[Speaker] = relationship()
    interview: Mapped[Interview] = relationship()
    turn: Mapped[Turn] = relationship()


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (Index("ix_tasks_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="queued")  # queued | running | done | failed | cancelled
    stage: Mapped[str | None] = mapped_column(String(40))
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    interview_id: Mapped[int | None] = mapped_column(ForeignKey("interviews.id", ondelete="SET NULL"), index=True)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    worker_id: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]


class UtteranceSignal(Base):
    """A JTBD signal found in an utterance: situation, motivation, outcome, success, pain or a force of progress."""

    __tablename__ = "utterance_signals"

    id: Mapped[int] = mapped_column(primary_key=True)
    utterance_id: Mapped[int] = mapped_column(ForeignKey("utterances.id", ondelete="CASCADE"), index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    text: Mapped[str] = mapped_column(Text)
    phrase_id: Mapped[int | None] = mapped_column(ForeignKey("phrases.id", ondelete="SET NULL"), index=True)
    start_char: Mapped[int] = mapped_column(Integer)
    end_char: Mapped[int] = mapped_column(Integer)
    # A force's probability from the force classifier; None for the other kinds and for forces stored before
    # migration 0011 (such a force counts toward no job until its interview is ingested again).
    confidence: Mapped[float | None] = mapped_column(Float)
    # The clause's own embedding (float32 L2-normalised row), which phrase families compare; None: use the
    # utterance's (rows stored before migration 0008, and signals that span their whole utterance).
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)


class Job(Base):
    """A recurring job mined from a project's customer utterances."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    # A verb-led title ("Keep PyPI running without burning out volunteers"); keywords are the c-TF-IDF terms.
    title: Mapped[str] = mapped_column(String(300))
    title_source: Mapped[str] = mapped_column(String(10), default="auto")  # auto | user
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    # core: one of the few big jobs; detail: a finer job inside its core job (parent_id).
    level: Mapped[str] = mapped_column(String(10), default="detail", server_default="detail")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="proposed")  # proposed | approved | rejected | merged
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The chosen statement and the ranked candidates, each {"text", "when", "want", "so", "evidence", "missing"}.
    statement: Mapped[dict | None] = mapped_column(JSON)
    statement_source: Mapped[str] = mapped_column(String(10), default="auto")  # auto | user
    candidates: Mapped[list[dict]] = mapped_column(JSON, default=list)
    quote_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    mining_run: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class JobUtterance(Base):
    """Membership of an utterance in a job; source 'user' marks a researcher's move that re-mining keeps."""

    __tablename__ = "job_utterances"

    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    utterance_id: Mapped[int] = mapped_column(
        ForeignKey("utterances.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    source: Mapped[str] = mapped_column(String(10), default="auto")  # auto | user
    similarity: Mapped[float] = mapped_column(Float, default=0.0)


class Phrase(Base):
    """A customer phrase of one kind (success, pain...), keyed by its normalised text: its id is stable for good.

    Support, segments, job and quote are statistics over the utterance signals that voice it, refreshed when the
    project's utterances or jobs change; tests_run, wins and mean_lift are what copy tests taught about it."""

    __tablename__ = "phrases"
    __table_args__ = (
        UniqueConstraint("project_id", "kind", "key"),
        Index("ix_phrases_project_support", "project_id", "support", "id"),
        Index("ix_phrases_project_tests_run", "project_id", "tests_run"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(1000))
    text: Mapped[str] = mapped_column(Text)
    support: Mapped[int] = mapped_column(Integer, default=0)  # distinct interviews
    people: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # distinct people who voice it
    utterance_count: Mapped[int] = mapped_column(Integer, default=0)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"), index=True)
    quote_utterance_id: Mapped[int | None] = mapped_column(Integer)
    quote_interview_id: Mapped[int | None] = mapped_column(Integer)
    quote_start: Mapped[float | None] = mapped_column(Float)
    tests_run: Mapped[int] = mapped_column(Integer, default=0)
    wins: Mapped[int] = mapped_column(Integer, default=0)
    mean_lift: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class PhraseMember(Base):
    """A clause key that has joined a phrase family (by its exact key or by likeness), so that the same clause
    said again (re-derived utterances, re-mining) rejoins the same family. The key is stored hashed: clause text
    may hold personal data that redaction removes from the phrases themselves."""

    __tablename__ = "phrase_members"
    __table_args__ = (UniqueConstraint("project_id", "kind", "key_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    key_hash: Mapped[str] = mapped_column(String(64))
    phrase_id: Mapped[int] = mapped_column(ForeignKey("phrases.id", ondelete="CASCADE"), index=True)


class PhraseSegment(Base):
    """A segment whose interviews voice a phrase (for the feed's segment filter)."""

    __tablename__ = "phrase_segments"

    phrase_id: Mapped[int] = mapped_column(ForeignKey("phrases.id", ondelete="CASCADE"), primary_key=True)
    segment: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)


class CopyTest(Base):
    """An A/B test of messaging; its first variant is the control."""

    __tablename__ = "copy_tests"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str | None] = mapped_column(String(100))
    # running -> concluded (a decision at the planned horizon) | stopped (by hand)
    status: Mapped[str] = mapped_column(String(20), default="running")
    metric: Mapped[str] = mapped_column(String(20), default="conversions")
    minimum_detectable_effect: Mapped[float] = mapped_column(Float, default=0.2)
    baseline_rate: Mapped[float | None] = mapped_column(Float)
    alpha: Mapped[float] = mapped_column(Float, default=0.05)
    power: Mapped[float] = mapped_column(Float, default=0.8)
    decision: Mapped[str | None] = mapped_column(String(30))
    winner_variant_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]

    variants: Mapped[list[CopyVariant]] = relationship(
        back_populates="copy_test", cascade="all, delete-orphan", passive_deletes=True, order_by="CopyVariant.position"
    )


class CopyVariant(Base):
    __tablename__ = "copy_variants"

    id: Mapped[int] = mapped_column(primary_key=True)
    copy_test_id: Mapped[int] = mapped_column(ForeignKey("copy_tests.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    statement_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    # Counters kept in step with copy_events by atomic increments in the same transaction.
    impressions: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    conversions: Mapped[int] = mapped_column(Integer, default=0)
    final_lift: Mapped[float | None] = mapped_column(Float)  # over the control, when the test ended

    copy_test: Mapped[CopyTest] = relationship(back_populates="variants")
    # The feed phrases the copy uses, in the order given: their one home (loaded with the variant, in one query).
    phrase_links: Mapped[list[CopyVariantPhrase]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="CopyVariantPhrase.position", lazy="selectin"
    )

    @property
    def phrase_ids(self) -> list[int]:
        return [link.phrase_id for link in self.phrase_links]


class CopyVariantPhrase(Base):
    """A phrase a copy variant uses (each once, in the order the test gave them)."""

    __tablename__ = "copy_variant_phrases"

    variant_id: Mapped[int] = mapped_column(ForeignKey("copy_variants.id", ondelete="CASCADE"), primary_key=True)
    phrase_id: Mapped[int] = mapped_column(ForeignKey("phrases.id", ondelete="CASCADE"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)


class CopyEvent(Base):
    """One impression, click or conversion; the client's event id makes posting it idempotent."""

    __tablename__ = "copy_events"
    __table_args__ = (UniqueConstraint("copy_test_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    copy_test_id: Mapped[int] = mapped_column(ForeignKey("copy_tests.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(200))
    variant_id: Mapped[int] = mapped_column(ForeignKey("copy_variants.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime | None]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class ApiKey(Base):
    """A key for programs; only its SHA-256 is stored, the key itself is shown once at creation."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(20))  # shown in listings to tell keys apart
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]


class Collection(Base):
    """A named set of quotes (a highlight reel): saved from search hits, job evidence or transcript lines."""

    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    items: Mapped[list[CollectionItem]] = relationship(
        back_populates="collection",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="CollectionItem.position",
    )


class CollectionItem(Base):
    """One quote in a collection: an utterance, kept in the order it was added."""

    __tablename__ = "collection_items"
    __table_args__ = (UniqueConstraint("collection_id", "utterance_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(ForeignKey("collections.id", ondelete="CASCADE"), index=True)
    utterance_id: Mapped[int] = mapped_column(ForeignKey("utterances.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    collection: Mapped[Collection] = relationship(back_populates="items")
    utterance: Mapped[Utterance] = relationship()


class User(Base):
    """A person who signs in to the pages; the password is stored as an Argon2id hash only."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))  # admin | researcher | marketer | viewer
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]


class UserSession(Base):
    """A signed-in browser: the cookie holds a random token, the table only its SHA-256."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class AuditEntry(Base):
    """Who changed what: one row per successful change (API call, CLI command)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(400))  # "user:ana@example.com", "key:vb_1a2b3c4d", "cli", "anonymous"
    user_id: Mapped[int | None] = mapped_column(Integer)
    key_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(100))
    target: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[int | None] = mapped_column(Integer)
    project_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
