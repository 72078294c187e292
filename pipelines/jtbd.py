"""JTBD signal extraction: a spaCy parse plus Matcher patterns mark situations, goals, outcomes and forces."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from pipelines.jtbd_words import (
    ASIDE_OPENERS,
    BELIEF_VERBS,
    BREAK_MARKS,
    CLAUSE_OPENERS,
    CONTROL_VERBS,
    CURRENT_WAY,
    EDGE_JUNK,
    FILLER_SPANS,
    FILLER_VERBS,
    HEDGE_WORDS,
    HYPOTHETICAL_AUX,
    META_VERBS,
    MODALS,
    MOTIVE_VERBS,
    OUTBURSTS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    PREFERENCE_VERBS,
    PURPOSE_MODALS,
    QUESTION_VERBS,
    SITUATION_ADVMODS,
    SITUATION_MARKS,
    SOFT_FILLER_VERBS,
    SUBORDINATORS,
    TIME_NOUNS,
    UPSET_WORDS,
    WEEKDAYS,
    any_of,
    cue_patterns,
    ironic,
    takes_back,
)
from pipelines.nlp import load_nlp
from pipelines.phrasing import LINE_WORDS
from pipelines.slots import (
    INVITED,
    aim_that,
    asked_past_aside,
    asked_right_after,
    asked_that,
    asks_whether,
    caused,
    cleft_want,
    could_wish,
    elided,
    elided_wh,
    ended,
    estimated,
    for_me_to,
    frames_answer,
    ideally,
    if_only,
    inside_wish,
    instead_of,
    is_people,
    joined_verbs,
    kept_at,
    let_me,
    made_up,
    moment_told,
    never_again,
    nice_to,
    object_does,
    own_subject,
    particle,
    place_said_after,
    question_said_after,
    said_by_others,
    said_most,
    seen_doing,
    set_against,
    stopped_needing,
    stranded,
    supposed,
    thought_by_others,
    told_scene,
    unwanted_doing,
    unwanted_role,
    wanted_back,
    wanted_means,
    wanted_of_others,
    wanted_said_first,
    wanted_thing,
    wh_be,
    what_if,
    wished_if,
    wished_would,
    would_rather,
    would_save,
    would_try,
)

if TYPE_CHECKING:  # spaCy is imported lazily; these names are only for type hints
    import numpy as np
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from pipelines.forces import ForceClassifier, ForceDecision
    from pipelines.slots import SlotSpan

SignalKind = Literal["situation", "motivation", "outcome", "success", "pain", "push", "pull", "anxiety", "habit"]
SIGNAL_KINDS: tuple[SignalKind, ...] = (
    "situation",
    "motivation",
    "outcome",
    "success",
    "pain",
    "push",
    "pull",
    "anxiety",
    "habit",
)
FORCE_KINDS: tuple[SignalKind, ...] = ("push", "pull", "anxiety", "habit")


@dataclass(frozen=True, slots=True)
class Signal:
    """A JTBD cue in one utterance: its kind, the verbatim clause/phrase and its character offsets there."""

    kind: SignalKind
    text: str
    start_char: int
    end_char: int
    cue: str = ""
    # A force's probability from the force classifier (None for every other signal): per job, people are counted for
    # a force only where it counts (pipelines.force_counting: confident, anxiety and habit voiced).
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Signals:
    """All signals found in one utterance, ordered by position."""

    text: str
    signals: tuple[Signal, ...] = ()

    def __iter__(self) -> Iterator[Signal]:
        return iter(self.signals)

    def __len__(self) -> int:
        return len(self.signals)

    def of(self, kind: SignalKind) -> tuple[Signal, ...]:
        """The signals of one kind, in order."""
        return tuple(s for s in self.signals if s.kind == kind)

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds present in this utterance."""
        return frozenset(s.kind for s in self.signals)

    @property
    def wants(self) -> bool:
        """Whether a goal here is said as a want (`said_as_want`), or by a rule that reads only wants, whatever the
        want word: a tool to tell the speaker ('I need it to tell me when the water's off') or what the want is
        ('what I needed was to swap my evenings'); a bare 'I need to' tells a chore as often as a goal."""
        return any(s.cue in _WANT_RULES or said_as_want(self.text, s.start_char) for s in self.of("motivation"))


# A goal said as what the speaker wants or wishes ("I want", "what I wanted was", "I'd love it if", "let me", "all
# I'm after is", "the main thing for me was", "what I was looking for was", "I'd rather", "I was hoping to"), not as
# what they need, have or try to do: those tell a story's chore as often as a goal ("I need to show them the movies",
# "I have to type my password", "I try to come at six").
_WANT_SAID = re.compile(
    r"\b(?:want|wants|wanted|wanting|wish|wished|(?:would|'d|’d) (?:really |still |also |just )?(?:like|love|prefer)"
    r"|(?:would|'d|’d) (?:much )?rather|hop(?:e|es|ed|ing) to"
    r"|let (?:me|us)"
    r"|(?:'m|’m|am|are|'re|’re|was|were) after|(?:main|only|one) thing|looking for|if (?:i|we) could (?:just|only)"
    r"|(?:would|'d|’d) be (?:really |so )?"
    r"(?:nice|great|good|lovely|brilliant|handy|helpful|ideal|amazing|perfect|useful))\b",
    re.IGNORECASE,
)


# Slot rules (`pipelines.slots`, the rule as a motivation's cue) that read a want whichever want word says it.
_WANT_RULES = frozenset({"told by a tool", "what I want"})


def said_as_want(text: str, start: int) -> bool:
    """Whether the goal starting at `start` in `text` is said as a want: a want word before it in its sentence."""
    before = re.split(r"[.!?]", text[:start])[-1]
    return _WANT_SAID.search(before) is not None


# --------------------------------------------------------------------------- span helpers


def _sentence_bounds(tok: Token) -> tuple[int, int]:
    sent = tok.sent
    return sent.start, sent.end


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past punctuation, disfluency marks and connective filler at either edge."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].lower_ in EDGE_JUNK):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in EDGE_JUNK):
        if doc[end - 1].lower_ == "well" and end - 2 > start and doc[end - 2].lower_ == "as":
            break  # "take the spare boxes as well": 'as' would dangle
        end -= 1
    if end - start > 3 and doc[end - 1].lower_ in _AFTERTHOUGHTS and doc[end - 2].text == ",":
        end -= 2  # "plan the harvest[, really]": a word tacked on after a comma only hedges what was said
    return start, end


# Words a speaker tacks on after a comma at the end of a thought ("..., really.", "..., basically.").
_AFTERTHOUGHTS = frozenset("really basically honestly actually obviously anyway though".split())


def _is_break(text: str) -> bool:
    """Speech restarts ('…', '--') and editorial brackets ('[...]', '(phone audio)') end a fluent stretch."""
    return any(mark in text for mark in BREAK_MARKS)


def _clip_disfluency(doc: Doc, start: int, end: int, anchor: int) -> tuple[int, int]:
    """Keep only the fluent stretch around the anchor token."""
    for i in range(anchor + 1, end):
        if _is_break(doc[i].text):
            end = i
            break
    for i in range(anchor - 1, start - 1, -1):
        if _is_break(doc[i].text):
            start = i + 1
            break
    return start, end


def _when_a_thing_does(clause: Token) -> bool:
    """The case said after a thing's doing is when the thing does it ('my console writes three dashes [when there's
    no wind]', 'the printer jams [when it's cold]'): alone, without the thing, it is no situation of the speaker's. The
    speaker's own case stays ('the phone rings [when I'm driving]')."""
    main = clause.head
    if clause.dep_ != "advcl" or main.i == clause.i or clause.i < main.i:
        return False
    subject = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    own = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    # a thing named ('my console', 'the van') doing something, not a state of things ('things get messy [when the
    # rota changes]', 'the house is quiet [when ...]')
    thing = (
        subject is not None
        and subject.pos_ in {"NOUN", "PROPN"}
        and not _is_person(subject)
        and subject.lemma_.lower() not in {"thing", "everything", "stuff", "it", "day", "week", "life", "work"}
        and any(c.dep_ in {"det", "poss"} for c in subject.children)
        and main.pos_ == "VERB"
        and main.lemma_.lower() not in {"be", "get", "become", "seem", "feel", "look", "go", "start", "stay"}
        # what it does to the speaker is theirs: 'the app pings me [when a shop keeps the crates]'
        and not any(c.lower_ in {"me", "us"} for c in main.children)
    )
    return thing and not (own is not None and own.lower_ in {"i", "we"})


def _excepted(mark: Token) -> bool:
    """The case is the exception to what was said ('it mostly worked, [except when] the wind was calm', 'other than
    when ...'): where something went wrong, no situation a goal starts from."""
    before = [t.lower_ for t in mark.doc[max(0, mark.i - 2) : mark.i]]
    return bool(before) and (before[-1] == "except" or before == ["other", "than"] or before == ["apart", "from"])


def taken_back(tok: Token) -> bool:
    """Whether the sentence of a token is taken back by all that follows it in its text ('... saved my marriage.
    (laughs) Not really.', 'I want my book back. Ha, no.'), or says its want ironically ('Oh yes, I really wanted
    another app'): a joke or an overstatement, nothing the speaker claims."""
    return takes_back(tok.doc.text[tok.sent.end_char :].strip()) or ironic(tok.sent.text)


def _signal_taken_back(doc: Doc, signal: Signal) -> bool:
    """Whether the sentence a signal lies in is taken back (`taken_back`)."""
    span = doc.char_span(signal.start_char, signal.end_char, alignment_mode="expand")
    return span is not None and taken_back(span.root)


def _cut_off(clause: Token) -> bool:
    """The case hangs on no verb and the sentence breaks off after it ('So if I get hit by a bus…'): what would
    then happen was never said, so the case sets off nothing said."""
    sent = clause.sent
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text not in {"—", "–", "--", "-", "…", "..."}:
        return False
    return clause.head.pos_ not in {"VERB", "AUX"} and clause.right_edge.i >= last.i - 1


def _cut_trailing_clauses(
    head: Token, start: int, end: int, keep: int, *, case: bool = False, joined: bool = False
) -> int:
    """End the span before a trailing clause of `head` that adds a new thought ('and then ...'). With `case` (`head`
    opens a case said before what follows from it), a second case joined by 'and' stays: 'if I look at a library
    [and I see one person on it], I worry' is one case. With `joined`, so does a second doing of the same subject
    that makes one thought with the first (slots.joined_verbs: 'press a button [and get a printed book]')."""
    kept = joined_verbs(head) if joined else {}
    kept_tokens = set(kept) | {conj.i for conj in kept.values()}
    for child in head.rights:
        if child.i <= keep or child.i >= end or object_does(head, child) or asked_right_after(head, child):
            continue  # "get my brother over [to fix the fence]", "find out [if it broke]": the phrase's point
        if child.i in kept_tokens:
            if child.dep_ == "conj":  # the second step ends where its own trailing clause begins
                end = _cut_trailing_clauses(child, start, end, child.i, joined=True)
            continue
        if (
            case
            and child.dep_ in {"conj", "cc"}
            and head.i < head.head.i
            and child.right_edge.i < head.head.i
            and not _bare_after_case(head, child)
        ):
            continue
        if child.dep_ in {"advcl", "parataxis"} or (
            child.dep_ == "conj"
            and child.pos_ in {"VERB", "AUX"}
            and any(c.dep_.startswith("nsubj") for c in child.children)
        ):
            if instead_of(child):
                continue  # "send someone a programme in thirty seconds [instead of photocopying]": what it beats
            cut = child.left_edge.i
            # A coordinating word just before the clause belongs with it, and so does the 'instead' of 'instead of'.
            while cut - 1 > keep and (
                head.doc[cut - 1].dep_ in {"cc", "punct", "mark"} or set_against(head.doc[cut - 1])
            ):
                cut -= 1
            return min(end, cut)
        if child.dep_ == "cc" and child.i > keep:
            if _instead_of_after(child):
                continue  # "[instead of photocopying]": what the doing beats is part of it
            nxt = [c for c in head.rights if c.i > child.i and c.dep_ == "conj"]
            if nxt and nxt[0].pos_ in {"VERB", "AUX"}:
                return min(end, child.i - 1 if set_against(head.doc[child.i - 1]) else child.i)
    return end


def _instead_of_after(of: Token) -> bool:
    """Whether the 'of' of 'instead of' (the 'than' of 'rather than') leads a short clause (`instead_of`)."""
    clause = next((c for c in of.head.children if c.i > of.i and c.dep_ in {"conj", "advcl", "pcomp"}), None)
    return clause is not None and instead_of(clause)


def _bare_after_case(head: Token, child: Token) -> bool:
    """A verb in its base form joined by 'and' to a case said in a finite verb, with no subject of its own ('if I
    could get a text when the van is late [and otherwise be left alone]'): the wish goes on, no second case."""
    verb = child if child.dep_ == "conj" else next((c for c in head.rights if c.i > child.i and c.dep_ == "conj"), None)
    if verb is None or verb.pos_ not in {"VERB", "AUX"} or head.tag_ not in {"VBZ", "VBP", "VBD"}:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl", "aux"} and c.tag_ != "VB" for c in verb.children):
        return False  # its own subject, or a finite or modal auxiliary: a case of its own
    first = min((c for c in verb.children if c.dep_ in {"aux", "auxpass"}), key=lambda c: c.i, default=verb)
    return first.tag_ == "VB"


def _cut_asides(doc: Doc, end: int, keep: int) -> int:
    """End a span before a new thought: ', which ...', ', because ...', 'because ...', '; ...'."""
    for i in range(keep + 1, end):
        tok = doc[i]
        if tok.text in {";", ":"} or tok.lower_ in ASIDE_OPENERS and tok.dep_ in {"mark", "cc", "advmod"}:
            return i
        if tok.text == "," and i + 1 < end:
            nxt = doc[i + 1]
            if nxt.lower_ in ASIDE_OPENERS | {"which", "who", "and", "but", "rather", "whether"}:
                return i
            # ", I don't really look at that": a new subject starts a new clause (often a mis-attached one).
            if nxt.dep_ in {"nsubj", "nsubjpass"} and nxt.head.i > i and nxt.head.i != keep:
                return i
    return end


def _clause_head(tok: Token) -> Token:
    """The nearest verb (or the sentence root) that governs a token: its clause."""
    cur = tok
    while True:
        if cur.pos_ in {"VERB", "AUX"} and cur.dep_ not in {"aux", "auxpass"}:
            return cur
        if cur.pos_ == "ADJ" and cur.dep_ in {"acomp", "ROOT", "ccomp", "conj"}:
            return cur.head if cur.head.pos_ in {"VERB", "AUX"} and cur.dep_ == "acomp" else cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head


def _clause_span(tok: Token, cue_end: int, *, joined: bool = False) -> tuple[int, int]:
    """The contiguous clause around a cue: its verb's subtree minus sibling clauses that exclude the cue; with
    `joined`, a verb joined by 'and' that shares the subject stays ('you can't log in [and access the servers]')."""
    head = _clause_head(tok)
    doc = tok.doc
    s_start, s_end = _sentence_bounds(tok)
    start, end = head.left_edge.i, head.right_edge.i + 1
    kept = joined_verbs(head) if joined else {}
    kept_tokens = set(kept) | {conj.i for conj in kept.values()}
    # Complements (ccomp, xcomp) complete the cue's clause ("I hate doing releases"); adjuncts start new ones.
    clausal = {"advcl", "conj", "parataxis", "relcl"}
    for child in head.children:
        if child.dep_ not in clausal and not (child.dep_ == "cc" and child.i > cue_end):
            continue
        if child.i in kept_tokens:
            if child.dep_ == "conj":  # the second step ends where its own trailing clause begins
                end = _cut_trailing_clauses(child, start, end, child.i, joined=True)
            continue
        if instead_of(child) or child.dep_ == "cc" and _instead_of_after(child):
            continue  # "[instead of photocopying]": what the doing beats is part of it
        c_start, c_end = child.left_edge.i, child.right_edge.i + 1
        if child.dep_ == "cc" and child.i > 0 and set_against(doc[child.i - 1]):
            c_start -= 1  # a long one goes with its 'instead'
        if c_start <= tok.i < c_end or c_start < cue_end <= c_end:
            continue
        if c_start >= cue_end:
            end = min(end, c_start)
        elif c_end <= tok.i:
            start = max(start, c_end)
    start, end = max(start, s_start), min(end, s_end)
    start, end = _clip_disfluency(doc, start, end, tok.i)
    # Never trim the cue itself away.
    t_start, t_end = _trim(doc, start, end)
    if t_start > tok.i or t_end < cue_end:
        return min(start, tok.i), max(end, cue_end)
    return t_start, t_end


# Success and pain are quoted to copywriters, so their span is a whole clause they can lift: the cue's clause
# widened to include its subject ("be happy" -> "we've been really happy with the Mozilla-funded work"), or the
# whole sentence when that clause is still too short to stand alone, never a bare cue word ("Amazing").
QUOTE_MIN_WORDS = 4
QUOTE_MAX_TOKENS = 40
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
# A bare pointer to something said before: a line with it as subject names nothing a reader can see.
_POINTERS = frozenset({"that", "this", "it", "which"})
# "csubj": a gerund clause that is the subject ("Getting my bugs fixed is why I stay") is quoted with its predicate.
_CLIMB_DEPS = frozenset(
    {"xcomp", "ccomp", "acomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj", "attr", "amod", "csubj"}
)


def _words(span: Span) -> int:
    return sum(1 for t in span if t.is_alpha or t.like_num)


def _has_verb(span: Span) -> bool:
    return any(t.pos_ in {"VERB", "AUX"} for t in span)


def _phrase_span(tok: Token, cue_end: int, *, relative: bool = False, joined: bool = False) -> tuple[int, int]:
    """A quotable clause around a cue: its clause, widened to the clause that holds its subject, else the sentence."""
    doc = tok.doc
    head = _clause_head(tok)
    for _ in range(4):
        if _made_sure(head):
            head = _clause_head(head.head)  # "make sure this thing still works": the goal, not a result, alone
            continue
        if head.dep_ in {"acl", "amod", "compound"} and _scare_quoted(doc, head.i):
            head = _clause_head(head.head)  # 'the "keep the lights on" kind of cost': the words modify a noun
            continue
        if relative and head.dep_ == "relcl" and head.head.i != head.i:
            # "projects that had one gatekeeper": a relative clause alone is no line; the clause that names what
            # it is about is ("the only projects I turned down have been projects that had one gatekeeper"). Only
            # for a pain: a success said of others reads as the speaker's ("we end up with fewer people who are
            # capable", "focus on making it something that is easier").
            head = _clause_head(head.head)
            continue
        subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS]
        if subjects and head.dep_ in {"ccomp", "pcomp"} and all(c.lower_ in {"what", "whatever"} for c in subjects):
            # "That grant is what pushed it over the finish line": a free relative says what something is or did;
            # the line is the clause that names that something ("That's what made it possible" names nothing).
            host = _clause_head(head.head)
            if not any(c.dep_ in _SUBJECT_DEPS and c.lower_ in _POINTERS for c in host.children):
                head = host
                continue
        if subjects and _small_clause(head):
            head = _clause_head(head.head)  # "getting your bugs fixed": "your bugs fixed" alone says nobody did it
            continue
        if subjects or head.head.i == head.i:
            break
        if head.dep_ not in _CLIMB_DEPS:
            break
        head = _clause_head(head.head)
    start, end = _clause_span(head, max(cue_end, head.i + 1), joined=joined)
    start, end = min(start, tok.i), max(end, cue_end)
    span = doc[start:end]
    # A subordinate clause ("if that causes a problem") or an object-led fragment ("me able to focus") needs
    # the clause it hangs on to be quotable; one that opens its own main clause does not ("If PyPI goes down,
    # people can't work").
    fragment = _subordinate_or_object_led(doc, start, end)
    if fragment or _words(span) < QUOTE_MIN_WORDS or not _has_verb(span):
        s_start, s_end = _sentence_bounds(tok)
        # Too short alone, the clause comes with the condition or time it opens on ("if PyPI goes down, people
        # can't work"), before the whole sentence ("we don't have an SLA, but if PyPI goes down, ...").
        w_start, w_end = _clip_disfluency(doc, max(head.left_edge.i, s_start), min(head.right_edge.i + 1, s_end), tok.i)
        w_start, w_end = _trim(doc, w_start, w_end)
        wide = doc[w_start:w_end]
        if (
            not fragment
            and w_start <= tok.i < w_end
            and w_end - w_start <= QUOTE_MAX_TOKENS
            and _words(wide) >= QUOTE_MIN_WORDS
            and _has_verb(wide)
            and not _subordinate_or_object_led(doc, w_start, w_end)
        ):
            return w_start, w_end
        s_start, s_end = _clip_disfluency(doc, s_start, s_end, tok.i)
        s_start, s_end = _trim(doc, s_start, s_end)
        if s_end - s_start <= QUOTE_MAX_TOKENS and s_start <= tok.i < s_end:
            start, end = s_start, s_end
    return start, end


def _small_clause(head: Token) -> bool:
    """A verb without a tense of its own under a causative ("got [the bugs fixed]", "had [them rebuild it]")."""
    causative = head.head.lemma_.lower() in {"get", "have", "make", "let", "see", "keep"}
    untensed = head.tag_ in {"VBN", "VB"} and not any(c.dep_ in {"aux", "auxpass"} for c in head.children)
    return head.dep_ == "ccomp" and causative and untensed and head.head.i != head.i


def _subordinate_or_object_led(doc: Doc, start: int, end: int) -> bool:
    """A span opening on a subordinator whose clause hangs outside it ("if that causes a problem") or on an object
    ("me able to focus"); one that opens on the condition of its own main clause is whole ("If PyPI goes down,
    people can't work")."""
    first = doc[start]
    opens_main = first.head.dep_ == "advcl" and start <= first.head.head.i < end and first.head.head.i > first.i
    return (first.lower_ in SUBORDINATORS and not opens_main) or first.lower_ in {"me", "us", "them", "him", "her"}


def _made_sure(head: Token) -> bool:
    """A clause under "make sure" or "ensure": what is meant to hold, quoted with the verb that says so."""
    above = head.head
    if head.dep_ not in {"ccomp", "advcl"} or above.i == head.i:
        return False
    if above.lemma_.lower() in {"ensure", "guarantee"}:
        return True
    return above.lower_ == "sure" and above.head.lemma_.lower() == "make"


def _hedged(doc: Doc, start: int, end: int, *, conditional_opener: bool = True) -> bool:
    """A clause hedged or made hypothetical ('maybe', 'if it works', 'it would be great').

    A pain may open with its trigger ('If PyPI goes down, people can't work'): conditional_opener=False."""
    span = doc[start:end]
    if any(t.lower_ in HEDGE_WORDS for t in span):
        return True
    root = span.root
    conditional = {"if", "unless", "whether"}
    if root.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in conditional for c in root.children):
        return True
    if conditional_opener and span[0].lower_ in conditional:
        return True
    return any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX for c in root.children)


# A copywriter lifts a success or pain line as it stands, so it must be a whole clause in the customer's voice.
QUOTE_MAX_WORDS = 30
# Openers and tails that frame a line rather than say it ("Again, ...", "..., basically"); cut at the span's edges.
_LEAD_FILLERS = frozenset(
    "again so yeah yes well oh similarly ultimately basically anyway anyways actually honestly also and but like um "
    "uh okay ok right plus then still even however".split()
)
_LEAD_PHRASES = (
    ("sort", "of"), ("kind", "of"), ("i", "think"), ("i", "mean"), ("you", "know"), ("in", "a", "way"),
    ("from", "that", "perspective"), ("to", "me"), ("for", "me"), ("in", "general"), ("of", "course"),
    ("at", "the", "end", "of", "the", "day"), ("all", "things", "considered"), ("in", "the", "past"),
    ("in", "some", "cases"), ("as", "a", "result"), ("in", "the", "worst", "case"),
)  # fmt: skip
_TAIL_FILLERS = frozenset("basically practically really right anyway anyways though too overall et cetera etc".split())
_WH_WORDS = frozenset({"what", "which", "who", "whom", "whose", "how", "where", "why"})
_FRAGMENT_OPENERS = frozenset(
    "if as because since before after although though while until unless whether for than once".split()
)
_QUOTE_HEDGES = frozenset(
    {"maybe", "perhaps", "probably", "possibly", "hopefully", "supposedly", "ideally", "might", "would", "could",
     "'d", "should", "theoretically", "potentially"}
)  # fmt: skip
_NEGATIONS = frozenset(
    {"not", "n't", "never", "no", "nobody", "nothing", "neither", "nor", "without", "none", "zero", "hardly"}
)
# The interview talking about itself is not something a customer says about their job.
_META_WORDS = frozenset(
    {"interview", "interviews", "transcript", "transcripts", "transcription", "recording", "quote", "question"}
)
# "Not sure", "not certain" doubt the clause they govern, as a negated belief verb does.
DOUBT_ADJECTIVES = frozenset({"sure", "certain"})
# Cues that are spelled with their negation ("can't work", "no longer have to"): the negation is the point.
_NEGATIVE_CUES = frozenset(
    {"can't", "can't work", "no longer have to", "few", "does not scale", "not a priority", "not hard"}
)


def _drop_lead(doc: Doc, start: int, end: int) -> int:
    """Move the start past framing words and the commas after them ("Again, that's ..." -> "that's ...")."""
    while start < end:
        low = doc[start].lower_
        if doc[start].is_punct or low in _LEAD_FILLERS:
            start += 1
            continue
        for words in _LEAD_PHRASES:
            if tuple(t.lower_ for t in doc[start : start + len(words)]) == words:
                # "I think" only frames when a clause follows; "kind of thing" is not an opener.
                if start + len(words) < end and not doc[start + len(words)].is_punct or words[0] != "i":
                    start += len(words)
                    break
        else:
            return start
    return start


def _drop_frame(doc: Doc, start: int, end: int) -> int:
    """Move the start past a leading phrase without a verb set off by a comma before the clause's subject."""
    # "From an infrastructure perspective specifically, it has been really beneficial": the line is the clause;
    # kept, the frame reads as a fragment ("Since the move, ...") or pushes the line past its length.
    first = doc[start]
    if first.dep_ == "prep" and first.head.pos_ in {"VERB", "AUX"} and first.i < first.head.i:
        # Without a comma: "As a developer the only projects I turned down ..." (the subject follows the frame).
        after = first.right_edge.i + 1
        framed = not any(t.pos_ in {"VERB", "AUX"} for t in first.subtree) and after - start <= 5
        subject = next((c for c in first.head.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
        if framed and subject is not None and subject.left_edge.i == after and after < end:
            return after
    for i in range(start, end - 1):
        if doc[i].pos_ in {"VERB", "AUX"}:
            return start
        subject = next((t for t in doc[i + 1 : end] if t.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
        if doc[i].text == "," and subject is not None and subject.left_edge.i == i + 1 and subject.head.i > i:
            return i + 1
    return start


def _drop_tail(doc: Doc, start: int, end: int) -> int:
    while True:
        before = end
        while end > start and (
            doc[end - 1].is_punct or doc[end - 1].lower_ in _TAIL_FILLERS or doc[end - 1].lower_ in EDGE_JUNK
        ):
            if doc[end - 1].lower_ == "right" and end - 2 >= start and not doc[end - 2].is_punct:
                break  # "hard to get right": a word of the line, not a tag
            end -= 1
        if end < len(doc) and doc[end - 1].lower_ == "as" and doc[end].lower_ == "well":
            end += 1  # "has really helped with onboarding as well": "as" would dangle
        tail = [t.lower_ for t in doc[max(start, end - 3) : end]]
        if end - start > 4 and tail == ["kind", "of", "thing"]:
            end -= 3
        elif end - start > 3 and tail[-2:] in (["i", "think"], ["you", "know"], ["et", "cetera"]):
            end -= 2
        if end == before:
            return end


def _inside_brackets(doc: Doc, i: int) -> bool:
    """An editor's note ('(phone audio breaking up)', '[Holth]') is not what the customer said, and words inside
    quotation marks ('they say: "You broke me') are someone else's."""
    before = doc.text[: doc[i].idx]
    if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
        return True
    quoted = before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1
    return quoted and not _scare_quoted(doc, i)


_QUOTE_MARKS = frozenset({"\u201c", "\u201d", '"'})


def _scare_quoted(doc: Doc, i: int) -> bool:
    """A few words in quotation marks used as a modifier inside the speaker's own clause ('the "keep the lights on"
    kind of cost'): the speaker's words, set off, not someone else's. The marks close within six words, in the same
    sentence, and a word of the sentence follows them."""
    sent = doc[i].sent
    opening = next((t.i for t in reversed(doc[sent.start : i]) if t.text in _QUOTE_MARKS), None)
    closing = next((t.i for t in doc[i + 1 : sent.end] if t.text in _QUOTE_MARKS), None)
    if opening is None or closing is None or closing - opening - 1 > 6 or closing + 1 >= sent.end:
        return False
    before, after = doc[opening - 1] if opening > sent.start else None, doc[closing + 1]
    spoken = before is not None and (before.text == ":" or before.lemma_.lower() in {"say", "tell", "ask", "write"})
    return not spoken and after.is_alpha


def _governs_negation(tok: Token) -> bool:
    """Whether the cue or a word above it, up to its own clause's verb, is negated ('It's not a lot of overhead';
    in 'if PyPI goes down, people can't work' the negation belongs to another clause)."""
    cur = tok
    for _ in range(6):
        if _is_negated(cur):
            return True
        if cur.pos_ in {"VERB", "AUX"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


_PREPOSITIONS = frozenset(
    "about above across after against along around at before behind below beside between by down for from in "
    "into like near of off on onto out over through to toward towards under up upon with within without".split()
)
_DANGLING_WORDS = frozenset(
    "that which who whom my your our their his her its sort kind like the a an as than so".split()
)
# "less liability", "reduce that burden": the cue is what gets smaller, so the line is good news.
_LESSENING = frozenset({"less", "fewer", "lower", "reduce", "reduced", "reduces", "reducing", "avoid", "without"})
# Cue words used as something else: "an awful lot", "an interesting problem", "falling over themselves".
_NOT_PAIN_AFTER = {
    "awful": {"lot"},
    "over": {"themselves", "ourselves", "yourselves", "himself", "herself"},
    "pain": {"point", "points"},  # "they share their pain points": research talk, not a pain
}
_NEUTRAL_BEFORE_PROBLEM = frozenset({"interesting", "fun", "good", "nice", "fascinating", "hard"})
# What a success may deny: "no more outages", "we don't have user-reported outages".
_PAIN_NOUNS = frozenset(
    "outage outages downtime problem problems bug bugs crash crashes failure failures breakage burnout stress "
    "complaints errors incidents ache aches sore headache headaches backache pain fees delays queue queues".split()
)
_SAY_TO = frozenset({"say", "tell", "know", "imagine", "remember", "predict", "answer", "think", "want", "forget"})


def _quote_span(doc: Doc, kind: SignalKind, cue: str, cue_start: int, cue_end: int) -> tuple[int, int] | None:
    """The success or pain line a copywriter could lift around a cue, or None when there is none.

    The line is the cue's clause with its subject, cut before asides and trailing clauses, without framing words
    at its edges; a second verb joined by 'and' that shares the subject stays while the line still fits
    ("you can't log in [and access the servers]"). It is refused when it is a fragment (a question, a relative or
    subordinate clause on its own, an infinitive, no subject, a dangling last word), hedged, negated into its
    opposite, an editor's note, the interview talking about itself, shorter than four words or longer than a line."""
    whole = _quote_span_at(doc, kind, cue, cue_start, cue_end, joined=True)
    if whole is not None and _words(doc[whole[0] : whole[1]]) <= LINE_WORDS:
        return whole
    return _quote_span_at(doc, kind, cue, cue_start, cue_end, joined=False)


def _quote_span_at(
    doc: Doc, kind: SignalKind, cue: str, cue_start: int, cue_end: int, *, joined: bool
) -> tuple[int, int] | None:
    """`_quote_span`, keeping the verbs joined to the cue's (`joined`) or cutting them off."""
    anchor = doc[cue_start]
    if _inside_brackets(doc, cue_start):
        return None
    start, end = _phrase_span(anchor, cue_end, relative=kind == "pain", joined=joined)
    clause = _clause_head(anchor)
    keep = cue_end - 1  # asides are cut after this token
    if doc[start].lower_ in _FRAGMENT_OPENERS | {"when", "whenever"} and clause.dep_ == "advcl":
        # "before something breaks": the line is the clause it hangs on, with it ("We don't get a chance to ...,
        # before something breaks").
        head = clause.head
        s_start, s_end = _sentence_bounds(anchor)
        start, end = max(min(start, head.left_edge.i), s_start), min(max(end, head.right_edge.i + 1), s_end)
        keep = max(keep, head.i)
    start, clipped = _clip_disfluency(doc, start, end, cue_start)
    if clipped < len(doc) and _is_break(doc[clipped].text):
        # The speaker broke off after the cue: a coordination begun before the break is what they went back to
        # correct ("set up these mirror networks and quite often, anchored by either Linux vendor -- sorry, not");
        # things named together stay ("uploads of Microsoft Windows and Mac OS X wheels -- the Linux wheel ...").
        clipped = next(
            (i for i in range(clipped - 1, keep, -1) if doc[i].dep_ == "cc" and doc[i].head.pos_ in {"VERB", "AUX"}),
            clipped,
        )
    end = _cut_asides(doc, clipped, keep)
    # ", where they set up ...", ", that I don't even notice": a relative aside adds a second thought.
    end = next(
        (i for i in range(cue_end, end - 1) if doc[i].text == "," and doc[i + 1].lower_ in {"where", "that"}), end
    )
    start = _drop_lead(doc, start, min(end, cue_start))
    start = _drop_frame(doc, start, min(end, cue_start))
    end = _drop_tail(doc, start, end)
    if start >= end or end < cue_end or start > cue_start:
        return None
    # A leading complementizer ("that other people are able to ...") goes when a clause with its subject follows,
    # and so does a factive opener heading a sentence of its own ("Although every one of them stayed on.").
    if doc[start].lower_ in {"that", "although", "though", "because", "since"} and doc[start].dep_ == "mark":
        start += 1
    span = doc[start:end]
    if _fragment(span, doc, end) or _hedged_or_reversed(span, kind, cue, anchor, cue_end):
        return None
    return start, end


_TROUBLE_NOUNS = frozenset({"pain", "problem", "issue", "frustration", "complaint", "struggle"})
_TALK_ABOUT = frozenset({"share", "tell", "talk", "describe", "discuss", "list", "hear", "mention", "voice", "explain"})


def _talked_about(tok: Token) -> bool:
    """A trouble noun that is only the topic of talk ('share their pain points', 'talk about the problems')."""
    if tok.lemma_.lower() not in _TROUBLE_NOUNS or tok.pos_ != "NOUN":
        return False
    head = tok.head
    while head.dep_ in {"compound", "conj", "prep", "pobj", "dobj"} and head.lemma_.lower() not in _TALK_ABOUT:
        if head.head.i == head.i:
            break
        head = head.head
    if head.lemma_.lower() == "point":  # "pain points"
        head = head.head
    return head.lemma_.lower() in _TALK_ABOUT


def _fragment(span: Span, doc: Doc, end: int) -> bool:
    """A span that is not a whole clause in the speaker's own voice."""
    first, root, last = span[0], span.root, span[-1]
    words = [t.lower_.replace("\u2019", "'") for t in span]
    if not QUOTE_MIN_WORDS <= _words(span) <= QUOTE_MAX_WORDS or not _has_verb(span):
        return True
    if any(t.text in {"?", "(", ")", "[", "]"} or _is_break(t.text) for t in span):
        return True  # a question, an editor's note, a restart
    if span.text.count('"') % 2 or span.text.count("“") != span.text.count("”"):
        return True  # someone else's words begin inside the line ('contact us to say: "You broke me')
    tag = _tag_question(span.sent)
    if span.sent[-1].text == "?" and not (tag is not None and end <= tag) or set(words) & _META_WORDS:
        return True  # a question; but "it's scary to make a change, right?" states, then checks
    # "Which to me is a huge success.": a sentence of its own about what was just said, "which" its subject.
    sentential = first.lower_ == "which" and first.i == span.sent.start and first.head.i == root.i
    sentential = sentential and root.dep_ == "ROOT" and first.dep_ in _SUBJECT_DEPS | {"dep"}
    if any(_talked_about(t) for t in span):
        return True  # "they share their pain points or the problems they had": research talk, not a pain
    if (first.lower_ in _WH_WORDS and not sentential) or first.lower_ == "to":
        return True  # "what made it possible", "to address production outages"
    if root.pos_ not in {"VERB", "AUX"}:
        return True  # a noun phrase around a verb ("overhead of managing those caveats")
    opener = first.lower_ in _FRAGMENT_OPENERS | {"when", "whenever"}
    if opener and any(c.i == first.i and c.dep_ in {"mark", "prep", "advmod"} for c in root.children):
        return True  # a subordinate clause without the clause it hangs on
    inside = [c for c in root.children if span.start <= c.i < span.end]
    has_subject = sentential or any(c.dep_ in _SUBJECT_DEPS for c in inside)
    relative = first.lower_ in {"that", "which", "who"} and first.dep_ in _SUBJECT_DEPS | {"dobj", "pobj"}
    relative = relative and not sentential
    if root.dep_ == "relcl" or (root.dep_ == "acl" and (relative or not has_subject)) or first.head.dep_ == "relcl":
        return True  # "who are fixing bugs"; but "[the fact that] other people are able to ..." stands alone
    if root.tag_ == "VBG" and has_subject and not any(c.dep_ in {"aux", "auxpass"} for c in inside):
        return True  # "Donald being able to get his eventual position at AWS": a gerund clause, not a sentence
    if root.pos_ in {"VERB", "AUX"} and not has_subject and not (root.i == span.start and root.tag_ == "VBG"):
        return True  # "caused a lot of headaches", "Pushed it to test PyPI": whose line is it?
    if root.tag_ == "VB" and not any(c.dep_ == "aux" and c.lower_ != "to" for c in inside):
        return True  # "help the group submit a proposal", "PyPI to keep working": a clause under someone else's verb
    if last.lower_ in _DANGLING_WORDS or (last.lower_ in _PREPOSITIONS and not particle(last) and not stranded(last)):
        return True
    # "far more stable than it ever was": a comparison closes on its verb.
    compared = last.pos_ == "AUX" and any(t.lower_ == "than" for t in doc[max(span.start, end - 5) : end - 1])
    if (last.pos_ in {"DET", "CCONJ", "SCONJ", "AUX", "PART"} and not compared) or (
        last.lower_ == "do" and last.pos_ == "VERB"
    ):
        return True  # "... and", "we were able to do"
    for tok in span:  # ends inside a subordinate clause: "we don't have an SLA, but if PyPI goes down"
        clause = tok.head
        if tok.dep_ == "mark" and clause.dep_ == "advcl" and not span.start <= clause.head.i < span.end:
            if tok.i > span.start:
                return True
    follows = doc[end] if end < len(doc) else None
    # "... and reflect back what they were saying and say, actually": what was said is cut off after the verb.
    spoken = [t for t in span if not t.is_punct]
    while len(spoken) > 1 and spoken[-1].lower_ in {"actually", "well", "like"}:
        spoken.pop()
    verb = spoken[-1]
    told = (c for c in verb.children if verb.i < c.i < end and c.dep_ not in {"advmod", "punct", "cc", "intj"})
    if verb.lemma_.lower() in {"say", "tell", "ask"} and next(told, None) is None:
        return True
    if follows is not None and (_is_break(follows.text) or follows.text == ":"):
        # Cut off by a restart or before what was said: "a lot of additional…", "and saying: ..."
        return last.pos_ in {"ADJ", "ADV", "NUM"} or last.lemma_.lower() in {"say", "go", "tell", "ask"}
    return False


_TAG_WORDS = frozenset({("right",), ("correct",), ("yeah",), ("yes",), ("no",), ("okay",), ("ok",), ("you", "know")})


def _tag_question(sent: Span) -> int | None:
    """Where a closing tag question (", right?", ", isn't it?") starts: the statement before it is a line."""
    if len(sent) < 4 or sent[-1].text != "?":
        return None
    comma = next((t.i for t in reversed(sent[:-1]) if t.text == ","), None)
    if comma is None:
        return None
    tag = tuple(t.lower_ for t in sent.doc[comma + 1 : sent.end - 1])
    aux_tag = len(tag) == 3 and tag[1] in {"n't", "not"} and sent.doc[comma + 1].pos_ == "AUX"
    return comma if tag in _TAG_WORDS or aux_tag else None


def _under_condition(anchor: Token, span: Span) -> bool:
    """The cue sits in an 'if'/'unless' clause inside the line: it names a case, not what happened."""
    tok = anchor
    while tok.head.i != tok.i:
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in tok.children):
            return span.start <= tok.i < span.end
        tok = tok.head
    return False


def _hedged_or_reversed(span: Span, kind: SignalKind, cue: str, anchor: Token, cue_end: int) -> bool:
    """Hedged ('probably', 'would'), negated into its opposite, or a cue word used for something else."""
    doc = span.doc
    words = [t.lower_.replace("\u2019", "'") for t in span]
    hedged = set(words) & _QUOTE_HEDGES
    if kind == "pain":  # "couldn't", "wouldn't" state an inability or a refusal, not a guess
        hedged = {w for i, w in enumerate(words) if w in hedged and words[i + 1 : i + 2] not in (["n't"], ["not"])}
    pairs = set(zip(words, words[1:], strict=False))
    if hedged or pairs & {("i", "guess"), ("i", "suppose"), ("in", "theory")}:
        return True
    if _under_negated_belief(anchor):
        return True  # "I'm not sure I even encountered an outage": the speaker doubts it happened at all
    if _under_condition(anchor, span):
        return True  # "if there's some specific problem they're having, I'm happy to ...": a case, not a pain
    if any(
        a in {"hard", "difficult", "tough", "easy"} and b == "to" and c in _SAY_TO
        for a, b, c in zip(words, words[1:], words[2:], strict=False)
    ):
        return True  # "that's hard to say" hedges; it is no struggle
    if kind == "success":
        if words[0] in {"if", "unless", "whether"}:
            return True
        if any(t.lower_ == "but" and t.dep_ == "cc" and t.i >= cue_end for t in span):
            return True  # "Carys is amazing but she's got standards": praise granted, the point follows
        if any(c.dep_ == "mark" and c.lower_ == "while" for c in anchor.children):
            return True  # "Amy turned the messages off while we fixed the stages": when, no result
        negation = next((i for i, w in enumerate(words) if w in _NEGATIONS), None)
        if negation is not None and cue not in _NEGATIVE_CUES and not set(words[negation:]) & _PAIN_NOUNS:
            return True  # "not sustainable"; but "we generally don't have user-reported outages" is a success
        able = next((t for t in doc[anchor.i : cue_end] if t.lower_ == "able"), None)
        if able is not None and able.head.tag_ == "VB":
            return True  # "to be able to", "should be able to": wanted, not achieved
        # "get my bugs fixed", "had the outage fixed": a causative reports the fix; "a bug fixed" alone describes one.
        causative = anchor.head.head.lemma_.lower() in {"get", "have"}
        caused = anchor.dep_ == "acl" and anchor.head.dep_ == "dobj" and causative
        if cue == "fixed" and anchor.tag_ == "VBG":
            return True  # "I spent weekends fixing the oven": work under way, not a result
        if cue == "fixed" and (anchor.tag_ == "VB" or anchor.dep_ in {"relcl", "acl"}) and not caused:
            return True
        causer = anchor.head if _small_clause(anchor) else anchor.head.head if caused else anchor
        if cue == "fixed" and (_is_negated(anchor) or _is_negated(causer)):
            return True  # "they can't get their bugs fixed": a fix denied, whatever the pain noun in it
        if cue == "praise" and anchor.pos_ == "ADJ" and anchor.dep_ == "amod" and cue_end - anchor.i == 1:
            return True  # "tell you the most awesome thing": a description, not the speaker's own praise
        wanted = anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in MOTIVE_VERBS | {"have", "got"}
        if wanted and any(c.lower_ == "to" for c in anchor.children):
            return True  # "he had to continue to work on it": an obligation, not a result
        if cue == "better thing" and _not_had(anchor):
            return True
        going = doc[cue_end - 1].lemma_.lower() == "go"
        if going and cue_end < len(doc) and doc[cue_end].lower_ in _PREPOSITIONS | {"back"}:
            return True  # "I keep going on and rambling"
        return False
    if cue not in _NEGATIVE_CUES and _governs_negation(anchor):
        return True
    before = doc[anchor.i - 1].lower_ if anchor.i > 0 else ""
    after = doc[cue_end].lower_ if cue_end < len(doc) else ""
    if before in _LESSENING or after in _NOT_PAIN_AFTER.get(doc[cue_end - 1].lower_, ()):
        return True
    if _avoided(anchor):
        return True
    stopped = anchor.tag_ == "VBG" and anchor.head.lemma_.lower() in {"stop", "cease"} and anchor.head.i != anchor.i
    if stopped and not _is_negated(anchor.head):
        return True  # "the alarms have stopped failing": a trouble that has ended
    return anchor.lemma_.lower() == "problem" and before in _NEUTRAL_BEFORE_PROBLEM


_AVOID_VERBS = frozenset({"avoid", "bypass", "sidestep", "skip", "prevent", "dodge"})


def _avoided(tok: Token) -> bool:
    """A breakage named as what a verb steers clear of ("a workaround to avoid the bit that's broken"): good news."""
    cur = tok
    for _ in range(6):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "dobj" and cur.head.lemma_.lower() in _AVOID_VERBS:
            return not _is_negated(cur.head)
        cur = cur.head
    return False


def _not_had(better: Token) -> bool:
    """'better' names something the speaker has or is now only as the object or complement of a verb in the present
    or past: not "interest in better license specifications", "will have much better guardrails", "we need better
    tooling", "one of the better documented paths"."""
    thing = better.head
    verb = thing.head
    if thing.dep_ not in {"dobj", "attr", "nsubj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
        return True
    if verb.lemma_.lower() in MOTIVE_VERBS - {"have"} or verb.lemma_.lower() in {"get"} and verb.tag_ == "VB":
        return True
    if any(c.dep_ == "aux" and c.lower_ in {"will", "'ll", "wo", "to", "gonna"} for c in verb.children):
        return True
    return any(t.lower_ == "one" for t in better.doc[max(0, better.i - 3) : better.i])


def _to_signal(doc: Doc, kind: SignalKind, start: int, end: int, cue: str) -> Signal | None:
    if end <= start:
        return None
    span: Span = doc[start:end]
    if not any(t.is_alpha for t in span):
        return None
    return Signal(kind=kind, text=span.text, start_char=span.start_char, end_char=span.end_char, cue=cue)


# --------------------------------------------------------------------------- the extractor


def _is_person(tok: Token) -> bool:
    # Proper nouns are left out: without NER "PyPI needs to scale" and "Donald needs to" look alike.
    return tok.lower_ in PERSON_PRONOUNS or tok.lemma_.lower() in PERSON_NOUNS


def _subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited through xcomp/conj chains ('I want to try to ...')."""
    cur = verb
    for _ in range(6):
        if (found := own_subject(cur)) is not None:
            return found
        if cur.dep_ in {"xcomp", "conj", "advcl"} and cur.head.i != cur.i:
            cur = cur.head
        else:
            return None
    return None


def _is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    # "no longer", "not anymore" negate the verb through an adverb.
    if any(c.lower_ in {"longer", "anymore"} and (c.lower_ == "anymore" or _is_negated(c)) for c in tok.children):
        return True
    return any(c.lower_ in {"no", "never"} and c.dep_ in {"det", "neg", "advmod"} for c in tok.children)


def _asked_after_aside(doc: Doc, start: int, end: int) -> int:
    """Where a goal of knowing or seeing ends whose question comes after an aside ('see, in six weeks, [roughly how
    much is going to be market size]'): the parser may hang the question from the want; `end` otherwise."""
    for tok in doc[start:end]:
        if tok.lemma_.lower() in {"know", "see"} and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ",":
            asked = asked_past_aside(tok)
            if asked and asked[0].i >= end:
                return asked[-1].i + 1
    return end


def _second_step(want: Token, end: int) -> int:
    """Where a goal ends that goes on, after 'and', to a second doing the parser hung from the want itself ('I want
    to be able to go in [and just add five for this week]'): a bare verb with no subject of its own, said right after
    the goal's phrase, is its second step, often its point; `end` otherwise."""
    step = joined_verbs(want).get(end)  # not "and then ..." (an outcome of its own), nor a step with its own subject
    if step is None:
        step = _listed_step(want, end)  # "I want to open my phone, [see it's sorted], and go back to sleep"
        if step is not None:
            return max(end, step.right_edge.i + 1)
    if step is None or step.tag_ != "VB" or step.pos_ != "VERB" or step.left_edge.i != end + 1:
        return end
    if any(c.dep_ in {"aux", "neg"} for c in step.children):
        return end
    _, step_end = _vp_span(step)
    return max(end, step_end)


def _listed_step(want: Token, end: int) -> Token | None:
    """A second doing listed after a comma that the parser hung from the want ('I want to open my phone[, see it's
    sorted, and go back to sleep]'): a verb in its bare form, with no subject of its own, whose list ends the
    sentence with 'and'."""
    doc = want.doc
    if end + 1 >= len(doc) or doc[end].text != ",":
        return None
    step = doc[end + 1]
    bare = step.pos_ == "VERB" and step.tag_ in {"VB", "VBP"} and step.lower_ == step.lemma_.lower()
    if not bare or step.head.i != want.i or step.dep_ not in {"dep", "conj", "parataxis"}:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "neg"} for c in step.children):
        return None
    last = [c for c in step.children if c.dep_ == "conj" and c.tag_ == "VB"]
    closes = bool(last) and any(c.dep_ == "cc" and c.lower_ == "and" for c in step.children)
    return step if closes and step.right_edge.i + 2 >= step.sent.end else None


# How one says a thing: 'to be clear', 'to be honest', 'to be frank'.
_SAID_PLAINLY = frozenset({"clear", "honest", "frank", "straight"})


def _is_filler(verb: Token) -> bool:
    """A conversational verb phrase ('want to say', "I'd add that") rather than a goal; going somewhere to do a
    thing ('go in and add five') is that doing, no filler."""
    lemma = verb.lemma_.lower()
    if lemma == "go" and any(not _is_filler(step) for step in joined_verbs(verb).values()):
        return False
    if lemma == "be" and any(c.dep_ == "acomp" and c.lower_ in _SAID_PLAINLY for c in verb.children):
        # "I want to be very clear about that, nothing went out": how the speaker means their words; being honest
        # with someone named ('be honest with the families') is a goal
        return not any(t.pos_ in {"NOUN", "PROPN"} for t in verb.subtree)
    if lemma == "hear" and any(
        c.dep_ == "prep"
        and c.lower_ in {"about", "of"}
        and any(g.pos_ in {"NOUN", "PROPN"} and not any(d.lower_ == "your" for d in g.children) for g in c.children)
        for c in verb.children
    ):
        return False  # "I need to hear about a breaking change [before it breaks me]": news sought, no filler
    if lemma in FILLER_VERBS:
        return True
    return lemma in SOFT_FILLER_VERBS and not any(
        c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} for c in verb.children
    )


def _misread_passive(verb: Token) -> Token | None:
    """The base-form verb the parser hung as the passive auxiliary of the word it acts on ('to just press "paid"':
    'press' read as the 'be' of a passive 'paid'), with its 'to'; None for a true passive ('to be paid', 'to get
    paid'): a base form is no auxiliary but 'be' or 'get'."""
    aux = next((c for c in verb.children if c.dep_ == "auxpass" and c.i < verb.i), None)
    if verb.tag_ != "VBN" or aux is None or aux.tag_ != "VB" or aux.lemma_.lower() in {"be", "get"}:
        return None
    return aux if any(_to(t) for t in (*verb.children, *aux.children)) else None


def _to(tok: Token) -> bool:
    return tok.dep_ == "aux" and tok.lower_ == "to" and tok.tag_ == "TO"


def _has_to(verb: Token) -> bool:
    """An infinitive: a base-form verb with its own 'to' ('contributed to was accepted' is a mis-parse)."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" and c.tag_ == "TO" for c in verb.children)


def _first_conjunct(tok: Token) -> Token:
    """The first verb of a coordination ('X and try to Y' -> X), which carries the clause's dependency."""
    cur = tok
    for _ in range(8):
        if cur.dep_ != "conj" or cur.head.i == cur.i:
            break
        cur = cur.head
    return cur


# "You have to understand, ...", "you need to realise ...": the speaker asks the listener to take a point in.
_TOLD_TO_LISTENER = frozenset({"understand", "appreciate", "realise", "realize"})


def _is_hypothetical(tok: Token) -> bool:
    """A verb in a subordinate clause opened by 'if', 'when', 'because' ...; a bare participle is not. An 'if' or
    'unless' clause is a case weighed wherever the parser hangs it: "If I have to wash my hands every time, no." may
    read with the 'if' clause as the root, the answer ('no') hung from it."""
    cur = _first_conjunct(tok)
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in cur.children):
        return True
    return cur.dep_ == "advcl" and any(
        c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in cur.children
    )


def _in_case(verb: Token) -> bool:
    """The verb heads, or hangs inside, an 'if'/'unless' clause ('If I have to wash my hands every time [to look at
    a screen], no.'): a case weighed, so what is done in it is for no purpose the speaker has."""
    cur = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in cur.children):
            return True
        if cur.dep_ not in {"xcomp", "conj", "advcl"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _under_negated_belief(tok: Token) -> bool:
    """'I don't think they have to worry', "I'm not sure I even encountered an outage": the negation of 'think'
    or 'sure' applies to the clause below it."""
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in BELIEF_VERBS:
            return _is_negated(cur.head)
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in DOUBT_ADJECTIVES:
            return _is_negated(cur.head) or _is_negated(cur.head.head)
        cur = cur.head
    return False


def _vp_span(verb: Token) -> tuple[int, int]:
    """The verb phrase headed by an infinitive, without its 'to' and without trailing new clauses."""
    doc = verb.doc
    to = [c.i for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"]
    # Start after "to": fronted objects ("what you need to get done") are not part of the phrase.
    start = max(verb.left_edge.i, max(to) + 1) if to else verb.i
    end = verb.right_edge.i + 1
    end = _cut_trailing_clauses(verb, start, end, verb.i, joined=True)
    end = _cut_asides(doc, end, verb.i)
    if end == verb.right_edge.i + 1 and (place := place_said_after(verb)):
        end = place[-1].i + 1  # "have the list [somewhere I can see it from the van]"
    s_start, s_end = _sentence_bounds(verb)
    start, end = max(start, s_start), min(end, s_end)
    start, end = _clip_disfluency(doc, start, end, verb.i)
    return _trim(doc, start, end)


class _Extractor:
    """Holds the compiled Matcher patterns for one spaCy pipeline."""

    def __init__(self, nlp: Language):
        from spacy.matcher import Matcher

        self.nlp = nlp
        self.cues = Matcher(nlp.vocab)
        for key, patterns in cue_patterns().items():
            self.cues.add(key, patterns)
        self.clauses = Matcher(nlp.vocab)
        lo = "LOWER"
        subj = {"POS": {"IN": ["PRON", "PROPN", "NOUN"]}}
        modal = {lo: {"IN": sorted(MODALS | {"do", "does", "did", "don't", "wo", "ca", "are", "'re", "am", "is"})}}
        self.clauses.add(
            "outcome:so that",
            [
                [{lo: "so"}, {lo: "that"}],
                [{lo: "so"}, subj, modal],
                [{lo: "so"}, {"POS": "DET"}, {"POS": {"IN": ["NOUN", "PROPN"]}}, modal],
                [{lo: "so"}, {"POS": {"IN": ["PROPN", "NOUN"]}}, {"POS": {"IN": ["NOUN", "PROPN"]}}, modal],
                [{lo: "so"}, {lo: {"IN": ["when", "once", "whenever"]}}],
            ],
        )
        self.clauses.add(
            "outcome:in order to",
            [[{lo: "in"}, {lo: "order"}, {lo: "to"}], [{lo: "so"}, {lo: "as"}, {lo: "to"}]],
        )
        self.clauses.add("outcome:that way", [[{lo: "that"}, {lo: "way"}, {"IS_PUNCT": True, "OP": "?"}, subj]])
        time_nouns = {lo: {"IN": TIME_NOUNS}}
        self.clauses.add(
            "situation:time",
            [
                [{lo: any_of("on over every each most")}, {lo: "the", "OP": "?"}, {lo: {"IN": WEEKDAYS}}],
                [{lo: any_of("every each")}, {lo: any_of("other single"), "OP": "?"}, time_nouns],
                [
                    {lo: "at"},
                    {lo: "the"},
                    {lo: any_of("end start beginning")},
                    {lo: "of"},
                    {lo: any_of("the a each every our my"), "OP": "?"},
                    time_nouns,
                ],
                [
                    {lo: any_of("in during")},
                    {lo: "the"},
                    {lo: any_of("morning mornings evening evenings night weekend")},
                ],
                [{lo: "at"}, {lo: "night"}],
                [{lo: any_of("on over")}, {lo: "weekends"}],
                [
                    {lo: "during"},
                    {"POS": "DET", "OP": "?"},
                    {"POS": "ADJ", "OP": "?"},
                    {"POS": any_of("NOUN PROPN")},
                ],
            ],
        )

    # -- situation -----------------------------------------------------------------
    def situations(self, doc: Doc) -> list[Signal]:
        out: list[Signal] = []
        # "for the list to be there [when I walk in]": when a thing wanted is to be so is said in the goal itself
        held = {t.i for s in _states_wanted(doc) for t in s.tokens}
        for tok in doc:
            low = tok.lower_
            head = tok.head
            clause: Token | None = None
            cue = low
            # "[for] when the Wi-Fi goes": what a thing is kept for is a case the speaker may be in
            kept_for = head.dep_ == "pcomp" and head.head.lower_ == "for"
            if low in SITUATION_ADVMODS and tok.dep_ in {"advmod", "mark"} and (head.dep_ == "advcl" or kept_for):
                clause = head
                if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ in {"AUX", "VERB"}:
                    continue  # "when was the last PR": an embedded question
            elif low in SITUATION_MARKS and tok.dep_ == "mark" and head.dep_ == "advcl":
                if asked_right_after(head.head, head):
                    continue  # "find out [if the build broke]": what is asked, no case the speaker is in
                clause = head
            elif (
                low == "time"
                and any(c.lower_ in {"every", "each", "any"} and c.dep_ == "det" for c in tok.children)
                and any(c.dep_ in {"relcl", "acl"} for c in tok.children)
            ):
                cue = "every time"
                start, end = tok.left_edge.i, tok.right_edge.i + 1
                # "every time it updates [it goes back to tiny]": the parser may hang the clause the case leads to
                # from the case's own verb
                said = next(c for c in tok.children if c.dep_ in {"relcl", "acl"})
                hung = [
                    c.left_edge.i
                    for c in said.rights
                    if c.dep_ == "ccomp"
                    and said.lemma_.lower() not in _TAKES_A_CLAUSE
                    and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
                ]
                end = min([end, *hung])
                start, end = _clip_disfluency(doc, start, end, tok.i)
                start, end = _trim(doc, start, end)
                if (sig := _to_signal(doc, "situation", start, end, cue)) is not None:
                    out.append(sig)
                continue
            elif (
                low in {"after", "before", "during"}
                and tok.dep_ == "prep"
                and tok.head.lemma_.lower() not in {"go", "come", "look", "run", "chase", "be"}
                and any(c.dep_ == "pobj" and c.pos_ == "NOUN" for c in tok.children)
                and tok.i > 0
            ):
                start, end = _trim(doc, tok.i, tok.right_edge.i + 1)
                start, end = _clip_disfluency(doc, start, end, tok.i)
                if (sig := _to_signal(doc, "situation", start, end, low)) is not None:
                    out.append(sig)
                continue
            if clause is None:
                continue
            if tok.i in held or _excepted(tok) or _when_a_thing_does(clause):
                continue
            if inside_wish(clause):
                # "I'd like it if I could just set it to every Saturday": the wish itself; "I'd love it if when
                # someone joins a project they got the folders": a case of the world wished for, not the speaker's
                continue
            # Questions ("When did you ...?") and embedded questions ("determine if ...") are not triggers.
            if clause.dep_ == "ROOT" or _cut_off(clause):
                continue
            if clause.i > clause.head.i and clause.head.lemma_.lower() in QUESTION_VERBS and not _thing_seen(clause):
                continue
            if any(asks_whether(a) for a in clause.ancestors):
                continue  # "know [if a customer's changed something after it's gone to Trevor]": part of what is asked
            if any(
                t.lower_ == "whether" or (t.lower_ == "or" and doc[t.i + 1].lower_ == "not")
                for t in doc[tok.i : clause.right_edge.i]
            ):
                continue
            start = tok.i if tok.dep_ == "mark" else min(tok.i, clause.left_edge.i)
            end = clause.right_edge.i + 1
            end = _cut_trailing_clauses(clause, start, end, max(tok.i, clause.i), case=True)
            end = _cut_asides(doc, end, max(tok.i, clause.i))
            s_start, s_end = _sentence_bounds(tok)
            start, end = max(start, s_start), min(end, s_end)
            start, end = _clip_disfluency(doc, start, end, clause.i)
            start, end = _trim(doc, start, end)
            if start > tok.i:  # the marker must open the clause
                continue
            if end - start < 3:
                continue
            subj = _subject_of(clause)
            quoting = (
                clause.lemma_.lower() in {"say", "tell", "ask"}
                or clause.lemma_.lower() == "go"
                and (subj is None or _is_person(subj))
            )
            if quoting and end <= clause.i + 1:
                continue  # "if a volunteer says… Hey", "when he goes, ...": the quote is cut off, the situation is
                # incomplete; "when the Wi-Fi goes" is whole
            if clause.lemma_.lower() in META_VERBS and subj is not None and subj.lower_ == "i":
                continue  # "when I talk about X" narrates the interview, not the customer's situation
            if frames_answer(clause):
                continue  # "if I had to pick a day, it'd be a Thursday": how an answer is framed, no case lived
            if (sig := _to_signal(doc, "situation", start, end, cue)) is not None:
                out.append(sig)
        for key, start, end in self.clauses(doc):
            label = self.nlp.vocab.strings[key]
            if label == "situation:time" and not (end < len(doc) and doc[end].lower_ in {"ago", "later", "before"}):
                if inside_wish(doc[start]):
                    continue  # "I'd like it if I could set it to every Saturday": when, in the world wished for
                span_start, span_end = _trim(doc, start, end)
                if (sig := _to_signal(doc, "situation", span_start, span_end, doc[start:end].text.lower())) is not None:
                    out.append(sig)
        return out

    # -- motivation ----------------------------------------------------------------
    def motivations(self, doc: Doc) -> list[Signal]:
        out: list[Signal] = []
        for tok in doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ not in {"VERB", "AUX"} or lemma not in MOTIVE_VERBS:
                continue
            if _is_negated(tok) or ended(tok):
                continue  # "I don't need to", "I stopped needing to ring round": no want of now
            if lemma in PREFERENCE_VERBS and not any(
                c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in tok.children
            ):
                continue
            subj = _subject_of(tok)
            if subj is not None and not _is_person(subj):
                continue
            if any(c.lower_ == "yet" for c in tok.children):  # "I have yet to see" is not an obligation
                continue
            if lemma == "have" and tok.tag_ in {"VBD", "VBN"}:
                continue  # "I had to type them in myself", "we've had to chase them": a story's chore, no goal
            if lemma == "try" and tok.tag_ in {"VBD", "VBN"}:
                continue  # "First I tried to be stricter", "we've tried to keep a list": an old way tried, no goal
            if lemma == "try" and tok.tag_ == "VBP" and subj is not None and subj.lower_ == "you":
                continue  # "you pick it up and you try to write while ...": how a chore goes for anyone, no goal
            if lemma == "try" and (told_scene(tok) or seen_doing(tok)):
                continue  # "I'm standing there trying to read his writing": what was going on, no goal
            if lemma == "try" and kept_at(tok):
                continue  # "I still try to write a proper note": a habit kept from the old way, no goal
            if would_try(tok):
                continue  # "then I'd go through the bank and try to match the transfers": a habit, no goal
            # "the stuff you want to give away", "if PyPI had to shut down", "Trying to X is tough": the
            # goal's object lives outside the phrase, or the wanting is hypothetical or merely mentioned.
            role = _first_conjunct(tok).dep_
            if role in {"relcl", "csubj", "csubjpass", "acl"} or _is_hypothetical(tok) or made_up(tok):
                continue
            if _under_negated_belief(tok) or thought_by_others(tok):
                continue  # ... or what someone else would think the speaker wants ('the lads would think I wanted to')
            if subj is None and tok.tag_ == "VBG":
                continue
            if lemma == "wish":
                for c in tok.children:
                    doer = next((g for g in c.children if g.dep_ == "nsubj" and g.i < c.i), None)
                    if doer is not None and doer.lower_ not in {"i", "we"}:
                        continue  # "I wish Sandra would give me her receipts": hers to do (slots.wished_would)
                    # "I wish I'd [got] a photo of his face": 'had', a past wished otherwise, no goal of now
                    if (
                        c.dep_ == "ccomp"
                        and c.tag_ == "VB"
                        and any(a.dep_ == "aux" and a.lower_ in {"could", "would", "'d"} for a in c.children)
                    ):
                        modal = max(a.i for a in c.children if a.dep_ == "aux")
                        start, end = _vp_span(c)
                        start = max(start, modal + 1)
                        start, end = _trim(doc, start, end)
                        if (sig := _to_signal(doc, "motivation", start, end, "wish I could")) is not None:
                            out.append(sig)
                continue
            for verb in tok.children:
                if verb.dep_ != "xcomp" or verb.pos_ not in {"VERB", "AUX"} or verb.i < tok.i:
                    continue
                # "I'd like to just press "paid" on the phone": the parser may read the doing as a passive's 'be'
                misread = _misread_passive(verb)
                if not _has_to(verb) and misread is None:
                    continue
                if _is_filler(misread or verb) or verb.left_edge.i < tok.i:
                    continue  # a fronted object ("what you need to get done") leaves the phrase without one
                if verb.lemma_.lower() == "be" and any(
                    c.dep_ == "acomp" and c.lower_ in UPSET_WORDS for c in verb.children
                ):
                    continue  # "I wanted to be mad at him": a feeling, no progress sought
                if verb.lemma_.lower() in OUTBURSTS:
                    continue  # "I wanted to crawl into a hole", "I want to scream": how it felt, no progress sought
                if _learns_nothing(verb):
                    continue  # "I needed to know without going in the back": what is to be known is not said
                if subj is not None and subj.lower_ == "you" and verb.lemma_.lower() in _TOLD_TO_LISTENER | INVITED:
                    continue  # "you have to understand, at three in the morning you're alone": said to the listener
                to = next(g.i for g in (*verb.children, *(misread.children if misread else ())) if _to(g))
                if any(t.dep_ in {"nsubj", "nsubjpass", "dobj", "ccomp"} for t in doc[tok.i + 1 : to]):
                    continue  # "we need the handover to be in one place": the handover's to be, not the speaker's
                start, end = _vp_span(verb)
                if (asked := question_said_after(verb)) and asked[0].i == end:
                    end = asked[-1].i + 1  # "trying to work out [if I can afford stuff]", hung from 'trying'
                if misread is not None:
                    start, end = _trim(doc, to + 1, end)  # from the doing on: the parser put it before its 'verb'
                end = _asked_after_aside(doc, start, _second_step(tok, end))
                cue = f"{tok.text} to"
                if (sig := _to_signal(doc, "motivation", start, end, cue)) is not None:
                    out.append(sig)
        # "I want new patients to be able to book a slot", "I needed every box to be labelled", "I wanted one place
        # where every player says yes or no", "What I wanted was to stop chasing": the speaker's goal said as what
        # others are to do or have done, as a thing told by what happens with it, or as what the want is, as the slot
        # rules read it (with the same exclusions: others' wants, denied, conditional, asked), so that the talk
        # around it counts as voicing a goal.
        for tok in doc:
            wanted = _wanted_as_slots_read(tok) if tok.pos_ == "VERB" else None
            if (wanted := wanted or said_most(tok) or aim_that(tok) or asked_that(tok)) is not None:
                start, end = wanted.tokens[0].i, wanted.tokens[-1].i + 1
                if (sig := _to_signal(doc, "motivation", start, end, wanted.rule)) is not None:
                    out.append(sig)
        # "looking for a way to X", "looking for ways to X"
        for tok in doc:
            if tok.lemma_.lower() not in {"way", "means"} or tok.dep_ != "pobj":
                continue
            prep = tok.head
            if prep.lower_ != "for" or prep.head.lemma_.lower() not in {"look", "search", "hunt", "find"}:
                continue
            for verb in tok.children:
                if verb.dep_ in {"relcl", "acl"} and _has_to(verb) and verb.i > tok.i:
                    start, end = _vp_span(verb)
                    if (sig := _to_signal(doc, "motivation", start, end, "looking for a way to")) is not None:
                        out.append(sig)
        return out

    # -- outcome -------------------------------------------------------------------
    def outcomes(self, doc: Doc) -> list[Signal]:
        out: list[Signal] = []
        for key, start, end in self.clauses(doc):
            label = self.nlp.vocab.strings[key]
            if not label.startswith("outcome:"):
                continue
            s_start, s_end = _sentence_bounds(doc[start])
            if label == "outcome:so that":
                # "so that" as a conjunction, not "So that's ..." or "so that day".
                has_that = doc[start + 1].lower_ == "that" and doc[start + 1].tag_ == "IN"
                if doc[start + 1].lower_ == "that" and not has_that:
                    continue
                # "so when they arrive I can say hiya": the purpose comes after the time it is for
                timed = _purpose_after_time(doc, start + 1)
                if timed:
                    end = timed
                if not has_that and not _purpose_modal(doc, end - 1):
                    continue
                # A sentence-opening "So ..." is discourse, not purpose, unless it says "so that".
                first = s_start
                while first < s_end and (doc[first].is_punct or doc[first].lower_ in {"and", "but", "um", "uh"}):
                    first += 1
                if start == first and not has_that:
                    continue
                if doc[start].dep_ == "advmod" and doc[start].head.pos_ == "ADJ":  # "so hard that"
                    continue
                clause_start = end - 2 if timed else start + (2 if has_that else 1)
                cue = "so that" if has_that else "so"
            elif label == "outcome:in order to":
                clause_start = end
                cue = doc[start:end].text.lower()
            else:  # "that way, I can ..."
                if start > s_start and not (doc[start - 1].is_punct or doc[start - 1].lower_ in {"and", "so", "but"}):
                    continue
                clause_start = end - 1
                while doc[clause_start - 1].is_punct and clause_start - 1 > start + 1:
                    clause_start -= 1
                if doc[clause_start].is_punct:
                    clause_start += 1
                cue = "that way"
            if clause_start >= s_end:
                continue
            # The clause is the one "so" is attached to; failing that, the first full verb after the cue.
            opener = doc[start]
            main: Token | None
            if (
                opener.dep_ in {"mark", "advmod"}
                and opener.head.i >= clause_start
                and opener.head.pos_ in {"VERB", "AUX"}
            ):
                main = opener.head
            else:
                verbs = [t for t in doc[clause_start : min(s_end, clause_start + 8)] if t.pos_ in {"VERB", "AUX"}]
                main = next((t for t in verbs if t.dep_ not in {"aux", "auxpass"}), verbs[0] if verbs else None)
            if main is None or estimated(main):
                continue  # "so I can make maybe half the rehearsals": what the speaker's lot allows, no purpose
            clause_end = max(main.right_edge.i + 1, main.i + 1)
            clause_end = _cut_trailing_clauses(main, clause_start, clause_end, main.i, joined=True)
            clause_end = _cut_asides(doc, min(clause_end, s_end), main.i)
            c_start, c_end = _clip_disfluency(doc, clause_start, clause_end, main.i)
            if c_start > clause_start:  # the speaker restarted: what follows is a different thought
                continue
            c_start, c_end = _trim(doc, c_start, c_end)
            if c_start > main.i or c_end - c_start < 2:
                continue
            if (sig := _to_signal(doc, "outcome", c_start, c_end, cue)) is not None:
                out.append(sig)
        # A purpose infinitive: "I started Warehouse to make PyPI maintainable".
        for tok in doc:
            if tok.pos_ != "VERB" or not _has_to(tok) or tok.i < tok.head.i:
                continue
            # spaCy also attaches "started Warehouse to make X" as xcomp; after an object that is purpose,
            # except for verbs whose object does the infinitive ("asked them to help").
            object_first = any(c.dep_ == "dobj" and c.i < tok.i for c in tok.head.children)
            if tok.dep_ != "advcl" and not (
                tok.dep_ == "xcomp" and object_first and tok.head.lemma_.lower() not in CONTROL_VERBS
            ):
                continue
            if object_first and tok.head.lemma_.lower() in CONTROL_VERBS or caused(tok):
                continue  # "we got a large company to fund it", "I sent Nadia in to do a sweep": theirs to do
            if object_first and tok.head.lemma_.lower() == "have":
                continue  # "I haven't had the heart to throw it out": the infinitive tells the thing had
            if supposed(tok) or _in_case(tok.head) or said_by_others(tok) or moment_told(tok.head):
                continue  # ... or inside someone's words read out ('they'd email "we're off to see my mum"'), or a
                # story's moment ('when I went to press it')
            if _is_negated(tok.head) and not any(
                c.dep_ == "aux" and c.lower_ in {"can", "could", "ca"} for c in tok.head.children
            ):
                continue  # "I didn't join the club to chase people for money": a purpose denied, not a goal
            subj = _subject_of(tok.head)
            if subj is None or not _is_person(subj) or _is_filler(tok):
                continue
            to = next(c for c in tok.children if c.dep_ == "aux" and c.lower_ == "to")
            if to.i == tok.i - 1 and to.i > 0 and doc[to.i - 1].lower_ == tok.lower_:
                continue  # "I'd read that cover to cover", "day to day": a word said either side of 'to', no purpose
            # "wait for people to drop money", "a book for parents to write in" name someone else's action, not the
            # speaker's purpose.
            if to.i > 0 and doc[to.i - 1].dep_ == "pobj" and doc[to.i - 1].head.lower_ == "for":
                continue
            if any(c.dep_ == "nsubj" and c.lower_ not in {"i", "we", "me", "us"} for c in tok.children):
                continue
            start, end = _vp_span(tok)
            if (sig := _to_signal(doc, "outcome", start, end, "to")) is not None:
                out.append(sig)
        # "which means X", "that means X"
        for tok in doc:
            if tok.lemma_.lower() != "mean" or tok.pos_ != "VERB":
                continue
            if not any(c.dep_ == "nsubj" and c.lower_ in {"which", "that", "this"} for c in tok.children):
                continue
            if _is_negated(tok):
                continue
            for c in tok.children:
                if c.dep_ == "ccomp" and c.i > tok.i:
                    start = tok.i + 1
                    while start < c.i and doc[start].lower_ == "that":
                        start += 1
                    end = _cut_trailing_clauses(c, start, c.right_edge.i + 1, c.i)
                    start, end = _clip_disfluency(doc, start, end, c.i)
                    start, end = _trim(doc, start, end)
                    if (sig := _to_signal(doc, "outcome", start, end, "which means")) is not None:
                        out.append(sig)
        return out

    # -- lexical kinds -------------------------------------------------------------
    def lexical(self, doc: Doc, *, pattern_forces: bool = False) -> list[Signal]:
        out: list[Signal] = []
        seen: set[tuple[str, int, int]] = set()
        for key, start, end in self.cues(doc):
            label = self.nlp.vocab.strings[key]
            kind_name, _, cue = label.partition(":")
            kind: SignalKind = kind_name  # type: ignore[assignment]
            if kind in FORCE_KINDS and not pattern_forces:
                continue  # forces come from pipelines.forces unless the old cue patterns are asked for
            anchor = doc[start]
            if kind in {"pain", "success", "pull", "anxiety"} and self._negated_cue(doc, start, end):
                continue
            if kind == "pain" and cue == "problem" and self._solved_problem(anchor):
                continue
            if kind in {"success", "pain"} and (self._idiom(doc, start, end) or _asked_out(anchor) or what_if(anchor)):
                continue  # ... or a case a 'what if' fears ('what if it goes down and I can't see who's coming in')
            if anchor.lower_ == "concerned" and any(t.lower_ == "far" for t in doc[max(0, start - 10) : start]):
                continue  # "as far as PyPI is concerned" is a topic marker, not a worry
            c_start, c_end = _clause_span(anchor, end)
            spans: list[tuple[SignalKind, int, int]] = [(kind, c_start, c_end)]
            if kind in {"success", "pain"}:
                quote = _quote_span(doc, kind, cue, start, end)
                spans = [(kind, *quote)] if quote is not None else []
            if pattern_forces and kind == "pain" and any(t.lower_ in CURRENT_WAY for t in anchor.sent):
                spans.append(("push", c_start, c_end))  # a struggle with the way things are today pushes to change
            for k, s_start, s_end in spans:
                if (k, s_start, s_end) in seen:
                    continue
                seen.add((k, s_start, s_end))
                if (sig := _to_signal(doc, k, s_start, s_end, cue)) is not None:
                    out.append(sig)
        return out

    @staticmethod
    def _negated_cue(doc: Doc, start: int, end: int) -> bool:
        """'not hard', 'no problem', 'wasn't frustrating': the cue word or its governing verb is negated."""
        if any(t.lower_ in {"not", "n't", "no", "never", "nobody", "noone", "unable"} for t in doc[start:end]):
            return False  # the pattern itself spells the negation ("can't work", "not able to")
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and prev.lower_ in {"no", "not", "n't", "never", "without"}:
            return True
        for tok in doc[start:end]:
            if _is_negated(tok):
                return True
            if tok.dep_ in {"acomp", "attr", "dobj", "advmod"} and _is_negated(tok.head):
                return True
        return False

    @staticmethod
    def _idiom(doc: Doc, start: int, end: int) -> bool:
        """'hard to say' is a hedge and 'happy to go through it' a willingness, not a pain or a success; nor is
        'failing that' (otherwise), 'it broke the ice' or 'it went down to the kitchen' (a way, not a breakdown)."""
        nxt = doc[end : end + 2]
        said = [t.lower_ for t in doc[start:end]]
        if said == ["failing"] and len(nxt) and nxt[0].lower_ in {"that", "this"}:
            return True
        if said[0] in {"broke", "break", "breaks", "breaking"} and [t.lower_ for t in nxt] == ["the", "ice"]:
            return True
        if said[-1:] == ["down"] and len(nxt) and nxt[0].lower_ in {"to", "into", "the", "there", "here", "stairs"}:
            return True
        if doc[end - 1].lower_ == "to":
            if len(nxt) == 2 and nxt[1].lower_ in {"yes", "no"}:
                return False  # "being able to say yes to things and make it stick": a decision, not a hedge
            return bool(len(nxt)) and nxt[0].lemma_.lower() in FILLER_VERBS | {"know", "tell", "imagine"}
        willing = len(nxt) == 2 and nxt[0].lower_ == "to" and nxt[1].pos_ in {"VERB", "AUX"}
        return doc[start].lower_ in {"happy", "glad"} and willing

    @staticmethod
    def _solved_problem(tok: Token) -> bool:
        """'solve a problem', 'fix the problem' report a success, not a pain."""
        head = tok.head
        return head.lemma_.lower() in {"solve", "fix", "address", "tackle", "resolve"}

    def extract(self, doc: Doc, *, pattern_forces: bool = False) -> Signals:
        clauses = self.situations(doc) + self.motivations(doc) + self.outcomes(doc)
        # Rhetorical or reported questions make poor job statements; their struggle words still count.
        clauses = [s for s in clauses if not _in_question(doc, s) and not _dangling(doc, s)]
        found = clauses + self.lexical(doc, pattern_forces=pattern_forces)
        found = [s for s in found if not _signal_taken_back(doc, s)]
        found = _trim_motivations(found, doc)
        found = _dedupe(found)
        return Signals(text=doc.text, signals=tuple(found))


# Verbs whose object is a clause ('every time I say [we need a list]'): the clause is theirs, no new thought.
_TAKES_A_CLAUSE = frozenset(
    "say tell think know see hear ask feel realise realize notice find mean guess reckon suppose wonder decide check "
    "show remember forget".split()
)


def _thing_seen(clause: Token) -> bool:
    """A thing named between a verb of learning, said in its base form, and the clause after it ('see [the notes] when
    she comes back', 'hear the van when it pulls up'): what is seen is the thing, and the clause says when, not what
    is asked ('know when it goes out'); people told ('tell the bride when it's ready') are told the clause; a story's
    'I'd heard things before the letter came' keeps its clause in the story."""
    learning = clause.head
    return learning.tag_ == "VB" and any(
        c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.i < clause.i and not is_people(c)
        for c in learning.children
    )


def _purpose_after_time(doc: Doc, i: int) -> int:
    """After 'so', a time clause ('when they arrive', 'once it's booked') followed by the speaker and a modal ('so
    [when they arrive] I can say hiya'): the end of that modal, where the purpose's verb phrase begins; 0 if not."""
    mark = doc[i]
    if mark.lower_ not in {"when", "once", "whenever"} or mark.head.i <= i:
        return 0
    # the parser may hang the purpose from the time clause's verb: the first 'I can' after that verb begins it
    for k in range(mark.head.i + 1, min(len(doc) - 1, mark.head.i + 8)):
        if doc[k].is_punct and doc[k].text != ",":
            return 0
        if doc[k].lower_ in {"i", "we"} and doc[k].pos_ == "PRON":
            return k + 2 if _purpose_modal(doc, k + 1) else 0
    return 0


def _purpose_modal(doc: Doc, i: int) -> bool:
    """'so I can' / 'so I don't have to' mark purpose; 'so we don't have titles' or 'so I couldn't' do not."""
    tok = doc[i]
    nxt = [t.lower_ for t in doc[i + 1 : i + 4]]
    if tok.lower_ in {"do", "does", "did"}:
        return nxt[:1] == ["n't"] and nxt[1:2] in (["have"], ["need"]) and nxt[2:3] == ["to"]
    return tok.lower_ in PURPOSE_MODALS and nxt[:1] not in (["n't"], ["not"])


def _asked_out(tok: Token) -> bool:
    """Whether a cue sits in a question put to someone, said inverted with no question mark ('I asked Chloe, [is it
    a nightmare], and she said no') or with 'if' ('I asked him [if it was a nightmare]'): what was asked, no claim
    of the speaker's."""
    clause = next((a for a in (tok, *tok.ancestors) if a.dep_ in {"ccomp", "advcl"}), None)
    if clause is None or clause.head.lemma_.lower() not in {"ask", "wonder"}:
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in clause.children):
        return True  # "I asked him [if it was a nightmare]"
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "expl"}), None)
    # the question's verb before its subject: "is it", "does it", "can you"
    first = clause.left_edge
    return subject is not None and first.pos_ in {"AUX", "VERB"} and first.i < subject.i


def _in_question(doc: Doc, sig: Signal) -> bool:
    span = doc.char_span(sig.start_char, sig.end_char, alignment_mode="expand")
    if span is None:
        return False
    sent = span.sent
    return any(t.text == "?" for t in sent[-2:]) if len(sent) else False


def _dangling(doc: Doc, sig: Signal) -> bool:
    """A clause cut off mid-phrase ('make sure you don't', 'include people from') is not a usable slot."""
    span = doc.char_span(sig.start_char, sig.end_char, alignment_mode="expand")
    if span is None or not len(span) or span.text.lower() in FILLER_SPANS:
        return True
    last = span[-1]
    if last.pos_ == "AUX" and wh_be(last):
        return False  # "know where every key is": the question ends on its 'be'
    if elided_wh(last):
        return False  # "show a client what they approved and when": the second question is the first's
    if elided(last) and span.root.i < last.i:
        return False  # "know which bills are paid and which aren't": the verb it stands for was said before it
    if last.lower_ == "to" and stranded(last):
        return False  # "know who every pair of clogs belongs [to]": the wh-word is its object
    if last.pos_ in {"DET", "CCONJ", "SCONJ", "AUX"} or last.lower_ in {
        "to",
        "n't",
        "not",
        "the",
        "a",
        "an",
    }:
        return True
    if last.pos_ == "ADP" and not particle(last) and not stranded(last):
        return True
    return (last.pos_ == "PRON" and last.dep_ == "poss") or last.lower_ in {
        "my",
        "your",
        "our",
        "their",
        "his",
        "its",
    }


def _trim_motivations(found: list[Signal], doc: Doc) -> list[Signal]:
    """End a motivation before a situation or outcome clause nested in it, so each slot says one thing. A time said
    without a verb ('open my phone [in the morning] and see my day') is part of the doing, not a clause of its own."""
    # "see which orders are still open [before the van leaves]": a 'before'/'until' clause bounds the doing in time,
    # part of the goal, however deep the parser hangs it
    clauses = [
        s
        for s in found
        if s.kind in {"situation", "outcome"}
        and _has_clause(doc, s)
        and not (s.kind == "situation" and s.text.split()[0].lower() in {"before", "until"})
    ]
    out: list[Signal] = []
    for sig in found:
        if sig.kind == "motivation":
            cut = min(
                (c.start_char for c in clauses if sig.start_char < c.start_char < sig.end_char),
                default=None,
            )
            if cut is not None:
                span = doc.char_span(sig.start_char, cut, alignment_mode="contract")
                if span is None or not len(span):
                    continue
                start, end = _trim(doc, span.start, span.end)
                # "so", "that" or "when" may be left hanging before the cut.
                while end > start and doc[end - 1].lower_ in CLAUSE_OPENERS:
                    end -= 1
                    start, end = _trim(doc, start, end)
                new = _to_signal(doc, "motivation", start, end, sig.cue)
                if new is None:
                    continue
                sig = new
        out.append(sig)
    return out


def _has_clause(doc: Doc, sig: Signal) -> bool:
    """Whether a signal's span holds a verb of its own ('when the van breaks down'), not just a time ('at nine')."""
    span = doc.char_span(sig.start_char, sig.end_char, alignment_mode="expand")
    return span is None or any(t.pos_ in {"VERB", "AUX"} for t in span)


def _dedupe(found: list[Signal]) -> list[Signal]:
    """Per kind, drop a span contained in another of the same kind; order by position then kind."""
    found = sorted(found, key=lambda s: (s.kind, s.start_char, -(s.end_char - s.start_char)))
    kept: list[Signal] = []
    for sig in found:
        if any(k.kind == sig.kind and k.start_char <= sig.start_char and sig.end_char <= k.end_char for k in kept):
            continue
        kept.append(sig)
    order = {k: i for i, k in enumerate(SIGNAL_KINDS)}
    return sorted(kept, key=lambda s: (s.start_char, order[s.kind], s.end_char))


_EXTRACTORS: dict[int, _Extractor] = {}
_EXTRACTORS_LOCK = threading.Lock()


def _extractor(nlp: Language) -> _Extractor:
    with _EXTRACTORS_LOCK:
        ext = _EXTRACTORS.get(id(nlp))
        if ext is None:
            ext = _EXTRACTORS[id(nlp)] = _Extractor(nlp)
        return ext


def _with_forces(found: Signals, force: str, confidence: float | None = None) -> Signals:
    """Add one force signal spanning the whole (stripped) utterance unless its force is none."""
    text = found.text
    start, end = len(text) - len(text.lstrip()), len(text.rstrip())
    if force not in FORCE_KINDS or start >= end:
        return found
    sig = Signal(
        kind=force, text=text[start:end], start_char=start, end_char=end, cue="classifier", confidence=confidence
    )
    order = {k: i for i, k in enumerate(SIGNAL_KINDS)}
    merged = sorted((*found.signals, sig), key=lambda s: (s.start_char, order[s.kind], s.end_char))
    return Signals(text=text, signals=tuple(merged))


ForceSource = Literal["classifier", "patterns"]


def _classify_forces(
    texts: Sequence[str], forces: ForceClassifier | ForceSource, vectors: np.ndarray | None
) -> list[ForceDecision]:
    from pipelines.forces import ForceDecision

    unsure = ForceDecision(label="none", confidence=0.0)
    if forces == "patterns":
        return [unsure] * len(texts)
    if forces == "classifier":
        from pipelines.forces import force_classifier

        forces = force_classifier()
    assert not isinstance(forces, str)
    keep = [i for i, t in enumerate(texts) if t.strip()]
    decisions = [unsure] * len(texts)
    if keep:
        picked = vectors[keep] if vectors is not None else None
        for i, decision in zip(keep, forces.classify([texts[i] for i in keep], vectors=picked), strict=True):
            decisions[i] = decision
    return decisions


def _wanted_as_slots_read(tok: Token) -> SlotSpan | None:
    """The goal the slot rules read at this verb when it is said other than as 'I want to V'."""
    return (
        wanted_of_others(tok)
        or wanted_means(tok)
        or wanted_thing(tok)
        or wished_if(tok)
        or wished_would(tok)
        or wanted_said_first(tok)
        or cleft_want(tok)
        or let_me(tok)
        or for_me_to(tok)
        or nice_to(tok)
        or could_wish(tok)
        or if_only(tok)
        or would_rather(tok)
        or ideally(tok)
        or would_save(tok)
        or never_again(tok)
        or unwanted_role(tok)
        or unwanted_doing(tok)
        or wanted_back(tok)
        or stopped_needing(tok)
    )


def _states_wanted(doc: Doc) -> Iterator[SlotSpan]:
    """The things wanted in a state ('have the list there when I walk in') the slot rules read in `doc`."""
    for tok in doc:
        wanted = _wanted_as_slots_read(tok) if tok.pos_ == "VERB" else None
        wanted = wanted or said_most(tok)
        if wanted is not None and wanted.verb == "have" and wanted.rule in {"wanted of others", "wanted said first"}:
            yield wanted


def _learns_nothing(verb: Token) -> bool:
    """Knowing or seeing said with no thing or question to learn after it, only how ('see without my glasses')."""
    if verb.lemma_.lower() not in {"know", "see"}:
        return False
    told = {"dobj", "ccomp", "xcomp", "advcl", "attr", "dative", "prt"}
    after = [c for c in verb.children if c.i > verb.i]
    # "know by the Wednesday [who is coming]": a question said anywhere after it is what is to be learnt
    asked = any(t.tag_ in {"WP", "WRB", "WDT"} for t in verb.doc[verb.i + 1 : verb.sent.end])
    how = [c for c in after if c.dep_ == "prep"]
    return (
        bool(how)
        and not asked
        and all(c.lower_ in {"without", "on", "in"} for c in how)
        and not any(c.dep_ in told for c in after)
    )


def extract_signals(
    texts: Sequence[str],
    *,
    batch_size: int = 256,
    model: str | None = None,
    forces: ForceClassifier | ForceSource = "classifier",
    vectors: np.ndarray | None = None,
) -> list[Signals]:
    """JTBD signals for each text, in input order; spans are verbatim substrings of their text.

    Forces (push, pull, anxiety, habit) come from a force classifier, one signal spanning each utterance whose force
    is not none: `forces` is a ForceClassifier, "classifier" (the default one over the default sentence model) or
    "patterns" (the old spaCy cue patterns, kept as a baseline). `vectors` are the texts' embeddings from the
    classifier's embedder, one row per text, so that ingest does not embed twice. `model`: the spaCy model (default:
    the runtime's, pipelines.nlp).
    """
    if not texts:
        return []
    nlp = load_nlp(model)
    ext = _extractor(nlp)
    patterns = forces == "patterns"
    decisions = _classify_forces(texts, forces, vectors)
    # Transcripts spell "can’t", "it’s" with a typographic apostrophe, which spaCy parses as a number or a verb of its
    # own ("isn’t" -> "is" + NUM); the text is parsed with straight ones (same length, so offsets hold) and each
    # span is cut from the text as given.
    docs = nlp.pipe([straighten(t) for t in texts], batch_size=batch_size)
    out: list[Signals] = []
    for text, doc, force in zip(texts, docs, decisions, strict=True):
        found = ext.extract(doc, pattern_forces=patterns)
        if doc.text != text:
            found = Signals(text=text, signals=tuple(replace(s, text=text[s.start_char : s.end_char]) for s in found))
        out.append(_with_forces(found, force.label, force.confidence))
    return out


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def straighten(text: str) -> str:
    """Typographic single quotes made straight, one character for one."""
    return text.translate(_APOSTROPHES)
