"""What mining clusters a sentence as: its sentence embedding, or that joined with what its words are about.

A representation turns a project's customer sentences (texts, their stored unit embeddings, each one's turn, the
whole-request embeddings of short turns) into the vectors the job tree is built from and the requests' vectors in
the same space (`fit_transform`), fitted on those sentences alone; heavy imports stay inside.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

# Content words say what a sentence is about; function words and fillers say how it is said.
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ"})


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    out: np.ndarray = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return out


def content_lemmas(texts: Sequence[str]) -> list[dict[str, int]]:
    """Each text's content lemmas with their counts (nouns, proper nouns, verbs, adjectives; no stop words)."""
    from pipelines.nlp import load_nlp

    nlp = load_nlp()
    out = []
    with nlp.select_pipes(disable=[p for p in ("parser", "ner") if p in nlp.pipe_names]):
        for doc in nlp.pipe(texts, batch_size=256):
            counts: dict[str, int] = {}
            for token in doc:
                lemma = token.lemma_.lower()
                if token.pos_ in CONTENT_POS and not token.is_stop and len(lemma) > 2 and lemma.isalpha():
                    counts[lemma] = counts.get(lemma, 0) + 1
            out.append(counts)
    return out


class SentenceEmbedding:
    """The stored sentence embeddings as they are (production's representation)."""

    def fit_transform(
        self, texts: Sequence[str], vectors: np.ndarray, passages: Sequence[int], requests: Mapping[int, np.ndarray]
    ) -> tuple[np.ndarray, Mapping[int, np.ndarray]]:
        """The vectors and requests, unchanged."""
        return np.asarray(vectors, np.float32), requests


class LexicalJoin:
    """The sentence embedding joined with the latent topics (LSA) of its content lemmas' TF-IDF, the LSA part
    weighted `weight`: two sentences near in either say more alike than in one alone."""

    def __init__(self, *, dims: int = 100, weight: float = 1.0) -> None:
        self.dims = dims
        self.weight = weight

    def topics(self, texts: Sequence[str]) -> np.ndarray:
        """Unit LSA rows of the texts' TF-IDF, fitted on the texts (zeros where a text has no content word)."""
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfTransformer

        counts = content_lemmas(texts)
        matrix = DictVectorizer().fit_transform(counts)
        tfidf = TfidfTransformer(sublinear_tf=True).fit_transform(matrix)
        dims = min(self.dims, tfidf.shape[1] - 1, len(texts) - 1)
        if dims < 2:
            return np.zeros((len(texts), 0), np.float32)
        return _unit(TruncatedSVD(dims, random_state=0).fit_transform(tfidf))

    def fit_transform(
        self, texts: Sequence[str], vectors: np.ndarray, passages: Sequence[int], requests: Mapping[int, np.ndarray]
    ) -> tuple[np.ndarray, Mapping[int, np.ndarray]]:
        """Each sentence's unit embedding and weighted unit LSA row side by side, re-normalised; a request's
        embedding joined with the mean LSA row of its turn's sentences."""
        topics = self.topics(texts)
        joined = _unit(np.hstack([_unit(np.asarray(vectors, np.float32)), self.weight * topics]))
        rows_of: dict[int, list[int]] = {}
        for row, passage in enumerate(passages):
            rows_of.setdefault(int(passage), []).append(row)
        joined_requests = {
            passage: _unit(
                np.hstack(
                    [_unit(np.asarray(vector, np.float32)), self.weight * _unit(topics[rows_of[passage]].mean(axis=0))]
                )
            )
            for passage, vector in requests.items()
            if passage in rows_of
        }
        return joined, joined_requests


def representation() -> SentenceEmbedding | LexicalJoin:
    """The representation mining clusters (VERBATIM_REPRESENTATION=lexical: LexicalJoin; an experiment)."""
    import os

    if os.environ.get("VERBATIM_REPRESENTATION") == "lexical":
        return LexicalJoin(weight=float(os.environ.get("VERBATIM_LEXICAL_WEIGHT", "1.0")))
    return SentenceEmbedding()
