"""Lexical search: a tokenizer with a Porter stemmer, a BM25 index and reciprocal rank fusion for hybrid search.

Dense embeddings (all-MiniLM-L6-v2) blur long run-on sentences: one vector has to summarise every clause, so a
query that matches a single clause word for word can rank such a sentence near the bottom. BM25 scores each query
term on its own and finds those sentences; `fuse` merges the BM25 and dense rankings by reciprocal rank fusion
(Cormack, Clarke and Buettcher, SIGIR 2009), as hybrid search engines do.

`LexicalIndex` holds compressed-sparse postings (one slice per term of doc positions and precomputed BM25 term
weights), so a query is a few vectorised scatter-adds over the postings of its terms, then a partial sort.
It keeps no texts and is not serialised: it is rebuilt from the texts stored in the database.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

import numpy as np

from pipelines.types import SearchResult

BM25_K1 = 1.2
BM25_B = 0.75
RRF_K = 60

# ----------------------------------------------------------------------------------------------------
# Tokenizer

# Common English function words (the NLTK list, contractions included) plus conversational fillers, which
# carry no meaning in interview speech and would otherwise fill the postings of every sentence.
_FUNCTION_WORDS = """
a about above after again against ain all am an and any are aren't as at be because been before being below
between both but by can can't could couldn't did didn't do does doesn't doing don't down during each few for
from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
himself his how how's i i'd i'll i'm i've if in into is isn't it it'd it'll it's its itself let's me more most
mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she
she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there
there's these they they'd they'll they're they've this those through to too under until up upon very was wasn't
we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why
why's will with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves also yet
whether whose either neither every much many may might must shall us onto via per
"""
_FILLERS = """
um umm uh uhh uhm er erm ah ahh oh ooh eh hmm hm mm mmm mhm uhhuh huh like yeah yep yup yes yeah ya nope nah
okay ok alright know just really kind kinda sort sorta basically actually literally honestly totally
probably maybe perhaps anyway anyways gonna wanna gotta gotten stuff thing things lot lots pretty quite
well mean means guess suppose right sure definitely obviously certainly absolutely whatever somewhat
"""
STOP_WORDS: frozenset[str] = frozenset(_FUNCTION_WORDS.split()) | frozenset(_FILLERS.split())

# CJK ideographs and kana are written without spaces: each character is a token of its own.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+(?:'[^\W_{_CJK}]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_CLITICS = frozenset({"s", "re", "ve", "ll", "d", "m"})
_ASCII_WORD = re.compile(r"[a-z]+")

# Phrasal verbs carry meaning their verb lacks ("burn out", "give up", "step down"): a content word followed by one
# of these particles also yields the compound term "burn_out", and so do the one-word forms "burnout(s)", "setup",
# "shutdown" when their head is a common phrasal verb. The particle itself stays a stop word where it is one.
_PARTICLES = ("out", "up", "down", "off", "over", "away", "back")
_PARTICLE_SET = frozenset(_PARTICLES)
_PHRASAL_HEADS = frozenset(
    "back break burn check clean drop follow give hand lay lock look make meet pay pick roll run set shut sign "
    "start take turn work".split()
)
_IRREGULAR = {"burnt": "burn"}

_CACHE: dict[str, tuple[str, ...]] = {}
_CACHE_LIMIT = 500_000


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed word tokens of the text (plus verb_particle compounds), stop words and fillers removed."""
    text = unicodedata.normalize("NFKC", text).lower().translate(_APOSTROPHES)
    tokens: list[str] = []
    cache = _CACHE
    previous = ""  # the term of the word just before, when that word was a content word
    for word in _TOKEN.findall(text):
        terms = cache.get(word)
        if terms is None:
            terms = _terms(word)
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[word] = terms
        if previous and word in _PARTICLE_SET:
            tokens.append(f"{previous}_{word}")
        tokens.extend(terms)
        previous = terms[0] if len(terms) == 1 else ""
    return tokens


def _terms(word: str) -> tuple[str, ...]:
    """The index terms of one raw word: none for a stop word or a stray letter, two for a phrasal compound."""
    if word in STOP_WORDS:
        return ()
    if "'" in word:
        head, _, clitic = word.partition("'")
        if clitic == "t":  # every n't contraction is a function word
            return ()
        word = head if clitic in _CLITICS else word.replace("'", "")
        if word in STOP_WORDS:
            return ()
    if len(word) == 1 and word.isascii() and word.isalpha():
        return ()
    if not _ASCII_WORD.fullmatch(word):
        return (word,)
    if word in _IRREGULAR:
        return (_IRREGULAR[word],)
    single = word[:-1] if word.endswith("s") else word
    for particle in _PARTICLES:
        if single.endswith(particle) and single[: -len(particle)] in _PHRASAL_HEADS:
            head = stem(single[: -len(particle)])
            return (head, f"{head}_{particle}")
    return (stem(word),)


# ----------------------------------------------------------------------------------------------------
# Porter stemmer (M. F. Porter, "An algorithm for suffix stripping", 1980, with the reference code's
# bli->ble and logi->log). burning/burned/burns -> burn, developers -> develop, maintainers -> maintain.

_VOWELS = frozenset("aeiou")


def _is_consonant(word: str, i: int) -> bool:
    char = word[i]
    if char in _VOWELS:
        return False
    if char == "y":
        return i == 0 or not _is_consonant(word, i - 1)
    return True


def _measure(stem: str) -> int:
    """Porter's m: the number of vowel-consonant sequences in the stem."""
    m = 0
    previous_vowel = False
    for i in range(len(stem)):
        vowel = not _is_consonant(stem, i)
        if previous_vowel and not vowel:
            m += 1
        previous_vowel = vowel
    return m


def _has_vowel(stem: str) -> bool:
    return any(not _is_consonant(stem, i) for i in range(len(stem)))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and _is_consonant(word, len(word) - 1)


def _cvc(word: str) -> bool:
    """Consonant-vowel-consonant ending whose last consonant is not w, x or y (Porter's *o)."""
    return (
        len(word) >= 3
        and _is_consonant(word, len(word) - 3)
        and not _is_consonant(word, len(word) - 2)
        and _is_consonant(word, len(word) - 1)
        and word[-1] not in "wxy"
    )


_STEP2 = (
    ("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"), ("bli", "ble"),
    ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"),
    ("ator", "ate"), ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"),
    ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"),
)  # fmt: skip
_STEP3 = (
    ("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", ""),
)  # fmt: skip
_STEP4 = (
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate",
    "iti", "ous", "ive", "ize",
)  # fmt: skip


def _by_length(rules: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(rules, key=lambda rule: -len(rule[0])))


_STEP2_RULES = _by_length(_STEP2)
_STEP3_RULES = _by_length(_STEP3)
_STEP4_RULES = _by_length((suffix, "") for suffix in _STEP4)


def _replace(word: str, rules: tuple[tuple[str, str], ...], min_measure: int) -> str:
    """Apply the longest rule whose suffix ends the word, when the stem's measure exceeds min_measure."""
    for suffix, replacement in rules:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if _measure(base) <= min_measure:
                return word
            if suffix == "ion" and not base.endswith(("s", "t")):
                return word
            return base + replacement
    return word


def stem(word: str) -> str:
    """Porter stem of a lower-case ASCII word."""
    if len(word) <= 2:
        return word
    # Step 1a: plurals.
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    # Step 1b: -eed, -ed, -ing.
    if word.endswith("eed"):
        if _measure(word[:-3]) > 0:
            word = word[:-1]
    else:
        for suffix in ("ed", "ing"):
            if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
                word = word[: -len(suffix)]
                if word.endswith(("at", "bl", "iz")):
                    word += "e"
                elif _double_consonant(word) and word[-1] not in "lsz":
                    word = word[:-1]
                elif _measure(word) == 1 and _cvc(word):
                    word += "e"
                break
    # Step 1c: y -> i after a vowel in the stem.
    if word.endswith("y") and _has_vowel(word[:-1]):
        word = word[:-1] + "i"
    word = _replace(word, _STEP2_RULES, 0)
    word = _replace(word, _STEP3_RULES, 0)
    word = _replace(word, _STEP4_RULES, 1)
    # Step 5: a final -e, and -ll.
    if word.endswith("e"):
        measure = _measure(word[:-1])
        if measure > 1 or (measure == 1 and not _cvc(word[:-1])):
            word = word[:-1]
    if word.endswith("ll") and _measure(word) > 1:
        word = word[:-1]
    return word


# ----------------------------------------------------------------------------------------------------
# BM25 index


def _bm25_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """Lucene's BM25 idf, ln(1 + (N - df + 0.5) / (df + 0.5)): positive even for terms in most documents."""
    df = np.asarray(df, dtype=np.float64)
    return np.log1p((n_docs - df + 0.5) / (df + 0.5))


class LexicalIndex:
    """BM25 (k1=1.2, b=0.75, Lucene idf) over tokenized texts, with postings stored as compressed sparse rows."""

    # Immutable after build: concurrent searches are safe.

    def __init__(
        self,
        ids: np.ndarray,
        vocabulary: dict[str, int],
        offsets: np.ndarray,
        postings: np.ndarray,
        weights: np.ndarray,
        idf: np.ndarray,
    ):
        self._ids = ids
        self._vocabulary = vocabulary
        self._offsets = offsets  # term t's postings are postings[offsets[t]:offsets[t + 1]]
        self._postings = postings  # doc positions (int32), ascending within a term
        self._weights = weights  # idf(t) * tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)), float32
        self._idf = idf
        self._sorter = np.argsort(ids, kind="stable")
        self._sorted_ids = ids[self._sorter]

    @classmethod
    def build(cls, ids: np.ndarray, texts: Sequence[str], *, k1: float = BM25_K1, b: float = BM25_B) -> LexicalIndex:
        """Index the texts under their ids (int64, unique); a text with no terms is kept but never found."""
        ids = np.ascontiguousarray(np.asarray(ids, dtype=np.int64).reshape(-1))
        if len(ids) != len(texts):
            raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
        if len(np.unique(ids)) != len(ids):
            raise ValueError("ids must be unique")
        if len(ids) >= 2**31:
            raise ValueError("too many documents for 32-bit postings")
        vocabulary: dict[str, int] = {}
        term_ids: list[int] = []
        lengths = np.empty(len(texts), dtype=np.int64)
        for position, text in enumerate(texts):
            tokens = tokenize(text)
            lengths[position] = len(tokens)
            term_ids.extend(vocabulary.setdefault(token, len(vocabulary)) for token in tokens)
        n_docs, n_terms = len(texts), len(vocabulary)
        terms = np.asarray(term_ids, dtype=np.int64)
        docs = np.repeat(np.arange(n_docs, dtype=np.int64), lengths)
        # One (term, doc) key per token; unique keys come out sorted by term then doc, with their counts as tf.
        keys, tf = np.unique(terms * max(n_docs, 1) + docs, return_counts=True)
        posting_terms = keys // max(n_docs, 1)
        postings = (keys - posting_terms * max(n_docs, 1)).astype(np.int32)
        df = np.bincount(posting_terms, minlength=n_terms)
        offsets = np.zeros(n_terms + 1, dtype=np.int64)
        np.cumsum(df, out=offsets[1:])
        idf = _bm25_idf(df, n_docs)
        average_length = float(lengths.mean()) if n_docs and lengths.sum() else 1.0
        norm = k1 * (1.0 - b + b * lengths[postings] / average_length)
        weights = (idf[posting_terms] * tf * (k1 + 1.0) / (tf + norm)).astype(np.float32)
        return cls(ids, vocabulary, offsets, postings, weights, idf)

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def vocabulary_size(self) -> int:
        """Distinct index terms."""
        return len(self._vocabulary)

    def search(self, query: str, k: int, *, allowed_ids: np.ndarray | None = None) -> list[SearchResult]:
        """The k best documents by BM25 score (> 0 only), best first; allowed_ids restricts hits to those ids."""
        if k <= 0 or not len(self._ids):
            return []
        counts: dict[int, int] = {}
        for token in tokenize(query):
            term = self._vocabulary.get(token)
            if term is not None:
                counts[term] = counts.get(term, 0) + 1  # a repeated query term counts as often as it is repeated
        if not counts:
            return []
        n_docs = len(self._ids)
        scores = np.zeros(n_docs, dtype=np.float32)
        touched: list[np.ndarray] = []
        for term, repeats in counts.items():
            begin, end = self._offsets[term], self._offsets[term + 1]
            docs = self._postings[begin:end]
            weights = self._weights[begin:end]
            # A term's postings hold each doc once, so a fancy-indexed += adds every weight.
            scores[docs] += weights if repeats == 1 else weights * np.float32(repeats)
            touched.append(docs)
        total = sum(len(docs) for docs in touched)
        if total > n_docs // 8:
            candidates = np.flatnonzero(scores)
        elif len(touched) == 1:
            candidates = touched[0]
        else:
            candidates = np.unique(np.concatenate(touched))
        if allowed_ids is not None:
            candidates = candidates[self._allowed_mask(allowed_ids)[candidates]]
        return self._top(candidates, scores[candidates], k)

    def _allowed_mask(self, allowed_ids: np.ndarray) -> np.ndarray:
        """Boolean mask over doc positions: True where the doc's id is among allowed_ids."""
        allowed = np.asarray(allowed_ids, dtype=np.int64).reshape(-1)
        mask = np.zeros(len(self._ids), dtype=bool)
        where = np.searchsorted(self._sorted_ids, allowed)
        where = np.minimum(where, len(self._ids) - 1)
        found = self._sorted_ids[where] == allowed
        mask[self._sorter[where[found]]] = True
        return mask

    def _top(self, candidates: np.ndarray, scores: np.ndarray, k: int) -> list[SearchResult]:
        keep = scores > 0
        candidates, scores = candidates[keep], scores[keep]
        if len(candidates) > k:
            # Everything scoring at least the k-th best stays, so ties at the cut are broken by id below.
            threshold = np.partition(scores, len(scores) - k)[len(scores) - k]
            keep = scores >= threshold
            candidates, scores = candidates[keep], scores[keep]
        ids = self._ids[candidates]
        order = np.lexsort((ids, -scores))[:k]
        return [SearchResult(int(ids[i]), float(scores[i])) for i in order]


# ----------------------------------------------------------------------------------------------------
# Reciprocal rank fusion


def fuse(
    primary: Sequence[SearchResult],
    *others: Sequence[SearchResult],
    k: int,
    rrf_k: int = RRF_K,
    weights: Sequence[float] | None = None,
) -> list[SearchResult]:
    """Merge rankings by weighted reciprocal rank fusion; each hit keeps its primary score (0.0 if absent there)."""
    # An item at 1-based rank r of ranking i earns weights[i] / (rrf_k + r); an item missing from a ranking earns
    # nothing from it. Items are ordered by the sum, then by better primary score, then by smaller id. The score
    # returned is the primary ranking's (the dense cosine similarity in hybrid search), so thresholds and displays
    # keep their meaning; an item only the other rankings found gets 0.0, and a caller that wants its cosine can
    # compute it from the stored embedding. Within one ranking only the first occurrence of an id counts.
    rankings = (primary, *others)
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(weights)} weights for {len(rankings)} rankings")
    if any(not math.isfinite(w) or w < 0 for w in weights):
        raise ValueError("weights must be finite and non-negative")
    if rrf_k < 0:
        raise ValueError("rrf_k must be non-negative")
    if k <= 0:
        return []
    fused: dict[int, float] = {}
    primary_scores: dict[int, float] = {}
    for hit in primary:
        primary_scores.setdefault(hit.id, hit.score)
    for ranking, weight in zip(rankings, weights, strict=True):
        seen: set[int] = set()
        rank = 0
        for hit in ranking:
            if hit.id in seen:
                continue
            seen.add(hit.id)
            rank += 1
            fused[hit.id] = fused.get(hit.id, 0.0) + weight / (rrf_k + rank)
    order = sorted(fused, key=lambda i: (-fused[i], -primary_scores.get(i, -math.inf), i))
    return [SearchResult(i, primary_scores.get(i, 0.0)) for i in order[:k]]
