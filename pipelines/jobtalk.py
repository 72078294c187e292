"""Job talk: does a customer utterance carry a job (a situation or trigger, a goal, a struggle, a workaround, a
desired outcome, a force), or is it chit-chat, history, hedging, agreement or talk about the interview itself?

Only job talk is clustered into jobs; everything else stays in the transcript and in search. The default
classifier is a logistic regression over the utterance's sentence embedding plus a few cheap cue counts (content
words, hedges, agreement, meta-talk, dates and history, needs and struggles, customer requests). It is trained at
first use from labelled sentences shipped with the package (`data/job_talk.jsonl`, written for this project:
interviews about software, infrastructure, B2B and consumer products, and bank customers' requests), once per
process and embedding model. The sentences marked `heldout` are never trained on; they are for measuring.
"""

from __future__ import annotations

import json
import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Protocol

import numpy as np

from pipelines.embedding import Embedder
from pipelines.types import Utterance

DATA_FILE = "job_talk.jsonl"
DEFAULT_THRESHOLD = 0.5


class JobTalkClassifier(Protocol):
    def classify(self, texts: Sequence[str], embeddings: np.ndarray) -> list[bool]: ...


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    text: str
    job_talk: bool
    split: str  # "train" or "heldout"


def load_examples(split: str | None = None) -> list[LabelledSentence]:
    """The shipped labelled sentences, optionally only one split ("train" or "heldout")."""
    raw = resources.files("pipelines").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    examples = [LabelledSentence(r["text"], bool(r["job_talk"]), r.get("split", "train")) for r in rows]
    return [e for e in examples if split is None or e.split == split]


# --- Cheap cues ---

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_FUNCTION = frozenset(
    (
        "a an the and or but so if then than to of in on at by for with from as is am are was were be been being "
        "do does did have has had i me my we us our you your he him his she her it its they them their this that "
        "these those there here what which who when where why how not no yes yeah yep okay ok oh well just really "
        "very quite maybe probably think guess know mean like sort kind sure right um uh"
    ).split()
)


def _cue(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?:{p})" for p in patterns), re.IGNORECASE)


_HEDGE = _cue(
    r"\bi (?:think|guess|suppose|believe|would say|'d say)\b",
    r"\bi don['’]?t (?:know|remember|recall)\b",
    r"\b(?:i['’]m )?not (?:sure|certain)\b",
    r"\b(?:probably|maybe|perhaps|possibly)\b",
    r"\bhard to say\b|\bit depends\b|\bno idea\b|\bwho knows\b",
)
_AGREE = _cue(
    r"^\W*(?:yes|yeah|yep|right|exactly|absolutely|sure|totally|true|agreed|definitely|correct|okay|ok|cool)\b",
    r"\bthat['’]?s (?:true|right|fair|it|correct|a good (?:question|point))\b",
    r"\bi (?:agree|see what you mean)\b",
)
_META = _cue(
    r"\b(?:question|transcript|recording|record|interview|caption\w*|audio|video|microphone|mic|headset|camera|"
    r"mute\w*|screen|chat|zoom|call|link|notes|hear (?:you|me)|can you (?:hear|see)|connection|breaking up|"
    r"cut out|rejoin|hotspot|4g|wi-?fi)\b",
    r"\b(?:thank(?:s| you)|nice to meet|hello|hi|good (?:morning|afternoon)|bye|see you|my name is|"
    r"introduce myself)\b",
)
_HISTORY = _cue(
    r"\b(?:19|20)\d\d(?:s)?\b",
    r"\b(?:back then|back in|years ago|a long time ago|originally|in the old days|at the time|founded|"
    r"was born|grew up|studied|joined|before my time)\b",
)
_NEED = _cue(
    r"\b(?:want|wanted|need|needs|needed|wish|would love|'d love|would like|'d like|hope|trying to|try to|"
    r"have to|had to|has to|so (?:that|i can|we can)|in order to)\b",
    r"\b(?:can['’]?t|cannot|couldn['’]?t|won['’]?t|doesn['’]?t|don['’]?t work|fail\w*|broke\w*|break\w*|"
    r"problem|pain\w*|hard|difficult|slow|stuck|frustrat\w*|annoy\w*|hate|worr\w*|afraid|fear|risk\w*|"
    r"scar\w*|stress\w*|manual\w*|by hand|workaround|work around|instead|every time|always|keep \w+ing)\b",
)
_REQUEST = _cue(
    r"^\W*(?:how (?:do|can|long|much)|can (?:i|you|we)|could (?:i|you)|why (?:is|was|does|did|do|has|have)|"
    r"is there|what (?:do|should) i|where (?:do|can) i|i['’]?d like to|i want to|i need to|please)\b",
    r"\b(?:my|our) (?:card|account|money|payment|transfer|order|refund|balance|bill|invoice|parcel|package)\b",
)
_CUES = (_HEDGE, _AGREE, _META, _HISTORY, _NEED, _REQUEST)
N_CUE_FEATURES = len(_CUES) + 3


def cue_features(texts: Sequence[str]) -> np.ndarray:
    """Per text: log word count, log content-word count, a question mark, and one count per cue family."""
    rows = []
    for text in texts:
        words = _WORD.findall(text.lower())
        content = [w for w in words if w not in _FUNCTION and len(w) > 2]
        row = [math.log1p(len(words)), math.log1p(len(content)), float("?" in text)]
        row += [min(len(cue.findall(text)), 3) / 2.0 for cue in _CUES]
        rows.append(row)
    return np.asarray(rows, dtype=np.float32).reshape(len(texts), N_CUE_FEATURES)


def _design(texts: Sequence[str], embeddings: np.ndarray) -> np.ndarray:
    embeddings = np.asarray(embeddings, dtype=np.float32)
    if embeddings.ndim != 2 or embeddings.shape[0] != len(texts):
        raise ValueError(f"expected one embedding row per text ({len(texts)}), got shape {embeddings.shape}")
    # Unit rows have entries around 1/sqrt(d): scale them up so cues and embedding share one regulariser.
    scale = math.sqrt(embeddings.shape[1]) / 4.0 if embeddings.shape[1] else 1.0
    return np.hstack([embeddings * scale, cue_features(texts)])


class LogisticJobTalk:
    """Logistic regression over [scaled embedding, cue features]; `classify` thresholds the job-talk probability."""

    def __init__(self, model: Any, *, threshold: float = DEFAULT_THRESHOLD) -> None:
        self._model = model
        self.threshold = threshold

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[bool],
        embeddings: np.ndarray,
        *,
        c: float = 1.0,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> LogisticJobTalk:
        from sklearn.linear_model import LogisticRegression

        if len(set(labels)) < 2:
            raise ValueError("job-talk training needs examples of both classes")
        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        model.fit(_design(texts, embeddings), np.asarray(labels, dtype=bool))
        return cls(model, threshold=threshold)

    def scores(self, texts: Sequence[str], embeddings: np.ndarray) -> np.ndarray:
        """Probability of job talk per text."""
        if not texts:
            return np.zeros(0, dtype=np.float64)
        scores: np.ndarray = self._model.predict_proba(_design(texts, embeddings))[:, 1]
        return scores

    def classify(self, texts: Sequence[str], embeddings: np.ndarray) -> list[bool]:
        return [bool(p >= self.threshold) for p in self.scores(texts, embeddings)]


_CACHE: dict[tuple[str, int], LogisticJobTalk] = {}
_LOCK = threading.Lock()


def embedder_key(embedder: Embedder) -> str:
    """What identifies an embedding space: the model name when the embedder has one, else its class."""
    name = getattr(embedder, "name", None)
    return str(name) if name else f"{type(embedder).__module__}.{type(embedder).__qualname__}"


def default_classifier(embedder: Embedder, *, progress: Callable[[float], None] | None = None) -> LogisticJobTalk:
    """The shipped classifier for this embedder's space: trained on the `train` sentences at first use, then
    cached for the process (per embedding model)."""
    key = (embedder_key(embedder), int(getattr(embedder, "dimension", 0)))
    with _LOCK:
        if key not in _CACHE:
            examples = load_examples("train")
            texts = [e.text for e in examples]
            vectors = embedder.embed(texts, progress=progress)
            _CACHE[key] = LogisticJobTalk.train(texts, [e.job_talk for e in examples], vectors)
        return _CACHE[key]


def job_talk_flags(
    utterances: Sequence[Utterance], embeddings: np.ndarray, classifier: JobTalkClassifier
) -> list[bool]:
    """Job talk per utterance: customers' own words are classified (by display text); interviewers', observers',
    unknown speakers' and quoted utterances are never job talk."""
    chosen = [i for i, u in enumerate(utterances) if u.role == "customer" and not u.quoted]
    flags = [False] * len(utterances)
    if chosen:
        found = classifier.classify([utterances[i].display for i in chosen], np.asarray(embeddings)[chosen])
        for i, flag in zip(chosen, found, strict=True):
            flags[i] = bool(flag)
    return flags
