"""What a process holds once: settings, the database engine, loaded models and the vector indexes."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.db import make_engine, make_session_factory

if TYPE_CHECKING:
    from app.services.index import IndexStore
    from pipelines.diarization import Diarizer
    from pipelines.embedding import Embedder
    from pipelines.transcription import Transcriber
    from pipelines.utterances import UtteranceSplitter


# Held while a model loads: lru_cache alone would let two threads (the warm-up and a request) load one model twice.
_LOADING_EMBEDDER = threading.Lock()
_LOADING_SPLITTER = threading.Lock()


@lru_cache(maxsize=4)
def load_embedder(
    model: str, cache_dir: str | None = None, device: str = "cpu", precision: str = "float32"
) -> Embedder:
    """Load a sentence embedder once per process, model name, device and precision (offline split models are
    unpacked, and ONNX exports kept, in cache_dir; without one, ONNX exports go to the user cache)."""
    from pipelines.embedding import load_sentence_embedder

    return load_sentence_embedder(
        model, cache_dir=Path(cache_dir) if cache_dir else None, device=device, precision=precision
    )


@lru_cache(maxsize=4)
def load_splitter(model: str, max_words: int | None = None) -> UtteranceSplitter:
    """Load the spaCy utterance splitter once per process, model name and utterance length cap."""
    from pipelines.utterances import DEFAULT_MAX_UTTERANCE_WORDS, SpacySplitter

    return SpacySplitter(model, max_words=max_words or DEFAULT_MAX_UTTERANCE_WORDS)


@lru_cache(maxsize=2)
def load_transcriber(kind: str, model: str, cache_dir: str, device: str = "cpu") -> Transcriber:
    """Load a Whisper backend once per process, model, backend and device (CUDA: float16, CPU: int8)."""
    from pipelines.devices import whisper_compute_type
    from pipelines.transcription import FasterWhisperTranscriber, OpenAIWhisperTranscriber

    if kind == "faster-whisper":
        return FasterWhisperTranscriber(
            model, cache_dir=cache_dir, device=device, compute_type=whisper_compute_type(device)
        )
    return OpenAIWhisperTranscriber(model, cache_dir=cache_dir, device=device)


@lru_cache(maxsize=1)
def load_diarizer() -> Diarizer:
    from pipelines.diarization import VoiceDiarizer

    return VoiceDiarizer()


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    dispatcher: Any = None  # app.broker.Dispatcher when VERBATIM_BROKER_URL is set: new tasks go to the broker
    # Built on first use: numpy and FAISS stay unloaded in commands that never search (`verbatim project create`).
    _index_store: IndexStore | None = field(default=None, repr=False)
    _index_store_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def create(cls, settings: Settings) -> Runtime:
        from pipelines.nlp import use_model

        use_model(settings.spacy_model)  # every stage that parses text uses VERBATIM_SPACY_MODEL
        engine = make_engine(settings)
        for directory in (settings.data_dir, settings.media_dir, settings.index_dir, settings.cache_dir):
            directory.mkdir(parents=True, exist_ok=True)
        runtime = cls(settings=settings, engine=engine, session_factory=make_session_factory(engine))
        if settings.broker_url:
            from app.broker import Dispatcher

            runtime.dispatcher = Dispatcher(runtime)
            runtime.dispatcher.install()
        return runtime

    @property
    def index_store(self) -> IndexStore:
        with self._index_store_lock:  # one store per process: request and worker threads share its cache
            if self._index_store is None:
                from app.services.index import IndexStore

                settings = self.settings
                self._index_store = IndexStore(
                    settings.index_dir,
                    exact_threshold=settings.index_exact_threshold,
                    context_window=settings.search_context_window,
                    context_weight=settings.search_context_weight,
                )
            return self._index_store

    @index_store.setter
    def index_store(self, store: IndexStore) -> None:
        self._index_store = store

    @property
    def embedder(self) -> Embedder:
        return self._load_embedder(self.settings.embedding_model)

    def _load_embedder(self, model: str) -> Embedder:
        from pipelines.embedding import needs_cache_dir

        # Split models are shipped as parts to assemble once, under the data directory's cache.
        args = (model, str(self.settings.cache_dir / "models")) if needs_cache_dir(model) else (model,)
        options: dict[str, str] = {}  # only what differs from the defaults: one cache entry per model otherwise
        if self.device != "cpu":
            options["device"] = self.device
        if self.settings.embed_precision != "float32":
            options["precision"] = self.settings.embed_precision
        with _LOADING_EMBEDDER:  # one load per model, even when the warm-up and a request ask at the same time
            return load_embedder(*args, **options)

    def embedder_for(self, model: str | None) -> Embedder:
        """The embedder of a named model (None or the embedding model: the default embedder)."""
        if not model or model == self.settings.embedding_model:
            return self.embedder
        return self._load_embedder(model)

    @property
    def search_model(self) -> str | None:
        """The configured search-only model, None when search uses the stored utterance embeddings."""
        model = self.settings.search_model.strip()
        return model if model and model != self.settings.embedding_model else None

    @property
    def device(self) -> str:
        """`cpu` or `cuda` for the models, from VERBATIM_DEVICE (`auto`: CUDA when visible)."""
        from pipelines.devices import resolve_device

        return resolve_device(self.settings.device)

    @property
    def splitter(self) -> UtteranceSplitter:
        with _LOADING_SPLITTER:
            return load_splitter(self.settings.spacy_model, self.settings.max_utterance_words)

    @property
    def transcriber(self) -> Transcriber:
        settings = self.settings
        cache = str(settings.cache_dir / "models")
        return load_transcriber(settings.transcriber, settings.whisper_model, cache, self.device)

    @property
    def diarizer(self) -> Diarizer:
        return load_diarizer()

    def close(self) -> None:
        self.engine.dispose()
