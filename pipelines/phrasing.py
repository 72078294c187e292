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


# --------------------------------------------------------------------------- people, quotability, specificity

# Diarization labels carry no identity across interviews ("SPEAKER_01" in two files are two people).
_UNNAMED = re.compile(r"^(speaker|spk|s|person|participant|unknown|voice|customer|interviewee)[\s_\-#]*\d*$", re.I)


def person_key(name: str | None, label: str, interview_id: int) -> str:
    """Who a customer speaker is across a project's interviews: the normalised name ('NICK' in nick-1/2/3 is one
    person); an unnamed diarization label ('SPEAKER_01') counts as one person per interview."""
    raw = " ".join((name or label or "").lower().replace("_", " ").split())
    if not raw or _UNNAMED.match(raw.replace(" ", "")) or _UNNAMED.match(raw):
        return f"interview {interview_id}: {label}"
    return raw


QUOTE_MIN_WORDS = 4
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019\-]*")
HEDGE_OPENERS = ("maybe ", "perhaps ", "i guess ", "i suppose ", "probably ", "hopefully ", "if ", "unless ")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def quotable_flags(texts: list[str], *, model: str | None = None) -> list[bool]:
    """Whether each clause can be lifted as a line: >= 4 words, a verb, not opened by a hedge or a condition.

    (Negation that turns a cue into its opposite is ruled out where the clause is extracted, in pipelines.jtbd.)"""
    from pipelines.nlp import load_nlp

    flags = [word_count(t) >= QUOTE_MIN_WORDS and not t.lower().lstrip().startswith(HEDGE_OPENERS) for t in texts]
    todo = [i for i, ok in enumerate(flags) if ok]
    if todo:
        nlp = load_nlp(model)
        for i, doc in zip(todo, nlp.pipe([texts[i] for i in todo], batch_size=256), strict=True):
            flags[i] = any(t.pos_ in {"VERB", "AUX"} for t in doc) and not doc.text.rstrip().endswith("?")
    return flags


# Words that make a line vague ("stuff", "things") or hedge it; content words that carry nothing.
GENERIC_WORDS = frozenset(
    "thing things stuff something anything everything whatever kind sort lot lots bit way ways part point "
    "case cases time times people one ones really very pretty just basically actually probably maybe perhaps".split()
)
_STOP = frozenset(
    "i me my we us our you your he him his she her it its they them their this that these those a an the and or "
    "but if so as of to in on at by for with from about into over than then there here be is am are was were "
    "been being have has had do does did not no n't can could will would should may might must shall 's 're "
    "'ve 'd 'll what which who whom when where why how all any some more most other such only own same too also "
    "very just up out off again once now still even well yeah like oh um uh".split()
)


def specificity(text: str) -> float:
    """How concrete a line is: distinct content words (up to 12), plus names and numbers, minus vague words;
    lines past 25 words pay for their length. Deterministic and cheap (no model), so the feed ranks by it."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    content: set[str] = set()
    score = 0.0
    for index, word in enumerate(words):
        low = word.lower().replace("\u2019", "'")
        if low in GENERIC_WORDS:
            score -= 0.5
        elif low in _STOP or len(low) < 3 or low in content:
            continue
        else:
            content.add(low)
            if any(c.isdigit() for c in word) or (index > 0 and word[0].isupper()):
                score += 0.5  # a number or a named thing (PyPI, Mozilla, 90%)
    score += min(len(content), 12)
    if len(words) > 25:
        score -= 0.3 * (len(words) - 25)  # past a line's length, a copywriter has to cut it
    return round(score, 2)
