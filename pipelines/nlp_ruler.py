"""spaCy's attribute ruler, matched by lookup: the same matches as its Matcher, found from each token's attributes.

The English pipelines' attribute ruler maps tags (and a few words) to coarse POS, morphology and lemmas with ~180
one-token patterns run through spaCy's Matcher, which tries each of them at every token: a quarter of the CPU of a
parse on interview sentences. A one-token pattern's match depends only on the attributes it tests, so the patterns
that match a token are computed once per (LOWER, TAG, DEP, IS_SPACE) and looked up after; patterns of more tokens (or
testing anything else) still go through a Matcher of their own. The ruler then sets the attributes from that list as
it always does (`AttributeRuler.set_annotations`), so every parse is the one spaCy gives.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported lazily
    from spacy.tokens import Doc

_KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})
# (attribute id, match id, the token pattern)
_Entry = tuple[int, int, dict[str, Any]]


def _holds(spec: Any, value: Any) -> bool:
    """One attribute test of a Matcher token pattern (a value, or IN / NOT_IN / REGEX), on the token's value."""
    if isinstance(spec, dict):
        if "IN" in spec:
            return value in spec["IN"]
        if "NOT_IN" in spec:
            return value not in spec["NOT_IN"]
        return isinstance(value, str) and re.search(spec["REGEX"], value) is not None
    return bool(value == spec)


def _one_token(pattern: Any) -> bool:
    """A pattern of one token testing only _KEYS with a single operator each: what the lookup can answer."""
    return (
        len(pattern) == 1
        and set(pattern[0]) <= set(_KEYS)
        and all(not isinstance(v, dict) or (len(v) == 1 and set(v) <= _OPERATORS) for v in pattern[0].values())
    )


def _needed_words(pattern: Any) -> list[str] | None:
    """The words one of a pattern's tokens must be (its LOWER as a value or IN list); None when no token names any."""
    for token in pattern:
        word = token.get("LOWER")
        if isinstance(word, str):
            return [word]
        if isinstance(word, dict) and set(word) == {"IN"}:
            return list(word["IN"])
    return None


class LookupMatch:
    """A drop-in for `AttributeRuler.match`: the same (attribute id, match id, start, end) list, sorted."""

    def __init__(self, ruler: Any) -> None:  # spacy.pipeline.AttributeRuler (its patterns are loosely typed)
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.original = ruler.match
        self.size = len(ruler.attrs)  # patterns added later (a stage reconfiguring its copy): the original matches
        strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab)
        self.free: list[_Entry] = []  # patterns that do not test the word
        self.by_word: dict[str, list[_Entry]] = {}  # patterns naming the word (LOWER = w or LOWER IN [..., w, ...])
        self.other: list[_Entry] = []  # patterns testing the word another way (NOT_IN, REGEX)
        # A word (LOWER hash) each pattern of `rest` needs somewhere in a doc to match ("gon" "na", "there" "is"):
        # a doc with none of them is not run through it. None: some pattern needs no word.
        self.needed: set[int] | None = set()
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = strings[str(attr_id)]  # the key AttributeRuler.add gave these patterns
            if not all(_one_token(p) for p in entry["patterns"]):
                self.rest.add(match_id, entry["patterns"])
                for pattern in entry["patterns"]:
                    words = _needed_words(pattern)
                    if words is None or self.needed is None:
                        self.needed = None
                    else:
                        self.needed.update(strings[w] for w in words)
                continue
            for (token,) in entry["patterns"]:
                word = token.get("LOWER")
                if word is None:
                    self.free.append((attr_id, match_id, token))
                elif isinstance(word, str):
                    self.by_word.setdefault(word, []).append((attr_id, match_id, token))
                elif "IN" in word:
                    for w in word["IN"]:
                        self.by_word.setdefault(w, []).append((attr_id, match_id, token))
                else:
                    self.other.append((attr_id, match_id, token))
        self.found: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        self.found_free: dict[tuple[int, ...], list[tuple[int, int]]] = {}

    def _matching(self, key: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """(attribute id, match id) of the one-token patterns a token with these attribute hashes matches."""
        strings = self.ruler.vocab.strings
        lower, tag, dep, space = key
        values = {
            "LOWER": strings[lower] if lower else "",
            "TAG": strings[tag] if tag else "",
            "DEP": strings[dep] if dep else "",
            "IS_SPACE": bool(space),
        }

        def matches(token: dict[str, Any]) -> bool:
            return all(_holds(spec, values[name]) for name, spec in token.items())

        free = self.found_free.get(key[1:])
        if free is None:
            free = self.found_free[key[1:]] = [(a, m) for a, m, token in self.free if matches(token)]
        found = set(free)
        named = self.by_word.get(str(values["LOWER"]), [])
        found.update((a, m) for a, m, token in (*named, *self.other) if matches(token))
        return tuple(sorted(found))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if len(self.ruler.attrs) != self.size:
            return list(self.original(doc))
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        found = self.found
        out: list[tuple[int, int, int, int]] = []
        keys = list(map(tuple, doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()))
        for i, key in enumerate(keys):
            hits = found.get(key)
            if hits is None:
                hits = found[key] = self._matching(key)
            out.extend((a, m, i, i + 1) for a, m in hits)
        if self.needed is None or any(key[0] in self.needed for key in keys):
            strings = self.ruler.vocab.strings
            out.extend((int(strings[m]), m, s, e) for m, s, e in self.rest(doc, allow_missing=True, as_spans=False))
        out.sort()  # as AttributeRuler.match: by attribute id, so later rules have precedence
        return out


def use_lookup(ruler: Any) -> None:
    """Make `ruler` find its matches by lookup (same matches, same order; see the module doc)."""
    ruler.match = LookupMatch(ruler)
