"""Forces of progress per sentence: push, pull, anxiety, habit, or (the common case) none.

The default classifier averages two logistic regressions: one over the sentence embeddings of the project's
embedder, one over word 1-2-grams (TF-IDF), which carry the tense, modality and hedging cues ("would", "what if",
"since I was", "kept") that a mean-pooled embedding blurs. It is trained at first use from the sentences shipped in
`pipelines/data/forces_train.jsonl` (written for this purpose; none comes from an evaluation set) and cached per
process and per embedding model. `pipelines/data/forces_dev.jsonl` is the development set it was tuned on. Both mix
short switch-interview lines (banking, mattresses, commuting, software, gyms, insurance...) with longer, spoken,
hedged, negated and mixed ones, and with interview narrative that carries no force (history, roles, how things work).
`pipelines/data/forces_dev_talk.jsonl` is a second development set of long spoken interview narrative, mostly none,
as real interviews are, and of the talk that drew false forces on real interviews (goals and questions, small talk,
personal history, musings with "would"/"if", fragments): a classifier trained on balanced labels marks far too many
real sentences, so the training set also holds such talk as none (NONE_WEIGHT can further weight none up at
decision; it is 1 as shipped, see below). Rules follow the models (`rule_label`): a speaker's question is none
(`is_inquiry`), the speaker's rejection of the current thing is push (`is_rejection`), and anxiety that denies worry
gives way to the next label (`denies_worry`). Last, a force the models are unsure of (probability under
`min_confidence`) can become none (`gate_unsure`), a rejection excepted; it is off as shipped (see
MIN_FORCE_CONFIDENCE). `pipelines/data/forces_heldout_talk.jsonl` holds spoken interview-like sentences of our own
(mostly none: home anecdotes, would/if musings, questions about what others use) kept for choosing its threshold alone.
`pipelines/data/forces_dev_pypi.jsonl` is a development set of real talk: 320 customer sentences of the ten pypi
interviews (../shared/data/interviews/pypi-infrastructure), split by the product's own stages and labelled by hand, 210
drawn from those the classifier at main 997c6c3 gave a force and 110 from the rest (`drawn_from`). It is what the
spoken-talk rule (`talk_without_force_word`, off as shipped) was written against (its first 220 sentences).
"""

from __future__ import annotations

import copy
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

import numpy as np

from pipelines.embedding import Embedder, normalise

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

ForceLabel = Literal["push", "pull", "anxiety", "habit", "none"]
FORCE_LABELS: tuple[ForceLabel, ...] = ("push", "pull", "anxiety", "habit", "none")

DATA_DIR = Path(__file__).resolve().parent / "data"

# Tuned on the development set (983 training sentences, 296 development): the n-gram model carries more weight than
# the embedding one (dev macro-F1 0.883 at 0.7 against 0.842 at 0.5 and 0.808 at 0.3); C of 2 or 30 did worse.
EMBEDDING_C = 8.0
LEXICAL_C = 10.0
LEXICAL_WEIGHT = 0.7
# Odds of "none" against the forces, multiplied after averaging (1: as trained). Training is class-balanced, i.e. it
# assumes the five labels equally likely, where in an interview most sentences carry no force; but weighting none up
# turns subtle forces into none: at 1.5 our development sets moved little (forces_dev 0.874 -> 0.859, forces_dev_talk
# 0.949 both) while the test set fell from 0.80 to 0.72, so the shipped remedy is the training set's interview
# narrative labelled none, not this weight (see tests/benchmarks/forces_quality.py and the README).
NONE_WEIGHT = 1.0
# A force whose probability is under MIN_FORCE_CONFIDENCE becomes none (`gate_unsure`; 0: no gate, as shipped). Real
# talk is mostly none and the models' unsure forces on it are mostly false, so a gate was measured: its threshold,
# chosen on `forces_heldout_talk.jsonl` alone (tests/benchmarks/forces_quality.py --sweep: macro-F1 0.833 ungated,
# 0.848 at 0.45 and 0.50, and 0.50 best with none weighted to 90% as in real talk), is GATE_CHOSEN_ON_HELDOUT. It cut
# the pypi forces from 285 to 82 and made more of them right, but the test set, scored once for it, fell from 0.764 to
# 0.575 (short, clear switch-interview forces are often under 0.5), under the 0.75 target, so the gate is off.
MIN_FORCE_CONFIDENCE = 0.0
GATE_CHOSEN_ON_HELDOUT = 0.5
# Whether spoken talk keeps a model force only with a word of a force (`talk_without_force_word`). Off as shipped: on
# the first 220 sentences of `forces_dev_pypi.jsonl`, which its word list was written from, it halved the false forces
# and kept every right one, but on the 100 pypi forces added to that set after, it dropped right forces as often as
# false ones (8 of the 26 it dropped were right, 18 of the 74 it kept), and it fires on no test sentence. See the
# README, fifth round.
SPOKEN_NEEDS_FORCE_WORD = False
# Per job, which stored forces count (a gate per force, and cues for anxiety and habit) is decided in
# `pipelines.force_counting`; the gate stays off for labelling sentences (see above: it costs short, clear forces).


@dataclass(frozen=True, slots=True)
class ForceExample:
    """One labelled sentence."""

    text: str
    force: ForceLabel


@dataclass(frozen=True, slots=True)
class ForceDecision:
    """The force of one sentence and the classifier's probability for it."""

    label: ForceLabel
    confidence: float


class ForceClassifier(Protocol):
    def classify(self, texts: Sequence[str], *, vectors: np.ndarray | None = None) -> list[ForceDecision]:
        """One decision per text, in order; `vectors`, when given, are the texts' embeddings from the same model."""
        ...


def load_examples(
    split: Literal["train", "dev", "dev_talk", "heldout_talk", "dev_pypi"] = "train", *, path: Path | None = None
) -> list[ForceExample]:
    """The shipped training or development sentences (or a JSONL file of {"text", "force"} objects)."""
    source = path or DATA_DIR / f"forces_{split}.jsonl"
    out: list[ForceExample] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row["force"] not in FORCE_LABELS:
            raise ValueError(f"unknown force {row['force']!r} in {source}")
        out.append(ForceExample(text=row["text"], force=row["force"]))
    return out


_APOSTROPHES = re.compile(r"[’‘`]")
_NOT = re.compile(r"n't\b")


def lexical_text(text: str) -> str:
    """The form the n-gram model reads: lower case, straight apostrophes, "n't" split off as "not"."""
    return _NOT.sub(" not", _APOSTROPHES.sub("'", text.lower()))


# A speaker who says they want to learn something ("I want to understand who relies on the old API", "what I'm
# trying to figure out is which shops still...") states a question, which is a goal and no force; the models read
# its "old", "still" and "want" as habit or push, however many such goals the training set holds as none.
_LEAD = r"(?:(?:so|and|but|well|now|yeah|right|okay|honestly|i mean|i guess|i think)\W+)*"
_LEARN = (
    r"(?:better |properly |really |more about )?"
    r"(?:know|understand|find out|figure out|work out|learn|hear|get a (?:\w+ )?(?:sense|picture|idea) of)"
    r"\W+(?:[\w']+\W+){0,3}?(?:who|whom|whose|which|what|how|why|whether|if|where|when)\b"
)
_INQUIRY = re.compile(
    _LEAD
    + r"(?:"
    + r"(?:what |all )?(?:i|we)(?:'m|'re|'d| am| are| was| were| would)?\s+(?:really |just |also |still )?"
    + r"(?:like|love|want|wanted|need|needed|have|had|hope|hoped|hoping|trying|tried|try) to "
    + _LEARN
    + r"|(?:my|our|the) (?:main |big |real )?(?:question|goal|aim)(?: here)? (?:is|was) (?:to "
    + _LEARN
    + r"|who|which|what|how|why|whether|where|when)\b"
    + r")"
)


def is_inquiry(text: str) -> bool:
    """Whether the utterance opens with the speaker wanting to learn something (a goal, never a force)."""
    return _INQUIRY.match(lexical_text(text).strip()) is not None


def _plain(text: str) -> str:
    """Lower case with straight apostrophes, "n't" kept (the rule patterns below read contractions whole)."""
    return _APOSTROPHES.sub("'", text.lower())


# The speaker turning against the current thing ("We need to throw out this old one", "I don't want to use this
# anymore", "I'm fed up with it") is a push whatever the models say: they read its "old", "use" and "anymore" as habit.
_REJECTION = re.compile(
    r"\b(?:i|we|i'm|we're|i've|we've)\b.{0,20}?(?:"
    r"(?:don't|do not|didn't|did not|no longer) want to (?:use|keep|deal with|put up with|pay for|touch) "
    r"(?:it|this|that|them|these|those|the|our|my)\b.{0,40}?\b(?:any ?more|any longer|again)\b"
    r"|(?:need|needed|have|had|want|wanted|got) to (?:throw (?:out|away)|get rid of|ditch|dump|scrap|bin|replace|"
    r"move off|get off|get away from|move away from) (?:this|that|the|our|my|it|these|those)\b"
    r"|(?:done with|sick of|fed up with|tired of|had enough of|can't stand|cannot stand) "
    r"(?:it|this|that|them|the|our|my)\b)"
)
# Anxiety is worry about the new: worry denied ("There haven't been any concerns there.", "at ten there would be no
# risk") is none, and a question that dreams ("wouldn't it be cool if...?") asks nothing anxious. Requiring a word of
# worry for every anxiety (and of attachment for every habit) was measured and dropped: see the README.
_NO_WORRY = re.compile(
    r"(?:\bno|\bwithout|\bnever|n't (?:\w+ )?any|\bnot (?:\w+ )?any) (?:\w+ ){0,2}(?:risks?|concerns?|worries|worry)\b"
)
_DREAM = re.compile(
    r"\b(?:wouldn't|would not|won't|isn't|wasn't) (?:it|that|this) (?:be )?(?:\w+ )?(?:great|cool|nice|lovely|amazing)"
)


def is_rejection(text: str) -> bool:
    """Whether the speaker turns against the current thing ("I don't want to use this anymore"): a push."""
    return _REJECTION.search(_plain(text)) is not None


def denies_worry(text: str) -> bool:
    """Whether the sentence denies a worry ("no risk", "not any concerns") or dreams aloud ("wouldn't it be great")."""
    plain = _plain(text)
    return _NO_WORRY.search(plain) is not None or _DREAM.search(plain) is not None


# Transcribed spontaneous talk (the pypi interviews) carries forces in a few sentences only, and there the models'
# forces are mostly false: read by hand on `forces_dev_pypi.jsonl`, 153 of 210 sentences they gave a force carry none,
# and they are told from the true ones by neither the models' probabilities nor their agreement. The idea measured
# (off as shipped, SPOKEN_NEEDS_FORCE_WORD): true ones carry a word of the force itself (a problem, a wish, a worry, an
# attachment), so a spoken sentence (disfluency, a filler, an opening "and/so/but") keeps a force only with such a
# word. The list was written after reading that set's first 220 sentences and did not carry over to its last 100.
# Written lines, where the word lists were measured to miss too many forces (see the README, third round), are left
# to the models: of the 1,056 forces of the training and development sets, 8 are spoken with no such word.
# Softer markers ("actually", "basically", "sort of") were measured and left out: common in written lines too.
_SPOKEN = re.compile(r"…|\.\.\.|—|--|\b(?:i mean|you know)\b|\bright\?|^(?:and|so|but|or|because|yeah|well|like)\b")
_FORCE_WORD = re.compile(
    r"\b(?:"
    # push: the current thing fails or costs the speaker
    r"problems?|issues?|frustrat\w*|annoy\w*|pain\w*|mess(?:y)?|broke|breaks?|breaking|broken|crash\w*|fail\w*"
    r"|slow(?:er)?|hard(?:er)?|difficult\w*|struggl\w*|trouble\w*|couldn't|can't|cannot|unable|tired|sick of"
    r"|fed up|hate[ds]?|terrible|awful|horrible|bad|worse|worst|expensive|costly|waste\w*"
    r"|time[- ](?:consuming|intensive)"
    r"|enough|blockers?|limit\w*|stuck|burn(?:ed|t)? out|stress\w*|overwhelm\w*|complain\w*|bugs?|outages?|on call"
    r"|nightmare|headache|ridiculous|impossible|wrong|gave up|give up|sucks?|unhappy|miss(?:ed|ing)?"
    # pull: the new thing attracts
    r"|better|easier|faster|cheaper|simpler|reliable|love[ds]?|excit\w*|looking forward|attract\w*|appeal\w*"
    r"|wish\w*|hop(?:e|ed|ing)|nice|great|benefit\w*|advantages?|options?|opportunit\w*|improve\w*|finally"
    r"|promis\w*|dream\w*|ideal|perfect|amazing|brilliant|fantastic|would (?:let|mean|allow|love|like)|free|wow"
    # anxiety: worry about the new
    r"|worr\w*|afraid|scar\w*|fear\w*|nervous|anxi\w*|risk\w*|concern\w*|unsure|not sure|uncertain\w*|unclear"
    r"|what if|careful|los(?:e|ing|t)|catch|trust\w*|doubt\w*|hesitat\w*|danger\w*|safe\w*|dread\w*|big deal"
    r"|not knowing|guarantee\w*|unknown"
    # habit: attachment to the present way
    r"|always|used to|for years|comfortable|familiar|know(?:s)? how|stick(?:ing)? with|habits?|routine|existing"
    r"|kept|keep(?:s|ing)? (?:using|doing|going)|(?:didn't|don't|did not|do not) want to|without (?:\w+ )?changing"
    r"|inertia|bother|legacy|the way (?:we|i)(?:'ve)? (?:always )?(?:done|did)"
    r")\b"
)


def is_spoken(text: str) -> bool:
    """Whether the sentence reads as transcribed spontaneous talk (a disfluency, a filler, an opening conjunction)."""
    return _SPOKEN.search(_plain(text).strip()) is not None


def has_force_word(text: str) -> bool:
    """Whether the sentence holds a word of a force: a problem, a wish, a worry or an attachment."""
    return _FORCE_WORD.search(_plain(text)) is not None


def talk_without_force_word(text: str) -> bool:
    """Spoken talk with no word of a force: its model force is none (`SPOKEN_NEEDS_FORCE_WORD`)."""
    return is_spoken(text) and not has_force_word(text)


def rule_label(text: str, ranked: Sequence[ForceLabel]) -> ForceLabel:
    """The label the rules give, from the models' labels ranked most probable first.

    A question is none and a rejection push; anxiety that denies worry gives way to the next label (mostly none).
    """
    if is_inquiry(text):
        return "none"
    if is_rejection(text):
        return "push"
    return next((label for label in ranked if label != "anxiety" or not denies_worry(text)), "none")


def is_confident_force(confidence: float | None, min_confidence: float = GATE_CHOSEN_ON_HELDOUT) -> bool:
    """Whether a stored force counts toward a job's people: its probability is at least `min_confidence`.

    A force stored before probabilities were kept (migration 0011) counts as it did then: an upgrade must not empty
    every job's forces until each interview is ingested again."""
    return confidence is None or confidence >= min_confidence


def gate_unsure(label: ForceLabel, confidence: float, min_confidence: float) -> ForceLabel:
    """None for a force the classifier is unsure of (probability under `min_confidence`), else the label."""
    return "none" if label != "none" and confidence < min_confidence else label


class EmbeddingForceClassifier:
    """Logistic regression over sentence embeddings, averaged with a word n-gram logistic regression."""

    def __init__(
        self,
        embedder: Embedder,
        examples: Sequence[ForceExample] | None = None,
        *,
        lexical_weight: float = LEXICAL_WEIGHT,
        embedding_c: float = EMBEDDING_C,
        lexical_c: float = LEXICAL_C,
        none_weight: float = NONE_WEIGHT,
        min_confidence: float = MIN_FORCE_CONFIDENCE,
        spoken_needs_force_word: bool = SPOKEN_NEEDS_FORCE_WORD,
    ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        examples = list(examples) if examples is not None else load_examples("train")
        labels = sorted({e.force for e in examples})
        if len(labels) < 2:
            raise ValueError("a force classifier needs examples of at least two labels")
        if not 0.0 <= lexical_weight <= 1.0:
            raise ValueError("lexical_weight must lie in [0, 1]")
        if none_weight <= 0.0:
            raise ValueError("none_weight must be positive")
        self.embedder = embedder
        self.lexical_weight = lexical_weight
        self.none_weight = none_weight
        self.min_confidence = min_confidence
        self.spoken_needs_force_word = spoken_needs_force_word
        texts = [e.text for e in examples]
        y = [e.force for e in examples]
        self._embedding_model: LogisticRegression = LogisticRegression(
            C=embedding_c, max_iter=3000, class_weight="balanced"
        ).fit(self._vectors(texts, None), y)
        self._vectorizer: TfidfVectorizer = TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w[\w']*\b", preprocessor=lexical_text
        )
        self._lexical_model: LogisticRegression = LogisticRegression(
            C=lexical_c, max_iter=3000, class_weight="balanced"
        ).fit(self._vectorizer.fit_transform(texts), y)
        self.labels: tuple[ForceLabel, ...] = tuple(self._embedding_model.classes_)

    def _vectors(self, texts: Sequence[str], vectors: np.ndarray | None) -> np.ndarray:
        if vectors is not None:
            vectors = np.asarray(vectors, dtype=np.float32)
            if vectors.shape != (len(texts), self.embedder.dimension):
                raise ValueError(
                    f"expected vectors of shape {(len(texts), self.embedder.dimension)}, got {vectors.shape}"
                )
            return normalise(vectors)
        return normalise(self.embedder.embed(list(texts)))

    def probabilities(self, texts: Sequence[str], *, vectors: np.ndarray | None = None) -> np.ndarray:
        """Rows of probabilities over `self.labels`, one per text."""
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float64)
        dense = np.asarray(self._embedding_model.predict_proba(self._vectors(texts, vectors)))
        if self.lexical_weight > 0.0:
            sparse = self._lexical_model.predict_proba(self._vectorizer.transform(list(texts)))
            dense = (1.0 - self.lexical_weight) * dense + self.lexical_weight * np.asarray(sparse)
        if self.none_weight != 1.0 and "none" in self.labels:
            dense = dense.copy()
            dense[:, self.labels.index("none")] *= self.none_weight
            dense /= dense.sum(axis=1, keepdims=True)
        return np.asarray(dense)

    def classify(self, texts: Sequence[str], *, vectors: np.ndarray | None = None) -> list[ForceDecision]:
        """The models' most probable label, then the rules (`rule_label`); a rule's label keeps its probability.

        A force under `min_confidence` becomes none (`gate_unsure`), and so does a force of spoken talk with no word
        of a force when that rule is on (`talk_without_force_word`), but for a rejection (`is_rejection`).
        """
        probs = self.probabilities(texts, vectors=vectors)
        out: list[ForceDecision] = []
        for text, row in zip(texts, probs, strict=True):
            ranked = [self.labels[int(i)] for i in np.argsort(-row, kind="stable")]
            label = rule_label(text, ranked)
            if label not in self.labels:  # a classifier trained without that label keeps its own
                label = ranked[0]
            if "none" in self.labels and not is_rejection(text):
                label = gate_unsure(label, float(row[self.labels.index(label)]), self.min_confidence)
                if self.spoken_needs_force_word and talk_without_force_word(text):
                    label = "none"
            out.append(ForceDecision(label=label, confidence=float(row[self.labels.index(label)])))
        return out

    def gated(self, min_confidence: float) -> EmbeddingForceClassifier:
        """The same trained models with another gate (0: none), e.g. to score with and without it in one run."""
        other = copy.copy(self)
        other.min_confidence = min_confidence
        return other

    def spoken_gate(self, on: bool) -> EmbeddingForceClassifier:
        """The same trained models with the spoken-talk word rule on or off, e.g. to score both in one run."""
        other = copy.copy(self)
        other.spoken_needs_force_word = on
        return other


_CLASSIFIERS: dict[Any, EmbeddingForceClassifier] = {}
_LOCK = threading.Lock()


def _cache_key(embedder: Embedder) -> Any:
    name = getattr(embedder, "name", None)
    return ("model", name) if isinstance(name, str) and name else ("object", id(embedder))


def force_classifier(embedder: Embedder | None = None) -> EmbeddingForceClassifier:
    """The default classifier for an embedder (the default sentence model when None), trained once per process."""
    if embedder is None:
        from pipelines.embedding import DEFAULT_EMBEDDING_MODEL

        key: Any = ("model", DEFAULT_EMBEDDING_MODEL)
    else:
        key = _cache_key(embedder)
    with _LOCK:
        found = _CLASSIFIERS.get(key)
        if found is None:
            if embedder is None:
                from pipelines.embedding import load_sentence_embedder

                embedder = load_sentence_embedder()
            found = _CLASSIFIERS[key] = EmbeddingForceClassifier(embedder)
        return found
