"""The one settings class: every knob is an environment variable with the VERBATIM_ prefix."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from pipelines.nlp import DEFAULT_SPACY_MODEL

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VERBATIM_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("var"), description="Where the database, media and indexes live.")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: SQLite file `verbatim.db` in the data directory."
    )
    host: str = Field("127.0.0.1", description="Address `verbatim serve` binds to.")
    port: int = Field(8000, description="Port `verbatim serve` listens on.")
    workers: int = Field(
        1, ge=0, description="In-process worker threads in `verbatim serve` (0: run `verbatim worker` instead)."
    )
    max_upload_mb: float = Field(500.0, gt=0, description="Largest accepted upload, in MiB.")
    max_audio_minutes: float = Field(240.0, gt=0, description="Longest accepted recording, in minutes.")
    max_transcript_words: int = Field(
        150_000, ge=1, description="Most words in one transcript (about 16 hours of speech); more is refused (413)."
    )
    max_transcript_turns: int = Field(
        20_000, ge=1, description="Most speaker turns in one transcript; more is refused (413)."
    )
    max_utterance_words: int = Field(
        100, ge=5, description="Longest utterance in words; longer run-ons are cut on clause boundaries or by length."
    )
    embed_batch_size: int = Field(
        256, ge=1, description="Utterances embedded, classified and mined per batch; stop requests act between batches."
    )
    task_max_attempts: int = Field(3, ge=1, description="How often a task is tried before it is marked failed.")
    task_stale_seconds: float = Field(
        60.0, gt=0, description="A running task whose worker sent no heartbeat for this long is retried."
    )
    transcriber: Literal["faster-whisper", "openai-whisper"] = Field(
        "faster-whisper", description="Speech-to-text backend for recordings."
    )
    whisper_model: str = Field(
        "tiny.en", description="Whisper model: tiny.en, base or small offline; any name the library knows online."
    )
    embedding_model: str = Field("all-MiniLM-L6-v2", description="sentence-transformers model (offline default).")
    embed_precision: Literal["float32", "bfloat16"] = Field(
        "float32",
        description="Precision the sentence model computes in; bfloat16 is opt-in (vectors stay float32, cosine to "
        "float32 >= 0.99 measured) and pays only on hardware with bfloat16 units (GPUs, CPUs with AMX/AVX512-BF16).",
    )
    spacy_model: str = Field(
        DEFAULT_SPACY_MODEL,
        description="spaCy pipeline for sentence splitting, JTBD signals, statements, titles and names (PII).",
    )
    mine_processes: int = Field(
        2,
        ge=1,
        description="Processes that describe mined jobs (statements, titles, quotes): the mine task's own and forked "
        "copies of it, at most one per usable core; 1: the task's process alone.",
    )
    index_exact_threshold: int = Field(
        50_000, ge=1, description="Projects with fewer utterances use an exact FAISS index, larger an approximate one."
    )
    search_model: str = Field(
        "",
        description="Second sentence-transformers model for search only (e.g. all-mpnet-base-v2); empty: the "
        "embedding model's vectors. Existing projects switch with `verbatim reindex --reembed`.",
    )
    search_context_window: int = Field(
        1, ge=0, description="Sentences on each side, within a turn, pooled into an utterance's search context vector."
    )
    search_context_weight: float = Field(
        0.5, ge=0, le=1, description="Share of the context similarity in a search hit's score (0: utterance only)."
    )
    interviewer_names: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated names that are always the interviewer (a hint for role detection).",
    )
    observers: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated names that are always observers (note-takers, captioners): never mined.",
    )
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint that polishes job statements' grammar (off when unset)."
    )
    llm_model: str = Field("gpt-4o-mini", description="Model name sent to the LLM endpoint.")
    llm_api_key: str | None = Field(None, description="Bearer key for the LLM endpoint.")
    llm_timeout: float = Field(20.0, gt=0, description="Seconds to wait for the LLM before keeping the original.")
    auth: Literal["auto", "none", "keys"] = Field(
        "auto",
        description="`keys`: every /api request needs an API key; `none`: open; `auto`: keys unless bound to loopback.",
    )
    session_hours: float = Field(
        12.0, gt=0, description="How long a person's sign-in to the pages lasts (server-side session), in hours."
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated host names the server answers to (`*`: any); default: the bind address, "
        "localhost and 127.0.0.1 (any name when bound to all interfaces with keys required).",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="Logging level.")
    log_format: Literal["text", "json"] = Field(
        "text", description="`json`: one JSON object per log line (with the task id), for log collectors."
    )
    broker_url: str | None = Field(
        None,
        description="Celery broker (`redis://host:6379/0` or `amqp://...`): tasks run on `verbatim worker --queues` "
        "processes instead of in-process threads; needs PostgreSQL. Unset: the embedded default.",
    )
    broker_visibility_timeout: float = Field(
        21_600.0,
        gt=0,
        description="Seconds before the broker redelivers an unacknowledged task; keep it above the longest stage "
        "(transcribing the longest recording).",
    )
    device: Literal["auto", "cpu", "cuda"] = Field(
        "auto",
        description="Where Whisper and the embedder run: `cuda` (float16 Whisper), `cpu` (int8) or `auto` (CUDA "
        "when a GPU is visible).",
    )

    @field_validator("interviewer_names", "observers", "allowed_hosts", mode="before")
    @classmethod
    def _split_names(cls, value: object) -> object:
        if isinstance(value, str):
            return [name.strip() for name in value.split(",") if name.strip()]
        return value

    @model_validator(mode="after")
    def _broker_needs_a_shared_database(self) -> Settings:
        if self.broker_url and self.sqlalchemy_url.startswith("sqlite"):
            raise ValueError(
                "VERBATIM_BROKER_URL is set but the database is SQLite: workers on a broker share one database, "
                "so set VERBATIM_DATABASE_URL to PostgreSQL (e.g. postgresql+psycopg://user@host:5432/verbatim), "
                "or unset VERBATIM_BROKER_URL for the embedded default"
            )
        return self

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'verbatim.db').resolve()}"

    @property
    def media_dir(self) -> Path:
        return self.data_dir / "media"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def auth_required(self) -> bool:
        if self.auth == "auto":
            return self.host not in LOOPBACK_HOSTS
        return self.auth == "keys"

    @property
    def effective_allowed_hosts(self) -> list[str]:
        """Host names requests may carry: a browser reaching a loopback server under any other name is a DNS rebind."""
        if self.allowed_hosts:
            return self.allowed_hosts
        if self.host in WILDCARD_HOSTS and self.auth_required:
            return ["*"]  # keys guard the server; its names are whatever the network calls it
        return sorted({self.host, *LOOPBACK_HOSTS})

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


@lru_cache
def get_settings() -> Settings:
    return Settings()
