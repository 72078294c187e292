"""Phrase identity: which customer phrases are the same phrase, for counting support and keeping ids stable."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from pipelines.jtbd_words import PERSON_NOUNS, PERSON_PRONOUNS

if TYPE_CHECKING:  # spaCy is imported lazily; the name is only for type hints
    from spacy.tokens import Doc, Token

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


def key_hash(key: str) -> str:
    """The stored form of a member clause's key: a digest, since clause text may hold personal data."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


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
PAIN_HEDGE_OPENERS = tuple(o for o in HEDGE_OPENERS if o != "if ")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def quotable_flags(texts: list[str], *, kinds: Sequence[str] | None = None, model: str | None = None) -> list[bool]:
    """Whether each clause can be lifted as a line: >= 4 words, a verb, not opened by a hedge or a condition.

    A pain (`kinds`, one per text) may open on the condition that brings it ("if PyPI goes down, people can't
    work"): pipelines.jtbd keeps such a line only when its own main clause follows the condition.
    (Negation that turns a cue into its opposite is ruled out where the clause is extracted, in pipelines.jtbd.)"""
    from pipelines.nlp import BASE_FORMS, load_nlp

    openers = [
        PAIN_HEDGE_OPENERS if kinds is not None and kinds[i] == "pain" else HEDGE_OPENERS for i in range(len(texts))
    ]
    flags = [
        word_count(t) >= QUOTE_MIN_WORDS and not t.lower().lstrip().startswith(opener)
        for t, opener in zip(texts, openers, strict=True)
    ]
    todo = [i for i, ok in enumerate(flags) if ok]
    if todo:
        nlp = load_nlp(model)
        # Parts of speech come from the tagger and the attribute ruler alone: the parser and the lemmas would
        # change nothing here and took ~40% of the time (disabled for this call only; the pipeline is shared).
        unused = [name for name in ("parser", "lemmatizer", BASE_FORMS) if name in nlp.pipe_names]
        docs = nlp.pipe([texts[i] for i in todo], batch_size=256, disable=unused)
        for i, doc in zip(todo, docs, strict=True):
            flags[i] = (
                any(t.pos_ in {"VERB", "AUX"} for t in doc)
                and not doc.text.rstrip().endswith("?")
                and not _says_nothing(doc.text)
            )
    return flags


def _says_nothing(text: str) -> bool:
    """A judgement of something said before it and nothing more ("Which to me is a huge success", "that was
    really great"): lifted alone, no reader can tell what succeeded."""
    line = " ".join(text.split()).replace("\u2019", "'")
    return bool(_POINTING_OPENER.match(line)) and not any(
        _word_weight(low) == 1.0 for low in map(_host_word, _WORD.findall(text)) if _counts(low)
    )


def _host_word(word: str) -> str:
    """A word lower-cased, a contraction as its host word: "we're" is "we", "couldn't" is "could", "people's" is
    "people"."""
    low = word.lower().replace("\u2019", "'")
    return low[:-3] if low.endswith("n't") else low.split("'")[0]


def _counts(low: str) -> bool:
    """Whether a (host) word says something: not vague, not a function word, not a word everyone uses."""
    return low not in GENERIC_WORDS and low not in _STOP and low not in _NEUTRAL and len(low) >= 3


# Words that make a line vague ("stuff", "things") or hedge it; content words that carry nothing.
GENERIC_WORDS = frozenset(
    "thing things stuff something anything everything whatever kind sort bit way ways part point case cases "
    "really very pretty just basically actually probably maybe perhaps".split()
)
# Common words that are neither vague nor specific ("a lot of regular outages", "people suffer"): they count nothing.
_NEUTRAL = frozenset("lot lots time times people one ones".split())
_STOP = frozenset(
    "i me my we us our you your he him his she her it its they them their this that these those a an the and or "
    "but if so as of to in on at by for with from about into over than then there here be is am are was were "
    "been being have has had do does did not no n't can could will would should may might must shall 's 're "
    "'ve 'd 'll what which who whom when where why how all any some more most other such only own same too also "
    "very just up out off again once now still even well yeah like oh um uh".split()
)
# Verbs that carry no picture of their own ("making it easier", "that is difficult to do"): they count for nothing.
LIGHT_VERBS = frozenset(
    "become becomes became becoming get gets got getting gotten make makes made making doing done go goes went "
    "going gone take takes took taking taken keep keeps kept keeping seem seems seemed seeming feel feels felt "
    "feeling start starts started starting put puts putting give gives gave giving given continue continues "
    "continued continuing".split()
)
# Words that judge or measure rather than show ("easier", "generally", "the overhead and the planning"): half a word.
# Nominalisations (-ity, -tion, -ment, -ness, ...) are abstract in the same way ("sustainability", "management").
JUDGING_WORDS = frozenset(
    "easy easier easiest hard harder difficult tough better best good great nice bad worse worst fine okay "
    "able possible generally regularly overall significantly somewhat fairly quite certain various different "
    "whole general specific particular current actual real huge big small large aspect aspects perspective "
    "process effort efforts impact approach issue issues problem problems matter matters level levels area areas "
    "side nature reason reasons term terms fact idea ideas value benefit benefits overhead planning trade-off "
    "trade-offs tradeoff tradeoffs juncture situation situations result results amount amounts decent fair "
    "reasonable serious significant substantial massive tremendous improve improved improves improving evolve "
    "evolved evolving progress develop developed change changes changed help helped helps handle handled "
    "manage managed deal dealt address addressed forward success successful win failure disaster".split()
)
_ABSTRACT_SUFFIX = re.compile(r"(?:ity|ities|tion|tions|sion|sions|ment|ments|ness|ance|ence|ship|ism)$")
# A line that opens on a pointing word as its subject ("that is difficult to do cheaply", "it's getting more
# sustainable") leans on what was said before it; lifted alone, the reader cannot tell what it is about. A
# bare "it" is usually the product under talk ("It was constantly breaking" reads as copy), so it pays less.
_POINTING_OPENER = re.compile(
    r"^(?:(?:so|and|but|because|then|now|well|yeah|oh|i think|i mean)[,\s]+)*"
    r"(?P<pointer>it|that|this|which|these|those)(?:\s+(?:to|for)\s+(?:me|us))?(?:['\u2019](?:s|re|ve|ll|d)\b|\s+(?:is|was|are|were|has|had|have|will|would|"
    r"can|could|should|might|may|becomes?|became|gets?|got|seems?|seemed|feels?|felt|makes?|made|adds?|means?|"
    r"just|really|also|still|actually|all|generally|always|never|becomes)\b)",
    re.I,
)
# A line without a subject that opens on a verb ("making it easier to maintain", "solving these problems"):
# no one in it does anything, unless a finite verb follows ("Maintaining Open Source software is painful").
_VERB_OPENER = re.compile(r"^(?:and\s+|but\s+|so\s+|also\s+|just\s+)*[a-z]+ing\b", re.I)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|can|could|would|should|does|did|do|gets|got|becomes|became|makes|made)"
    r"\b|n['\u2019]t\b|['\u2019](?:s|re|ve|ll|d)\b",
    re.I,
)
LEANING_PENALTY = 1.5
IT_PENALTY = 0.5
ABSTRACT_PENALTY = 1.0
CONCRETE_CAP = 6.0  # past six concrete words a line is longer, not more specific
LINE_WORDS = 18  # past this many words a copywriter has to cut the line


def _word_weight(low: str) -> float:
    """What one distinct content word adds: a concrete word 1, a judging or abstract word 0.5, a light verb 0."""
    if low in LIGHT_VERBS:
        return 0.0
    if low in JUDGING_WORDS or (len(low) > 6 and _ABSTRACT_SUFFIX.search(low)):
        return 0.5
    return 1.0


def specificity(text: str) -> float:
    """How concrete a line is: its distinct content words (concrete ones count 1, judging or abstract ones 0.5,
    light verbs nothing; up to 6), plus names and numbers, minus vague words, minus a penalty when it has no
    concrete word or leans on what came before (a pointing subject, or no subject at all); lines past 18 words
    pay for their length.
    Deterministic and cheap (no model), so the feed ranks by it."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    content: set[str] = set()
    score = 0.0
    weight = 0.0
    for index, word in enumerate(words):
        low = _host_word(word)
        if low in GENERIC_WORDS:
            score -= 0.5
        elif not _counts(low) or low in content:
            continue
        else:
            content.add(low)
            weight += _word_weight(low)
            if any(c.isdigit() for c in word) or (index > 0 and word[0].isupper()):
                score += 0.5  # a number or a named thing (PyPI, Mozilla, 90%)
    score += min(weight, CONCRETE_CAP)
    if content and not any(_word_weight(w) == 1.0 for w in content):
        score -= ABSTRACT_PENALTY  # only judgements and abstractions: "the trade-offs become the overhead"
    line = " ".join(text.split()).replace("\u2019", "'")
    if pointing := _POINTING_OPENER.match(line):
        score -= IT_PENALTY if pointing.group("pointer").lower() == "it" else LEANING_PENALTY
    elif _VERB_OPENER.match(line) and not _FINITE.search(line):
        score -= LEANING_PENALTY
    if len(words) > LINE_WORDS:
        score -= 0.3 * (len(words) - LINE_WORDS)
    return round(score, 2)


# --------------------------------------------------------------------------- families

# Two clauses of a kind are one idea when the first's vector is at least this similar to the centroid of the
# family the other belongs to. Measured on the ten PyPI interviews (clause vectors of all-MiniLM-L6-v2, success and
# pain): 0.5 left 5 + 3 families voiced by two or more people, nearly all paraphrases; 0.4 gave 8 + 10, each one
# idea said in different words ("far more reliable" / "much more reliable uploads", "constantly breaking" / "broke
# things unexpectedly"); 0.35 began to join neighbouring topics. Comparing with the centroid rather than the
# nearest member keeps a family from drifting one near neighbour at a time.
# The centroid alone is not enough for a family of two or more: its mean drifts towards the family's topic, so at
# 0.4 lines that only shared the topic joined ("the specific project ... was finally getting the legacy PyPI
# replaced" into "making it easier to maintain", "you can usually find a workaround to avoid the bit that's broken"
# into "It was constantly breaking"), and the feed claimed two people for what one said. A clause must also pair
# with one of the family's members by the pair rule below (assign_families). On the 141 success and pain clauses of
# tests/data/phrase_clauses_dev.jsonl (tests/benchmarks/phrase_pairs.py): cross-person pairs put in one family that
# are two ideas 11 -> 7 and unlabelled (< 0.35 alike) 20 -> 2, labelled paraphrases kept together 14 -> 14 of 29,
# families of two or more people 8 -> 7, each of them now joined by a labelled paraphrase (6 of 8 before).
# Lowered from 0.4 to PAIR_SPECIFIC_CLAIM_SIMILARITY with it: a one-clause family's centroid is its member, so a
# higher centroid bar would keep out the pairs that rule lets in; the pair rule is what guards a family now.
FAMILY_SIMILARITY = 0.37
# A family of one clause is a single wording, not yet an idea: a second clause joins it only when it is at least
# this alike. On the ten PyPI interviews, two people's clauses 0.43-0.47 alike were mostly different ideas that
# share a word ("the core developers trusted me" / "other people are able to ... become experts", "every single
# one of those people stayed on" / "people's installs still worked"), so at 0.4 the feed claimed two people for
# lines only one person said; paraphrases said by two people were 0.51 and up ("there's really only one person,
# me, ..." / "they're very much single-person projects"). Measured on the same interviews the feed is scored on.
PAIR_SIMILARITY = 0.5
# With the words each clause claims (claim_words) known, a second clause joins a one-clause family when it claims
# the same thing and is this alike ("overall the service has been far more reliable" / "uploads to the new one were
# much more reliable"; "it adds more overhead" / "there's a decent amount of overhead" at 0.47), or, claiming
# something else, only when this alike (a paraphrase in other words: "making it easier to maintain" / "the more
# maintainable it becomes", 0.72). Measured on 29 hand-labelled cross-speaker pairs of PyPI success and pain clauses
# (tests/data/phrase_pairs_dev.jsonl): similarity >= 0.5 alone paired 14, 6 of them one idea (precision 0.43,
# recall 0.60); this rule paired 8, 6 one idea (0.75, 0.60). Pairs that only share a topic word ("the
# sustainability goals of Warehouse were a success" / "it makes it easier to seek funding to improve Warehouse",
# 0.60; "the project was still able to move forward" / "... finally getting the legacy PyPI replaced", 0.51) stay
# apart.
PAIR_SHARED_CLAIM_SIMILARITY = 0.45
PAIR_OTHER_CLAIM_SIMILARITY = 0.6
# Two people's paraphrases are often only 0.37-0.45 alike, as alike as topic neighbours ("any change we made broke
# things every time we deployed" / "It was constantly breaking", 0.37). What tells them apart is saying the same
# concrete thing with the main predicate of both lines: a shared verb, adjective or adverb (or verb and particle)
# that does not judge (judging_claim) and is not said in an aside (_main_predicate). Such a pair needs only this
# much. Nouns stay at PAIR_SHARED_CLAIM_SIMILARITY: a shared noun is mostly the shared topic ("project", "service",
# "power outage" / "an outage that affected me"). On the 141 labelled pairs (tests/benchmarks/phrase_pairs.py):
# 21 paired, 15 one idea (precision 0.71, recall 0.52; the rule before: 16, 11, 0.69 / 0.38); any shared
# non-judging word at this level paired 29, 16 (0.55 / 0.55), a shared predicate anywhere in the line 24, 15
# ("stayed on and continued to work on things" / "installs still worked"); 0.33 and 0.35 paired the same 21.
PAIR_SPECIFIC_CLAIM_SIMILARITY = 0.37
# A claimed form said by the line's main predicate as a verb, adjective or adverb (or a verb and its particle) is
# also claimed under this mark; only those lower the pair threshold (pair_needs).
PREDICATE = "^"
# When all one line claims the other claims too, with the same concrete main predicate, the lines differ only in
# what they are about or in an aside ("uploads and downloads continued to work" / "people's installs still
# worked most of the time", 0.28; "people started to trust my judgment more" / "the core developers trusted me",
# 0.35): the sentence vectors of such short lines weigh their subjects, so a paraphrase by two people is as
# alike as two lines about different things. Such a pair needs only this much, when the subjects of both are
# people or both are not: "I still work on it in my spare time" (labour) is not "installs still worked"
# (functioning), 0.29. On the 142 clauses of tests/data/phrase_clauses_dev.jsonl under 0.37 alike, the rule
# pairs (besides these) only lines whose claims contain each other's: "this thing still works tomorrow" with
# the two above (0.26, 0.33), and one person's "solving these best practices problems" / "it's going to be
# solved" (0.26).
PAIR_SAME_CLAIM_SIMILARITY = 0.25
# A noun named with a common noun before it is a kind of that thing ("a power outage" at home is not "a lot of
# regular outages" of a service): lines that share the noun but not its kind talk about different things, however
# alike their words. On the ten PyPI interviews Ernest's home power outage ("there are power outages that happen
# regularly", 0.73 alike) chained into the family of PyPI's outages by the shared noun. Such a pair needs this much.
PAIR_OTHER_KIND_SIMILARITY = 0.8
# Claimed as KIND + noun + ":" + its compound nouns, beside the noun itself (claim_words).
KIND = "~"
# Two lines whose main predicates say different concrete things ("the new service is a little bit more efficient" /
# "overall the service has been far more reliable", 0.62; "I can't sign up" / "you can't log in", 0.79) claim
# different things about what may be the same subject, however alike the sentence model finds them: neither's
# predicate is said anywhere in the other outside a condition ("when it's broken, people get really mad" claims
# anger, not breaking). Such a pair needs PAIR_OTHER_KIND_SIMILARITY. One speaker's lines share the topic and the
# words of the passage, so they are where this mattered most: on 127 same-speaker pairs of the ten PyPI
# interviews (tests/data/phrase_pairs_same_speaker_dev.jsonl, labelled for this) the pair rule joined 33, 23 one
# idea (precision 0.70, recall 0.57); with this 28, 23 (0.82, 0.57); on the 156 cross-speaker pairs 23, 19 -> 22,
# 19 (tests/benchmarks/phrase_pairs.py). A predicate said in the other line's subject or object keeps the pair
# ("the sustainability feels fairly fragile" / "we're not sustainable", "it's painful for them" / "it caused them
# a dramatic amount of pain"). Each content word of a line outside an adverbial clause is claimed as LINE + form.
LINE = "="
# Only success and pain clauses are lines cut to what they claim (pipelines.jtbd): forces are whole sentences,
# whose claims are short because the sentences are vague, and at PAIR_SAME_CLAIM_SIMILARITY their families on the
# ten PyPI interviews took five false pairs ("And nobody stopped me" / "we stopped supporting all that", "It might
# be used" / "... donate people's time"); other kinds are left as they were.
LINE_KINDS = frozenset({"success", "pain"})
# Claimed when the subject of a line's main verb is a person ("I", "people", "the core developers"); it is no
# word the line claims, only a mark that the subjects of two lines are alike in this (pair_needs).
PERSON_SUBJECT = "@person"

# Claim words leave out the subject (what the line is about) and count the nouns of the predicate ("a decent amount
# of overhead" / "adds more overhead"): on the 141 labelled pairs of tests/data/phrase_pairs_dev.jsonl the pair rule
# then joins 16, 11 of them one idea (adjectives, verbs and adverbs of the whole line: 10, 9 of them one idea).
# Words whose sameness says nothing about what two clauses claim ("new service" / "the new one", "much more").
_CLAIM_SKIP = frozenset("be have do know think say new old more much far less still really very".split())
_CLAIM_POS = frozenset({"ADJ", "VERB", "ADV", "NOUN"})
_DERIVED = re.compile(r"(?:ability|able|ably|ible|ibly|fully|ful)$")
# A noun made from a verb in -ain ("maintenance", "sustenance") claims what the verb claims ("maintain").
_ENANCE = re.compile(r"enance$")
# Subjects of a clause's main verb, whose words name its topic (claim_words leaves them out).
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})


def claim_form(lemma: str) -> str:
    """One form for a word and its near forms: "reliable", "reliably" and "reliability" are one claim, and so are
    "maintain", "maintainable" and "maintenance", "impact" and "impactful", "outage" and "outages"."""
    low = _ENANCE.sub("ain", lemma.lower())
    base = _DERIVED.sub("", low)
    return stem(base if len(base) >= 3 else low)


# What a line says is said by its main verb and the words that complete it ("was constantly breaking", "is not
# sustainable"), not by a modifier or a second clause ("with no clear pathway to engage the community", "stayed on
# and continued to work on things"). Told by the dependencies on the way to the root rather than from the root down,
# because the small parser often mislabels spoken lines ("any change we made broke things": "broke" as a modifier).
_ASIDE_DEPS = frozenset({"prep", "pcomp", "acl", "relcl", "conj", "advcl", "parataxis"})


def _main_predicate(doc: Doc) -> set[int]:
    """Token indices of each sentence's main predicate: no step from the token up to its root is an aside."""
    out: set[int] = set()
    for tok in doc:
        node = tok
        while node.dep_ not in _ASIDE_DEPS and node.head.i != node.i:
            node = node.head
        if node.dep_ not in _ASIDE_DEPS:
            out.add(tok.i)
    return out


# Verbs that frame what a line claims rather than claim it ("I remember PyPI went down", "I believe it was just
# downtime", "we're going to make sure this thing still works"): the claim is their complement's, about its subject.
# Read as the speaker's own, the frame made "this thing still works tomorrow" claim a person's "sure" and kept it
# from its paraphrase "people's installs still worked".
_FRAME_VERBS = frozenset("think believe remember know guess suppose feel realize realise notice say mean".split())
_SURE_WORDS = frozenset({"sure", "certain"})


def _claimed_root(root: Token) -> list[Token]:
    """The verbs whose subject and predicate a sentence claims: its root, or the complement a framing verb wraps ("I
    remember [PyPI went down]", "we made sure [uploads kept working]"); "going to" is a tense, so "we were going to
    fail" claims "fail" with the subject of "going"."""
    chain = [root]
    for _ in range(4):  # frames nest a few deep at most ("going to make sure that ...")
        node = chain[-1]
        kids = list(node.children)
        sure = [k for k in kids if k.lower_ in _SURE_WORDS and k.dep_ in {"acomp", "oprd", "ccomp"}]
        framed = node.lemma_.lower() in _FRAME_VERBS or (node.lemma_.lower() in {"make", "be"} and bool(sure))
        wrapped = [k for k in kids + [c for k in sure for c in k.children] if k.dep_ == "ccomp" and k.pos_ in _VERBS]
        going = [k for k in kids if k.dep_ == "xcomp" and k.pos_ == "VERB"]
        if framed and wrapped:
            chain = [wrapped[0]]
        elif node.lemma_.lower() == "go" and node.tag_ == "VBG" and going:
            chain.append(going[0])
        else:
            break
    return chain


_VERBS = frozenset({"VERB", "AUX"})


def claim_words(texts: Sequence[str], *, model: str | None = None) -> list[frozenset[str]]:
    """The stems of what each clause claims, its content adjectives, verbs and adverbs ("far more reliable" -> reli),
    outside the subject of its main verb: the subject is what the line is about, not what it says about it ("part
    of being sustainable is being able to cover any operating cost" claims covering costs, not sustainability, so it
    does not pair with "it's getting more sustainable"). A verb and its particle also claim their compound, so
    "heading towards burning out" and "a lot of burnout" claim one thing."""
    from pipelines.nlp import load_nlp

    if not texts:
        return []
    nlp = load_nlp(model)
    out: list[frozenset[str]] = []
    for doc in nlp.pipe(list(texts), batch_size=256):
        chains = [(sent, _claimed_root(sent.root)) for sent in doc.sents]
        # A frame's own words ("I remember", "make sure") are neither topic nor claim.
        framing = {t.i for sent, chain in chains if chain[0] != sent.root for t in sent if t not in chain[0].subtree}
        heads = {node.i for _, chain in chains for node in chain}
        topic = framing | {
            t.i for i in heads for subject in doc[i].children if subject.dep_ in _SUBJECT_DEPS for t in subject.subtree
        }
        said = _main_predicate(doc)
        words: set[str] = {LINE + form for form in _line_forms(doc, framing)}
        if any(_is_person(doc[i]) for i in topic - framing if doc[i].dep_ in _SUBJECT_DEPS and doc[i].head.i in heads):
            words.add(PERSON_SUBJECT)
        for tok in doc:
            low, lemma = tok.lower_, tok.lemma_.lower()
            if tok.i in topic or not tok.is_alpha:
                continue
            if tok.dep_ == "prt" and tok.head.pos_ == "VERB" and tok.head.i not in topic:
                form = claim_form(tok.head.lemma_.lower() + low)
                words.add(form)
                if tok.head.i in said:
                    words.add(PREDICATE + form)
            if tok.pos_ not in _CLAIM_POS:
                continue
            if {low, lemma} & (_STOP | _CLAIM_SKIP | GENERIC_WORDS | _NEUTRAL) or {low, lemma} & LIGHT_VERBS:
                continue
            form = claim_form(lemma)
            words.add(form)
            if tok.pos_ != "NOUN" and tok.i in said:
                words.add(PREDICATE + form)
            if tok.pos_ == "NOUN":
                words.add(KIND + form + ":" + "+".join(sorted(_compounds(tok))))
        out.append(frozenset(words))
    return out


def _line_forms(doc: Doc, framing: set[int]) -> set[str]:
    """The claim forms of a line's content words, its subject's included, outside its frame ("I remember") and outside
    an adverbial clause ("when it's broken" in "when it's broken, people get really mad")."""
    out: set[str] = set()
    for tok in doc:
        low, lemma = tok.lower_, tok.lemma_.lower()
        if tok.i in framing or not tok.is_alpha or tok.pos_ not in _CLAIM_POS:
            continue
        if {low, lemma} & (_STOP | _CLAIM_SKIP | GENERIC_WORDS | _NEUTRAL | LIGHT_VERBS):
            continue
        if not any(node.dep_ == "advcl" for node in (tok, *tok.ancestors)):
            out.add(claim_form(lemma))
    return out


def _compounds(noun: Token) -> set[str]:
    """The common nouns that name which kind of thing a noun is ("power" in "a power outage"); a name ("PyPI
    outages") says whose, not which kind."""
    return {claim_form(c.lemma_.lower()) for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"}


_JUDGING_FORMS = frozenset(claim_form(w) for w in JUDGING_WORDS)


def _is_person(tok: Token) -> bool:
    """Whether a subject word names people ("I", "we", "people", "the core developers")."""
    return tok.lower_ in PERSON_PRONOUNS or tok.lemma_.lower() in PERSON_NOUNS


def judging_claim(form: str) -> bool:
    """Whether a claimed form judges or abstracts ("easier", "improvement", "overhead") rather than shows."""
    return form in _JUDGING_FORMS or bool(len(form) > 6 and _ABSTRACT_SUFFIX.search(form))


def pair_needs(
    claim: frozenset[str] | None,
    other: frozenset[str] | None,
    *,
    unknown: float = PAIR_SIMILARITY,
    lines: bool = True,
) -> float:
    """How alike two clauses must be to pair: least when one claims all the other claims with the same concrete
    main predicate and subjects alike in being people (for `lines`, LINE_KINDS), less when both claim the same
    concrete thing, more when what they share only judges ("easier", "improvement"), most when they claim
    different things; `unknown` when a claim is not known."""
    if claim is None or other is None:
        return unknown
    said = {w for w in claim if w != PERSON_SUBJECT and not w.startswith((KIND, LINE))}
    said_other = {w for w in other if w != PERSON_SUBJECT and not w.startswith((KIND, LINE))}
    shared = said & said_other
    if _other_kinds(claim, other, shared):
        return PAIR_OTHER_KIND_SIMILARITY  # one noun, two kinds of it: "power outages" / "regular outages"
    if any(not judging_claim(form) and PREDICATE + form in shared for form in shared):
        alike_subjects = (PERSON_SUBJECT in claim) == (PERSON_SUBJECT in other)
        if lines and alike_subjects and (said <= said_other or said_other <= said):
            return PAIR_SAME_CLAIM_SIMILARITY
        return PAIR_SPECIFIC_CLAIM_SIMILARITY
    if lines and _other_predicates(claim, other):
        return PAIR_OTHER_KIND_SIMILARITY
    return PAIR_SHARED_CLAIM_SIMILARITY if shared else PAIR_OTHER_CLAIM_SIMILARITY


def _other_predicates(claim: frozenset[str], other: frozenset[str]) -> bool:
    """Whether both lines' main predicates say something concrete and neither's is said in the other (LINE)."""

    def predicates(words: frozenset[str]) -> set[str]:
        return {w[1:] for w in words if w.startswith(PREDICATE) and not judging_claim(w[1:])}

    def line(words: frozenset[str]) -> set[str]:
        return {w[1:] for w in words if w.startswith(LINE)}

    mine, theirs = predicates(claim), predicates(other)
    return bool(mine and theirs and not mine & line(other) and not theirs & line(claim))


def _other_kinds(claim: frozenset[str], other: frozenset[str], shared: set[str]) -> bool:
    """Whether both lines name a shared noun as nouns, of different kinds ("a power outage" / "regular outages")."""
    for form in shared:
        kinds = {w for w in claim if w.startswith(KIND + form + ":")}
        kinds_other = {w for w in other if w.startswith(KIND + form + ":")}
        if kinds and kinds_other and kinds != kinds_other:
            return True
    return False


def join_floor(kind: str, threshold: float = FAMILY_SIMILARITY) -> float:
    """The least centroid likeness at which a clause of a kind may join a family (assign_families)."""
    return min(threshold, PAIR_SAME_CLAIM_SIMILARITY) if kind in LINE_KINDS else threshold


@dataclass(frozen=True, slots=True)
class FamilyMember:
    """A clause already in a family: the family's id, the clause's kind, its vector and, where known, its claim."""

    family: int
    kind: str
    vector: np.ndarray
    claim: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause to place: its kind, its phrase key, its vector (None when nothing is stored) and, where known, the
    words it claims (claim_words)."""

    kind: str
    key: str
    vector: np.ndarray | None
    claim: frozenset[str] | None = None


def assign_families(
    clauses: list[Clause],
    members: list[FamilyMember],
    known: dict[tuple[str, str], int],
    *,
    threshold: float = FAMILY_SIMILARITY,
    pair_threshold: float = PAIR_SIMILARITY,
) -> list[int | tuple[str, str]]:
    """The family of each clause, in order: an existing family's id, or (kind, key) for a family to found.

    A clause joins the family with its exact key, else the family of its kind whose centroid (the normalised mean
    of its members' vectors) is the most similar among those it may join, else it founds a family under its own key.
    It may join a family whose centroid is at least `threshold` alike and one of whose members it pairs with
    (pair_needs: PAIR_SPECIFIC_CLAIM_SIMILARITY when both say the same concrete thing with their main predicate,
    PAIR_SHARED_CLAIM_SIMILARITY when they claim another word in common, PAIR_OTHER_CLAIM_SIMILARITY when they claim
    different things, `pair_threshold` when a claim is unknown; a family of one clause is that member alone). A
    success or pain line that claims all a member claims, or whose claim the member's contains, with the same
    concrete main predicate, pairs at PAIR_SAME_CLAIM_SIMILARITY and may join down to that centroid likeness.
    Clauses are placed one after the other and count as members at once, so the result depends only on the order
    given (the caller passes a fixed one) and never moves a clause placed before."""
    vectors: dict[str, dict[int | tuple[str, str], list[np.ndarray]]] = {}
    sums: dict[int | tuple[str, str], np.ndarray] = {}
    claims: dict[int | tuple[str, str], list[frozenset[str] | None]] = {}

    def add(kind: str, family: int | tuple[str, str], vector: np.ndarray, claim: frozenset[str] | None) -> None:
        vector = np.asarray(vector, dtype=np.float64)
        vectors.setdefault(kind, {}).setdefault(family, []).append(vector)
        sums[family] = sums[family] + vector if family in sums else vector.copy()
        claims.setdefault(family, []).append(claim)

    for m in members:
        add(m.kind, m.family, m.vector, m.claim)

    def may_join(
        family: int | tuple[str, str],
        of_family: list[np.ndarray],
        vector: np.ndarray,
        claim: frozenset[str] | None,
        *,
        lines: bool,
        same_claim_only: bool,
    ) -> bool:
        sims = np.stack(of_family) @ vector
        for sim, other in zip(sims, claims[family], strict=True):
            needs = pair_needs(claim, other, unknown=pair_threshold, lines=lines)
            if sim >= needs and (needs == PAIR_SAME_CLAIM_SIMILARITY or not same_claim_only):
                return True
        return False

    founded: set[tuple[str, str]] = set()
    out: list[int | tuple[str, str]] = []
    for clause in clauses:
        family: int | tuple[str, str] | None = known.get((clause.kind, clause.key))
        if family is None and (clause.kind, clause.key) in founded:
            family = (clause.kind, clause.key)
        by_family = vectors.setdefault(clause.kind, {})
        if family is None and clause.vector is not None and by_family:
            vector = np.asarray(clause.vector, dtype=np.float64)
            names = list(by_family)
            centroids = np.stack([sums[f] for f in names])
            centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
            sims = centroids @ vector
            floor, lines = join_floor(clause.kind, threshold), clause.kind in LINE_KINDS
            for best in np.argsort(-sims, kind="stable"):  # the first of equals: deterministic
                # Below `threshold` only a line that says all another member says may join: the centroid of such
                # short lines weighs their subjects (PAIR_SAME_CLAIM_SIMILARITY).
                if sims[best] < floor:
                    break
                low = bool(sims[best] < threshold)
                if may_join(
                    names[best], by_family[names[best]], vector, clause.claim, lines=lines, same_claim_only=low
                ):
                    family = names[best]
                    break
        if family is None:
            family = (clause.kind, clause.key)
            founded.add(family)
        if clause.vector is not None:
            add(clause.kind, family, clause.vector, clause.claim)
        out.append(family)
    return out


def quote_score(text: str) -> float:
    """How well a line reads lifted on its own: specific, and of a line's length (5 to 18 words)."""
    words = word_count(text)
    score = specificity(text)
    if words < 5:
        score -= 2.0 * (5 - words)
    elif words > 18:
        score -= 0.5 * (words - 18)
    return round(score, 2)


# --------------------------------------------------------------------------- the line a family shows

# Subjects that stand for something said before the line ("it was constantly breaking", "uploads to the new one
# were much more reliable"): lifted alone, the reader cannot tell what the line is about.
_POINTER_SUBJECTS = frozenset("it that this these those which he she they".split())
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
# A condition is not a claim: "if PyPI goes down, people can't work" says what would happen, not what did.
_CONDITION_MARKS = frozenset({"if", "unless"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_QUOTE_MARK = re.compile('["\u201c\u201d]')


def liftable_flags(texts: Sequence[str]) -> list[bool]:
    """Whether a copywriter could lift each line as it stands (the rule a family's shown wording is chosen by).

    Liftable: (1) at most LINE_WORDS words and at least QUOTE_MIN_WORDS; (2) the speaker's own claim: not a
    question, no "if" or "unless" condition, no quotation marks; (3) a whole clause: a finite verb of its own, and a
    main verb with its own subject (not "making it easier to maintain"); (4) nothing in it points at what was said
    before: no subject "it", "that", "they", ... (an "it" that stands for a clause later in the line, "it's hard to
    find maintainers", is fine), no "the new one" or "all of that" in the subject, no "this thing" or object "those"
    anywhere; (5) specific: at least one concrete word (`_word_weight`), not only judgements ("that was great")."""
    from pipelines.nlp import parse

    # Quotation marks put words in someone's mouth ("we're just like, "oh, nobody uses those""): not a claim.
    flags = [
        QUOTE_MIN_WORDS <= word_count(t) <= LINE_WORDS and not t.rstrip().endswith("?") and not _QUOTE_MARK.search(t)
        for t in texts
    ]
    todo = [i for i, ok in enumerate(flags) if ok]
    for i, doc in zip(todo, parse([texts[i] for i in todo]), strict=True):
        flags[i] = _liftable(doc)
    return flags


def _liftable(doc: Doc) -> bool:
    if any(t.lower_ in _CONDITION_MARKS and t.dep_ == "mark" for t in doc):
        return False
    line = " ".join(doc.text.split()).replace("\u2019", "'")
    pointing = _POINTING_OPENER.match(line)
    if pointing and not (pointing.group("pointer").lower() == "it" and _extraposed(next(doc.sents).root)):
        return False
    for sent in doc.sents:
        # A finite verb of the line's own (not one inside a relative or adverbial clause): the small parser
        # sometimes hangs a whole clause on its subject noun ("any change we made broke things" as a noun phrase),
        # so the finite verb is looked for anywhere outside such clauses, not only at the root.
        if not any(t.tag_ in _FINITE_TAGS and t.dep_ not in {"relcl", "acl", "advcl"} for t in sent):
            return False
        root = sent.root
        if root.pos_ not in {"VERB", "AUX"}:
            continue
        subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
        if not subjects:
            return False
        for subject in subjects:
            low = subject.lower_.replace("\u2019", "'")
            if low == "it" and _extraposed(root):
                continue
            if low in _POINTER_SUBJECTS or any(_stands_in(t) for t in subject.subtree):
                return False
    if any(_points_back(t) for t in doc):
        return False
    return any(_counts(low) and _word_weight(low) == 1.0 for low in map(_host_word, _WORD.findall(doc.text)))


def _stands_in(tok: Token) -> bool:
    """Whether a word of a subject stands in for something said before: "uploads to the new one" (not "one of
    us"), "all of that"."""
    if tok.lower_ in {"one", "ones"}:
        return not any(c.dep_ == "prep" for c in tok.children)
    return tok.dep_ == "pobj" and tok.lower_ in _POINTER_SUBJECTS


_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def _points_back(tok: Token) -> bool:
    """A vague noun pointed at ("this thing", "that stuff") or a demonstrative as an object ("nobody uses those"):
    what it is was said before the line (a relative "that" points inside it)."""
    if tok.lower_ in _DEMONSTRATIVES and tok.dep_ in {"dobj", "pobj"}:
        return tok.head.dep_ != "relcl" and tok.head.head.dep_ != "relcl"
    return tok.lower_ in GENERIC_WORDS and any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in tok.children)


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _extraposed(root: Token) -> bool:
    """Whether an "it" subject stands for a clause later in the line ("it's hard to find maintainers", "it turned
    out that nobody ran the tests")."""
    # Only after a copula's adjective or noun ("hard to find") or a verb of seeming: "it adds up to be costly"
    # keeps its "it" as the thing that costs.
    heads = [c for c in root.children if c.dep_ in {"acomp", "attr"}]
    if heads or root.lemma_.lower() in {"seem", "appear", "turn", "happen"}:
        heads.append(root)
    return any(c.dep_ in {"xcomp", "ccomp"} and c.i > root.i for head in heads for c in head.children)


# How much a line's readability counts beside how typical it is of its family when choosing the shown wording:
# on the ten PyPI interviews 0.02 picked "There were a lot of regular outages" and "It was constantly breaking"
# where readability alone (or 0.05) picked a long aside ("you can usually find a workaround to avoid the bit
# that's broken ...").
READABILITY_WEIGHT = 0.02


def choose_wording(
    texts: Sequence[str],
    vectors: Sequence[np.ndarray | None],
    claims: Sequence[frozenset[str] | None] | None = None,
    *,
    lines: bool = True,
    liftable: Sequence[bool] | None = None,
    people: Sequence[int] | None = None,
) -> int:
    """Index of the wording a family shows: a line a copywriter can lift (`liftable`, liftable_flags), then the one
    the most people (`people`, per text) and customers used most, then one of a line's length (LINE_WORDS), then,
    with `claims` (claim_words), the one that pairs with most other members (pair_needs), then the most typical of
    the family (closest to the centroid of its vectors) and readable on its own, then the shortest;
    deterministic."""
    counts: dict[str, int] = {}
    for text in texts:
        counts[text] = counts.get(text, 0) + 1
    known = [np.asarray(v, dtype=np.float64) for v in vectors if v is not None]
    centroid = np.sum(known, axis=0) if known else None
    if centroid is not None:
        centroid = centroid / max(float(np.linalg.norm(centroid)), 1e-12)

    def typical(i: int) -> float:
        vector = vectors[i]
        if centroid is None or vector is None:
            return 0.0
        return float(np.asarray(vector, dtype=np.float64) @ centroid)

    # The line that says what most of the family says: a family grows by pairs, and its centroid leans towards
    # whatever it took in, so on the ten PyPI interviews the most typical wording of the breaking family was a
    # different breakage ("Whenever people install your project, it breaks things") while "It was constantly
    # breaking" pairs with five of its six other lines.
    paired = [0] * len(texts)
    if claims is not None:
        units = [None if v is None else np.asarray(v, dtype=np.float64) for v in vectors]
        for i, j in itertools.combinations(range(len(texts)), 2):
            a, b = units[i], units[j]
            if a is None or b is None or texts[i] == texts[j]:
                continue
            if float(a @ b) >= pair_needs(claims[i], claims[j], lines=lines):
                paired[i] += 1
                paired[j] += 1

    return min(
        range(len(texts)),
        key=lambda i: (
            # A line that needs the sentence before it or a cut is shown only when the family has no other: on the
            # ten PyPI interviews "uploads to the new one were much more reliable" was said twice and shown, while
            # "overall the service has been far more reliable" is in the family.
            liftable is not None and not liftable[i],
            -(people[i] if people is not None else 0),
            -counts[texts[i]],
            # A line a copywriter would have to cut is shown only when the family has no other: on the ten PyPI
            # interviews a 22-word aside ("the specific project we had in mind when we started was finally ...")
            # was the most typical of "There have been a lot of improvements to PyPI's maintainability".
            word_count(texts[i]) > LINE_WORDS,
            -paired[i],
            -(typical(i) + READABILITY_WEIGHT * quote_score(texts[i])),
            len(texts[i]),
            texts[i],
            i,
        ),
    )
