"""Phrase identity: which customer phrases are the same phrase, for counting support and keeping ids stable."""

from __future__ import annotations

import re

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Words that frame a clause rather than carry it: "if PyPI goes down" and "as PyPI goes down" are one phrase.
_FRAME_START = frozenset(
    "if as when whenever once that because since so and but or then just really basically also which what like "
    "well um uh oh actually honestly maybe probably even still now".split()
)
_FRAME_END = frozenset("basically really though anyway too again then now".split())


def stem(word: str) -> str:
    """Crude suffix stripping ("card arrived" ~ "cards arrive"); good enough to spot near-duplicates."""
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]  # "transferring" -> "transfer"
            return word
    return word


def phrase_key(text: str) -> str:
    """Lowercased, unpunctuated, stemmed words without framing words at either end.

    The key is part of a phrase's identity (its id is looked up by it): change it only with a data migration."""
    words = [w.replace("\u2019", "'") for w in _TOKEN.findall(text.lower().replace("\u2019", "'"))]
    while words and words[0] in _FRAME_START:
        words.pop(0)
    while words and words[-1] in _FRAME_END:
        words.pop()
    key = " ".join(stem(w) for w in words)
    return key[:1000] or " ".join(text.lower().split())[:1000]
