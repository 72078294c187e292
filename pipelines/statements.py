"""Job statements 'When [situation], I want to [motivation], so I can [outcome].' in customers' own words."""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import numpy as np

from pipelines import slots
from pipelines.jtbd import Signal, Signals, taken_back
from pipelines.jtbd_words import OUTBURSTS, WEEKDAYS
from pipelines.nlp import load_nlp, parse, verb_reading

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SlotName = Literal["when", "want", "so"]
SLOT_NAMES: tuple[SlotName, ...] = ("when", "want", "so")
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
# Content words too general to say what a job is about; they neither anchor nor link slots.
GENERIC_WORDS = frozenset(
    "do be have get go make take say thing stuff way lot kind sort actually really just also probably "
    "basically even still well like want need try able know think mean guess sure time something come put "
    "look bit little whatever yeah okay right pretty maybe kinda now then always never sometimes often "
    "certainly definitely literally obviously point".split()
)
# First-person words the normaliser introduces; grounding never counts them as new content.
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "am", "'m", "'ve"})
# The verb a slot rule supplies for a want of others' doing ('I want new patients to be able to book' -> 'let new
# patients book', 'so no child finds out' -> 'make sure no child finds out', pipelines.slots): like the first person,
# the statement's wording, not a word put in their mouth.
_SUPPLIED = frozenset({"let", "help", "stop", "avoid", "make", "sure"})
_SUBJECT_TO_I = frozenset({"we", "you", "they", "he", "she"})
_POSSESSIVE = {"our": "my", "your": "my", "ours": "mine", "yours": "mine"}
# Each reflexive and the subject pronoun it refers back to.
_REFLEXIVE = {
    "ourselves": "we",
    "yourself": "you",
    "yourselves": "you",
    "themselves": "they",
    "himself": "he",
    "herself": "she",
}
_HEDGE_WORDS = frozenset({"basically", "literally", "actually", "um", "uh", "kinda", "sorta"})
_QUOTES = frozenset({'"', "“", "”", "‘", "’", "'"})
_MAX_SLOT_TOKENS = 28
_DEICTIC = frozenset({"it", "that", "this", "them", "those", "these"})
_STRUGGLE_KINDS = frozenset({"pain", "push"})
# A job's statements come from at most MAX_PARSED of its rows, the most central ones that may hold a slot, plus up
# to MAX_NEIGHBOURS rows said beside them (a goal's situation or outcome is often the next sentence): parsing is
# most of mining's time, so what a job costs is bounded whatever its size.
MAX_PARSED = 48
MAX_NEIGHBOURS = 16
# A long turn holds several points: beyond this many sentences apart, two of its slots must also be on one topic,
# at a lower bar of closeness than across interviews. Set reading the pypi interviews' long turns: "When things break
# a pretty significant amount of time" with "communicate with people who rely on this" (32 sentences apart, 0.49)
# belong together; "when most downloads weren't hitting the server" with "uploads were much more reliable" (14
# apart, 0.42) do not.
_ONE_STRETCH = 8
SAME_TURN_COHERENT = 0.45
_CUE_BONUS = 0.1  # a row with a cue or a struggle holds a slot for sure: it goes a little ahead of its centrality
# One person telling one thing twice, once whole and once in part: the whole telling leads unless the partial one is
# more than a slot's worth ahead (within one person's talk on one thing, a filled slot counts twice).
_FULLER_MARGIN = 1.0
_FULLER_SHARED = 2  # content words two statements share to say the same thing
# Two sentences of one person this close in meaning (cosine of their embeddings) may complete one statement even
# far apart in the talk: on the pypi interviews the pairs a researcher would join sit at 0.57-0.73, the stitched
# ones ("When I'm truly paying a developer what they're worth, I want to determine if a project is sustainable")
# at 0.36-0.41.
COHERENT = 0.5
# What a goal is for may be said anywhere the same person voices the job: an outcome from the job's own rows (not the
# talk around them) completes a goal of the same person at this much closeness when it says something of its own (at
# least OWN_OUTCOME_WORDS topic words). On the pypi interviews: "verify that I haven't completely screwed up some other
# feature" (no tests) with "make the service far more reliable" (0.29), "run an actual public interest charity in a
# global way" with "communicate effectively with governments"; "communicate with people who rely on this" with "have
# lots of discussions" (two words) stays apart. Situations keep COHERENT: at 0.25 they stitched "When uploads and
# downloads continue to work" and "When Warehouse deploys" onto goals said elsewhere.
OWN_OUTCOME = 0.25
OWN_OUTCOME_WORDS = 3
# Nouns that name nothing on their own: "support one of those things", "resolve a lot of those things".
_EMPTY = frozenset("thing stuff lot bit kind sort way one part piece".split())
# Words that make what a 'so I can' says a guess at what follows rather than what the doing is for.
_UNSURE = frozenset({"maybe", "perhaps", "probably", "possibly"})
_DANGLING = frozenset("to of for with the a an and or but my our your their is are was were be that which".split())


@dataclass(frozen=True, slots=True)
class EvidenceUtterance:
    """An utterance a statement may cite: its stored id, verbatim text, interview and start time (seconds)."""

    id: int
    text: str
    interview_id: int
    start: float | None = None
    speaker: str = ""  # who said it (a person key): slots of one statement come from one person's talk
    passage: int = -1  # the turn it belongs to; -1 when unknown
    asked: str = ""  # the interviewer's question its turn answers (the turn said right before it); "" when none


@dataclass(frozen=True, slots=True)
class Slot:
    """One part of a job statement: first-person text, the utterance ids it comes from, its lead-in words."""

    text: str = ""
    evidence: tuple[int, ...] = ()
    lead: str = ""
    # A story's event told in answer to the question for the trigger: the moment the switch began, told in the
    # present, not a situation the goal recurs in.
    told: bool = False

    @property
    def missing(self) -> bool:
        """True when no utterance supplied this part (it is then left out, never invented)."""
        return not self.text


EMPTY_SLOT = Slot()


@dataclass(frozen=True, slots=True)
class StatementCandidate:
    """A ranked job statement with per-slot provenance; `missing` names the slots nobody said anything for."""

    when: Slot
    want: Slot
    so: Slot
    text: str
    missing: tuple[str, ...] = ()
    score: float = 0.0
    support: tuple[int, ...] = ()
    interviews: tuple[int, ...] = ()
    polished: bool = False

    @property
    def evidence(self) -> tuple[int, ...]:
        """Every utterance id cited by any slot, ascending."""
        return tuple(sorted({i for slot in (self.when, self.want, self.so) for i in slot.evidence}))

    def slot(self, name: str) -> Slot:
        """A slot by name ('when', 'want' or 'so')."""
        if name not in SLOT_NAMES:
            raise KeyError(name)
        slot: Slot = getattr(self, name)
        return slot


# --------------------------------------------------------------------------- words and grounding


@lru_cache(maxsize=8192)
def _content_tokens(text: str) -> tuple[tuple[str, str], ...]:
    """(lemma, lower form) of each content word: nouns, verbs, adjectives, adverbs that are not stop words."""
    if not text.strip():
        return ()
    doc = parse([text])[0]
    return tuple(
        (t.lemma_.lower(), t.lower_)
        for t in doc
        if t.pos_ in CONTENT_POS and not t.is_stop and any(c.isalpha() for c in t.text) and t.lower_ not in FIRST_PERSON
    )


def content_words(text: str) -> set[str]:
    """Lower-cased lemmas of the nouns, verbs, adjectives and adverbs in a text, minus stop words."""
    return {lemma for lemma, _ in _content_tokens(text)}


# The time a chore takes from the speaker, which a goal may win back: "get my Sundays back" says one content word
# and still names the progress (a thing got back, "get my book back", does not).
_OWN_TIME = frozenset([*WEEKDAYS, "morning", "mornings", "evening", "evenings", "night", "nights", "life", "lunches"])


def time_won_back(goal: str) -> bool:
    """A goal to get or have the speaker's own time back ('get my evenings back', 'have our weekends back')."""
    words = goal.lower().split()
    return (
        len(words) == 4
        and words[0] in {"get", "have"}
        and words[1] in {"my", "our"}
        and words[2] in _OWN_TIME
        and words[3] == "back"
    )


@lru_cache(maxsize=8192)
def _vocabulary(text: str) -> frozenset[str]:
    """Every lemma and surface form in a text: what a grounded slot may draw its words from."""
    doc = parse([text])[0]
    words = {w for t in doc if any(c.isalpha() for c in t.text) for w in (t.lemma_.lower(), t.lower_)}
    # "I need it to tell me if ..." -> "know if ...": the knowing a tool's telling gives the speaker (pipelines.slots)
    told = {slots.TELLING[w][0] for w in words if w in slots.TELLING}
    return frozenset(words | told | FIRST_PERSON | _SUPPLIED)


def words_grounded(text: str, sources: Sequence[str]) -> bool:
    """True when every content word of `text` occurs (as lemma or surface form) in one of the source texts."""
    vocabulary: set[str] = set()
    for source in sources:
        vocabulary |= _vocabulary(source)
    return all(lemma in vocabulary or lower in vocabulary for lemma, lower in _content_tokens(text))


def slot_is_grounded(slot: Slot, utterances_by_id: Mapping[int, EvidenceUtterance | str]) -> bool:
    """Every content word of the slot occurs among the words of the utterances it cites."""
    if not slot.text:
        return True
    if not slot.evidence or any(i not in utterances_by_id for i in slot.evidence):
        return False
    sources = [u if isinstance(u, str) else u.text for u in (utterances_by_id[i] for i in slot.evidence)]
    return words_grounded(slot.text, sources)


# --------------------------------------------------------------------------- first-person normalisation


def _filler_indices(tokens: Sequence[Token]) -> set[int]:
    """Token positions of discourse filler ('you know', 'I mean', 'sort of', 'um') to drop from a slot."""
    drop: set[int] = set()
    n = len(tokens)
    kept = _quoted_words_said(tokens)
    quoted = _inside_quotes(tokens)
    for k, tok in enumerate(tokens):
        low = tok.lower_
        nxt = tokens[k + 1].lower_ if k + 1 < n else ""
        after = tokens[k + 2] if k + 2 < n else None
        # "the drivers' mileage": a possessive, said; "tell me, "row six hasn't been graded"": words said, quoted
        quote = low in _QUOTES and tok.tag_ != "POS" and k not in kept and not _elided_digits(tokens, k)
        # 'have them say "Hello, Sandra"': an interjection inside quotation marks is a word said, not a filler
        if low in _HEDGE_WORDS or tok.tag_ == "UH" and k not in quoted and not _answer_said(tokens, k) or quote:
            drop.add(k)
        elif low in {"sort", "kind"} and nxt == "of" and (after is None or after.pos_ not in {"NOUN", "PROPN"}):
            drop.update({k, k + 1})
        elif (low, nxt) in {("you", "know"), ("i", "mean"), ("i", "guess"), ("i", "think")} and (
            after is None or after.is_punct or k == 0 or tokens[k - 1].is_punct
        ):
            drop.update({k, k + 1})
        elif low == "like" and (tok.dep_ == "intj" or nxt == "," or (k > 0 and tokens[k - 1].text == ",")):
            drop.add(k)
        elif low == "let" and nxt.replace("’", "'") in {"'s", "us"} and after is not None and after.lower_ == "say":
            drop.update({k, k + 1, k + 2})  # "a minor release that let's say fixes ...": a hedge, not content
        elif low == "or" and nxt in {"whatever", "something"} and (after is None or after.is_punct):
            drop.update({k, k + 1})
        elif low == "a" and k > 0 and tokens[k - 1].pos_ in {"VERB", "AUX"}:
            # "learn a little bit about the grants": a softener between a verb and what it is about ("a bit of
            # editing" names something and stays).
            hedge = ["a", "little", "bit"] if nxt == "little" else ["a", "bit"]
            end = k + len(hedge)
            said = [t.lower_ for t in tokens[k:end]]
            if said == hedge and end < n and tokens[end].lower_ != "of" and not tokens[end].is_punct:
                drop.update(range(k, end))
    return drop | _commas_around(tokens, drop)


def _commas_around(tokens: Sequence[Token], drop: set[int]) -> set[int]:
    """The commas set around a filler dropped from inside a phrase ('changes their mind about[,] say[,] the
    piping'): once it is gone they cut the phrase ('about, the piping'); a list's commas stay."""
    out: set[int] = set()
    k = 0
    while k < len(tokens):
        if k not in drop or tokens[k].text == ",":
            k += 1
            continue
        end = k
        while end < len(tokens) and end in drop:
            end += 1
        before, after = k - 1, end
        if (
            before > 0
            and after < len(tokens)
            and tokens[before].text == ","
            and tokens[after].text == ","
            and tokens[before - 1].pos_ in {"ADP", "DET", "PART", "AUX", "SCONJ", "CCONJ"}
        ):
            out.update({before, after})
        k = end
    return out


def _inside_quotes(tokens: Sequence[Token]) -> set[int]:
    """The positions of the words between an opening double quotation mark and its closing one (or the slot's end)."""
    inside: set[int] = set()
    opened = False
    for k, tok in enumerate(tokens):
        if tok.text in _DOUBLE_QUOTES:
            opened = not opened
        elif opened:
            inside.add(k)
    return inside


def _elided_digits(tokens: Sequence[Token], k: int) -> bool:
    """Whether an apostrophe stands for a year's first digits ("March [']23"): part of the number, no quote mark."""
    return not tokens[k].whitespace_ and k + 1 < len(tokens) and tokens[k + 1].text[:1].isdigit()


_ANSWERING = frozenset({"say", "answer", "reply", "vote"})
# What a verb of saying says that the tagger reads as an interjection: an answer or a greeting ('say hello').
_WORDS_SAID = frozenset({"yes", "no", "hello", "hi", "hiya", "goodbye", "bye", "thanks", "sorry", "cheers", "ta"})
_DOUBLE_QUOTES = frozenset({'"', "“", "”"})


def _quoted_words_said(tokens: Sequence[Token]) -> set[int]:
    """The positions of the quotation marks around words said or written that the slot quotes whole, three words or
    more ('text them "Shane's thirty minutes away"') or an interjection ('say "Hello, Sandra"'): without them the words
    would read as the speaker's own. A word or two in quotes ('press "paid"') reads the same without."""
    marks = [k for k, t in enumerate(tokens) if t.text in _DOUBLE_QUOTES]
    if len(marks) % 2 and tokens:
        # the slot ends inside the quotation, its closing mark left after it ('... five weeks."'): `_tidy` puts it back
        last = tokens[-1]
        after = last.doc[last.i + 1 : last.i + 3]
        if not any(t.text in _DOUBLE_QUOTES for t in after):
            marks.pop()
        else:
            marks.append(len(tokens))
    kept: set[int] = set()
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        inside = [t for t in tokens[a + 1 : b] if not t.is_punct]
        # 'have them say "Hello, Sandra"': a greeting or a cry quoted is words said too
        if len(inside) >= 3 or len(inside) == 2 and any(t.tag_ == "UH" for t in inside):
            kept.update({a, b})
    return kept


def _answer_said(tokens: Sequence[Token], k: int) -> bool:
    """An interjection paired by 'or'/'and' with another answer (or with the word the parser hangs it from), after
    the words that say it ('every player says [yes] or no', 'they tap yes or [no]'), or right after a verb of saying
    ('five drivers saying [no]', 'say [hello] to everyone'): what is said, not a filler."""
    if 1 < k and tokens[k - 1].lower_ in {"or", "and"} and _answer_said(tokens, k - 2):
        return True
    said = tokens[k]
    verb = k - 1
    while verb > 0 and tokens[verb].lower_ in _QUOTES:
        verb -= 1  # 'the tests say "no"': the answer quoted
    if (
        0 <= verb < k
        and said.lower_ in _WORDS_SAID
        and tokens[verb].i == said.head.i
        and said.head.lemma_ in _ANSWERING
    ):
        return True  # "when half the drivers say no", "say hello": the answer or greeting the verb says
    if not (0 < k < len(tokens) - 2) or tokens[k - 1].is_punct or tokens[k + 1].lower_ not in {"or", "and"}:
        return False
    other = tokens[k + 2]
    return other.tag_ == "UH" or other.i == tokens[k].head.i


# Pronouns that name a party; third-person possessives and objects ("their time", "them") usually point at
# things or at the people acted on, so they only count through a subject.
_PERSON_GROUPS = (
    frozenset({"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}),
    frozenset({"you", "your", "yours", "yourself", "yourselves"}),
    frozenset({"they", "themselves", "he", "himself", "she", "herself"}),
)


_THIRD_PERSONS = frozenset({"he", "she", "they"})


def _others_clause_subjects(tokens: Sequence[Token]) -> set[int]:
    """Token ids of third persons who are the subject of a clause inside the span ('stop worrying every time [he]
    eats', 'know what [they] use it for'): someone the speaker's goal is about, not the speaker."""
    inside = {t.i for t in tokens}
    # a question said as the whole span ('[knowing] what she's going to read', its verb given apart) is a clause too
    roots = {t.i for t in tokens if (t.head.i not in inside and t.dep_ != "ccomp") or t.head.i == t.i}
    return {
        t.i
        for t in tokens
        if t.lower_ in _THIRD_PERSONS
        and t.dep_ in {"nsubj", "nsubjpass"}
        and t.head.i in inside
        and t.head.i not in roots
        and t.head.dep_ in {"advcl", "relcl", "ccomp"}
    }


def _mixed_referents(tokens: Sequence[Token], subject: Token | None = None) -> bool:
    """True when a span and the `subject` of its verb name two different parties ('they ... us'): folding both into
    'I' would garble it. A third person subject of a clause inside the span stays who they are (`first_person`)."""
    said = [*tokens, subject] if subject is not None else list(tokens)
    drop = _filler_indices(said)
    others = _others_clause_subjects(tokens)
    present = {
        g
        for k, t in enumerate(said)
        if k not in drop and not _bound(t) and t.i not in others
        for g, words in enumerate(_PERSON_GROUPS)
        if t.lower_ in words
    }
    return len(present) > 1


# What a goal's verb may act on instead of a direct object: with one of these it does not lack its object.
_COMPLEMENTS = frozenset({"dobj", "ccomp", "xcomp", "dative", "attr", "oprd", "acomp", "pcomp"})
# A relative clause on these says when, where or why ('the days we can't get out'), not what the verb acts on.
_ADJUNCT_NOUNS = frozenset("time day week month year moment point place way reason night morning evening".split())


def _object_before(verb: Token) -> bool:
    """The verb's object is a noun said before its clause ('ingredients [I can't find at our store]', 'the things
    that we wanted to change'): the phrase from the verb on lacks what it acts on."""
    # A relative 'that'/'which' is parsed as the verb's object but stands before it, outside the phrase.
    if verb.pos_ != "VERB" or any(c.dep_ in _COMPLEMENTS and c.i > verb.i for c in verb.children):
        return False
    clause = verb
    for _ in range(4):  # "stuff [I want to change]": the relative clause may be the goal verb's
        if clause.dep_ == "relcl" and clause.head.i < clause.i:
            return clause.head.lemma_.lower() not in _ADJUNCT_NOUNS
        if clause.dep_ != "xcomp" or clause.head.i == clause.i:
            break
        clause = clause.head
    # A relative clause without 'that' is often parsed as a clause of its own: its subject right after a noun.
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.left_edge.i == 0:
        return False
    before = verb.doc[subject.left_edge.i - 1]
    return (
        before.pos_ in {"NOUN", "PROPN"} and before.lemma_.lower() not in _ADJUNCT_NOUNS and before.head.i != clause.i
    )


def _bound(tok: Token) -> bool:
    """A reflexive whose own clause names who it is ('for new individuals to establish [themselves]'): no party of
    its own."""
    if not tok.lower_.endswith(("self", "selves")):
        return False
    said = _antecedent(tok)
    return said is not None and said.pos_ in {"NOUN", "PROPN"}


def _antecedent(reflexive: Token) -> Token | None:
    """Whom a reflexive refers back to: the subject of its clause; for a 'to'-verb without one, the object of the
    verb it completes ('told the staff to help [themselves]') or that verb's subject ('we want to do it [ourselves]');
    for a clause on a noun, the noun ('the members paid for [themselves]')."""
    if reflexive.dep_ in {"punct", "dep"}:  # misparsed: the subject said last before it
        said = [t for t in reflexive.sent if t.i < reflexive.i and t.dep_ in {"nsubj", "nsubjpass"}]
        return said[-1] if said else None
    node = reflexive.head
    while True:
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            return subject
        if node.dep_ == "xcomp" and (obj := next((c for c in node.head.children if c.dep_ == "dobj"), None)):
            return obj
        if node.dep_ == "acl":
            return node.head
        if node.head.i == node.i:
            return None
        node = node.head


def _refers_to_speaker(reflexive: Token, out: dict[int, str], mapped: set[str], inside: set[int]) -> bool:
    """Whether a reflexive refers back to whom `first_person` made 'I' ('they want to do it [themselves]'), not to
    someone else ('they want the clients to sort it out [themselves]', 'he told the staff to help [themselves]');
    one whose referent lies outside the span follows its pronoun ('yourself' with 'you')."""
    said = _antecedent(reflexive)
    if said is not None and said.i in inside:
        return out.get(said.i) == "I"
    if said is not None and said.lower_ not in _SUBJECT_TO_I:
        return False
    return _REFLEXIVE[reflexive.lower_] in mapped | {"we", "you"}


def _agreeing_verb(subject: Token, tokens: Sequence[Token]) -> Token | None:
    """The finite verb or auxiliary that agrees with a subject: the first one after it in its clause."""
    head = subject.head
    for tok in tokens:
        if tok.i <= subject.i:
            continue
        if tok.tag_ in {"VBZ", "VBP", "VBD", "MD"} and (tok.i == head.i or tok.head.i == head.i):
            return tok
        if tok.i > head.i:
            break
    return None


_BE_AFTER_I = {"are": "am", "'re": "'m", "is": "am", "'s": "'m", "were": "was"}


def _first_person_verb(verb: Token) -> str:
    """The form a finite verb takes after 'I' ('are' -> 'am', "'s" -> "'m", 'needs' -> 'need')."""
    low = verb.lower_
    plain = low.replace("’", "'")
    curly = "’" in low
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if plain == "'s" and nxt is not None and nxt.tag_ == "VBN" and nxt.lemma_ not in {"be"}:
        form = "'ve"  # "he's got" -> "I've got"
    elif plain in _BE_AFTER_I:
        form = _BE_AFTER_I[plain]
    elif plain == "has":
        form = "have"
    elif plain == "does":
        form = "do"
    elif verb.tag_ == "VBZ" and verb.lemma_.isalpha():
        form = verb.lemma_.lower()
    else:
        return verb.text
    return form.replace("'", "’") if curly else form


_IRREGULAR_THIRD = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_PLURAL_SUBJECTS = frozenset({"we", "you", "they", "these", "those", "both", "many", "few", "several", "people"})


def _grammatical_subject(verb: Token) -> Token | None:
    """Who a finite verb agrees with: its own subject, its head's for an auxiliary, the noun after 'there'."""
    holder = verb.head if verb.dep_ in {"aux", "auxpass"} else verb
    subject = next((c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"}), None)
    if subject is not None and subject.dep_ == "expl":  # "there were no tests": 'tests' decides
        subject = next((c for c in holder.children if c.dep_ in {"attr", "dobj"}), subject)
    elif subject is not None and subject.tag_ in {"WDT", "WP"} and holder.dep_ == "relcl":
        return holder.head  # "the companies that relied on it": 'companies' decides
    if subject is not None and subject.lemma_.lower() in _QUANTITIES:
        # "there were a lot of regular outages": 'outages' decides
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        return counted or subject
    return subject


_QUANTITIES = frozenset({"lot", "lots", "number", "bunch", "couple", "ton", "tons", "plenty", "majority", "handful"})


def _present_form(verb: Token, subject: str) -> str:
    """A past-tense verb in the present ('weren't' -> 'aren't', 'had screwed' -> 'have screwed', 'broke' ->
    'breaks'), agreeing with `subject`: 'I', 'plural' or 'third'."""
    lemma = verb.lemma_.lower()
    if lemma == "have" and verb.text.replace("’", "'").lower() == "'d":
        return "'s" if subject == "third" else "'ve"  # "I'd been burnt" -> "I've been burnt": still a clitic
    if lemma == "be":
        form = {"I": "am", "plural": "are"}.get(subject, "is")
    elif subject != "third":
        form = lemma
    elif lemma in _IRREGULAR_THIRD:
        form = _IRREGULAR_THIRD[lemma]
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        form = lemma + "es"
    elif len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        form = lemma[:-1] + "ies"
    else:
        form = lemma + "s"
    return form[:1].upper() + form[1:] if verb.text[:1].isupper() else form


def _joined_by_and(subject: Token) -> bool:
    """Two subjects joined by 'and' ("the money and the beds agreed"): plural, whatever the first one's number. The
    parser may hang both from the verb ("the till and the float [matched]")."""
    joined = next((c for c in subject.children if c.dep_ == "cc" and c.lower_ == "and"), None)
    if joined is None:
        return False
    return any(c.dep_ == "conj" for c in subject.children) or any(
        c.dep_ == "nsubj" and c.i > joined.i for c in subject.head.children
    )


def _counts_many(subject: Token) -> bool:
    """A number other than one said as the subject ("two of the older ones kept ...", "three said no"): plural."""
    return subject.tag_ == "CD" and subject.lower_ not in {"one", "1"}


# Verbs whose object may be a thing with what is to be done to it: 'want the invoices sent', 'need it signed'.
_WANT_HEADS = frozenset({"want", "need", "like", "love", "prefer"})


# Verbs in their base form that take a thing and what is done to it: 'see the stump ground out', 'get it signed'.
_SEEING_DONE = frozenset({"see", "watch", "hear", "get", "have", "leave", "keep", "find"})


def _present(tokens: Sequence[Token], out: dict[int, str]) -> None:
    """Put the span's past-tense finite verbs in the present, in place of `out`: a statement names a situation
    that recurs and a job still to be done ("when there aren't tests"), not the story it was told in. What a verb
    reports stays as told, past to it ("a client says they never approved something")."""
    within = {tok.i for tok in tokens}
    shifted: set[int] = set()  # the verbs put in the present here
    quoted = {tokens[k].i for k in _inside_quotes(tokens)}  # words read out stay as they were said
    for tok in tokens:
        if tok.i in quoted:
            continue
        if _slipped_agreement(tok) and not _reported(tok, within):
            out[tok.i] = _present_form(tok, "third")  # "the teacher call me": a slip, said "the teacher calls me"
            continue
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if tok.lower_ == "could" and nxt is not None and nxt.lower_ in {"n't", "n’t"} and not _reported(tok, within):
            out[tok.i] = "Ca" if tok.text[:1].isupper() else "ca"  # "I couldn't see it": a story's 'can't'
            continue
        known = tok.head.i in shifted and tok.head.lemma_.lower() in {"know", "remember"}
        if (
            tok.tag_ != "VBD"
            or not tok.lemma_.isalpha()
            or _reported(tok, within)
            and not _state_then(tok, within)
            # "the only person who knew where everything [was]": what is known now is, as the knowing now is
            and not known
        ):
            continue
        if tok.lower_ == "used" and nxt is not None and nxt.lower_ == "to":
            continue  # "we used to run it": a habit that ended has no present
        if any(c.dep_ in {"aux", "auxpass"} and c.i < tok.i for c in tok.children) or _has_read_as_possessive(tok):
            continue  # "somebody's got the slot": the auxiliary carries the tense, the verb is a participle misread
        if tok.dep_ == "ccomp" and tok.head.i not in within and tok.head.lemma_.lower() in _WANT_HEADS:
            continue  # "I want [the invoices sent] the same day": a participle the parser read as a past tense
        if tok.dep_ == "ccomp" and tok.head.tag_ == "VB" and tok.head.lemma_.lower() in _SEEING_DONE:
            continue  # "to see [the stump ground out]", "get the van loaded": a participle misread as a past tense
        subject = _grammatical_subject(tok)
        if subject is None and tok.dep_ == "conj" and tok.head.i in shifted:
            # "the person who came in and [changed] everything": a second past verb shares the first's subject
            subject = _grammatical_subject(tok.head)
        if subject is None:
            continue  # a verb without a subject may be a participle spaCy misread: leave it
        out[tok.i] = _present_form(tok, _number(subject, out))
        shifted.add(tok.i)
    for tok in tokens:
        # "know what was broken [before I got there]": the time of a clause put in the present is said in it too
        if tok.i in out or tok.i in quoted or tok.tag_ != "VBD" or tok.dep_ != "advcl" or tok.head.i not in within:
            continue
        if not any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in tok.children):
            continue
        if not any(k in shifted for k in (tok.head.i, *(c.i for c in tok.head.children if c.dep_ in _AUXES))):
            continue
        if any(c.dep_ in _AUXES and c.i < tok.i for c in tok.children):
            continue
        subject = _grammatical_subject(tok)
        if subject is not None:
            out[tok.i] = _present_form(tok, _number(subject, out))
    for tok in tokens:
        # "I never knew whether an invoice [had] arrived" -> "I never know whether an invoice has arrived": what a verb
        # put in the present reports as done before it is done before it now, not a story's past.
        clause = tok.head
        if tok.lower_ != "had" or tok.dep_ != "aux" or clause.tag_ != "VBN" or tok.i in out:
            continue
        if clause.dep_ != "ccomp" or clause.head.i not in shifted:
            continue
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        said = out.get(subject.i, subject.text)
        many = said == "I" or subject.lower_ in _PLURAL_SUBJECTS or subject.tag_ in {"NNS", "NNPS", "PRP"}
        out[tok.i] = "have" if many and subject.lower_ not in {"he", "she", "it"} else "has"


# The marks of a clause that says when: 'before I got there', 'until the van came back'.
_TIME_MARKS = frozenset({"before", "after", "until", "till", "when", "once", "whenever"})
_AUXES = frozenset({"aux", "auxpass"})


def _number(subject: Token, out: Mapping[int, str]) -> str:
    """The person and number a present verb takes after `subject` (as it is said in `out`): 'I', plural or third."""
    if out.get(subject.i, subject.text) == "I" or subject.lower_ in {"i", "me"}:
        return "I"
    many = subject.lower_ in _PLURAL_SUBJECTS or subject.tag_ in {"NNS", "NNPS"}
    return "plural" if many or _counts_many(subject) or _joined_by_and(subject) else "third"


def _has_read_as_possessive(verb: Token) -> bool:
    """A past form right after its subject's "'s" that the parser read as a possessive ('a parcel['s] sat there a
    week'): the "'s" is 'has', the verb its participle, and the clause is already in the present perfect."""
    if verb.i < 2:
        return False
    clitic, subject = verb.doc[verb.i - 1], verb.doc[verb.i - 2]
    return (
        clitic.text.replace("’", "'").lower() == "'s"
        and clitic.tag_ == "POS"
        and clitic.head.i == subject.i
        and subject.head.i == verb.i
        and subject.dep_ in {"nsubj", "nsubjpass"}
    )


# Verbs whose object does a bare verb: "let the teacher call", "made the driver wait", "saw the bus leave".
_BARE_AFTER = frozenset("let make help have see watch hear feel bid".split())


_DAYS_OF_WEEK = frozenset(f"{day}days" for day in "mon tues wednes thurs fri satur sun".split())


def _slipped_agreement(verb: Token) -> bool:
    """A bare present verb said of one person or thing named by a noun ('the teacher [call] me', 'my son [forget]'):
    the speaker's slip of agreement, which a statement in good English does not repeat."""
    if verb.tag_ not in {"VBP", "VB"} or verb.pos_ != "VERB" or not verb.lemma_.isalpha():
        return False
    if verb.lower_.endswith("ed") and not verb.lower_.endswith("eed") and verb.lemma_.lower() == verb.lower_:
        return False  # "someone WhatsApped me": a past the tagger does not know, not a bare verb ('need' is one)
    if any(c.dep_ in {"aux", "auxpass"} for c in verb.children) or verb.dep_ in {"xcomp", "aux", "auxpass"}:
        return False  # "the teacher can [call]", "wants to [call]": the bare form is right
    if verb.head.i != verb.i and verb.head.lemma_.lower() in _BARE_AFTER:
        return False  # "let the teacher [call] me", "saw the driver [leave]"
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        subject is not None
        and subject.i < verb.i
        and subject.tag_ in {"NN", "NNP"}
        and subject.lemma_.lower() not in _QUANTITIES
        and subject.lower_ not in _DAYS_OF_WEEK  # "Saturdays [fill] up by Wednesday": a plural the tagger calls one
        and not any(c.dep_ == "cc" for c in subject.children)  # "the teacher and the head call me"
    )


def _state_then(tok: Token, within: set[int]) -> bool:
    """A 'be' in the question a past want asked ('I wanted to know [where I was]', '... [who was coming]', 'what I
    wanted was to know ...'): the state of then, put in the past only with the want, is put in the present with it
    ('know where I am')."""
    clause = tok.head if tok.dep_ in {"aux", "auxpass"} else tok
    if tok.lemma_.lower() != "be" or clause.dep_ != "ccomp" or not _wh_clause(clause):
        return False
    asker = clause.head
    while asker.dep_ == "conj" and asker.head.i in within:
        asker = asker.head  # "I wanted to open one screen and [know] what was going to bite me": the want's step
    want = asker.head
    if want.lemma_.lower() == "be":
        # "what I wanted was to know [who was coming]", "all I ever wanted was ...": the want the 'was' names
        subjects = [c for c in want.children if c.dep_ in {"csubj", "nsubj"}]
        said = [c for c in subjects if c.dep_ == "csubj"] + [
            r for c in subjects for r in c.children if r.dep_ == "relcl"
        ]
        want = said[0] if said else want
    return (
        asker.i in within
        and asker.dep_ == "xcomp"
        and want.i not in within
        and want.tag_ == "VBD"
        and want.lemma_.lower() in _WANT_HEADS
    )


def _wh_clause(verb: Token) -> bool:
    """The verb's clause is a question a verb names ('why we changed it', 'which price they quoted'); spaCy may
    hang 'explain to a buyer [what we shipped]' from the noun, but a 'what' clause never tells of a noun."""
    wh = [t for t in verb.subtree if t.i < verb.i and t.tag_ in {"WDT", "WP", "WP$", "WRB"}]
    return bool(wh) and (verb.dep_ == "ccomp" or (verb.dep_ == "relcl" and wh[0].lower_ == "what"))


_PRESENT_MODALS = frozenset("can ca will wo 'll may must shall".split())


def _reported(tok: Token, within: set[int]) -> bool:
    """Whether a verb of the span is, within the span, in what a finite verb reports ('says [they approved]'), or in
    a question any verb names ('explain [why we changed it]'): a fact told as past stays past to it."""
    head = tok.head
    while head.i != tok.i and head.i in within:
        # a present modal carries the reporting verb's tense: "nobody can say [I didn't]"; a past one tells it
        # shifted back ("so I could know [nothing was waiting]": nothing is)
        finite = head.tag_ in {"VBD", "VBP", "VBZ"} or any(
            c.dep_ == "aux" and c.lower_ in _PRESENT_MODALS for c in head.children
        )
        if (tok.dep_ == "ccomp" and finite) or _wh_clause(tok):
            return True
        tok, head = head, head.head
    return False


def first_person(
    tokens: Sequence[Token],
    *,
    subject: Token | None = None,
    others: bool = True,
    present: bool = False,
    doing: bool = False,
    durations: bool = False,
    bare: bool = False,
    gerunds: bool = False,
) -> str:
    """A span rewritten in the speaker's first person: we/you/they/he/she -> I, our/your -> my, us -> me.

    `subject` is who performs a bare verb phrase ('he needs to [fix his laptop]'), so 'his' follows it. With
    `others=False` third persons stay ('when he left'): a situation may be about other people; a third person
    who is the subject of a clause inside the span always stays ('stop worrying every time he eats'). With `present`,
    past-tense verbs are put in the present (`_present`). With `doing`, a span that opens with a gerund is the
    speaker's doing ('knowing we want ...' -> 'I know I want ...'). With `durations`, a bare stretch of time gets
    its 'for' ('when things break [for] a significant amount of time', `_bare_durations`). With `bare`, the span is
    what others do after a supplied 'let': its main verb takes its base form ('let every family [know] where to be').
    With `gerunds`, the span goes on from a verb said just before it in its -ing form ('avoid walking' + 'down and
    find the sign'): a verb joined to that one takes its -ing form too ('down and [finding] the sign').
    """
    tokens = list(tokens)
    drop = _filler_indices(tokens)
    out: dict[int, str] = {}
    to_i = _SUBJECT_TO_I if others else frozenset({"we", "you"})
    if subject is None or subject.lower_ == "i" or subject.lower_ in to_i:
        drop |= _own_object(tokens)
    mapped: set[str] = {subject.lower_} if subject is not None and subject.lower_ in to_i else set()
    others_said = _others_clause_subjects(tokens) if others else set()
    for tok in tokens:
        low = tok.lower_
        if low in to_i and tok.pos_ == "PRON" and tok.i not in others_said and not slots.addressed(tok):
            if low == "you" and not tok.dep_.startswith("nsubj") and tok.dep_ != "expl":
                out[tok.i] = "me"  # "it lets you publish" -> "it lets me publish"
                continue
            out[tok.i] = "I"
            mapped.add(low)
            verb = _agreeing_verb(tok, tokens)
            if verb is not None:
                out[verb.i] = _first_person_verb(verb)
        elif low == "us":
            out[tok.i] = "me"
        elif low in _POSSESSIVE:
            out[tok.i] = _POSSESSIVE[low]
    # Third-person possessives follow their subject: "they ... their" -> "I ... my".
    for tok in tokens:
        low = tok.lower_
        if (low == "their" and "they" in mapped) or (low == "his" and "he" in mapped):
            out[tok.i] = "my"
        elif low == "her" and "she" in mapped and tok.dep_ == "poss":
            out[tok.i] = "my"
        elif low in _REFLEXIVE and _refers_to_speaker(tok, out, mapped, {t.i for t in tokens}):
            out[tok.i] = "myself"
    if present:
        _present(tokens, out)
    if doing and tokens and tokens[0].tag_ == "VBG":
        out[tokens[0].i] = "I " + _present_form(tokens[0], "I").lower()
    for tok in _bare_durations(tokens) if durations else ():
        out[tok.i] = "for " + out.get(tok.i, tok.text)
    inside = {t.i for t in tokens}
    for tok in tokens if gerunds else ():
        if tok.dep_ == "conj" and tok.tag_ in {"VB", "VBP"} and tok.head.i == tokens[0].i - 1:
            ing = slots.gerund(tok.lemma_.lower())
            if ing is None:
                return ""  # spelling alone cannot make its -ing form: no slot rather than a broken one
            out[tok.i] = ing
    for tok in tokens if bare else ():
        if tok.head.i not in inside or tok.head.i == tok.i:
            if tok.tag_ in {"VBZ", "VBP", "VBD"} and tok.lemma_.isalpha():
                out[tok.i] = tok.lemma_.lower()  # 'if the bank talked to the app': 'have the bank talk ...'
                # and the doings joined to it with no subject of their own: 'if the phone came up and said ...'
                for also in _joined_finite(tok, inside):
                    out[also.i] = also.lemma_.lower()
            # 'regulars booking their own tables': 'have regulars book ...'; the tagger's '[repeat] customers
            # reordering' hangs the people from their modifier
            people = tok if tok.pos_ in {"NOUN", "PROPN"} else next((c for c in tok.children if c.dep_ == "dobj"), None)
            acting = [] if people is None else [c for c in people.children if c.dep_ == "acl" and c.tag_ == "VBG"]
            if acting and acting[0].i in inside and acting[0].lemma_.isalpha():
                out[acting[0].i] = acting[0].lemma_.lower()
            break
    pieces: list[str] = []
    for k, tok in enumerate(tokens):
        if k in drop:
            if pieces and tok.whitespace_ and not pieces[-1].endswith(" "):
                pieces[-1] += " "
            continue
        word = out.get(tok.i, tok.text)
        if tok.lower_ == "n't" and k > 0 and out.get(tokens[k - 1].i) == "am":
            word = " not"  # "aren't" -> "am not", never "amn't"
        if word != tok.text and tok.text[:1].isupper() and word not in {"I"} and tok.i == tokens[0].i:
            word = word[:1].upper() + word[1:]
        elif k > 0 and tok.is_sent_start and tok.pos_ != "PROPN" and word == tok.text and word != "I":
            word = (
                word[:1].lower() + word[1:]
            )  # a sentence's opening word moved into the phrase ('keep up with [m]ailing lists')
        # Tokens taken from elsewhere in the sentence (an object the rule moved after its verb) need a space.
        moved = k + 1 < len(tokens) and tokens[k + 1].i != tok.i + 1
        pieces.append(word + (tok.whitespace_ or (" " if moved and not tok.is_punct else "")))
    return _tidy("".join(pieces), tokens[0] if tokens else None)


def _joined_finite(verb: Token, inside: set[int]) -> list[Token]:
    """Finite verbs joined to `verb` inside a phrase that share its subject ('came up [and said] ...'), which a base
    form of `verb` takes with it; never a clause with a subject of its own ('and it sent')."""
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.i in inside
        and c.tag_ == verb.tag_
        and c.lemma_.isalpha()
        and not any(g.dep_.startswith("nsubj") for g in c.children)
    ]


# Nouns that measure a stretch of time, and verbs whose object one is ("spend a lot of time", "take a few days").
_DURATION_NOUNS = frozenset("time while moment day week month year hour minute decade period".split())
_TIME_TAKERS = frozenset(
    "spend take waste need have save give lose cost get buy find want use free invest dedicate devote put "
    "budget set allocate require last".split()
)


def _own_object(tokens: Sequence[Token]) -> set[int]:
    """Positions of a speaker's own object between a bare verb phrase's verb and its -ing verb, to drop: "stop me
    being the receptionist" and "stop us from losing track" said of the speaker read "I want to stop being the
    receptionist" and "... to stop losing track", never "I want to stop me being ..."."""
    if len(tokens) < 3 or tokens[0].tag_ != "VB" or tokens[1].lower_ not in {"me", "us", "you"}:
        return set()
    if tokens[1].lower_ == "you" and not tokens[1].dep_.startswith("nsubj") and tokens[1].dep_ != "dobj":
        return set()
    if tokens[2].tag_ == "VBG":
        return {1}
    if tokens[0].lemma_ == "stop" and tokens[2].lower_ == "from" and len(tokens) > 3 and tokens[3].tag_ == "VBG":
        return {1, 2}
    return set()


def _bare_durations(tokens: Sequence[Token]) -> list[Token]:
    """The first words of stretches of time said without their 'for': the parser reads "when things break a pretty
    significant amount of time" with the stretch as the verb's object, and the clause reads garbled. Only a stretch
    opened by 'a'/'an' ('a while', 'a few days', 'a lot of time'); 'every day', 'last week' need no 'for'."""
    inside = {t.i for t in tokens}
    found: list[Token] = []
    for tok in tokens:
        if tok.dep_ not in {"dobj", "npadvmod"} or tok.head.i not in inside or tok.head.pos_ != "VERB":
            continue
        if tok.head.lemma_.lower() in _TIME_TAKERS:
            continue
        if any(c.dep_ in {"compound", "amod"} and c.pos_ in {"NOUN", "PROPN"} for c in tok.children):
            continue  # "we do [a flash day]": a day of a kind, the thing done, no stretch of time
        measured = tok.lemma_.lower() in _DURATION_NOUNS or any(
            of.lower_ == "of" and any(c.lemma_.lower() in _DURATION_NOUNS for c in of.children if c.dep_ == "pobj")
            for of in tok.children
        )
        start = tok.left_edge
        if measured and start.lower_ in {"a", "an"} and start.i in inside and start.i > tok.head.i:
            found.append(start)
    return found


# A word said mid-sentence, after a word or a comma: where only a name keeps its capital.
_MID_SENTENCE_WORD = re.compile(r"(?<=[\w,;] )([A-Za-z][\w'’-]*)")


def _names_said(utterances: Sequence[EvidenceUtterance]) -> frozenset[str]:
    """The words the talk only ever capitalises mid-sentence ('sent to Ffion', 'Ffion had written'), lower-cased:
    names, whatever the tagger made of them where they open a sentence."""
    capital: set[str] = set()
    lower: set[str] = set()
    for utterance in utterances:
        for match in _MID_SENTENCE_WORD.finditer(utterance.text):
            word = match.group(1)
            (capital if word[:1].isupper() else lower).add(word.lower())
    return frozenset(capital - lower - {"i"})


def _named_again(filler: _Filler, names: frozenset[str]) -> _Filler:
    """A slot that opens with a name the tagger took for a noun and `_tidy` lower-cased ('ffion sits me down') gets
    its capital back."""
    first = re.match(r"[\w'’-]+", filler.text)
    if first is None or not filler.text[:1].islower():
        return filler
    word = first.group(0)
    if re.sub(r"['’]s$", "", word) not in names:
        return filler
    return replace(filler, text=word[:1].upper() + filler.text[1:])


_SAME_IDIOMS = frozenset({"page", "boat", "time", "wavelength"})


def _same_as_before(tok: Token) -> bool:
    """'the same list', 'the same thing': the same as something said before, with no 'as' saying what (not an idiom's
    'the same page', 'the same boat', 'at the same time')."""
    return (
        tok.lower_ == "same"
        and tok.dep_ == "amod"
        and tok.head.dep_ in {"dobj", "pobj", "attr"}
        and tok.head.lemma_.lower() not in _SAME_IDIOMS
        and not any(t.lower_ == "as" for t in tok.head.subtree if t.i > tok.i)
    )


def _tidy(text: str, first: Token | None) -> str:
    """Collapse spaces, drop edge punctuation and lower-case the first letter unless it is 'I' or a name."""
    text = " ".join(text.split())
    for a, b in ((" ,", ","), (",,", ","), (" .", "."), ("( ", "("), (" )", ")")):
        text = text.replace(a, b)
    text = text.strip(" ,;:.!?-–—…\"'“”‘’")
    if not text:
        return text
    if text.count('"') % 2 or text.count("“") > text.count("”"):
        text += "”" if "“" in text else '"'  # the closing mark of words quoted at the end, stripped with the edge
    keep_case = text.startswith(("I ", "I'", "I’")) or text == "I"
    if first is not None and (_named(first) or (first.text.isupper() and len(first.text) > 1)):
        keep_case = keep_case or re.match(rf"{re.escape(first.text)}\b", text) is not None
    if not keep_case:
        text = text[:1].lower() + text[1:]
    return text


def _named(tok: Token) -> bool:
    """A name: a proper noun, a word the speaker capitalised mid-sentence ('so that Dad's not sitting ...'), or one
    said with who it is ('Ffion, one of my team leaders, ...'), whatever the tagger made of it."""
    if tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.i != tok.sent.start and tok.lower_ != "i"):
        return True
    return (
        tok.text[:1].isupper()
        and tok.tag_ == "NN"
        and not any(c.dep_ == "det" for c in tok.children)
        and any(c.dep_ == "appos" and any(g.lower_ in _WHOSE for g in c.subtree) for c in tok.children)
    )


_WHOSE = frozenset({"my", "our"})


# --------------------------------------------------------------------------- slot fillers


@dataclass(frozen=True, slots=True)
class _Filler:
    kind: str
    index: int
    utterance_id: int
    interview_id: int
    text: str
    lead: str
    words: frozenset[str]
    start_char: int
    end_char: int
    vague: bool = False
    speaker: str = ""
    passage: int = -1
    past: bool = False  # told in the past tense
    story: bool = False  # said in a sentence that tells a past event ('to make a proposal, we had to ...')
    purpose: bool = False  # an outcome the speaker states for their own doing, or a motivation taken from one
    fronted: bool = False  # a purpose said before its goal: "[to apply for larger grants], you need to ..."
    leans: bool = False  # acts on a pronoun ('support them'): what it means is in the talk beside it
    follows: int = -1  # a result said after a goal ('... and then ship it'): where that goal starts; -1: none
    asked: bool = False  # a thing named in answer to the question for what was wanted (`slots.named_want`)
    # a goal of a word or two acting on a pronoun its sentence never names ('have them in a drawer'): only a 'when'
    # may say what it acts on
    points: bool = False
    # A situation its own sentence says what the speaker can do in ('When a client says they never approved
    # something, I can show them the approval'), or wants to ('all I ask is that when I get there, I know ...'): it
    # is that doing's, and completes only a goal of that sentence.
    bound: bool = False
    gist: bool = False  # an answer's event said as the gist of the story it goes on to tell (`slots.sums_up`)
    background: bool = False  # an answer's event told as what was going on (a past progressive, `slots.told_event`)
    setback: bool = False  # an answer's event that tells what hurt: a loss, a failure, a complaint (`slots.told_event`)
    told: bool = False  # the trigger an answer to the trigger question tells (`_told_trigger`)
    # A told event of one person called by name ('Mrs Okafor rang me', 'Derek turned up at nine'): one occasion.
    named: bool = False
    lets: bool = False  # an outcome of what others then do, its 'let' supplied ('so every family knows' -> 'let ...')
    ahead: frozenset[str] = frozenset()  # the verbs of what a goal is to be done before ('... before it breaks')
    event: str = ""  # the verb of what a situation says happens ('when things break for hours': break)
    now: bool = False  # said in answer to a question about how things are now ('Anything you'd still change?')
    better: bool = False  # said in answer to what is better now: a want the new way met, not one still open
    # An outcome said as a sentence of its own after a goal ('So that I don't walk down and find the sign.'): what
    # the goal before it is for, no goal's said after it, nor a goal itself.
    alone: bool = False
    # What the speaker can do now, said as a plain fact ('I can book his slot from my phone on the bus'): it tells
    # what a goal is for only when said with or after it; said before, it is a state of the story, no purpose.
    ability: bool = False
    # The sentence that names whom a pronoun in the goal stands for ('Dawn was doing the refunds.' for 'I wanted her
    # to stop ...'): its utterance id, cited beside the goal's own; -1: none.
    names_from: int = -1


_WHEN_MARKERS = {"when": "When", "whenever": "Whenever", "if": "When"}
_OTHER_MARKERS = frozenset({"after", "before", "once", "until", "during", "every", "each", "any", "as"})


def _whether(mark: Token) -> bool:
    """The 'if' reads as 'whether': its clause is what a verb of knowing or checking (or 'make sure') is about."""
    return slots.asks_whether(mark.head)


def _supposed_result(mark: Token) -> bool:
    """The clause the 'if' leads to says what would, might or should follow ('..., it would be overhead'): the 'if'
    weighs a case the speaker is not in."""
    clause = mark.head
    result = clause.head
    if clause.dep_ != "advcl" or result.i == clause.i:
        return False
    # "if I fall ill, the shop shouldn't close": what ought to hold in a case weighed, not one the speaker is in
    supposing = {"would", "'d", "might", "should"}
    return any(c.dep_ == "aux" and c.lower_.replace("’", "'") in supposing for c in result.children)


# What a verdict on a case is said of: "[that]'s it", "[that]'s the whole day lost".
_VERDICT_SUBJECTS = frozenset({"that", "this"})


def _verdict_on_case(mark: Token) -> bool:
    """The clause the 'if' leads to passes a verdict on the case: a bare 'that's ...' ('..., that's it', 'that's my
    back gone', 'that's the whole day lost'): what the case would cost, a case feared and kept from, not one the
    speaker's goal starts from. Not 'that's when I ...', which says what the speaker does in it, nor 'it's a
    nightmare', a struggle with a case that does come up."""
    clause = mark.head
    verdict = clause.head
    if clause.dep_ != "advcl" or verdict.i <= clause.i or verdict.lemma_.lower() != "be":
        return False
    subject = next((c for c in verdict.children if c.dep_ == "nsubj"), None)
    near = [*verdict.children, *(g for c in verdict.children if c.dep_ in {"attr", "acomp"} for g in c.children)]
    # "if the paper fails, it's just a bad night": a case made light of is weighed, not one a goal starts from; "if
    # the new thing fails, it's my fault": nor is a case whose blame is feared
    light = (
        subject is not None
        and subject.lower_ == "it"
        and any(
            c.dep_ == "advmod" and c.lower_ in {"just", "only"} or c.dep_ == "attr" and c.lemma_.lower() == "fault"
            for c in near
        )
    )
    if subject is None or not (subject.lower_ in _VERDICT_SUBJECTS or light) or subject.i < clause.right_edge.i:
        return False
    # what follows the 'be' names the loss, with no doing of anyone's ('that's when I ring them' tells one)
    said = [t for t in verdict.subtree if t.i > verdict.i]
    return not any(
        t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" and t.dep_ not in {"aux", "auxpass"} or t.tag_ == "WRB"
        for t in said
    )


_WANT_VERBS = frozenset({"want", "need", "wish"})


def _thing_able(mark: Token) -> bool:
    """The 'if' supposes what something can do and what then follows for others ('if the tests can say no in ten
    minutes, [a human] only has to look at what passed'): how a way would work, no case the speaker is in. Not what
    it cannot do ('if the printer can't connect': a case that comes up), nor a case of the speaker's own doing or
    wanting ('if the drivers can swap shifts, [I] want to see the rota')."""
    clause = mark.head
    able = any(c.dep_ == "aux" and c.lower_ == "can" for c in clause.children) and not any(
        c.dep_ == "neg" for c in clause.children
    )
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    result = clause.head
    then = next((c for c in result.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return (
        able
        and clause.dep_ == "advcl"
        and subject is not None
        and subject.pos_ == "NOUN"
        and then is not None
        and then.lower_ not in {"i", "we"}
    )


def _case_of_a_wish(mark: Token) -> bool:
    """The clause an 'if'/'when' leads to goes on from a want said before it ('I want one inbox, and if a ticket
    comes in, it goes to the right person'): the case is part of the world wished for, not one the speaker is in."""
    clause = mark.head
    result = clause.head
    if clause.dep_ != "advcl" or result.dep_ != "conj":
        return False
    return result.head.i < mark.i and result.head.lemma_.lower() in _WANT_VERBS


def _case_of_a_purpose(mark: Token) -> bool:
    """The 'if'/'when' opens right after a 'so' (or 'so that') said mid-sentence after the speaker's own want ('I
    want everyone's number in one list, so [if the bus breaks down] I can text them all', 'what we'd really want is
    for the invoices to sit with the order, so [when somebody leaves] they stay'): the case in which the purpose
    holds, part of what the want is for, not the situation the want arises in. A sentence that opens 'So if ...'
    says its case first."""
    doc = mark.doc
    k = mark.i - 1
    if k >= 0 and doc[k].lower_ == "that":
        k -= 1
    if k < 0 or doc[k].lower_ != "so" or k == mark.sent.start:
        return False
    # the want said plainly ('I want ...') or as what the want is ('what we'd really want is for ...')
    return any(slots._own_want(t) is not None or slots._what_i_want(t) is not None for t in doc[mark.sent.start : k])


def _want_given_up_then(mark: Token) -> bool:
    """The 'when' clause tells when a want said before it in the sentence was given up ('I used to want to retire at
    sixty, I gave that up [when I saw my pension]'): the case of that want's end, no case another goal starts from."""
    clause = mark.head
    given = clause.head
    if clause.dep_ != "advcl" or given.lemma_.lower() != "give" or given.i > mark.i:
        return False
    if not any(c.dep_ == "prt" and c.lower_ == "up" for c in given.children):
        return False
    return any(t.lemma_.lower() in _WANT_VERBS for t in mark.doc[mark.sent.start : given.i])


# States an 'if' in the past supposes rather than tells: 'if I had the money', 'if it was up to me'.
_SUPPOSED_STATES = frozenset("be have know own need want".split())


def _past_case_of_now(mark: Token) -> bool:
    """'If a box turned up squashed, I want to know': an event in the past tense said as the case of a present want
    or need, any time it happened, not a counterfactual ('if I had the money, I'd ...', 'if it was up to me')."""
    clause, main = mark.head, mark.head.head
    if clause.dep_ != "advcl" or clause.tag_ != "VBD" or clause.lemma_.lower() in _SUPPOSED_STATES:
        return False
    if any(c.dep_ in {"aux", "auxpass"} for c in clause.children):
        return False
    modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in main.children)
    return main.lemma_.lower() in {"want", "need"} and main.tag_ in {"VBP", "VBZ"} and not modal


def _when_filler(tokens: list[Token]) -> tuple[str, list[Token]] | None:
    """Split a situation span into its lead ('When', 'After', 'Every time') and the rest."""
    k = 0
    while k < len(tokens) and tokens[k].lower_ in {"even", "only", "just", "especially", "and", "but", "so"}:
        k += 1
    if k >= len(tokens):
        return None
    first = tokens[k]
    low = first.lower_
    if low in _WHEN_MARKERS:
        if low == "if" and first.i > 0 and first.nbor(-1).lower_ == "even":
            return None  # "even if you don't have line items": a concession, not what the job starts from
        if low == "if" and _whether(first):
            return None  # "check to make sure if pip still works": 'if' as 'whether', no situation at all
        if _case_of_a_wish(first):
            return None  # "I want one inbox, and if a ticket comes in, it goes to ...": the wish goes on
        if first.head.dep_ == "advcl" and slots.knowing_frees(first.head) is not None:
            return None  # "if I know who's got which pupil, I can sleep": the knowing sought, no case they are in
        if _case_of_a_purpose(first):
            return None  # "I want the keys in one box, so that if a driver is off sick I can ...": the purpose's case
        if _want_given_up_then(first):
            return None  # "I used to want to retire at sixty, I gave that up [when I saw my pension]": that want's
        clause = tokens[k + 1 :]
        first_verb = next((t for t in clause if t.pos_ in {"VERB", "AUX"}), None)
        if low == "if" and first_verb is not None and first_verb.tag_ == "VBD" and not _past_case_of_now(first):
            return None  # "if I had money" is counterfactual, not a recurring situation
        if low == "if" and first_verb is not None and first_verb.lower_.replace("’", "'") in {"could", "would", "'d"}:
            return None  # "[what I'd love is] if I could drag the drops into my own order": a wish, no case
        if low == "if" and _supposed_result(first):
            return None  # "if we had several sponsors, it would be harder": a case weighed, not one they are in
        if low == "if" and _verdict_on_case(first):
            return None  # "if I'm reading my messages up the ladder, that's my back gone": a case feared
        if low == "if" and _thing_able(first):
            return None  # "if the tests can say no in ten minutes, ...": what a thing would be able to do, supposed
        return _WHEN_MARKERS[low], clause
    if low in {"every", "each", "any"} and k + 1 < len(tokens) and tokens[k + 1].lower_ == "time":
        return f"{first.text[:1].upper()}{first.text[1:].lower()} time", tokens[k + 2 :]
    if low in _OTHER_MARKERS:
        return first.text[:1].upper() + first.text[1:].lower(), tokens[k + 1 :]
    # A time expression ("on Mondays", "at the end of the month") leads the sentence itself.
    return "", tokens[k:]


def _outcome_filler(tokens: list[Token], cue: str) -> tuple[str, list[Token]] | None:
    """Lead and rest of an outcome: 'so I can' + verb phrase when the speaker is the subject, else 'so'."""
    if cue in {"in order to", "so as to", "to"}:
        return "so I can", tokens
    if not tokens:
        return None
    if not cue and _base_verb(tokens[0]):
        return "so I can", tokens  # a stored 'to'/'in order to' outcome: its cue is not kept
    subj = tokens[0]
    rest = tokens[1:]
    if subj.lower_ in {"i", "we", "you"} and subj.pos_ == "PRON" and rest:
        modal = rest[0]
        if modal.lower_ in {"can", "could", "'ll", "will", "may", "might"} and len(rest) > 1:
            vp = rest[1:]
            if len(vp) > 3 and [t.lower_ for t in vp[:3]] == ["be", "able", "to"]:
                vp = vp[3:]
            return "so I can", vp
        low = [t.lower_ for t in rest[:4]]
        if low[:2] in (["do", "n't"], ["don’t"]) or low[:1] == ["don't"]:
            return "so", tokens
    return ("which means" if cue == "which means" else "so"), tokens


def _topic_words(tokens: Iterable[Token]) -> frozenset[str]:
    """Lemmas that say what a slot is about; spaCy's stop list also holds nouns like 'call' and 'part'. A word
    quoted alone counts as itself: 'press "paid"' names a button, not paying."""
    words = set()
    for t in tokens:
        if _quoted_alone(t):
            words.add(t.lower_)
        elif (
            t.pos_ in CONTENT_POS
            and t.is_alpha
            and (not t.is_stop or t.pos_ in {"NOUN", "PROPN"})
            and t.lemma_.lower() not in GENERIC_WORDS
        ):
            words.add(t.lemma_.lower())
    return frozenset(words)


def _quoted_alone(tok: Token) -> bool:
    """A word between quotation marks of its own ('press ["paid"]', 'a button that says ["done"]'): the name of a
    button, a label or a status, said as written."""
    doc = tok.doc
    return (
        tok.is_alpha
        and 0 < tok.i < len(doc) - 1
        and doc[tok.i - 1].is_quote
        and doc[tok.i + 1].is_quote
        and doc[tok.i - 1].whitespace_ == ""
        and tok.whitespace_ == ""
    )


def _implicit_subject(span: Span) -> Token | None:
    """Who does what a span says: its own subject or, for a bare verb phrase, the governing clause's."""
    cur = span.root
    for _ in range(10):
        if (subject := _subject_of(cur)) is not None:
            return subject
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _subject_of(verb: Token) -> Token | None:
    """A verb's own subject, no 'there' (`slots.own_subject`)."""
    return slots.own_subject(verb, _DOERS)


_DOERS = frozenset({"nsubj", "nsubjpass"})


def _make_filler(kind: str, index: int, utterance: EvidenceUtterance, doc: Doc, signal: Signal) -> _Filler | None:
    span = doc.char_span(signal.start_char, signal.end_char, alignment_mode="expand")
    if span is None or not len(span) or len(span) > _MAX_SLOT_TOKENS:
        return None
    tokens = list(span)
    lead = ""
    if kind == "situation":
        split = _when_filler(tokens)
        if split is None:
            return None
        lead, tokens = split
    elif kind == "outcome":
        split = _outcome_filler(tokens, signal.cue)
        if split is None:
            return None
        lead, tokens = split
    subject = _implicit_subject(span)
    if kind == "situation" and reported(span.root):
        return None  # "... if you can send me the list by Monday ...", read out of someone's email: their case
    if kind == "motivation" and not _speakers_own_want(span):
        return None
    if kind == "motivation" and _doer_first(tokens):
        return None  # "I want [kit to be boring]": what a thing is to be, whose verb only the slot rules supply
    if kind == "outcome" and subject is not None and subject.lower_ not in {"i", "we"}:
        return None  # "they go there to search", "you can go so far as to remove it": not the speaker's purpose
    if kind == "outcome" and span.root.dep_ in {"advcl", "xcomp"} and slots.told_habit(span.root.head):
        # "I'd look at the spreadsheet [to see who does Polish]", "I'd ring the office [to find out who was
        # driving]" (the parser's xcomp), told of the old way: no purpose now
        return None
    return _checked_filler(kind, index, utterance, tokens, lead, subject, signal.start_char, signal.end_char)


def _denied_doing_above(verb: Token) -> bool:
    """Whether a purpose is that of a doing the speaker wants spared ('to not have to ring Karen [to find out]')."""
    head = verb.head
    if verb.dep_ not in {"xcomp", "advcl"} or head.i == verb.i or head.i > verb.i:
        return False
    above = head.head if head.dep_ == "xcomp" and head.head.i != head.i else None
    return above is not None and above.lemma_.lower() == "have" and slots._negated(above)


def _others_want_above(verb: Token) -> bool:
    """Whether a clause hangs from a want of someone else's ('Megan wants it to do birthdays [so we can do cards]')."""
    cur = verb
    for _ in range(4):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lemma_.lower() in _WANTING:
            subject = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            return subject is not None and subject.lower_ not in _OWN_SUBJECTS | {"you"}
    return False


def _doer_first(tokens: Sequence[Token]) -> bool:
    """Whether a goal's words open with who or what is to do it ('kit to be boring', 'the clients to be chased'):
    the span of a want of others, not a doing of the speaker's."""
    inside = {t.i for t in tokens}
    verb = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), None)
    return verb is not None and any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.left_edge.i == tokens[0].i and c.lower_ not in {"i", "we", "you"}
        for c in verb.children
    )


def _opens_quote(verb: Token) -> bool:
    """Whether quoted words follow a verb after its comma or colon ('and [went], "Not bad, that."')."""
    doc = verb.doc
    return verb.i + 2 < len(doc) and doc[verb.i + 1].text in {",", ":"} and doc[verb.i + 2].text in _QUOTES


def _before_quoted_example(tokens: list[Token]) -> list[Token]:
    """The tokens up to a 'like' that opens a quotation ('book the van for the weekend, like "Sam, Friday to
    Sunday"'): the example quotes what was written or said, no part of the slot, and without its 'like' and its
    quotation marks (fillers) it would read as said on."""
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower_ in {"like", "about"} and tokens[k + 1].lower_ in _QUOTES:
            return tokens[:k]  # "the argument about "you left a mess"": what the argument was, quoted
    return tokens


def _phrasal_alone(tokens: Sequence[Token]) -> Token | None:
    """The verb of a goal wished for as a phrasal verb alone ('I was hoping to [keep up]', 'I'd love to [catch up]'):
    its particle makes it a doing of its own, where the bare verb ('keep', 'get') says nothing; a need so said tells
    what the moment takes as often ('I need to get up'). None for any other goal."""
    words = [t for t in tokens if not t.is_punct and t.lower_ not in _HEDGE_WORDS | {"just", "really"}]
    if len(words) != 2 or words[0].pos_ != "VERB" or words[0].tag_ != "VB" or not slots.particle(words[1]):
        return None
    verb = words[0]
    return verb if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _WANTING else None


# Verbs of saying or writing: a slot that ends on one, with what was said left out, is cut off mid-thought.
_SAYING = frozenset("say tell write read".split())


def _inside_quotation(tokens: Sequence[Token]) -> bool:
    """Whether the tokens lie between quotation marks opened before them and closed after them."""
    doc = tokens[0].doc
    before = [t.text for t in doc[: tokens[0].i]]
    after = [t.text for t in doc[tokens[-1].i + 1 :]]
    straight = before.count('"') % 2 == 1 and '"' in after
    curly = before.count("“") > before.count("”") and "”" in after
    return straight or curly


def _purpose_of_past(first: Token) -> bool:
    """Whether an outcome is what a doing told in the past was for ('I put the binder down [to get my keys out]', 'I
    was moving money from my own account [to cover wages]')."""
    head = first.head
    # "I bent over to catch a ewe, and it slid out": a verb the tagger read as present, told beside a past one
    misread = head.tag_ == "VBP" and any(c.dep_ == "conj" and c.tag_ == "VBD" for c in head.children)
    past = head.tag_ == "VBD" or _going_on_then(head) or misread
    return first.dep_ in {"advcl", "xcomp"} and past and head.i < first.i


def _no_progress(verb: Token) -> bool:
    """Whether a goal's verb says no progress the speaker seeks: how it felt ('I wanted to [crawl] into a hole'), a
    doing said before ('do that'), a stumble with the tool ('find the button'), the old way's attempt ('trying to
    fit the timetables') or a test of someone ('I wanted to see what he'd do')."""
    return (
        verb.lemma_.lower() in OUTBURSTS
        or _doing_said_before(verb)
        or _finding_a_control(verb)
        or _tried_the_old_way(verb)
        or _watched_reaction(verb)
    )


def _doing_said_before(verb: Token) -> bool:
    """Whether a goal is 'do that' or 'do it' ('do that for four people'): the doing itself was said before."""
    return verb.lemma_.lower() == "do" and any(
        c.dep_ == "dobj" and c.lower_ in {"that", "this", "it"} for c in verb.children
    )


# The parts of a screen a user looks for ('the button', 'the right tab'): finding one is no job.
_CONTROLS = frozenset("button buttons tab tabs menu menus icon icons setting settings toggle link checkbox".split())


def _finding_a_control(verb: Token) -> bool:
    """Whether a goal is finding a part of a screen ('find the button', 'find the settings menu') or working one that
    is not named ('for when I need to click something')."""
    lemma = verb.lemma_.lower()
    objects = [c.lower_ for c in verb.children if c.dep_ == "dobj"]
    return (
        lemma in {"find", "locate"}
        and any(o in _CONTROLS for o in objects)
        or lemma in {"click", "tap", "press"}
        and any(o in {"something", "anything"} for o in objects)
    )


def _tried_the_old_way(verb: Token) -> bool:
    """Whether a goal is what a past or routine doing tried to do ('I did the rota every Sunday, [trying to fit the
    timetables around the weekends]', 'I'd copy every payout, and then [try to list the bookings]')."""
    tried = verb.head
    if verb.dep_ != "xcomp" or tried.lemma_.lower() != "try" or tried.i == verb.i:
        return False
    if tried.tag_ == "VBD" and _result_told(tried, verb):
        return True  # "Then I tried to book the same bed twice, and it told me off again": a story's attempt
    if tried.tag_ == "VBG" and tried.dep_ == "advcl":
        return tried.head.tag_ == "VBD" or _past_progressive(tried.head)
    # a step after one said with 'would' ('I'd copy ..., and then try to ...') is of that routine, told or imagined
    step_of = tried.head
    return tried.dep_ == "conj" and slots._wished_aux(step_of) and step_of.lemma_.lower() not in _WANTING


def _result_told(tried: Token, verb: Token) -> bool:
    """Whether a past attempt is told with what came of it, said by another subject in the past ('I tried to put an
    MC on a Friday, and it went red'): a story's step or a test of the tool, not the speaker's goal."""
    return any(
        c.dep_ == "conj"
        and c.i > verb.i
        and c.tag_ == "VBD"
        and any(g.dep_ == "nsubj" and g.lower_ not in {"i", "we"} for g in c.children)
        for c in tried.children
    )


def _going_on_then(verb: Token) -> bool:
    """Whether a verb is a past progressive ('I was moving money'): an -ing form with a past 'be' of its own."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children)


def _past_progressive(verb: Token) -> bool:
    """Whether a verb is told as going on then ('I [was] doing the highlighter, and then scrolling through the
    phone'): a past progressive, or joined to one."""
    return _going_on_then(verb) or verb.dep_ == "conj" and _going_on_then(verb.head)


def _watched_reaction(verb: Token) -> bool:
    """Whether a goal is a past want to see what someone else would do ('I wanted to see [what he'd do]')."""
    want = verb.head
    if verb.lemma_.lower() not in {"see", "know"} or want.tag_ != "VBD" or want.lemma_.lower() not in _WANTING:
        return False
    return any(
        c.dep_ == "ccomp"
        and c.lemma_.lower() in {"do", "say", "react"}
        and any(a.lemma_.lower() == "would" for a in c.children if a.dep_ == "aux")
        and any(n.dep_ == "nsubj" and n.lower_ not in _OWN_SUBJECTS for n in c.children)
        for c in verb.children
    )


def _asked_given_up(utterance: EvidenceUtterance) -> bool:
    """Whether the utterance answers the question for what the person no longer cares about."""
    return bool(utterance.asked) and slots.asks_given_up(utterance.asked)


def _wanted_then(first: Token, verb: str) -> bool:
    """Whether a goal's first token hangs from a want said in the past: 'I wanted [to know]', a part played the
    speaker did not want ('I didn't want to be [the one who ...]', `verb` 'avoid being') or a loss ('I didn't want to
    lose [Donnie]', `verb` 'avoid losing')."""
    if verb.startswith("avoid ") and verb != "avoid being" and first.head.i != first.i:
        return _said_in_the_past(first.head.head, "want")  # the object's verb, and the want it hangs from
    if verb != "avoid being":
        return first.head.tag_ == "VBD"
    part = first if first.dep_ == "attr" else first.head
    return part.head.lemma_.lower() == "be" and part.head.dep_ == "xcomp" and _said_in_the_past(part.head.head)


def _said_in_the_past(want: Token, lemma: str = "") -> bool:
    """Whether a verb (of `lemma`, where given) is said in the past: 'wanted', 'didn't want'."""
    if lemma and want.lemma_.lower() != lemma:
        return False
    return want.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in want.children)


def _asked_worry(utterance: EvidenceUtterance) -> bool:
    """Whether the utterance answers the question for what worried the person."""
    return bool(utterance.asked) and slots.asks_worry(utterance.asked)


def _told_past_before(first: Token) -> bool:
    """Whether a slot's sentence is told in the past up to the slot: its main verb, or a verb of the speaker's own
    before it ('[I had] a list of birthdays, so I could tell them', which the parser roots at 'tell')."""
    sent = first.sent
    return sent.root.tag_ == "VBD" or any(
        t.tag_ == "VBD" and t.i < first.i and any(c.dep_ == "nsubj" and c.lower_ in _OWN_SUBJECTS for c in t.children)
        for t in sent
    )


def _without_the_speaker(tokens: Sequence[Token]) -> bool:
    """A doing said to be done 'without me' or 'without us' (not 'without me being rung'): someone else's doing."""
    return any(
        t.lower_ in {"me", "us"}
        and t.dep_ == "pobj"
        and t.head.lower_ == "without"
        and not list(t.children)
        and not any(c.dep_ in {"pcomp", "acl"} for c in t.head.children)
        for t in tokens
    )


# What the speaker was at another time of life: 'when I was [at uni]', '[a lad]', '[twenty-odd]', '[young]'.
_LIFE_STAGES = frozenset("kid child lad lass girl boy teenager student youngster baby nipper bairn".split())
_LIFE_PLACES = frozenset({"uni", "university", "school", "college"})


def _of_another_life(verb: Token) -> bool:
    """Whether a goal was wanted in the past at another time of the speaker's life ('when I was at uni, all I wanted
    was [to get as far away from fish as possible]', 'when I was a lad I wanted to [drive trains]', 'years ago I
    wanted to [go full-time]'): no progress sought in the story told."""
    if verb.head.tag_ != "VBD":
        return False  # "when I was a kid I hated fish, and now I want to ...": a want of now
    for said in (verb, verb.head):
        for ago in said.children:
            # "Years ago I wanted to go full-time for one big firm": long past; "two years ago" may date the story
            if ago.lower_ == "ago" and any(
                c.dep_ == "npadvmod" and c.lower_ in {"years", "decades", "ages"} and not list(c.children)
                for c in ago.children
            ):
                return True
    for when in verb.sent:
        stage = when.head
        if when.lower_ == "when" and when.dep_ == "advmod" and stage.tag_ == "VBD" and _elders_time(stage):
            return True
        if when.lower_ == "when" and when.dep_ == "advmod" and _own_start(stage):
            return True
        if when.lower_ != "when" or when.dep_ != "advmod" or stage.lemma_.lower() != "be" or stage.tag_ != "VBD":
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ in slots._OWN for c in stage.children):
            continue
        for said in stage.children:
            low = said.lemma_.lower()
            if said.dep_ == "attr" and low in _LIFE_STAGES:
                return True
            if said.dep_ in {"attr", "acomp"} and said.like_num and low != "one":
                return True  # "when I was [sixteen]", "[twenty]-odd"
            if said.dep_ == "acomp" and low in {"young", "little", "younger", "small"}:
                return True
            if said.dep_ == "prep" and said.lower_ == "at" and any(c.lower_ in _LIFE_PLACES for c in said.children):
                return True
    return False


def _own_start(verb: Token) -> bool:
    """'when I started', 'when I started on the buses': the start of the speaker's own working life there, not of a
    search or a new way ('when I started looking', 'when we started with the app')."""
    if verb.lemma_.lower() != "start" or verb.tag_ != "VBD":
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in slots._OWN for c in verb.children):
        return False
    if any(c.dep_ in {"xcomp", "ccomp", "dobj"} for c in verb.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ in {"with", "using"} for c in verb.children)


def _preposition_cut(last: Token) -> bool:
    """A preposition the tagger took for an adverb, with the words it governs said after it ('plan my days off
    [around] printing'): a slot ending on it is cut off; 'turn it around.' ends the thought."""
    after = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return (
        last.tag_ == "RB"
        and last.dep_ == "advmod"
        and last.lower_ in {"around", "round", "about", "over", "through", "towards"}
        and after is not None
        and after.pos_ in {"VERB", "NOUN", "PROPN", "DET", "PRON", "NUM"}
    )


def _subject_cut(last: Token) -> bool:
    """A name said right before a finite verb the parser left with no subject ('and the fire alarm lads [have all
    got iPads]'): the name is that verb's subject, and a slot ending on it is cut off mid-clause."""
    after = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if last.pos_ not in {"NOUN", "PROPN"} or after is None or after.tag_ not in {"VBP", "VBZ", "VBD", "MD"}:
        return False
    if after.dep_ not in {"aux", "auxpass", "ROOT", "ccomp", "conj", "advcl"}:
        return False  # "send a notice to just the plots [round] one trough": a word mistagged, no clause's verb
    verb = after.head if after.dep_ in {"aux", "auxpass"} else after
    return not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in verb.children)


def _elders_time(stage: Token) -> bool:
    """A time told as a parent's ('when Dad ran it', 'when my gran had the shop'): the speaker was young then."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _ELDERS for c in stage.children)


_ELDERS = frozenset(
    "dad mum mam father mother grandad granddad grandfather gran grandma grandmother nan nana grandpa".split()
)


def _only_if_at_all(verb: Token) -> bool:
    """Whether a doing is wanted only if one is doing any at all: 'learn Italian, [if I'm learning anything]'."""
    return any(
        c.dep_ == "advcl"
        and c.lemma_.lower() == verb.lemma_.lower()
        and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
        and any(o.dep_ == "dobj" and o.lower_ in {"anything", "something"} for o in c.children)
        for c in verb.children
    )


def _aftermath(utterance: EvidenceUtterance, lead: str, subject: Token | None) -> bool:
    """Whether a situation is the speaker's own doing or feeling, told in the past right after the interviewer's
    aside to a story ('Oh no.' "I sat in the car after and I thought, ...", 'I felt sick for a week', 'I rang the
    conservation officer first thing'): what they did next, not the case a goal starts from. What hurt them ('I lost
    the account') and what they lacked ('I was three hundred pounds short') are the story still."""
    if lead != "When" or subject is None or subject.lower_ != "i" or not utterance.asked:
        return False
    if not slots.is_aside(utterance.asked):
        return False
    verb = subject.head
    if verb.tag_ != "VBD" or verb.lemma_.lower() == "be" or any(c.dep_ in _AUXES for c in verb.children):
        return False
    return not slots.is_setback(verb, subject)


def _checked_filler(
    kind: str,
    index: int,
    utterance: EvidenceUtterance,
    tokens: list[Token],
    lead: str,
    subject: Token | None,
    start_char: int,
    end_char: int,
    *,
    verb: str = "",
    doing: bool = False,
    told: bool = False,
) -> _Filler | None:
    """A slot filler from the tokens a cue or rule found, once it reads as that slot in the first person.

    `verb` is one a rule supplies before the tokens ('make' + 'the service far more reliable'); `doing`: the tokens
    are a doing of the speaker's said as a gerund (`slots.triggers`); `told`: a story's event told in answer to the
    question for the trigger (`slots.told_event`)."""
    if kind == "situation" and not _is_situation(lead, tokens, doing=doing, told=told):
        return None
    if kind == "outcome" and tokens and _denied_doing_above(tokens[0]):
        return None  # "I'd like to not have to ring Karen [to find out]": the purpose of a doing to be spared
    if kind == "outcome" and tokens and _others_want_above(tokens[0]):
        return None  # "Megan wants it to do volunteer birthdays [so we can do cards]": the purpose of her want
    if kind == "situation" and not told and _aftermath(utterance, lead, subject):
        return None  # "Oh no." "I sat in the car after and I thought, ...": what the speaker did next, no situation
    if kind == "situation" and tokens and _inside_quotation(tokens):
        return None  # '"My phone stopped ringing, and I didn't realise ..."': another's words, or a line as written
    if tokens and taken_back(tokens[0]):
        return None  # "I want to get my book back. Ha, no.": a joke, no slot of the speaker's
    if kind == "motivation" and tokens and slots.told_by_others(tokens[0]):
        return None  # "Jas said I need to stop talking about dispatch software at dinner": her word, not his goal
    if kind != "situation" and verb not in {"let", "get", "have", "help"} and _without_the_speaker(tokens):
        return None  # "I want the young 'uns to be able to do the heavy work [without me]", misparsed: theirs to do
    if kind == "motivation" and not verb and tokens and _no_progress(tokens[0]):
        return None  # "I wanted to crawl into a hole", "I couldn't find the button": no progress sought
    if kind == "motivation" and tokens and _of_another_life(tokens[0]):
        return None  # "When I was at uni, all I wanted was to get as far away from fish as possible": long past
    if kind == "motivation" and tokens and _only_if_at_all(tokens[0]):
        return None  # "I'd like to learn Italian, if I'm learning anything": what they'd rather, no goal
    if kind != "situation" and not verb and tokens and slots.naming(tokens[0]):
        return None  # "I wanted to call her Sandy, after Sandy Denny": a name given, no progress sought
    if kind != "situation" and tokens and _told_past_before(tokens[0]) and _asked_given_up(utterance):
        # "What don't you care about anymore?" "With Mum I really wanted to hold it.", "I had a list of birthdays, so
        # I could tell them their password": given up, and what the old way did
        return None
    if kind == "motivation" and tokens and _wanted_then(tokens[0], verb) and _asked_worry(utterance):
        # "What worried you at that point?" "... I wanted to know where that lived.", "I didn't want to be the one who
        # made him retire": an anxiety of then, no job; a want said in the present there stays ("I said yes, but I
        # want to choose to do less")
        return None
    tokens = _before_quoted_example(tokens)
    if kind == "outcome" and (lead != "so I can" or not tokens or not (verb or _base_verb(tokens[0]))):
        return None  # "so it works", "which means ...": not an outcome the speaker can act on
    if kind == "outcome" and any(t.lower_ in _UNSURE and t.dep_ == "advmod" for t in tokens):
        return None  # "I work nights, so I can make maybe half the Tuesdays": what follows, guessed, not a purpose
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "UH" and not _answer_said(tokens, len(tokens) - 1)):
        tokens = tokens[:-1]
    if (
        tokens
        and tokens[-1].pos_ in {"ADP", "PART", "DET", "CCONJ", "SCONJ", "AUX"}
        and not slots.particle(tokens[-1])
        and not slots.stranded(tokens[-1])
        and not slots.elided(tokens[-1])
        and not slots.wh_be(tokens[-1])
        and not slots.elided_wh(tokens[-1])
    ):
        return None  # "when I get a company sponsor to": cut off mid-thought
    if tokens and _preposition_cut(tokens[-1]):
        return None  # "plan my days off [around] printing": what it is around is cut off
    if tokens and _subject_cut(tokens[-1]):
        return None  # "when I turn up and the fire alarm lads [have all got iPads]": cut from its verb
    if (
        tokens
        and tokens[-1].pos_ == "VERB"
        and tokens[-1].lemma_.lower() in _SAYING
        and not any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "dative"} for c in tokens[-1].children)
    ):
        return None  # "a wiki page that said, [and I remember this exactly, '...']": what was said is cut off
    if tokens and tokens[-1].pos_ == "VERB" and _opens_quote(tokens[-1]):
        return None  # 'Bernie looked at me and went, ["Not bad, that."]': what was said is cut off
    if not tokens or kind != "situation" and _mixed_referents(tokens, subject):
        return None
    if kind != "situation" and any(
        c.dep_ in {"dobj", "dative"} and c.i > tokens[-1].i for t in tokens if t.pos_ == "VERB" for c in t.children
    ):
        return None  # "give Sian [— my accountant — something she can actually use]": what is given is cut off
    if kind != "situation" and not verb and _object_before(tokens[0]):
        return None  # "ingredients I can't find at our store": 'find at my store' says not what is sought
    dropped = {tokens[k].i for k in _own_object(tokens)}  # "stop [us] from losing track": the speaker's own
    if (
        kind != "situation"
        and not verb
        and any(
            t.dep_ in {"dobj", "dative"} and t.lower_ in {"me", "us"} and t.head.i == tokens[0].i and t.i not in dropped
            for t in tokens[1:]
        )
    ):
        return None  # "for my husband [to pick me up]": someone else's doing to the speaker, not theirs to do
    words = _topic_words(tokens)
    asked = slots.open_question(tokens) if kind == "motivation" and not words else None
    if asked is not None:
        # "know who's coming", "know where I am": the question names what is to be known, in words too everyday to
        # count; its verb stands for it
        words = frozenset({asked.lemma_.lower()})
    elif kind == "motivation" and not words and (phrasal := _phrasal_alone(tokens)) is not None:
        words = frozenset({phrasal.lemma_.lower()})  # "keep up", "catch up": the verb with its particle says it
    elif (
        kind == "motivation"
        and not words
        and verb.startswith("avoid ")
        and any(slots.done_over(t.head) for t in tokens)
    ):
        words = frozenset({verb.split()[-1]})  # "avoid typing things three times": the work done over says it
    if not words and not (kind == "outcome" and slots.elided(tokens[-1])):
        # "do that", "when it happened": nothing a researcher could act on; "so nobody can say I didn't" names what
        # the goal said, in the 'didn't' that stands for it
        return None
    situation = kind == "situation"
    let = verb == "let"  # the others named in the tokens do it: they stay who they are, their verb bare
    text = first_person(
        tokens,
        subject=subject,
        others=not situation and not let,
        present=True,
        doing=doing,
        durations=situation,
        bare=let or verb == "have",  # 'have the bank talk to the app': a doing had done is bare too
        gerunds=verb.endswith("ing"),
    )
    if verb and text:
        keep = _named(tokens[0]) or text.startswith("I ")
        text = f"{verb} {text if keep else text[:1].lower() + text[1:]}"
    # "so I can plan": a verb said alone is a whole outcome (`slots._done_alone`); any other one word is no slot
    alone = kind == "outcome" and len(tokens) == 1 and tokens[0].tag_ == "VB"
    if not text or len(text.split()) < 2 and kind != "situation" and not alone:
        return None
    # "when I get a company sponsor to [basically]": cut off mid-thought once fillers go; not a pronoun said as the
    # object ("avoid having to make a phone call like that")
    pointed = tokens[-1].pos_ == "PRON" and tokens[-1].dep_ in {"pobj", "dobj"}
    ends = slots.stranded(tokens[-1]) or slots.wh_be(tokens[-1])  # "what they look at", "know where every key is"
    if text.split()[-1].lower() in _DANGLING and not ends and not pointed:
        return None
    if kind == "motivation" and statement_problems(want=text) or kind == "outcome" and statement_problems(so=text):
        return None
    if kind == "situation" and lead == "When" and statement_problems(when=text):
        return None  # "When credit note, sorts": no clause once in the first person and the present
    # "respond to that", "make that choice": the phrase leans on a pronoun and says little on its own.
    vague = len(words) <= 2 and any(t.lower_ in _DEICTIC and t.dep_ in {"dobj", "pobj", "det", "nsubj"} for t in tokens)
    vague = vague and not slots.acts_on_the_case(tokens)  # "[if a box turns up squashed], so I can pack it differently"
    # "let the kitchen see the same list": the same as what was said before it, which a goal on its own does not say
    vague = vague or kind == "motivation" and any(_same_as_before(t) for t in tokens)
    named = [t for t in tokens if t.pos_ in {"NOUN", "PROPN", "ADJ"} and t.is_alpha and t.lemma_.lower() not in _EMPTY]
    if vague and kind == "outcome" and not named:
        return None  # "so I can support one of those things", "so I can manage it": an outcome must say what
    if (
        kind == "motivation"
        and len(tokens) > 2
        and tokens[1].lower_ in _DEICTIC
        and tokens[1].dep_ == "nsubj"
        and tokens[1].head.tag_ in {"VB", "VBG"}
        and tokens[1].head.head.i == tokens[0].i
        and not any(t.pos_ in {"NOUN", "PROPN"} for t in tokens)
    ):
        return None  # "see it spread out a little more": what 'it' is stayed in the talk before ('highlight it' may
        # say it with its 'when'; "get it written down somewhere that ..." says it after)
    finite = next((t for t in tokens if t.tag_ in {"VBD", "VBZ", "VBP", "MD"}), None)
    # a goal may say itself what its pronoun stands for; a situation's noun before it is often another thing ("when
    # I lose a couple of good accounts over [it]")
    leans = any(
        t.lower_ in _DEICTIC
        and t.dep_ in {"dobj", "pobj"}
        and not (kind == "motivation" and _stands_for_own(t, tokens))
        for t in tokens
    )
    return _Filler(
        kind=kind,
        index=index,
        utterance_id=utterance.id,
        interview_id=utterance.interview_id,
        text=text,
        lead=lead,
        words=words,
        start_char=start_char,
        end_char=end_char,
        vague=vague,
        past=finite is not None and finite.tag_ == "VBD",
        # "I'd done my grade two, and I put the binder down [to get my keys out]": the purpose of a past doing
        story=tokens[0].sent.root.tag_ == "VBD" or kind == "outcome" and _purpose_of_past(tokens[0]),
        speaker=utterance.speaker,
        passage=utterance.passage,
        leans=leans,
        points=vague and kind == "motivation" and any(_points_back(t, tokens[0]) for t in tokens[1:2]),
        bound=situation and (_can_do_in(tokens) or _case_of_a_want(tokens)) or kind == "outcome" and _done_for(tokens),
        lets=kind == "outcome" and let,
        ahead=frozenset() if situation else _ahead(tokens),
        event=_event(tokens) if situation else "",
        now=bool(utterance.asked) and slots.asks_now(utterance.asked),
        better=bool(utterance.asked) and slots.asks_better(utterance.asked),
    )


def _points_back(pronoun: Token, verb: Token) -> bool:
    """Whether a goal's verb acts on a pronoun whose thing its sentence never names ('I approved them on the phone,
    but I'd like to have [them] in a drawer', 'We went live in February, I wanted to do [it] in the quiet'); 'When I
    get a bug report, I want to reproduce [it]' names it."""
    everything = pronoun.lower_ == "it" and pronoun.i + 1 < len(pronoun.doc) and pronoun.nbor(1).lower_ == "all"
    return (
        pronoun.lower_ in _DEICTIC
        and pronoun.head.i == verb.i
        and not everything  # "write it all in the diary": everything
        and not _stands_for_own(pronoun, list(pronoun.sent))
    )


def _stands_for_own(pronoun: Token, tokens: Sequence[Token]) -> bool:
    """Whether what a pronoun stands for is said before it in the slot itself ('get the clients chased without me
    chasing [them]'): a noun of its number."""
    plural = pronoun.lower_ in {"them", "those", "these"}
    return any(t.i < pronoun.i and t.pos_ == "NOUN" and (t.tag_ == "NNS") == plural for t in tokens)


def _done_for(tokens: Sequence[Token]) -> bool:
    """Whether an outcome is the purpose of a doing of the speaker's own now ('now I leave at two, [so that I can
    pick my daughter up]'): that doing's, not what a goal said elsewhere is for."""
    verb = next((t for t in tokens if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None or verb.dep_ != "advcl":
        return False
    head = verb.head
    if head.tag_ not in {"VBP", "VBZ"} or head.lemma_.lower() in _WANTING | {"need", "try"}:
        return False
    if any(c.dep_ in {"aux", "neg"} for c in head.children):
        return False  # "I'd leave at two", "I'm trying", "I don't ...": no plain doing of now
    return any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in head.children)


def _ahead(tokens: Sequence[Token]) -> frozenset[str]:
    """The verbs (topic words) of the events a clause is to be done before: '... before something breaks or goes
    away' gives 'break' ('go' says too little to match on)."""
    inside = {t.i for t in tokens}
    befores = [t for t in tokens if t.lower_ == "before"]
    # "before something breaks" parses as a clause, or as a preposition whose object is the verb (or a noun: "before
    # a boiler breaks", "before the move")
    heads = [
        *(t.head for t in befores if t.dep_ == "mark"),
        *(c for t in befores if t.dep_ == "prep" for c in t.children if c.dep_ in {"pobj", "pcomp"}),
    ]
    return _topic_words(v for head in heads for v in (head, *head.conjuncts) if v.i in inside)


_WILL = frozenset({"will", "'ll", "’ll", "would", "'d", "’d", "might", "may", "could", "should", "shall"})


def _event(tokens: Sequence[Token]) -> str:
    """The verb (a topic word) of what a situation says happens, read through a verb that leads to another ('when we
    go to turn off a feature': turn); '' where it says what will, may or is going to happen ('when the server is going
    to break'): that run-up is the time to act before it."""
    inside = {t.i for t in tokens}
    verb = next((t for t in tokens if t.pos_ in {"VERB", "AUX"} and (t.head.i not in inside or t.head == t)), None)
    while verb is not None:
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _WILL for c in verb.children):
            return ""
        if verb.lemma_.lower() == "go" and verb.tag_ == "VBG":
            return ""  # "is going to": a prospect
        then = next((c for c in verb.children if c.dep_ == "xcomp" and c.i in inside), None)
        if then is None:
            return next(iter(_topic_words([verb])), "")
        verb = then
    return ""


def _acts_before(goal: _Filler, when: _Filler) -> bool:
    """Whether a situation says the very event its goal is to be done before: "When things break for hours, I want to
    talk to the people who rely on it before something breaks" reads the 'when' as after the fact, the opposite of
    the goal's situation."""
    return bool(when.event) and when.event in goal.ahead


def _can_do_in(tokens: Sequence[Token]) -> bool:
    """Whether a clause is said of what the speaker can do: the main clause it modifies is 'I/we can ...' (not
    'can't': a situation of a struggle is what the job sets out from)."""
    inside = {t.i for t in tokens}
    clause = next((t for t in tokens if t.head.i not in inside), None)
    if clause is None or clause.dep_ != "advcl":
        return False
    main = clause.head
    return (
        any(c.dep_ == "aux" and c.lower_ in {"can", "could"} for c in main.children)
        and any(c.dep_ == "nsubj" and c.lower_ in _OWN_SUBJECTS for c in main.children)
        and not any(c.dep_ == "neg" for c in main.children)  # "..., I can't log in": a struggle's trigger
    )


def _case_of_a_want(tokens: Sequence[Token]) -> bool:
    """Whether a 'when' clause is said inside what the speaker asks for ('all I'm asking is that [when I get to the
    gate,] I know which bay it is', 'I need the office to ring me when the van breaks down', 'I'd love it if, when a
    parcel comes, the shop texts me'), or of the speaker's own want to do something ('when there's a text, I want to
    [know it's them]'): the case of that want, read as its goal or not, never another goal's."""
    inside = {t.i for t in tokens}
    clause = next((t for t in tokens if t.head.i not in inside), None)
    if clause is None or clause.dep_ != "advcl":
        return False
    want = clause.head
    wants_to_do = _own_want(want) and any(c.dep_ == "xcomp" for c in want.children)
    return wants_to_do or slots.inside_wish(clause) or _wanted_clause(want)


def _wanted_clause(verb: Token) -> bool:
    """Whether a clause is what the speaker asks for: what their want takes ('I need [the office to ring me]') or
    what the thing they ask for is said to be ('all I'm asking is [that I know ...]', 'what I need is [that ...]')."""
    cur = verb
    for _ in range(4):
        head = cur.head
        if head.i == cur.i or cur.dep_ not in {"ccomp", "xcomp", "conj"}:
            return False
        if head.lemma_.lower() in _ASKING and _asked_by_speaker(head):
            return True
        if head.lemma_.lower() == "be" and any(_asks_for(c) for c in head.children if c.dep_ in {"nsubj", "csubj"}):
            return True
        cur = head
    return False


def _asked_by_speaker(verb: Token) -> bool:
    """The speaker asks, wants or needs: the verb's subject is 'I' or 'we'."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ in _OWN_SUBJECTS


def _asks_for(subject: Token) -> bool:
    """A subject that is what the speaker asks for: 'what I need' (said as a clause), 'all I'm asking', 'the one
    thing we want' (a word the speaker's asking describes)."""
    if subject.dep_ == "csubj":
        return subject.lemma_.lower() in _ASKING and _asked_by_speaker(subject)
    return any(c.dep_ == "relcl" and c.lemma_.lower() in _ASKING and _asked_by_speaker(c) for c in subject.children)


# --------------------------------------------------------------------------- what a slot must be

_OWN_SUBJECTS = frozenset({"i", "we"})
# "After the funding is secured", "once the release is tagged": the moment a job starts, said as what precedes it.
_SEQUENCE_LEADS = frozenset({"After", "Once"})
_SITUATION_LEADS = frozenset({"When", "Whenever", "Every time", "Each time", "Any time"}) | _SEQUENCE_LEADS
# A "when" clause whose verb wants something says the goal; "when I need to ship a fix" stays a trigger.
_WANTING = frozenset({"want", "wish", "hope", "like", "love", "prefer"})
# What a speaker asks for is what they want, need or wish for, or what 'all they ask' is.
_ASKING = _WANT_VERBS | _WANTING | {"ask"}


def _base_verb(tok: Token) -> bool:
    if tok.lower_ == "only" and tok.dep_ == "advmod" and tok.head.i == tok.i + 1:
        tok = tok.head  # "[only] get the urgent ones": the verb the word narrows leads
    return tok.tag_ == "VB" or (tok.pos_ in {"VERB", "AUX"} and tok.lower_ == tok.lemma_.lower() and tok.tag_ != "VBG")


def _speakers_own_want(span: Span) -> bool:
    """The goal is the speaker's own and live: 'I want to', 'we need to', 'I'd love to', 'I wish I could'; never
    'they wanted', 'you have to', 'had to' (obligation), a wanting that is denied or a mere question."""
    root = span.root
    motive = root.head if root.dep_ in {"xcomp", "ccomp", "relcl", "acl"} and root.head.i != root.i else None
    if motive is None:
        return False
    if any(c.dep_ == "neg" and c.i < root.i for c in root.children):
        return False  # "I just want never to have a money conversation again": the doing is denied (slots.never_again)
    if motive.lemma_.lower() in {"have", "get"} or motive.lower_ in {"had", "got", "gotta"}:
        return False
    if slots.kept_at(motive):
        return False  # "I kept trying to write it in the book": a habit told, not a want
    if slots.ended(motive):
        return False  # "I stopped needing to get hold of people": a want over (slots.stopped_needing)
    if motive.lemma_.lower() == "plan" and slots.pluperfect(motive):
        return False  # "I'd planned to revise on Saturday": the plan a story's event overtook
    if any(c.dep_ == "mark" and c.lower_ == "whether" for c in motive.children):
        return False  # "his first question was whether we needed to tell the insurer": a question, not a want
    # "I didn't end up using those or trying to contribute": a denial up the verb chain denies the want too.
    cur = motive
    for _ in range(5):
        if any(c.dep_ == "neg" or c.lower_ in {"never", "no"} for c in cur.children):
            return False
        if cur.dep_ not in {"conj", "xcomp", "ccomp", "advcl"} or cur.head.i == cur.i or slots.so_after(cur):
            break
        cur = cur.head
    if reported(motive):
        return False
    subject = _subject_of(motive)
    cur = motive
    for _ in range(4):  # "I'm trying to", "I'd really like to": the subject may sit on a governing verb
        if subject is not None or cur.head.i == cur.i:
            break
        cur = cur.head
        subject = _subject_of(cur)
    return subject is not None and subject.lower_ in _OWN_SUBJECTS


_OPEN_QUOTES = frozenset({'"', "“", "‘"})
_SPEECH_VERBS = frozenset({"say", "go", "tell", "ask", "like", "think", "write"})


def reported(tok: Token) -> bool:
    """Someone else's words read out: inside quotation marks, or after 'they said,' / 'people going,'."""
    flags = tok.doc.user_data.get(_REPORTED)
    if flags is None:  # the slot rules ask for nearly every verb: one pass per parse answers them all
        flags = tok.doc.user_data[_REPORTED] = _reported_flags(tok.doc)
    return bool(flags[tok.i])


_REPORTED = "verbatim.reported"


_THINGS_GOING = frozenset("what it that this which everything something nothing".split())


def _thing_goes(go: Token) -> bool:
    """A 'go' of a thing ("if I know what's going, I can ..."): what goes where, no one's words said after it."""
    return go.lemma_.lower() == "go" and any(c.dep_ == "nsubj" and c.lower_ in _THINGS_GOING for c in go.children)


def _reported_flags(doc: Doc) -> list[bool]:
    """For each token, whether what comes before it in its sentence makes it reported speech: more opening curly
    quotes than closing ones, an odd number of straight quotes, or a speech verb followed by ',' or ':'; or whether
    it is in what a message says."""
    flags = [False] * len(doc)
    # A quotation read out over several sentences ('"Hi Kofi. She'll sign them if you send the names. Thanks."')
    # stays open across them when the utterance closes every quote it opens; a stray quote stays in its sentence.
    carry = _quotes_balanced(doc)
    opened = closed = straight = 0
    for sent in doc.sents:
        if not carry:
            opened = closed = straight = 0
        speech = False
        for tok in sent:
            k = tok.i
            said = doc[k - 2] if k - 2 >= sent.start else None
            if said is not None and _spoken_to(said):
                said = said.head.head  # 'I said to him, [...]': the one spoken to lies between the verb and its comma
            elif said is not None and _asked_person(said):
                said = said.head  # 'I asked her, [would you like the proof on your phone]': the question put to her
            # 'they said, [...]': the verb and its comma lie before; 'all in one go, [...]' names no speech
            if said is not None and _old_stance(said) and doc[k - 1].text in {",", ":"}:
                speech = True  # "my answer was, well, [we just need to be more careful]": what the speaker used to say
            elif (
                said is not None
                and said.lemma_.lower() in _SPEECH_VERBS
                and doc[k - 1].text in {",", ":"}
                # "Like, I love my job, ...": a sentence's opening 'like' is a filler, no one's words framed
                and not (said.lower_ == "like" and said.i == sent.start)
            ):
                speech = speech or not (
                    _hedge(said)
                    or said.pos_ == "NOUN"
                    or _wished_like(said)
                    or _own_want_thought(said, k)
                    or _thing_goes(said)
                )
            if k > sent.start and _order_said(doc[k - 1], tok):
                speech = True  # "Gareth said [leave it], ...": theirs to the end of the sentence
            flags[k] = opened > closed or straight % 2 == 1 or speech
            if tok.text == '"':
                straight += 1
            elif tok.text in _OPEN_QUOTES:
                opened += 1
            elif tok.text == "”":
                closed += 1
    for tok in doc:
        # "she got a text [saying we couldn't access her property]", "the sign said ...": a message's words
        if tok.lemma_.lower() in {"say", "read", "tell"} and _message_says(tok):
            for clause in tok.children:
                if clause.dep_ == "ccomp":
                    for t in clause.subtree:
                        flags[t.i] = True
    return flags


def _order_said(said: Token, word: Token) -> bool:
    """Someone else's words told with no comma, opening on an order ('Gareth said [leave it], we can't send thirty
    farmers a second bill', 'she said [just] ring them'): all that follows in the sentence is theirs."""
    if said.lemma_.lower() != "say" or said.tag_ not in {"VBD", "VBZ"}:
        return False
    subject = next((c for c in said.children if c.dep_ == "nsubj"), None)
    if subject is None and said.i > 0 and said.doc[said.i - 1].pos_ in {"PROPN", "PRON"}:
        subject = said.doc[said.i - 1]  # the parser may hang 'said' under the words it frames
    if subject is None or subject.lower_ in _OWN_SUBJECTS | {"it", "that", "this", "you"}:
        return False
    doc = word.doc
    nxt = doc[word.i + 1] if word.i + 1 < len(doc) else None
    if word.lower_ == "just" and nxt is not None:
        word, nxt = nxt, (doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None)
    if word.lower_ == "do" and nxt is not None and nxt.lower_ in {"n't", "not"}:
        return True  # "he said don't bother"
    return word.tag_ == "VB" and word.dep_ not in {"aux", "auxpass"} and word.lower_ not in {"be", "have"}


# What the speaker's answer or attitude was: the words it goes on with are how they used to see it.
_STANCES = frozenset("answer attitude response reply motto mantra".split())


def _old_stance(be: Token) -> bool:
    """A past 'was' whose subject is the speaker's answer or attitude ('my answer was, ...', 'our attitude was')."""
    return (
        be.lemma_.lower() == "be"
        and be.tag_ == "VBD"
        and any(
            c.dep_ == "nsubj"
            and c.lemma_.lower() in _STANCES
            and any(p.dep_ == "poss" and p.lower_ in {"my", "our"} for p in c.children)
            for c in be.children
        )
    )


def _asked_person(person: Token) -> bool:
    """The person asked, right after the verb ('asked [her], ...'): what follows is the question put."""
    verb = person.head
    return (
        person.dep_ in {"dobj", "dative"}
        and person.pos_ in {"PRON", "PROPN"}
        and verb.i == person.i - 1
        and verb.lemma_.lower() == "ask"
    )


def _spoken_to(person: Token) -> bool:
    """The person a saying is addressed to ('said to [him]', 'said to [Dave]'); not the speaker's own thought ('said to
    myself') nor a thing ('says no to [a quote]')."""
    named = person.pos_ in {"PRON", "PROPN"} or slots.is_people(person)
    to = person.head
    return (
        person.dep_ == "pobj"
        and to.lower_ == "to"
        and named
        and person.lower_ not in {"myself", "ourselves"}
        and to.head.lemma_.lower() in {"say", "write"}
    )


# Things that carry someone's words: what they say is theirs, not the speaker's.
_MESSAGES = frozenset("text message email letter note notice sign card voicemail reminder notification".split())


def _message_says(verb: Token) -> bool:
    """A verb of saying whose sayer is a message ('a text [saying] ...', 'the email [said] ...')."""
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in _MESSAGES:
        return True
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in _MESSAGES for c in verb.children)


def _wished_like(like: Token) -> bool:
    """'what I'd really like, [...]', 'what I would like is, [...]': the speaker's own wish with 'would', going on to
    say what it is, not the 'like' that reads words out ('she was like, ...')."""
    if like.lower_ != "like":
        return False
    subject = next((c for c in like.children if c.dep_ == "nsubj"), None)
    would = slots._wished_aux(like)
    return would and subject is not None and subject.lower_ in _OWN_SUBJECTS


def _quotes_balanced(doc: Doc) -> bool:
    """Whether every quotation mark the text opens it closes: an even number of straight quotes, as many closing
    curly quotes as opening ones."""
    texts = [t.text for t in doc]
    opening = sum(texts.count(q) for q in _OPEN_QUOTES - {'"'})
    return texts.count('"') % 2 == 0 and opening == texts.count("”")


def _hedge(verb: Token) -> bool:
    """'I think, [...]': the speaker softening what they say next, not words read out."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    own = subject is not None and subject.lower_ in {"i", "we"}
    return verb.lemma_.lower() == "think" and verb.tag_ == "VBP" and own


def _own_want_thought(verb: Token, start: int) -> bool:
    """'I thought, [I need ...]', 'I remember thinking, [I just want ...]' ('[if I know X, I can ...]'), 'I was like,
    [I just need ...]': the speaker's own want at the time, told in their words as they thought it, not someone
    else's read out. Any other thought ('I thought, I can't write that on a grant application') stays words quoted: a
    line of the story, not a goal."""
    doc = verb.doc
    # "I was like, [I just need ...]": the speaker's own thought, said the way people tell one
    was_like = verb.lower_ == "like" and verb.i >= 2 and doc[verb.i - 1].lemma_.lower() == "be"
    was_like = was_like and doc[verb.i - 2].lower_ in {"i", "we"}
    if not was_like and (
        verb.lemma_.lower() != "think" or verb.tag_ not in {"VBD", "VBG"} or any(c.dep_ == "neg" for c in verb.children)
    ):
        return False
    thought = [t for t in doc[start : start + 6] if t.pos_ == "VERB"]
    # "I remember thinking, if I know at half eight who isn't coming, I can do something about it": a knowing sought
    if not thought or thought[0].lemma_.lower() not in _WANT_VERBS and slots.knowing_frees(thought[0]) is None:
        return False
    if was_like:
        return True
    holder = verb.head if verb.tag_ == "VBG" and verb.dep_ in {"xcomp", "ccomp"} else verb
    subject = next((c for c in holder.children if c.dep_ == "nsubj"), None)
    if subject is None and holder.dep_ == "conj":  # "I put the phone down and [thought], ...": the first verb's
        subject = next((c for c in holder.head.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ in {"i", "we"}


def _an_example(first: Token) -> bool:
    """The clause at `first` illustrates a point: 'for instance, if ...', "let's say we ...", 'imagine ...'."""
    before = [t.lower_ for t in first.sent if first.i - 4 <= t.i < first.i]
    pairs = set(zip(before, before[1:], strict=False))
    return bool(pairs & {("for", "instance"), ("for", "example"), ("as", "example")}) or slots.supposed(first)


_WEIGHING = frozenset({("versus",), ("vs",), ("vs.",), ("rather", "than"), ("as", "opposed"), ("compared", "to")})


def _weighs(tokens: Sequence[Token]) -> bool:
    """The clause sets one case against another ('versus', 'rather than', 'as opposed to', 'compared to')."""
    words = [t.lower_ for t in tokens]
    return any(tuple(words[k : k + len(w)]) == w for k in range(len(words)) for w in _WEIGHING)


_LIKINGS = frozenset("hate love like dislike prefer enjoy loathe detest".split())


def _started_then(verb: Token) -> bool:
    """Whether a clause tells when the speaker started somewhere, in the past and starting nothing named ('when I
    started at Hjaltland', 'when we started out'): a time in their history."""
    if verb.lemma_.lower() not in {"start", "begin"} or verb.tag_ != "VBD":
        return False
    return not any(c.dep_ in {"dobj", "xcomp", "ccomp"} for c in verb.children)


# Modals of a clause that says what might or ought to be, not what is ('when I'd ...', 'when I should be ...').
_NOT_SO_MODALS = frozenset({"would", "'d", "might", "should", "ought"})


def _is_situation(lead: str, tokens: Sequence[Token], *, doing: bool = False, told: bool = False) -> bool:
    """A recurring situation or trigger: a 'when' clause with a subject and a verb that says something
    concrete ('when PyPI goes down'), not 'when I'm ready' or 'after all that work'. With `doing`, the tokens are
    the speaker's doing said as a gerund ('knowing we want to make a change'): the speaker is its subject. With
    `told`, the tokens are an event told in answer to the question for the trigger, which may set a story up."""
    if lead not in _SITUATION_LEADS:
        return False
    if tokens and _an_example(tokens[0]):
        return False  # "so for instance, if I donate to the PSF": an illustration, not the situation a job starts from
    if _weighs(tokens):
        return False  # "if I have many small donors, versus in-kind donations": one option weighed against another
    subjects = [t for t in tokens if t.dep_ in {"nsubj", "nsubjpass", "expl"} or _subject_as_compound(t)]
    has_subject = bool(subjects) or doing
    if subjects and subjects[0].lower_ in {"he", "she", "him", "her", "they", "them"}:
        # "when he didn't want to work on it anymore": a story about someone else, not a trigger; "when they don't
        # have someone on their staff": who 'they' are stayed in the talk around it
        return False
    if subjects and subjects[0].lower_ in {"that", "this", "these", "those"}:
        return False  # "when that causes someone a problem": what 'that' is stayed in the talk around it
    if subjects and subjects[0].lower_ in {"who", "what", "which"}:
        return False  # "who checks the list on a busy night": a question asked of the listener, no situation
    if lead in _SEQUENCE_LEADS and any(t.tag_ == "VBD" for t in tokens):
        return False  # "after the contract ended", "after Donald got involved": one event of a story, no trigger
    if _past_perfect(tokens) and not told:
        # "the shop had been sending orders every week": what had gone on before a story's moment; told in answer to
        # the question for the trigger ("I'd missed three rehearsals in a row"), it is the moment the switch began
        return False
    if any(t.lower_.replace("’", "'") in _NOT_SO_MODALS and t.tag_ == "MD" for t in tokens):
        # "when I'd slowly ramp": what might happen, not a situation that does; "when I should be watching the
        # water": what ought to be going on, the duty a doing keeps the speaker from
        return False
    if any(
        t.tag_ == "MD" and k + 2 < len(tokens) and tokens[k + 1].lower_ == "have" and tokens[k + 2].tag_ == "VBN"
        for k, t in enumerate(tokens)
    ):
        return False  # "I could have gone to my mum's": what might have been, no situation at all
    inside = {t.i for t in tokens}
    verb = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), None)
    if verb is not None and verb.lemma_.lower() in _WANTING:
        return False  # "if you want PyPI to keep working, you have to upgrade": a goal, not where a job starts
    if verb is not None and _case_of_anyone(verb):
        return False  # "if you're on the waiting list you can look": what anyone in that case can do, not the speaker's
    if any(_own_want(t) for t in tokens):
        return False  # "when I know I want to make a change, I want to ...": a want, said twice, is no situation
    if verb is not None and _wish_said_alone(verb):
        return False  # "Two, if my mum could get the notifications.": a wish with no result said, no case
    if verb is not None and _said_once(verb):
        return False  # "I said I'm not being pinged on my days off": what was said that once, no case a goal is in
    if verb is not None and slots.says_whose(verb):
        return False  # "The rota sheet was mine.": whose a thing is stands, never the moment a want comes up
    if verb is not None and slots.says_belief(verb):
        return False  # "because I'm sure we lose money on antifouling": a belief, no state of affairs
    if verb is not None and _case_of_others(verb):
        return False  # "she'll come down if Tomasz talks her down": when someone else does what they do
    if verb is not None and _role_said(verb):
        return False  # "because I'm the apprentice", "I'm the data protection person": who the speaker is, no case
    if verb is not None and _moment_of_a_thought(verb):
        return False  # "When I got the card, I thought, oh, maybe there's a chat.": one moment of the story
    if verb is not None and _contents_speaker(verb):
        return False  # "If it says Thursday and it's Thursday, I'm happy.": what would do, a success, no case
    if verb is not None and slots.in_weighed_wish(verb):
        return False  # "if it'd just save it and send it when I walk out the door, that'd be brilliant": wished for
    if verb is not None and _sets_up_quote(verb):
        return False  # 'When Mr Achebe's coming, "quiet pitch, ask about the garden."': when the words read out apply
    if verb is not None and _tool_does_then(verb):
        return False  # "it saves them and sends them when I'm back up": when the tool does its part, the new way told
    if verb is not None and verb.lemma_.lower() in _LIKINGS:
        return False  # "I hate ringing anyone": what the speaker likes or not, no case they are in
    if verb is not None and _started_then(verb):
        return False  # "When I started at Hjaltland": a time in the speaker's history, no situation that recurs
    if verb is not None and _kept_habit(verb):
        return False  # "I still write a little note by hand": the old way held on to, a habit force, no trigger
    if verb is not None and _names_the_topic(verb):
        return False  # "when deadlines were the problem": what the trouble was about, not when it strikes
    if verb is not None and _be_that(verb):
        return False  # "the deal I made was that the till still works": what a thing said is, not when it happens
    if verb is not None and _be_wh(verb):
        return False  # "the kettle is where it goes wrong": where a trouble lies, an explanation, not when it strikes
    has_verb = any(t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBG" or _misread_verb(t) for t in tokens)
    topic = _topic_words(tokens)
    named = any(t.pos_ in {"NOUN", "PROPN"} and t.lemma_.lower() in topic for t in tokens)
    # "whenever someone pays me": what anyone at all does is a trigger said in its verb alone
    anyone = verb is not None and _anyone_does(verb)
    return has_subject and has_verb and (named or len(topic) >= 2 or anyone)


def _role_said(verb: Token) -> bool:
    """A clause that says the speaker's role and nothing more ('I'm the apprentice', 'I'm the data protection
    person'): who they are, not a situation; 'I'm the only one in the office' says one."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    role = next((c for c in verb.children if c.dep_ == "attr"), None)
    return (
        verb.lemma_.lower() == "be"
        and subject is not None
        and subject.lower_ in {"i", "we"}
        and role is not None
        and role.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in role.children)
        and all(c.dep_ in {"det", "compound"} for c in role.children)
        and not any(c.dep_ in {"prep", "advmod", "npadvmod", "advcl"} for c in verb.children)
    )


# Verbs of a thought that came at one moment ('I thought', 'I realised').
_THOUGHT_CAME = frozenset("think realise realize remember notice decide know".split())


def _moment_of_a_thought(verb: Token) -> bool:
    """A past case whose sentence tells what the speaker thought then ('When I got the card, I thought, ...'): the
    moment of a story, not a situation that recurs."""
    main = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBD"
        and main.i != verb.i
        and main.tag_ == "VBD"
        and main.lemma_.lower() in _THOUGHT_CAME
        and any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in main.children)
    )


# How a speaker says a case would do for them: 'if it comes on the day, [I'm happy]'.
_CONTENT = frozenset("happy fine glad content satisfied sorted okay ok".split())


def _said_once(verb: Token) -> bool:
    """Whether a clause is what someone said or told in the past ('I said [I'm not being pinged on my days off]')."""
    said = verb.head
    return verb.dep_ == "ccomp" and said.i != verb.i and said.lemma_.lower() in {"say", "tell"} and said.tag_ == "VBD"


def _contents_speaker(verb: Token) -> bool:
    """A case whose sentence says the speaker is then content ('if it says Thursday and it's Thursday, I'm happy') or
    that the thing works ('If I'm doing the boat and I've forgotten it's there, then it's working'): what would be
    enough for them, a success said, not a situation a goal starts from."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
        return False
    case = {t.i for t in verb.subtree}

    def said_of(t: Token, subjects: set[str]) -> bool:
        return any(c.dep_ == "nsubj" and c.lower_ in subjects for c in t.children)

    return any(
        t.i > verb.i
        and t.i not in case
        and not slots._negated(t)
        and (
            t.lemma_.lower() == "be"
            and said_of(t, {"i", "we"})
            and any(c.dep_ == "acomp" and c.lower_ in _CONTENT for c in t.children)
            or t.lemma_.lower() == "work"
            and said_of(t, {"it", "that", "this"})
        )
        for t in verb.sent
    )


def _wish_said_alone(verb: Token) -> bool:
    """An 'if' clause with 'could' or 'would' that is its whole sentence ('Two, if my mum could get the
    notifications.', 'If it would just remember us.'): a wish whose result goes unsaid, not a case the speaker is in."""
    alone = verb.dep_ == "ROOT" or verb.head.pos_ not in {"VERB", "AUX", "ADJ"}  # "Two, [if ...]": no clause to ask
    return (
        alone
        and any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children)
        and any(c.dep_ == "aux" and c.lower_.replace("’", "'") in {"could", "would", "'d"} for c in verb.children)
    )


def _case_of_others(verb: Token) -> bool:
    """A case whose sentence tells what a third person then does, with no part for the speaker ('she'll come down [if
    Tomasz talks her down]', 'they ring the office [when the van is late]'): the case of their doing, not a
    situation the speaker's goal starts from ('they ring me when the van is late' gives the speaker a part)."""
    main = verb.head
    clause = {t.i for t in verb.subtree}
    if verb.dep_ == "relcl" and main.lower_ == "time" and main.dep_ == "npadvmod":
        clause = {t.i for t in main.subtree}  # "[every time I ring Karen] she thinks something's wrong"
        main = main.head
    elif verb.dep_ != "advcl":
        return False
    if main.i == verb.i or main.pos_ not in {"VERB", "AUX"}:
        return False
    subject = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ not in {"he", "she", "they"}:
        return False
    return not any(t.lower_ in {"i", "me", "we", "us", "my", "our"} for t in main.subtree if t.i not in clause)


def _sets_up_quote(verb: Token) -> bool:
    """A case whose clause is words read out or written, opened by a quotation mark after it ('When Mr Achebe's
    coming, ["quiet pitch, put him on twenty-two"]'): an example of what a card or message would say, not a
    situation the speaker's goal starts from."""
    main = verb.head
    if main.i <= verb.i:
        return False
    opened = [t for t in verb.doc[verb.right_edge.i + 1 : main.i] if t.is_quote]
    return len(opened) == 1


# Who a case says anyone at all may be: 'whenever [someone] pays me', 'if [anybody] cancels'.
_SOMEONE = frozenset({"someone", "somebody", "anyone", "anybody"})


def _anyone_does(verb: Token) -> bool:
    """A clause whose subject is an indefinite 'someone'/'anyone' doing something ('whenever someone pays me', 'if
    anybody cancels'): the trigger is the doing, whoever does it, and its verb says it; not a state ('when someone
    is around', 'if anyone has it')."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        subject is not None
        and subject.lower_ in _SOMEONE
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() not in {"be", "have", "get"}
        and bool(_topic_words([verb]))
    )


# Verbs whose object says how the speaker feels ('it drives me mad when ...'): a struggle, its 'when' a situation.
_FEELING_VERBS = frozenset("drive make get annoy bother frustrate kill stress worry".split())


def _tool_does_then(verb: Token) -> bool:
    """The 'when' clause tells when a tool the speaker talks about ('it', 'this', 'the app') does something to a thing
    ('it sends them [when I'm back up the steps]'): how the new way works, not the situation a job starts from. Not
    a feeling it gives ('it drives me mad when ...'), what it does to the speaker ('the app pings me when ...'), nor a
    dummy 'it' ('it gets messy when ...')."""
    if verb.dep_ != "advcl":
        return False
    head = verb.head
    if verb.i < head.i and any(c.dep_ == "cc" and verb.i < c.i < head.i for c in verb.children):
        # "whenever someone cancels late [and] the app keeps the money": the two clauses are joined by 'and', both
        # the case; the parser may hang the first on the second as if the tool did its part then
        return False
    doer = slots._subject(head)
    named = doer is not None and doer.lemma_.lower() in slots._TOOL_NOUNS - {"thing", "something"}
    tool = doer is not None and (doer.lower_ in {"it", "this"} or named)
    if not tool or head.tag_ == "VBG" or head.lemma_.lower() in _FEELING_VERBS | {"be", "have"}:
        return False
    thing = next((c for c in head.children if c.dep_ == "dobj"), None)
    return thing is not None and thing.lower_ not in {"me", "us", "you", "him", "her"}


def _past_perfect(tokens: Sequence[Token]) -> bool:
    """The clause's own verb is in the past perfect ('the van had been going out every week', 'we'd booked it'): what
    had happened before a past moment of a story, never a situation that recurs ('when the van goes out')."""
    inside = {t.i for t in tokens}
    verb = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), None)
    if verb is None or verb.tag_ != "VBN" and not any(c.dep_ == "aux" and c.lower_ == "been" for c in verb.children):
        return False  # 'had' alone is a past of its own ('we had a big order in'), 'been' the perfect's participle
    return any(
        c.dep_ == "aux" and c.lower_.replace("’", "'") in {"had", "'d"} and c.tag_ == "VBD" for c in verb.children
    )


def _be_that(verb: Token) -> bool:
    """A 'be' whose complement is a 'that' clause ('the deal was that ...', 'the rule is that ...', 'my worry was
    that ...'): it says what something is, its content, not a situation that arises."""
    if verb.lemma_.lower() != "be" or any(c.dep_ == "expl" for c in verb.children):
        return False
    return any(
        c.dep_ in {"ccomp", "attr"} and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children
    )


# The words that open a clause said as what a thing is: where, why, how, what or when it is.
_WH_OPENERS = frozenset({"where", "why", "how", "what", "when", "who"})
# What a 'be' says its subject is, or is like, in a word or phrase of its own: then a 'when' clause beside it says
# when that holds ('the shop is busy when the bus comes in').
_BE_COMPLEMENTS = frozenset({"attr", "acomp", "prep", "oprd", "expl"})


def _be_wh(verb: Token) -> bool:
    """A 'be' whose only complement is a clause a wh-word opens ('the kettle is where it goes wrong', 'the worst bit
    is when the printer jams', 'the van is why we lost the contract'): it says where, when or why a thing is the
    trouble, an explanation, not a situation that arises."""
    if verb.lemma_.lower() != "be" or any(c.dep_ in _BE_COMPLEMENTS for c in verb.children):
        return False
    return any(
        c.dep_ in {"ccomp", "advcl"} and c.i > verb.i and c.left_edge.lower_ in _WH_OPENERS for c in verb.children
    )


def _case_of_anyone(verb: Token) -> bool:
    """An 'if'/'when' case in the generic 'you' whose clause says what 'you' can do then ('if you're on the waiting
    list you can look and say, I'm ninth'): how things work for anyone in that case, told by someone who may never be
    in it, not the speaker's situation."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.lower_ != "you" or verb.dep_ != "advcl":
        return False
    result = verb.head
    doer = next((c for c in result.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    able = any(c.dep_ == "aux" and c.lower_ in {"can", "could"} for c in result.children)
    # "when you're on call you can't plan anything": a struggle said in the generic 'you' is often the speaker's own
    denied = any(c.dep_ == "neg" for c in result.children)
    return doer is not None and doer.lower_ == "you" and able and not denied


def _own_want(tok: Token) -> bool:
    """A want of the speaker's: wanting ('[knowing] we want to make a change') or needing others to do something ('I
    need people to change what they do'); needing to do something oneself ('when I need to ship a fix') is a trigger."""
    lemma = tok.lemma_.lower()
    others = lemma == "need" and any(
        c.dep_ in {"ccomp", "xcomp"} and any(g.dep_ == "nsubj" for g in c.children) for c in tok.children
    )
    if tok.pos_ != "VERB" or lemma not in _WANTING and not others:
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ in _OWN_SUBJECTS


_CLAUSE_HEADS = frozenset({"advcl", "ccomp", "relcl", "conj", "ROOT"})


def _misread_verb(tok: Token) -> bool:
    """A clause's verb the tagger read as a plural noun ('when the officer [emails] about a drawing'): it heads a
    clause and has a subject of its own, or a noun the parser made its compound (`_subject_as_compound`)."""
    return tok.dep_ in _CLAUSE_HEADS and any(c.dep_ == "nsubj" or _subject_as_compound(c) for c in tok.children)


def _subject_as_compound(tok: Token) -> bool:
    """A noun the parser made a compound of the word after it, a verb it read as a noun heading a clause ('when the
    [office] rings about a pickup', 'rings' a plural noun): the verb's subject. A clause head with a subject of its
    own, or one read as a verb, has no compound for a subject."""
    head = tok.head
    return (
        tok.dep_ == "compound"
        and tok.pos_ in {"NOUN", "PROPN"}
        and head.i == tok.i + 1
        and head.dep_ in _CLAUSE_HEADS - {"ROOT"}  # a noun phrase said alone is no clause
        and head.pos_ == "NOUN"
        and head.tag_ == "NNS"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in head.children)
    )


# Nouns that, as what a subject 'is', name what a trouble was about: "deadlines were the problem".
_TOPIC_NOUNS = frozenset(
    "problem issue thing trouble challenge struggle concern question headache worry difficulty bottleneck".split()
)


def _names_the_topic(verb: Token) -> bool:
    """A 'be' clause that says what the trouble is ('deadlines are the problem', 'the invoices were the issue', 'my
    biggest worry is the float'): a topic, no situation; 'there is a problem with the server' says one that arises,
    and 'the problem is worse in winter' when it does."""
    if verb.lemma_.lower() != "be" or any(c.dep_ == "expl" for c in verb.children):
        return False
    attrs = [c for c in verb.children if c.dep_ == "attr"]
    trouble = any(c.dep_ == "nsubj" and c.lemma_.lower() in _TOPIC_NOUNS for c in verb.children)
    return any(c.lemma_.lower() in _TOPIC_NOUNS for c in attrs) or trouble and bool(attrs)


def _kept_habit(verb: Token) -> bool:
    """The speaker's own doing with 'still' and no helper verb ("we still ring the owners"): a habit kept from the old
    way; "I still have to chase every client" is a struggle that goes on, and stays."""
    children = list(verb.children)
    return (
        verb.lemma_.lower() not in {"be", "have", "need", "get"}
        and any(c.dep_ == "advmod" and c.lower_ == "still" for c in children)
        and any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in children)
        and not any(c.dep_ in {"aux", "xcomp", "neg"} for c in children)
    )


def statement_problems(*, when: str = "", want: str = "", so: str = "") -> list[str]:
    """Grammar a researcher expects of a statement's slots, checked with spaCy; [] when all is well.

    'I want to' and 'so I can' must be followed by a verb in base form, the situation must be a clause with a
    subject and a verb, and every slot speaks in the first person (no 'you', 'they' or 'he' left over)."""
    return list(_statement_problems(when, want, so))


@lru_cache(maxsize=8)
def _frame_length(frame: str) -> int:
    """Tokens in a frame ('I want to '): the tokenizer alone says it, no parse needed."""
    return len(load_nlp().make_doc(frame.strip()))


@lru_cache(maxsize=8192)
def _statement_problems(when: str, want: str, so: str) -> tuple[str, ...]:
    nlp = load_nlp()
    problems: list[str] = []
    for name, frame, text in (("want", "I want to ", want), ("so", "so I can ", so)):
        if not text:
            continue
        doc = nlp(frame + text)
        lead = _frame_length(frame)
        first = doc[lead] if len(doc) > lead else None
        if first is None or not _base_verb(first) or first.lower_ in {"be", "am", "is", "are"} and len(doc) < 6:
            problems.append(f"{name}: not a verb in base form")
        if first is not None and any(
            t.lower_ in {"you", "they", "he", "she"} and t.dep_.startswith("nsubj") and t.head.i == first.i for t in doc
        ):
            problems.append(f"{name}: not first person")
    if when:
        doc = nlp("When " + when)
        tokens = list(doc)[1:]
        clause = any(t.dep_ in {"nsubj", "nsubjpass", "expl"} for t in tokens) and any(
            t.pos_ in {"VERB", "AUX"} or _misread_verb(t) for t in tokens
        )
        if not clause and not _verb_read_as_noun(tokens):
            problems.append("when: not a clause")
    return tuple(problems)


def _verb_read_as_noun(tokens: Sequence[Token]) -> bool:
    """Whether a 'when' slot the tagger read as one noun phrase ends on its verb: 'the validation officer [emails]'
    parses as a compound noun, yet a noun phrase alone after 'when' is no English, so its last word, a plural noun
    after the noun it would have as its subject and a known verb's -s form, is the verb of the clause."""
    words = [t for t in tokens if not t.is_punct]
    if len(words) < 2 or any(t.pos_ in {"VERB", "AUX"} for t in words):
        return False
    last, before = words[-1], words[-2]
    if (
        last.tag_ == "NNS"
        and before.tag_ in {"NN", "NNP"}
        and last.lower_.endswith("s")
        and verb_reading(last.lower_) is not None
    ):
        return True
    # Or the frame's 'When' hangs on such a noun inside the slot, its compound before it ('When my rota [changes] at
    # short notice'): the parse of the slot alone reads the clause as a noun phrase with its verb as the head.
    return any(
        t.tag_ == "NNS"
        and t.dep_ == "ROOT"
        and words[k - 1].dep_ == "compound"
        and words[k - 1].head.i == t.i
        and t.lower_.endswith("s")
        and verb_reading(t.lower_) is not None
        and any(c.lower_ == "when" and c.dep_ == "advmod" for c in t.children)
        for k, t in enumerate(words)
        if k > 0
    )


# --------------------------------------------------------------------------- assembly and ranking


def assemble_text(when: Slot, want: Slot, so: Slot) -> str:
    """'When [situation], I want to [motivation], so I can [outcome].' leaving out the empty slots."""
    parts: list[str] = []
    if when.text:
        parts.append(f"{when.lead} {when.text}" if when.lead else when.text)
    if want.text:
        parts.append(f"{want.lead or 'I want to'} {want.text}")
    if so.text:
        parts.append(f"{so.lead or 'so I can'} {so.text}")
    if not parts:
        return ""
    sentence = ", ".join(parts)
    return sentence[:1].upper() + sentence[1:] + "."


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return _jaccard(a, b) >= 0.5 or (shared >= 2 and _jaccard(a, b) >= 0.3)


# Where a sentence was said: interview, utterance id, passage (turn; -1 unknown), speaker.
_Where = tuple[int, int, int, str]
# Sentences of told examples, as (interview, utterance id): see `_told_examples`.
_Asides = frozenset[tuple[int, int]]
# Sentences that open the next item of a list counted out, as (interview, utterance id): see `_list_items`.
_ListItems = frozenset[tuple[int, int]]
# Where the speaker says a want of their own, read as a goal or not: (interview, utterance id, start, end) of what is
# wanted; see `_wants_said`.
_SaidWant = tuple[int, int, int, int]
_EXAMPLE_OPENERS = ("for instance", "for example")


def _told_past(text: str) -> bool:
    """Whether a sentence tells something past: a verb in the past tense (by the word, "it’s" is no past)."""
    return any(t.tag_ == "VBD" and t.lower_.replace("’", "'") != "'s" for t in parse([text])[0])


def _told_examples(utterances: Sequence[EvidenceUtterance]) -> _Asides:
    """The sentences of each example told as a past story inside a turn: the one that opens it ("There was, for
    instance, one page ...") and the past-told ones after it, up to the first that is not ("So it's very similar.").
    Such a story is an aside: the point said before it and what is said of that point after it are one stretch."""
    by_id = {(u.interview_id, u.id): u for u in utterances}
    found: set[tuple[int, int]] = set()
    for u in utterances:
        if u.passage < 0 or not any(opener in u.text.lower() for opener in _EXAMPLE_OPENERS):
            continue
        k = u.id
        while (row := by_id.get((u.interview_id, k))) is not None and (row.passage, row.speaker) == (
            u.passage,
            u.speaker,
        ):
            if (u.interview_id, k) in found or not _told_past(row.text):
                break
            found.add((u.interview_id, k))
            k += 1
    return frozenset(found)


# A sentence that opens the next item of a list the speaker counts out ("Number two, the text.", "The second thing is
# ...", "Thirdly, ...", "Second, the statements.", "Second big thing: ...", "And the small thing, ...", "And then there
# was the insurers"): what follows it is another point.
_NEXT_ITEM = re.compile(
    r"^\W*(?:(?:and|so|right|okay|ok|oh)\W+)*(?:number (?:two|three|four|five)\b"
    r"|(?:the )?(?:second|third|fourth|fifth|small|smaller|little|last|final)(?: (?:big|small|little))?"
    r" (?:thing|one|point)\b|secondly\b|thirdly\b"
    r"|(?:second|third|fourth|fifth)\s*[,:—–-]"
    r"|(?:the )?other thing (?:is|was)\b"
    # "And then there was the insurers, ...": the next thing the speaker comes to
    r"|then there(?:'s|’s| is| was| were)\b)",
    re.IGNORECASE,
)
# A bare count ("Two, the survey in the app.", "And, oh, three, sorry, ..."), never a number said ("Two, three times a
# week", "Two or three"): the next item only in a turn that has started counting (`_COUNTING`), since "Three, I
# guess." may answer "How many of you were there?".
_BARE_COUNT = re.compile(
    r"^\W*(?:(?:and|so|right|okay|ok|oh)\W+)*(?:two|three|four|five)\s*(?:[—–]\s*and\b"  # "four — and this is ..."
    r"|[,:—–-](?!\s*(?:two|three|four|five|six|seven|eight|nine|ten|or|and|to|maybe|perhaps|possibly|tops|max"
    r"|hundred|thousand)\b))",
    re.IGNORECASE,
)
_COUNTING = re.compile(
    r"\b(?:two|three|four|five|several|a few|a couple of) (?:things|points)\b|\bgot a list\b|\bnumber one\b"
    r"|\bfirst(?:ly)? of all\b|\bcan i have (?:two|three)\b"
    r"|^\W*(?:(?:and|so|right|okay|ok|oh)\W+)*(?:one|firstly)\s*[,:—–-]",
    re.IGNORECASE,
)
# A list announced ("Three things.") is counted out over the whole answer: its items ("One.", "Two.") may be said as
# words alone, which are no utterances, and each item may take several sentences.
_LIST_REACH = 3 * _ONE_STRETCH


# A thing named alone after 'and' ("And spoilage.", "Oh, and the reports."): the heading of the next point of a list.
_AND_NAMED = re.compile(r"^\W*(?:(?:oh|so|okay|ok)\W+)*and\W+(?:\w+\W+){0,2}\w+\W*$", re.IGNORECASE)


def _names_next(text: str) -> bool:
    """Whether a sentence is a thing named alone after 'and', with no verb (`_AND_NAMED`): 'And then?' is none."""
    if not _AND_NAMED.match(text):
        return False
    tokens = [t for t in parse([text])[0] if t.is_alpha]
    return not any(t.pos_ in {"VERB", "AUX", "ADV", "PRON"} for t in tokens) and tokens[-1].pos_ == "NOUN"


def _named_alone(text: str) -> bool:
    """Whether a sentence names a thing in a few words with no verb ('Old records.'; 'Once a month.' says when)."""
    tokens = [t for t in parse([text])[0] if t.is_alpha]
    return (
        0 < len(tokens) <= 4
        and tokens[-1].pos_ == "NOUN"
        and not any(t.pos_ in _NOT_NAMING and t.dep_ != "amod" for t in tokens)  # 'A [printed] report.'
    )


_NOT_NAMING = frozenset({"VERB", "AUX", "ADV", "PRON", "ADP", "NUM", "CCONJ", "SCONJ"})


def _list_items(utterances: Sequence[EvidenceUtterance]) -> _ListItems:
    """The sentences that open the next item of a list counted out in a turn (`_NEXT_ITEM`, `_BARE_COUNT`,
    `_names_next`; in a turn that has started counting or opened on a thing named alone, a thing named alone: "Old
    records."; a bare count after another: "Two, ... Three, ..."), as (interview, id)."""
    said = {(u.interview_id, u.id): k for k, u in enumerate(utterances)}
    found = {(u.interview_id, u.id) for u in utterances if _NEXT_ITEM.match(u.text) or _names_next(u.text)}
    for k, u in enumerate(utterances):
        counts = bool(_BARE_COUNT.match(u.text))
        if u.passage < 0 or not counts and len(u.text.split()) > 4:
            continue
        before = _said_before(utterances, k, said, _LIST_REACH)
        if not before or not (counts or _named_alone(u.text)):
            continue
        # counted out, or a list of things named alone from the turn's start ("A printed report. [...] Old records.
        # [...] And four — ...")
        # or counted on from an item counted before it ("Two, let me reorder my own checklists. [...] Three, proper
        # offline."), its "One" said in an earlier turn
        counted = any(
            _COUNTING.search(utterances[b].text) or counts and _BARE_COUNT.match(utterances[b].text) for b in before
        )
        if counted or _named_alone(utterances[before[-1]].text):
            found.add((u.interview_id, u.id))
    return frozenset(found)


def _across_items(a: _Filler, b: _Filler, points: _ListItems) -> bool:
    """Whether two slots of one interview lie in two items of a list counted out: an opener of the next item said
    after the earlier one, up to and with the later."""
    if a.interview_id != b.interview_id or a.utterance_id == b.utterance_id:
        return False
    low, high = sorted((a.utterance_id, b.utterance_id))
    return any(where == a.interview_id and low < k <= high for where, k in points)


def _apart(a: _Where, b: tuple[int, int], asides: _Asides) -> int:
    """How many sentences apart two sentences of one interview are, a told example between them not counted."""
    low, high = sorted((a[1], b[1]))
    return high - low - sum(1 for where, k in asides if where == a[0] and low < k < high)


# A sentence opened by what comes next ("And then I can plan my day ..."): it goes on from the talk just before it.
_THEN_OPENS = re.compile(r"^\W*(?:and |so )?then\b", re.IGNORECASE)


def _one_stretch(a: _Where, b: _Where, asides: _Asides = frozenset()) -> bool:
    """Two sentences of one stretch of talk: neighbours in one interview, a few sentences apart in one turn (a told
    example between them not counted: `_told_examples`), or a few apart by the same person where turns are unknown
    (a new turn of the same person follows someone else's words, often a new question: "There was a lot of problems
    with the old codebase." and, after "What does sustainable mean to you?", "part of being sustainable is being
    able to cover any ongoing operating cost")."""
    if a[0] != b[0]:
        return False
    distance = _apart(a, (b[0], b[1]), asides)
    same_turn = a[2] >= 0 and a[2] == b[2]
    turns_unknown = a[2] < 0 or b[2] < 0
    return (
        distance <= 1
        or (same_turn and distance <= _ONE_STRETCH)
        or (turns_unknown and bool(a[3]) and a[3] == b[3] and distance <= 4)
    )


def _bar(a: _Where, b: tuple[int, int]) -> float:
    """How close in meaning one person's two far-apart sentences must be to complete one statement: one turn is
    already one context, so a lower bar there than across the interviews."""
    return SAME_TURN_COHERENT if a[0] == b[0] and a[2] >= 0 and a[2] == b[1] else COHERENT


def _one_thing_twice(a: _Filler, b: _Filler) -> bool:
    """Whether two slots say one thing twice: most of their words the same, a doing among them ("run it locally, so
    I can make it run locally"); a thing two doings share is no repeat ("know what's going on the van, so I can send
    the right van"). So does a slot whose words the other holds all of ("get to the club by six on a Thursday without
    rushing, so I can be down the club by six")."""
    small, big = sorted((a.words | _numbers(a.text), b.words | _numbers(b.text)), key=len)
    if len(small) >= 2 and small <= big:
        return True
    if _jaccard(a.words, b.words) < 0.5:
        return False
    return len(a.words & b.words) >= 2 or _doing_in(a.text, b.text) or _doing_in(b.text, a.text)


# Numbers said in words or figures: no content words, yet what a slot names ('by [six]', '[two] hundred quid').
_NUMBER = re.compile(
    r"\b(?:\d+(?:[.,:]\d+)*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|thousand)\b"
)


def _numbers(text: str) -> frozenset[str]:
    """The numbers a slot says."""
    return frozenset(_NUMBER.findall(text.lower()))


def _doing_in(slot: str, other: str) -> bool:
    """Whether the doing a slot opens on ('tell the customers') is said in another ('nobody tells the customers'),
    in any ending; a rule may supply it, so it need not be among the slot's words."""
    said = slot.lower().split()
    return bool(said) and any(w.startswith(said[0]) and len(w) - len(said[0]) <= 2 for w in other.lower().split())


def _partner(
    anchor: _Filler,
    context: frozenset[str],
    pool: Sequence[_Filler],
    utterances: Sequence[EvidenceUtterance],
    *,
    after: bool,
    topic: frozenset[str],
    common: frozenset[str],
    weight: Callable[[int], float],
    closeness: Callable[[int, int], float] | None = None,
    own: int | None = None,
    goals: Sequence[_Filler] = (),
    asides: _Asides = frozenset(),
    points: _ListItems = frozenset(),
    wants: Sequence[_SaidWant] = (),
) -> _Filler | None:
    """The situation/outcome that belongs with a motivation: same or next utterance, or clearly on topic (an outcome
    of the job's own rows, indices under `own`, at OWN_OUTCOME). An outcome said after another of `goals` in the same
    utterance or stretch is that goal's, and so is a situation or outcome said in another goal's sentence."""
    best: tuple[float, int, int, str] | None = None
    chosen: _Filler | None = None
    for cand in pool:
        same = cand.index == anchor.index
        if _overlaps(cand, anchor):
            continue  # overlapping spans would repeat the same words in two slots
        if _one_thing_twice(cand, anchor):
            continue  # "run it locally, so I can make it run locally" says one thing twice
        if cand.bound and not same:
            continue  # "When a client says they never approved something, I can show them ...": that doing's
        if _other_time(anchor, cand):
            continue  # "What's better now?" "When a box comes in, you scan it": today's way, not the old goal's case
        if not after and _acts_before(anchor, cand):
            continue  # the event the goal is to be done before is no situation it is done in
        if not same and any(g.index == cand.index and not _overlaps(g, cand) for g in goals):
            continue  # "I want to put money aside [every time a client pays me], [so I can ...]": that goal's
        if not same and any(_overlaps(g, cand) and not g.purpose for g in goals):
            continue  # "I'd like to be able to [see my day]" said elsewhere: a goal of its own, not this one's end
        if same and after and cand.start_char < anchor.start_char and not cand.fronted:
            continue  # "we can have lots of discussions and try to reach out": said before the goal, not its purpose
        if same and after and _options(utterances[anchor.index].text, anchor, cand):
            continue  # "I can change the first course, I can get oysters from the channel farm": another way out
        if cand.alone and (cand.interview_id != anchor.interview_id or cand.utterance_id <= anchor.utterance_id):
            continue  # "So that I don't walk down and find the sign.": what the goal said before it is for
        earlier = (cand.interview_id, cand.utterance_id) < (anchor.interview_id, anchor.utterance_id)
        if after and cand.ability and not same and earlier:
            continue  # "I can book his slot on the bus. [...] It'd be nice to get a text": no purpose of that wish
        if (
            after
            and cand.purpose
            and not same
            and earlier
            and not cand.fronted
            and cand.interview_id == anchor.interview_id
        ):
            continue  # "I use Rekordbox [to mix off USB]. [...] If I could chuck my history at the app": its doing's
        # One passage (a turn, or neighbouring ids in one interview) shares a context; beyond it only the same
        # person on the same topic may complete a statement: slots stitched from several people say nothing.
        distance = abs(cand.utterance_id - anchor.utterance_id)
        if _across_items(anchor, cand, points):
            continue  # "... say 'Dorothy, three items'. Number two, the text. [...] if you've got two": another point
        where = (anchor.interview_id, anchor.utterance_id, anchor.passage, anchor.speaker)
        near = same or _one_stretch(where, (cand.interview_id, cand.utterance_id, cand.passage, cand.speaker), asides)
        if after and near and any(_between(anchor, g, cand) for g in goals):
            continue  # "I wanted to decide the dinners once. And I wanted to buy only what we cook, so we stop ..."
        if not same and cand.kind == "situation" and _WANT_AFTER.search(utterances[cand.index].text[cand.end_char :]):
            continue  # "When someone swaps a shift, I want Gareth not to get the notification": that want's case
        if near and any(_said_between(anchor, w, cand) for w in wants):
            # "[...] I want to know it's them. Not a scam. So I don't have to phone Morag": knowing's end; "And I
            # wanted the clients chased. Because the chasing was half of Ruth's January.": the chasing's case
            continue
        overlap = len(cand.words & context)
        same_person = bool(anchor.speaker) and cand.speaker == anchor.speaker
        # Or the same person on the same subject: two words in common that are not just the job's everyday words
        # ("PyPI" links a PyPI outage to a PyPI refactoring no more than the topic itself does).
        shared = cand.words & context
        bar = _bar(where, (cand.interview_id, cand.passage))
        if own is not None and cand.kind == "outcome" and max(cand.index, anchor.index) < own:
            bar = min(bar, OWN_OUTCOME) if len(cand.words) >= OWN_OUTCOME_WORDS else bar
        on_topic = len(shared - common) >= 2 or (closeness is not None and closeness(anchor.index, cand.index) >= bar)
        if not near and (not same_person or not on_topic or cand.leans):
            continue  # 'support them' said elsewhere: who 'them' are is in that talk, not beside this goal
        if not near and cand.kind == "situation" and not earlier and distance > LATE_SITUATION:
            # "When people aren't ringing to ask what they'd ordered", a hundred sentences after "I want to let
            # customers order at ten at night": how things went once the goal was met, not the case it comes up in
            continue
        if not near and cand.kind == "outcome" and _THEN_OPENS.match(utterances[cand.index].text):
            continue  # "And then I can plan my day": what the talk just before it leads to, no goal said elsewhere
        if cand.lead in _SEQUENCE_LEADS and anchor.story:
            # "After the funding is secured" orders two events: a goal told as a past one-off ("to make a credible
            # proposal, we had to ...") may well have come before it.
            continue
        proximity = 3.0 if same else (2.0 if near else 0.0)
        if same and after != (cand.start_char > anchor.start_char) and not cand.fronted:
            proximity -= 0.5  # the usual order is "when ..., I want ..., so ..."
        if same and cand.bound and cand.kind == "situation":
            # "Because I'm the data protection person, and if somebody's holding forty people's phone numbers, I want
            # to see it in writing": the case the want itself is said in is its own, over a reason beside it
            proximity += 1.0
        score = proximity + min(overlap, 3) + 4 * weight(cand.index) + (0.5 if cand.words & topic else 0.0)
        score -= 1.5 if cand.vague else 0.0
        score -= 1.0 if cand.past else 0.0  # "when Warehouse deployed": a story; "when PyPI goes down": a trigger
        key = (-score, distance, len(cand.text), cand.text)
        if best is None or key < best:
            best, chosen = key, cand
    return chosen


# What opens the next of a run of things the speaker could do, said one after another ('I can change the first
# course[, I can ]get oysters from the channel farm[, I can ]do a crudo instead'), one run between them at most:
# alternatives, none the other's end.
_NEXT_OPTION = re.compile(
    r"^\W*,\s*(?:or\s+)?(?:i|we)\s+(?:can|could)\s+(?:[^.?!;]*,\s*(?:or\s+)?(?:i|we)\s+(?:can|could)\s+)?"
    r"(?:just\s+|also\s+)?$",
    re.IGNORECASE,
)


_CAN_OPENS = re.compile(r"\b(?:i|we)\s+(?:can|could)\s+(?:just\s+|also\s+)?$", re.IGNORECASE)


def _options(text: str, first: _Filler, then: _Filler) -> bool:
    """Whether two slots of one sentence are two of a run of things the speaker could do (`_NEXT_OPTION`)."""
    return bool(
        _CAN_OPENS.search(text[: first.start_char]) and _NEXT_OPTION.match(text[first.end_char : then.start_char])
    )


def _other_time(goal: _Filler, case: _Filler) -> bool:
    """A situation said in answer to another question, one about today ('What's better now?') where the goal's is
    not, or the other way round, naming nothing the goal names: how things go with the new way is not the case of a
    goal voiced of the old one, nor is the old way's the case of what the speaker still wants changed now, nor what
    is still wrong today the case of a want the new way met ('What's better now?'); a case
    that names the goal's own things ('whenever a client moves a walk' beside 'tell the walker the minute the
    client moves it') carries across."""
    return (
        case.kind == "situation"
        and case.interview_id == goal.interview_id
        and case.passage != goal.passage
        and (case.now != goal.now or case.better != goal.better)
        and not case.words & goal.words
    )


# How many sentences on a told trigger still opens its person's goals: a story's event sets off the goals told in the
# turns after it, not one voiced half an interview later about something else ("When I completely forget [the hold],
# I want to know where I stand", ninety-eight sentences on).
TOLD_REACH = 80
# How many sentences after a goal a situation said elsewhere may still be its case: further on, the talk has moved on
# in the story (sets 1-92: the four said more than twenty sentences after their goal were all of another moment).
LATE_SITUATION = 20
# How many sentences on a told trigger opens any goal of its person's; further on, only a goal on its topic (one that
# shares a word with it). Read from sets 1-92: of the fifteen statements whose told 'when' sat 40-80 sentences before
# the goal, ten paired a story's moment with a goal about something else and three were right (one shares a word).
TOLD_NEAR = 40


def _told_trigger(anchor: _Filler, told: Sequence[_Filler]) -> _Filler | None:
    """The trigger the goal's own person told, in answer to the interviewer, earlier in the same interview (the
    latest such): 'When did that start to bother you?' 'I had a hundred and twenty orders in one week ...' is when
    the goals they voice after it start, said near them or not. Never another person's, nor another interview's,
    nor for a goal voiced when asked how things are now ('Anything you'd still change?'): today's way sets that
    one off, not the story of the old; nor for a goal said more than TOLD_REACH sentences after it, nor one said
    more than TOLD_NEAR after it that shares no word with it ('When I find four hundred pounds of ball cards in the
    spreadsheet', forty-eight sentences before 'I didn't want to have to learn something new at my age'; 'When the
    till goes down' stays with 'let the Saturday kids run the till' sixty-eight on)."""
    if anchor.now:
        return None
    found = [
        t
        for t in told
        if anchor.speaker
        and t.speaker == anchor.speaker
        and t.interview_id == anchor.interview_id
        and (t.utterance_id, t.end_char) <= (anchor.utterance_id, anchor.start_char)
        and anchor.utterance_id - t.utterance_id <= TOLD_REACH
        and (anchor.utterance_id - t.utterance_id <= TOLD_NEAR or t.words & anchor.words)
        and _jaccard(t.words, anchor.words) < 0.5
        and not _acts_before(anchor, t)
    ]
    return max(found, key=lambda t: (t.utterance_id, t.start_char), default=None)


def _say_one_thing(when: _Filler, so: _Filler) -> bool:
    """Whether a situation and an outcome say one thing twice, read from their statement wording (a supplied verb's
    -ing form, 'avoid [standing] in the kitchen', is in no token), less the words the statement supplies."""
    return _similar(frozenset(content_words(when.text) - _SUPPLIED), frozenset(content_words(so.text) - _SUPPLIED))


def _overlaps(a: _Filler, b: _Filler) -> bool:
    """Whether two fillers share characters of one sentence."""
    return a.index == b.index and a.start_char < b.end_char and b.start_char < a.end_char


# The speaker's own want: "I want", "we'd like", "I really needed".
_OWN_WANT = (
    r"\b(?:i|we)(?:(?:\s+\w+)?\s+(?:want|wanted|would like|would love|need|needed)|'d(?:\s+\w+)?\s+(?:like|love))"
)
# "I want to [...]", "we'd like to [...]", "I wanted [the clients to be chased]": the words before a goal that make
# it the speaker's own want.
_OWN_WANT_BEFORE = re.compile(_OWN_WANT + r"(?:\s+to)?\s*$", re.IGNORECASE)
# A want of the speaker's said later in a sentence ('..., I want Gareth to ...', '... we'd really love ...').
_WANT_AFTER = re.compile(_OWN_WANT + r"\b", re.IGNORECASE)


def _wants_said(utterances: Sequence[EvidenceUtterance], signals: Sequence[Signals]) -> list[_SaidWant]:
    """Every goal the speakers say as their own want ('when there's a text, I want to know it's them'), whether or not
    it reads as a goal on its own, and every want said in a sentence that gives no goal ('What I really want is the
    list of who's not been'): what is said after it is its, not an earlier goal's."""
    out: list[_SaidWant] = []
    for u, found in zip(utterances, signals, strict=True):
        goals = found.of("motivation")
        out += [
            (u.interview_id, u.id, sig.start_char, sig.end_char)
            for sig in goals
            if _OWN_WANT_BEFORE.search(u.text[: sig.start_char].replace("’", "'"))
        ]
        if not goals and (said := _WANT_AFTER.search(u.text.replace("’", "'"))) is not None:
            out.append((u.interview_id, u.id, said.start(), said.end()))
    return out


def _said_between(first: _Filler, want: _SaidWant, last: _Filler) -> bool:
    """Whether a want is said after `first` ends and ends before `last` starts, all in one interview."""
    interview, utterance, start, end = want
    return (
        first.interview_id == interview == last.interview_id
        and (first.utterance_id, first.end_char) <= (utterance, start)
        and (utterance, end) <= (last.utterance_id, last.start_char)
    )


def _between(first: _Filler, middle: _Filler, last: _Filler) -> bool:
    """Whether `middle` is said after `first` ends and ends before `last` starts, all in one interview."""
    return (
        first.interview_id == middle.interview_id == last.interview_id
        and (first.utterance_id, first.end_char) <= (middle.utterance_id, middle.start_char)
        and (middle.utterance_id, middle.end_char) <= (last.utterance_id, last.start_char)
    )


def _result_of(goal: _Filler, outcomes: Sequence[_Filler]) -> _Filler | None:
    """The outcome said as what `goal` leads to ('... and then ship the release'), in the same sentence."""
    return next((o for o in outcomes if o.index == goal.index and o.follows == goal.start_char), None)


def _topic(counts: Counter[str]) -> tuple[frozenset[str], frozenset[str]]:
    """A job's topic (its 25 most said words, said twice or more) and its three everyday words, from word counts."""
    # Ties go by the word: a set's order changes with each process's string hashing, and so would the statements.
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return frozenset(w for w, n in ranked[:25] if n >= 2), frozenset(w for w, _ in ranked[:3])


# A candidate with its sort key and the goal words used to spot near-duplicates.
_Scored = tuple[tuple[float, str, tuple[int, ...]], StatementCandidate, frozenset[str]]


def build_statements(
    utterances: Sequence[EvidenceUtterance],
    signals: Sequence[Signals],
    *,
    max_candidates: int = 3,
    centrality: Sequence[float] | None = None,
    min_centrality: float | None = None,
    vectors: np.ndarray | None = None,
    context_from: int | None = None,
    own_outcomes: bool = True,
) -> list[StatementCandidate]:
    """Ranked job statements assembled from the utterances' own situation/motivation/outcome clauses.

    With `min_centrality`, a goal (or, lacking goals, an outcome) voiced further than that from the job's centre
    never leads a statement: it is another job's. With `vectors` (L2-normalised, one row per utterance), one
    person's slots that are close in meaning may complete a statement though said far apart. Rows from
    `context_from` on are the talk around the job's own (said beside it, but clustered elsewhere or not at all):
    they may complete a statement by the same rules, never lead one, set its topic or count as its support. With
    `own_outcomes`, an outcome of the job's own rows completes a goal of the same person at OWN_OUTCOME."""
    if len(utterances) != len(signals):
        raise ValueError(f"{len(utterances)} utterances but {len(signals)} signal sets")
    if centrality is not None and len(centrality) != len(utterances):
        raise ValueError(f"{len(utterances)} utterances but {len(centrality)} centrality values")
    if vectors is not None and len(vectors) != len(utterances):
        raise ValueError(f"{len(utterances)} utterances but {len(vectors)} vectors")
    if max_candidates <= 0 or not utterances:
        return []
    own = len(utterances) if context_from is None else context_from
    asides = _told_examples(utterances)
    points = _list_items(utterances)
    wants = _wants_said(utterances, signals)
    rows, fillers, context = _collect_fillers(utterances, signals, centrality, vectors, own=own, asides=asides)
    names = _names_said(utterances)
    fillers = {kind: [_named_again(f, names) for f in found] for kind, found in fillers.items()}

    def weight(index: int) -> float:
        return float(centrality[index]) if centrality is not None else 0.0

    closeness = None if vectors is None else (lambda a, b: float(vectors[a] @ vectors[b]))

    # The job's own topic: the words its most central talk uses most.
    counts: Counter[str] = Counter()
    for i in sorted((i for i in rows if i < own), key=lambda i: -weight(i))[:60]:
        counts.update(context[i])
    topic, common = _topic(counts)

    # A goal voiced beside a struggle is the heart of a job; ids run consecutively within an interview.
    struggling = {
        (utterances[i].interview_id, utterances[i].id + d)
        for i, found in enumerate(signals)
        if any(sig.kind in _STRUGGLE_KINDS for sig in found)
        for d in (-1, 0, 1)
    }

    def struggle(filler: _Filler) -> bool:
        return (filler.interview_id, filler.utterance_id) in struggling

    def central(filler: _Filler) -> bool:
        # The thing named as the answer to the question for the want is the goal asked for, in whichever job its
        # answer is: a bare noun phrase is a poor measure of how close it is to the job's talk.
        far = min_centrality is not None and weight(filler.index) < min_centrality
        return filler.index < own and (not far or filler.asked)

    def job_own(found: Sequence[_Filler]) -> list[_Filler]:
        return [f for f in found if f.index < own]

    def partner(anchor: _Filler, kind: str, *, after: bool) -> _Filler | None:
        return _partner(
            anchor,
            context[anchor.index],
            fillers[kind],
            utterances,
            after=after,
            topic=topic,
            common=common,
            weight=weight,
            closeness=closeness,
            own=own if own_outcomes else None,
            goals=fillers["motivation"],
            asides=asides,
            points=points,
            wants=wants,
        )

    # No motivation anywhere: the best partial statement is an outcome, said as the progress sought ("When ..., so I
    # can ..." with no goal between would not be a sentence), with its situation when one belongs; else the
    # situation the job's talk starts from. The missing slots are flagged, never invented.
    goals, kind = list(filter(central, fillers["motivation"])), "motivation"
    if not goals:
        goals, kind = (
            [
                replace(o, kind="motivation", lead="", purpose=True)
                for o in filter(central, fillers["outcome"])
                # What a goal leads to completes that goal; it leads no statement of its own. The purpose of a
                # one-off told as past ("Last January I had to borrow money [to pay the tax office]") is no progress
                # sought now. One that names nothing of its own ("so nobody can say I didn't") says what it is only
                # with its goal.
                if o.follows < 0 and not o.story and o.words and not o.alone and not _verb_alone(o)
            ],
            "outcome",
        )

    def score(goals: list[_Filler], kind: str) -> list[_Scored]:
        return [made for anchor in goals if (made := statement(anchor, kind)) is not None]

    def statement(anchor: _Filler, kind: str) -> _Scored | None:
        when = partner(anchor, "situation", after=False)
        # An outcome standing as the goal is completed only by what it leads to, said right after it: any other
        # outcome beside it is a second end, not this one's.
        so = partner(anchor, "outcome", after=True) if kind == "motivation" else _result_of(anchor, fillers["outcome"])
        if when is not None and so is not None and _say_one_thing(when, so):
            # "When I'm standing in the kitchen every evening ..., I want to decide the week ahead, so I can avoid
            # standing in the kitchen at six": one thing said twice; the slot said with the goal stays
            # (the outcome, unless only the situation was said with it)
            when, so = (when, None) if when.index == anchor.index != so.index else (None, so)
        # A 'when' said with the goal, or beside it on its topic, is its own; else its person's trigger.
        if when is None:
            told = _told_trigger(anchor, fillers["trigger"])
            when = None if told is None or so is not None and _say_one_thing(told, so) else told
        if anchor.points and when is None:
            return None  # "I want to have them in a drawer.": what 'them' are is in the talk before it
        peers = [m for m in job_own(fillers[kind]) if _similar(m.words, anchor.words)]
        made = _candidate(anchor, when, so, peers, weight(anchor.index), struggle(anchor))
        said_by[made[1]] = anchor
        return made

    said_by: dict[StatementCandidate, _Filler] = {}  # each goal-led candidate's goal (or outcome standing as one)

    scored = score(goals, kind)
    if not scored:
        # A job whose goals all sit past its centrality mark would say no goal, its goals in no statement: there its
        # own goals lead after all, before a situation said near its centre ("When Kenny sends me the whiteboard"
        # beside "When I've a problem, I want to phone a person", one person's talk split from another's job). In a
        # job of a dozen sentences the mark is noise ("I wanted to know by the Wednesday who was coming" sat 0.001
        # under it); a goal nearer another job goes to that one (`_reassign`). One that leans on a pronoun ("export
        # it the way my accountant wants it") says nothing on its own.
        scored = score([g for g in job_own(fillers["motivation"]) if not g.leans], "motivation")
    if not scored:
        for anchor in filter(central, fillers["situation"]):
            if anchor.past or anchor.vague or anchor.lead in _SEQUENCE_LEADS:
                # "when Warehouse deployed": a story, not the situation a job starts from; "once the working group
                # is started" says when, but nothing of what then
                continue
            peers = [o for o in job_own(fillers["situation"]) if _similar(o.words, anchor.words)]
            scored.append(_candidate(None, anchor, None, peers, weight(anchor.index), struggle(anchor)))
    scored.sort(key=lambda item: item[0])
    return _pick(_whole_first(scored, said_by), max_candidates)


_WANTED = ("situation", "motivation", "outcome")


def rows_to_parse(
    utterances: Sequence[EvidenceUtterance],
    signals: Sequence[Signals],
    centrality: Sequence[float] | None = None,
    *,
    limit: int | None = None,
    neighbours: int | None = None,
) -> list[int]:
    """The rows (indices, ascending) a job's statements parse: those that may hold a slot (a situation, motivation
    or outcome cue, a struggle, or a word a slot rule needs: pipelines.slots.may_hold_slot), the `limit` most
    central first, then up to `neighbours` more said beside them (same turn, or the next or previous utterance)."""
    limit = MAX_PARSED if limit is None else limit
    neighbours = MAX_NEIGHBOURS if neighbours is None else neighbours

    def closeness(i: int) -> float:
        return float(centrality[i]) if centrality is not None else 0.0

    holds = set(_WANTED) | _STRUGGLE_KINDS
    sure = {i for i, found in enumerate(signals) if any(sig.kind in holds for sig in found)}
    # An answer to a question for what was wanted may name it with no verb ('Every payment with a name and a match
    # against it.': `slots.named_want`).
    able = [
        i
        for i in range(len(utterances))
        if i in sure
        or slots.may_hold_slot(utterances[i].text)
        or answers_want(utterances[i])
        or _gain_named(utterances[i])
        or answers_wished_doing(utterances[i])
    ]
    able.sort(key=lambda i: (-(closeness(i) + (_CUE_BONUS if i in sure else 0.0)), i))
    chosen = set(able[:limit])
    passages = {(utterances[i].interview_id, utterances[i].passage) for i in chosen if utterances[i].passage >= 0}
    beside = {(utterances[i].interview_id, utterances[i].id + d) for i in chosen for d in (-1, 1)}
    extra = [
        i
        for i in able[limit:]
        if (utterances[i].interview_id, utterances[i].passage) in passages
        or (utterances[i].interview_id, utterances[i].id) in beside
    ]
    return sorted(chosen | set(extra[:neighbours]))


class _Nearby:
    """One person's unread rows that may pass `_partner_rows`' test for a goal: those said within a stretch of it, or
    close to it in meaning by one matrix product per person for all of their goals (a margin above float error). The
    rest cannot pass, and skipping them spares a core job of a large project a vector product per row and goal; the
    test itself is unchanged."""

    _REACH = max(1, _ONE_STRETCH, 4)  # the farthest apart two sentences of one stretch are (`_one_stretch`)
    _MARGIN = 1e-3

    def __init__(
        self,
        utterances: Sequence[EvidenceUtterance],
        by_speaker: dict[str, list[int]],
        vectors: np.ndarray | None,
        goals: Sequence[_Filler],
        asides: _Asides = frozenset(),
    ) -> None:
        self.by_speaker = by_speaker
        # A told example between two sentences does not part them: the reach grows by its interview's examples.
        self.aside_in: Counter[int] = Counter(where for where, _ in asides)
        self.close: dict[int, np.ndarray] = {}  # goal (its position in `goals`) -> its person's rows close to it
        self.of: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        if vectors is None:
            return
        of_speaker: dict[str, list[int]] = {}
        for k, goal in enumerate(goals):
            if by_speaker.get(goal.speaker):
                of_speaker.setdefault(goal.speaker, []).append(k)
        bar = min(COHERENT, SAME_TURN_COHERENT) - self._MARGIN
        for speaker, ks in of_speaker.items():
            rows = by_speaker[speaker]
            index = np.asarray(rows, dtype=np.int64)
            self.of[speaker] = (
                index,
                np.array([utterances[i].interview_id for i in rows], dtype=np.int64),
                np.array([utterances[i].id for i in rows], dtype=np.int64),
            )
            # A person of a large project's core job has thousands of rows: one product for all of their goals
            # reads those rows' vectors once, not once per goal.
            close = vectors[index] @ vectors[[goals[k].index for k in ks]].T >= bar
            for column, k in enumerate(ks):
                self.close[k] = close[:, column]

    def rows(self, k: int, goal: _Filler) -> list[int]:
        """The rows to test for `goal`, the k-th of the goals this was built for."""
        rows = self.by_speaker.get(goal.speaker, [])
        if k not in self.close:
            return rows
        index, interview, ids = self.of[goal.speaker]
        reach = self._REACH + self.aside_in[goal.interview_id]
        said = (interview == goal.interview_id) & (np.abs(ids - goal.utterance_id) <= reach)
        near: list[int] = index[self.close[k] | said].tolist()
        return near


def _partner_rows(
    utterances: Sequence[EvidenceUtterance],
    signals: Sequence[Signals],
    read: set[int],
    goals: Sequence[_Filler],
    vectors: np.ndarray | None,
    per_goal: int = 4,
    asides: _Asides = frozenset(),
) -> list[int]:
    """Rows not read yet that could complete a goal's statement by `_partner`'s rules (one stretch of talk, or the
    same person close in meaning; two shared words need a parse, so only those two are read for). Per goal, at most
    `per_goal`: those with a situation, outcome or struggle cue (or a reason, trigger or only way: slots.causes,
    slots.triggers, slots.outcomes) first, then the nearest."""
    by_speaker: dict[str, list[int]] = {}
    for i, u in enumerate(utterances):
        if i not in read and u.speaker:
            by_speaker.setdefault(u.speaker, []).append(i)
    holds = {"situation", "outcome"} | _STRUGGLE_KINDS
    chosen: set[int] = set()
    is_cued: dict[int, bool] = {}
    near = _Nearby(utterances, by_speaker, vectors, goals, asides)
    for k, goal in enumerate(goals):
        where = (goal.interview_id, goal.utterance_id, goal.passage, goal.speaker)
        found: dict[int, float] = {}
        for i in near.rows(k, goal):
            u = utterances[i]
            close = float(vectors[i] @ vectors[goal.index]) if vectors is not None else -1.0
            if _one_stretch(where, (u.interview_id, u.id, u.passage, u.speaker), asides):
                # A told example's own sentences are the story, not the talk around the point: they rank by how
                # far they are said from it, the example counted.
                inside = (u.interview_id, u.id) in asides
                score = 1.0 - _apart(where, (u.interview_id, u.id), frozenset() if inside else asides) / 10
            elif close >= _bar(where, (u.interview_id, u.passage)):
                score = close
            else:
                continue
            cued = is_cued.get(i)
            if cued is None:  # one row is near many of a person's goals: its cues are read once
                cued = is_cued[i] = (
                    any(sig.kind in holds for sig in signals[i])
                    or slots.may_give_cause(u.text)
                    or slots.may_tell_only_way(u.text)
                )
            found[i] = score + (1.0 if cued else 0.0)
        chosen.update(sorted(found, key=lambda i: (-found[i], i))[:per_goal])
    return sorted(chosen)


# What opens a sentence that takes back the one before, after any laugh: "No", "Nah".
_TAKING_BACK = re.compile(r"^\W*(?:[\[(][^\])]*[\])]\W*)*(?:no|nah)\b(?!\s+(?:one|longer|more|idea|way)\b)", re.I)


def _taken_back(utterances: Sequence[EvidenceUtterance], index: int, said: Mapping[tuple[int, int], int]) -> bool:
    """Whether the speaker takes back what they just said: the next sentence of their turn opens 'No' ("I wanted to
    throw the phone in the bath. [laughs] No — honestly, I was so angry."; "So I'd want it to ring me? No. Not ring
    me."): a joke or a wish they correct, never a slot as said."""
    row = utterances[index]
    after = said.get((row.interview_id, row.id + 1))
    if after is None or utterances[after].speaker != row.speaker or utterances[after].passage != row.passage:
        return False
    return _TAKING_BACK.match(utterances[after].text) is not None


# A want said past ("I wanted to be properly paperless", "I wanted Rhian to buy me a phone") and what the speaker
# says of it after: "I've given up on that.", "And now I honestly don't care.", "So I've stopped wanting that.",
# "That's not happening now." Not "Never happened.": a want the old way never met is the push of the switch ("I'd
# always wanted Becky to be able to do it without me, so I could have a fortnight off. Never happened.").
_WANTED_THEN = re.compile(
    r"(?:\b(?:wanted|needed|hoped|did (?:really )?(?:want|need))|(?:'d|\bwould) (?:really |also |still )?love)\b"
    r"[^.?!]*$",
    re.I,
)
_GIVEN_UP = re.compile(
    r"\b(?:given up on|gave up on|stopped wanting|changed my mind|don't think that now)\b"
    r"|\blet (?:that|it)(?: one)? go\b"
    r"|^\W*(?:well,? |but |and )?that(?:'s not|'s never| is not| is never| isn't| won't| will never| was never)\s+"
    r"(?:going to |gonna )?(?:be )?happen(?:ing|ed)?\b"
    r"|\bdon't care\b.*\b(?:now|any ?more)\b|\bnow\b.*\bdon't care\b",
    re.I,
)


def _given_up_after(
    utterances: Sequence[EvidenceUtterance], goal: _Filler, said: Mapping[tuple[int, int], int]
) -> bool:
    """Whether a goal wanted in the past is given up in the sentences of the turn that follow it, up to another want
    ("Well, I wanted Rhian to buy me a phone. I've given up on that."; "I did want it to do the wages. Rhian said no.
    So I've let that one go."): no goal of now."""
    text = utterances[goal.index].text.replace("’", "'")
    if not _WANTED_THEN.search(text[: goal.start_char]):
        return False
    rest = _GIVEN_UP_SAME.match(text[goal.end_char :])
    if rest is not None and _GIVEN_UP.search(rest.group(1)):
        return True  # "I'd also love it to do the photos, but I've given up on that, that's Priya's art."
    for n, k in enumerate(_said_after(utterances, goal.index, said, 8), 1):
        text = utterances[k].text.replace("’", "'")
        if _GIVEN_UP.search(text):
            return True
        if n >= 3 and _ANOTHER_WANT.search(text):
            # "I wanted X. It never let me down. And I wanted Y as well. Sue said no. I gave up on that.": what is
            # given up further on may be the other; a want said right after says the first again ("I wanted to kill
            # the group. That was a big thing. I wanted the group deleted. And I've changed my mind.")
            return False
    return False


# A want dated 'back then' or 'in those days', and a time of the speaker's life told just before it, in the words
# `_of_another_life` reads: 'when I was sixteen', 'when I was a lad', 'when we were kids', 'at school'.
_BACK_THEN = re.compile(r"\b(?:back then|in those days)\b", re.I)
_AGES = "eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
_LIFE_TOLD = re.compile(
    r"\bwhen (?:I|we) (?:was|were) (?:(?:a|at|in) )?(?:(?:little|young|wee) )?(?:"
    + "|".join(sorted(_LIFE_STAGES | _LIFE_PLACES | {"young", "younger", "little", "small"}))
    + r")(?:e?s)?\b"
    + r"|\bwhen (?:I|we) (?:was|were) (?:\d+|"
    + "|".join(_AGES)
    + r")"
    + r"|\b(?:I|we) (?:was|were) (?:still )?(?:at|in) (?:"
    + "|".join(sorted(_LIFE_PLACES))
    + r")\b",
    re.I,
)


def _then_of_another_life(
    utterances: Sequence[EvidenceUtterance], goal: _Filler, said: Mapping[tuple[int, int], int]
) -> bool:
    """Whether a want is dated 'back then' to a time of the speaker's life told in the sentence before ("I worked at
    a Greggs in Croydon when I was sixteen. Which, all I wanted back then was a job where I didn't come home smelling
    of sausage rolls."): long past, no goal of now."""
    if not _BACK_THEN.search(utterances[goal.index].text[: goal.end_char]):
        return False
    return any(_LIFE_TOLD.search(utterances[k].text) for k in _said_before(utterances, goal.index, said, 3))


# The rest of a want's own sentence that sets a giving up against it: ", but I've given up on that".
_GIVEN_UP_SAME = re.compile(r"[^.?!]*?[,;:-]\s*(?:but|though|although)\b,?\s*([^.?!]*)", re.I)


# A want told after another in the turn: a 'that' given up after it may be either.
_ANOTHER_WANT = re.compile(
    r"\b(?:I|we)(?: really| just| also| did|'d| would)? (?:want|wanted|need|needed|love)\b", re.I
)


# Who opens a quotation right before it: the speaker ("I said, ", "I thought, ", "I was like, ") or someone else.
_OWN_WORDS_OPENED = re.compile(r"\b(?:I|we) (?:said|say|thought|think|was like|were like|went|asked)\W*$", re.I)


def _in_anothers_quote(
    utterances: Sequence[EvidenceUtterance], goal: _Filler, said: Mapping[tuple[int, int], int]
) -> bool:
    """Whether a goal lies in words quoted from someone else that opened in the sentence before (a young dad
    'stood up and said, "Why can't I see the rota online? [I'd volunteer if I could just see when there's a
    gap.]"'): their wish, not the speaker's."""
    row = utterances[goal.index]
    text = row.text
    closing = text.find('"', goal.end_char)
    if text.count('"') % 2 == 0 or closing < 0 or '"' in text[: goal.start_char]:
        return False
    previous = _said_before(utterances, goal.index, said, 2)
    if not previous:
        return False
    before = utterances[previous[0]].text
    if before.count('"') % 2 == 0:
        return False
    opened = before.rfind('"')
    return not _OWN_WORDS_OPENED.search(before[:opened].replace("’", "'"))


def _story_present(utterances: Sequence[EvidenceUtterance], goal: _Filler, said: Mapping[tuple[int, int], int]) -> bool:
    """Whether a goal is what the speaker was trying to do at a moment of a past story, or went to do, told in the
    present between sentences told in the past ("Because it was constant. And I'm [trying to sleep in the day], and
    my phone's going ding, ding, ding. So I muted it."; "Wednesday the sixth was the disaster. A guy comes in, and I
    go [to check him in on the tablet], ..."): a line of the story, no goal of now."""
    if not _STORY_PRESENT_CUE.search(utterances[goal.index].text[: goal.start_char].rstrip().replace("’", "'")):
        return False
    before, after = _said_before(utterances, goal.index, said, 3), _said_after(utterances, goal.index, said, 3)
    return any(_told_past(utterances[k].text) for k in before) and any(_told_past(utterances[k].text) for k in after)


def _past_doing_for(
    utterances: Sequence[EvidenceUtterance], purpose: _Filler, said: Mapping[tuple[int, int], int]
) -> bool:
    """Whether an outcome opens its own sentence ('So I could ...') right after a doing of the speaker's told in the
    past ("So I drove to Keswick for toner. Sixty-eight pounds. So I could print a piece of paper I'd insisted on
    printing."): what that doing was for, a line of the story, no purpose of now. Verbless fragments between are
    passed over; a want or need told before ('I wanted an app. So I could ...') is a purpose sought."""
    if not _SO_COULD.match(utterances[purpose.index].text[: purpose.start_char].replace("’", "'")):
        return False
    for k in _said_before(utterances, purpose.index, said, 4):
        sentences = list(parse([utterances[k].text])[0].sents)
        root = sentences[-1].root if sentences else None
        if root is None or root.pos_ not in {"VERB", "AUX"}:
            continue  # "Sixty-eight pounds.": a fragment
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        own = subject is not None and subject.lower_ in {"i", "we"}
        return own and root.tag_ == "VBD" and root.lemma_.lower() not in _WANTING | {"need"}
    return False


# A sentence that opens on what the speaker could then do: "So I could ...", "And so we could just ...".
_SO_COULD = re.compile(r"^\W*(?:and\s+)?so\s+(?:that\s+)?(?:i|we)\s+could\s+(?:\w+\s+)?$", re.I)


# What a story told in the present says the speaker was doing: "I'm trying to", "and I go to".
_STORY_PRESENT_CUE = re.compile(r"(?:\btrying to|\b(?:I|and) (?:go|come) to)$", re.I)


def _collect_fillers(
    utterances: Sequence[EvidenceUtterance],
    signals: Sequence[Signals],
    centrality: Sequence[float] | None,
    vectors: np.ndarray | None = None,
    *,
    own: int | None = None,
    asides: _Asides = frozenset(),
) -> tuple[list[int], dict[str, list[_Filler]], dict[int, frozenset[str]]]:
    """The rows read, every situation/motivation/outcome filler found in them, and each row's topic words.

    Two readings: the job's most central rows that may hold a slot, then the rows that could complete the goals
    found there (the same person nearby or close in meaning), so a bounded read still finds a goal's partners."""
    wanted = _WANTED
    own = len(utterances) if own is None else own
    rows = rows_to_parse(utterances[:own], signals[:own], None if centrality is None else centrality[:own])
    fillers: dict[str, list[_Filler]] = {k: [] for k in wanted}
    context: dict[int, frozenset[str]] = {}
    told: dict[int, _Filler | None] = {}
    _read_fillers(utterances, signals, rows, fillers, context, told)
    goals = [*fillers["motivation"], *(f for f in fillers["outcome"] if f.purpose)] or fillers["outcome"]
    more = sorted(
        set(_partner_rows(utterances, signals, set(rows), goals, vectors, asides=asides))
        | _answer_rows(utterances, set(rows), goals)
    )
    if more:
        _read_fillers(utterances, signals, more, fillers, context, told)
        rows = sorted([*rows, *more])
    said_at = {(u.interview_id, u.id): k for k, u in enumerate(utterances)}
    for kind, found in fillers.items():
        # "I wanted to throw the phone in the bath. [laughs] No — honestly, ...": what is taken back is no slot
        fillers[kind] = [
            f
            for f in found
            if not _taken_back(utterances, f.index, said_at)
            and not (kind in {"motivation", "outcome"} and _story_present(utterances, f, said_at))
            and not (kind == "outcome" and _past_doing_for(utterances, f, said_at))
            and not (kind == "motivation" and _given_up_after(utterances, f, said_at))
            and not (kind == "motivation" and _then_of_another_life(utterances, f, said_at))
            and not (kind == "motivation" and _in_anothers_quote(utterances, f, said_at))
        ]
    # "So, the standing order. We've got twenty dozen every Friday, and if we've got a function, I want to ...": a
    # thing named at the head of an answer is what the point is about when the speaker goes on to say their goal.
    fillers["motivation"] = [
        f
        for f in fillers["motivation"]
        if not (f.asked and _goal_said_after(f, fillers["motivation"], utterances, said_at))
    ]

    # What a customer does something for is a goal of theirs too ("we're sorting out our financials [to be able to
    # submit the larger grants]"): each purpose may also stand as the motivation, with another as its outcome.
    said = {f.text.lower() for f in fillers["motivation"]}
    fillers["motivation"] += [
        replace(f, kind="motivation", lead="", purpose=True)
        for f in fillers["outcome"]
        if f.purpose and f.text.lower() not in said and not _verb_alone(f)
    ]
    # The trigger an answer tells is its first event: the rest of the answer is what followed. A first event that
    # reads as no situation, or leans on a pronoun ('we do it in core development as well': what 'it' is was said
    # before), leaves the answer without one. A first event said as the gist of the story ('It was after I lost a
    # job, basically.') sums up what the next sentences tell: the next event told is where it started ('A client
    # sent feedback in a text message, I missed it, ...'). A first event told as what was going on ('I was doing my
    # tax return last year.') is the background of the event the next sentence tells ('My accountant asked why ...').
    # What hurt, told later in the story ('We had a big order in. We lost the account over a missed email.'), is its
    # trigger rather than the scene it set: the first setback told wins over a first event that was none.
    # A first event that is the speaker doing the very thing one of their goals does another way ('I sign the
    # paper.' beside 'I want to sign on my phone') is the old way told, not what set the switch off: the next event
    # told is. A gist that tells what hurt ('It was after I lost a job, basically.') is the trigger itself: the
    # story after it tells how.
    first: dict[tuple[int, int], _Filler | None] = {}
    for i in sorted(told, key=lambda i: utterances[i].id):
        answer = (utterances[i].interview_id, utterances[i].passage)
        opening, event = first.get(answer), told[i]
        goals = fillers["motivation"]
        clean = event is not None and not event.leans and not _old_way(event, goals)
        passed = opening is not None and (opening.gist and not opening.setback or _old_way(opening, goals))
        if answer not in first or passed and clean:
            first[answer] = event
        elif opening is not None and opening.background:  # only the next sentence tells what happened during it
            first[answer] = event if clean else replace(opening, background=False)
        elif opening is not None and not opening.setback and clean and event is not None and event.setback:
            first[answer] = event
    # A story whose event is one named person's doing ("Mrs Okafor rang me", "Derek turned up at nine") gives its
    # goals no 'when': it happened once, and "When Mrs Okafor rings me" would make it a standing situation.
    fillers["trigger"] = [
        replace(f, told=True)
        for f in first.values()
        if f is not None and not f.leans and not f.named and not _old_way(f, fillers["motivation"])
    ]

    return rows, fillers, context


# A sentence that adds another thing to what was just said ("And I'd love it if ...", "Also, ..."): a new point.
_ADDS = re.compile(r"^\W*(?:(?:oh|so|okay|ok)\W+)*(?:and|also|plus)\b", re.IGNORECASE)


def _goal_said_after(
    named: _Filler,
    goals: Sequence[_Filler],
    utterances: Sequence[EvidenceUtterance],
    said_at: Mapping[tuple[int, int], int],
) -> bool:
    """Whether the person who named a thing in answer to the want question says a goal of their own later in that
    answer, in the same stretch of talk (`_ONE_STRETCH`) and the same point: "The agency login, obviously. And I'd
    love it if ..." names one thing wanted, then adds another."""

    def adds(k: int) -> bool:
        at = said_at.get((named.interview_id, k))
        return at is not None and bool(_ADDS.match(utterances[at].text))

    return any(
        not g.asked
        and not g.purpose
        and g.interview_id == named.interview_id
        and g.passage == named.passage >= 0
        and 0 < g.utterance_id - named.utterance_id <= _ONE_STRETCH
        and not any(adds(k) for k in range(named.utterance_id + 1, g.utterance_id + 1))
        for g in goals
    )


def _verb_alone(purpose: _Filler) -> bool:
    """A purpose said as a verb alone ('so I could at least check', 'so I can plan'): whole as the outcome of the
    doing it follows, but standing as a goal ('I want to check') it names nothing to be done."""
    return len(purpose.text.split()) < 2


def _old_way(event: _Filler, goals: Sequence[_Filler]) -> bool:
    """Whether a told event is its speaker doing what one of their goals in that interview does ('I sign the paper'
    beside 'sign on my phone'): the same verb, the old way of the goal."""
    return bool(event.event) and any(
        g.speaker == event.speaker and g.interview_id == event.interview_id and g.text.split()[0].lower() == event.event
        for g in goals
    )


def answers_trigger(utterance: EvidenceUtterance) -> bool:
    """Whether the utterance's turn answers the interviewer's question for the trigger (`slots.asks_trigger`)."""
    return bool(utterance.asked) and slots.asks_trigger(utterance.asked)


_TRIED_TO = re.compile(r"\btr(?:y|ies|ied|ying) to\s*$")


def _tried_way(utterance: EvidenceUtterance, start_char: int) -> bool:
    """A goal said as what the speaker tried ('I tried to keep a list on the fridge, but ...') in answer to what else
    they tried: one of the ways tried, not the progress they want."""
    said_before = utterance.text[:start_char].lower().replace("’", "'")
    return bool(utterance.asked) and slots.asks_tried(utterance.asked) and bool(_TRIED_TO.search(said_before))


def _named_answer(utterance: EvidenceUtterance, doc: Doc) -> slots.SlotSpan | None:
    """The goal an answer's opening sentence names with no 'I want' (`utterance` opens its turn): a thing named in
    answer to the question for the want ('Every payment with a name.'), a doing named for the want or for what is
    better now ('Knowing which cut is the real one.'), what the speaker now knows ('I know who's coming.'), or what
    the tool is to tell them ('Tell me what I owe.' to 'What would you like it to do?')."""
    wants = answers_want(utterance)
    better = bool(utterance.asked) and slots.asks_better(utterance.asked)
    named = slots.named_want(doc) if wants else None
    if named is None and (wants or better):
        named = slots.named_doing(doc)
    if named is None and better:
        named = slots.gain_known(doc)
    if named is None and answers_wished_doing(utterance):
        named = slots.wished_telling(doc)
    return named


def answered_goals(utterances: Sequence[EvidenceUtterance]) -> set[int]:
    """The indices of the utterances that open an answer naming a goal (`_named_answer`): job talk by the question
    they answer, however short ('Knowing which cut is the real one.' after 'What's better now?')."""
    said = {(u.interview_id, u.id): k for k, u in enumerate(utterances)}
    chosen = [
        i
        for i, u in enumerate(utterances)
        if (answers_want(u) or _gain_named(u) or answers_wished_doing(u)) and opens_answer(utterances, i, said)
    ]
    docs = parse([utterances[i].text for i in chosen])
    return {i for i, doc in zip(chosen, docs, strict=True) if _named_answer(utterances[i], doc) is not None}


def goals_said(utterances: Sequence[EvidenceUtterance], signals: Sequence[Signals], among: Iterable[int]) -> set[int]:
    """The indices among `among` whose sentence alone gives a statement its goal ('Honestly, I wanted to not be the
    bottleneck.'): job talk by what it says, however the classifier read it. Only sentences with a motivation cue
    or a denied want are read (the rest give no goal, and reading them all would cost a parse each): a denied want
    has no cue, yet may give a goal ('I didn't want to lose the shout.': avoid losing it)."""
    return {
        i
        for i in among
        if (signals[i].of("motivation") or _WANT_DENIED.search(utterances[i].text.replace("’", "'")))
        and any(not c.want.missing for c in build_statements([utterances[i]], [signals[i]], max_candidates=1))
    }


_WANT_DENIED = re.compile(r"(?:n't|\bnot|\bnever)\s+(?:\w+\s+)?want", re.IGNORECASE)


def opens_answer(utterances: Sequence[EvidenceUtterance], i: int, said: Mapping[tuple[int, int], int]) -> bool:
    """Whether utterance `i` opens its turn's answer: the turn's first sentence, or the first after a preface that
    names nothing ('A couple of things.', 'Good question.'); `said`: (interview, id) -> index."""
    row = utterances[i]
    for back in (1, 2):
        before = said.get((row.interview_id, row.id - back))
        if before is None or utterances[before].passage != row.passage:
            return True
        if not _PREFACE.match(utterances[before].text):
            return False
    return False


# An answer's first words that only announce it: 'A couple of things.', 'Two things, really.', 'Good question.',
# 'Okay.'
_PREFACE = re.compile(
    r"(?:(?:oh|ooh|well|hm+|um|yeah|yes|so|okay|right),?\s+)*"
    r"(?:(?:a couple|a few|two|three|a lot|loads|lots)(?: of)?(?: things| bits)?|good question|hm+|ooh|oh|okay|ok|right"
    r"|well|yeah|yes|um+|erm)"
    r"(?:,? (?:really|actually|i think))?[.!]?$",
    re.IGNORECASE,
)


def _gain_named(utterance: EvidenceUtterance) -> bool:
    """An answer to 'What's better now?' that opens with a doing ('Knowing which cut is the real one.')."""
    first = next(iter(utterance.text.split()), "").lower()
    known = _GAIN_KNOWN.match(utterance.text.lower()) is not None
    return (first.endswith("ing") or known) and bool(utterance.asked) and slots.asks_better(utterance.asked)


_GAIN_KNOWN = re.compile(r"(?:now,? )?(?:i|we) (?:now )?(?:know|can see) ")


def answers_wished_doing(utterance: EvidenceUtterance) -> bool:
    """Whether the utterance's turn answers what the tool should do (`slots.asks_wished_doing`)."""
    return bool(utterance.asked) and slots.asks_wished_doing(utterance.asked)


def answers_want(utterance: EvidenceUtterance) -> bool:
    """Whether the utterance's turn answers the interviewer's question for what was wanted (`slots.asks_want`)."""
    return bool(utterance.asked) and slots.asks_want(utterance.asked)


def _answer_rows(utterances: Sequence[EvidenceUtterance], read: set[int], goals: Sequence[_Filler]) -> set[int]:
    """Rows not read yet of the answers to a trigger question that a goal's person gave in its interview before it:
    the trigger they tell may be that goal's situation (`_told_trigger`)."""
    before: dict[tuple[int, str], int] = {}
    for goal in goals:
        if goal.speaker:
            key = (goal.interview_id, goal.speaker)
            before[key] = max(before.get(key, goal.utterance_id), goal.utterance_id)
    return {
        i
        for i, u in enumerate(utterances)
        if i not in read and u.id < before.get((u.interview_id, u.speaker), -1) and answers_trigger(u)
    }


# Auxiliaries of a sentence told as history or as what only would happen.
_STORY_OR_WISH = frozenset({"was", "were", "did", "had", "would", "could", "might", "'d"})


def _goes_on_live(utterances: Sequence[EvidenceUtterance], index: int, said: Mapping[tuple[int, int], int]) -> bool:
    """Whether a bare purpose ("So maybe to see how often a really big project is downloaded.") is the speaker's
    live one: it goes on with the sentence they said just before, in the same turn, told in the present and meant
    ("we use it for analysis, to determine usage patterns"), not a story ("there was this initial bit of work. To
    make the service more robust.") or what only would happen. Where that sentence is not among the rows read (the
    job-talk filter may have dropped it), what the purpose goes on with is unknown: it is no goal."""
    row = utterances[index]
    before = said.get((row.interview_id, row.id - 1))
    if before is None or utterances[before].speaker != row.speaker or utterances[before].passage != row.passage:
        return False
    sent = parse([utterances[before].text])[0][-1].sent
    # Any verb of it, not only its root: "that would detract, I'm fairly certain, from other endeavors" hangs the
    # wish on a clause. By the word, since the tagger reads a curly "it’s used" as past.
    words = [t.lower_.replace("’", "'") for t in sent]
    if any(
        t.pos_ in {"VERB", "AUX"} and (w in _STORY_OR_WISH or t.tag_ == "VBD" and w != "'s")
        for t, w in zip(sent, words, strict=True)
    ):
        return False
    return not any(c.dep_ == "neg" or c.lower_ == "never" for c in sent.root.children)


def _after_things(utterances: Sequence[EvidenceUtterance], index: int, said: Mapping[tuple[int, int], int]) -> bool:
    """Whether a row follows, in its turn, only sentences that name things and say no verb ('A deadline with a
    date, a time and a time zone. In one place, not in an email thread.'): a 'So I ...' after them says what those
    things are for. After a told doing ('I moved to the app. So I don't use email much.') it is the 'so' of talk."""
    turn = _said_before(utterances, index, said, _ONE_STRETCH)
    if not turn or utterances[index].passage < 0:
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for doc in parse([utterances[k].text for k in turn]) for t in doc)


def _after_goal(
    utterances: Sequence[EvidenceUtterance], signals: Sequence[Signals], index: int, said: Mapping[tuple[int, int], int]
) -> bool:
    """Whether a row follows, in its turn and within a stretch, a sentence that voices its speaker's goal ('I want to
    sign on my phone. And pay in the same place. So my son never misses a trip.'): a 'So ...' of its own then says
    what that goal is for."""
    return _since_goal(utterances, signals, index, said) is not None


def _since_goal(
    utterances: Sequence[EvidenceUtterance], signals: Sequence[Signals], index: int, said: Mapping[tuple[int, int], int]
) -> list[int] | None:
    """The rows said between a row and the latest sentence before it, in its turn and within a stretch, that voices
    its speaker's goal (`_after_goal`); None where there is none."""
    turn = _said_before(utterances, index, said, _ONE_STRETCH)
    goal = next((n for n, k in enumerate(turn) if "motivation" in signals[k].kinds), None)
    return None if utterances[index].passage < 0 or goal is None else turn[:goal]


def _said_before(
    utterances: Sequence[EvidenceUtterance], index: int, said: Mapping[tuple[int, int], int], reach: int
) -> list[int]:
    """The rows of a row's turn said before it, nearest first, fewer than `reach` ids back."""
    return _said_near(utterances, index, said, range(-1, -reach, -1))


def _said_after(
    utterances: Sequence[EvidenceUtterance], index: int, said: Mapping[tuple[int, int], int], reach: int
) -> list[int]:
    """The rows of a row's turn said after it, nearest first, fewer than `reach` ids on."""
    return _said_near(utterances, index, said, range(1, reach))


def _said_near(
    utterances: Sequence[EvidenceUtterance], index: int, said: Mapping[tuple[int, int], int], steps: range
) -> list[int]:
    """The rows of a row's turn `steps` ids from it, in the order given, up to the first of another turn."""
    row = utterances[index]
    near = [k for k in (said.get((row.interview_id, row.id + n)) for n in steps) if k is not None]
    return list(
        itertools.takewhile(
            lambda k: utterances[k].passage == row.passage and utterances[k].speaker == row.speaker, near
        )
    )


def _within(span: slots.SlotSpan | _Filler, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a slot's characters lie inside one of `spans`."""
    return any(start <= span.start_char and span.end_char <= end for start, end in spans)


def _opens_so(doc: Doc) -> bool:
    """Whether a sentence opens 'So' ('So we could sell the books.')."""
    first = next((t for t in doc if not t.is_punct), None)
    return first is not None and first.lower_ == "so"


def _after_given_up(utterances: Sequence[EvidenceUtterance], index: int, said: Mapping[tuple[int, int], int]) -> bool:
    """Whether the last want its speaker said before a row, in the turn and at most three sentences back, is one
    given up (`slots.ended`: 'I thought I wanted a website')."""
    for doc in parse([utterances[k].text for k in _said_before(utterances, index, said, 4)]):
        if (want := slots.last_want(doc)) is not None:
            return slots.ended(want)
    return False


# A denial of the speaker's own doing cut to its auxiliary, alone in its sentence: "And this time I didn't."
_UNDONE = re.compile(
    r"^\W*(?:(?:and|but|so)\W+)?(?:(?:this time|in the end|then)\W+)?(?:i|we) (?:didn'?t|did not|don'?t|do not|"
    r"never did)(?:\W+(?:this time|in the end|any ?more|at all))?\W*$",
    re.IGNORECASE,
)


def _undone_after(utterances: Sequence[EvidenceUtterance], index: int, said: Mapping[tuple[int, int], int]) -> bool:
    """Whether the row said right after a row, in its turn, undoes what it wanted ('I need to see the hall.' 'And
    this time I didn't.')."""
    row = utterances[index]
    k = said.get((row.interview_id, row.id + 1))
    if k is None or (utterances[k].passage, utterances[k].speaker) != (row.passage, row.speaker):
        return False
    return bool(_UNDONE.match(utterances[k].text.replace("’", "'")))


def _story_goes_on(
    utterances: Sequence[EvidenceUtterance], index: int, said: Mapping[tuple[int, int], int], doc: Doc
) -> bool:
    """Whether a row opens 'And then' in the present right after its turn told something past ('I had my paper
    sheet, so I thought, I'll use that.' 'And then we get out to the job, ...'; 'So the code came on the Friday.'
    'Then Saturday, we get there ...'): the story goes on."""
    if not _THEN_OPENS.match(doc.text) or any(t.tag_ == "VBD" for t in doc):
        return False
    before = _said_before(utterances, index, said, 2)
    return bool(before) and _told_past(utterances[before[0]].text)


def _so_did(doc: Doc) -> bool:
    """Whether a sentence opens 'So' and tells a past doing of the speaker's own ('So I kept my head down.'); 'So
    that I ...' says a purpose."""
    words = [t for t in doc if not t.is_punct]
    if not _opens_so(doc) or len(words) > 1 and words[1].lower_ == "that":
        return False
    root = words[0].sent.root
    return root.tag_ == "VBD" and any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in root.children)


def _told_doing(doc: Doc) -> bool:
    """Whether a sentence tells a past doing of the speaker's own ('I moved it all to the app')."""
    return any(
        t.tag_ == "VBD" and t.pos_ == "VERB" and any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in t.children)
        for t in doc
    )


def _read_fillers(
    utterances: Sequence[EvidenceUtterance],
    signals: Sequence[Signals],
    rows: Sequence[int],
    fillers: dict[str, list[_Filler]],
    context: dict[int, frozenset[str]],
    told: dict[int, _Filler | None],
) -> None:
    """Parse `rows` and add the slot fillers found in them (and their topic words) to `fillers` and `context`, and
    to `told` (row -> its situation, None when it reads as none) the event each answer to a trigger question tells."""
    docs = dict(zip(rows, parse([utterances[i].text for i in rows]), strict=True))
    said = {(u.interview_id, u.id): k for k, u in enumerate(utterances)}
    for i in rows:
        doc = docs[i]
        context[i] = _topic_words(doc)
        for sig in signals[i]:
            if sig.kind not in fillers or doc.text[sig.start_char : sig.end_char] != sig.text:
                continue  # a signal that does not match its utterance cannot be cited
            filler = _make_filler(sig.kind, i, utterances[i], doc, sig)
            if filler is not None and not (sig.kind == "motivation" and _tried_way(utterances[i], sig.start_char)):
                fillers[sig.kind].append(filler)
        # "What's better now?" "The last one went out while I was at my daughter's swim meet.": what the new way
        # gives, whatever a force model reads into it, is no struggle a goal starts from
        better = bool(utterances[i].asked) and slots.asks_better(utterances[i].asked)
        struggles = [(sig.start_char, sig.end_char) for sig in signals[i] if sig.kind in _STRUGGLE_KINDS and not better]
        found = [
            *slots.motivations(doc),
            # a goal the cues found (and _make_filler accepted as the speaker's own) may lead to an outcome too
            *slots.outcomes(doc, goals=[(f.start_char, f.end_char) for f in fillers["motivation"] if f.index == i]),
            *slots.situations(doc, struggles),
            *slots.causes(doc),
            *slots.as_clauses(doc),
            *slots.triggers(doc),
        ]
        found = [
            span for span in found if not (span.kind == "motivation" and _tried_way(utterances[i], span.start_char))
        ]
        if any(span.rule == "cannot" for span in found) and _story_goes_on(utterances, i, said, doc):
            # "And I had my paper sheet. And then we get out to the job, and I can't find my paper sheet.": a
            # story's moment told in the present, no goal of now
            found = [span for span in found if span.rule != "cannot"]
        if _undone_after(utterances, i, said):
            # "I need to meet the person in charge." "And this time I didn't.": a want the next words undo
            found = [span for span in found if span.kind != "motivation"]
            fillers["motivation"] = [f for f in fillers["motivation"] if f.index != i]
        # "it would be triggered by [knowing we want to make a change]": a want that sets the doing off is its
        # trigger, no goal voiced
        triggering = [(span.start_char, span.end_char) for span in found if span.rule == "trigger"]
        if triggering:
            found = [span for span in found if span.kind != "motivation" or not _within(span, triggering)]
            fillers["motivation"] = [f for f in fillers["motivation"] if f.index != i or not _within(f, triggering)]
        # a thing named opens the answer: said after another sentence of the turn, it may be something else
        row = utterances[i]
        named = _named_answer(row, doc) if opens_answer(utterances, i, said) else None
        found += [named] if named is not None else []
        event = slots.told_event(doc) if answers_trigger(utterances[i]) else None
        if event is not None:
            trigger = _checked_filler(
                "situation",
                i,
                utterances[i],
                list(event.tokens),
                event.lead,
                event.subject,
                event.start_char,
                event.end_char,
                told=True,
            )
            if trigger is not None:
                trigger = replace(
                    trigger,
                    gist=slots.sums_up(doc),
                    background=event.rule == "told background",
                    setback=event.rule in {"told setback", "told message"},  # another's doing aimed at the speaker
                    named=event.rule in {"told message", "told by name"},
                )
            told[i] = trigger
        alone = [span for span in found if span.rule == "so, alone"]
        if alone and (_after_things(utterances, i, said) or _after_goal(utterances, signals, i, said)):
            # "So I never deliver late because of a clock.": what the things named or the goal said before it are
            # for, not a state
            found = [span for span in found if span.kind != "situation"]
            fillers["situation"] = [f for f in fillers["situation"] if f.index != i]
            since = _since_goal(utterances, signals, i, said) or []
            if any(_told_doing(doc) for doc in parse([utterances[k].text for k in since])):
                # "I want one list. Last spring I moved it all to a sheet. That way I'm not ringing round.": the
                # 'so' follows the doing told since the goal, not the goal
                found = [span for span in found if span.rule != "so, alone"]
        elif alone:
            found = [span for span in found if span.rule != "so, alone"]
        if _so_did(doc) and _after_goal(utterances, signals, i, said):
            # "I didn't want to be the new one who changes everything. So I kept quiet for a year.": what the
            # speaker did about the goal, not the case it starts from
            found = [span for span in found if span.kind != "situation"]
            fillers["situation"] = [f for f in fillers["situation"] if f.index != i]
        if _opens_so(doc) and _after_given_up(utterances, i, said):
            # "I thought I really wanted a website. With a shop. So we could sell the books.": what a want given
            # up was for is sought no more than the want
            found = [span for span in found if span.kind != "outcome"]
            fillers["outcome"] = [f for f in fillers["outcome"] if f.index != i]
        for span in found:
            if span.rule == "bare purpose" and not _goes_on_live(utterances, i, said):
                continue
            named_by = (
                _one_named_before(utterances, i, said, doc, span) if span.rule == "wanted of him or her" else None
            )
            if span.rule == "wanted of him or her" and named_by is None:
                continue  # "I wanted her to stop": whom 'her' points at is not said in the turn before it
            same = [
                k
                for k, f in enumerate(fillers[span.kind])
                if f.index == i and f.kind == span.kind and f.start_char <= span.start_char < f.end_char
            ]
            limited = [k for k in same if _limit_cut_off(fillers[span.kind][k], span)]
            if same and not limited:  # a cue or another rule already found this slot; it may learn it is a purpose
                for k in same if span.rule == "fronted purpose" else ():  # said first
                    fillers[span.kind][k] = replace(fillers[span.kind][k], fronted=True)
                continue
            filler = _checked_filler(
                span.kind,
                i,
                utterances[i],
                list(span.tokens),
                span.lead,
                span.subject,
                span.start_char,
                span.end_char,
                verb=span.verb,
                doing=span.rule == "trigger",
            )
            if filler is not None and named_by is not None:
                name, named_in = named_by
                pronoun = re.search(r"\b(?:her|him)\b", filler.text)
                text = (
                    filler.text
                    if pronoun is None
                    else filler.text[: pronoun.start()] + name + filler.text[pronoun.end() :]
                )
                filler = replace(filler, text=text, names_from=named_in)
            if filler is not None and limited:
                fillers[span.kind][limited[0]] = filler
            elif filler is not None:
                # A purpose the speaker states for their own doing may later stand as their motivation.
                own = span.kind == "outcome" and (
                    # "it makes it easier [for us] to seek funding": what they seek; "so maybe to see how often
                    # ...": a purpose said alone is the speaker's own
                    span.rule in {"makes it easier", "bare purpose"}
                    # what they got or can do, or would like to learn how to do: not a purpose said for a doing;
                    # what a goal leads to ('and then ...') completes that goal, it leads no statement of its own;
                    # nor does what a goal spares the speaker ('so I'm not ringing people one by one') or has
                    # them doing instead ('so I'm offering a job to one person'), nor what they get only one
                    # way ('the only way we find out is ...'): no doing of theirs is for it
                    or span.rule
                    not in {
                        "so I'm",
                        "were able to",
                        "can",
                        "how we could",
                        "and then",
                        "lets me",
                        "gives me a chance",
                        "so I'm not",
                        "so I don't",
                        "so, alone",
                        "only way",
                        "if only",
                        "if I know",
                    }
                    and span.subject is not None
                    and span.subject.lower_ in {"i", "we", "me", "us"}
                )
                fillers[span.kind].append(
                    replace(
                        filler,
                        purpose=own,
                        fronted=span.rule == "fronted purpose",
                        follows=span.follows,
                        asked=span.rule == "named want",
                        alone=span.rule == "so, alone",
                        ability=span.rule == "can",
                    )
                )


def _one_named_before(
    utterances: Sequence[EvidenceUtterance],
    index: int,
    said: Mapping[tuple[int, int], int],
    doc: Doc,
    span: slots.SlotSpan,
) -> tuple[str, int] | None:
    """Whom the 'her' or 'him' of a want of another stands for: the one person the nearest sentence naming anyone names,
    in the want's own sentence before it or in its turn before that ('Dawn was doing the refunds at midnight. I wanted
    her to stop.'), by name or as 'my wife'; that name and the id of the sentence it is said in. None when that
    sentence names two, or none within reach does."""
    pronoun = next(t.lower_ for t in span.tokens if t.lower_ in slots.ONE_PERSON)
    own = [t for t in _people_named(doc) if t[-1].i < span.tokens[0].i]
    if own:
        return (_words(own[0]), utterances[index].id) if _one_of_them(own, pronoun) else None
    for k in _said_before(utterances, index, said, _NAMED_REACH):
        named = _people_named(parse([utterances[k].text])[0])
        if named:
            return (_words(named[0]), utterances[k].id) if _one_of_them(named, pronoun) else None
    return None


def _one_of_them(named: Sequence[Sequence[Token]], pronoun: str) -> bool:
    """Whether a sentence names one person, and says no 'she' (for 'her'; 'he' for 'him') before the name: 'she had to
    pay herself back and we had to show Phil' talks of her and of Phil, and 'her' may be either."""
    if len(named) != 1:
        return False
    first = named[0][0]
    alike = _SHE if pronoun == "her" else _HE
    return not any(t.lower_ in alike for t in first.doc[: first.i])


_SHE = frozenset({"she", "her", "hers", "herself"})
_HE = frozenset({"he", "him", "his", "himself"})


# How many sentences back in a turn a pronoun's person may be named ('Dawn ... . It was every night. I wanted her to
# ...'): further back, the talk has moved on to others.
_NAMED_REACH = 4


def _words(tokens: Sequence[Token]) -> str:
    return " ".join(t.lower_ if t.lower_ in {"my", "our"} else t.text for t in tokens)


def _people_named(doc: Doc) -> list[list[Token]]:
    """The people a sentence names, each once: by name ('Dawn', 'Dawn Price'; not a place said after 'in' or 'from',
    nor a product named in capitals inside its word, 'StitchBook') or as one person of the speaker's own ('my
    wife')."""
    found: dict[str, list[Token]] = {}
    for tok in doc:
        if tok.dep_ == "compound" or tok.dep_ == "poss" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.pos_ == "PROPN":
            continue
        if tok.pos_ == "PROPN" and tok.lower_ != "i":
            words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok]
            if any(any(ch.isupper() for ch in w.text[1:]) for w in words):
                continue  # "StitchBook", "NHS": a product's or a body's name
            if tok.lower_ in _DAYS_AND_MONTHS or tok.dep_ == "pobj" and _place_or_time(tok.head):
                continue  # "in Norwich", "moved to Leeds", "on a Sunday": a place or a time
            if tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj", "attr", "npadvmod"}:
                continue
            found.setdefault(_words(words).lower(), words)
        elif tok.tag_ == "NN" and slots.is_people(tok) and any(c.lower_ in {"my", "our"} for c in tok.children):
            words = [c for c in tok.children if c.lower_ in {"my", "our"}] + [tok]
            found.setdefault(_words(words).lower(), words)
    return list(found.values())


def _place_or_time(prep: Token) -> bool:
    """A preposition a place's or a time's name is said after ('in Aberdeen', 'on Sunday', 'moved to Leeds'), where a
    person's is seldom ('said to Dawn' is one)."""
    lemma = prep.head.lemma_.lower()
    return prep.lower_ in _PLACE_OR_TIME or prep.lower_ == "to" and lemma in _GOING


_PLACE_OR_TIME = frozenset(
    "in at into from near around across through towards toward outside on by until till since during".split()
)
_GOING = frozenset("move go come drive travel head get fly walk ride commute relocate emigrate".split())
_DAYS_AND_MONTHS = frozenset(WEEKDAYS) | slots._MONTHS | {"may", "christmas", "easter"}


def _limit_cut_off(found: _Filler, span: slots.SlotSpan) -> bool:
    """Whether a rule's goal is the goal `found` by a cue, said on with the 'before'/'until' that bounds it in time,
    which the cue left off as a situation of its own ("I want to finish the paperwork [before I leave the
    property]"): no "when" can hold that limit, so the goal keeps it; or asked past an aside the cue stopped at; or
    said on with a second step the rule read as part of one thought ("I want to put a notice out once [and know
    it's got to everybody]"), often its point."""
    if span.kind != "motivation" or span.start_char != found.start_char:
        return False
    if span.rule == "asked after know" and span.end_char == found.end_char:
        return True  # "know, at any point on a Saturday, who's on the desk": the rule's reading leaves the aside out
    if span.end_char <= found.end_char:
        return False
    rest = [t for t in span.tokens if t.idx >= found.end_char and not t.is_punct]
    if rest and rest[0].lower_ in {"before", "until"} and rest[0].dep_ == "mark":
        return True
    if rest and span.rule == "asked after know":
        return True  # "know, at nine every morning, [exactly what's coming]": the cue stopped at the aside
    return any(t.lower_ == "and" and t.dep_ == "cc" and t.head.i == span.tokens[0].i for t in rest)


def _pick(
    scored: Sequence[_Scored],
    limit: int,
) -> list[StatementCandidate]:
    """The best distinct candidates: no near-duplicate goals; fresh situations/outcomes before reused ones."""
    picked: list[_Scored] = []
    deferred = []
    used: set[tuple[str, str]] = set()
    for item in scored:
        _, cand, words = item
        # "I want to do the engineering, so I can merge stuff" after "... merge stuff, so I can do the engineering"
        if any(cand.text == p.text or _jaccard(words, w) >= 0.5 or _reversed(cand, p) for _, p, w in picked):
            continue
        parts = {(name, cand.slot(name).text) for name in ("when", "so") if cand.slot(name).text}
        # A part already used defers this one, unless it makes a fuller statement than every one using it.
        sharing = [p for _, p, _ in picked if parts & {(n, p.slot(n).text) for n in ("when", "so")}]
        if parts & used and any(len(p.missing) <= len(cand.missing) for p in sharing):
            deferred.append(item)
            continue
        used |= parts
        picked.append(item)
        if len(picked) == limit:
            break
    for item in deferred:
        if len(picked) == limit:
            break
        _, cand, words = item
        if not any(cand.text == p.text or _jaccard(words, w) >= 0.5 or _reversed(cand, p) for _, p, w in picked):
            picked.append(item)
    picked.sort(key=lambda item: item[0])
    return [cand for _, cand, _ in picked]


def _said_words(candidate: StatementCandidate) -> set[str]:
    """The content words of a statement's slots, less those too everyday to tell one thing from another."""
    return {w for name in SLOT_NAMES for w in content_words(candidate.slot(name).text)} - GENERIC_WORDS


def _whole_first(scored: list[_Scored], said_by: Mapping[StatementCandidate, _Filler]) -> list[_Scored]:
    """The scored candidates, a full statement ahead of a partial one that leads it by no more than a slot's worth
    (`_FULLER_MARGIN`) when both are one person's telling of one thing: their goals said by the same person, and
    their slots sharing content words ("When I've missed the last two practices, I want to know what changed, so I
    can catch up on the songs" before "When I'm away for most of the practices, I want to catch up on the songs at
    home", one singer's two tellings). The whole one's score counts its filled slot twice. A partial statement that
    leads a full one about something else, or someone else's, keeps its place: an off-topic goal with a situation is
    not the job."""
    if not scored or not scored[0][1].missing or scored[0][1] not in said_by:
        return scored
    _, lead, _ = scored[0]
    who = (said_by[lead].interview_id, said_by[lead].speaker)
    said = _said_words(lead)
    for k, (_, cand, words) in enumerate(scored[1:], start=1):
        if lead.score - cand.score > _FULLER_MARGIN:
            break
        other = said_by.get(cand)
        if cand.missing or other is None or (other.interview_id, other.speaker) != who:
            continue
        if len(said & _said_words(cand)) < _FULLER_SHARED:
            continue
        whole = replace(cand, score=round(cand.score + _FULLER_MARGIN, 6))
        item: _Scored = ((-whole.score, whole.text, whole.evidence), whole, words)
        return sorted([item, *scored[:k], *scored[k + 1 :]], key=lambda i: i[0])
    return scored


def _reversed(a: StatementCandidate, b: StatementCandidate) -> bool:
    """One pair of clauses read both ways: a's goal is b's outcome and a's outcome b's goal."""
    return bool(a.want.evidence and a.so.evidence) and (a.want.evidence, a.so.evidence) == (
        b.so.evidence,
        b.want.evidence,
    )


def _slot(filler: _Filler | None) -> Slot:
    if filler is None:
        return EMPTY_SLOT
    evidence = (
        (filler.utterance_id,) if filler.names_from < 0 else tuple(sorted({filler.utterance_id, filler.names_from}))
    )
    return Slot(text=filler.text, evidence=evidence, lead=filler.lead, told=filler.told)


def _outcome_slot(so: _Filler | None, want: _Filler | None) -> Slot:
    """The outcome's slot; what others then do reads as what the goal helps them do when the goal already lets
    others ('let the parents get the change ..., so I can help every family know where to be', not 'let ... let')."""
    slot = _slot(so)
    if so is not None and so.lets and want is not None and want.text.startswith("let "):
        return replace(slot, text=f"help {so.text.removeprefix('let ')}")
    return slot


def _candidate(
    want: _Filler | None,
    when: _Filler | None,
    so: _Filler | None,
    peers: Sequence[_Filler],
    centre: float,
    struggle: bool,
) -> _Scored:
    """A candidate and its sort key: completeness, breadth of support, centrality and slot quality."""
    slots = {"when": _slot(when), "want": _slot(want), "so": _outcome_slot(so, want)}
    missing = tuple(name for name in SLOT_NAMES if slots[name].missing)
    support = tuple(sorted({p.utterance_id for p in peers}))
    used = [f for f in (when, want, so) if f is not None]
    interviews = tuple(sorted({p.interview_id for p in peers} | {f.interview_id for f in used}))
    support_interviews = len({p.interview_id for p in peers})
    main = want or so or when
    assert main is not None
    n_words = len(main.words)
    n_tokens = len(main.text.split())
    quality = 0.3 if 2 <= n_words <= 8 else -0.3
    # "use X", "make a change": too little to name a job ("get my Sundays back" names the time won back)
    quality -= 1.0 if n_words < 2 and not time_won_back(main.text) else 0.0
    quality -= 0.5 if n_tokens > 16 else 0.0
    quality -= 0.4 if main.vague else 0.0
    quality += 0.2 if struggle else 0.0
    quality -= 0.3 if want is not None and want.purpose else 0.0  # a goal said as one beats one inferred
    quality -= 0.3 * sum(1 for f in (when, so) if f is not None and f.vague)
    # How central the goal is to the job outweighs a filled slot: an off-topic goal with a situation is not the job.
    score = (3 - len(missing)) + math.log1p(support_interviews) + 0.5 * math.log1p(len(support)) + 4 * centre + quality
    text = assemble_text(slots["when"], slots["want"], slots["so"])
    candidate = StatementCandidate(
        when=slots["when"],
        want=slots["want"],
        so=slots["so"],
        text=text,
        missing=missing,
        score=round(score, 6),
        support=support,
        interviews=interviews,
    )
    key = (-candidate.score, text, candidate.evidence)
    return key, candidate, main.words
