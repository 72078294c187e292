"""Where the parts of a job statement hide in what customers say: rules over a spaCy parse.

People seldom say "I want to ..., so I can ...". They say what is hard ("it's difficult to reach the people who
rely on it"), what they cannot do, what should happen, what it would be nice to do, what is going wrong and what
something lets them do. Each rule below turns one of those shapes into the tokens of one slot; the statement
builder rewrites them in the first person and checks them like any other slot.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from pipelines.jtbd_words import CONTROL_VERBS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SlotKind = Literal["situation", "motivation", "outcome"]

# "it's hard to reach them", "mailing lists are difficult to keep up with": the struggle names the goal.
_DIFFICULT = frozenset(
    "hard difficult tough tricky impossible painful challenging frustrating scary dangerous spooky annoying "
    "expensive costly complicated".split()
)
_NICE = frozenset("nice great good helpful useful better ideal awesome amazing cool valuable important".split())
_IMPORTANT = frozenset("important critical essential crucial vital key necessary".split())
_GOAL_NOUNS = frozenset("goal idea point aim plan hope dream mission objective priority".split())
# "I can't remember", "you couldn't say": not a capability the speaker is missing.
_NOT_A_GOAL = frozenset(
    "remember imagine recall say tell think believe speak guess recommend answer understand see hear know "
    "wait stress emphasise emphasize overstate help".split()
)
_OWN = frozenset({"i", "we"})
# Subjects that point at what was said before; 'mine', 'ours' ("Mine wasn't a list") at whose the talk named.
_DEICTIC_SUBJECTS = frozenset(
    {"it", "that", "this", "which", "what", "these", "those", "they", "he", "she", "you"}
    | {"mine", "ours", "yours", "hers", "theirs"}
)
_DISCOURSE = frozenset(
    "and but so or like yeah yes well oh okay ok um uh because then now also basically honestly actually really "
    "just literally again".split()
)
_LETS = frozenset({"let", "allow", "enable", "help", "permit"})
_BREAK_WORDS = frozenset({"because", "cause", "'cause", "so", "but", "although", "though", "whereas", "unless"})
_SITUATION_MARKS = frozenset("when whenever if once after before as while until since".split())
_NEW_CLAUSE = frozenset({"advcl", "conj", "parataxis", "ccomp"})
_MAX_PHRASE = 18
_MAX_SITUATION = 24


@dataclass(frozen=True, slots=True)
class SlotSpan:
    """The tokens of one slot found by a rule: kind, its lead-in ('When'), who does it, and the rule's name."""

    kind: SlotKind
    tokens: tuple[Token, ...]
    lead: str
    subject: Token | None
    rule: str
    verb: str = ""  # a verb the rule supplies before the tokens: 'make' [the service far more reliable]
    follows: int = -1  # where the goal this outcome is the result of starts (character offset); -1: none

    @property
    def start_char(self) -> int:
        return self.tokens[0].idx

    @property
    def end_char(self) -> int:
        last = self.tokens[-1]
        return last.idx + len(last.text)


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the clause it hangs from ('I'm trying to [fix it]')."""
    cur = verb
    for _ in range(5):
        if (found := own_subject(cur)) is not None:
            return found
        if cur.head.i == cur.i or cur.dep_ not in {"xcomp", "conj", "ccomp", "advcl", "acomp"}:
            return None
        cur = cur.head
    return None


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})


def own_subject(verb: Token, deps: frozenset[str] = _SUBJECT_DEPS) -> Token | None:
    """A verb's own subject; of two, a misreading ('A list on my phone, so [I] can ring them', 'And four — and this is
    the big one — [I] want to ...'), the nearer one before it."""
    found = [c for c in verb.children if c.dep_ in deps]
    picked = [c for c in found if c.i < verb.i][-1:] or found[:1]
    return picked[0] if picked else None


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" and not _set_against_not(c) or c.lower_ in {"never", "no"} for c in tok.children)


def _set_against_not(neg: Token) -> bool:
    """A 'not' after a comma that sets another thing against what the verb says ('the family to ask me[, not] the
    office', 'pay by card, not cash'): the doing itself is not denied."""
    doc = neg.doc
    return (
        neg.i > neg.head.i
        and doc[neg.i - 1].text == ","
        and neg.i + 1 < len(doc)
        and doc[neg.i + 1].pos_ in {"DET", "NOUN", "PROPN", "PRON", "NUM", "ADP", "ADJ"}
    )


def _denied(verb: Token) -> bool:
    """Negated itself or up its chain of governing verbs ('would not expect to be able to [exert]')."""
    cur = verb
    for _ in range(6):
        if _negated(cur):
            return True
        if cur.head.i == cur.i or cur.dep_ not in {"xcomp", "ccomp", "acomp", "advcl", "conj", "aux"}:
            return False
        cur = cur.head
    return False


def _wished_aux(verb: Token) -> bool:
    """Whether a verb is said with 'would' or "'d" ('I'd like', 'it would be nice'): wished or weighed, not done."""
    return any(c.dep_ == "aux" and c.lower_.replace("’", "'") in {"would", "'d"} for c in verb.children)


def _question(tok: Token) -> bool:
    """The sentence asks: it ends on a question mark (a closing quote may follow it), unless the mark ends someone
    else's words read out and `tok` is not among them ('Priya sent me a message: "Where is it?"' tells)."""
    sent = tok.sent
    mark = next((t for t in (sent[-1], sent[-2] if len(sent) > 1 else None) if t is not None and t.text == "?"), None)
    return mark is not None and (not said_by_others(mark) or said_by_others(tok))


def phrase(
    verb: Token, *, object_after: bool = False, doer_named: bool = False, people_named: bool = False
) -> list[Token]:
    """The verb phrase a verb heads, from the verb on, up to the first new thought (a clause of its own, a
    'because'/'but', a dash or a semicolon); a second verb joined by 'and' with the same subject stays when the two
    make one slot ('open one page on Monday [and know which clients are still missing documents]'); [] when it runs
    too long to be one slot. With `object_after`, the phrase may end on its preposition: its object comes from
    elsewhere ('[mailing lists] are hard to keep up with'). With `doer_named`, the phrase need name nothing of its
    own: whoever is to do it is named before it ('[the drivers] to stop ringing me'); with `people_named`, people
    named to do it to the speaker may do it in two words ('[the family] to ask me')."""
    doc = verb.doc
    joined = joined_verbs(verb)
    own_clauses = {
        d.i for head in (verb, *joined.values()) for c in head.children if _own_clause(head, c) for d in c.subtree
    }
    limits = {d.i for c in verb.children if c.i > verb.i and _time_limit(c) for d in c.subtree}
    out: list[Token] = []
    end = verb.right_edge.i
    # "to get paid on time": the passive's 'get' is the doing, said before the verb that heads the phrase.
    got = [c.i for c in verb.children if c.dep_ == "auxpass" and c.lemma_.lower() == "get" and c.i < verb.i]
    # "so I [only] get the urgent ones": the word that narrows the doing belongs to it
    got += [c.i for c in verb.children if c.dep_ == "advmod" and c.lower_ == "only" and c.i == verb.i - 1]
    for i in range(min(got, default=verb.i), end + 1):
        tok = doc[i]
        if tok.text == "," and i + 1 in limits:
            continue  # "communicate with them[,] before something breaks": the limit belongs to the goal
        if (
            i > verb.i
            and (i not in limits or tok.text in {";", ":", "—", "–", "--", "…", "?", "!"})
            and (
                i in own_clauses
                or tok.text in {";", ":", "—", "–", "--", "…", "?", "!", "(", ")"}
                or tok.lower_ in _BREAK_WORDS
                and tok.dep_ in {"mark", "cc", "advmod"}
                and not _degree_so(tok)
                or (tok.text == "," and len(out) >= 3)
                or _purpose_after(tok)
                or _comparison_after(tok)
                or (
                    tok.dep_ == "cc"
                    and i not in joined
                    and any(c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} for c in tok.head.children)
                    and not _asks_more(tok)
                    and not _hyphenated(tok)
                )
            )
        ):
            break
        out.append(tok)
    else:
        out += place_said_after(verb) or question_said_after(verb)
    _trim_end(out)
    whole = _one_slot(out, object_after=object_after, named=doer_named, people=people_named)
    if not whole and (aside := _set_against(out)) > 1:
        # "so I know if I'm ready rather than just my coach saying 'you're fine'": what the phrase is set against,
        # or someone's words read out, may leave the parse broken; the phrase up to it says the outcome whole
        cut = out[:aside]
        _trim_end(cut)
        return _one_slot(cut, object_after=object_after, named=doer_named, people=people_named)
    kept = [k for k, t in enumerate(out) if t.i in joined]
    if whole or not kept:
        return whole
    # Two verb phrases that do not make one slot (too long, or the second ends on its particle: 'make changes and
    # play around'): the first says the goal, as it did alone.
    first = out[: kept[0]]
    _trim_end(first)
    return _one_slot(first, object_after=object_after, named=doer_named, people=people_named)


def place_said_after(verb: Token) -> list[Token]:
    """Where a thing is to be, said after the verb's phrase as a clause of the speaker's that the parser hangs
    elsewhere ('have the done button [somewhere I can hit it without looking]'): part of the goal."""
    doc = verb.doc
    start = verb.right_edge.i + 1
    if start + 2 >= len(doc) or doc[start].lower_ not in {"somewhere", "anywhere"}:
        return []
    clause = doc[start].head
    subject = own_subject(clause)
    if clause.pos_ != "VERB" or clause.i <= start or subject is None or subject.lower_ not in _OWN:
        return []
    tokens = list(doc[start : clause.right_edge.i + 1])
    if any(t.is_punct for t in tokens) or len(tokens) > _MAX_PLACE:
        return []
    return tokens


# The most words a place said after a goal may run to (`place_said_after`).
_MAX_PLACE = 10


def question_said_after(verb: Token) -> list[Token]:
    """What a verb of knowing asks, said right after its phrase as an 'if' clause the parser hangs from the verb above
    ('trying to work out [if I can afford stuff]'): part of the goal."""
    doc = verb.doc
    start = verb.right_edge.i + 1
    if start + 2 >= len(doc) or doc[start].lower_ not in {"if", "whether"}:
        return []
    clause = doc[start].head
    if clause.head.i != verb.head.i or verb.dep_ != "xcomp" or not asks_whether(clause):
        return []
    tokens = list(doc[start : clause.right_edge.i + 1])
    if any(t.is_punct for t in tokens) or len(tokens) > _MAX_PLACE:
        return []
    return tokens


def _joining_hyphen(tok: Token) -> bool:
    """A hyphen inside a word ('cash[-]and[-]carry'), not a dash between words."""
    return tok.tag_ == "HYPH" and not tok.whitespace_


def _hyphenated(tok: Token) -> bool:
    """A word inside a hyphenated compound ('the cash-[and]-carry'): no break in the phrase."""
    doc = tok.doc
    return 0 < tok.i < len(doc) - 1 and _joining_hyphen(doc[tok.i - 1]) and _joining_hyphen(doc[tok.i + 1])


def _elided_before(out: Sequence[Token]) -> bool:
    """A phrase that ends on a clause cut to its subject and auxiliary, the verb it stands for said in an earlier
    sentence ('I couldn't prove [they had]'): alone, the slot says nothing. One whose verb is said before it in its
    own sentence stays ('I want it written down that I reported it, so nobody can say [I didn't]')."""
    last = out[-1]
    if last.dep_ == "neg" or not elided(last) or any(c.tag_ in {"WRB", "WP"} for c in last.children):
        return False
    return not any(t.pos_ == "VERB" and t.tag_ in {"VBD", "VBN"} for t in last.sent if t.i < out[0].i)


def _degree_so(tok: Token) -> bool:
    """A 'so' that says how much of the next word ('stop doing [so] much', 'ring [so] often'), not what for."""
    return tok.lower_ == "so" and tok.head.i == tok.i + 1 and tok.head.pos_ in {"ADV", "ADJ"}


def _comparison_after(tok: Token) -> bool:
    """A 'like' opening a clause of its own, in the past, that compares the doing with how it went before ('go through
    four calendars with a pen [like I used to]', 'like we did last year'): the old way, said after the phrase, no
    part of it. A present one says how the doing goes ('book the hall like I book the pitch') and stays."""
    if tok.lower_ != "like" or tok.dep_ not in {"mark", "intj", "prep", "advmod"} or tok.i + 1 >= len(tok.doc):
        return False
    subject = tok.nbor(1)
    clause = subject.head
    if subject.dep_ != "nsubj" or subject.pos_ != "PRON" or clause.i <= subject.i:
        return False
    past = clause.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in clause.children)
    return past and clause.pos_ in {"VERB", "AUX"} and (tok.head.i == clause.i or clause.head.i == tok.i)


def _set_against(out: Sequence[Token]) -> int:
    """Where in a phrase what it is set against begins ('rather than ...', 'instead of ...') or someone's words are
    read out (an opening quotation mark): 0 where neither is said."""
    for k, tok in enumerate(out[1:], start=1):
        if tok.lower_ == "rather" and k + 1 < len(out) and out[k + 1].lower_ == "than":
            return k
        if tok.lower_ == "instead" and k + 1 < len(out) and out[k + 1].lower_ == "of":
            return k
        if tok.tag_ == "``" or tok.text in {'"', "“"} or tok.text in {"'", "‘"} and tok.tag_ != "POS":
            return k
    return 0


def _one_slot(out: list[Token], *, object_after: bool, named: bool = False, people: bool = False) -> list[Token]:
    """`out` as a slot's tokens, [] when it is no slot: too long, broken off, cut mid-thought or about nothing named."""
    if not out:
        return []
    doc = out[0].doc
    after = doc[out[-1].i + 1] if out[-1].i + 1 < len(doc) else None
    if after is not None and after.text in {"—", "–", "--", "…"} and out[-1].pos_ in {"ADJ", "DET", "NUM", "ADP"}:
        return []  # "implement a lot of additional —": the speaker broke off before the thing itself
    if len(out) > 2 and [t.lower_ for t in out[-2:]] == ["or", "not"]:
        out = out[:-2]  # "determine if a project is sustainable or not"
    # "the cash-and-carry" is one word said, five tokens
    length = sum(1 for t in out if not _joining_hyphen(t))
    if object_after and out and length <= _MAX_PHRASE:
        return out
    if length > _MAX_PHRASE or not out:
        return []  # too long to be one slot
    if (
        out[-1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "AUX"}
        and not stranded(out[-1])
        and not wh_be(out[-1])
        and not elided_wh(out[-1])
        # "[before they set] out", "where I'm picking them [up]": the particle closes a verb inside the phrase; not
        # a second verb joined to the first ('make changes and play [around]'), which makes no one slot with it
        and not (particle(out[-1]) and _closes_inner_verb(out))
    ):
        return []  # cut mid-thought ('sell the return on investment of'), unless a wh-word took its object ('see
        # what we're short of')
    if len(out) > 2 and _elided_before(out):
        return []  # "prove they had": the doing was said in another sentence, and the slot alone says nothing
    # A goal acts on something named: 'do cheaply' or 'deploy it' says nothing on its own; the question a verb
    # answers names it too ('know who's playing'); so do the people named to do it ('[the drivers] to stop ringing
    # me'), though not a word or two ('[the floor] to open', '[the ground] to swallow me') unless people are to do
    # it to the speaker ('[the family] to ask me') or to stop a doing of their own ('[Dawn] to stop apologising')
    if (
        not (named and (len(out) > 2 or _how_done(out)))
        and not (people and len(out) == 2 and out[1].lower_ in {"me", "us"} and out[1].dep_ == "dobj")
        and not (people and len(out) == 2 and out[0].lemma_.lower() in _ENDING and out[1].tag_ == "VBG")
        and not any(t.pos_ in {"NOUN", "PROPN"} and not _when_only(t, out) for t in out[1:])
        and not _answers(out)
        and not _says_elided(out)
        and not acts_on_the_case(out)
    ):
        return []
    return out


# Nouns that say when and nothing else where they stand alone ('get that sorted [one day]', 'do it [next week]').
_TIME_NOUNS = frozenset("day week month year morning afternoon evening night weekend time".split())


def _when_only(noun: Token, out: Sequence[Token]) -> bool:
    """A noun that only says when a doing on a thing said before is ('get that sorted one [day]'): it names nothing
    acted on; with the thing named ('see the whole week', 'see who's cancelled this week') it is part of the goal."""
    if noun.dep_ not in {"npadvmod", "tmod"} or noun.lemma_.lower() not in _TIME_NOUNS:
        return False
    return any(t.lower_ in {"it", "that", "this"} and t.dep_ in {"dobj", "nsubj"} for t in out[1:])


def _closes_inner_verb(out: Sequence[Token]) -> bool:
    """The phrase's last word closes a verb said inside it other than one joined to its first verb by 'and'."""
    verb = out[-1].head
    joined = verb.dep_ == "conj" and verb.head.i == out[0].i
    return verb.i in {t.i for t in out[:-1]} and not joined or verb.dep_ == "advcl"


def acts_on_the_case(out: Sequence[Token]) -> bool:
    """A doing on 'it' said after the case that names it ('if someone's box turned up squashed, ..., so I can [pack it
    differently]'): 'it' is the thing of the case, said in the same sentence, which the statement's situation shows."""
    it = next((t for t in out[1:] if t.dep_ == "dobj" and t.lower_ == "it" and t.head.i == out[0].i), None)
    if it is None:
        return False
    cases = [
        c
        for c in it.sent
        if c.dep_ == "advcl" and c.i < out[0].i and any(m.lower_ in {"if", "when", "whenever"} for m in c.children)
    ]
    things = [n for c in cases for n in c.children if n.dep_ in {"nsubj", "nsubjpass"} and n.pos_ == "NOUN"]
    # one thing, not people ('when a client says ..., I can't prove it': what 'it' is lies elsewhere)
    return len(cases) == 1 and len(things) == 1 and things[0].tag_ == "NN" and not is_people(things[0])


def _how_done(out: Sequence[Token]) -> bool:
    """A verb and the word that says how it is to go ('[the tablet] to work offline', '[the page] to load faster'):
    two words that name a doing of its own, where a verb alone ('[the floor] to open') does not."""
    return (
        len(out) == 2
        and out[1].dep_ == "advmod"
        and out[1].head.i == out[0].i
        and out[1].pos_ == "ADV"
        and out[1].lower_ not in _STATE_HEDGES | _BREAK_WORDS | {"again", "too", "then", "now", "there", "here"}
    )


# The verbs a clause may end on with the rest of it left unsaid, as said just before: 'I didn't', 'we can't'.
_ELIDING = frozenset("do can will be have should would could".split())


def elided_wh(tok: Token) -> bool:
    """A second question said as its wh-word alone after 'and'/'or' ('what they approved [and when]'): the rest is
    the first question's, so the phrase ends whole on it."""
    return (
        tok.lower_ in {"when", "where", "why", "how", "who"}
        and tok.dep_ == "conj"
        and not list(tok.children)
        and tok.i > 0
        and tok.doc[tok.i - 1].lower_ in {"and", "or"}
    )


def elided(tok: Token) -> bool:
    """A clause ends on an auxiliary (or its 'not'), the verb phrase it stands for said just before ('I want it
    written down that I reported it, so nobody can say I [didn't]'): the clause is whole as said."""
    verb = tok.head if tok.dep_ == "neg" else tok
    doc = tok.doc
    # what follows a comma is a thought of its own ('which aren't[,] without ringing anybody')
    said_after = [c for c in verb.children if c.i > verb.i and c.dep_ not in {"neg", "punct"}]
    return (
        verb.lemma_.lower() in _ELIDING
        and verb.tag_ in {"VBD", "VBP", "VBZ", "MD"}
        and any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)
        and all(any(t.text == "," for t in doc[verb.i + 1 : c.i]) for c in said_after)
        and tok.i >= verb.i
    )


# Wh-words that stand for what a question's 'be' is ('where the key is'); 'if'/'whether' leave it unsaid.
_FRONTED = frozenset({"how", "what", "which", "who", "when", "where"})


def wh_be(tok: Token) -> bool:
    """A 'be' that ends the question it asks, its complement fronted as the wh-word ('know where every key [is]',
    'see what the problem [was]', 'know where I'm meant to [be]'): the clause is whole as said."""
    if tok.lemma_.lower() != "be" or any(
        c.i > tok.i and c.dep_ in {"acomp", "attr", "xcomp", "ccomp", "dobj", "neg"} for c in tok.children
    ):
        return False
    if tok.tag_ == "VB" and tok.dep_ == "xcomp" and _has_to_aux(tok):
        # "know where I'm meant [to be]", "where I need to be": the question's own verb says who is to be there
        asker = tok.head
        fronted = asker.left_edge.lower_ in _FRONTED or tok.left_edge.lower_ in _FRONTED
        subjects = [c for c in asker.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < asker.i]
        return fronted and bool(subjects) and subjects[0].lower_ not in _FRONTED  # 'who is going to be': cut off
    # "what the order should have [been]", "where it will [be]": its auxiliaries carry the tense
    finite = tok.tag_ in {"VBD", "VBP", "VBZ"} or any(c.dep_ == "aux" and c.tag_ == "MD" for c in tok.children)
    return finite and tok.left_edge.lower_ in _FRONTED and any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)


def _says_elided(out: list[Token]) -> bool:
    """A phrase whose verb tells a clause ending on what was left unsaid ('say [I didn't]'): what it names was said
    just before, in the clause the 'I didn't' stands for."""
    return elided(out[-1]) and any(c.dep_ == "ccomp" and out[-1].i in {t.i for t in c.subtree} for c in out[0].children)


def _asks_more(cc: Token) -> bool:
    """An 'and' between two questions a verb takes as its object ('know who's next [and] where I'm picking them
    up'): one object, both what is to be learnt."""
    head = cc.head
    conj = next((c for c in head.children if c.dep_ == "conj" and c.i > cc.i), None)
    return (
        head.dep_ in {"ccomp", "xcomp"}
        and head.left_edge.lower_ in _WH
        and conj is not None
        and conj.left_edge.lower_ in _WH
    )


def _answers(out: list[Token]) -> bool:
    """Whether a phrase's verb takes a question of its own as its object ('know who's playing', 'decide where to
    meet'), not one that points back at the talk ('see if it works')."""
    inside = {t.i for t in out}
    doc = out[0].doc
    # "know if I'm ready [rather than ...]": what the question is set against, cut off after it, is no part of it
    after = out[-1].i + 1
    set_against = after + 1 < len(doc) and _set_against([out[-1], doc[after], doc[after + 1]]) == 1
    return any(
        c.dep_ in {"ccomp", "xcomp"}
        and c.left_edge.lower_ in _WH
        and {t.i for t in question_words(c) if not (set_against and t.i >= after)} <= inside
        and not _points_back(list(c.subtree))
        for c in out[0].children
    )


def question_words(clause: Token) -> list[Token]:
    """The words of a question a verb takes, less a 'so' or 'but' the parser hung at its end that opens the next
    thought ('know where we are [so] I can tell a customer'), or a clause set off after a comma ('where I'm picking
    them up[, before I pull away]')."""
    words = list(clause.subtree)
    for k, t in enumerate(words[:-1]):
        nxt = words[k + 1]
        if t.text == "," and nxt.dep_ in {"mark", "advmod"} and nxt.head.dep_ == "advcl" and nxt.head.i > clause.i:
            words = words[:k]
            break
    last = words[-1]
    if len(words) > 1 and last.lower_ in _BREAK_WORDS and last.dep_ in {"advmod", "mark", "cc"} and last.head == clause:
        words.pop()
    return words


def object_does(head: Token, clause: Token) -> bool:
    """A 'to'-clause said right after the object of a verb whose object does it ('get my brother over [to fix the
    fence]', 'ask a neighbour [to feed the cat]'): what that person is to do is the phrase's point, not a thought of
    its own; cut off, 'get my brother over' says nothing of what for. Not one set off by a comma ('get him over, to
    be safe')."""
    return (
        clause.dep_ == "advcl"
        and clause.i > head.i
        and head.lemma_.lower() in CONTROL_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" and c.i == clause.left_edge.i for c in clause.children)
        and any(c.dep_ == "dobj" and c.i < clause.i for c in head.children)
        and not clause.doc[clause.left_edge.i - 1].is_punct
    )


# Wh-words that open a question about people, things, times or places ('who's coming', 'where I am on the list').
_OPEN_WH = frozenset({"who", "what", "when", "where", "which", "how"})


def open_question(tokens: Sequence[Token]) -> Token | None:
    """The verb of the question a phrase's verb of knowing takes as its object, said whole as a clause of its own
    ('know [who's coming]', 'find out [where I am]'): a subject and a finite verb of its own, nothing in it that
    points back at the talk ('know what it is'). None for a bare 'to'-question ('know what to do'): it names no
    people, thing or event."""
    knowing = {"know", "find", "see", "hear", "learn", "check"}
    inside = {t.i for t in tokens}
    verb = next((t for t in tokens if t.pos_ in {"VERB", "AUX"}), None)
    if verb is not None and verb.lemma_.lower() not in knowing:
        # "[knowing] who's coming", its verb said as a gerund and given in its base form: the question alone
        roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
        if len(roots) == 1 and roots[0].dep_ == "ccomp" and roots[0].head.lemma_.lower() in knowing:
            verb = roots[0].head
    if verb is None or verb.lemma_.lower() not in knowing:
        return None
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.left_edge.lower_ not in _OPEN_WH:
            continue
        subtree = question_words(clause)
        finite = clause.tag_ in {"VBD", "VBP", "VBZ"} or any(
            c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBP", "VBZ", "MD"} for c in clause.children
        )
        subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in clause.children)
        points_back = _points_back(subtree)
        if finite and subject and {t.i for t in subtree} <= inside and not points_back:
            return clause
    return None


# Verbs whose 'if'-clause says whether, not when: "I don't know if it works", "make sure if pip still works"; 'work'
# only as someone's 'work out' ("it would work if they paid" weighs a case).
WHETHER_VERBS = frozenset(
    "know see check wonder ask tell determine find decide figure test verify care matter learn confirm judge".split()
)


def _asking_verb(clause: Token) -> Token:
    """The verb an 'if'/'whether' clause hangs from; or the one right before it, where the parser hangs the clause
    from the verb above that one ("I'm trying to work out [if I can afford stuff]")."""
    governor = clause.head
    start = clause.left_edge.i
    before = clause.doc[start - 1] if start > 0 else governor
    before = before.head if before.dep_ == "prt" else before
    if before.dep_ == "xcomp" and before.head.i == governor.i and before.i < start:
        return before
    return governor


def asks_whether(clause: Token) -> bool:
    """An 'if'/'whether' clause that is what a verb of knowing or checking (or 'make sure') asks: 'find out [if the
    build broke]', 'work out [if it will last]': the question, not a case the speaker is in."""
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in {"if", "whether"}), None)
    if mark is None or clause.head.i == clause.i:
        return False
    governor = _asking_verb(clause)
    lemma = governor.lemma_.lower()
    # "work out [if it lasts]" asks; "it would work out [if they paid]" is a thing that succeeds in a case
    out = any(c.dep_ == "prt" and c.lower_ == "out" for c in governor.children) and not any(
        c.dep_ == "nsubj" and c.lower_ in {"it", "that", "this", "which"} for c in governor.children
    )
    return (
        lemma in WHETHER_VERBS
        or lemma == "work"
        and out
        or any(t.lower_ == "sure" for t in (governor, *governor.children))
    )


def asked_right_after(head: Token, clause: Token) -> bool:
    """`clause` asks whether, right after its verb and particle (or the person asked: 'ask them [if ...]'): 'check it
    [if I had time]' weighs a case."""
    if clause.dep_ != "advcl" or not asks_whether(clause):
        return False
    head = _asking_verb(clause)
    between = [t for t in head.doc[head.i + 1 : clause.left_edge.i] if not t.is_punct]
    return all(
        t.dep_ == "prt" or t.dep_ in {"dobj", "dative"} and t.pos_ == "PRON" and head.lemma_.lower() in {"ask", "tell"}
        for t in between
    )


# A clause said after 'instead of' of up to this many words stays with the doing it is set against.
_SHORT_INSTEAD = 4


def set_against(tok: Token) -> bool:
    """Whether a word is the 'instead' of 'instead of' or the 'rather' of 'rather than'."""
    following = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ in {"instead", "rather"} and following is not None and following.lower_ in {"of", "than"}


def instead_of(clause: Token) -> bool:
    """Whether a clause is a short one said after 'instead of' or 'rather than' ('send someone a programme in
    thirty seconds [instead of photocopying]'): what the doing beats, part of it."""
    first = clause.left_edge.i
    return first >= 2 and set_against(clause.doc[first - 2]) and clause.right_edge.i - first < _SHORT_INSTEAD


def _own_clause(head: Token, child: Token) -> bool:
    """A clause after `head` that is a thought of its own: an adverbial clause or a verb with its own subject."""
    return (
        child.i > head.i
        and not _time_limit(child)
        and not instead_of(child)
        and not asked_right_after(head, child)
        and not _for_to(child)
        and not object_does(head, child)
        and not _time_spent_on(head, child)
        and (
            child.dep_ in {"advcl", "parataxis"}
            or (
                child.dep_ == "conj"
                and child.pos_ in {"VERB", "AUX"}
                and any(g.dep_.startswith("nsubj") for g in child.children)
            )
        )
    )


# Verbs that spend or lose a stretch of time on a doing said after it ('spend the evening [copying addresses]').
_TIME_SPENDERS = frozenset("spend waste lose".split())
_STRETCHES = frozenset(  # lemmas
    "time while day week evening night morning afternoon hour weekend month year summer winter monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)


def _time_spent_on(head: Token, child: Token) -> bool:
    """Whether `child` is the doing a stretch of time is spent on, said right after it ('spend a Friday night
    [sending reminders]', 'waste an hour [looking for keys]'): what the time goes on, part of the same thought."""
    if head.lemma_.lower() not in _TIME_SPENDERS or child.tag_ != "VBG" or child.dep_ not in {"advcl", "xcomp"}:
        return False
    stretch = next((c for c in head.children if c.dep_ in {"dobj", "npadvmod"} and c.i < child.i), None)
    return stretch is not None and stretch.lemma_.lower() in _STRETCHES and child.i == stretch.right_edge.i + 1


# "contribute back first [and hope that it was accepted]": how the speaker feels about the goal, not a step of it.
_ATTITUDES = frozenset("hope wish pray think believe guess suppose feel worry".split())


def joined_verbs(verb: Token) -> dict[int, Token]:
    """The verbs joined to `verb` by 'and' that share its subject ('open one page on Monday [and know which clients
    are still missing documents]'), by the index of their 'and': one thought said in two steps, the second often its
    point. Not 'and then'/'and eventually' + verb, which says what a goal leads to (an outcome of its own)."""
    out: dict[int, Token] = {}
    for cc in verb.children:
        if cc.dep_ != "cc" or cc.i < verb.i or cc.lower_ != "and":
            continue
        conj = next((c for c in verb.children if c.dep_ == "conj" and c.i > cc.i), None)
        if conj is None or conj.pos_ not in {"VERB", "AUX"} or conj.lemma_.lower() in _ATTITUDES:
            continue
        if any(g.dep_.startswith("nsubj") or g.dep_ == "expl" for g in conj.children):
            continue
        if cc.nbor(1).lower_ in _RESULT_ADVERBS:
            continue
        out[cc.i] = conj
        # "open my rota and open the app [and just put lessons in the gaps]": the parser hangs a third step from
        # the second; the last is often the point
        out.update(joined_verbs(conj))
    return out


def _trim_end(out: list[Token]) -> None:
    """Drop what cannot end a phrase: punctuation, a dangling 'and'/'that', discourse words (not the 'now' of 'right
    now', 'for now' or 'by now', which says when, nor the 'well' of 'as well')."""
    while out and (
        out[-1].is_punct or out[-1].dep_ in {"cc", "mark"} or out[-1].lower_ in _DISCOURSE or set_against(out[-1])
    ):
        if out[-1].lower_ == "now" and len(out) > 1 and out[-2].lower_ in _NOW_SAID_WITH:
            break
        if out[-1].lower_ == "well" and len(out) > 1 and out[-2].lower_ == "as":
            break  # "take their bags as well": 'as' would dangle
        out.pop()


# The words that make a 'now' say when rather than turn the talk: 'right now', 'for now', 'by now', 'until now'.
_NOW_SAID_WITH = frozenset({"right", "for", "by", "until", "till", "from", "just"})


def _trim_dangling(tokens: list[Token]) -> None:
    """Drop what cannot end a clause cut short: punctuation, a dangling 'and', 'the' or preposition (one whose object
    was said before it stays: 'what they look at')."""
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in {"CCONJ", "SCONJ", "DET", "ADP"}):
        if stranded(tokens[-1]) or particle(tokens[-1]):
            break
        tokens.pop()


def _time_limit(clause: Token) -> bool:
    """A 'before'/'until' clause bounds the goal in time ('communicate with them [before something breaks]'): cut off,
    the goal says something else."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"before", "until"} for c in clause.children)


def _for_to(clause: Token) -> bool:
    """A 'for'-'to' clause says whom the goal is for and what they then do ('open the doorway [for new individuals
    to establish themselves]'): it belongs to the goal, not a thought of its own."""
    return (
        clause.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "for" and c.i < clause.i for c in clause.children)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    )


def _purpose_after(comma: Token) -> bool:
    """A comma before a 'to'-clause of its own: "run it locally[, to make changes]" says what the goal is for."""
    if comma.text != "," or comma.i + 1 >= len(comma.doc):
        return False
    to = comma.nbor(1)
    return to.lower_ == "to" and to.tag_ == "TO" and to.dep_ == "aux" and to.head.dep_ in {"advcl", "conj"}


def _infinitive(head: Token) -> Token | None:
    """The 'to'-verb a word governs ('difficult [to keep up with]', 'goal is [to fix it]')."""
    for c in head.children:
        if c.dep_ in {"xcomp", "ccomp", "advcl", "acl"} and c.pos_ in {"VERB", "AUX"}:
            if any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                return c
    return None


def _with_object(verb: Token, tokens: list[Token], thing: Token | None) -> list[Token]:
    """'keep up with' + 'mailing lists': a verb phrase whose object was the sentence's subject."""
    if thing is None or thing.lower_ in _DEICTIC_SUBJECTS or thing.pos_ not in {"NOUN", "PROPN"}:
        return tokens
    if any(c.dep_ in {"dobj", "pobj"} for t in tokens for c in t.children if c.i > verb.i):
        return tokens
    span = list(thing.subtree)
    if len(span) > 5 or any(t.is_punct for t in span):
        return []
    # The object goes right after the preposition left without one: "keep up with [as well]" -> "keep up with X".
    bare = [
        k
        for k, t in enumerate(tokens)
        if t.dep_ == "prep" and t.head.i == verb.i and not any(c.dep_ == "pobj" for c in t.children)
    ]
    return [*tokens[: bare[-1] + 1], *span] if bare else [*tokens, *span]


def particle(tok: Token) -> bool:
    """A phrasal verb's particle, which may close its phrase ('without looking anything up', 'sort it out'): the
    parser may hang it as an adverb rather than a 'prt'; its tag (RP) says it all the same. Said right after the
    verb's object ('puts a test [in]', 'hand the form [in]'), the parser may tag it a preposition: one with no object
    of its own that closes the verb's phrase is its particle all the same."""
    return tok.dep_ == "prt" or tok.tag_ == "RP" or _particle_after_object(tok)


# The words a phrasal verb's particle is said with ('put it in', 'hand it back'); 'include people [from]' is cut off.
_PARTICLE_WORDS = frozenset("in out up down off on back over away round around through".split())


def _particle_after_object(tok: Token) -> bool:
    """A preposition with no object, hung on a verb right after that verb's direct object and closing the verb's
    phrase ('whenever a customer puts an order [in]'): the verb's particle, moved past its object."""
    verb = tok.head
    if tok.lower_ not in _PARTICLE_WORDS or tok.pos_ != "ADP" or tok.dep_ not in {"prep", "advmod"}:
        return False
    if any(True for _ in tok.children):
        return False
    if verb.pos_ != "VERB" or verb.i > tok.i or verb.right_edge.i != tok.i:
        return False
    return any(c.dep_ == "dobj" and c.right_edge.i == tok.i - 1 for c in verb.children)


def stranded(prep: Token) -> bool:
    """A preposition whose object was moved to the front: a wh-word ('know what people use the API for'), the
    subject of a 'hard to' ('lists are hard to keep up with') or the thing a relative clause tells of ('the cut
    everyone agreed on'); 'include people from' is cut off."""
    # the tagger may take a last 'to' for an infinitive's ('who every pair belonged [to]'); its parse says otherwise
    misread_to = prep.pos_ == "PART" and prep.lower_ == "to" and prep.dep_ == "prep"
    if prep.pos_ != "ADP" and not misread_to or prep.dep_ not in {"prep", "prt"}:
        return False
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    verb = prep.head
    if not objects and _relative_of_before(verb if verb.pos_ in {"VERB", "AUX"} else verb.head):
        return True
    if prep.dep_ != "prep":
        return False
    tough = verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ == "acomp"
    if tough and not objects:
        return True  # "mailing lists are hard to keep up with": the object is the sentence's subject
    if objects:  # the parser may hang the fronted word on the preposition itself
        return all(o.i < prep.i and any(t.tag_ in {"WP", "WDT"} for t in o.subtree) for o in objects)
    return any(t.tag_ in {"WP", "WDT"} and t.i < prep.i for t in prep.head.subtree)


def _relative_of_before(verb: Token) -> bool:
    """A relative clause with no relative word, after the thing it tells of ('the one [everyone agreed on]')."""
    return (
        verb.dep_ == "relcl"
        and verb.head.i < verb.i
        and verb.head.pos_ in {"NOUN", "PRON", "PROPN", "NUM"}
        and not any(t.tag_ in {"WP", "WDT", "WRB"} for t in verb.subtree)
    )


def _whole(tokens: Sequence[Token]) -> bool:
    """A phrase that acts on something named and does not stop mid-thought."""
    return (
        bool(tokens)
        and tokens[-1].pos_ not in {"ADP", "DET", "CCONJ", "SCONJ", "AUX"}
        and any(t.pos_ in {"NOUN", "PROPN"} for t in tokens[1:])
    )


def said_by_others(tok: Token) -> bool:
    """Someone else's words read out ('people going, I can't sign up!')."""
    from pipelines.statements import reported

    return reported(tok)


# What others say the speaker needs: "Jas said I need to ...", "Gareth told me I should ...", "Rob kept saying ...".
_ADVISING = frozenset("say tell reckon think suggest insist".split())


def told_by_others(tok: Token) -> bool:
    """Whether a doing of the speaker's is what someone else said they need or should do ('Jas said [I need to stop
    talking about dispatch at dinner]', 'Helen said I'd only need to [log in once a week]'): their advice or their
    word on it, not a goal the speaker voiced; 'I said I need to ...' stays the speaker's own."""
    cur = tok
    for _ in range(5):
        if cur.head.i == cur.i:
            return False
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in _ADVISING:
            saying = cur.head
            doer = own_subject(cur)
            needs = cur.lemma_.lower() in {"need", "have"} or any(
                c.dep_ == "aux" and c.lower_ in {"should", "must", "ought"} for c in cur.children
            )
            if not needs:
                return False  # "a berth holder says 'can I move', I want to drag him there": the speaker's own want
            if any(c.dep_ == "auxpass" for c in saying.children):
                # "I've been told I need to "embrace change" by my granddaughter": someone's advice, whoever's
                return doer is not None and doer.lower_ in _OWN
            who = own_subject(saying) or (own_subject(saying.head) if saying.dep_ == "xcomp" else None)
            return (
                doer is not None
                and doer.lower_ in _OWN
                and who is not None
                and who.lower_ not in _OWN | {"you", "it", "that", "this"}
            )
        cur = cur.head
    return False


def _sure(verb: Token) -> bool:
    """'ensure', or 'make' with 'sure' ('make sure the files are there')."""
    return verb.lemma_.lower() == "ensure" or any(c.lower_ == "sure" for c in verb.children)


# "if I'm trying to figure out how to spend it", "you want to know that it will be maintained", "spent a lot of
# time trying to find out where we can reduce costs": the speaker's goal, said in the generic "you" or inside the
# situation that frames it; the strict cue rules (pipelines.jtbd) leave these out. A generic "you" inside an 'if'
# is a case anyone may be in (see `_conditional`).
_GOAL_VERBS = frozenset({"want", "try", "hope", "aim", "plan"})
# "You want to come in January when the heater's on strike": coming to where the speaker is, said to 'you', is the
# listener's to do, an invitation or a joke, no goal of the speaker's in the generic 'you'.
INVITED = frozenset({"come", "visit"})
_MEANS = frozenset({"way", "means", "tool", "process"})


def _answered_back(want: Token) -> bool:
    """A want said to 'you' that the sentence goes on to answer ('You want to put the rota on a phone[ — well,] the
    phone's got no bars'): the listener's idea, put and rebutted, not the speaker's goal in the generic 'you'."""
    for tok in want.sent:
        if tok.i > want.i and tok.lower_ == "well" and tok.i > 0 and tok.nbor(-1).text in {"—", "–", "--", "-", ","}:
            return True
    return False


def _conditional(verb: Token) -> bool:
    """The verb heads, or hangs inside, an 'if'/'unless' clause ('if you're trying to [fix it], ...'), unless what
    the clause leads to says it is hard: 'if you want to run a charity globally, that's really hard' is the struggle
    of a goal, as 'it's hard to run a charity globally' is."""
    case = _case_clause(verb)
    return case is not None and (case.head.i == case.i or not _conditional_hard(case.head))


def _case_clause(verb: Token) -> Token | None:
    """The 'if'/'unless' clause the verb heads or hangs inside, through the verbs it goes on from; None outside one."""
    cur = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in cur.children):
            return cur
        if cur.dep_ not in {"xcomp", "conj"} or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _if_mine_to(verb: Token) -> bool:
    """The verb heads an 'if' clause that leads only to a judgement of it ('if I want to stop for a paper, that's my
    business', 'it's up to me'): a freedom claimed, not a goal; 'if I want X, I have to Y' tells a goal's cost."""
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "if"), None)
    result = verb.head
    if mark is None or verb.dep_ != "advcl" or result.lemma_.lower() != "be" or result.i < verb.i:
        return False
    said = next((c for c in result.children if c.dep_ == "nsubj"), None)
    judged = any(c.dep_ in {"attr", "acomp", "prep"} for c in result.children)
    return said is not None and said.lower_ in {"that", "it", "this"} and judged and not _conditional_hard(result)


def _judged_case(verb: Token) -> bool:
    """The verb hangs inside an 'if' clause that leads only to a judgement of it ('if it exports something and then I
    have to fiddle with it, [that's no better]'): a case weighed."""
    case = _case_clause(verb)
    return case is not None and _if_mine_to(case)


def _conditional_hard(result: Token) -> bool:
    """What an 'if' clause leads to says it is hard ('that's really hard')."""
    return result.lower_ in _DIFFICULT or any(c.dep_ == "acomp" and c.lower_ in _DIFFICULT for c in result.children)


_KEEP_AT = frozenset({"keep", "carry", "go"})  # "kept trying to", "carried on trying to", "went on trying to"


def kept_at(tok: Token) -> bool:
    """A goal verb said as what the speaker kept doing ('I kept trying to ...', 'I carried on trying to ...'): a
    habit told of the old way, not a goal; 'carry' and 'go' only with their 'on'. So is 'I still try to ...' in the
    present ('I still try to write a proper note'): a habit kept from the old way."""
    if tok.lemma_.lower() == "try" and tok.tag_ in {"VBP", "VBZ"} and any(c.lower_ == "still" for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ not in {"xcomp", "advcl"} or tok.tag_ != "VBG" or head.i == tok.i:
        return False
    if head.lemma_.lower() not in _KEEP_AT:
        return False
    return head.lemma_.lower() == "keep" or any(c.dep_ == "prt" and c.lower_ == "on" for c in head.children)


_SCENE_MARKS = frozenset({"while", "when", "as"})


_SPEAKER_OBJECTS = frozenset({"me", "us", "myself", "ourselves"})
_PEOPLE_SEEN = frozenset({"him", "her", "them", "you", "everyone", "everybody", "someone", "somebody"})


def seen_doing(tok: Token) -> bool:
    """A 'trying' said of someone the speaker saw, pictured or found at it ('I pictured my brother and his mate
    trying to get it up the front step', 'I found him trying to fix it', 'the customer's on the phone or trying to
    find the kettle'): their doing, not the speaker's goal. Time spent on it ('I spent the morning trying to ...') is
    the speaker's own."""
    if tok.tag_ != "VBG" or tok.head.i > tok.i:
        return False
    head = tok.head
    if tok.dep_ == "conj" and head.pos_ in {"NOUN", "PROPN"}:
        return True  # "the customer's on the phone or trying to find the kettle": the parser joins it to its doer
    if tok.dep_ not in {"advcl", "xcomp", "ccomp"}:
        return False
    if head.lemma_.lower() in _TIME_SPENDERS:
        return False
    seen = next((c for c in head.children if c.dep_ == "dobj" and c.i < tok.i), None)
    if seen is None or seen.lower_ in _SPEAKER_OBJECTS or seen.lemma_.lower() in _STRETCHES:
        return False
    person = seen.lower_ in _PEOPLE_SEEN or seen.pos_ == "PROPN"
    return person or seen.pos_ == "NOUN" and any(c.dep_ == "poss" for c in seen.children)


def told_scene(tok: Token) -> bool:
    """A 'trying' that paints a scene: a participle hung from a doing told as going on ('I'm standing there trying to
    read his writing', 'I was sitting in the van trying to ...', 'you're in the van scrolling up trying to ...'), or
    a past progressive said with what happened meanwhile ('I was trying to find the key while the phone rang'). What
    was going on, not a goal; a present effort ('I'm trying to get everyone on one calendar') or a past one told
    alone ('we were trying to get the parents to pay online') says the progress sought."""
    if tok.tag_ != "VBG":
        return False
    head = tok.head
    # "you're stood there trying to ring him", "I was sat in the van trying to ...": the parser reads the posture a
    # passive
    if tok.dep_ in {"advcl", "xcomp"} and head.i < tok.i and (head.tag_ == "VBG" or posture_participle(head)):
        going_on = any(c.dep_ in {"aux", "auxpass"} and c.lemma_.lower() == "be" for c in head.children)
        # "you're in the van scrolling up trying to find the address": the doing hangs from where the speaker is
        going_on = going_on or head.dep_ == "advcl" and head.head.lemma_.lower() == "be" and head.head.i < head.i
        # 'spending the morning trying to ...' is time spent on it, 'wanting to try to' a goal; an object says an
        # effort of its own ('ringing everyone trying to find a cover')
        acts = any(c.dep_ in {"dobj", "ccomp", "xcomp"} and c.i < tok.i for c in head.children)
        lemma = head.lemma_.lower()
        return going_on and not acts and lemma not in _GOAL_VERBS | _TIME_SPENDERS | _KEEP_AT
    then = any(c.dep_ == "aux" and c.lemma_.lower() == "be" and c.tag_ == "VBD" for c in tok.children)
    return then and any(_meanwhile(t) for t in tok.subtree if t.i != tok.i)


_MONTHS = frozenset("january february march april june july august september october november december".split())
# Nouns of a stretch of time that 'last' dates ('last week', 'last summer'), not 'last thing' or 'the last one'.
_DATED_BY_LAST = frozenset("night week weekend month year summer winter spring autumn term time".split())


def _dated(verb: Token) -> bool:
    """Whether a past doing is told with when it happened ('in July', 'last week', 'yesterday', 'two years ago'): one
    occasion, not a standing goal ('I tried to keep one list' says the progress sought)."""
    return _says_when(verb.subtree)


# Times a story's one-off moment is told by: 'there was [one year] ...', '[one Saturday] the van broke down'.
_ONE_TIMES = (
    _DATED_BY_LAST
    | {"day", "morning", "afternoon", "evening", "christmas", "easter"}
    | {f"{d}day" for d in ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")}
)


def _says_when(tokens: Iterable[Token]) -> bool:
    """Whether words date what they tell ('in July', 'last week', 'yesterday', 'two years ago', 'one year')."""
    for t in tokens:
        low = t.lower_
        if low in {"yesterday", "ago"}:
            return True
        if low == "one" and t.dep_ == "nummod" and t.head.lower_ in _ONE_TIMES and t.head.dep_ in {"npadvmod", "attr"}:
            return True
        if low == "last" and t.dep_ == "amod" and t.head.lemma_.lower() in _DATED_BY_LAST:
            return True
        if low in _MONTHS and t.dep_ == "pobj" and t.head.lower_ in {"in", "on", "back"}:
            return True
    return False


def would_try(tok: Token) -> bool:
    """A 'try' said with 'would' ('on the night I'd try to make them into one list', 'then I'd go through the bank
    and try to match the transfers'): what the speaker used to do, or would do if it came to it, not progress
    sought."""
    if tok.lemma_.lower() != "try":
        return False
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return _wished_aux(tok) or _wished_aux(first)


def _meanwhile(clause: Token) -> bool:
    """An adverbial clause of what happened at the same time ('while the phone rang', 'when the van arrived'); not
    one of a time to come ('a tool that works when we're on the road')."""
    if clause.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in clause.children if c.dep_ in {"mark", "advmod"} and c.i < clause.i}
    return "while" in marks or bool(marks & _SCENE_MARKS) and clause.tag_ == "VBD"


def _goal(tok: Token) -> SlotSpan | None:
    """A goal verb ('want', 'try', 'hope') or 'need a way to' with its 'to'-verb: the speaker's own goal."""
    lemma = tok.lemma_.lower()
    if lemma not in _GOAL_VERBS | {"need"} or _denied(tok) or _question(tok) or said_by_others(tok):
        return None
    if made_up(tok):
        return None  # "say I wanted to do a workshop on a Saturday": a case made up, for instance
    if tok.dep_ in {"relcl", "acl", "csubj", "csubjpass"} or tok.left_edge.lower_ in {"what", "whatever"}:
        return None  # "the improvements that we wanted to make", "what you want": the object lies outside
    subject = _subject(tok)
    cur = tok
    while subject is None and cur.dep_ in {"pcomp", "prep", "acomp", "advcl"} and cur.head.i != cur.i:
        cur = cur.head  # "we've been really diligent about trying to collect ..."
        subject = _subject(cur)
    if subject is None or subject.lower_ not in _OWN | {"you"} or subject.i > tok.i:
        return None
    if subject.lower_ == "you" and tok.tag_ == "VBD":
        return None  # "when you wanted to download these things": how things went for anyone, not a goal
    if subject.lower_ == "you" and lemma == "try" and tok.tag_ == "VBP":
        return None  # "you pick it up and you try to write the name on it": how a chore goes for anyone, not a goal
    if subject.lower_ == "you" and _conditional(tok):
        return None  # "if you're trying to contribute a fix, [...]": a case anyone may be in, not the speaker's goal
    if subject.lower_ == "you" and _answered_back(tok):
        return None  # "You want to put the rota on a phone — well, the phone's got no bars": the vendor's pitch
    if _if_mine_to(tok):
        return None  # "if I want to stop at the garage for a paper, that's my business": a freedom, not a goal
    if kept_at(tok) or ended(tok):
        return None  # "I kept trying to write it in the book as well": a habit told; "we stopped trying to": over
    if seen_doing(tok):
        return None  # "I pictured my brother trying to get it up the step": his doing, not the speaker's goal
    if lemma == "try" and told_scene(tok):
        return None  # "I'm standing there trying to read his writing": what was going on, not a goal
    if lemma == "try" and tok.tag_ == "VBD" and _dated(tok):
        return None  # "I tried to put a pupil in it in July": one occasion told, not a goal
    if would_try(tok):
        return None
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"like", "as"} for c in tok.children):
        return None  # "waving your phone in the air like you're trying to catch a Pokemon": a likeness, no goal
    if lemma == "plan" and pluperfect(tok):
        return None  # "I'd planned to revise Saturday afternoon": the plan a story's event overtook, not a goal
    verb: Token | None = None
    if lemma in _GOAL_VERBS:
        verb = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i and c.pos_ in {"VERB", "AUX"}), None)
        if verb is not None and not any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children):
            verb = None
        if verb is not None and verb.left_edge.i < tok.i:
            return None  # "which I wanted to leave in storage": the thing wanted lies outside the phrase
        if verb is not None and _doer_between(tok, verb):
            return None  # "I wanted it not all to go through one phone", misparsed: the doing is the thing's
    else:  # "we needed a way to find out who still used it"
        means = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in _MEANS), None)
        if means is not None:
            verb = next(
                (c for c in means.children if c.dep_ in {"relcl", "acl"} and any(g.lower_ == "to" for g in c.children)),
                None,
            )
    if verb is None or _negated(verb) or subject.lower_ == "you" and verb.lemma_.lower() in INVITED:
        return None
    if verb.lemma_.lower() in _NOT_A_GOAL | _TALK_ABILITIES | {"be"} and not _known_in_time(verb):
        return None  # "I can try to explain a graph": talk about the interview, not progress
    tokens = phrase(verb)
    return SlotSpan("motivation", tuple(tokens), "", subject, "goal") if tokens else None


def _doer_between(want: Token, verb: Token) -> bool:
    """Whether someone or something is named as the doer between a want and its 'to'-verb, however the parser
    hangs it ('I wanted [it] not all to go through one phone'): the doing is theirs, not the speaker's."""
    between = want.doc[want.i + 1 : verb.left_edge.i if verb.left_edge.i > want.i else verb.i]
    ids = {t.i for t in between}
    return any(
        t.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and t.pos_ in {"PRON", "NOUN", "PROPN"}
        and (t.head.i == want.i or t.head.i in ids and t.head.pos_ != "VERB" and t.head.head.i == want.i)
        for t in between
    )


def _known_in_time(verb: Token) -> bool:
    """'I just want to know before I get on the bike': knowing in time, before the speaker acts, is a goal of its own
    though what is known stays in the talk; never knowing with nothing said of when ('know it')."""
    return (
        verb.lemma_.lower() == "know"
        and not any(c.dep_ in {"dobj", "ccomp", "prep"} for c in verb.children)
        and any(_time_limit(c) and c.i > verb.i and _subject(c) is not None for c in verb.children)
    )


# "I want new patients to be able to book a slot", "I wanted the girls on reception to stop spending the morning on
# the phone", "I'd like it to send the exercises", "I needed every box to be labelled at the packing bench", "I need
# every parcel labelled": the speaker's goal said as what someone or something else is to do, or is to have done.
_WANTING = frozenset({"want", "need"})
_WISHING = frozenset({"like", "love", "prefer"})  # a goal only with 'would': "I like X to V" says a habit
_TOOLS = frozenset({"it", "this"})
# What a tool does with another thing, never the speaker's own doing: 'talk to the tablet', 'go straight into Sage'.
_LINKING = frozenset("talk speak go connect sync link plug feed flow integrate".split())
_MAX_WHO = 6
# Verbs that take no object: their participle says a state reached ('I need everyone gone by six'), not a thing done.
_NO_OBJECT = frozenset("go come arrive die fall happen appear disappear vanish".split())
# A participle said with when it happened ('the parts ordered last week') names which thing, not what is to be done.
_ONCE = frozenset({"ago", "yesterday", "last", "earlier"})


# What the ashamed wish would open and swallow them: 'I wanted the floor (the ground) to swallow me up'.
_UNDERFOOT = frozenset({"floor", "ground", "earth"})


def wanted_of_others(want: Token) -> SlotSpan | None:
    """'I/we want (need, would like) X to V' as the speaker's goal: letting X do it when X is to 'be able to' or to
    have a way (the option, the chance) to ('let new patients book a slot'), getting X to do it otherwise ('get the
    girls on reception to stop ...'); a tool the speaker talks about ('it') doing it is the speaker's doing ('send
    the exercises after the session'), and what it is to tell the speaker is what the speaker wants to know ('I need
    it to tell me if somebody's cancelled': `_told`); X 'to be' done, or X done said with no 'to be', is getting it
    done ('I needed every box to be labelled at the packing bench': 'get every box labelled at the packing bench'; 'I
    need every parcel labelled'). Never the want of someone else, a denied or conditional want, a question, or X a
    person or thing said as a pronoun ('you', 'them'): whom it points at stayed in the talk around it."""
    subject = _own_want(want)
    if subject is None:
        return None
    verbs = [c for c in want.children if c.dep_ in {"xcomp", "ccomp", "advcl"}]
    # The parser may hang 'to be labelled' from the object ('every box [to be labelled]') rather than the want.
    verbs += [c for o in want.children if o.dep_ == "dobj" for c in o.children if c.dep_ in {"relcl", "acl"}]
    for verb in verbs:
        if (thing := _done_bare(want, verb)) is not None:
            return _got_done(subject, thing, verb, end=verb)
        if (listener := _tool_tells(want, verb, subject)) is not None:
            return _told(subject, verb, listener)  # "I need it to tell me ...": what the speaker wants to know
        if (let := _tool_lets(want, verb, subject)) is not None:
            return let  # "I just want it to let me V": V is the speaker's own doing
        if verb.i < want.i or verb.dep_ in {"relcl", "acl"} and not _done(verb):
            continue
        if verb.pos_ not in {"VERB", "AUX"} or not any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children):
            continue
        subjects = {"nsubj", "nsubjpass"} if _done(verb) else {"nsubj"}
        doer = next((c for c in verb.children if c.dep_ in subjects and c.i < verb.i), None)
        doer = doer or next((c for c in want.children if c.dep_ == "dobj" and want.i < c.i < verb.i), None)
        if doer is None or _negated(verb) or _denied_before(verb):
            return None
        if doer.lemma_.lower() in _UNDERFOOT and verb.lemma_.lower() in {"swallow", "open"}:
            return None  # "I wanted the floor to swallow me up": shame at the time, no progress sought
        if any(c.dep_ == "conj" and c.pos_ == "PRON" for c in verb.children):
            return None  # "I want Amara to dance and me to sleep": two doers, each with a doing of their own
        if subject.lower_ == "you" and not is_people(doer):
            # "You'd want the system to do the chasing": a generic wish of what a tool should do names the tool, not
            # the progress, which the speaker says in its own words ("What I wanted was to stop being the person who
            # chases"); people given a doing ("you'd want the parents to see it") is the speaker's goal
            return None
        if _done(verb):
            to = next(g for g in verb.children if g.dep_ == "aux" and g.lower_ == "to")
            return _got_done(subject, doer, verb, end=to)
        able = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ == "able"), None)
        said = _infinitive(able) if able is not None and verb.lemma_.lower() == "be" else verb
        if verb.lemma_.lower() == "have" and (chance := _chance_had(verb)) is not None:
            able, said = chance, chance  # "the parents to have a way to [pay the fees online]": letting them
        if able is None and verb.lemma_.lower() == "be":
            return _wanted_state(subject, doer, verb, "wanted of others")  # "the orders to be ready by nine"
        # "somebody else to be able to do my job", "everyone to see the rota": people named by who they are not
        named = doer.pos_ in {"NOUN", "PROPN"} or doer.lower_ in _ANYONE
        # "I wanted her to stop doing refunds at midnight": whom 'her' points at the turn said before, where the
        # statement names them from (or drops the goal); 'them' may be things or many
        pointed = doer.lower_ in ONE_PERSON and not _done(verb)
        named = named or pointed
        # "every invoice to have a number on it": a thing had by a thing the speaker names is the speaker's to get
        # onto it; not by a pronoun's ('it to have a button'), nor people's ('the parents to have a new app': theirs)
        held = (
            named
            and not pointed
            and not is_people(doer)
            and able is None
            and said is verb
            and verb.lemma_.lower() == "have"
            and _holds_thing(verb)
        )
        # "Dawn to have her evenings": what people are to have of their own is theirs to receive, as 'to get the
        # change' is; a thing had is not ('the parents to have a new app': theirs to get)
        had = said is not None and said.lemma_.lower() == "have" and _holds_thing(said) and _own_had(said)
        given = (
            doer.lower_ not in _TOOLS
            and named
            and said is not None
            and (_receives(said) or had and (is_people(doer) or doer.pos_ == "PROPN" or pointed))
        )
        if said is None or said.lemma_.lower() in {"be", "have"} | _NOT_A_GOAL and not given and not held:
            return None  # "I want the server to be up": a state, not something done
        people = named and (is_people(doer) or doer.pos_ == "PROPN" or pointed)
        rule = "wanted of him or her" if pointed else "wanted of others"
        tokens = phrase(said, doer_named=named, people_named=people)
        if not tokens:
            return None
        if doer.lower_ in _TOOLS and able is None:
            if any(t.lower_ in {"me", "us"} for t in tokens):
                return None  # "I want it to remind me": the speaker is who it is done for
            if _seeming(said):
                return None  # "I'd love it to look like our brochure": how the tool is to look, no doing
            keeps_place = said.lemma_.lower() in _KEEPING_PLACE and not any(c.dep_ == "dobj" for c in said.children)
            if keeps_place or _goes_on_alone(said) or any(t.lower_ in {"itself", "themselves"} for t in tokens):
                return None  # "I want it to sit on my music stand and behave itself", "it to just hum along in the
                # background": how the tool is to behave, no doing of the speaker's ('it to send the parents a
                # text' is)
            if said.lemma_.lower() in _LINKING and tokens[0].i == said.i:
                # "I wanted it to just talk to the tablet", "it to go straight into Sage": the tool's link to another
                # thing, which the speaker has it make, never "I want to talk to the tablet"
                return SlotSpan("motivation", (doer, *tokens), "", subject, "wanted of a tool", verb="have")
            return SlotSpan("motivation", tuple(tokens), "", subject, "wanted of a tool")
        if not named:
            return None
        to = next(g for g in verb.children if g.dep_ == "aux" and g.lower_ == "to")
        who = _who(doer, to)
        if not who:
            return None
        if able is not None:
            tokens += _when_able(verb, tokens)
            return SlotSpan("motivation", (*who, *tokens), "", subject, rule, verb="let")
        if given:
            # "I wanted the parents to get the change straight to their phone": what others are to receive or
            # learn is the speaker's to give ('let the parents get the change ...'), not theirs to be made to do
            return SlotSpan("motivation", (*who, *tokens), "", subject, rule, verb="let")
        # "we needed people to be using the new app": 'get people using the new app', never 'get people to using'
        told = (*who, *tokens) if _going_on(verb) else (*who, to, *tokens)
        return SlotSpan("motivation", told, "", subject, rule, verb="get")
    return None


def _denied_before(verb: Token) -> bool:
    """A 'not' said before a doing, on a word that goes with it ('I wanted it [not] all to live in one person's
    head'): the doing is denied."""
    return any(c.dep_ == "advmod" and c.i < verb.i and any(g.dep_ == "neg" for g in c.children) for c in verb.children)


# How a thing keeps its place, behaves or runs ('it to sit on my music stand', 'it to live in the cloud', 'it to
# work in the top barn'): no doing of the speaker's, where 'it to talk to the bank' is one.
_KEEPING_PLACE = frozenset("sit live stay stand lie rest remain hang wait sleep behave work run load".split())


def _goes_on_alone(verb: Token) -> bool:
    """A doing with nothing done to anything or with anyone ('hum along in the background', 'tick over'): how a
    thing goes on, no doing of the speaker's."""
    return not any(
        c.dep_ in {"dobj", "dative", "ccomp", "xcomp", "attr", "oprd", "acomp", "conj"}
        or c.dep_ == "prep"
        and c.lower_ in _WITH_ANOTHER
        for c in verb.children
    )


# Prepositions that bring in what a doing acts on or with ('talk [to] the bank', 'work [with] Xero').
_WITH_ANOTHER = frozenset("to with into from for through onto".split())


# One person said as a pronoun, as the doer of what the speaker wants done: named in the talk before it.
ONE_PERSON = frozenset({"her", "him"})
# People named by who they are not, as the doer of what the speaker wants done ('somebody else', 'everyone').
_ANYONE = frozenset("somebody someone everybody everyone".split())
# "I need it to tell me if somebody's cancelled", "I'd like the app to show me which invoices are still open", "I need
# something to remind me to order the flour": what a tool is to tell the speaker is what the speaker wants to know.
_TOOL_NOUNS = frozenset(
    "app system tool software program programme platform website site portal dashboard device phone something "
    "thing".split()
)
# A telling verb and what the one told then does (know what they are told, see what they are shown), with its
# participle for what bounds it only in time ('warn me before X': 'be warned before X', nothing to know said);
# pipelines.statements grounds the knowing on the telling said.
TELLING: dict[str, tuple[str, str]] = {
    "tell": ("know", "told"),
    "warn": ("know", "warned"),
    "alert": ("know", "alerted"),
    "notify": ("know", "notified"),
    "ping": ("know", "pinged"),
    "text": ("know", "texted"),
    "message": ("know", "messaged"),
    "email": ("know", "emailed"),
    "flag": ("know", "flagged"),
    "show": ("see", "shown"),
    "remind": ("remember", "reminded"),
    "let": ("know", "told"),
}
_TOLD_TIMES = frozenset({"before", "once", "as", "ahead", "in"})  # 'warn me before ...', 'as soon as ...', 'in time'
_TOLD_ABOUT = frozenset({"about", "of"})
# "tell me anything", "show me everything": nothing named to know.
_INDEFINITE = frozenset("anything nothing something everything stuff thing things".split())
_NAMING = frozenset({"DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON"})  # 'tell me [the total]', '[my] balance'


def _telling(verb: Token) -> str:
    """The telling verb a 'to'-verb is, as said after the 'to' where the parser misreads it ('ping' as 'pe')."""
    lemma = verb.lemma_.lower()
    return lemma if lemma in TELLING else verb.lower_ if verb.lower_ in TELLING else ""


def _tool_tells(want: Token, verb: Token, subject: Token) -> Token | None:
    """The speaker as told by a tool the want is of: 'it [to tell] me', 'the app [to let] us know', 'something [to
    remind] me', 'it [to flag] the late orders to me'; 'you' where a generic 'you' wishes it ('you'd want it to tell
    you'). None for a doer other than a tool ('I need you to tell me': talk), or a verb that tells nothing."""
    lemma = _telling(verb)
    if not lemma or verb.i < want.i or verb.pos_ != "VERB" or not _has_to_aux(verb):
        return None
    if verb.dep_ in {"relcl", "acl"}:  # "something [to remind me]": the parser hangs it from the thing wanted
        doer = verb.head if verb.head.dep_ == "dobj" and verb.head.head.i == want.i else None
    else:
        doer = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        doer = doer or next((c for c in want.children if c.dep_ == "dobj" and want.i < c.i < verb.i), None)
    if doer is None or not (
        doer.lower_ in _TOOLS or doer.pos_ in {"NOUN", "PRON"} and doer.lemma_.lower() in _TOOL_NOUNS
    ):
        return None
    listeners = {"you"} if subject.lower_ == "you" else {"me", "us"}
    doc = verb.doc
    if lemma == "flag":  # "flag the late orders to me": the speaker comes after what is flagged
        to = next((c for c in verb.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"), None)
        listener = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    else:
        listener = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if listener is None or listener.lower_ not in listeners:
        return None
    if lemma == "let" and (listener.i + 1 >= len(doc) or doc[listener.i + 1].lemma_.lower() != "know"):
        return None  # "let me in": no knowing
    return listener


# Verbs that say how a thing comes across, not what it does: 'look like', 'seem', 'sound', 'feel'.
_SEEMING = frozenset({"look", "seem", "sound", "feel", "appear"})


def _seeming(verb: Token) -> bool:
    """How a thing is to come across ('it to look like our brochure', 'it to feel simple'); 'look up' or 'look at'
    something is a doing."""
    return verb.lemma_.lower() in _SEEMING and not any(
        c.dep_ == "prt" or c.dep_ in {"prep", "dobj"} and c.lower_ not in {"like", "as"} for c in verb.children
    )


def _tool_doer(want: Token, verb: Token) -> Token | None:
    """The tool a wanted 'to'-verb is of: 'it [to let] me', 'the app [to allow] us'; None for a person or none."""
    doer = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    doer = doer or next((c for c in want.children if c.dep_ == "dobj" and want.i < c.i < verb.i), None)
    return doer if doer is not None and _is_tool(doer) else None


def _is_tool(doer: Token) -> bool:
    """'it', 'this', 'the app', 'something': a tool the speaker talks about, not a person."""
    return doer.lower_ in _TOOLS or doer.pos_ in {"NOUN", "PRON"} and doer.lemma_.lower() in _TOOL_NOUNS


def _tool_lets(want: Token, verb: Token, subject: Token) -> SlotSpan | None:
    """'I (just) want it to let me V', 'I need the app to allow us to V': what a tool is to let the speaker do is the
    speaker's own goal, V. Never a denied letting ('it not to let me ...'), letting others ('let them book'), talk
    ('let me know', which `_tool_tells` reads), or a V that is no goal on its own."""
    if verb.lemma_.lower() not in _LETS or verb.i < want.i or verb.pos_ != "VERB" or not _has_to_aux(verb):
        return None
    if verb.dep_ in {"relcl", "acl"} or _negated(verb) or _tool_doer(want, verb) is None:
        return None
    done = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i), None)
    if done is None or done.pos_ != "VERB" or _negated(done) or done.lemma_.lower() in _NOT_A_GOAL | {"know"}:
        return None
    listener = verb.doc[verb.i + 1]  # "let [me]", "allow [us] to": the parser hangs it from either verb
    if listener.lower_ not in {"me", "us"} or listener.head.i not in {verb.i, done.i} or listener.i > done.i:
        return None
    tokens = phrase(done)
    return SlotSpan("motivation", tuple(tokens), "", subject, "wanted of a tool") if tokens else None


def _told(subject: Token | None, verb: Token, listener: Token) -> SlotSpan | None:
    """What a tool is to tell the speaker (`_tool_tells`) as the speaker's goal of knowing it, as said: 'know if
    somebody's cancelled before I set off', 'see which invoices are still open', 'remember to order the flour on a
    Tuesday'; a telling bound only in time, the speaker's being told then ('be warned before the insurance runs
    out'). None where nothing is told ('tell me anything', 'remind me about the invoices') or it runs long.
    `listener`: the one told ('me'), or the verb itself where none is said ('show [what I'm owed]')."""
    lemma = _telling(verb)
    know, participle = TELLING[lemma]
    doc = verb.doc
    start = listener.i + 2 if lemma == "let" else listener.i + 1  # "let me know [who's coming]"
    end = verb.sent.end
    if lemma == "flag":  # "flag [the late orders] to me": knowing about them; "flag it to me [when a bill is overdue]"
        thing = next((c for c in verb.children if c.dep_ == "dobj" and c.i < listener.i), None)
        if thing is not None and thing.pos_ == "NOUN":
            know, start, end = "know about", thing.left_edge.i, listener.i - 1
    tokens: list[Token] = []
    for tok in doc[start:end]:
        ends = tok.is_punct or tok.lower_ in _BREAK_WORDS and tok.dep_ in {"mark", "cc", "advmod"}
        # "and I'll plan the route": a new clause, not what is told
        if ends or tok.dep_ == "cc" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in _SUBJECT_WORDS | {"then"}:
            break
        tokens.append(tok)
    _trim_end(tokens)
    if not tokens:
        tokens = _told_case_before(verb)  # "if, [when somebody new signs up], it told me": knowing when it happens
    if not tokens or len(tokens) > _MAX_PHRASE:
        return None
    if tokens[-1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "AUX"} and not (
        particle(tokens[-1]) or stranded(tokens[-1]) or wh_be(tokens[-1])
    ):
        return None  # cut off mid-thought; 'when a slot frees [up]', 'what we're short [of]', 'what the swap [is]'
        # are whole
    # "tell me straight away if a driver cancels": what is told follows how soon
    first = next((t.lower_ for t in tokens if t.pos_ != "ADV" or t.lower_ in _WH), "")
    if lemma == "remind" and first not in {"to", "that"}:
        return None  # "remind me about the invoices": what of them is not said
    said = first in _WH | {"that"} or tokens[0].pos_ in _NAMING
    if know == "know" and lemma != "let":  # told, warned, alerted, flagged ...
        if first in _TOLD_TIMES:
            know = f"be {participle}"  # "warn me before a patient's insurance runs out": nothing to know, said
        elif not said and first not in _TOLD_ABOUT:
            return None  # "tell me off"
    elif lemma == "show" and not said:
        return None  # "show me around", "show me about it"
    if any(t.lemma_.lower() in _INDEFINITE and t.dep_ in {"dobj", "pobj", "nsubj"} for t in tokens):
        return None  # "tell me anything", "show me something about it"
    named = any(t.pos_ in {"NOUN", "PROPN"} for t in tokens)
    asked = first in _WH and not any(t.lower_ in _POINTS_BACK for t in tokens)
    if not named and not asked:
        return None  # "tell me if it works", "show me it": what it is stayed in the talk around it
    return SlotSpan("motivation", tuple(tokens), "", subject, "told by a tool", verb=know)


def _told_case_before(verb: Token) -> list[Token]:
    """The 'when' clause said before a telling that tells nothing after its listener ('if, [when somebody new signs
    up], it told me'): when it happens is what the speaker is to know."""
    case = next(
        (
            c
            for c in verb.children
            if c.dep_ == "advcl" and c.i < verb.i and any(m.lower_ in {"when", "whenever"} for m in c.children)
        ),
        None,
    )
    if case is None or any(t.is_punct for t in case.subtree):
        return []
    return list(verb.doc[case.left_edge.i : case.right_edge.i + 1])


# Verbs of receiving and learning: what others are to do with them is given to them.
_RECEIVING = frozenset("see know hear receive get".split())


def _receives(verb: Token) -> bool:
    """Whether others' 'to'-verb receives or learns something ('to see their order', 'to know where to be', 'to get
    the change'); 'get' only with a thing got and nothing it is got into ('to get the job done', 'to get there')."""
    lemma = verb.lemma_.lower()
    if lemma not in _RECEIVING:
        return False
    if lemma != "get":
        return True
    got = [c for c in verb.children if c.dep_ == "dobj"]
    done = any(c.dep_ in {"acl", "amod"} and c.tag_ == "VBN" and c.i > g.i for g in got for c in g.children)
    return bool(got) and not done and not any(c.dep_ in {"ccomp", "xcomp", "oprd", "acomp"} for c in verb.children)


def _own_had(have: Token) -> bool:
    """Whether what a 'have' holds is the haver's own, said with 'his', 'her' or 'their' ('to have her evenings')."""
    return any(
        c.dep_ == "poss" and c.lower_ in {"his", "her", "their"}
        for held in have.children
        if held.dep_ == "dobj"
        for c in held.children
    )


def _holds_thing(have: Token) -> bool:
    """Whether a 'have' holds a thing named by a noun and nothing more ('to have [a number] on it'), not a doing ('to
    have it done', 'to have to ring')."""
    if any(c.dep_ in {"xcomp", "ccomp", "oprd", "acomp"} for c in have.children):
        return False
    held = [c for c in have.children if c.dep_ == "dobj"]
    return bool(held) and all(
        h.pos_ in {"NOUN", "PROPN"} and not any(c.tag_ == "VBN" or c.lower_ == "no" for c in h.children) for h in held
    )


def _chance_had(have: Token) -> Token | None:
    """The doing of a chance X is to have, as able to do it: '[the parents to have] a way [to pay the fees online]',
    'the option [to change their address]'; None for 'no way to', or a thing had ('to have a new app')."""
    for chance in have.children:
        if chance.dep_ != "dobj" or chance.lemma_.lower() not in _CHANCES | {"option", "choice"}:
            continue
        if any(c.lower_ == "no" for c in chance.children):
            return None
        return next(
            (
                c
                for c in chance.children
                if c.dep_ in {"acl", "relcl"} and c.i > chance.i and any(g.lower_ == "to" for g in c.children)
            ),
            None,
        )
    return None


# What one gives up: 'I'd rather [lose] the app than lose Denise' weighs two losses.
_SACRIFICES = frozenset("lose sacrifice give quit scrap drop ditch".split())


def would_rather(verb: Token) -> SlotSpan | None:
    """'I'd (would) rather V', a preference said as what the speaker would do instead: the goal is V ('I'd rather
    pay by card'); 'I'd rather it told me X' wants a tool to tell the speaker X, what the speaker wants to know
    (`_told`: 'I'd rather it just told me who hasn't been for a month': 'know who hasn't been for a month'). Never a
    denied, asked or reported preference, talk ('I'd rather say'), nor what others are to do ('I'd rather it nagged
    them')."""
    rather = next((c for c in verb.children if c.dep_ == "advmod" and c.lower_ == "rather" and c.i < verb.i), None)
    if rather is None or verb.pos_ != "VERB" or _negated(verb) or _question(verb) or said_by_others(verb):
        return None
    # The parser hangs 'would' from the verb (an aux, or a clause of its own) or the verb from 'would'.
    would = next((c for c in (*verb.children, verb.head) if c.lower_.replace("’", "'") in {"would", "'d"}), None)
    if would is None or would.i > rather.i:
        return None
    subjects = [c for t in (would, verb) for c in t.children if c.dep_ == "nsubj"]
    wisher = next((c for c in subjects if c.i < would.i), None)
    if wisher is None or wisher.lower_ not in _OWN or _negated(would):
        return None
    doer = next((c for c in subjects if rather.i < c.i < verb.i), None)  # "rather [it] told me"
    if doer is None:  # "I'd rather [pay by card]": the speaker's own doing
        if verb.tag_ != "VB" or verb.lemma_.lower() in _NOT_A_GOAL | _TALK_ABILITIES | {"be", "have"}:
            return None
        if verb.lemma_.lower() in _SACRIFICES and any(t.lower_ == "than" for t in verb.subtree if t.i > verb.i):
            return None  # "I'd rather lose the app than lose Denise": what matters less, weighed, no goal
        tokens = phrase(verb)
        return SlotSpan("motivation", tuple(tokens), "", wisher, "would rather") if tokens else None
    tool = doer.lower_ in _TOOLS or doer.lemma_.lower() in _TOOL_NOUNS
    listener = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if not tool or not _telling(verb) or listener is None or listener.lower_ not in {"me", "us"}:
        return None
    if _telling(verb) == "let" and (listener.i + 1 >= len(verb.doc) or verb.doc[listener.i + 1].lemma_ != "know"):
        return None  # "I'd rather it let me in": no knowing
    return _told(wisher, verb, listener)


def so_after(clause: Token) -> bool:
    """Whether the verb a clause hangs from is a 'so ...' said after it: the parser may hang "I want to fill the slot"
    from the "so we don't lose the money" that follows, whose denial is not the want's. The 'so' hangs from that verb,
    or from the clause itself ('I want to book online, [so] I don't have to ring': its 'cc')."""
    head = clause.head
    return head.i > clause.i and any(
        c.lower_ == "so" and clause.i < c.i < head.i for c in (*head.children, *clause.children)
    )


def _own_want(want: Token) -> Token | None:
    """The subject ('I', 'we') of the speaker's own want (want, need, would like); None for someone else's want, a
    denied, conditional or supposed want, a question, or a want inside a clause about something else."""
    lemma = want.lemma_.lower()
    if lemma not in _WANTING | _WISHING or _question(want) or said_by_others(want):
        return None
    # The parser may hang the want from the 'so ...' said after it ("so I don't lose them"): that denial is not its.
    if _negated(want) if so_after(want) else _denied(want):
        return None
    wished = _wished_aux(want)
    if lemma in _WISHING and not wished:
        return None
    if want.dep_ in {"relcl", "acl", "csubj", "csubjpass"} or supposed(want) or _conditional(want) or ended(want):
        return None
    subject = next((c for c in want.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > want.i:
        return None
    # "You'd want the system to do the chasing": the generic 'you' of a wish is the speaker's, as 'you'd want to
    # know ...' is (`_goal`); a plain "you want X" speaks of the listener.
    if subject.lower_ not in _OWN and not (subject.lower_ == "you" and wished):
        return None
    return subject


def never_again(want: Token) -> SlotSpan | None:
    """'I never want to V X again': a chore the speaker wants done with for good, the goal of ending it ('I never want
    to ask my brother for money again': 'stop asking my brother for money'). Never someone else's want, an asked,
    supposed or conditional one, nor one without its 'again' ('I never want to leave': a want denied)."""
    if want.lemma_.lower() != "want" or want.dep_ in {"relcl", "acl", "csubj", "csubjpass"}:
        return None
    if _question(want) or said_by_others(want) or _conditional(want) or supposed(want):
        return None
    verb = next((c for c in want.children if c.dep_ == "xcomp" and c.i > want.i and _has_to_aux(c)), None)
    subject = next((c for c in want.children if c.dep_ == "nsubj" and c.i < want.i), None)
    if subject is None or subject.lower_ not in _OWN or verb is None or verb.pos_ != "VERB":
        return None
    # "I just want never to have ...", "I want to never chase ...": the 'never' may be said on the wanted verb
    denials = [c.lower_ for c in want.children if c.dep_ == "neg"] + [
        c.lower_ for c in verb.children if c.dep_ == "neg" or c.lower_ == "no"
    ]
    if denials != ["never"]:
        return None
    # "I just want to never have to ring anyone": the chore ends for good, with its 'again' or without
    if verb.lemma_.lower() == "have" and _infinitive(verb) is not None:
        return _never_had_to(verb, subject, "never again", denied=not any(c.dep_ == "neg" for c in verb.children))
    if verb.lemma_.lower() in _NOT_A_GOAL | {"be"} or verb.lemma_.lower() == "have" and not _exchange_had(verb):
        return None
    said = phrase(verb)
    doing = gerund(verb.lemma_.lower())
    # the phrase runs on to its 'again': one cut short ('text my brother ["can you send ..."] again') says less
    after = said[-1].i + 1 if len(said) > 1 else len(want.doc)
    if after >= len(want.doc) or want.doc[after].lower_ != "again" or doing is None:
        return None
    if len(said) > 2 and said[-1].lower_ == "ever":
        said = said[:-1]  # "... kicking my seat [ever] again": the 'ever' goes with the 'again'
    if any(t.dep_ == "det" and t.lower_ in {"that", "this", "those", "these"} for t in said[1:]):
        return None  # "I never wanted to do [that] midnight again": what it was stayed in the talk before
    return SlotSpan("motivation", tuple(said[1:]), "", subject, "never again", verb=f"stop {doing}")


def spared_want(want: Token) -> SlotSpan | None:
    """'I just want to not have to V', 'I'd like not to have to V', 'I don't want to have to V': a chore the speaker
    wants to be spared, the goal of ending it ('stop having to ring round every morning'). Never someone else's want,
    an asked, supposed, conditional or given-up one, nor one whose 'not' leaves the chore standing ('I don't want to
    not have to ...')."""
    if want.lemma_.lower() not in {"want", "like", "love"} or want.dep_ in {"relcl", "acl", "csubj", "csubjpass"}:
        return None
    if _question(want) or said_by_others(want) or _conditional(want) or supposed(want) or ended(want):
        return None
    wished = _wished_aux(want)
    if want.lemma_.lower() != "want" and not wished:
        return None
    subject = next((c for c in want.children if c.dep_ == "nsubj" and c.i < want.i), None)
    have = next((c for c in want.children if c.dep_ == "xcomp" and c.i > want.i and c.lemma_.lower() == "have"), None)
    if subject is None or subject.lower_ not in _OWN or have is None or not _has_to_aux(have):
        return None
    # the 'not' said once: on the want ("don't want to have to") or on the chore ("want to not have to")
    on_want = [c.lower_ for c in want.children if c.dep_ == "neg"]
    on_have = [c.lower_ for c in have.children if c.dep_ == "neg"]
    if sorted(on_want + on_have) not in (["n't"], ["not"]):
        return None
    # "I didn't want to have to learn something new at my age": what a choice was to spare, a chore not had yet
    past = bool(on_want) and (want.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in want.children))
    spared = _never_had_to(have, subject, "spared want", denied=bool(on_want))
    return replace(spared, verb="avoid having to") if spared is not None and past else spared


_ENDING = frozenset({"stop", "quit"})


def ended(want: Token) -> bool:
    """Whether a want, need or try is said as over: 'I stopped needing to ring round', 'we quit trying to keep a
    list', or as a belief given up ('I used to think I wanted a satnav', 'I thought I needed a bigger van'). What the
    speaker no longer wants or does, never a want of now."""
    if want.tag_ == "VBG" and want.dep_ == "xcomp" and want.head.lemma_.lower() in _ENDING:
        return True
    if _used_to(want):
        return True  # "I used to want to pay by the week": a want of the past
    think = want.head
    if want.dep_ != "ccomp" or think.lemma_.lower() not in _BELIEVING or think.i > want.i:
        return False
    # a past belief in a past want; "I think I want ..." is a want of now, hedged
    used = think.dep_ == "xcomp" and think.head.lower_ == "used"
    return used or think.tag_ == "VBD" and want.tag_ == "VBD"


_BELIEVING = frozenset({"think", "believe", "assume", "reckon"})


def _wished_ability(be: Token) -> bool:
    """'(I'd love | I want) to be able to V': the ability is what is wanted, unlike 'we need the grant to be able to
    V', where it is what the thing wanted is for."""
    want = be.head
    return (
        be.dep_ == "xcomp"
        and want.lemma_.lower() in _WANTING | _WISHING | {"wish", "hope"}
        and not any(c.dep_ in {"dobj", "obj"} for c in want.children)
    )


def _serves_ended(verb: Token) -> bool:
    """Whether the last want said before a purpose ('so we could sell the books'), in its sentence or the two before,
    is one given up (`ended`): what that want was for is no outcome sought either."""
    doc = verb.doc
    first = doc[max(0, verb.sent.start - 1)].sent.start
    first = doc[max(0, first - 1)].sent.start
    want = last_want(doc[first : verb.i])
    return want is not None and ended(want)


def last_want(tokens: Iterable[Token]) -> Token | None:
    """The last want or need said among `tokens`."""
    wants = [t for t in tokens if t.lemma_.lower() in _WANTING and t.pos_ in {"VERB", "AUX"}]
    return wants[-1] if wants else None


def _used_to(verb: Token) -> bool:
    """'I used to V': a habit or a state of the past, not denied ('I never used to care' tells of a change)."""
    used = verb.head
    return (
        verb.dep_ == "xcomp"
        and used.lower_ == "used"
        and used.i < verb.i
        and any(c.lower_ == "to" for c in verb.children)
        and not _negated(used)
    )


def stopped_needing(need: Token) -> SlotSpan | None:
    """'I stopped needing (having) to V X': a chore the speaker is done with, the goal of ending it ('I stopped
    needing to get hold of people': 'stop needing to get hold of people'). Never someone else's, a denied, asked,
    supposed or conditional stop."""
    if need.lemma_.lower() not in {"need", "have"} or not ended(need) or need.head.lemma_.lower() not in _ENDING:
        return None
    stop = need.head
    if _negated(stop) or _question(stop) or said_by_others(stop) or _conditional(stop) or supposed(stop):
        return None
    subject = next((c for c in stop.children if c.dep_ == "nsubj" and c.i < stop.i), None)
    verb = _infinitive(need)
    if subject is None or subject.lower_ not in _OWN or verb is None:
        return None
    spared = _spared_chore(verb, subject, "stopped needing")
    # in the speaker's own word: 'stop needing to', 'stop having to'
    return None if spared is None else replace(spared, verb=f"stop {need.lower_} to")


def wanted_back(want: Token) -> SlotSpan | None:
    """'I want my evenings back': the speaker's own thing they lost to a chore, wanted back, the goal of getting it
    back ('get my evenings back'). Only a thing said as the speaker's ('my', 'our'), never someone else's want, a
    denied, asked or supposed one."""
    if want.lemma_.lower() != "want" or (subject := _own_want(want)) is None:
        return None
    # the parser hangs 'back' from the want, from the thing, or reads it as a clause of its own ('[my weekends] back')
    heads = {want.i, *(c.i for c in want.children if c.dep_ == "dobj")}
    backs = [t for t in want.subtree if t.lower_ == "back" and t.i > want.i and t.head.i in heads]
    back = next((t for t in backs if t.dep_ in {"advmod", "prt", "ccomp"}), None)
    if back is None:
        return None
    # the parser may take the thing as the subject of 'back' ('my Saturday mornings [back]')
    thing = next((c for c in want.children if c.dep_ == "dobj" and want.i < c.i < back.i), None)
    thing = thing or next((c for c in back.children if c.dep_ == "nsubj"), None)
    own = thing is not None and any(c.dep_ == "poss" and c.lower_ in {"my", "our"} for c in thing.children)
    if thing is None or thing.pos_ != "NOUN" or not own:
        return None
    tokens = list(want.doc[thing.left_edge.i : back.i + 1])
    if len(tokens) > _MAX_PHRASE or any(t.is_punct for t in tokens):
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "wanted back", verb="get")


def unwanted_role(want: Token) -> SlotSpan | None:
    """'I don't want to be the one everyone rings': a part the speaker wants out of, the goal of avoiding being it
    ('avoid being the one everyone rings'), whether they are in it now or fear it. Only a part named with its article
    ('the one', 'a nuisance'), never a state ('I don't want to be late'); never someone else's want, an asked,
    supposed or conditional one."""
    subject = _wanting_speaker(want)
    be = next((c for c in want.children if c.dep_ == "xcomp" and c.lemma_.lower() == "be" and _has_to_aux(c)), None)
    if subject is None or subject.lower_ not in _OWN or be is None or not _denied_once(want, be):
        return None
    part = _part_played(be) or _place_kept_in(be)
    return None if part is None else SlotSpan("motivation", part, "", subject, "unwanted role", verb="avoid being")


# Places said with 'be in/on/at' that are no place a speaker is kept in: 'in the way', 'in charge', 'on time'.
_NO_PLACE = frozenset("way charge control touch time trouble love fault mood habit position".split())


def _place_kept_in(be: Token) -> tuple[Token, ...] | None:
    """'[be] on my phone every night', '[be] at the desk till midnight': a place the speaker does not want to be
    kept in, the goal of avoiding being there; only a place named (a noun with 'my', 'the' or 'a'), never what was
    said before ('on that'), nor a phrase that says no place ('in the way', 'on time')."""
    prep = next((c for c in be.children if c.dep_ == "prep" and c.i == be.i + 1), None)
    if prep is None or prep.lower_ not in {"on", "at", "in"} or ended(be.head):
        return None
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if place is None or place.pos_ != "NOUN" or place.lemma_.lower() in _NO_PLACE:
        return None
    marks = {c.lower_ for c in place.children if c.dep_ in {"poss", "det"}}
    if not marks & {"my", "our", "the", "a"}:
        return None
    tokens = phrase(be)
    if len(tokens) < 3 or marks == {"the"} and tokens[-1].i == place.i:
        return None  # "I don't want to be on the local news": a place said with 'the' and nothing more is a quip
    if any(t.dep_ == "det" and t.lower_ == "some" for t in tokens):
        return None  # "at the bottom of [some] league table on a phone": a place imagined, feared of the new way
    after = be.doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(be.doc) else None
    if after is not None and not after.is_punct and after.dep_ not in {"cc", "mark"}:
        return None  # "in the bridal suite with my hair [half done ringing a florist]": cut mid-thought
    return tuple(tokens[1:])


def _wanting_speaker(want: Token) -> Token | None:
    """The subject said before a 'want' of a clause of its own, one neither asked, someone else's, conditional nor
    supposed; None otherwise. The callers check it is the speaker's and how the want is denied."""
    if want.lemma_.lower() != "want" or want.dep_ in {"relcl", "acl", "csubj", "csubjpass"}:
        return None
    if _question(want) or said_by_others(want) or _conditional(want) or supposed(want):
        return None
    return next((c for c in want.children if c.dep_ == "nsubj" and c.i < want.i), None)


def _denied_once(want: Token, verb: Token) -> bool:
    """Whether a want is denied once: on the want ('I don't want to be ...') or on what it wants, split from its 'to'
    ('I wanted to not be the bottleneck'); never both ('I don't want to not be ...')."""
    on_want = any(c.dep_ == "neg" for c in want.children)
    split = [c for c in verb.children if c.dep_ == "neg" and c.lower_ == "not" and c.i < verb.i]
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    on_verb = any(c.dep_ == "neg" for c in verb.children)
    if on_want:
        return not on_verb
    return len(split) == 1 and to is not None and to.i < split[0].i


def unwanted_doing(want: Token) -> SlotSpan | None:
    """'I don't want to be staring at a screen when I should be watching the water', 'I wanted to not be phoning
    Australia about a yoke': a doing the speaker wants out of, said as going on, the goal of avoiding it ('avoid
    staring at a screen ...'). Only a doing that names a thing; never someone else's want, an asked, supposed,
    conditional or given-up one."""
    subject = _wanting_speaker(want)
    if subject is None or ended(want):
        return None
    doing = next((c for c in want.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > want.i), None)
    if subject.lower_ not in _OWN or doing is None or not _denied_once(want, doing):
        return None
    auxes = [c.lower_ for c in doing.children if c.dep_ == "aux"]
    if auxes != ["to", "be"] or doing.lemma_.lower() in _NOT_A_GOAL | _TALK_ABILITIES | {"be", "have"}:
        return None
    tokens = phrase(doing, object_after=True)
    named = any(t.pos_ in {"NOUN", "PROPN"} for t in tokens[1:])
    if not tokens or not named or tokens[-1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "AUX"}:
        return None
    if any(t.lower_ == "new" for t in tokens):
        return None  # "I didn't want to be chasing people to use the new rota": a fear of the switch, not the job
    if any(t.dep_ == "det" and t.lower_ in {"that", "this", "those", "these"} for t in tokens[1:]):
        return None  # "I didn't want to be doing [that] dance every quarter": what it was stayed in the talk before
    tokens = _said_of_the_not(tokens)  # "holding "did I thumbs-up the sailing" [as well]"
    duty = next((c for c in doing.children if c.dep_ == "advcl" and c.left_edge.i == tokens[-1].i + 1), None)
    if duty is not None and duty.left_edge.lower_ == "when" and any(c.lower_ == "should" for c in duty.children):
        # "staring at a screen [when I should be watching the water]": what the doing keeps the speaker from is
        # part of why it is unwanted
        tokens = [*tokens, *doing.doc[duty.left_edge.i : duty.right_edge.i + 1]]
        tokens = tokens[: _first_break(tokens)]
        if len(tokens) > _MAX_PHRASE or tokens[-1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "AUX"}:
            return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "unwanted doing", verb="avoid")


# Losses a speaker says they did not want: what they want kept ('I didn't want to lose the shout').
_LOSSES = frozenset({"lose", "waste", "upset", "hurt", "offend", "disappoint"})


# How many times a doing is done over ('twice', 'three times'): work repeated.
_TIMES_OVER = frozenset("two three four five six seven eight nine ten 2 3 4 5 6 7 8 9 10".split())


def done_over(verb: Token) -> bool:
    """A doing said to be done more than once ('type things [three times]', 'enter the orders [twice]')."""
    # the parser may read 'type them [in] three times' as a preposition with 'times' its object
    said = [*verb.children, *(o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")]
    for c in said:
        if c.dep_ == "advmod" and c.lower_ in {"twice", "thrice"}:
            return True
        if c.lower_ == "times" and any(n.dep_ == "nummod" and n.lower_ in _TIMES_OVER for n in c.children):
            return True
    return False


def unwanted_loss(want: Token) -> SlotSpan | None:
    """'I didn't want to lose the shout': a thing or person the speaker wants kept from a loss, the goal of avoiding
    it ('avoid losing the shout'); so is work done over ('I didn't want to type things three times': 'avoid typing
    things three times'). Only of something named ('the regulars', 'Trevor'), never of what was said before ('that',
    'it'); never someone else's want, an asked, supposed, conditional or given-up one."""
    subject = _wanting_speaker(want)
    if subject is None or ended(want):
        return None
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in want.children):
        return None  # "I wouldn't have wanted to lose the deposit": what might have been
    loss = next((c for c in want.children if c.dep_ == "xcomp" and c.i > want.i and _has_to_aux(c)), None)
    if subject.lower_ not in _OWN or loss is None or loss.lemma_.lower() not in _LOSSES and not done_over(loss):
        return None
    if not _denied_once(want, loss) or (doing := gerund(loss.lemma_.lower())) is None:
        return None
    thing = next((c for c in loss.children if c.dep_ == "dobj"), None)
    if thing is None or thing.pos_ not in {"NOUN", "PROPN"}:
        return None  # "I didn't want to lose that": what it was stayed in the talk before
    tokens = _said_of_the_not(phrase(loss))
    if len(tokens) < 2 or tokens[-1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "AUX"}:
        return None
    if any(t.dep_ == "det" and t.lower_ in {"that", "this", "those", "these"} for t in tokens[1:]):
        return None
    return SlotSpan("motivation", tuple(tokens[1:]), "", subject, "unwanted loss", verb=f"avoid {doing}")


def _said_of_the_not(tokens: list[Token]) -> list[Token]:
    """The tokens less a closing 'either', 'too' or 'as well', said of a want's 'not', not of what is wanted ('I didn't
    want to be the one holding it up [either]')."""
    while tokens and tokens[-1].dep_ in {"advmod", "preconj", "cc"}:
        if tokens[-1].lower_ in {"either", "too"}:
            tokens = tokens[:-1]
        elif len(tokens) > 1 and [t.lower_ for t in tokens[-2:]] == ["as", "well"]:
            tokens = tokens[:-2]
        else:
            break
    return tokens


def _part_played(be: Token) -> tuple[Token, ...] | None:
    """The part a 'be' names, said with its article or as one of many ('the one everyone rings', 'a nuisance', 'one
    of four people ringing round'); None for a state ('late') or a part too long for one slot."""
    part = next((c for c in be.children if c.dep_ == "attr" and c.i > be.i), None)
    if part is None:
        return None
    # the parser may read a relative clause said without 'who' as the part itself ('the one everyone [rings]')
    tokens = list(be.doc[part.left_edge.i : part.right_edge.i + 1])
    tokens = _said_of_the_not(tokens[: _first_break(tokens)])  # "the person who chases a bride[,] three weeks"
    quotes = [k for k, t in enumerate(tokens) if t.is_quote]
    if len(quotes) % 2:
        # the break fell inside words read out: the part ends before them, and one that goes on to say them says
        # nothing without them ('the new one who comes in and goes ["at my old place ...]')
        tokens = tokens[: quotes[-1]]
        if tokens and tokens[-1].lemma_.lower() in _QUOTING:
            return None
    if len(tokens) < 2 or tokens[0].i != be.i + 1 or len(tokens) > _MAX_PHRASE:
        return None
    one_of = tokens[0].lower_ == "one" and tokens[1].lower_ == "of"
    return tuple(tokens) if tokens[0].lower_ in {"the", "a", "an"} or one_of else None


# Verbs that go on to words read out: "and goes ["..."]", "who says ["..."]"; 'go' quotes only before its quote,
# unlike the verbs of saying that cut a slot off wherever it ends on them (`statements._SAYING`).
_QUOTING = frozenset("go say ask tell shout write reply answer".split())


# Exchanges between people that one 'has': 'have a money conversation', 'have a row', a doing rather than a thing held.
_EXCHANGES = frozenset("conversation argument row chat talk fight discussion word".split())


def _exchange_had(have: Token) -> bool:
    """'have a money conversation with a neighbour', 'have that row': 'have' as holding an exchange, a doing."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _EXCHANGES for c in have.children)


def _first_break(tokens: Sequence[Token]) -> int:
    """Where a phrase's words break off: the first punctuation that is no quotation mark ('a button that says
    ["done"] on the screen' goes on past its quoted word)."""
    return next((k for k, t in enumerate(tokens) if t.is_punct and not t.is_quote), len(tokens))


def _noun_wanted(want: Token) -> tuple[Token, Token] | None:
    """The speaker ('I'/'we') and the noun of the speaker's own want of a thing said as its object ('I want [one
    place] ...'); None for someone else's, a denied or conditional want, or a want of a doing ('X to V')."""
    subject = _own_want(want)
    if subject is None or any(c.dep_ in {"xcomp", "ccomp"} and c.i > want.i for c in want.children):
        return None
    thing = next((c for c in want.children if c.dep_ == "dobj" and c.i > want.i), None)
    if thing is None or thing.pos_ != "NOUN" or thing.left_edge.i <= want.i:
        return None
    if any(c.lower_ in {"many", "much"} and any(a.lower_ == "so" for a in c.children) for c in thing.children):
        return None  # "for the panto we need so many first aiders in the building": a count the rules ask for
    return subject, thing


def known_in_case(want: Token) -> SlotSpan | None:
    """'I need to know that if a customer cancels, the box doesn't go out': knowing what is to hold in a case said
    inside it, the goal without the case ('know the box doesn't go out'), whose 'if'/'when' the situation readers
    take. Only the speaker's own want or need, said now; never a denied, asked or supposed one."""
    if want.lemma_.lower() not in {"want", "need"} or (subject := _own_want(want)) is None:
        return None
    know = next((c for c in want.children if c.dep_ == "xcomp" and c.lemma_.lower() == "know" and _has_to_aux(c)), None)
    held = next((c for c in know.children if c.dep_ == "ccomp" and c.i > know.i), None) if know is not None else None
    if know is None or held is None or _negated(know):
        return None
    that = next((c for c in held.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    case = next((c for c in held.children if c.dep_ == "advcl" and c.i < held.i), None)
    marks = {m.lower_ for m in case.children if m.dep_ in {"mark", "advmod"}} if case is not None else set()
    if that is None or case is None or not marks & {"if", "when", "whenever"}:
        return None
    dropped = {t.i for t in case.subtree} | {that.i}
    tokens = [t for t in held.subtree if t.i not in dropped and t.i > case.right_edge.i]
    while tokens and (tokens[0].is_punct or tokens[0].lower_ == "then"):
        tokens.pop(0)
    _trim_end(tokens)
    if not tokens or len(tokens) > _MAX_PHRASE or not any(t.dep_ in {"nsubj", "nsubjpass"} for t in tokens):
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "known in case", verb="know")


def knowing_frees(know: Token) -> Token | None:
    """The result of 'if (once) I know X, I can Y' ('If I know who's got which pupil, I can sleep'): knowing X is what
    the speaker seeks, Y what it is for. Knowing or seeing something said of the speaker now, its result their own
    'can' ('ll', 'could'), neither denied nor asked; None otherwise."""
    if know.lemma_.lower() not in {"know", "see"} or know.dep_ != "advcl" or know.tag_ not in {"VBP", "VB"}:
        return None
    if not any(c.dep_ == "mark" and c.lower_ in {"if", "once"} for c in know.children) or _negated(know):
        return None
    subject = next((c for c in know.children if c.dep_ == "nsubj"), None)
    learnt = any(c.dep_ == "ccomp" and c.i > know.i for c in know.children)
    if subject is None or subject.lower_ not in _OWN or not learnt:
        return None
    result = know.head
    doer = next((c for c in result.children if c.dep_ == "nsubj" and c.i > know.i), None)
    able = any(c.dep_ == "aux" and c.lower_.replace("’", "'") in {"can", "could", "'ll"} for c in result.children)
    if result.i < know.i or doer is None or doer.lower_ not in _OWN or not able or _denied(result) or _question(result):
        return None
    return result


def known_then(know: Token) -> SlotSpan | None:
    """'If I know [who's got which pupil], I can sleep': the knowing as the speaker's goal (`knowing_frees`)."""
    if knowing_frees(know) is None or said_by_others(know) or supposed(know):
        return None
    tokens = phrase(know)
    subject = next(c for c in know.children if c.dep_ == "nsubj")
    return SlotSpan("motivation", tuple(tokens), "", subject, "if I know") if tokens else None


# Auxiliaries that open a yes/no question ('am I working Sunday', 'is my class on', 'will the pool be open').
_ASKING_AUX = frozenset("am is are 's 're will can".split())


def _own_asker(know: Token) -> Token | None:
    """The speaker ('I', 'we') whose present want or need the knowing is; None for a denied, reported or conditional
    one, or anyone else's."""
    want = know
    while want.dep_ in {"xcomp", "conj"} and want.lemma_.lower() not in {"want", "need"}:
        want = want.head
    subject = next((c for c in want.children if c.dep_ == "nsubj" and c.i < want.i), None)
    if want.lemma_.lower() not in {"want", "need"} or want.tag_ != "VBP" or subject is None:
        return None
    if subject.lower_ not in _OWN or _negated(want) or said_by_others(want) or _conditional(want):
        return None
    return subject


_EXACTLY = frozenset({"exactly", "precisely", "just", "roughly", "about", "approximately"})


def asked_past_aside(know: Token) -> list[Token]:
    """The question said after an aside set off by commas ('know, at any point in the evening, [who's in the room]');
    [] when what follows the aside is no whole question of its own."""
    doc = know.doc
    end = next((t.i for t in doc[know.i + 2 : know.i + 10] if t.is_punct), None)
    if end is None or doc[end].text != "," or end + 2 >= len(doc):
        return []
    # "know, at nine every morning, exactly what's coming": the question may open on how exactly it is asked
    opens = doc[end + 2] if doc[end + 1].lower_ in _EXACTLY else doc[end + 1]
    if opens.lower_ not in _FRONTED:
        return []
    aside = doc[know.i + 2 : end]
    if aside[0].pos_ != "ADP" or any(t.pos_ in {"VERB", "AUX"} for t in aside):
        return []  # only a time or place said on the way ('at any point in the evening'), no clause of its own
    asked = []
    for tok in doc[end + 1 : know.sent.end]:
        if tok.is_punct:
            break
        asked.append(tok)
    verbs = [t for t in asked if t.pos_ in {"VERB", "AUX"}]
    if not verbs or len(asked) + 1 > _MAX_PHRASE or _points_back(asked):
        return []
    return asked


def know_asked(know: Token) -> SlotSpan | None:
    """'I want to know, am I working Sunday': knowing the answer to a yes/no question said after a comma, in the
    speaker's words, the goal 'know if I am working Sunday'. Only the speaker's own present want or need to know;
    never a denied one."""
    doc = know.doc
    if know.lemma_.lower() != "know" or know.tag_ not in {"VB", "VBP"} or know.i + 3 >= len(doc):
        return None
    comma, aux = doc[know.i + 1], doc[know.i + 2]
    if comma.text == "," and aux.lower_ not in _ASKING_AUX and (asked := asked_past_aside(know)):
        said = _own_asker(know)
        return SlotSpan("motivation", (know, *asked), "", said, "asked after know") if said is not None else None
    if comma.text != "," or aux.lower_.replace("’", "'") not in _ASKING_AUX:
        return None
    # "am I [working] Sunday": the question's verb takes the 'am'; "is my class on": the 'is' is its verb
    copula = any(c.dep_ in {"nsubj", "attr"} and c.i > aux.i for c in aux.children)
    question = aux if copula else aux.head
    asker = next((c for c in question.children if c.dep_ in {"nsubj", "attr"} and c.i > aux.i), None)
    if asker is None or asker.left_edge.i != aux.i + 1 or question.pos_ not in {"VERB", "AUX"} or _negated(question):
        return None
    if (subject := _own_asker(know)) is None:
        return None
    who = list(doc[asker.left_edge.i : asker.i + 1])  # "is [the pool] open": the parser may take 'open' as its
    rest = []
    for tok in doc[asker.i + 1 : know.sent.end]:
        if tok.is_punct:
            break
        rest.append(tok)
    tokens = [*who, aux, *rest]
    if not rest or len(tokens) < 3 or len(tokens) > _MAX_PHRASE:
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "asked after know", verb="know if")


def wanted_means(want: Token) -> SlotSpan | None:
    """'I want (need, would love) a way to V', 'I wish there was a way to V', 'I wish we had something where I could
    V': a means wanted only for the doing it is for, the speaker's goal V ('see who's skipped this week'), or letting
    people named do it ('a way for the drivers to see the changes': `_means_for`). Never someone else's, a denied,
    conditional or asked want, nor a doing that is no goal on its own."""
    thing: Token | None = None
    if want.lemma_.lower() == "wish":
        subject = _wisher(want)
        clause = next((c for c in want.children if c.dep_ == "ccomp" and c.i > want.i), None)
        if subject is None or clause is None or _negated(clause):
            return None
        if clause.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in clause.children):
            thing = next((c for c in clause.children if c.dep_ in {"attr", "nsubj"} and c.i > clause.i), None)
        elif clause.lemma_.lower() == "have" and (doer := _subject(clause)) is not None and doer.lower_ in _OWN:
            thing = next((c for c in clause.children if c.dep_ == "dobj"), None)  # "I wish we had a way to ..."
    elif (subject := _own_want(want)) is not None:
        if any(c.dep_ in {"xcomp", "ccomp"} and c.i > want.i for c in want.children):
            return None  # a want of a doing ('X to V'), `wanted_of_others`'
        thing = next((c for c in want.children if c.dep_ == "dobj" and c.i > want.i), None)
    else:
        return None
    doing = _thing_for(thing) if thing is not None and thing.pos_ in {"NOUN", "PRON"} else None
    if doing is None or _negated(doing):
        return None
    if (doer := _means_doer(doing)) is not None:
        return _means_for(doing, doer, subject, "wanted means")  # "a way for the drivers to see the changes"
    if doing.lemma_.lower() in _NOT_A_GOAL | {"be", "have"} and not _learns(doing):
        return None
    tokens = phrase(doing)
    return SlotSpan("motivation", tuple(tokens), "", subject, "wanted means") if tokens else None


def _wisher(wish: Token) -> Token | None:
    """The speaker ('I', 'we') of a present wish ('I wish ...'); None for someone else's, a denied or asked one."""
    if wish.tag_ != "VBP" or _negated(wish) or _question(wish) or said_by_others(wish) or supposed(wish):
        return None
    subject = next((c for c in wish.children if c.dep_ == "nsubj" and c.i < wish.i), None)
    return subject if subject is not None and subject.lower_ in _OWN else None


def wanted_thing(want: Token) -> SlotSpan | None:
    """'I/we want (need, would like) X where/that ...', a thing told by what happens with it, said in the present or
    as what could be done with it ('I wanted one place where every player says yes or no for each match', 'I'd like
    a calendar I could add to my phone'): the speaker's goal of having it ('have one place where every player says
    yes or no for each match'). Never a thing told by what was done with it ('I need the one I ordered': which one,
    not what for), nor a want of others ('X to V', `wanted_of_others`), nor with that rule's exclusions."""
    if (wanted := _noun_wanted(want)) is None:
        return None
    subject, thing = wanted
    tokens = _thing_told(thing, past=want.tag_ == "VBD") or _place_to(thing)
    return SlotSpan("motivation", tuple(tokens), "", subject, "wanted thing", verb="have") if tokens else None


# Things wanted for a doing they give room to ('somewhere to put Mum's brain', 'a place to keep the notes'): the
# means words ('a way to', 'a tool to') name only the doing, which `_thing_for` reads.
_ROOM_FOR = frozenset({"something", "somewhere", "place", "space", "spot", "room", "thing", "app", "system"})


def _place_to(thing: Token, clause: Token | None = None) -> list[Token]:
    """A thing wanted for a doing of the speaker's own, said as 'X to V' ('somewhere to put Mum's brain', 'a place
    to keep all the customer notes', 'something to remind me about the tunings'), as its words; [] for any other
    thing, for a doing on what the talk before named ('somewhere to put it') or said of others. `clause`: the doing,
    where the parser hung it beside the thing ('was [somewhere] to [put] ...')."""
    if thing.lemma_.lower() not in _ROOM_FOR:
        return []
    if clause is None:
        clause = next((c for c in thing.children if c.dep_ in {"relcl", "acl"} and c.i > thing.i), None)
    if clause is None or clause.pos_ != "VERB" or not _has_to_aux(clause) or _negated(clause):
        return []
    if clause.lemma_.lower() in {"be", "have", "do"} or any(c.dep_ in _SUBJECT_DEPS for c in clause.children):
        return []
    tokens = list(thing.doc[thing.left_edge.i : clause.right_edge.i + 1])
    tokens = tokens[: _first_break(tokens)]
    if not tokens or tokens[-1].i <= clause.i or len(tokens) > _MAX_PHRASE:
        return []
    if any(t.lower_ in _POINTS_BACK and t.dep_ in {"dobj", "pobj"} and t.i > clause.i for t in tokens):
        return []  # "somewhere to put it all": what 'it' is stayed in the talk before
    return tokens


_QUOTE_MARKS = frozenset({'"', "“", "”"})


def _thing_done(thing: Token) -> list[Token]:
    """A wanted thing said with how it is to be done to it ('the fees [shown separately]', 'every booking [written
    down in one place]'): its words, to have; [] for any other thing."""
    done = next((c for c in thing.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.i > thing.i), None)
    if done is None or any(c.dep_ in {"aux", "auxpass", "nsubj", "nsubjpass"} for c in done.children):
        return []
    if not any(c.dep_ in {"advmod", "prep", "prt", "oprd"} and c.i > done.i for c in done.children):
        return []  # "the van booked": which van, or how it stands, is not said
    tokens = list(thing.doc[thing.left_edge.i : done.right_edge.i + 1])
    if any(t.is_punct for t in tokens) or len(tokens) > _MAX_PHRASE:
        return []
    return tokens


def _thing_told(thing: Token, *, past: bool) -> list[Token]:
    """A wanted thing told by what happens with it, in the present or as what could be done with it (`wanted_thing`),
    as its words ('one place where every player says yes or no'); [] for one told by what was done with it. `past`:
    the want was said in the past, which may put what the thing is for in the past too."""
    # The parser may hang the clause from the noun of a phrase that follows the thing ('one place [for every job]
    # where the latest file is the only one'): it tells the thing all the same.
    nouns = [thing, *(n for p in thing.children if p.dep_ == "prep" and p.i > thing.i for n in p.children)]
    clause = next((c for n in nouns for c in n.children if c.dep_ == "relcl" and c.i > n.i), None)
    if clause is None or clause.pos_ not in {"VERB", "AUX"}:
        return []
    if any(c.lower_ in {"who", "whom", "whose"} for c in clause.subtree if c.i < clause.i):
        return []  # "a clone of myself who likes plumbing": a person, no thing to have
    tags = {clause.tag_} | {c.tag_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
    if clause.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_.replace("’", "'") in {"'d", "had"} for c in clause.children
    ):
        return []  # "the van I'd booked": what was done with it says which thing
    # 'I wanted one place where the numbers lived', 'what I was after was one thing that did a party the way we do
    # one': a past want puts where the thing is, or what it does, in the past too
    told = any(c.lower_ == "where" or c.dep_ == "nsubj" and c.lower_ in {"that", "which"} for c in clause.children)
    backshifted = past and tags == {"VBD"} and told
    if not backshifted and ("VBD" in tags or not tags & {"MD", "VBP", "VBZ"}):
        return []  # the past ('the one I ordered') says which thing, not what it is wanted for
    tokens = list(thing.doc[thing.left_edge.i : thing.right_edge.i + 1])
    tokens = tokens[: _first_break(tokens)]
    if tokens[-1].i < clause.i or len(tokens) > _MAX_PHRASE:
        return []
    if sum(t.text in _QUOTE_MARKS for t in tokens) % 2:
        # 'a little page that says "apprentice, small pieces only"': the words it shows, whole, or nothing
        doc = thing.doc
        close = next((t for t in doc[tokens[-1].i + 1 : thing.sent.end] if t.text in _QUOTE_MARKS), None)
        if close is None or close.i - tokens[0].i + 1 > _MAX_PHRASE:
            return []
        tokens = list(doc[tokens[0].i : close.i + 1])
    shown = tokens[-1].lower_ in {"me", "us"} and clause.lemma_.lower() in {"show", "tell", "give", "send"}
    if shown or any(c.dep_ in {"dobj", "ccomp", "xcomp"} and c.i > tokens[-1].i for c in clause.children):
        return []  # "one report that shows me, for each day, what we took": what it shows is cut off
    if any(t.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in t.children) for t in tokens):
        return []  # "we want these things which bring us no income [to be more successful]": X to V, misparsed
    return tokens


# Prepositions that put a thing somewhere, or somewhere in time: "the forms [in] front of me", "the keys [on] the hook".
_PLACING = frozenset("in on at inside under beside near into onto behind".split())
# Time wanted for something ('thirty minutes for lunch', 'more time for the kids'): what it is for places it.
_DURATIONS = frozenset("minute hour time day week evening morning afternoon weekend".split())


def wanted_in_place(want: Token) -> SlotSpan | None:
    """'I/we want (need, would like) X in/on/at Y', a thing wanted where it is to be ('I want all the bookings in one
    place', 'I need the keys on the hook by nine'), or time wanted for something ('thirty minutes for lunch'): the
    speaker's goal of having it there ('have all the bookings in one place'), with a 'by'/'before' time said right
    after it. Never a pronoun ('I want it in the diary': what 'it' is stayed in the talk around it), a thing told by
    what it is or holds ('a list of the kids', 'a van with a lift'), nor a want `wanted_thing` or `wanted_of_others`
    reads, nor with their exclusions."""
    if (wanted := _noun_wanted(want)) is None:
        return None
    subject, thing = wanted
    if any(c.dep_ in {"relcl", "acl"} for c in thing.children):
        return None
    place = next((c for c in thing.children if c.dep_ == "prep" and c.i > thing.i), None)
    if place is None or place.i != thing.i + 1:
        return None
    if place.lower_ not in _PLACING and not (place.lower_ == "for" and thing.lemma_.lower() in _DURATIONS):
        return None
    if any(c.dep_ == "pobj" and c.pos_ == "PRON" for c in place.children):
        return None  # "the helpers in it": where 'it' is stayed in the talk around it
    end = place.right_edge.i
    when = next((c for c in want.children if c.dep_ == "prep" and c.i == end + 1), None)
    if when is not None and when.lower_ in {"by", "before"}:
        end = when.right_edge.i
    tokens = list(want.doc[thing.left_edge.i : end + 1])
    tokens = tokens[: _first_break(tokens)]
    if not tokens or tokens[-1].i < place.i + 1 or len(tokens) > _MAX_PHRASE:
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "wanted in place", verb="have")


def after_thing(be: Token) -> SlotSpan | None:
    """'I'm after something that takes a booking in one go', 'we're after an app that texts the parents': a thing the
    speaker is after, told by what it does in the present, as `wanted_thing` reads 'I want X that ...' ('have
    something that takes a booking in one go'). Never people ('I'm after the man who ...'), a thing told by what was
    done with it, someone else's, a denied, asked or conditional want, nor 'after' as a time ('it's after six')."""
    if be.lemma_.lower() != "be" or _negated(be) or _question(be) or said_by_others(be) or _conditional(be):
        return None
    subject = next((c for c in be.children if c.dep_ == "nsubj" and c.i < be.i), None)
    after = next((c for c in be.children if c.dep_ == "prep" and c.lower_ == "after" and c.i > be.i), None)
    if subject is None or subject.lower_ not in _OWN or after is None or supposed(be):
        return None
    thing = next((c for c in after.children if c.dep_ == "pobj"), None)
    if thing is None or not (thing.pos_ == "NOUN" or thing.lower_ == "something") or thing.lemma_.lower() in _PEOPLE:
        return None
    clause = next((c for c in thing.children if c.dep_ == "relcl" and c.i > thing.i), None)
    if clause is None or clause.pos_ not in {"VERB", "AUX"} or _negated(clause):
        return None
    if any(c.lower_ in {"who", "whom", "whose"} for c in clause.subtree if c.i < clause.i):
        return None  # "the man who sells the books": a person
    tags = {clause.tag_} | {c.tag_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
    if "VBD" in tags or not tags & {"MD", "VBP", "VBZ"}:
        return None
    tokens = list(be.doc[thing.left_edge.i : thing.right_edge.i + 1])
    tokens = tokens[: _first_break(tokens)]
    if not tokens or tokens[0].i <= after.i or tokens[-1].i <= clause.i or len(tokens) > _MAX_PHRASE:
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "wanted thing", verb="have")


def _what_i_want(want: Token) -> tuple[Token, Token] | None:
    """The 'is' and the speaker of 'what I/we want (need, would love) is ...', the want said first; None for someone
    else's want, a denied, conditional or supposed one, or a question."""
    # "what I was looking for", "what I'm hoping for": a want said with its 'for'
    looking = want.lemma_.lower() in {"look", "hope"} and any(
        c.dep_ == "prep" and c.lower_ == "for" for c in want.children
    )
    if want.dep_ != "csubj" or want.left_edge.lower_ != "what":
        return None
    if want.lemma_.lower() not in _WANTING | _WISHING and not looking:
        return None
    be = want.head
    subject = next((c for c in want.children if c.dep_ == "nsubj" and c.i < want.i), None)
    if be.lemma_.lower() != "be" or subject is None or subject.lower_ not in _OWN:
        return None
    # The parser may hang the 'is' from a 'so ...' said after it ("so I'm not carrying the cash"): that denial is
    # what the goal spares, not a denial of the want.
    after = so_after(be)
    if any(_negated(t) or (not after and _denied(t)) or _question(t) or said_by_others(t) for t in (want, be)):
        return None
    return None if _conditional(be) or supposed(want) else (be, subject)


# Things wanted only for what the speaker can do with them: "something where I can see ...", "an app that lets ...".
_PLACEHOLDERS = frozenset("something somewhere place thing app tool system one".split())


def _thing_for(thing: Token) -> Token | None:
    """The doing a wanted thing is for: 'a way [to see every booking]', 'something where I [can see what we're short
    of]' (the speaker's own doing with 'can'/'could'); None for a thing wanted for itself."""
    lemma = thing.lemma_.lower()
    for clause in (c for c in thing.children if c.dep_ in {"relcl", "acl"} and c.i > thing.i):
        if lemma in _MEANS | _CHANCES | {"option"} and _has_to_aux(clause):
            return clause
        doer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        can = any(c.dep_ == "aux" and c.lower_ in {"can", "could"} for c in clause.children)
        if lemma in _PLACEHOLDERS and doer is not None and doer.lower_ in _OWN and can and not _negated(clause):
            return clause
    return None


def _means_doer(clause: Token) -> Token | None:
    """Who a means is for, said with 'for' before its 'to' ('a way [for each driver] to see the rota'); None when
    the doing is the speaker's own ('a way to see the rota')."""
    if not any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children):
        return None
    return next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)


def _means_for(clause: Token, doer: Token, subject: Token | None, rule: str) -> SlotSpan | None:
    """'A way for each driver to see the rota': letting them do it ('let each driver see the rota'); the speaker's own
    doing for 'me'/'us'. Never people named only by a pronoun ('a way for them to ...': who they are stayed in the
    talk around it), a denied doing, nor people said long or with asides."""
    to = next((g for g in clause.children if g.dep_ == "aux" and g.lower_ == "to"), None)
    if to is None or _negated(clause):
        return None
    if clause.lemma_.lower() in _NOT_A_GOAL | {"be", "have"} and not (_receives(clause) or _learns(clause)):
        return None  # "a way for them to say ...": talk; what others are to see or know is given to them
    tokens = phrase(clause)
    who = list(clause.doc[doer.left_edge.i : to.i])
    if not tokens or not who or len(who) > _MAX_WHO or any(t.is_punct or t.pos_ in {"VERB", "AUX"} for t in who):
        return None
    if [t.lower_ for t in who] in (["me"], ["us"]):
        return SlotSpan("motivation", tuple(tokens), "", subject, rule)
    named = who[-1].pos_ in {"NOUN", "PROPN"} or [t.lower_ for t in who] in (["everybody"], ["everyone"])
    if not named or len(who) + len(tokens) > _MAX_PHRASE:
        return None
    return SlotSpan("motivation", (*who, *tokens), "", subject, rule, verb="let")


def cleft_want(want: Token) -> SlotSpan | None:
    """'What I want (need) is to V ...', 'what we wanted was to V ...', 'what I was looking for was a way to V' or
    'something where I can V': the speaker's goal is V, said as what the want is. Never someone else's want, a
    denied or conditional one, a question, nor a want told as no goal ('what I want is not to V')."""
    if (said := _what_i_want(want)) is None:
        return None
    be, subject = said
    verb = next((c for c in be.children if c.dep_ in {"xcomp", "ccomp", "attr"} and c.i > be.i), None)
    if verb is None and any(c.dep_ == "advcl" and c.left_edge.i == be.i + 1 for c in be.children):
        # "what I'd really love is if the app kept a copy on my phone": the 'if' of a wish ('I'd love it if ...')
        return _wished_in_if(be, subject, "what I want")
    if verb is not None and any(c.dep_ == "prep" and c.lower_ == "for" and be.i < c.i < verb.i for c in be.children):
        return None  # "what I wanted was for the money to turn up": the doer is the money (`wanted_said_first`)
    # "a way to [V]", "something where I can [V]": the doing the thing is for, whatever it is
    means = _thing_for(verb) if verb is not None and verb.pos_ in {"NOUN", "PRON"} else None
    able = None
    if verb is not None and verb.lemma_.lower() == "be" and _has_to_aux(verb) and _negated(verb):
        # "what I'd like is not to be one of four people ringing round": a part the speaker wants out of
        part = _part_played(verb)
        return None if part is None else SlotSpan("motivation", part, "", subject, "unwanted role", verb="avoid being")
    if verb is not None and verb.lemma_.lower() == "be" and _has_to_aux(verb):
        # "what I needed was to be able to [swap my evenings]": being able to do it
        able = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ == "able"), None)
        verb = _infinitive(able) if able is not None else None
        if verb is None or _negated(verb):
            return None
    if means is not None and (doer := _means_doer(means)) is not None:
        return _means_for(means, doer, subject, "what I want")  # "a way for each driver to see the rota"
    if verb is not None and means is None and able is None and _has_to_aux(verb):
        if (spared := _never_had_to(verb, subject, "what I want")) is not None:
            return spared  # "what I want is to never have to chase anyone for money"
    if means is not None:
        verb = means
    elif verb is not None and verb.pos_ in {"NOUN", "PRON"} and (room := _place_to(verb)):
        return SlotSpan("motivation", tuple(room), "", subject, "what I want", verb="have")  # "a place to keep notes"
    elif (
        verb is not None
        and verb.pos_ == "VERB"
        and (spot := next((c for c in be.children if c.dep_ == "advmod" and c.i == verb.i - 2), None)) is not None
        and (placed := _place_to(spot, verb))
    ):
        return SlotSpan("motivation", tuple(placed), "", subject, "what I want", verb="have")  # "somewhere to put"
    elif verb is not None and verb.pos_ == "NOUN":
        if done := _thing_done(verb):
            # "what I needed was the fees shown separately": the thing had as it is to be done
            return SlotSpan("motivation", tuple(done), "", subject, "what I want", verb="have")
        if told := _thing_told(verb, past=be.tag_ == "VBD"):
            # "what I needed was a list that everybody can see", as `wanted_thing` reads 'I needed a list that ...'
            return SlotSpan("motivation", tuple(told), "", subject, "what I want", verb="have")
        return _thing_as_wanted(verb, subject)
    elif verb is None or verb.pos_ != "VERB" or not _has_to_aux(verb):
        return None  # with `able`, verb is its 'to'-verb: a VERB with its 'to'
    if _negated(verb) or verb.lemma_.lower() in _TALK_ABILITIES:
        return None
    # Seeing or knowing is a goal only with what is to be learnt: 'see who's free', not 'see it through'.
    learns = _learnt(verb)
    if verb.lemma_.lower() == "know" and means is None and (asked := asked_past_aside(verb)):
        # "what I needed was to know, at half eight, [who is actually walking through that door]"
        return SlotSpan("motivation", (verb, *asked), "", subject, "what I want")
    if verb.lemma_.lower() in _NOT_A_GOAL and not learns and means is None:
        return None
    tokens = phrase(verb)
    if not tokens:
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "what I want", verb="be able to" if able else "")


# Prepositions that tell where, when or in what order a wanted thing is to be: the state the speaker wants it in
# ('next to' too: 'the phone number [next to] the name').
_STATE_PREPOSITIONS = frozenset("in on at by before with beside alongside against".split())


def _thing_as_wanted(thing: Token, subject: Token) -> SlotSpan | None:
    """'What I need is the drops in the order I'm driving them': having the thing in the state said ('have the drops
    in the order I'm driving them'); None for a thing named alone ('what I need is a bigger van': a means, not the
    progress it is for) or too long to be one slot."""
    if not any(
        c.i > thing.i
        and (
            c.dep_ == "prep"
            and c.lower_ in _STATE_PREPOSITIONS
            or c.lower_ == "next"
            and any(p.dep_ == "prep" and p.lower_ == "to" for p in c.children)
        )
        for c in thing.children
    ):
        return None
    tokens = list(thing.doc[thing.left_edge.i : thing.right_edge.i + 1])
    tokens = tokens[: _first_break(tokens)]
    if not tokens or tokens[-1].i <= thing.i or len(tokens) > _MAX_PHRASE or not _whole(tokens):
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "what I want", verb="have")


# "The main thing for me is to V": a thing marked as the one that counts most.
_MOST = frozenset("main only one big biggest key first real whole".split())


def _wants_it(clause: Token) -> Token | None:
    """The speaker ('I'/'we') of a relative clause that wants what it tells ('[all] I really wanted', '[the one
    thing] I'd love', '[all] I'm after'); None for someone else's want, a denied, asked or supposed one."""
    lemma = clause.lemma_.lower()
    if lemma == "ask":
        return _asking(clause)  # "[all] I'm asking [is to ...]": a request made now is a want
    after = lemma == "be" and any(c.lower_ == "after" and c.dep_ in {"prep", "advmod", "prt"} for c in clause.children)
    # "[the thing] I care about", "[all] we care about": what the speaker cares about is what they want
    cares = lemma == "care" and any(c.lower_ == "about" and c.dep_ == "prep" for c in clause.children)
    if not after and not cares and lemma not in _WANTING | _WISHING:
        return None
    wished = _wished_aux(clause)
    if lemma in _WISHING and not wished:
        return None
    subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
    if subject is None or subject.lower_ not in _OWN or _negated(clause) or supposed(clause):
        return None
    return subject


def _mattered_to(matter: Token) -> Token | None:
    """The speaker ('me', 'us') 'what matters [to me]' or '[for us]' says it matters to; None for anyone else."""
    for prep in matter.children:
        if prep.dep_ == "prep" and prep.lower_ in {"to", "for"}:
            return next((o for o in prep.children if o.dep_ == "pobj" and o.lower_ in {"me", "us"}), None)
    return None


def _the_goal(noun: Token) -> bool:
    """'The aim', 'the whole dream': a goal said with 'the' and nothing that gives it to anyone ('the aim [of the
    game]', '[her] dream', 'the dream [she had]'): in the speaker's own talk, theirs."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return False
    return not any(c.dep_ in {"poss", "prep", "relcl", "acl"} for c in noun.children)


def _said_then(verb: Token) -> bool:
    """The verb, or its auxiliary, is in the past ('the dream was ...', 'the dream was being able to ...')."""
    return verb.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in verb.children)


# Verbs of giving an aim up ('we [dropped] it', 'we [gave] up on that'); 'give' only with its 'up'.
_DROPPING = frozenset("abandon drop scrap ditch shelve give".split())


def _dropped(be: Token) -> bool:
    """A past aim the speaker says next they gave up ('the aim was one rota, but we gave up on it'): no goal now."""
    if not _said_then(be):
        return False
    for verb in (c for c in be.children if c.dep_ == "conj" and c.i > be.i and c.lemma_.lower() in _DROPPING):
        but = any(c.dep_ == "cc" and c.lower_ == "but" for c in (*be.children, *verb.children))
        up = verb.lemma_.lower() != "give" or any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if but and up and subject is not None and subject.lower_ in _OWN:
            return True
    return False


def _named_to_have(thing: Token) -> bool:
    """A thing named as one to have, with 'a', 'one' or a number, and told by what it holds, where or whom it serves
    or what it does now ('one calendar for both sites', 'a list of who has paid', 'a screen that shows every order');
    not a quality ('growth'), a thing named alone ('a bigger van', 'one list': a means, not the progress it is for,
    as `_thing_as_wanted` has it), nor one told by what was done with it ('a van I bought')."""
    if thing.pos_ != "NOUN":
        return False
    if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} or c.dep_ == "nummod" for c in thing.children):
        return False
    told = (c for c in thing.children if c.i > thing.i)
    return any(
        c.dep_ == "prep"
        and c.lower_ in _STATE_PREPOSITIONS | {"for", "of"}
        or c.dep_ == "relcl"
        and c.tag_ != "VBD"
        and not any(a.tag_ == "VBD" for a in c.children if a.dep_ == "aux")
        for c in told
    )


def _not_own_aim(be: Token, verb: Token) -> bool:
    """Whether the aim '[the goal] is [to V]' says is no goal of the speaker's: a denied one, someone else's ('[her]
    dream is to ...', 'the aim [for them]'), a dream of then ('my dream was to ...', which may have come to nothing),
    a state with a doer of its own ('the goal is that [the tenants] can report a leak': `said_most` makes sure of
    it), a plan of then ('the plan was we'd import it on the Monday') or an aim given up ('the aim was to ..., but
    we dropped it')."""
    if _negated(be) or any(c.dep_ == "nsubj" and c.lower_ not in _OWN and c.i < verb.i for c in verb.children):
        return True  # "the goal isn't to ...": denied
    for noun in (c for c in be.children if c.dep_ in {"nsubj", "attr"} and c.lemma_.lower() in _GOAL_NOUNS):
        if any(c.dep_ == "poss" and c.lower_ not in {"my", "our"} for c in noun.children):
            return True
        for_whom = (o for p in noun.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children)
        if any(o.dep_ == "pobj" and o.lower_ not in {"me", "us"} for o in for_whom):
            return True
        if noun.lemma_.lower() in {"dream", "plan"} and _said_then(be):
            return True  # "the plan was we'd import everything on the Monday": a schedule told, no progress sought
    return _dropped(be)


def said_most(head: Token) -> SlotSpan | None:
    """'All I want (need, 'm after) is ...', 'the only thing I'd love is ...', 'the main thing for me was ...': the
    speaker's goal said as the one thing wanted, what the 'is' says: its 'to'-verb ('all I wanted was [to stop
    ringing round]'), being able to do it ('the main thing for me was being able to [book a slot from home]': 'be
    able to book ...'), the doing a way or chance is for ('a way to [see the rota]'), else having the thing said
    ('all I'm after is one list': 'have one list'). A goal or dream said with 'the' alone is the speaker's ('the
    dream is that ...', 'the aim was one calendar for both sites'), a thing only when named to have
    (`_named_to_have`). Never someone else's want, a denied, asked or conditional one, a dream of then or an aim
    given up, nor a thing told without a want or a 'for me' ('the thing is, ...', 'all I know is ...')."""
    mattering = head.dep_ == "csubj" and head.lemma_.lower() == "matter" and head.left_edge.lower_ == "what"
    if head.dep_ != "nsubj" and not mattering:
        return None
    if head.head.i < head.i or not (head.head.lemma_.lower() == "be" or _said_doing(head.head)):
        return None
    be = head.head
    wanting = next((c for c in head.children if c.dep_ == "relcl" and c.i > head.i), None)
    lemma = head.lemma_.lower()
    if mattering:
        subject = _mattered_to(head)  # "what matters to me is ...": the speaker's, as 'for me' says ('the goal for me')
    elif head.lower_ == "all" or lemma == "thing":
        subject = _wants_it(wanting) if wanting is not None else None
    elif lemma == "point":
        # "the point of it for me is knowing who rang": what the thing is for, said as the speaker's; never the
        # point made in talk ("my point is ...", "the point is ..."); "the whole point, for me, was getting to ..."
        # is what it was all for, said as the speaker's
        of = any(
            p.dep_ == "prep" and p.lower_ == "of" and any(o.lower_ in {"it", "this", "that"} for o in p.children)
            for p in head.children
        )
        whole = any(c.dep_ == "amod" and c.lower_ == "whole" for c in head.children)
        subject = _owner(head) if of and not any(c.dep_ == "poss" for c in head.children) else None
        if whole and subject is None and not any(c.dep_ == "poss" for c in head.children):
            subject = _owner(head) or _owner(head.head)
        if subject is None or head.head.lemma_.lower() == "be":
            return None  # only a doing said as what it is for
    elif lemma not in _GOALS_SAID | {"dream"}:
        return None
    else:
        subject = None
    bare = False  # "the aim was ...", "the dream is ...": a goal said as no one's, the speaker's in their own talk
    if subject is None and lemma in _GOALS_SAID | {"thing", "dream"} and not mattering:
        # "the main thing for me", "my main thing", "the goal for me": a thing that counts most, or a goal, said as
        # the speaker's own
        most = lemma in _GOALS_SAID | {"dream"}
        most = most or any(c.dep_ in {"amod", "nummod"} and c.lower_ in _MOST for c in head.children)
        subject = _owner(head) if most else None
        bare = subject is None and most and lemma != "thing" and _the_goal(head)
    if subject is None and not bare or any(_negated(t) or _question(t) or said_by_others(t) for t in (be, head)):
        return None
    if _conditional(be) or lemma == "dream" and _said_then(be) or _dropped(be):
        return None  # "the dream was to ...": a dream of then, which may have come to nothing
    if be.lemma_.lower() != "be":
        return _doing_said(be, subject)  # "the goal for me is knowing that she's been out": 'know that ...'
    if be.i + 1 < len(be.doc) and be.doc[be.i + 1].lower_ == "for":
        return _wanted_for(be, subject)  # "all I want is for the parents to see the rota"
    if lemma in _GOALS_SAID | {"dream"}:
        clause = next((c for c in be.children if c.dep_ == "ccomp" and c.i > be.i), None)
        if clause is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            return _made_sure(clause, subject)  # "the goal for me is that every driver has the list by six"
    verb = next(
        (c for c in be.children if c.dep_ in {"xcomp", "ccomp"} and c.i > be.i and c.pos_ in {"VERB", "AUX"}), None
    )
    if verb is not None and subject is not None:
        # "all I want is to never have to ring anyone", "all I'm after is that I never have to ring anyone"
        own = verb.dep_ == "xcomp" or any(c.dep_ == "nsubj" and c.lower_ in _OWN for c in verb.children)
        if own and (spared := _never_had_to(verb, subject, "said most")) is not None:
            return spared
    able = means = None
    if be.tag_ == "VBG":  # "was being able to book": 'being' the root, 'was' its aux
        able = next((c for c in be.children if c.dep_ == "acomp" and c.lower_ == "able"), None)
        verb = _infinitive(able) if able is not None else None
    elif verb is not None and not any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children):
        verb = None
    thing = next((c for c in be.children if c.dep_ == "attr" and c.i > be.i), None)
    if verb is None and thing is not None and thing.pos_ == "NOUN":
        if thing.lemma_.lower() in _MEANS | _CHANCES | {"option", "choice"}:
            verb = next(
                (c for c in thing.children if c.dep_ in {"relcl", "acl"} and c.i > thing.i and _has_to_aux(c)), None
            )
            if verb is None:
                return None
            if (doer := _means_doer(verb)) is not None:
                return _means_for(verb, doer, subject, "said most")  # "all I'm after is a way for X to V"
            means = verb  # "a way to [show them a picture]": the doing a means is for, whatever it is
        elif any(c.dep_ == "acl" and c.tag_ == "VBG" for c in thing.children):
            # "the dream would be regulars booking their own tables": people's doing, had done ('have regulars book
            # their own tables'); "the beer getting to the pub in time": a thing's doing, not a thing to have
            return _people_doing(thing, subject)
        elif subject is None and not _named_to_have(thing):
            return None  # "the aim was growth": no thing to have, said as no one's
        else:
            tokens = [t for t in be.doc[thing.left_edge.i : thing.right_edge.i + 1]]
            tokens = tokens[: _first_break(tokens)]
            if not tokens or tokens[0].i <= be.i or len(tokens) > _MAX_PHRASE or tokens[-1].i < thing.i:
                return None
            return SlotSpan("motivation", tuple(tokens), "", subject, "said most", verb="have")
    if verb is None or _negated(verb) or verb.lemma_.lower() in _TALK_ABILITIES and able is None and means is None:
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "all I wanted was to be let near the sewing machine": done to the speaker, as 'want to be' is
    learns = _learnt(verb)
    learns = learns or means is not None and _receives(verb)
    if verb.lemma_.lower() in _NOT_A_GOAL and not learns:
        return None
    tokens = phrase(verb)
    if not tokens:
        return None
    if able is not None:
        return SlotSpan("motivation", tuple(tokens), "", subject, "said most", verb="be able to")
    return SlotSpan("motivation", tuple(tokens), "", subject, "said most")


def _people_doing(people: Token, subject: Token | None) -> SlotSpan | None:
    """'[the dream would be] regulars booking their own tables': people (or things) named doing what the goal wants
    done, had done ('have regulars book their own tables'). None for one of a single thing ('the beer getting to the
    pub in time' reads as the beer's state), a denied doing, or one that runs long."""
    doing = next((c for c in people.children if c.dep_ == "acl" and c.tag_ == "VBG" and c.i > people.i), None)
    if doing is None or _negated(doing) or people.tag_ not in {"NNS", "NNPS"} and people.lemma_.lower() not in _PEOPLE:
        return None
    who = _who(people, doing)
    tokens = phrase(doing, doer_named=True)
    if not who or not tokens or len(who) + len(tokens) > _MAX_PHRASE:
        return None
    return SlotSpan("motivation", (*who, *tokens), "", subject, "said most", verb="have")


def _modifier_misread(verb: Token) -> SlotSpan | None:
    """A noun's modifier the tagger read as a bare verb, its noun as the object, said doing something ('[repeat]
    customers reordering by themselves'): people's doing had done, as `_people_doing` reads it, modifier and all."""
    people = next((c for c in verb.children if c.dep_ == "dobj" and c.i == verb.i + 1), None)
    if people is None or verb.tag_ != "VB" or _has_to_aux(verb):
        return None  # "the goal is to [get] customers reordering": a 'to'-verb is the doing itself
    if not any(c.dep_ == "acl" and c.tag_ == "VBG" for c in people.children):
        return None
    found = _people_doing(people, None)
    return None if found is None else replace(found, tokens=(verb, *found.tokens), rule="aim")


def reason_so(noun: Token) -> SlotSpan | None:
    """'The reason I [photograph every receipt] is so I can claim it back': the doing the speaker gives a purpose for
    is their goal, the 'so I can' its outcome (read by `outcomes`), not the purpose standing as the goal. Only a doing
    of the speaker's now ('I photograph'), with the purpose said as theirs ('so I can', 'so that we ...'); never a
    reason that is a cause ('the reason I left is that ...', '... is because ...'), a past or someone else's doing."""
    if noun.dep_ != "nsubj" or noun.lemma_.lower() != "reason" or noun.pos_ != "NOUN":
        return None
    be = noun.head
    if be.lemma_.lower() != "be" or be.i < noun.i or _negated(be) or _question(be) or said_by_others(be):
        return None
    doing = next((c for c in noun.children if c.dep_ == "relcl" and c.i > noun.i), None)
    if doing is None or doing.pos_ != "VERB" or _negated(doing):
        return None
    # a base form the tagger read as a past ('the reason I [scan] ...'), said with a present 'is', is a present
    misread = doing.tag_ == "VBD" and doing.lower_ == doing.lemma_.lower() and be.tag_ == "VBZ"
    if doing.tag_ not in {"VBP", "VBZ"} and not misread:
        return None
    subject = next((c for c in doing.children if c.dep_ == "nsubj" and c.i < doing.i), None)
    if subject is None or subject.lower_ not in _OWN or doing.lemma_.lower() in _NOT_A_GOAL | {"be", "have"}:
        return None
    purpose = next((c for c in be.children if c.dep_ in {"ccomp", "advcl"} and c.i > be.i), None)
    if purpose is None or purpose.left_edge.lower_ != "so" or purpose.left_edge.i != be.i + 1:
        return None
    doer = next((c for c in purpose.children if c.dep_ == "nsubj" and c.i < purpose.i), None)
    if doer is None or doer.lower_ not in _OWN:
        return None
    tokens = phrase(doing)
    if not tokens or not _whole(tokens):
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "reason so")


# Modals of a state said as may be, not as it is to be made ('that everyone [would] have it').
_NOT_MADE_SURE = frozenset({"would", "'d", "could", "should", "might", "may", "must"})


def _made_sure(clause: Token, subject: Token | None) -> SlotSpan | None:
    """'[the goal for me is] that every driver has the list by six': the state the speaker's goal makes sure of, said
    in the present ('make sure every driver has the list by six'). Never a past or hedged state ('that everyone
    had it', 'that they would'), one of a thing or person named only by a pronoun ('that it works': what 'it' is
    stayed in the talk around it), nor two states said as one ('that a pub orders and it's on the van')."""
    if clause.pos_ not in {"VERB", "AUX"} or clause.tag_ not in {"VBZ", "VBP", "VB", "VBG", "VBN"}:
        return None
    auxes = [c for c in clause.children if c.dep_ in {"aux", "auxpass"} and c.i < clause.i]
    if clause.tag_ in {"VB", "VBG", "VBN"} and not auxes:
        return None
    if any(a.tag_ == "VBD" or a.lower_.replace("’", "'") in _NOT_MADE_SURE for a in auxes):
        return None
    doers = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < clause.i]
    doer = doers[0] if doers else None
    if doer is None or not (doer.pos_ in {"NOUN", "PROPN"} or doer.lower_ in _ANYONE | _OWN | {"nobody"}):
        return None
    if len(doers) > 1 or any(c.dep_ == "cc" and c.i < clause.i for c in clause.children):
        return None  # "that a pub orders on a Tuesday and it's on the van": two states, the first the other's case
    tokens = phrase(clause, object_after=True)
    if not tokens or tokens[-1].i <= clause.i:
        return None
    said = list(clause.doc[doer.left_edge.i : tokens[-1].i + 1])
    if len(said) > _MAX_PHRASE or any(t.is_punct for t in said) or not _whole(said):
        return None
    return SlotSpan("motivation", tuple(said), "", subject, "said most", verb="make sure")


# The modals of what was meant to be ('the idea was that I [shouldn't] have to'), not of what is ('I can').
_MEANT = frozenset({"should", "would", "'d", "could"})
# People named as anyone at all: what a doing is done to, said as no thing ('chase anybody').
_ANYONE = frozenset("anybody anyone everybody everyone somebody someone people".split())


def _spared_chore(verb: Token, subject: Token, rule: str) -> SlotSpan | None:
    """The doing a 'have to' the speaker wants done with names ('never have to [ring anyone]', 'shouldn't have to
    [chase anybody]'): ending having to do it. None for a thing had to be ('have to be there'), talk, or a doing that
    names nothing."""
    if verb.lemma_.lower() in _NOT_A_GOAL | _TALK_ABILITIES | {"be", "have"} or _negated(verb):
        return None
    # 'chase anybody' acts on people named as anyone, which `phrase` alone would not count as named
    tokens = phrase(verb, object_after=True)
    named = any(t.pos_ in {"NOUN", "PROPN"} or t.lower_ in _ANYONE for t in tokens[1:])
    if not tokens or not named or tokens[-1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "AUX"} and not wh_be(tokens[-1]):
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, rule, verb="stop having to")


def _never_had_to(have: Token, subject: Token, rule: str, *, denied: bool = False) -> SlotSpan | None:
    """'(to) never have to V', 'that I never have to V', 'to not have to V': a chore wanted ended for good, said as a
    'have to' the speaker wants never again; `denied` when the 'never' was said on the want ('I never want to have
    to V')."""
    if have.lemma_.lower() != "have" or (verb := _infinitive(have)) is None:
        return None
    said = {c.lower_ for c in have.children if c.dep_ == "neg" or c.lower_ == "never"}
    if not denied and not said & {"never", "not"} or denied and said:
        return None
    return _spared_chore(verb, subject, rule)


def aim_that(noun: Token) -> SlotSpan | None:
    """'The (whole) point (idea, aim, plan) was that I/we should not (would not) have to V', the goal told as the
    chore a plan was meant to end: ending having to V ('the whole point was that I shouldn't have to chase anybody':
    'stop having to chase anybody'); the 'aim' rule of `motivations` reads 'that I could V'. 'The whole point is (that)
    I don't have to V' says what the new way is for. Never someone else's plan or chore, any other fact ('the point is
    that I don't have to'), a denied or asked aim, nor a state; a part ('be the one ringing') is one to avoid being."""
    if noun.dep_ != "nsubj" or noun.lemma_.lower() not in _GOAL_NOUNS or noun.pos_ != "NOUN":
        return None
    be = noun.head
    if be.lemma_.lower() != "be" or be.i < noun.i or _negated(be) or _question(be) or said_by_others(be):
        return None
    if _conditional(be) or any(c.dep_ == "poss" and c.lower_ not in {"my", "our"} for c in noun.children):
        return None  # "their whole idea was that ...": someone else's plan
    have = next((c for c in be.children if c.dep_ == "ccomp" and c.i > be.i and c.lemma_.lower() == "have"), None)
    if have is None or not _negated(have) or have.left_edge.lower_ not in {"that", *_OWN}:
        return None
    subject = next((c for c in have.children if c.dep_ == "nsubj" and c.i < have.i), None)
    meant = any(c.dep_ == "aux" and c.lower_.replace("’", "'") in _MEANT for c in have.children)
    # "the whole point is (that) I don't have to ring anyone": what the new way is for, said as what it now spares
    whole = be.tag_ == "VBZ" and any(c.dep_ == "amod" and c.lower_ == "whole" for c in noun.children)
    verb = _infinitive(have)
    if subject is None or subject.lower_ not in _OWN or not (meant or whole) or verb is None:
        return None
    if verb.lemma_.lower() == "be" and (part := _part_played(verb)) is not None:
        return SlotSpan("motivation", part, "", subject, "aim that", verb="avoid being")  # "... be the one ringing"
    return _spared_chore(verb, subject, "aim that")


# Nouns that name a goal itself: "the goal for me is ...", "my priority was ..." say the speaker's goal.
_GOALS_SAID = frozenset("goal aim priority objective".split())


def _owner(thing: Token) -> Token | None:
    """The speaker a thing is said of: '[the main thing] for me', '[my] main thing'; None for anyone else's."""
    for prep in thing.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            return next((o for o in prep.children if o.dep_ == "pobj" and o.lower_ in {"me", "us"}), None)
    return next((c for c in thing.children if c.dep_ == "poss" and c.lower_ in {"my", "our"}), None)


def _said_doing(verb: Token) -> bool:
    """Whether `verb` is a doing said as what a thing is ('[the main thing] is [getting] the bills out'), which the
    parser reads as a progressive with its 'is' an auxiliary."""
    return (
        verb.tag_ == "VBG"
        and verb.lemma_.lower() != "be"
        and any(c.dep_ == "aux" and c.lemma_.lower() == "be" and c.i < verb.i for c in verb.children)
    )


def _doing_said(verb: Token, subject: Token | None, rule: str = "said most") -> SlotSpan | None:
    """The goal a doing said as what the thing wanted is says, in its base form: 'is [getting] the bills out on
    time' -> 'get the bills out on time'. Never a doing that names nothing or a knowing with nothing to learn."""
    learns = _learnt(verb)
    if _negated(verb) or verb.lemma_.lower() in _NOT_A_GOAL | _TALK_ABILITIES and not learns:
        return None
    tokens = phrase(verb)
    if len(tokens) < 2 or tokens[0].i != verb.i or not verb.lemma_.isalpha():
        return None
    return SlotSpan("motivation", tuple(tokens[1:]), "", subject, rule, verb=verb.lemma_.lower())


def _settled_when(settle: Token, last: Token) -> list[Token]:
    """The time said right after the thing settled for, up to the clause's end, which the parser hangs from 'settle'
    ('a text [the night before]', 'a call [the week before the match]'): when the thing is to be had, part of it;
    [] when there is none or more is said there than the time."""
    words: list[Token] = []
    for t in settle.doc[last.i + 1 : settle.sent.end]:
        if t.is_punct:
            break
        words.append(t)
    parts = [c for c in settle.children if c.i > last.i and c.dep_ in {"npadvmod", "advmod", "prep"}]
    told = {t.i for c in parts for t in c.subtree}
    stretch = any(c.dep_ == "npadvmod" and c.lemma_.lower() in _STRETCHES for c in settle.doc[last.i + 1 : last.i + 4])
    if not words or not stretch or len(words) > _MAX_WHO or any(t.i not in told for t in words):
        return []
    return words


def settle_for(settle: Token) -> SlotSpan | None:
    """'I'd settle for being able to [see the rota on my phone]', 'we'd happily settle for [knowing which orders are
    late]', 'I'd settle for a list of who has paid': the least the speaker would take is still progress they want,
    read as `said_most` reads 'the main thing is ...' (being able to V, the doing in its base form, having the thing).
    Only a settling wished with 'would' by the speaker; never a denied ('I won't settle for'), past ('I settled for
    the cheap one'), asked or someone else's one, nor a thing that is not named ('I'd settle for that')."""
    if settle.lemma_.lower() != "settle" or settle.pos_ != "VERB":
        return None
    wished = _wished_aux(settle)
    if not wished or _denied(settle) or _question(settle) or said_by_others(settle) or _conditional(settle):
        return None
    if _weighs_case(settle):
        return None  # "if it came to it, I'd settle for a spreadsheet": a case weighed, not the progress sought
    subject = next((c for c in settle.children if c.dep_ == "nsubj" and c.i < settle.i), None)
    prep = next((c for c in settle.children if c.dep_ == "prep" and c.lower_ == "for" and c.i > settle.i), None)
    if subject is None or subject.lower_ not in _OWN or prep is None or supposed(settle):
        return None
    doing = next((c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
    if doing is not None and doing.lemma_.lower() == "be":
        able = next((c for c in doing.children if c.dep_ == "acomp" and c.lower_ == "able"), None)
        verb = _infinitive(able) if able is not None else None
        if verb is None or _negated(verb) or verb.lemma_.lower() in _TALK_ABILITIES:
            return None
        # seeing or knowing with what is seen or learnt named ('see the rota', 'know who has paid'), not 'see it'
        learns = any(c.dep_ == "ccomp" or c.dep_ == "dobj" and c.pos_ == "NOUN" for c in verb.children)
        if verb.lemma_.lower() in _NOT_A_GOAL and not (verb.lemma_.lower() in _KNOWING and learns):
            return None
        tokens = phrase(verb)
        return SlotSpan("motivation", tuple(tokens), "", subject, "settle for", verb="be able to") if tokens else None
    if doing is not None and (doer := next((c for c in doing.children if c.dep_ == "nsubj"), None)) is not None:
        return _settled_doing(subject, doer, doing)  # "settle for the drivers putting their hours in"
    if doing is not None:
        return _doing_said(doing, subject, "settle for")  # "settle for knowing which orders are late": 'know ...'
    thing = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if thing is None:
        return None
    tokens = list(settle.doc[thing.left_edge.i : thing.right_edge.i + 1])
    tokens = tokens[: _first_break(tokens)]
    when = _settled_when(settle, tokens[-1]) if tokens else []
    if not (_named_to_have(thing) or when and thing.pos_ == "NOUN" and thing.left_edge.lower_ in {"a", "an"}):
        return None
    tokens += when
    if not tokens or tokens[-1].i < thing.i or len(tokens) > _MAX_PHRASE or not _whole(tokens):
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "settle for", verb="have")


def _settled_doing(subject: Token, doer: Token, doing: Token) -> SlotSpan | None:
    """'I'd settle for [X] [doing] ...': X's doing is the speaker's goal of getting X doing it, as `wanted_of_others`
    reads 'I need people to be using the app' ('get the drivers putting their own hours in'); a tool the speaker talks
    about doing it is their own doing ('settle for it sending a text the day before': 'send a text the day before').
    Never X a pronoun of people ('them', 'her'): whom it points at stayed in the talk around it; never what X would
    receive or learn ('the drivers seeing the list'), which 'get X seeing' would not say; never X's doing with X
    dropped."""
    if _negated(doing) or doing.lemma_.lower() in _NOT_A_GOAL | {"be", "have"}:
        return None
    tokens = phrase(doing) or _particle_ended(doing)
    if not tokens or tokens[0].i != doing.i or any(t.lower_ in {"me", "us"} for t in tokens):
        return None  # "settle for it reminding me": the speaker is who it is done for
    if doer.lower_ in _TOOLS:
        return SlotSpan("motivation", tuple(tokens[1:]), "", subject, "settle for", verb=doing.lemma_.lower())
    who = _who(doer, doing) if doer.pos_ in {"NOUN", "PROPN"} and not _receives(doing) else []
    if not who or len(who) + len(tokens) > _MAX_PHRASE:
        return None
    return SlotSpan("motivation", (*who, *tokens), "", subject, "settle for", verb="get")


def _particle_ended(verb: Token) -> list[Token]:
    """The verb's phrase whole when it ends on its own particle ('putting her own lessons [in]'), which `phrase`
    leaves as cut off; [] otherwise."""
    words = list(verb.doc[verb.i : verb.right_edge.i + 1])
    while words and words[-1].is_punct:
        words.pop()
    if len(words) < 3 or len(words) > _MAX_PHRASE or any(t.is_punct for t in words):
        return []
    last = words[-1]
    if not particle(last) or last.head.i != verb.i or not _whole(words[:-1]):
        return []
    return words


def _has_to_aux(verb: Token) -> bool:
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children)


def wished_if(want: Token) -> SlotSpan | None:
    """'I'd love (like) it if X could V', a goal said as a wish: the speaker's own V when X is 'I'/'we' ('we'd love
    it if we could send the invoices from the van'), letting X V when X is people or a thing named ('let the drivers
    see the route'), as `wanted_of_others` reads 'X to be able to V'. Never X a pronoun ('they'): whom it points at
    stayed in the talk around it; never a goal of others' doing said without 'could', which the wish may not own."""
    subject = _own_want(want)
    if subject is None or want.lemma_.lower() not in _WISHING:
        return None
    if not any(c.dep_ == "dobj" and c.lower_ == "it" for c in want.children):
        return None
    return _wished_in_if(want, subject, "wished if")


def _wished_in_if(wish: Token, subject: Token | None, rule: str) -> SlotSpan | None:
    """The goal the 'if' of a wish says ('[I'd love it / it'd be great] if X could V'): the speaker's own V, having
    people or things named do it in the wish's past ('if the alerts came by text': `_wished_done`), or letting them
    do it when they could ('let the drivers see the route'); `subject`: the wisher, if said. Never a pronoun's doing,
    a denied one, nor talk, seeing or knowing with nothing to learn unless it is given to others."""
    verb = next(
        (
            c
            for c in wish.children
            if c.dep_ == "advcl" and c.i > wish.i and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
        ),
        None,
    )
    if verb is None or verb.pos_ != "VERB" or _negated(verb):
        return None
    doer = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if doer is None:
        return None
    if _of_a_tool(verb) and (verb.lemma_.lower() in _LETS or _telling(verb)):
        return _tool_grant(verb, subject)  # "I'd love it if it told me what the swap is": knowing it
    if verb.lemma_.lower() in _NOT_A_GOAL and not _learns(verb) and not (doer.lower_ not in _OWN and _receives(verb)):
        return None  # "we'd love it if we could say ...": talk; what others are to see or know is given to them
    can = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ in {"could", "can"}), None)
    tokens = phrase(verb)
    if not tokens:
        return None
    if doer.lower_ in _OWN:
        return SlotSpan("motivation", tuple(tokens), "", subject or doer, rule)
    if verb.lemma_.lower() not in {"be", "have"} and (done := _wished_done(doer, verb, tokens)) is not None:
        return replace(done, subject=subject, rule=rule)  # "if people sent things as they go"
    who = _who(doer, can) if can is not None and doer.pos_ in {"NOUN", "PROPN"} else []
    return SlotSpan("motivation", (*who, *tokens), "", subject, rule, verb="let") if who else None


def _wished_done(doer: Token, verb: Token, tokens: Sequence[Token]) -> SlotSpan | None:
    """People or things named doing what a wish says in the past of a wish ('if people sent things as they go', 'if
    the reminders came by text'): the goal of having them do it ('have people send things as they go'). None for a
    pronoun's doing, a modal's (the callers read 'could') or a doing said on its own."""
    if doer.pos_ not in {"NOUN", "PROPN"} or verb.tag_ != "VBD" or any(c.dep_ == "aux" for c in verb.children):
        return None
    who = _who(doer, verb)
    if not who or tokens[0].i != verb.i:
        return None
    return SlotSpan("motivation", (*who, *tokens), "", None, "wished done", verb="have")


def nice_if(be: Token) -> SlotSpan | None:
    """'It would be great (nice, handy ...) if I could V', a goal said as a wish: the speaker's own V ('pay the
    invoices from the van'), or letting people or a thing named do it when they are who could ('it'd be nice if the
    drivers could see the route': 'let the drivers see the route'), as `wished_if` reads 'I'd love it if ...'. Never
    a wish of what a tool or someone would do unasked ('if it knew ...'), denied, asked or inside someone's words,
    and seeing or knowing only with what is to be learnt."""
    if be.lemma_.lower() != "be" or not any(c.dep_ == "acomp" and c.lemma_.lower() in _WELCOME for c in be.children):
        return None
    if not _wished_aux(be):
        return None
    subject = next((c for c in be.children if c.dep_ in {"nsubj", "expl"}), None)
    if subject is None or subject.lower_ not in {"it", "that"} or any(_negated(t) or _question(t) for t in (be,)):
        return None
    if said_by_others(be) or _conditional(be) or supposed(be):
        return None
    return _wished_in_if(be, None, "nice if")


def would_help(be: Token) -> SlotSpan | None:
    """'What would (really) help (me) is to V' or '... is if X could V': the help the speaker names is their goal, V,
    or what the 'if' of a wish says (`_wished_in_if`: 'if the app made them put a new date in' -> 'have the app make
    them put a new date in'). Never help for others ('what would help them'), a denied or asked one, or a thing
    named alone ('is a list of the referees': what it is for stays unsaid)."""
    if be.lemma_.lower() != "be" or _negated(be) or _question(be) or said_by_others(be):
        return None
    helper = next((c for c in be.children if c.dep_ == "csubj" and c.i < be.i), None)
    if helper is None or helper.lemma_.lower() != "help" or helper.left_edge.lower_ != "what" or _negated(helper):
        return None
    if not _wished_aux(helper):
        return None
    helped = next((c for c in helper.children if c.dep_ in {"dobj", "dative"}), None)
    if helped is not None and helped.lower_ not in {"me", "us"}:
        return None
    verb = next(
        (c for c in be.children if c.dep_ in {"xcomp", "advcl", "ccomp"} and c.i > be.i and _has_to_aux(c)), None
    )
    if verb is not None:
        if verb.lemma_.lower() in _NOT_A_GOAL and not _learns(verb) or _negated(verb):
            return None
        tokens = phrase(verb)
        return SlotSpan("motivation", tuple(tokens), "", None, "would help") if tokens else None
    return _wished_in_if(be, None, "would help")


def wished_would(wish: Token) -> SlotSpan | None:
    """'I wish Sandra would give me her receipts as she goes': people named doing a thing the speaker wishes they
    would, the goal of having them do it ('have Sandra give me her receipts as she goes'), or could, of letting them
    ('let the customers reply'). Never a pronoun's doing
    (whom it points at stayed in the talk), the speaker's own ('I wish I could' is the cue rules'), a past or denied
    wish, a denied doing, one asked or inside someone's words."""
    if wish.lemma_.lower() != "wish" or (subject := _wisher(wish)) is None:
        return None
    verb = next((c for c in wish.children if c.dep_ == "ccomp" and c.i > wish.i and c.pos_ == "VERB"), None)
    if verb is None or _negated(verb) or verb.tag_ != "VB":
        return None
    modal = next((c for c in verb.children if c.dep_ == "aux" and c.lower_.replace("’", "'") in {"would", "'d"}), None)
    if modal is not None and _of_a_tool(verb):
        return _tool_grant(verb, subject)  # "I just wish it would let me see my grid": the speaker's own goal
    can = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "could"), None)
    if modal is None and can is not None and (verb.lemma_.lower() not in _NOT_A_GOAL or _receives(verb)):
        # "I wish the drivers could see the route": what people named could do or learn were they let, the goal of
        # letting them
        return _people_named_doing(verb, can, subject, "wished of others", verb="let")
    if verb.lemma_.lower() in _NOT_A_GOAL | {"be", "have"} or modal is None:
        return None
    return _people_named_doing(verb, modal, subject, "wished of others", verb="have")


def _people_named_doing(doing: Token, end: Token, subject: Token | None, rule: str, *, verb: str) -> SlotSpan | None:
    """People named (never a pronoun: whom it points at stayed in the talk) doing `doing`, said up to `end`, as the
    goal of having or letting them do it (`verb`): 'have Sandra give me her receipts', 'let customers tell me
    things'."""
    doer = next((c for c in doing.children if c.dep_ == "nsubj" and c.i < doing.i), None)
    if doer is None or not (doer.pos_ == "PROPN" or doer.pos_ == "NOUN" and is_people(doer)):
        return None
    who = _who(doer, end)
    tokens = phrase(doing, people_named=True)
    if not who or not tokens:
        return None
    return SlotSpan("motivation", (*who, *tokens), "", subject, rule, verb=verb)


def wish_case(mark: Token) -> bool:
    """The 'if' of a wish ('I'd like it if I could just set it', 'we'd love it if the drivers could see it', 'it would
    be great if I could pay online'): its clause is what is wished for, the goal itself, never a case the speaker is
    in. Only a wish said with 'would': 'I like it when ...', 'it's good if ...' tell a liking or a rule."""
    clause = mark.head
    if mark.lower_ != "if" or mark.dep_ != "mark" or clause.dep_ != "advcl" or clause.head.i > mark.i:
        return False
    wish = clause.head
    wished = _wished_aux(wish)
    if saving_case(mark):
        return True  # "it would save me hours if the fare went on the booking": the change wished for
    if not wished:
        return False
    if wish.lemma_.lower() in _WISHING | {"appreciate"}:
        return any(c.dep_ == "dobj" and c.lower_ == "it" and c.i < mark.i for c in wish.children)
    return wish.lemma_.lower() == "be" and any(c.dep_ == "acomp" and c.lower_ in _NICE for c in wish.children)


# The modals of what the speaker would (could) do in a case they are not in: 'if I could pay from the van, [I could]
# go home earlier' is no case the speaker is in ('When I could pay ...'), whether or not it says a wish.
_WEIGHED_RESULTS = frozenset({"would", "'d", "could"})


def in_weighed_wish(verb: Token) -> bool:
    """A 'when' clause the parser hangs from a wish's verdict, said after the wish's 'if' ('if it'd just save it and
    send it [when I walk out the door], that'd be brilliant'): part of the world wished for, not a case the speaker
    is in."""
    verdict = verb.head
    if verdict.i == verb.i or verdict.lemma_.lower() != "be" or verdict.i < verb.i:
        return False
    if not any(c.dep_ == "acomp" and c.lemma_.lower() in _WELCOME | _NICE for c in verdict.children):
        return False
    if not _wished_aux(verdict):
        return False
    return any(
        c.dep_ == "advcl" and c.i < verb.i and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
        for c in verdict.children
    )


def inside_wish(tok: Token) -> bool:
    """`tok` is said inside the 'if' of a wish ('I'd love it if [when someone joins a project] they just got the
    folders'): a case of the world wished for, not one the speaker is in; or `tok` heads the 'if' of a wish said as
    what the speaker would (could) do were it granted ('[if I could see every diary at once], I'd ...'), whose 'when'
    ('if I could move a lesson [when my rota changes], I'd ...') is a case the speaker is in."""
    if _could_wish_case(tok, _WEIGHED_RESULTS, denied=True) is not None:
        return True
    cur = tok
    for _ in range(8):
        if any(wish_case(c) for c in cur.children if c.dep_ == "mark"):
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def wanted_said_first(want: Token) -> SlotSpan | None:
    """'What I/we (would) want (need) is for X to V': the want said first and what it is after, read as
    `wanted_of_others` reads 'I want X to V' (letting X receive or learn, getting X to do it otherwise); the speaker's
    own V when X is 'me' or 'us'. Never a denied want, a question, others' want, or X said long or with asides."""
    if (said := _what_i_want(want)) is None:
        return None
    return _wanted_for(*said)


def _wanted_for(be: Token, subject: Token | None) -> SlotSpan | None:
    """What 'is for X to V' says after a want said first (`wanted_said_first`, `said_most`)."""
    verb = next(
        (
            t
            for t in be.subtree
            if t.i > be.i and t.pos_ == "VERB" and any(g.dep_ == "aux" and g.lower_ == "to" for g in t.children)
        ),
        None,
    )
    mark = next((t for t in be.doc[be.i + 1 : be.i + 2] if t.lower_ == "for"), None)
    state = mark.head if mark is not None else None
    if state is not None and state.lemma_.lower() == "be" and _has_to_aux(state) and not _negated(state):
        # "for the list to be there when I walk in": having it so
        if not any(c.dep_ == "acomp" and c.lower_ == "able" for c in state.children):
            doer = next((c for c in state.children if c.dep_ == "nsubj" and c.i < state.i), None)
            return _wanted_state(subject, doer, state, "wanted said first") if doer is not None else None
    if verb is None or mark is None or _negated(verb):
        return None
    to = next(g for g in verb.children if g.dep_ == "aux" and g.lower_ == "to")
    thing = next((c for c in verb.children if c.dep_ == "nsubjpass" and mark.i < c.i < to.i), None)
    if _done(verb):
        # "for the clash to be found by the computer": getting it done ('get the clash found by the computer')
        return _got_done(subject, thing, verb, end=to) if thing is not None and subject is not None else None
    who = list(be.doc[mark.i + 1 : to.i])
    # "for me to be able to V", "for the drivers to be able to V": the ability is theirs to be given
    able = [t.lower_ for t in who[-3:]] == ["to", "be", "able"] and verb.head.i == who[-1].i
    if able:
        who = who[:-3]
    named = who[-1].pos_ in {"NOUN", "PROPN"} if who else False
    tokens = phrase(verb, doer_named=named)
    if not who or len(who) > _MAX_WHO or any(t.is_punct or t.pos_ in {"VERB", "AUX"} for t in who) or not tokens:
        return None
    if [t.lower_ for t in who] in (["me"], ["us"]):
        return SlotSpan("motivation", tuple(tokens), "", subject, "wanted said first")
    # "for everybody to ...": all the people of the speaker's world, named by no talk before it
    named = who[-1].pos_ in {"NOUN", "PROPN"} or [t.lower_ for t in who] in (["everybody"], ["everyone"])
    if able and named:
        return SlotSpan("motivation", (*who, *tokens), "", subject, "wanted said first", verb="let")
    if not named or verb.lemma_.lower() in {"be", "have"}:
        return None  # "for them to ...": whom it points at stayed in the talk around it; having is no doing
    if _receives(verb):
        return SlotSpan("motivation", (*who, *tokens), "", subject, "wanted said first", verb="let")
    # "for everybody to be singing from the same page": 'get everybody singing ...', never 'get everybody to singing'
    told = (*who, *tokens) if _going_on(verb) else (*who, to, *tokens)
    return SlotSpan("motivation", told, "", subject, "wanted said first", verb="get")


# How often or how much a state is wanted, said between 'be' and the state ('to be [always] there').
_STATE_HEDGES = frozenset("always just really still already also all never ever".split())
# The marks of a clause that says when a thing is to be in its state ('there [when I walk in]').
_STATE_TIMES = frozenset("when whenever once before after until while".split())


def _wanted_state(subject: Token | None, doer: Token, be: Token, rule: str) -> SlotSpan | None:
    """'[The list] to be [there when I walk in]', '[the orders] to be [ready by nine]', '[the bookings] to be [in one
    place]': a thing wanted in a state said with an adjective, an adverb or a preposition, the speaker's goal of
    having it so ('have the list there when I walk in', 'have the orders ready by nine'), with the clause that says
    when, said right after it. Never a pronoun ('I want it to be final': what 'it' is stayed in the talk around it),
    people or a person named ('the staff to be happy': a state of theirs, not the speaker's to have), a feeling,
    nor a noun ('the allergy bit to be its own box': 'have the allergy bit its own box' is no English)."""
    if doer.pos_ != "NOUN" or is_people(doer) or _negated(be) or _done(be):
        return None
    after = [c for c in be.children if c.i > be.i and not c.is_punct]
    if any(c.dep_ in {"attr", "dobj", "ccomp", "xcomp", "oprd", "npadvmod"} for c in after):
        return None  # a noun or a clause says what it is to be, not how it is to be
    state = next(
        (
            c
            for c in after
            if c.dep_ in {"acomp", "prep"} or c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_ not in _STATE_HEDGES
        ),
        None,
    )
    if state is None or state.lower_ in _FEELINGS or state.dep_ == "acomp" and state.pos_ != "ADJ":
        return None
    if state.dep_ == "acomp" and state.lower_.endswith("ing"):
        return None  # "kit to be boring", "the app to be reassuring": how it strikes people, no state to have it in
    to = next((g for g in be.children if g.dep_ == "aux" and g.lower_ == "to"), None)
    who = _who(doer, to) if to is not None else []
    tokens = [t for t in phrase(be, object_after=True) if t.i >= state.left_edge.i]  # "to be [always] there"
    if not who or not tokens:
        return None
    tokens += _state_time(be, tokens)
    last = tokens[-1]
    if last.pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART"} and not particle(last):
        return None
    if len(who) + len(tokens) > _MAX_PHRASE:
        return None
    return SlotSpan("motivation", (*who, *tokens), "", subject, rule, verb="have")


def _state_time(be: Token, tokens: Sequence[Token]) -> list[Token]:
    """The clause saying when a thing is to be in its state, which the parser hangs from its 'be' ('there [when I walk
    in]'), where it follows the state at once, up to its first comma; [] otherwise."""
    for clause in be.children:
        first = be.doc[clause.left_edge.i]
        if clause.dep_ != "advcl" or first.i != tokens[-1].i + 1 or first.lower_ not in _STATE_TIMES:
            continue
        words: list[Token] = []
        for t in be.doc[first.i : clause.right_edge.i + 1]:
            if t.is_punct:
                break
            words.append(t)
        _trim_dangling(words)
        if words and words[-1].i >= clause.i and len(tokens) + len(words) <= _MAX_PHRASE:
            return words
    return []


# What 'let me' opens in talk about the talk ("let me think", "let me put it this way", "let me have a look").
_LET_ME_TALK = frozenset("be put finish start go try rephrase".split())
_LIGHT_OBJECTS = frozenset("look go think minute second sec moment word guess example idea".split())
# "Let me [just] close the door", "let me [quickly] find it": the speaker says what they do this moment.
_RIGHT_NOW = frozenset({"just", "quickly", "first"})
# "Hang on, let me ...", "Hold on, ...", "Wait, ...", "One sec, ...": the listener is asked to wait while the speaker
# does something.
_WAIT = re.compile(r"\b(?:hang on|hold on|wait|one sec(?:ond)?|one moment|bear with me)\W*$", re.IGNORECASE)


def _doing_now(let: Token, verb: Token) -> bool:
    """An imperative 'let me' with 'just'/'quickly'/'first' before its verb ('Let me just turn off the radio'), or
    'first' after it ('Let me do the money first'), or after asking the listener to wait ('Hang on, let me move nearer
    the router'): the speaker says what they do this moment, an aside in the talk."""
    subjectless = let.tag_ == "VB" and not any(c.dep_ in {"nsubj", "aux"} for c in let.children)
    first = any(t.dep_ == "advmod" and t.lower_ == "first" and t.i > verb.i for t in verb.subtree)
    waiting = _WAIT.search(let.doc[let.sent.start : let.i].text) is not None
    return subjectless and (first or waiting or any(t.lower_ in _RIGHT_NOW for t in let.doc[let.i + 1 : verb.i]))


def _let_done(let: Token) -> tuple[Token, Token] | None:
    """The doing a 'let' lets the speaker do and the 'me' ('us') it lets, right after the 'let' ('let [me] [pick] a
    time'); the parser hangs the 'me' from either verb. None for a denied doing or another listener."""
    verb = next((c for c in let.children if c.dep_ in {"ccomp", "xcomp"} and c.i > let.i), None)
    if verb is None or verb.pos_ != "VERB" or _negated(verb):
        return None
    me = next((c for c in (*verb.children, *let.children) if c.dep_ in {"nsubj", "dobj"} and c.i < verb.i), None)
    if me is None or me.lower_ not in {"me", "us"} or me.i != let.i + 1:
        return None
    return verb, me


def let_me(let: Token) -> SlotSpan | None:
    """'(Just) let me V', a wish said to whoever could grant it ('Just let me pick a time', 'let me see who's
    free'): the speaker's goal is V. Only the sentence's own imperative 'let' with 'me' or 'us' (not "let's", a
    suggestion), never denied ('don't let me'), asked, or inside someone's words, and never talk about the talk
    ('let me think', 'let me put it this way', 'let me have a look'), nor what the speaker does there and then ('let
    me just turn the radio off'). Seeing or knowing is a goal only with what is to be learnt about others ('see
    who's free', not 'see what I've got')."""
    if let.lemma_.lower() != "let" or let.tag_ != "VB" or let.dep_ != "ROOT" or _negated(let) or _question(let):
        return None
    if said_by_others(let) or any(c.dep_ in {"nsubj", "aux"} for c in let.children):
        return None
    if (done := _let_done(let)) is None:
        return None
    verb, me = done
    if _doing_now(let, verb):
        return None  # "Let me just turn off the radio": what the speaker does now, an aside, not a wish
    lemma = verb.lemma_.lower()
    learnt = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    # "let me see what I've got": looking through one's own, talk
    learns = (
        lemma in _KNOWING - {"know"}
        and learnt is not None
        and learnt.left_edge.lower_ in _WH - {"if"}
        and not any(c.dep_ == "nsubj" and c.lower_ in _OWN for c in learnt.children)
    )
    if lemma in _NOT_A_GOAL | _TALK_ABILITIES | _LET_ME_TALK and not learns:
        return None
    if any(c.dep_ == "dobj" and c.lemma_.lower() in _LIGHT_OBJECTS for c in verb.children):
        return None
    tokens = phrase(verb)
    return SlotSpan("motivation", tuple(tokens), "", me, "let me") if tokens else None


def must_let_me(let: Token) -> SlotSpan | None:
    """'It has to (needs to, must) let me V', said of a tool the speaker talks about ('it', 'this', 'the app'): what it
    must let the speaker do is their goal, V. Only now ('has to', 'needs to', 'must'; never 'had to let me': what it
    had to do then), never denied or asked, never what it must let others do, nor talk about the talk."""
    if let.lemma_.lower() != "let" or let.tag_ != "VB" or _negated(let) or _question(let) or said_by_others(let):
        return None
    head = let.head
    if let.dep_ == "xcomp" and _has_to_aux(let) and head.lemma_.lower() in {"have", "need"}:
        must, now = head, head.tag_ in {"VBZ", "VBP"}
    else:
        must, now = let, any(c.dep_ == "aux" and c.lower_ == "must" for c in let.children)
    if not now or _negated(must):
        return None
    doer = next((c for c in must.children if c.dep_ == "nsubj" and c.i < must.i), None)
    if doer is None or doer.lower_ not in _TOOLS and not (doer.pos_ == "NOUN" and doer.lemma_.lower() in _TOOL_NOUNS):
        return None
    if (done := _let_done(let)) is None:
        return None
    verb, me = done
    if verb.lemma_.lower() in _NOT_A_GOAL | _TALK_ABILITIES | _LET_ME_TALK:
        return None
    tokens = phrase(verb)
    return SlotSpan("motivation", tuple(tokens), "", me, "must let me") if tokens else None


def for_me_to(verb: Token) -> SlotSpan | None:
    """'(And) for me to be able to V ...', a wish said as a sentence of its own (the answer to what the speaker would
    change): the speaker's goal is V. Only where the sentence opens with it and nothing but a purpose or a reason
    follows ('..., so you're not chasing money'): 'For me to get there, I'd need a car' says what it takes."""
    if verb.pos_ != "VERB" or _negated(verb) or _question(verb) or said_by_others(verb):
        return None
    to = next((g for g in verb.children if g.dep_ == "aux" and g.lower_ == "to"), None)
    if to is None:
        return None
    sent = verb.sent
    opening = [t.lower_ for t in sent if t.i < to.i and not (t.is_punct or t.lower_ in _DISCOURSE)]
    if opening[:2] not in (["for", "me"], ["for", "us"]) or opening[2:] not in ([], ["to", "be", "able"]):
        return None
    if opening[2:] and verb.head.lower_ != "able":
        return None
    tokens = phrase(verb)
    if not tokens:
        return None
    rest = [t for t in sent if t.i > tokens[-1].i and not t.is_punct]
    if rest and rest[0].lower_ not in {"so", "because", "and", "then"}:
        return None
    if verb.lemma_.lower() in _NOT_A_GOAL | {"be", "have"}:
        return None  # "for me to be there", "for me to have a say": a state
    me = next(t for t in sent if t.lower_ in {"me", "us"})
    return SlotSpan("motivation", tuple(tokens), "", me, "for me to")


# What a wish calls the doing it would welcome: "it'd be nice to get a text when the driver's on the way".
_WELCOME = frozenset("nice great good lovely brilliant handy helpful ideal amazing perfect useful".split())


def nice_to(verb: Token) -> SlotSpan | None:
    """'It'd (would) be nice (great, handy ...) to V', a wish the speaker says of their own doing: the goal is V.
    Only with 'would' (a wish, not 'it was nice to V', a memory), never denied, asked or inside someone's words,
    and seeing or knowing only with what is to be learnt ('know who's coming', not 'see it')."""
    be = verb.head
    if verb.pos_ != "VERB" or verb.dep_ != "xcomp" or not _has_to_aux(verb) or be.lemma_.lower() != "be":
        return None
    if not any(c.dep_ == "acomp" and c.lemma_.lower() in _WELCOME for c in be.children):
        return None
    if not _wished_aux(be):
        return None
    subject = next((c for c in be.children if c.dep_ in {"nsubj", "expl"}), None)
    if subject is None or subject.lower_ != "it" or any(_negated(t) or _question(t) for t in (be, verb)):
        return None
    if said_by_others(be) or _conditional(be) or supposed(be):
        return None
    if be.dep_ == "ccomp":  # "he said it'd be nice to V": whoever says or thinks it is who wishes it
        teller = next((c for c in be.head.children if c.dep_ == "nsubj"), None)
        if teller is None or teller.lower_ not in _OWN:
            return None
    learns = _learnt(verb)
    if verb.lemma_.lower() in _NOT_A_GOAL | _TALK_ABILITIES and not learns:
        return None
    tokens = phrase(verb)
    return SlotSpan("motivation", tuple(tokens), "", subject, "nice to") if tokens else None


def if_only(verb: Token) -> SlotSpan | None:
    """'If I could just (only) V ...', a wish said as the case it would take: the goal is V ('if I could just see my
    number, I can plan'). Only with 'just'/'only', which make the 'if' a wish rather than a case weighed ('if I could
    afford it, I'd buy one'); never someone else's, denied, asked or inside someone's words; seeing or knowing only
    with what is to be seen or learnt ('see my number', 'know who's coming', not 'see it')."""
    if verb.pos_ != "VERB" or not any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.lower_ not in _OWN:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "could" for c in verb.children):
        return None
    if not any(c.dep_ == "advmod" and c.lower_ in {"just", "only"} and c.i < verb.i for c in verb.children):
        return None
    if _negated(verb) or _question(verb) or said_by_others(verb):
        return None
    return _wish_goal(verb, subject, "if only")


def tool_if_only(verb: Token) -> SlotSpan | None:
    """'If it would (could) just let me V', 'if the app could only show me X': a wish of what the tool would do for
    the speaker, said as the case it would take ('just'/'only' make it a wish): the speaker's goal V, or knowing
    (seeing) what it would tell (show) them, as `wanted_of_others` reads 'I want it to let me V'. Only letting and
    telling: a tool's other doings ('if it could just remember shoes') say no goal of the speaker's in their words."""
    if verb.pos_ != "VERB" or not any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
        return None
    auxes = {c.lower_.replace("’", "'") for c in verb.children if c.dep_ == "aux"}
    if not auxes & {"would", "could", "'d"} or _negated(verb) or _question(verb) or said_by_others(verb):
        return None
    if not any(c.dep_ == "advmod" and c.lower_ in {"just", "only"} and c.i < verb.i for c in verb.children):
        return None
    return _tool_grant(verb, None) if _of_a_tool(verb) else None


def _of_a_tool(verb: Token) -> bool:
    """Whether the verb's doer, said before it, is a tool (`_is_tool`)."""
    doer = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return doer is not None and _is_tool(doer)


def _tool_grant(verb: Token, subject: Token | None) -> SlotSpan | None:
    """What a tool wished to let the speaker do ('let me take a photo'), or to tell or show them ('show me which
    lockers are free'), as the speaker's goal (`tool_if_only`, `wished_would`). Seeing a thing named counts ('let me
    see my grid'), as in `_wish_goal`; talk and other seeing or knowing do not."""
    listener = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if listener is not None and verb.lemma_.lower() == "show" and listener.lower_ in _WH - {"how", "why", "if"}:
        return _told(subject, verb, verb)  # "if it could just show what I'm owed": shown to the one who wishes it
    if listener is not None and listener.lower_ not in {"me", "us"} and verb.lemma_.lower() == "let":
        return _let_others(verb, subject)
    if listener is None or listener.lower_ not in {"me", "us"}:
        return None
    after = verb.doc[listener.i + 1] if listener.i + 1 < len(verb.doc) else None
    lets_know = verb.lemma_.lower() == "let" and after is not None and after.lemma_.lower() == "know"
    if verb.lemma_.lower() in _LETS and not lets_know:
        done = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.i > listener.i), None)
        if done is None or done.pos_ != "VERB" or _negated(done):
            return None
        return _wish_goal(done, subject, "wanted of a tool")
    if _telling(verb):
        return _told(subject, verb, listener)
    return None


def _let_others(let: Token, subject: Token | None) -> SlotSpan | None:
    """People named whom a tool is wished to let do a thing ('I wish it'd let customers tell us things more easily'):
    letting them do it, as 'if the customers could change their own gate code' is read (`_wished_in_if`). Never a
    pronoun's doing, a denied one, nor talk or knowing with nothing given."""
    done = next((c for c in let.children if c.dep_ in {"ccomp", "xcomp"} and c.i > let.i and c.pos_ == "VERB"), None)
    if done is None or _negated(done) or done.tag_ != "VB":
        return None
    # "tell us things": what they tell is given to the speaker's side
    told_us = done.lemma_.lower() == "tell" and any(c.lower_ in {"me", "us"} for c in done.children)
    if done.lemma_.lower() in _NOT_A_GOAL and not _receives(done) and not told_us:
        return None
    return _people_named_doing(done, done, subject, "wanted of a tool", verb="let")


# Doings an 'if I could' weighs as a means or a memory, never the progress wished for: 'if I could afford it', 'if I
# could manage it', 'if I could remember (the name)'.
_MEANS_WEIGHED = frozenset("afford manage remember recall".split())
# What the speaker would then say, a remark in the talk rather than a gain: "if I could remember, I'd tell you".
_REMARKS = frozenset("say tell guess think imagine bet reckon show answer".split())


def _could_wish_case(
    verb: Token, results: frozenset[str] = frozenset({"would", "'d"}), *, denied: bool = False
) -> Token | None:
    """The speaker of a fronted 'if I (we) could V ..., I'd (we would) ...': a case weighed with what the speaker
    would do in it, never one they are in; `results`: the modals the result may be said with; `denied`: the result
    may be denied ('I wouldn't have to ...'). None for 'if I could have done', a result said with 'would have' (a
    past counterfactual: 'I'd have bought one') or another modal, someone else's ('if she could ...'), the
    listener's ('if you could change one thing, what would it be?'), a denied or asked one, or one told inside
    someone's words."""
    if verb.pos_ != "VERB" or verb.tag_ != "VB" or verb.dep_ != "advcl" or verb.head.i < verb.i:
        return None
    if not any(c.dep_ == "mark" and c.lower_ == "if" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    auxes = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if subject is None or subject.lower_ not in _OWN or auxes != ["could"] or _negated(verb):
        return None
    result = _wish_result(verb)
    if result.pos_ not in {"VERB", "AUX"} or result.tag_ != "VB":
        return None
    modals = [c.lower_.replace("’", "'") for c in result.children if c.dep_ in {"aux", "auxpass"}]
    if len(modals) != 1 or modals[0] not in results:
        return None
    doer = next((c for c in result.children if c.dep_ == "nsubj" and c.i < result.i), None)
    # "if I could just see it in October, [that would be amazing]": the wish weighed as a whole
    welcome = result.lemma_.lower() == "be" and any(
        c.dep_ == "acomp" and c.lemma_.lower() in _WELCOME | _NICE for c in result.children
    )
    if doer is not None and doer.lower_ in {"that", "it"} and welcome:
        doer = subject
    if doer is None or doer.lower_ not in _OWN or _negated(result) and not denied or _question(result):
        return None
    if said_by_others(verb) or said_by_others(result) or supposed(verb):
        return None
    return subject


def could_wish(verb: Token) -> SlotSpan | None:
    """'If I could V X, I'd Y', a wish said without 'just' (`if_only`) as what the speaker would do were it granted:
    the goal is V X ('if I could see all the diaries on one screen, I'd save an evening a week': 'see all the diaries
    on one screen'; what it would let them do is its outcome, `_wish_granted`). A causative of a tool the speaker
    talks about ('if I could have it send the reminders') is the speaker's own doing, as 'I want it to V' is
    (`wanted_of_others`); of people or a thing named it stays whole ('have the office put the notes in'). Never a
    case weighed (`_could_wish_case`), a means or a memory weighed ('if I could afford a van', 'if I could remember
    the name'), a result that is a remark ('I'd tell you'), nor a doing with nothing named ('if I could, I'd ...')."""
    subject = _could_wish_case(verb, denied=_spares_chore(verb))
    if subject is None or verb.lemma_.lower() in _MEANS_WEIGHED or _wish_result(verb).lemma_.lower() in _REMARKS:
        return None
    made = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
    doer = next((c for c in made.children if c.dep_ == "nsubj" and c.i < made.i), None) if made is not None else None
    if verb.lemma_.lower() == "have" and made is not None and doer is not None and doer.lower_ in _TOOLS:
        if _negated(made) or made.lemma_.lower() in _NOT_A_GOAL | {"be", "have"}:
            return None
        tokens = phrase(made)  # what a tool is to send or show is the speaker's own doing, as in `wanted_of_others`
        if not tokens or any(t.lower_ in {"me", "us"} for t in tokens):
            return None  # "if I could have it remind me": the speaker is who it is done for
        return SlotSpan("motivation", tuple(tokens), "", subject, "could wish")
    return _wish_goal(verb, subject, "could wish")


def _wish_result(verb: Token) -> Token:
    """The verb of what the speaker would do were the 'if' granted: its head, or the clause over it where the parser
    hangs the 'if' on a purpose said between ('if I could V, [so they show up on my timeline,] I wouldn't ...')."""
    result = verb.head
    if result.dep_ == "ccomp" and result.head.i > result.i and result.tag_ != "VB":
        return result.head
    return result


def _spares_chore(verb: Token) -> bool:
    """The result of 'if I could V' is a chore it would spare ('..., I wouldn't have to flip between two screens')."""
    result = _wish_result(verb)
    return (
        result.lemma_.lower() == "have"
        and _negated(result)
        and any(c.dep_ == "xcomp" and _has_to_aux(c) for c in result.children)
    )


def _wish_goal(verb: Token, subject: Token | None, rule: str) -> SlotSpan | None:
    """The goal a wish's verb says (`if_only`, `ideally`): never one that names no progress, unless it learns
    something ('see every order', 'know who's coming')."""
    lemma = verb.lemma_.lower()
    learns = lemma in _KNOWING and any(
        c.dep_ == "ccomp" or c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} for c in verb.children if c.i > verb.i
    )
    if lemma in _NOT_A_GOAL | _TALK_ABILITIES and not learns and not _tells_in_time(verb):
        return None
    tokens = phrase(verb)
    return SlotSpan("motivation", tuple(tokens), "", subject, rule) if tokens else None


def _tells_in_time(verb: Token) -> bool:
    """'tell people before they set out': telling people named, in time for what they do, is letting them know,
    no talk ('tell you the truth', 'tell her that'); only with what it is to come before said."""
    told = next((c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i > verb.i), None)
    return (
        verb.lemma_.lower() == "tell"
        and told is not None
        and told.pos_ == "NOUN"
        and is_people(told)
        and not any(c.dep_ == "ccomp" for c in verb.children)
        and any(_time_limit(c) and c.i > told.i for c in verb.children)
    )


def _asking(clause: Token) -> Token | None:
    """The speaker ('I'/'we') of '[all] I'm asking', '[all] I ask': a request made now, in the talk. None for someone
    else's, a denied or supposed one, or one told in the past ('all I asked was ...', 'all I was asking was ...'):
    that tells what was asked of someone in a story, not the progress the speaker seeks now."""
    if clause.lemma_.lower() != "ask" or clause.tag_ not in {"VBP", "VBG"} or clause.dep_ != "relcl":
        return None
    auxes = [c for c in clause.children if c.dep_ == "aux"]
    if any(a.tag_ in {"VBD", "MD"} for a in auxes) or clause.tag_ == "VBG" and not auxes:
        return None  # "all I was asking", "all I'd ask": past or supposed
    if clause.head.head.tag_ == "VBD":
        return None  # "all I ask was ...": the 'is' carries the past
    subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
    if subject is None or subject.lower_ not in _OWN or _negated(clause) or supposed(clause):
        return None
    return subject


def asked_that(head: Token) -> SlotSpan | None:
    """'All I'm asking (ask) is that I V ...': the speaker's own present doing is the goal ('all I'm asking is that
    when I turn up at a door, I know who's behind it': 'know who's behind it', its 'when' left to the situation
    readers), being able to with 'can'; a state of others named is made sure of ('that the drivers have the list':
    'make sure the drivers have the list', `_made_sure`). Never someone else's request, a past one (`_asking`), a
    question ('all I'm asking is whether ...'), a denied or hedged doing."""
    if head.dep_ != "nsubj" or head.lower_ != "all" or head.head.i < head.i or head.head.lemma_.lower() != "be":
        return None
    be = head.head
    clause = next((c for c in head.children if c.dep_ == "relcl" and c.i > head.i), None)
    subject = _asking(clause) if clause is not None else None
    if subject is None or _negated(be) or _question(be) or said_by_others(be) or _conditional(be):
        return None
    said = next((c for c in be.children if c.dep_ == "ccomp" and c.i > be.i), None)
    if said is None or not any(c.dep_ == "mark" and c.lower_ == "that" for c in said.children):
        return None
    doer = next((c for c in said.children if c.dep_ == "nsubj" and c.i < said.i), None)
    if doer is None or doer.lower_ not in _OWN:
        return _made_sure(said, subject)  # "that every driver has the list": its own tense and hedge checks
    auxes = [c for c in said.children if c.dep_ in {"aux", "auxpass"} and c.i < said.i]
    able = [a.lower_ for a in auxes] == ["can"]
    if said.pos_ != "VERB" or _negated(said) or not (able or not auxes and said.tag_ == "VBP"):
        return None  # "that I could ...", "that I'd ...": hedged; "that I was ...": past
    goal = _wish_goal(said, subject, "asked that")
    return replace(goal, verb="be able to") if goal is not None and able else goal


# Stretches of time a change would save the speaker ('save me hours', 'a day a month', 'a lot of time').
_SAVED = _STRETCHES | frozenset({"minute", "month", "year"})


def _time_saved(save: Token) -> bool:
    """'[hours]', '[a day] a month', '[a lot] of time': what `save` saves is time."""
    for thing in (c for c in save.children if c.dep_ in {"dobj", "npadvmod"} and c.i > save.i):
        if thing.lemma_.lower() in _SAVED:
            return True
        of = (p for p in thing.children if p.dep_ == "prep" and p.lower_ == "of")
        if thing.lower_ in {"lot", "bit", "deal"} and any(o.lemma_.lower() in _SAVED for p in of for o in p.children):
            return True
    return False


def _saving_if(save: Token) -> Token | None:
    """The 'if' clause of 'it would save [anyone] [anything] if ...': a change weighed for what it would save. None
    for a saving said as past ('it would have saved me hours if ...': a story's counterfactual), denied or asked."""
    if save.lemma_.lower() != "save" or save.pos_ != "VERB" or _negated(save) or _question(save):
        return None
    auxes = [c.lower_.replace("’", "'") for c in save.children if c.dep_ == "aux"]
    if auxes not in (["would"], ["'d"]) or said_by_others(save):
        return None
    if not any(c.dep_ == "nsubj" and c.lower_ in {"it", "that", "this"} for c in save.children):
        return None
    return next(
        (
            c
            for c in save.children
            if c.dep_ == "advcl" and c.i > save.i and any(m.dep_ == "mark" and m.lower_ == "if" for m in c.children)
        ),
        None,
    )


def saving_case(mark: Token) -> bool:
    """The 'if' of 'it would save me time if ...': its clause is the change wished for, never a case anyone is in."""
    if mark.lower_ != "if" or mark.dep_ != "mark":
        return False
    clause = _saving_if(mark.head.head)
    return clause is not None and clause.i == mark.head.i


def would_save(save: Token) -> SlotSpan | None:
    """'It would save me (us) time if X ...', a goal said as the time a change would save the speaker: the speaker's
    own doing when X is 'I'/'we' ('if I could order the flour online', 'if we got the invoices by email': 'order the
    flour online', 'get the invoices by email', put in the present by the statement); letting X V when X named
    'could' ('let the drivers see the list', as `wished_if`); else making sure of what X is to do, in the present
    ('if the fares came out of the app': 'make sure the fares come out of the app', as `_made_sure`). Never a saving
    to others ('save them'), of anything but time, past, denied or asked (`_saving_if`), a hedged or denied change,
    nor X a pronoun."""
    clause = _saving_if(save)
    me = next((c for c in save.children if c.dep_ in {"dative", "dobj"} and c.lower_ in {"me", "us"}), None)
    if clause is None or me is None or clause.pos_ != "VERB" or _negated(clause) or not _time_saved(save):
        return None
    doer = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
    auxes = [c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"} and c.i < clause.i]
    could = auxes == ["could"]
    if doer is None or not (could or not auxes and clause.tag_ == "VBD"):
        return None  # "if the bank had sent it", "if they'd ...": no change wished for now
    if doer.lower_ in _OWN:
        return _wish_goal(clause, doer, "would save")
    if doer.pos_ not in {"NOUN", "PROPN"} or clause.lemma_.lower() in {"be", "have"}:
        return None  # "if they ...": whom it points at stayed in the talk; "if the list was there": a state
    if clause.lemma_.lower() in _NOT_A_GOAL and not (could and _receives(clause)):
        return None  # talk; what others could see or know is the speaker's to let them
    tokens = phrase(clause)
    if could and tokens:
        who = _who(doer, next(c for c in clause.children if c.lower_ == "could"))
        return SlotSpan("motivation", (*who, *tokens), "", me, "would save", verb="let") if who else None
    said = list(save.doc[doer.left_edge.i : tokens[-1].i + 1]) if tokens else []
    if not said or len(said) > _MAX_PHRASE or any(t.is_punct for t in said) or not _whole(said):
        return None
    return SlotSpan("motivation", tuple(said), "", me, "would save", verb="make sure")


# What a hope's thing is to do "one day": when, left open, no part of the doing.
_SOMEDAY = frozenset("eventually someday sometime soon".split())


def hoped_of_tool(hope: Token) -> SlotSpan | None:
    """'I'm hoping it'll [do the returns properly]', 'I hope the app will [sort the rota out]': what the speaker hopes,
    now, a tool they talk about will do is the speaker's own doing, as with 'I want it to V' (`wanted_of_others`);
    a time left open ('one day', 'eventually') is no part of it. Never a past hope ('I'd hoped it would ...': one that
    came to nothing), a hope of people ('I hope they'll ...'), a hope of a state ('I hope it'll be fine'), one done
    for the speaker ('I hope it'll remind me'), a denied or asked one."""
    if hope.lower_ not in {"hope", "hoping"} or hope.tag_ not in {"VBP", "VBG"} or _negated(hope):
        return None
    now = any(c.dep_ == "aux" and c.lemma_.lower() == "be" and c.tag_ != "VBD" for c in hope.children)
    if hope.tag_ == "VBG" and not now:
        return None  # "hoping" with no present 'be' ('I was hoping'): a hope of then
    subject = next((c for c in hope.children if c.dep_ == "nsubj" and c.i < hope.i), None)
    if subject is None or subject.lower_ not in _OWN:
        return None
    verb = next((c for c in hope.children if c.dep_ == "ccomp" and c.i > hope.i and c.pos_ == "VERB"), None)
    if verb is None or verb.tag_ != "VB" or _negated(verb) or verb.lemma_.lower() in _NOT_A_GOAL | {"be", "have"}:
        return None
    doer = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    will = any(c.dep_ == "aux" and c.lower_.replace("’", "'") in {"will", "'ll"} for c in verb.children)
    if doer is None or not will:
        return None
    if doer.lower_ not in _TOOLS and not (doer.pos_ == "NOUN" and doer.lemma_.lower() in _TOOL_NOUNS):
        return None
    tokens = phrase(verb)
    while tokens and (tokens[-1].lower_ in _SOMEDAY or tokens[-1].lower_ == "day" and tokens[-2].lower_ == "one"):
        tokens = tokens[:-2] if tokens[-1].lower_ == "day" else tokens[:-1]
    if not tokens or any(t.lower_ in {"me", "us"} for t in tokens) or not _whole(tokens):
        return None
    return SlotSpan("motivation", tuple(tokens), "", subject, "hoped of a tool")


def ideally(verb: Token) -> SlotSpan | None:
    """'Ideally I'd V ...', 'in an ideal world we would V ...': a wish said as what the speaker would do were things as
    they like, the goal is V ('ideally I'd see every order on one screen'). Only the speaker's own ('ideally they'd
    tell me' is what others would do), never denied, asked, inside someone's words or an 'if'; seeing or knowing only
    with what is to be seen or learnt."""
    if verb.pos_ != "VERB" or verb.tag_ != "VB" or not any(_ideal(c) and c.i < verb.i for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or subject.lower_ not in _OWN:
        return None
    if not _wished_aux(verb):
        return None
    if _negated(verb) or _question(verb) or said_by_others(verb) or _conditional(verb) or _weighs_case(verb):
        return None
    return _wish_goal(verb, subject, "ideally")


def _weighs_case(verb: Token) -> bool:
    """Whether the verb says what would follow in a case ('if it rained, I'd move the stall'): a case weighed."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
        for c in verb.children
    )


def _ideal(mod: Token) -> bool:
    """'Ideally', or 'in an ideal world': said of the verb it modifies."""
    if mod.dep_ == "advmod" and mod.lower_ == "ideally":
        return True
    world = next((o for o in mod.children if o.dep_ == "pobj"), None) if mod.dep_ == "prep" else None
    return world is not None and any(a.lower_ == "ideal" for a in world.children)


# Verbs that say nothing said alone: "so I can do", "so I can get on".
_SAY_NOTHING_ALONE = frozenset("do get make have go come work try start continue happen use carry keep put".split())


def _done_alone(verb: Token) -> list[Token]:
    """A verb that is the whole of what the speaker can then do, said alone ('so I can plan', 'I can relax'):
    nothing after it but the sentence's end, and a verb that says something alone; [] otherwise."""
    if verb.lemma_.lower() in _SAY_NOTHING_ALONE | _NOT_A_GOAL or verb.tag_ != "VB":
        return []
    if any(c.i > verb.i and not c.is_punct for c in verb.children):
        return []
    after = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return [verb] if after is None or after.text in {".", "!"} else []


def _wish_granted(verb: Token) -> bool:
    """Whether a clause says what the speaker could do were their wish, said as an 'if I could just V' clause hung
    from it, granted ('if I could just see my number, even if it's a bad number, [I can plan]')."""
    return any(
        c.dep_ == "advcl" and c.i < verb.i and (if_only(c) is not None or could_wish(c) is not None)
        for c in verb.children
    )


def _done(verb: Token) -> bool:
    """A passive 'to'-verb: 'to be labelled'."""
    return verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lemma_.lower() == "be" for c in verb.children)


def _done_bare(want: Token, verb: Token) -> Token | None:
    """The thing of '[every parcel] labelled', '[the invoices] sent the same day' said right after the want: a
    participle with no 'to be', no subject but the thing, of a verb that takes an object; None for 'the one [I
    ordered]' (a clause of its own), 'everyone gone' (a state reached) or 'the parts ordered last week' (which
    parts). The parser may tag a participle as a past tense ('sent') when it reads the thing as its subject."""
    if verb.dep_ not in {"ccomp", "acl"} or verb.tag_ not in {"VBN", "VBD"} or verb.lemma_.lower() in _NO_OBJECT:
        return None
    if verb.dep_ == "acl" and verb.tag_ != "VBN" or any(c.dep_ in {"aux", "auxpass", "mark"} for c in verb.children):
        return None
    if verb.dep_ == "ccomp":
        thing = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    else:
        thing = verb.head if verb.head.dep_ == "dobj" and verb.head.head.i == want.i else None
    if thing is None or thing.i > verb.i or thing.left_edge.i != want.i + 1:
        return None
    when = (t for c in verb.children if c.dep_ in {"npadvmod", "advmod"} for t in c.subtree)
    return None if any(t.lower_ in _ONCE for t in when) else thing


def _points_ahead(thing: Token, verb: Token) -> Token | None:
    """The 'that' clause an 'it' stands for, said after the doing ('I want [it] noted down [that the boiler was
    serviced]'): what it is, is said in the same sentence; None for any other thing."""
    if thing.lower_ != "it":
        return None
    clauses = (c for c in verb.children if c.dep_ in {"advcl", "ccomp"} and c.i > verb.i)
    return next((c for c in clauses if c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"), None)


def _up_to(verb: Token, clause: Token) -> list[Token]:
    """The doing with the clause its 'it' stands for, whole ('noted down that the boiler was serviced'); [] when
    that runs too long to be one slot or breaks off before the clause's verb."""
    tokens = list(verb.doc[verb.i : clause.right_edge.i + 1])
    tokens = tokens[: _first_break(tokens)]  # ", so if it goes wrong": what next
    if len(tokens) > _MAX_PHRASE or not tokens or tokens[-1].i < clause.i:
        return []
    return tokens


def _got_done(subject: Token, thing: Token, verb: Token, *, end: Token) -> SlotSpan | None:
    """'[every box] to be [labelled at the packing bench]' as getting it done: 'get every box labelled at the packing
    bench'; `end`: the word the thing is said up to ('to', or the participle itself: 'every parcel labelled'). The
    thing done to is said before the participle, so what follows needs no object of its own ('get the kids picked up
    at five', 'get the bags looked at')."""
    ahead = _points_ahead(thing, verb)
    if verb.lemma_.lower() in _INFORMING and ahead is None and (is_people(thing) or thing.pos_ == "PROPN"):
        return _people_told(subject, thing, verb, end=end)
    if thing.pos_ not in {"NOUN", "PROPN"} and ahead is None or verb.lemma_.lower() in _NOT_A_GOAL:
        return None  # "I need it to be labelled": what 'it' is stayed in the talk around it
    who = _who(thing, end)
    tokens = phrase(verb, object_after=True) if ahead is None else _up_to(verb, ahead)
    if not who or not tokens:
        return None
    last = tokens[-1]  # the participle's own preposition may end it ('get the bags looked at'), no other loose word
    loose = last.pos_ in {"DET", "CCONJ", "SCONJ", "AUX"} or last.lower_ in {"a", "an", "the", "by"}  # "sorted by"
    if loose or last.pos_ == "ADP" and (last.dep_ != "prep" or last.head.i != verb.i or last.n_rights):
        return None
    return SlotSpan("motivation", (*who, *tokens), "", subject, "wanted done", verb="get")


# Verbs of letting people know: people wanted told are people the speaker wants to tell.
_INFORMING = frozenset("tell inform warn notify".split())


def _people_told(subject: Token, people: Token, told: Token, *, end: Token) -> SlotSpan | None:
    """'I wanted the customers to be told': telling them ('tell the customers'), the speaker's side doing it; what
    they are told, if said, follows the participle ('the drivers to be told the new times')."""
    who = _who(people, end)
    said = phrase(told, object_after=True)
    rest = said[1:]
    while rest and rest[0].is_punct:
        rest = rest[1:]
    if not who or not said or len(who) + len(rest) > _MAX_PHRASE:
        return None
    if rest and rest[-1].pos_ in {"ADP", "DET", "CCONJ", "AUX"}:
        return None
    return SlotSpan("motivation", (*who, *rest), "", subject, "wanted told", verb=told.lemma_.lower())


def _who(doer: Token, end: Token) -> list[Token]:
    """Whom (or what) a want is of, as said up to the 'to' (or the participle: `end`) ('the girls on reception': the
    parser may hang 'on reception' from the want); [] when that runs long or holds a clause of its own."""
    who = list(doer.doc[doer.left_edge.i : end.i])
    if len(who) > _MAX_WHO or any(t.is_punct or t.pos_ in {"VERB", "AUX"} for t in who):
        return []
    return who


def _when_able(be: Token, tokens: Sequence[Token]) -> list[Token]:
    """The clause saying when X is to be able to do it, which the parser hangs from the 'be' of 'to be able to' ('book
    a slot [while I'm treating someone]'), where it follows the phrase at once; [] otherwise."""
    for clause in be.children:
        words = list(be.doc[clause.left_edge.i : clause.right_edge.i + 1])
        if clause.dep_ != "advcl" or words[0].i != tokens[-1].i + 1 or words[0].lower_ not in _SITUATION_MARKS:
            continue
        while words and words[-1].is_punct:
            words.pop()
        if len(tokens) + len(words) <= _MAX_PHRASE and not any(t.is_punct for t in words):
            return words
    return []


def _likened(verb: Token) -> bool:
    """Whether a clause is what something is likened to: 'like you're trying to ...', 'as if I wanted ...'."""
    marks = [c.lower_ for c in verb.children if c.dep_ == "mark" and c.i < verb.i]
    return "like" in marks or "as" in marks and any(m in marks for m in ("if", "though"))


def motivations(doc: Doc) -> Iterator[SlotSpan]:
    """Goals said as struggles, missing abilities, shoulds, wishes and stated aims."""
    for tok in doc:
        most = (
            said_most(tok)
            or aim_that(tok)
            or reason_so(tok)
            or after_thing(tok)
            or asked_that(tok)
            or nice_if(tok)
            or would_help(tok)
        )
        if most is not None:
            yield most  # "all I'm after is one list", "the whole point was that I shouldn't have to chase anybody"
            continue
        if tok.pos_ not in {"VERB", "AUX", "ADJ"} or _question(tok) or said_by_others(tok):
            continue  # every rule below starts from a verb or an adjective
        if _likened(tok):
            continue  # "You're tilting it about like you're trying to get the telly to work": a likeness, no goal
        # "it's difficult to engage with people outside the core", "mailing lists are difficult to keep up with"
        if tok.lower_ in _DIFFICULT and tok.pos_ == "ADJ" and not _negated(tok.head) and not _negated(tok):
            verb = _infinitive(tok) or (_infinitive(tok.head) if tok.dep_ == "acomp" else None)
            if verb is not None and verb.lemma_.lower() not in _NOT_A_GOAL:
                thing = next((c for c in tok.head.children if c.dep_ == "nsubj"), None) if tok.dep_ == "acomp" else None
                tokens = _with_object(verb, phrase(verb, object_after=thing is not None), thing)
                if _whole(tokens):
                    yield SlotSpan("motivation", tuple(tokens), "", None, "struggle")
            continue
        if tok.pos_ == "VERB" and tok.tag_ in {"VBP", "VB"} and tok.lemma_.lower() in {"ensure", "make"} and _sure(tok):
            subject = _subject(tok)
            if subject is not None and subject.lower_ in _OWN and not _negated(tok) and not said_by_others(tok):
                rest = phrase(tok)  # "we make sure [this thing still works tomorrow]"
                if rest:
                    yield SlotSpan("motivation", tuple(rest), "", subject, "make sure")
            continue
        if (
            tok.pos_ == "VERB"
            and (
                goal := wanted_of_others(tok)
                or known_in_case(tok)
                or wanted_thing(tok)
                or wanted_in_place(tok)
                or cleft_want(tok)
                or wished_if(tok)
                or wished_would(tok)
                or wanted_said_first(tok)
                or let_me(tok)
                or must_let_me(tok)
                or for_me_to(tok)
                or nice_to(tok)
                or could_wish(tok)
                or if_only(tok)
                or tool_if_only(tok)
                or would_rather(tok)
                or ideally(tok)
                or hoped_of_tool(tok)
                or would_save(tok)
                or settle_for(tok)
                or never_again(tok)
                or spared_want(tok)
                or unwanted_role(tok)
                or unwanted_doing(tok)
                or unwanted_loss(tok)
                or wanted_back(tok)
                or stopped_needing(tok)
                or know_asked(tok)
                or known_then(tok)
                or _goal(tok)
                or wanted_means(tok)
            )
            is not None
        ):
            yield goal
            continue
        if tok.pos_ == "VERB" and (needed := _needed(tok)) is not None:
            verb, _purpose = needed  # "to apply for larger grants, you need to [have the ability to show ...]"
            tokens = phrase(verb)
            if tokens:
                yield SlotSpan("motivation", tuple(tokens), "", _subject(tok), "needed for")
            continue
        if (had := _no_way_of(tok)) is not None:
            if (said := _doing_said(tok, had, "no chance")) is not None:
                yield said  # "I had no way of [seeing] what she was going to read": 'see what she is going to read'
            continue
        if tok.pos_ not in {"VERB", "AUX"} or tok.tag_ != "VB":
            continue
        verb = tok
        auxes = {c.lower_.replace("’", "'") for c in verb.children if c.dep_ == "aux"}
        subject = _subject(verb)
        # "we drive people who can't walk far, or can't get to the shops": the parser may hang the second 'can't'
        # from the main clause, whose subject is not the one it speaks of
        own = subject is not None and subject.lower_ in _OWN and not _continues_relative(verb)
        if verb.lemma_.lower() in _NOT_A_GOAL and not _learns(verb):
            continue
        rule = ""
        if own and auxes & {"ca", "can", "could"} and _negated(verb):
            # "we couldn't email everyone": the goal they cannot reach; not "we could, but we can't, because ...",
            # nor "I couldn't invoice until I had the sheet": what the doing waited on, done once it came, nor "if
            # I can't make a Saturday, I swap it": a case the speaker may be in, and what they then do
            if (
                not any(t.lower_ in {"because", "cause", "since", "but"} for t in verb.sent)
                and not any(_time_limit(c) for c in verb.children)
                and not _in_case(verb)
                and not _then_in_a_story(verb)
                and verb.lemma_.lower() != "afford"  # "I couldn't afford to lose Trevor": what must not happen
                and not _relative_object(verb)  # "Sophie's weekends, which I can't put a price on": said of a thing
                and not _said_in_a_case_not_met(verb)  # "I'd have told the committee I couldn't sign off accounts"
                and not what_if(verb)  # "what if the internet goes down and I can't see who's coming in": a fear
            ):
                rule = "cannot"
        elif own and auxes & {"should"} and not _negated(verb):
            rule = "should"
        elif (maker := _made_easier(verb)) is not None and _wished(maker):
            rule = "would be nice"  # "making it possible to run it locally would have been nice"
        elif (
            verb.dep_ in {"xcomp", "acl"} or verb.dep_ == "relcl" and _has_to_aux(verb)  # "no way [to see] who's paid"
        ) and verb.head.lemma_.lower() in {"chance", "way", "time", "ability"}:
            # "we don't get a great chance to communicate", "there's no way to reach them"
            owner = verb.head.head
            if _negated(owner) or any(c.lower_ == "no" for c in verb.head.children):
                rule = "no chance"
        elif verb.dep_ in {"xcomp", "ccomp", "csubj", "advcl"}:
            head = verb.head
            if head.lemma_.lower() == "be":
                attr = next((c for c in head.children if c.dep_ in {"nsubj", "attr", "acomp"}), None)
                nouns = {c.lemma_.lower() for c in head.children if c.dep_ in {"nsubj", "attr"}}
                adjs = {c.lower_ for c in head.children if c.dep_ == "acomp"}
                if nouns & _GOAL_NOUNS and attr is not None and not _not_own_aim(head, verb):
                    if (misread := _modifier_misread(verb)) is not None:
                        yield misread  # "the dream would be [repeat] customers reordering": no 'repeat' wanted
                        continue
                    rule = "aim"  # "the goal is to keep it running"
                elif adjs & _IMPORTANT and verb.dep_ == "xcomp":
                    rule = "important"  # "it's important to keep the lights on"
                elif (
                    adjs & _NICE
                    and any(c.lower_ in {"would", "'d"} for c in head.children)
                    and not _negated(head)
                    and not any(m.dep_ == "mark" and m.lower_ == "if" for m in verb.children)  # `nice_if`'s
                ):
                    rule = "would be nice"  # "it would be great to have a second person"
            elif head.lower_ in _NICE and head.head.lemma_.lower() == "be":
                if any(c.lower_ in {"would", "'d"} for c in head.head.children):
                    rule = "would be nice"
        elif verb.dep_ in {"xcomp", "ccomp"} and verb.head.lower_ in _IMPORTANT:
            rule = "important"
        if not rule or _negated(verb) and rule != "cannot":
            continue
        tokens = phrase(verb)
        if rule == "cannot" and (
            any(t.lower_ in _ONLY_DENIED for t in tokens)
            or any(a.lower_ == "at" and b.lower_ == "all" for a, b in zip(tokens, tokens[1:], strict=False))
        ):
            continue  # "I couldn't find it anywhere in the bank", "we couldn't get on the fell at all": said only
            # under its 'not', no goal without it
        if tokens:
            yield SlotSpan("motivation", tuple(tokens), "", subject if own else None, rule)


# Words said only under a 'not' ('anywhere', 'anybody', 'any', 'yet', 'ever'): a doing that names one reads
# wrong once its 'not' is gone ("find it anywhere in the bank").
_ONLY_DENIED = frozenset("anywhere anything anybody anyone any ever yet".split())


def _learnt(verb: Token) -> bool:
    """Knowing or seeing with what is to be learnt said after it: a question ('know who's free') or, for seeing, a
    thing named ('see the whole week', 'see the notes'); not 'see it through'."""
    lemma = verb.lemma_.lower()
    return lemma in _KNOWING and any(
        c.i > verb.i and (c.dep_ == "ccomp" or lemma == "see" and c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"})
        for c in verb.children
    )


def _learns(verb: Token) -> bool:
    """Knowing or seeing with what is to be learnt said after it ('see who's paid', 'know when it goes out'); never
    a doubt ('I couldn't see how a computer would know all that': `_doubted`)."""
    return (
        verb.lemma_.lower() in {"know", "see", "understand"}
        and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
        and not _doubted(verb)
    )


def _doubted(verb: Token) -> bool:
    """'[see] how it would ever work', '[understand] why anyone would pay': a 'how' or 'why' with 'would' or 'could'
    after seeing or understanding asks whether the thing could be at all, a doubt rather than something to learn
    ('see how many would come' counts, as does 'see how it went')."""
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i:
            continue
        how = any(c.dep_ == "advmod" and c.lower_ in {"how", "why"} and not list(c.children) for c in clause.children)
        modal = any(c.dep_ == "aux" and c.lower_.replace("’", "'") in {"would", "could", "'d"} for c in clause.children)
        if how and modal:
            return True
    return False


def _no_way_of(verb: Token) -> Token | None:
    """The speaker ('I', 'we') or no one of 'I had no way of V-ing', 'there was no way of V-ing': a doing they could
    not do at all, its goal; None for anything else, a question or someone else's lack ('she had no way of ...')."""
    prep = verb.head
    way = prep.head
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or prep.lower_ != "of" or way.lemma_.lower() not in {"way", "chance"}:
        return None
    if not any(c.dep_ == "det" and c.lower_ == "no" for c in way.children) or _question(verb):
        return None
    if said_by_others(verb) or _conditional(way.head) or supposed(way.head):
        return None
    owner = next((c for c in way.head.children if c.dep_ == "nsubj" and c.i < way.i), None)
    if owner is None or owner.lower_ not in _OWN | {"there"}:
        return None
    return owner if owner.lower_ in _OWN else None


def _said_in_a_case_not_met(verb: Token) -> bool:
    """The doing is what the speaker would have said had things gone otherwise ("I'd have told the committee [I
    couldn't sign off accounts from a system I couldn't check]"): words never said, no goal."""
    cur = verb
    for _ in range(3):
        if cur.dep_ != "ccomp" or cur.head.i == cur.i:
            return False
        cur = cur.head
        auxes = {c.lower_.replace("’", "'") for c in cur.children if c.dep_ == "aux"}
        if cur.lemma_.lower() in {"say", "tell"} and auxes & {"would", "'d"} and "have" in auxes:
            return True
    return False


def _relative_object(verb: Token) -> bool:
    """A relative clause whose object is its 'which' or 'that' ('the weekends [which I can't put a price on]'): what
    it does is said of the thing before it, and as a goal would lose its object."""
    return verb.dep_ == "relcl" and any(t.tag_ in {"WDT", "WP"} and t.dep_ in {"dobj", "pobj"} for t in verb.subtree)


def _continues_relative(verb: Token) -> bool:
    """A verb joined on ('or can't get to the shops') said the way a relative clause before it is ('people who
    can't walk far'), with no subject of its own: it goes on with that clause, whoever its subject is, though the
    parser may hang it from the main clause."""
    if verb.dep_ != "conj" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    said = _helpers(verb)
    return any(
        t.dep_ in {"relcl", "acl"} and verb.head.i < t.i < verb.i and _helpers(t) == said for t in verb.head.subtree
    )


def _helpers(verb: Token) -> tuple[str, ...]:
    """A verb's helpers and denial, as said ('ca', "n't")."""
    return tuple(c.lemma_.lower() for c in verb.children if c.dep_ in {"aux", "neg"})


def what_if(verb: Token) -> bool:
    """The verb is part of a case a 'what if' puts ('what if the internet goes down and [I can't see] who's coming
    in'): a fear of what might be, however the parser splits the clause, not a struggle had."""
    doc = verb.doc
    for k in range(verb.i - 1, 0, -1):
        if doc[k].text in {".", "?", "!"}:
            return False
        if doc[k].lower_ == "if" and doc[k - 1].lower_ == "what":
            return True
    return False


def _in_case(verb: Token) -> bool:
    """The verb heads a clause an 'if', 'unless', 'when' or 'whenever' opens, and what the speaker then does follows
    ('if I can't make a Saturday, I swap it'): a case they may be in, and their way with it, not a goal. What it
    costs them ('..., I lose the shift') or what the thing is then worth ('..., it's no use to me') says a need."""
    opened = any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "when", "whenever"} for c in verb.children) or any(
        c.dep_ == "advmod" and c.lower_ in {"when", "whenever"} and c.i < verb.i for c in verb.children
    )
    result = verb.head
    if not opened or verb.dep_ != "advcl" or result.i == verb.i:
        return False
    doer = next((c for c in result.children if c.dep_ == "nsubj"), None)
    lemma = result.lemma_.lower()
    own = doer is not None and doer.lower_ in _OWN
    return own and lemma not in {"be", "have"} | _OWN_SETBACKS and not _negated(result)


# What speakers "can" do that is talk about the interview, not progress: "I can give you an example".
_TALK_ABILITIES = frozenset("talk discuss mention give share send show explain describe ask check speak".split())


def _tells_someone(verb: Token) -> bool:
    """'(so I can) tell the driver where to go', 'tell Sam what we sold': telling someone named what is to be known
    is a doing with an end, not talk; telling 'you' (the interviewer) or telling nothing named is talk."""
    if verb.lemma_.lower() != "tell":
        return False
    listener = next((c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i == verb.i + 1), None)
    if listener is None and verb.i + 2 < len(verb.doc) and verb.doc[verb.i + 1].dep_ == "det":
        listener = verb.doc[verb.i + 2] if verb.doc[verb.i + 2].head.i == verb.i else None
    if listener is None or listener.pos_ not in {"NOUN", "PROPN"}:
        return False
    # the parser may hang "where to go" from the listener ('the drivers [where to go]')
    told = [c for c in verb.children if c.dep_ == "ccomp" and c.i > listener.i]
    told += [c for c in listener.children if c.dep_ == "relcl" and c.left_edge.lower_ in _WH - {"if"}]
    return any(t.left_edge.lower_ in _WH - {"if"} or t.left_edge.dep_ in {"dobj", "advmod"} for t in told)


def _others_able(be: Token) -> bool:
    """'(for) them to be able to', 'for the drivers to be able to': someone other than the speaker named as who is to
    be able: what they could do is theirs, no purpose of the speaker's."""
    if any(c.dep_ == "nsubj" and c.i < be.i and c.lower_ not in _OWN | {"me", "us"} for c in be.children):
        return True
    # "she wants to be able to mark a hold": the one who wants it is who is to be able
    wanter = be.head if be.dep_ == "xcomp" and be.head.lemma_.lower() in _WANTING | _WISHING else None
    subject = _subject(wanter) if wanter is not None else None
    return subject is not None and subject.lower_ not in _OWN | {"you"}


def naming(verb: Token) -> bool:
    """'call her Sandy, after Sandy Denny', 'call it the Grid', 'name the show Night Moves': what someone or something
    is to be called, no progress sought. 'Call Dave' rings him."""
    if verb.lemma_.lower() not in {"call", "name"}:
        return False
    if any(c.dep_ == "oprd" for c in verb.children):
        return True
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if thing is None:
        return False
    # the parser may read the two objects as one ('[her] Sandy') or the name as the object's apposition
    two = thing.pos_ == "PROPN" and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in thing.children)
    return two or any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in thing.children)


def _then_done(verb: Token, auxes: set[str], before: set[str]) -> bool:
    """'..., and then I'll V' after no want of the speaker's: what they will do next, or do in a case told before
    it, no end a goal serves ('I want one list, and then I'll know what to order' is that list's)."""
    if not auxes & {"'ll", "will"} or auxes & {"can", "could"} or "then" not in before:
        return False
    if before & {"so", "because", "cause", "way", "means"}:
        return False
    return not any(a.lemma_.lower() in _GOAL_VERBS | _WANTING | {"like", "love", "wish"} for a in verb.ancestors)


def _plain_ability(verb: Token) -> bool:
    """'I can X' said as a plain fact: not inside an 'if'/'when' clause, not a wish, not talk about the talk."""
    if verb.lemma_.lower() in _TALK_ABILITIES:
        return False
    if verb.dep_ in {"relcl", "acl"}:
        return False  # "a release candidate [I can point our staging at]": a thing told by what it is good for
    if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in _WANTING | {"like", "love", "wish", "hope"}:
        return False  # "I'd like a button ..., [that I can attach to an application]": what is wished, not done now
    if any(c.dep_ == "dobj" and c.i < verb.i for c in verb.children):
        return False  # "a sheet ..., [that] I can pin to the wall": what it acts on is said before it, no ability
    if any(c.left_edge.tag_ in {"WRB", "WP", "WDT"} and c.i < verb.i for c in verb.children):
        # "trying to find out where we can reduce costs", "know how much I can spend": a question, not an ability
        return False
    # "if I've only got five, I can ring round, or I can borrow two": a second result shares the first one's case
    results = [verb, verb.head] if verb.dep_ == "conj" else [verb]
    conditions = (c for r in results for c in r.children if c.dep_ == "advcl")
    if any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for c in conditions for m in c.children):
        return False  # "if we had more money, we can hire": a result of what is not the case
    cur = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether", "when", "once"} for c in cur.children):
            return False
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return True


def _would_after_want(verb: Token, auxes: set[str]) -> bool:
    """A 'so I'd V' after the speaker's past want ('I needed to see people pay when they booked, [so I'd stop]
    chasing'): the want's purpose told in the past, as 'so I can' tells it now; never 'so I'd have to' (what
    followed) or a 'so' after anything else."""
    if not auxes & {"'d", "would"} or verb.lemma_.lower() == "have" or _negated(verb):
        return False
    so = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "so"), None)
    wants = [
        t
        for t in verb.sent
        if t.i < verb.i
        and t.lemma_.lower() in _WANTING
        and t.tag_ == "VBD"
        and (s := _subject(t)) is not None
        and s.lower_ in _OWN
    ]
    return so is not None and bool(wants) and so.i > wants[-1].i


def _helped_once(lets: Token) -> bool:
    """A letting a person did once ('Sian [helped] me import the properties'): a story of the switch, no gain."""
    helper = _subject(lets)
    return lets.tag_ == "VBD" and helper is not None and (helper.pos_ == "PROPN" or is_people(helper))


def outcomes(doc: Doc, *, goals: Sequence[tuple[int, int]] = ()) -> Iterator[SlotSpan]:
    """What the speaker can then do: 'so we can', 'then I can', 'which lets us', 'to be able to', and what a goal
    leads to ('fix the tests [and then ship the release]'); `goals`: the character spans of goals found by other
    means (the cue rules' 'I'd love to [clean up the mirrors]'), which may lead somewhere too."""
    found = list(_outcomes(doc, goals))
    yield from found
    yield from _results(doc, found, goals)


def _goes_somewhere(go: Token) -> bool:
    """A going with where to ('so I could finally go on holiday', 'go home at five'): a place or a break the speaker
    gets to; 'so I can go' alone, or 'go through it', names none."""
    places = (p for p in go.children if p.dep_ == "prep" and p.i > go.i and p.lower_ in {"on", "to"})
    named = any(o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"} for p in places for o in p.children)
    return named or any(c.dep_ == "advmod" and c.lower_ == "home" for c in go.children)


def _outcomes(doc: Doc, cued: Sequence[tuple[int, int]] = ()) -> Iterator[SlotSpan]:
    """The outcomes each verb or 'better' state says on its own (`outcomes` less the results of goals); `cued`: the
    character spans of goals found by other means."""
    for verb in doc:
        if (spared := _so_spared(verb) or _so_others(verb) or _so_doing(verb) or _wish_spares(verb)) is not None:
            yield spared
            continue
        if (spared := _steps_spared(verb, cued)) is not None:
            yield spared
            continue
        if verb.pos_ not in {"VERB", "AUX"} or _denied(verb) or _question(verb):
            continue
        purpose = _so_purpose(verb)
        if verb.tag_ != "VB" and not purpose:
            continue
        if said_by_others(verb) or supposed(verb):
            continue
        lemma = verb.lemma_.lower()
        auxes = {c.lower_.replace("’", "'") for c in verb.children if c.dep_ == "aux"}
        subject = _subject(verb)
        own = subject is not None and subject.lower_ in _OWN and subject.head.i == verb.i
        wished = own and bool(auxes & {"can", "could", "'d", "would"}) and _wish_granted(verb)
        if (
            lemma == "be"
            or lemma == "go"
            and not _goes_somewhere(verb)
            and not joined_verbs(verb)  # "so that I could go in [and print on a Sunday]": the going is a step
            or lemma in _NOT_A_GOAL
            and not ((purpose or wished) and lemma in _KNOWING or _tells_someone(verb))
        ):
            continue  # "do" stays: "so I can then do some more of the engineering stuff" (phrase() wants a noun)
        marks = {c.lower_ for c in verb.children if c.dep_ in {"mark", "advmod"}}
        left = {t.lower_ for t in doc[max(verb.sent.start, verb.i - 6) : verb.i]}
        rule = ""
        says = verb  # the verb whose phrase the outcome is
        doer = subject if own else None  # who gets to do it: the speaker's side ('we', 'us') or nobody known
        reason = marks & {"so", "then", "because"} or left & {"so", "then", "way", "means", "because", "cause"}
        known = any(knowing_frees(c) is not None for c in verb.children if c.dep_ == "advcl")
        if own and auxes & {"can", "could"} and estimated(verb):
            continue  # "so I can make maybe half the rehearsals": what the speaker's lot allows, no purpose or gain
        if own and _then_done(verb, auxes, marks | left):
            continue  # "nobody's picked it up, and then I'll ring round the old way": what they do in that case
        if known:
            rule = "if I know"  # "if I know who's got which pupil, [I can sleep]": what knowing lets them do
        elif (
            own
            and (auxes & {"can", "could", "'ll", "will"} or not purpose and _would_after_want(verb, auxes))
            and reason
        ):
            if _serves_ended(verb):
                continue  # "I thought I wanted a website. So we could sell the books.": the purpose of a want given up
            rule = "so I can"
        elif wished:
            rule = "if only"  # "if I could just see my number, [I can plan]": what the wish would let them do
        elif purpose:
            rule = "so I"  # "I wanted to pick every ingredient myself, so I know exactly what goes into his food"
        elif own and auxes & {"can", "could"} and any(c.lower_ == "how" and c.i < verb.i for c in verb.children):
            rule = "how we could"  # "[what they use it for] and how we could better support them": what is sought
        elif _generic_result(verb, subject, auxes):
            rule, doer = "so you can", subject  # "that means you can focus on the technical stuff"
        elif own and "can" in auxes and _plain_ability(verb):
            rule = "can"  # "in the worst case, I can fork it and fix the things I need": what they can do now
        elif verb.dep_ in {"xcomp", "ccomp"} and verb.head.lemma_.lower() in _LETS:
            beneficiary = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
            beneficiary += [c for c in verb.children if c.dep_ == "nsubj"]
            ours = [c for c in beneficiary if c.lower_ in {"me", "us"}]
            if ours and not _negated(verb.head) and not _doing_now(verb.head, verb) and not _helped_once(verb.head):
                rule, doer = "lets me", ours[0]
        elif verb.dep_ == "advcl" and any(_infinitive_to(c) for c in verb.children):
            head_subject = _subject(verb.head)
            if caused(verb):
                pass  # "we got a large company [to fund a couple of head count]": the company funds it
            elif any(c.dep_ == "nsubj" and c.lower_ not in _OWN | {"me", "us"} for c in verb.children):
                pass  # "I asked for a book [for parents to write their comments in]": theirs to do
            elif told_habit(verb.head):
                pass  # "I'd look at the spreadsheet [to see who does Polish]", told of the old way: no goal now
            elif _left_to_do(verb):
                pass  # "I'm chasing them with nine games [to fit] into three weekends": what is left, no purpose
            elif moment_told(verb.head):
                pass  # "when I went [to press] it, it said it had expired": a story's moment, no purpose sought
            elif _conditional(verb.head) and (verb.head.tag_ == "VBD" or _judged_case(verb.head)):
                pass  # "if I waited for the Tuesday [to ring Margaret], ...", "if I have to fiddle with it [to get
                # it into Xero], that's no better": a case weighed, no purpose sought
            elif head_subject is not None and head_subject.lower_ in _OWN and not _negated(verb.head):
                rule, doer = "to", head_subject  # "we need to refactor PyPI [to make it modern]"
            elif any(n[1] == verb for tok in verb.sent if (n := _needed(tok)) is not None):
                rule = "to"  # "you need to budget for the engineering work [to actually make the service go]"
            elif (maker := _made_easier(verb.head)) is not None and not _wished(maker):
                rule = "to"  # "it makes it easier to seek funding [to improve Warehouse]": what the gain is for
            elif (maker := _made_easier(verb)) is not None and not _wished(maker):
                rule = "makes it easier"  # the parser may hang "[to seek funding]" on "easier" as a clause
        elif _used_for(verb):
            head_subject = _subject(verb.head)
            if head_subject is not None and head_subject.lower_ in _OWN and head_subject.head.i == verb.head.i:
                rule, doer = "to", head_subject  # "we use it for analysis, [to determine usage patterns]"
        elif verb.dep_ == "xcomp" and verb.head.lower_ == "able" and verb.head.head.lemma_.lower() == "be":
            be = verb.head.head
            be_subject = next((c for c in be.children if c.dep_ == "nsubj"), None)
            if be.tag_ in {"VBD", "VBP", "VBZ"} and be_subject is not None and be_subject.lower_ in _OWN:
                rule, doer = "were able to", be_subject  # "we were able to respond to security issues"
            elif _wished_ability(be):
                pass  # "I'd love to be able to press one button": the goal itself, not what it is for
            elif be.dep_ in {"xcomp", "advcl"} and any(c.lower_ == "to" for c in be.children) and not _others_able(be):
                rule = "to be able to"  # "... to be able to ship it"
                head_subject = _subject(be)
                doer = head_subject if head_subject is not None and head_subject.lower_ in _OWN else None
            elif be.tag_ == "VBG" and _aim_or_own(be_subject) and not _denied(be) and not _missed(be):
                rule = "being able to"  # "part of being sustainable is being able to cover any operating cost"
            elif be.dep_ == "acl" and any(c.lower_ == "to" for c in be.children):
                seekers = _sought_by_us(be.head)  # "grants that we apply for [to be able to advance Python]"
                if seekers:
                    rule, doer = "to be able to", seekers[0]
        elif (given := _chance_given(verb)) is not None:
            rule, doer = "gives me a chance", given  # "it gave us a chance to talk to the people relying on it"
        elif (said := _bare_purpose(verb)) is not None:
            rule, says = "bare purpose", said  # "So maybe to see how often a really big project is downloaded."
        elif _purpose_of_struggle(verb):
            rule = "to"  # "it was difficult to run locally, [to make changes]": what the hard thing is for
        elif (maker := _made_easier(verb)) is not None and not _wished(maker):
            rule = "makes it easier"  # "it makes it easier to seek funding to improve Warehouse"
        if rule:
            tokens = phrase(says)
            if not tokens and rule in {"so I can", "if only", "if I know"}:
                tokens = _done_alone(says)  # "so I can plan": the verb alone is the outcome
            have = any(a.dep_ == "aux" and a.lemma_.lower() == "have" for a in says.children)
            if len(tokens) > 1 and tokens[0].lower_ == "got" and have:
                yield SlotSpan("outcome", tuple(tokens[1:]), "so I can", doer, rule, verb="have")  # "so I've got time"
            elif tokens:
                yield SlotSpan("outcome", tuple(tokens), "so I can", doer, rule)
    yield from _better_states(doc)
    yield from _only_ways(doc)
    for tok in doc:
        if tok.pos_ == "VERB" and (needed := _needed(tok)) is not None and isinstance(needed[1], tuple):
            yield SlotSpan("outcome", needed[1], "so I can", None, "fronted purpose")


# Words that make a number a guess or a limit ('maybe half', 'only three'), and the fractions said as numbers.
_ABOUT = frozenset("maybe perhaps probably only".split())
_FRACTIONS = frozenset({"half", "quarter", "third"})


def moment_told(verb: Token) -> bool:
    """A past doing told as the moment something happened ('when I went to press it', 'as I got up to leave'): the
    scene of a story, whatever its doing was for."""
    return verb.tag_ == "VBD" and any(
        c.dep_ in {"advmod", "mark"} and c.lower_ in {"when", "as"} for c in verb.children
    )


def estimated(verb: Token) -> bool:
    """Whether what the speaker 'can' do is said as a guess at or a limit of how much ('so I can make [maybe half]
    the rehearsals', 'so I can [only] do two'): how much their lot allows, what follows from it, not what a doing is
    for ('so I can cook about two meals ahead' plans an amount)."""
    doc = verb.doc
    return any(
        t.lower_ in _ABOUT and t.i + 1 < len(doc) and (doc[t.i + 1].tag_ == "CD" or doc[t.i + 1].lower_ in _FRACTIONS)
        for t in doc[verb.i + 1 : verb.right_edge.i + 1]
    )


# "so I guess", "so I mean": a hedge after "so", not a purpose.
_HEDGES_AFTER_SO = _ATTITUDES | frozenset("mean say think figure assume wonder agree".split())
# Knowing and seeing are no goal said alone ("I can't remember"), but often what a purpose is: "so I know exactly
# what goes into his food", "so I see which requests are stuck".
_KNOWING = frozenset("know see understand hear remember".split())


def _so_purpose(verb: Token, *, finite: Token | None = None, others: bool = False) -> bool:
    """A present 'so (that) I/we VERB' said after the speaker's own doing or wanting: what it is for ('I wanted to
    pick every ingredient myself, [so I know exactly what goes into his food]'). Not a sentence-opening 'So I ...'
    (discourse), 'and so' (what followed), nor the consequence of a state or of what has been ('I'm a nurse, so I
    know', 'I've done it for years, so I know'); negation and questions are the caller's to refuse. `finite`: the
    word that carries the tense, where it is not the verb ('so I [don't] lose them'). With `others`, the clause's
    subject is people the speaker names ('so [every family] knows', 'so [the captain] can see'), not the speaker."""
    tense = finite or verb
    have = next((c for c in verb.children if c.dep_ == "aux" and c.lemma_.lower() == "have"), None)
    if finite is None and verb.lower_ == "got" and have is not None:
        tense = have  # "so I've got time to talk to people": 'have got' is a present 'have'
    if verb.lemma_.lower() in _HEDGES_AFTER_SO and not (others and tense.lower_ == "can"):
        return False  # "so I mean", "so I'd say": a hedge; "so nobody can say" is what the goal is for
    backshifted = finite is None and not others and _backshifted(verb)
    if tense.tag_ != "VBP" and not backshifted and not (others and (tense.tag_ == "VBZ" or tense.lower_ == "can")):
        return False
    # "so I'm not sat in the car park": the parser makes a posture's speaker the passive's subject
    subject_deps = {"nsubj", "nsubjpass"} if posture_participle(verb) else {"nsubj"}
    subject = next((c for c in verb.children if c.dep_ in subject_deps), None)
    if subject is None or subject.i > verb.i or (not is_people(subject) if others else subject.lower_ not in _OWN):
        return False
    opening = subject.left_edge if others else subject
    if opening.i < 1:
        return False
    doc = verb.doc
    case = _case_after_so(verb, opening)
    so = doc[(case.left_edge if case is not None else opening).i - 1]
    if so.lower_ == "that" and so.i > 0:
        so = doc[so.i - 1]
    # with a case between ('so if it goes wrong again, nobody can say ...') the parser may hang the 'so' on the clause
    # before it
    hung = so.head.i == verb.i and so.dep_ in {"mark", "advmod"} or case is not None and so.dep_ == "cc"
    # "I want to book the van online, [so] I don't have to ring the office": the parser may hang the 'so' from the
    # want before it, as its 'cc', the clause after joined to the want or the want to it; or from the goal wanted
    # ('I want to tick "paid" on the phone, [so] I'm not adding up coins'), the clause after joined to the goal
    wanted = (
        so.dep_ == "cc"
        and so.head.i < so.i
        and so.head.pos_ == "VERB"
        and so.head.sent == verb.sent
        and verb.i in {so.head.head.i, *(c.i for c in so.head.children)}
        and (_own_want(so.head) is not None or _wanted_goal(so.head))
    )
    if so.lower_ != "so" or not (hung or wanted):
        return False
    if so.i > 0 and doc[so.i - 1].lower_ in {"and", "but", "or"}:
        return False
    # The parser hangs the 'so' clause from the clause before it, or (after a comma) that clause from it.
    if wanted:
        # the 'so' follows the want, whichever of the want and its goal the parser hung it from
        before: Token | None = so.head.head if _wanted_goal(so.head) else so.head
    elif verb.dep_ in {"advcl", "conj"} and verb.head.i < so.i:
        before = verb.head
    else:
        before = next(
            (
                c
                for c in verb.children
                if c.i < so.i and c.dep_ in {"advcl", "ccomp", "conj", "parataxis"} and c.pos_ in {"VERB", "AUX"}
            ),
            None,
        ) or _clause_before(so)
    if before is None or _negated(before):
        return False
    wanted_before = _own_want(before) is not None or before.dep_ in {"ccomp", "xcomp"} and _own_want(before.head)
    if before.sent != verb.sent and not (_run_on(so) and wanted_before):
        return False  # a clause the parser split off follows only a want of the speaker's said right before it
    still = any(c.dep_ == "advmod" and c.lower_ == "still" and c.i < verb.i for c in verb.children)
    if still and not (wanted or wanted_before):
        return False  # "I was a carpenter, so I still fix the hut when it needs it": what goes on, not a purpose
    if wh_be(before) and before.dep_ == "ccomp" and before.head.lemma_.lower() in _KNOWING:
        # "I want to know where every crate is, [so I'm not buying new ones]": the 'so' follows the knowing, the
        # parser hangs it on the 'is' that closes the question known
        before = before.head
        if not _has_to_aux(before):
            return False  # "I know where every crate is, so I'm not buying more": what follows from a fact
        if before.dep_ == "xcomp" and before.head.lemma_.lower() == "be":
            said = next((c for c in before.head.children if c.dep_ == "csubj"), None)
            return said is not None and cleft_want(said) is not None  # "what I need is to know where ..."
    if before.lemma_.lower() in _KNOWING and before.tag_ in {"VBP", "VBZ", "VBD"}:
        if not any(c.dep_ == "aux" for c in before.children):
            return False  # "I know the van's booked, [so I'm not ringing the office]": what follows from a fact known
    if before.lemma_.lower() == "be":
        # "it'd be nice to get a text when the driver's on the way, [so that Dad's not sitting by the window]": what
        # the wish is for; "my main thing is being able to credit a walk in one go, [so I'm not doing sums]": what
        # the goal said as the thing wanted most is for; "what I'm hoping for is a way for each tenant to pay online,
        # [so I'm not collecting cash]": what the goal said as what the want is is for; any other 'be' says a state,
        # whose 'so' follows from it
        said = next((c for c in before.children if c.dep_ == "nsubj"), None)
        cleft = next((c for c in before.children if c.dep_ == "csubj"), None)
        return (
            said is not None
            and said_most(said) is not None
            or cleft is not None
            and cleft_want(cleft) is not None
            or any(nice_to(c) is not None for c in before.children if c.dep_ == "xcomp")
        )
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in before.children):
        return False
    if backshifted and not (before.tag_ == "VBD" and before.lemma_.lower() in _GOAL_VERBS | _WANTING):
        return False  # "I lost the key, so I'd have to ring him": what followed, not what a want was for
    doer = _subject(before)
    if doer is not None and doer.lower_ not in _OWN and before.dep_ == "conj" and before.head.i < before.i:
        # "I wanted one place where ..., and the captain can see the list, [so I'm not ...]": what the speaker
        # wanted goes on with 'and'; the 'so' follows the whole want
        doer = _own_want(before.head)
    if (doer is None or doer.lower_ not in _OWN) and _wanted_goal(before):
        # "we need to just tick "paid", [so] we're not counting cash": the goal the parser gave a subject of its own
        # (the verb before the quoted word) is the speaker's all the same
        doer = _own_want(before.head)
    return doer is not None and doer.lower_ in _OWN


def _wanted_goal(verb: Token) -> bool:
    """Whether a verb is the goal of the speaker's own want, the clause the want takes ('I'd like to [tick] the
    box', 'I want to just tick "[paid]"', however the parser splits a quoted word from the verb before it)."""
    return verb.dep_ in {"xcomp", "ccomp"} and verb.head.i < verb.i and _own_want(verb.head) is not None


def _case_after_so(verb: Token, opening: Token) -> Token | None:
    """The 'if'/'when' clause said between a 'so' and its clause's subject ('so [if it goes wrong again] nobody can
    say ...'): the case the purpose holds in, part of the purpose. None where no such clause ends right before the
    subject (a comma between)."""
    doc = verb.doc
    end = opening.i - 1
    if end >= 0 and doc[end].text == ",":
        end -= 1
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.right_edge.i != end or clause.left_edge.i < 1:
            continue
        if any(
            m.dep_ == "mark" and m.lower_ in {"if", "when", "whenever"} and m.i == clause.left_edge.i
            for m in clause.children
        ):
            return clause
    return None


def _clause_before(so: Token) -> Token | None:
    """The verb of the clause said just before a 'so', where the parser hung both from a verb further back ('I think
    what got me was [I wanted] one list, so I'd know ...'): the first verb with a subject of its own on the way up
    from the last word before it."""
    doc = so.doc
    k = so.i - 1
    start = doc[k].sent.start if _run_on(so) else so.sent.start
    while k >= start and doc[k].is_punct:
        k -= 1
    if k < start:
        return None
    tok = doc[k]
    while tok.i < so.i:
        if tok.pos_ in {"VERB", "AUX"} and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _run_on(so: Token) -> bool:
    """Whether the parser opened a sentence at a 'so' though nothing ended the one before ('I want to order the feed
    online [so] I don't have to queue'): one sentence, the 'so' clause said after the other."""
    return so.i > 0 and so.i == so.sent.start and not so.doc[so.i - 1].is_punct


def _backshifted(verb: Token) -> bool:
    """A knowing or having after "'d"/"would": told of a past want, its purpose shifts back with it ('I wanted one
    list, [so I'd know] nothing was waiting'), as "so I know" is said of a present one. Other verbs read as what
    came of it ('I wanted a new job, so I'd look at adverts every night'), 'have to' as what had to be done."""
    lemma = verb.lemma_.lower()
    if verb.tag_ != "VB" or lemma not in _KNOWING | {"have"}:
        return False
    if lemma == "have" and any(c.dep_ == "xcomp" for c in verb.children):
        return False
    return _wished_aux(verb)


# Who a speaker's goal may let do something: the people around them, named as a group or a role.
_PEOPLE = frozenset(
    "family parent player customer client member team squad people everyone everybody user patient staff kid child "
    "coach captain volunteer student teacher colleague guest visitor tenant buyer owner manager engineer neighbour "
    "driver nurse doctor carer resident pupil "
    # the speaker's own people: "so my son can go on every trip", "so nobody rings me at work"
    "son daughter boy girl baby wife husband partner mum mom dad mother father grandparent nobody".split()
)


def is_people(subject: Token) -> bool:
    """A subject naming people, not the speaker ('every family', 'the parents', 'everyone'): no pronoun for them."""
    return subject.lemma_.lower() in _PEOPLE and subject.lower_ not in _OWN


def _so_others(verb: Token) -> SlotSpan | None:
    """What the speaker's goal lets other people do, said as a present 'so <people> VERB' after the speaker's own
    doing or wanting: 'I wanted the parents to get the change straight to their phone, [so every family knows where
    to be on a Sunday]' -> 'let every family know where to be on a Sunday'; a denial or 'no one' is what the goal
    makes sure of ('so the parents don't ring me' -> 'make sure the parents don't ring me'). Never a question, a
    state ('so the parents are happy'), nor what someone else does a thing for."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() == "be" or _question(verb):
        return None
    denied = _negated(verb)
    auxes = [c for c in verb.children if c.dep_ == "aux" and c.i < verb.i]
    # "so that Dad's not sitting by the window all morning": a denied present progressive is made sure of, too
    sitting = denied and verb.tag_ == "VBG" and bool(auxes) and auxes[0].lemma_.lower() == "be"
    allowed = {"can", "ca", "do", "does"} if denied else {"can"}
    if len(auxes) > 1 or auxes and auxes[0].lower_ not in allowed and not sitting:
        return None
    alone = _so_alone(verb, finite=auxes[0] if auxes else None, others=True)
    if not alone and not _so_purpose(verb, finite=auxes[0] if auxes else None, others=True):
        return None
    subject = next(c for c in verb.children if c.dep_ == "nsubj")
    who = list(verb.doc[subject.left_edge.i : subject.right_edge.i + 1])
    if len(who) > _MAX_WHO or who[-1].i >= (auxes[0] if auxes else verb).i:
        return None
    if any(t.is_punct or t.pos_ in {"VERB", "AUX"} for t in who):
        return None
    tokens = phrase(verb)
    if not tokens:
        return None
    rule = "so, alone" if alone else "so others"
    if denied or any(t.lower_ in {"no", "nobody"} for t in who):
        # "so that no child ever finds out ...", "so my son never misses a trip": what the goal makes sure of, said
        # as told ("let no child find out" would not read)
        said = list(verb.doc[who[0].i : tokens[-1].i + 1])
        return SlotSpan("outcome", tuple(said), "so I can", subject, rule, verb="make sure")
    return SlotSpan("outcome", (*who, *tokens), "so I can", subject, rule, verb="let")


def _wish_spares(verb: Token) -> SlotSpan | None:
    """The chore a wish would spare the speaker ('if I could export the comments, [I wouldn't have to flip between
    two screens]'): what they can then stop, the wish's outcome ('stop flipping between two screens')."""
    have = verb.head
    if verb.dep_ != "xcomp" or not _has_to_aux(verb) or have.lemma_.lower() != "have" or not _negated(have):
        return None
    if not any(
        c.dep_ == "advcl" and c.i < have.i and _wish_result(c).i == have.i and _could_wish_case(c, denied=True)
        for c in have.subtree
    ):
        return None
    tokens = phrase(verb)
    doing = gerund(verb.lemma_.lower())
    if len(tokens) < 2 or not doing or tokens[0].i != verb.i:
        return None
    return SlotSpan("outcome", tuple(tokens[1:]), "so I can", _subject(have), "wish spares", verb=f"stop {doing}")


def _so_spared(verb: Token) -> SlotSpan | None:
    """What a goal spares the speaker, said as a denied present 'so I/we ...' after their own doing or wanting: what
    they can then stop ('so I'm not ringing people one by one': 'stop ringing people one by one') or avoid ('so we
    don't lose the money on it', 'so I never send the wrong version': 'avoid losing the money on it'). None for
    anything else, and where spelling alone cannot make the -ing form. A denied 'so I'm not' + a person or thing
    with its article is what they can stop being ('so I'm not the person everyone blames': 'stop being the person
    everyone blames'). A 'So I never ...' sentence of its own is rule "so, alone" (`_so_alone`)."""
    if verb.pos_ not in {"VERB", "AUX"} or not any(c.dep_ == "neg" for c in verb.children) or _question(verb):
        return None
    if verb.lemma_.lower() == "be":
        return _so_not_being(verb)
    if verb.pos_ != "VERB":
        return None
    if posture_participle(verb):
        return _so_not_sat(verb)
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.i < verb.i), None)
    opener = _alone_opener(verb, finite=aux)
    alone = bool(opener)
    if not alone and not _so_purpose(verb, finite=aux):
        return None
    tokens = phrase(verb)
    said = aux.lemma_.lower() if aux is not None else ""
    # "That way I'm not eating the cost.": a purpose opener says it is what the goal spares them; a bare "So I'm not
    # using it much" of its own may tell how things are
    if said == "be" and verb.tag_ == "VBG" and tokens and (not alone or opener in _PURPOSE_OPENERS):
        rule = "so, alone" if alone else "so I'm not"
        return SlotSpan("outcome", tuple(tokens), "so I can", _subject(verb), rule, verb="stop")
    doing = gerund(verb.lemma_.lower())
    if said in {"do", ""} and verb.tag_ in {"VB", "VBP"} and len(tokens) > 1 and doing:
        rule = "so, alone" if alone else "so I don't"
        return SlotSpan("outcome", tuple(tokens[1:]), "so I can", _subject(verb), rule, verb=f"avoid {doing}")
    return None


# Verbs of posture whose past participle after 'be' says what someone is doing, in British speech: "I'm sat in the
# car", "we were stood at the gate" (sitting, standing).
_POSTURES = frozenset({"sit", "stand"})


def posture_participle(verb: Token) -> bool:
    """A 'be' + 'sat'/'stood' the parser reads as a passive ('so I'm not [sat] in the car park'): the British
    progressive of a posture, 'sitting'/'standing' said another way."""
    if verb.tag_ != "VBN" or verb.lemma_.lower() not in _POSTURES:
        return False
    return any(c.dep_ in {"auxpass", "aux"} and c.lemma_.lower() == "be" and c.i < verb.i for c in verb.children)


def _so_not_sat(verb: Token) -> SlotSpan | None:
    """'so I'm not sat in the car park for an hour' said after the speaker's own doing or wanting: 'stop sitting in
    the car park for an hour', as 'so I'm not sitting ...' reads (`_so_spared`). The parser makes the speaker the
    passive's subject and 'be' its auxiliary; the rest is read as for any denied 'so I'm not V-ing'."""
    be = next(c for c in verb.children if c.dep_ in {"auxpass", "aux"} and c.lemma_.lower() == "be")
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < be.i), None)
    doing = gerund(verb.lemma_.lower())
    if subject is None or subject.lower_ not in _OWN or be.tag_ != "VBP" or doing is None:
        return None
    if not _so_purpose(verb, finite=be):
        return None
    tokens = phrase(verb)
    if len(tokens) < 2:
        return None
    return SlotSpan("outcome", tuple(tokens[1:]), "so I can", subject, "so I'm not", verb=f"stop {doing}")


def _steps_spared(verb: Token, cued: Sequence[tuple[int, int]]) -> SlotSpan | None:
    """What a goal spares the speaker, said as the last of the steps a 'so' runs through in the generic 'you' right
    after the goal: 'I want to send my invoice from the job, so you do the job, you send the bill, [and you're not
    chasing money on a Sunday]' -> 'stop chasing money on a Sunday'; 'and you don't V' -> 'avoid V-ing'. The steps
    are how the goal would go, told of whoever does it, and the denied last one what that spares them: 'you' is the
    speaker's place here. A lone 'so you're not ...' may be said of the listener or a customer, and is left."""
    if verb.pos_ != "VERB" or not any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ != "you" or subject.i < 2 or _question(verb) or said_by_others(verb):
        return None
    doc = verb.doc
    if doc[subject.i - 1].lower_ != "and":
        return None
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.i < verb.i), None)
    said = aux.lemma_.lower() if aux is not None else ""
    if (aux or verb).tag_ != "VBP" or said not in {"be", "do", ""} or (said == "be") != (verb.tag_ == "VBG"):
        return None
    sent = verb.sent
    so = next((t for t in reversed(doc[sent.start : subject.i]) if t.lower_ == "so"), None)
    if so is None or so.i + 1 >= subject.i or doc[so.i + 1].lower_ != "you":
        return None
    steps = doc[so.i + 1 : subject.i]
    subjects = [t for t in steps if t.pos_ == "PRON" and t.lower_ in _SUBJECT_WORDS]
    if len(subjects) < 2 or any(t.lower_ != "you" for t in subjects):
        return None  # one 'so you ...' of its own: whose 'you' it is is unknown
    if any(t.dep_ == "mark" or t.lower_ in _BREAK_WORDS | {"then", "if", "when"} for t in steps):
        return None  # "so you do the job, but then ...": no run of steps
    # the 'so' goes on right from the speaker's goal, said in the sentence before it
    k = so.i - 1
    while k >= sent.start and doc[k].is_punct:
        k -= 1
    goal_ends = {g.tokens[-1].i for g in motivations(doc) if g.tokens} | {
        t.i for t in doc if any(t.idx + len(t.text) == end for _, end in cued)
    }
    if k < sent.start or k not in goal_ends:
        return None
    tokens = phrase(verb)
    if said == "be" and tokens:
        return SlotSpan("outcome", tuple(tokens), "so I can", subject, "so you're not", verb="stop")
    doing = gerund(verb.lemma_.lower())
    if len(tokens) > 1 and doing:
        return SlotSpan("outcome", tuple(tokens[1:]), "so I can", subject, "so you're not", verb=f"avoid {doing}")
    return None


_SUBJECT_WORDS = frozenset("i we you he she they".split())


def _so_alone(verb: Token, *, finite: Token | None, others: bool = False) -> bool:
    """A sentence of its own opening 'So I/we' + a present verb ('So I never deliver late because of a clock.'), or
    'So that', 'That way' or 'This way' + 'I/we' ('That way I'm not eating the cost.'): what the thing named or the
    goal said before it is for, where it follows one (`statements` checks what it follows); elsewhere the 'so' of
    talk ('So I don't use it much'). With `others`, its subject is people the speaker names ('So my son never misses
    a trip.')."""
    return bool(_alone_opener(verb, finite=finite, others=others))


# What opens a sentence that says what the goal before it is for: 'So', and the openers that can mean nothing else.
_PURPOSE_OPENERS = (("so", "that"), ("that", "way"), ("this", "way"))


def _alone_opener(verb: Token, *, finite: Token | None, others: bool = False) -> tuple[str, ...]:
    """The words opening a sentence of its own that says what a goal is for (`_so_alone`): ('so',), or one of
    `_PURPOSE_OPENERS`, which say a purpose and never the 'so' of talk; () where the sentence opens otherwise."""
    doc = verb.doc
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if verb.dep_ != "ROOT" or subject is None or not (is_people(subject) if others else subject.lower_ in _OWN):
        return ()
    start = verb.sent.start
    if _run_on(doc[start]):
        return ()  # no sentence of its own: `_so_purpose` reads what the 'so' follows
    opening = (subject.left_edge if others else subject).i
    words = tuple(t.lower_ for t in doc[start:opening] if t.text != ",")
    if words != ("so",) and words not in _PURPOSE_OPENERS:
        return ()
    # the opener's last word ('so', 'that', 'way') hangs from the verb: the sentence's own
    if doc[opening - 1 if doc[opening - 1].text != "," else opening - 2].head.i != verb.i:
        return ()
    tense = (finite or verb).tag_
    # a bare form with its subject is a present said with a slip ('So my son never stay behind'), no command
    return words if (tense in {"VB", "VBP", "VBZ", "MD"} if others else tense == "VBP") else ()


def _so_doing(verb: Token) -> SlotSpan | None:
    """What a goal has the speaker doing instead, said as a present 'so I'm/we're V-ing' after their own doing or
    wanting: 'I want to see who's free first, [so I'm offering the job to one person]' -> 'offer the job to one
    person'. Never 'so I'm going to ...' (what they will do next), what a told doing led to, a denial (`_so_spared`)
    or a question."""
    if verb.tag_ != "VBG" or verb.pos_ != "VERB" or verb.lemma_.lower() in {"go", "be"} | _HEDGES_AFTER_SO:
        return None
    aux = next((c for c in verb.children if c.dep_ == "aux" and c.i < verb.i), None)
    if aux is None or aux.lemma_.lower() != "be" or _negated(verb) or _question(verb):
        return None
    if any(t.tag_ == "VBD" and t.i < verb.i for t in verb.sent):
        return None  # "we moved the calendar online, so we're getting fewer calls": what a told doing led to
    if any(c.dep_ == "advmod" and c.lower_ == "still" for c in verb.children):
        return None  # "so I'm still doing two of my three old steps": what is left undone, no purpose
    if not _so_purpose(verb, finite=aux):
        return None
    tokens = phrase(verb)
    if len(tokens) < 2:
        return None
    return SlotSpan("outcome", tuple(tokens[1:]), "so I can", _subject(verb), "so I'm", verb=verb.lemma_.lower())


def told_habit(verb: Token) -> bool:
    """A doing said with 'would' in a sentence that tells the past ('A job would come in, I'd look at the sheet,
    and whoever said yes first got it'): what the speaker used to do, not what they would like to. A past inside
    an 'if' ('if I had a calendar, I'd use it') is a wish's condition, no story."""
    if not _wished_aux(verb):
        return False
    return any(t.tag_ == "VBD" and not _conditional(t) for t in verb.sent)


def _so_not_being(be: Token) -> SlotSpan | None:
    """'so I'm not [the person everyone blames]' said after the speaker's own doing or wanting: 'stop being' it;
    said as a sentence of its own ('So I'm not the one who ...'), rule "so, alone" (`_so_alone`). Only a noun with
    its article ('the', 'a'), never a state ('so I'm not late') or a pronoun ('so I'm not that')."""
    thing = next((c for c in be.children if c.dep_ == "attr" and c.i > be.i), None)
    if thing is None or thing.pos_ != "NOUN" and thing.lower_ != "one":  # "so that I wasn't [the only one]"
        return None
    alone = _so_alone(be, finite=None)
    if not alone and not _so_purpose(be) and not _so_that_then(be):
        return None
    if not any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in thing.children):
        return None
    tokens = list(be.doc[thing.left_edge.i : thing.right_edge.i + 1])
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if len(tokens) > _MAX_PHRASE or any(t.is_punct for t in tokens):
        return None
    rule = "so, alone" if alone else "so I'm not"
    return SlotSpan("outcome", tuple(tokens), "so I can", _subject(be), rule, verb="stop being")


def _so_that_then(be: Token) -> bool:
    """A past 'so that I wasn't ...' hung from the speaker's own past want ('I wanted Jodie to be able to quote
    without me, [so that I wasn't] the only one'): the want's purpose, shifted back with it; a bare 'so' may tell
    what followed instead."""
    want = be.head
    marks = [c.lower_ for c in be.children if c.dep_ == "mark"]
    return (
        be.tag_ == "VBD"
        and be.dep_ == "advcl"
        and marks[:2] == ["so", "that"]
        and want.lemma_.lower() in _WANTING
        and want.tag_ == "VBD"
        and _own_want(want) is not None
    )


_VOWELS = frozenset("aeiou")


def gerund(lemma: str) -> str | None:
    """The -ing form of a verb's lemma by the spelling rules ('lose': 'losing', 'get': 'getting', 'see': 'seeing',
    'quit': 'quitting', the 'u' of 'qu' a consonant); None where the rules alone cannot tell: a longer verb ending in
    one vowel and a consonant ('forget' and 'admit' double it, 'open' and 'visit' do not)."""
    if not lemma.isalpha() or len(lemma) < 2:
        return None
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "oe", "ye")) and lemma != "be":
        return lemma[:-1] + "ing"
    # An unstressed '-er' never doubles ('deliver': 'delivering', 'offer'); a final '-fer' may be stressed ('refer').
    if lemma.endswith("er") and len(lemma) > 4 and (not lemma.endswith("fer") or lemma.endswith("ffer")):
        return None if lemma in {"deter", "inter"} else lemma + "ing"
    sounds = lemma.replace("qu", "qw")  # the letters as vowels and consonants: 'quit' ends consonant-vowel-consonant
    tail = sounds[-3:]
    if len(tail) == 3 and tail[0] not in _VOWELS and tail[1] in _VOWELS and tail[2] not in _VOWELS | set("wxy"):
        vowel_groups = sum(1 for k, c in enumerate(sounds) if c in _VOWELS and (k == 0 or sounds[k - 1] not in _VOWELS))
        return lemma + lemma[-1] + "ing" if vowel_groups == 1 else None
    return lemma + "ing"


# "fix the tests and [then] ship the release", "talk to governments and [potentially] get funding": a second verb
# joined to a goal by one of these says what the goal leads to, not a second goal beside it.
_RESULT_ADVERBS = frozenset("then eventually ultimately finally hopefully potentially thereby".split())


def _results(doc: Doc, outcomes_found: Sequence[SlotSpan], cued: Sequence[tuple[int, int]]) -> Iterator[SlotSpan]:
    """What a goal leads to: 'and then', 'and eventually' + a bare verb right after a goal's phrase (a goal or
    purpose the other rules found, or one of the `cued` spans: 'we want to clean up the old mirrors [and eventually
    retire the storage]'), with no subject of its own, so it is the same doer's. Never after an obligation ('we have
    to fix it and then ...'): only a goal a rule accepted leads anywhere."""
    results = [
        tok
        for tok in doc
        if tok.tag_ == "VB"
        and 2 <= tok.i
        and doc[tok.i - 1].lower_ in _RESULT_ADVERBS
        and doc[tok.i - 2].lower_ == "and"
        and not any(c.dep_.startswith("nsubj") for c in tok.children)
        and tok.lemma_.lower() not in {"be", "go"} | _NOT_A_GOAL
    ]
    if not results:
        return
    goals = [*motivations(doc), *outcomes_found]
    for verb in results:
        if _question(verb) or said_by_others(verb) or supposed(verb) or _negated(verb):
            continue
        # The goal's phrase ends right before the 'and' (phrase() stops at a coordinated verb).
        goal = next((g for g in goals if g.tokens and g.tokens[-1].i + 1 == verb.i - 2), None)
        before = doc[verb.i - 3] if verb.i >= 3 else None
        cue = next((c for c in cued if before is not None and c[1] == before.idx + len(before.text)), None)
        if goal is None and cue is None:
            continue
        tokens = phrase(verb)
        if tokens:
            start = goal.start_char if goal is not None else cue[0] if cue is not None else -1
            yield SlotSpan(
                "outcome", tuple(tokens), "so I can", goal.subject if goal else None, "and then", follows=start
            )


def _infinitive_to(tok: Token) -> bool:
    """A 'to' that marks an infinitive, tagged so as jtbd's `_to` reads it: a preposition the parser hung as one is
    not ('I was on the phone [to] Sproutly support at half eight', not 'to support')."""
    return tok.dep_ == "aux" and tok.lower_ == "to" and tok.tag_ == "TO"


def _generic_result(verb: Token, subject: Token | None, auxes: set[str]) -> bool:
    """'then you can ...', 'that means you can ...': what anyone in the speaker's place gets to do, said in the
    generic 'you'. A sentence-opening 'so' is discourse ('So you can see here ...'), and 'because you can' gives a
    reason, not a result."""
    if subject is None or subject.lower_ != "you" or subject.head.i != verb.i or not auxes & {"can", "could"}:
        return False
    sent = verb.sent
    first = next((t for t in sent if not t.is_punct and t.lower_ not in {"and", "but"}), None)
    left = [t for t in sent if max(sent.start, verb.i - 6) <= t.i < verb.i]
    return any(
        t.lower_ in {"then", "means"} or t.lower_ == "so" and t.dep_ in {"mark", "advmod"} and t != first for t in left
    )


_CHANCES = frozenset({"chance", "opportunity", "ability", "way", "means"})


def _chance_given(verb: Token) -> Token | None:
    """'it gives us a chance [to talk to them]', 'gave me the opportunity [to ...]': the speaker's side ('us', 'me')
    the chance is given to; None otherwise."""
    chance = verb.head
    if verb.dep_ not in {"acl", "relcl"} or chance.lemma_.lower() not in _CHANCES or chance.dep_ != "dobj":
        return None
    give = chance.head
    if give.lemma_.lower() != "give" or _denied(give) or not any(g.lower_ == "to" for g in verb.children):
        return None
    return next((c for c in give.children if c.dep_ in {"dative", "dobj"} and c.lower_ in {"me", "us"}), None)


def _left_to_do(verb: Token) -> bool:
    """'with nine games to fit into three weekends', 'with forty boxes to pack': a 'to'-verb said right after the
    thing 'with' names, lacking its own object, tells what is left to be done to that thing, not a purpose."""
    to = verb.doc[verb.i - 1] if verb.i > 0 else None
    thing = verb.doc[verb.i - 2] if verb.i > 1 else None
    if to is None or thing is None or to.lower_ != "to" or to.head.i != verb.i:
        return False
    if thing.dep_ != "pobj" or thing.head.lower_ != "with" or thing.pos_ not in {"NOUN", "PRON"}:
        return False
    return not any(c.dep_ in {"dobj", "ccomp"} for c in verb.children)


def _purpose_of_struggle(verb: Token) -> bool:
    """The ', to ...' after what is hard to do: 'it was difficult to run locally, [to make changes]'."""
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    goal = verb.head
    if to is None or verb.dep_ not in {"advcl", "conj"} or to.i == 0 or to.nbor(-1).text != ",":
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in goal.children) or goal.i > verb.i:
        return False
    hard = goal.head if goal.dep_ in {"xcomp", "advcl"} else None
    return (
        hard is not None
        and (
            hard.lower_ in _DIFFICULT
            or any(c.dep_ == "acomp" and c.lower_ in _DIFFICULT and not _negated(c) for c in hard.children)
        )
        and not _negated(hard)
    )


# Obligations a "need" may carry rather than a goal: "we might need to", "you would need to".
_HYPOTHETICAL = frozenset({"would", "'d", "might", "may", "could", "should", "must"})
# A purpose that points back at what was said before ("to do [such] a large effort") says nothing on its own.
_POINTS_BACK = frozenset({"such", "that", "this", "these", "those", "it", "them"})


def _points_back(question: Sequence[Token]) -> bool:
    """Whether a question's words point back at the talk ('know what it is'); 'them' after the question's own 'who'
    points at the people it asks about ('know who's next and where I'm picking them up')."""
    asked = [t.i for t in question if t.lower_ == "who"]
    # "know who it is" when the phone rings: 'it' asks whose the call or knock is, pointing at nothing said
    who_it = {t.i + 1 for t in question if t.lower_ == "who" and t.i + 2 < len(t.doc) and t.nbor(2).lemma_ == "be"}
    return any(
        t.lower_ in _POINTS_BACK and not (t.lower_ == "them" and asked and asked[0] < t.i) and t.i not in who_it
        for t in question
    )


def _needed(need: Token) -> tuple[Token, Token | tuple[Token, ...]] | None:
    """A present 'I/we/you need to X' said for a stated purpose: X's verb and the purpose, either the verb of a
    'to'-clause after it ('you need to budget for the engineering work [to make the service go]') or the tokens of
    one before it ('[to apply for larger grants], you need to ...'). A need with no purpose named is an obligation
    as often as a goal ('you need to update this right now'), so it is left to the cue rules."""
    if need.lemma_.lower() != "need" or need.tag_ not in {"VBP", "VBZ"} or _denied(need) or _question(need):
        return None
    if said_by_others(need) or supposed(need):
        return None
    subject = next((c for c in need.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in _OWN | {"you"} or subject.i > need.i:
        return None
    if any(c.dep_ == "aux" and c.lower_.replace("’", "'") in _HYPOTHETICAL for c in need.children):
        return None
    verb = next((c for c in need.children if c.dep_ == "xcomp" and c.i > need.i and c.pos_ in {"VERB", "AUX"}), None)
    if verb is None or not any(g.dep_ == "aux" and g.lower_ == "to" for g in verb.children):
        return None
    if verb.lemma_.lower() in _NOT_A_GOAL | _TALK_ABILITIES or _negated(verb):
        return None
    after = next(
        (
            c
            for h in (verb, need)
            for c in h.children
            if c.dep_ == "advcl" and c.i > verb.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ),
        None,
    )
    if after is not None and after.lemma_.lower() not in {"be", "go"} | _NOT_A_GOAL:
        return verb, after
    before = _fronted_purpose(subject)
    return (verb, before) if before else None


def _fronted_purpose(subject: Token) -> tuple[Token, ...]:
    """The purpose a clause opens with, up to its subject: '[to apply for larger grants], you need to ...'."""
    doc, start = subject.doc, subject.sent.start
    for k in range(subject.i - 1, max(start, subject.i - _MAX_PHRASE) - 1, -1):
        tok = doc[k]
        if tok.lower_ != "to" or tok.tag_ != "TO" or k > start + 1 and doc[k - 2 : k].text.lower() == "be able":
            continue  # the 'to' of "to be able to" comes first
        opener = doc[k - 1] if k > start else None
        if opener is not None and not (opener.is_punct or opener.lower_ in _DISCOURSE | _BREAK_WORDS):
            return ()  # "grants to apply for, you need ...": not a clause of its own
        tokens = list(doc[k + 1 : subject.i])
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        if [t.lower_ for t in tokens[:3]] == ["be", "able", "to"]:
            tokens = tokens[3:]  # "[to be able to] ship releases faster, we need to ..."
        if not tokens or tokens[0].tag_ != "VB" or tokens[0].lemma_.lower() in {"be", "go"} | _NOT_A_GOAL:
            return ()
        if any(t.lower_ in _POINTS_BACK or t.dep_.startswith("nsubj") or t.is_punct for t in tokens):
            return ()
        return tuple(tokens) if _whole(tokens) else ()
    return ()


# Verbs of finding out that say a goal only with the question they answer ("see how often a project is downloaded").
_LEARN_VERBS = frozenset("see know find learn understand figure".split())
_WH = frozenset({"how", "what", "whether", "which", "who", "when", "where", "why", "if"})
# Words a bare purpose may open with before its "to" ("so maybe to ...").
_HEDGES = _DISCOURSE | frozenset({"maybe", "perhaps", "probably", "mostly", "mainly", "partly", "primarily"})


def _asks(verb: Token) -> bool:
    """A verb of finding out with the question it answers ("see how often a really big project is downloaded")."""
    return verb.lemma_.lower() in _LEARN_VERBS and any(
        c.dep_ == "ccomp" and any(w.lower_ in _WH and w.i < c.i for w in c.subtree) for c in verb.children
    )


def _bare_purpose(verb: Token) -> Token | None:
    """A sentence that is only a 'to'-infinitive ("To keep the lights on for the volunteers.", "So maybe to look at
    and see how often a really big project is downloaded."): the speaker's own purpose, said as the answer to a
    'why' or going on with their own thought, with no one else to do it; the verb whose phrase says it (a first verb
    that acts on nothing gives way to the one joined to it). Never an idiom ("to be honest"), a denial or a question."""
    sent = verb.sent
    if verb.dep_ != "ROOT" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children) or _negated(verb):
        return None
    opening = [t for t in sent if t.i < verb.i and not t.is_punct]
    if [t.lower_ for t in opening[-1:]] != ["to"] or any(t.lower_ not in _HEDGES for t in opening[:-1]):
        return None  # "the time costs to pay someone": a purpose of something said before it
    said = verb
    if not any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
        said = next((c for c in verb.children if c.dep_ == "conj" and c.tag_ == "VB"), verb)
    lemma = said.lemma_.lower()
    if lemma in {"be", "go", "say"} or lemma in _NOT_A_GOAL and not _asks(said):
        return None
    named = any(c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} for c in said.children)
    if not (named or _asks(said) or any(c.dep_ in {"ccomp", "xcomp"} for c in said.children)):
        return None  # "to spend on PyPI", "to get it in front of them": what it acts on is said elsewhere
    asked = {t.i for c in said.children if c.dep_ == "ccomp" for t in c.subtree}
    if any(t.dep_ == "nsubj" and t.lower_ in _OWN | {"you"} and t.i not in asked for t in sent):
        return None  # "so, to do such a large effort you need to bring on people": the purpose of a need said after
    return said


def _used_for(verb: Token) -> bool:
    """'use [something] to X': what it is used for ('we use it for analysis to determine usage patterns'); 'used
    to' with nothing used is a habit, not a purpose."""
    tool = verb.head
    return (
        verb.dep_ in {"xcomp", "advcl"}
        and tool.lemma_.lower() == "use"
        and tool.tag_ != "VBN"
        and not _negated(tool)
        and any(c.dep_ == "dobj" and c.i < verb.i for c in tool.children)
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _sought_by_us(noun: Token) -> list[Token]:
    """The speaker's side going after a thing: 'grants that [we] apply for', 'a tool [we] built'."""
    return [
        t
        for t in noun.subtree
        if t.dep_ == "nsubj" and t.lower_ in _OWN and t.head.dep_ == "relcl" and not _denied(t.head)
    ]


def _missed(doing: Token) -> bool:
    """'I miss being able to V', 'I'll miss being able to V': what the speaker misses of the old way, no purpose."""
    return doing.dep_ in {"xcomp", "dobj"} and doing.head.lemma_.lower() == "miss"


def _aim_or_own(subject: Token | None) -> bool:
    """'[part of being sustainable] is being able to', 'we being able to': the speaker's aim, not Donald's."""
    return subject is None or subject.lower_ in _OWN or subject.lemma_.lower() in _GOAL_NOUNS | {"part", "key"}


_EASIER = frozenset("easier easy possible simpler faster quicker".split())
# What things become when a job gets done: "far more reliable", "a lot easier", "healthier".
_BETTER = frozenset(
    "better good easier easy faster fast simpler simple cheaper cheap safer safe quicker quick healthier healthy "
    "reliable stable secure sustainable efficient maintainable productive predictable transparent welcoming robust "
    "approachable accessible visible resilient scalable".split()
)
_BECOME = frozenset({"be", "become", "get", "stay", "remain"})
_POINTING = frozenset({"that", "this", "these", "those"})


_CAUSATIVE = frozenset("get ask tell convince persuade force pay hire encourage allow need want expect".split())


# Verbs that send someone somewhere: 'I sent [Nadia] back in to do a sweep', 'we called [Sam] in to cover'.
_SENDING = frozenset("send bring call".split())


def caused(verb: Token) -> bool:
    """'get [a company] to fund it', 'send [Nadia] in to do a sweep': someone the speaker moves does the 'to'-verb,
    not the speaker ('send the forms out to get paid' is the speaker's own purpose)."""
    head = verb.head
    moved = [c for c in head.children if c.dep_ == "dobj" and c.i < verb.i]
    if head.lemma_.lower() in _CAUSATIVE:
        return bool(moved)
    people = {"him", "her", "them", "someone", "somebody", "everyone", "everybody"}
    sent = head.lemma_.lower() in _SENDING
    return sent and any(c.pos_ == "PROPN" or c.lower_ in people or c.lemma_.lower() in _PEOPLE for c in moved)


def supposed(tok: Token) -> bool:
    """Inside a made-up case: "let's say we got a company to fund it", "suppose we had the money"; not a hedge said
    with the speaker as its subject ("I suppose what I wanted was ...")."""
    if thought_by_others(tok):
        return True
    before = [t for t in tok.sent if t.i < tok.i]
    hedged = any(c.dep_ == "nsubj" and c.lower_ == "i" for t in before for c in t.children if t.lower_ == "suppose")
    if any(t.lemma_.lower() in {"suppose", "imagine"} for t in before) and not hedged:
        return True
    return any(
        t.lower_ == "let" and t.i + 2 < tok.i and t.nbor(2).lower_ == "say" and t.nbor(1).lower_ in {"'s", "’s", "us"}
        for t in before
    )


# Verbs of what someone believes: what they believe of the speaker is theirs to believe.
_BELIEVING = frozenset("think assume reckon believe suspect imagine".split())


def thought_by_others(tok: Token) -> bool:
    """Inside what someone else believes ('the lads would think [I wanted to watch them]'): their belief, which the
    speaker tells to deny or to fear, not the speaker's own want."""
    clause = tok
    while clause.dep_ in {"xcomp", "conj"} and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in _BELIEVING:
        return False
    believer = _subject(clause.head)
    return believer is not None and believer.lower_ not in _OWN | {"you"}


def made_up(want: Token) -> bool:
    """A want said as a case made up, for instance: a bare 'say' (or "let's say") right before its subject ('say [I]
    wanted to do a workshop on a Saturday'); not the speaker's own 'I'd say I want ...'."""
    subject = next((c for c in want.children if c.dep_ == "nsubj" and c.i < want.i), None)
    if subject is None or subject.i == 0 or subject.lower_ not in _OWN:
        return False
    say = want.doc[subject.i - 1]
    # "let's say": its 'us' is the parser's subject of the 'say'
    return (
        say.lower_ == "say"
        and say.tag_ in {"VB", "VBP"}
        and not any(c.dep_ == "nsubj" and c.lower_ not in {"'s", "’s", "us"} for c in say.children)
    )


def _made_easier(verb: Token) -> Token | None:
    """The 'make' of 'makes it easier/possible [to seek funding]' for the speaker's side; None otherwise."""
    adjective = verb.head
    if verb.dep_ not in {"xcomp", "advcl"} or adjective.lower_ not in _EASIER or adjective.i == verb.i:
        return None
    maker = adjective.head
    if maker.lemma_.lower() != "make" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    doers = [c for c in verb.children if c.dep_ == "nsubj"]
    doers += [o for p in adjective.children if p.dep_ == "prep" and p.lower_ == "for" for o in p.children]
    if any(d.lower_ not in {"me", "us"} for d in doers):
        return None  # "easier for people to get going": someone else's gain
    return None if _denied(maker) else maker


def _wished(maker: Token) -> bool:
    """'making it possible to run it locally would have been nice': a wish, not what happened."""
    be = maker.head
    return (
        maker.tag_ == "VBG"
        and be.lemma_.lower() == "be"
        and any(c.dep_ == "acomp" and c.lower_ in _NICE for c in be.children)
        and any(c.lower_ in {"would", "'d"} for c in be.children)
    )


def _others_reason(verb: Token) -> bool:
    """The clause is the reason other people give or have for what they did ('people did that because X')."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in _CAUSES for c in verb.children):
        return False
    doer = _subject(verb.head)
    return doer is not None and doer.lower_ not in _OWN


def _better_states(doc: Doc) -> Iterator[SlotSpan]:
    """A thing the speaker names as better now ('the service has been far more reliable', 'road mapping is a lot
    easier') is an outcome they can bring about: 'make the service far more reliable'."""
    for adjective in doc:
        if adjective.pos_ != "ADJ" or adjective.dep_ != "acomp" or _question(adjective):
            continue
        comparative = adjective.tag_ == "JJR" or any(
            c.dep_ == "advmod" and c.lower_ in {"more", "much"} for c in adjective.children
        )
        if not {adjective.lower_, adjective.lemma_.lower()} & _BETTER:
            continue  # "uploads got a lot more challenging": worse, not an outcome anyone seeks
        if adjective.lower_ == "better":
            continue  # "the release forms are actually better": better in no way said, no outcome to bring about
        verb = adjective.head
        if not comparative or verb.lemma_.lower() not in _BECOME or _denied(verb) or said_by_others(verb):
            continue
        if any(
            c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether", "though", "although"} for c in verb.children
        ):
            continue  # "if the service were more reliable": not how things are; "even though ...": a concession
        if _others_reason(verb):
            continue  # "a bunch of people did that because uploads were more reliable": why others switched
        if any(c.dep_ == "cc" and c.lower_ == "but" and c.i > adjective.i for c in verb.children):
            continue  # "KennelDesk was cheaper, ..., but it was the same thing": one side of an option weighed
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
            continue  # "it's a lot easier": what 'it' is stayed in the talk around it
        thing = [t for t in subject.subtree if not t.is_punct]
        while thing and thing[0].lower_ in _POINTING | {"and", "so", "but"} and thing[0].i != subject.i:
            thing.pop(0)
        how = [t for t in doc[adjective.left_edge.i : adjective.i + 1]]
        if not thing or len(thing) > 6 or any(t.pos_ == "VERB" for t in thing) or len(how) > 5:
            continue
        if [t.i for t in thing] != list(range(thing[0].i, thing[-1].i + 1)):
            continue
        yield SlotSpan("outcome", (*thing, *how), "so I can", None, "better", verb="make")


def _only_ways(doc: Doc) -> Iterator[SlotSpan]:
    """What the speaker gets only one way, said as 'the only way we [find out about a change] is ...' or 'one of the
    only ways we've ever [discovered use cases of PyPI]': what they seek, however poorly they now come by it (rule
    "only way"; a past form is said in its base form). Never a denial ('that's not the only way we ...'), a
    question, someone else's words or a made-up case, nor what others get ('the only way they find out')."""
    for way in doc:
        if way.lemma_.lower() != "way" or not any(c.dep_ == "amod" and c.lower_ == "only" for c in way.children):
            continue
        verb = next((c for c in way.children if c.dep_ == "relcl" and c.pos_ == "VERB"), None)
        subject = None if verb is None else next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if verb is None or subject is None or subject.lower_ not in _OWN or subject.i > verb.i:
            continue
        said_in = next((a for a in way.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if _negated(verb) or said_in is not None and _negated(said_in):
            continue
        if _question(verb) or said_by_others(verb) or supposed(verb):
            continue
        lemma = verb.lemma_.lower()
        if lemma in {"be", "go"} or lemma in _NOT_A_GOAL - _KNOWING and not _asks(verb):
            continue  # "the only way I [hear about a cancelled lesson]" is what they seek to learn
        tokens = phrase(verb)
        if len(tokens) > 1:
            yield SlotSpan("outcome", tuple(tokens[1:]), "so I can", subject, "only way", verb=lemma)


def _against_before(root: Token) -> bool:
    """A present clause set against what it was with ', not' + a thing or amount ('it takes me a morning[, not two
    days]', 'it's one list now[, not four]'): how things go now, told as a gain."""
    if root.tag_ not in {"VBZ", "VBP"}:
        return False
    doc = root.doc
    return any(
        t.lower_ == "not"
        and 0 < t.i < len(doc) - 1
        and t.nbor(-1).text == ","
        and t.nbor(1).pos_ in {"DET", "NUM", "NOUN", "PROPN"}
        for t in root.subtree
    )


# What opens a sentence that tells how things stand today ("At the moment the invoice is one big number."): said
# beside a goal, the state it sets out to change.
_TODAY = (("right", "now"), ("at", "the", "moment"), ("at", "present"), ("currently",))


def _today_opener(tokens: Sequence[Token]) -> int:
    """How many tokens of `tokens` say 'at the moment' (or 'right now', 'currently') and the comma after it; 0 when
    they do not open with it."""
    for words in _TODAY:
        if tuple(t.lower_ for t in tokens[: len(words)]) == words:
            return len(words) + (len(tokens) > len(words) and tokens[len(words)].text == ",")
    return 0


def _stands_for_said(tok: Token) -> bool:
    """Whether a word of a clause stands for something said before it (`_POINTS_BACK`): 'it' or 'them' in any role
    (the parser may take 'ate [it] cold' for a subject), 'this' or 'that' as an object or naming a vague thing ('that
    bit')."""
    # the tagger may take an object 'that' for a conjunction ('my back tells me [that] every morning')
    pointing = tok.pos_ == "PRON" or tok.lower_ in {"that", "this"} and tok.dep_ in {"dobj", "pobj"}
    said = pointing and tok.lower_ in _POINTS_BACK
    # "the app can't do [that] bit": a part named only by pointing at it
    vague = tok.dep_ == "det" and tok.lower_ in {"that", "this"} and tok.head.lower_ in _VAGUE_THINGS | {"part"}
    return said and (tok.lower_ in {"it", "them"} or tok.dep_ in {"dobj", "pobj"}) or vague


def _told_today(sent: Span) -> bool:
    """Whether a sentence opens on 'at the moment' (after discourse words) with a clause of its own, told now."""
    tokens = [t for t in sent if not t.is_punct]
    while tokens and (tokens[0].lower_ in _DISCOURSE or tokens[0].tag_ == "UH"):
        tokens.pop(0)
    root = sent.root
    return bool(_today_opener(tokens)) and (
        root.tag_ in {"VBP", "VBZ"} or any(c.dep_ == "aux" and c.tag_ in {"VBP", "VBZ", "MD"} for c in root.children)
    )


_PROBLEMS = frozenset({"problem", "issue", "trouble", "thing"})


def _problem_named(tokens: list[Token], be: Token) -> list[Token]:
    """The case a struggle names as the problem ('the problem was [nobody was checking]', 'the thing with a volunteer
    league is [I can't make anyone do anything]'): the clause the 'is' says, with a subject of its own; the tokens as
    they are for any other clause."""
    if len(tokens) < 5 or tokens[0].lower_ != "the" or tokens[1].lemma_.lower() not in _PROBLEMS:
        return tokens
    if tokens[1].head.i != be.i or be.lemma_.lower() != "be" or _negated(be):
        return tokens
    clause = next((c for c in be.children if c.dep_ == "ccomp" and c.i > be.i), None)
    if clause is None or not any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < clause.i for c in clause.children):
        return tokens
    start = clause.left_edge.i + (clause.left_edge.lower_ == "that")
    return [t for t in tokens if t.i >= start]


def situations(doc: Doc, struggles: Sequence[tuple[int, int]]) -> Iterator[SlotSpan]:
    """A struggle told as a state of affairs ('there's no SLA', 'mailing lists are hard to keep up with') is the
    situation a job starts from: the sentence holding a pain or push cue (character spans), as a 'When' clause. So is
    how things stand today, said as such ('At the moment the invoice is one big number'), cue or none."""
    seen: set[int] = set()
    today = [(sent.start_char, sent.end_char) for sent in doc.sents if _told_today(sent)]
    struggles = [*struggles, *today]
    for start, end in struggles:
        span: Span | None = doc.char_span(start, end, alignment_mode="expand")
        if span is None or span.sent.start in seen:
            continue
        sent = span.sent
        seen.add(sent.start)
        if _question(sent.root):
            continue
        tokens = list(sent)
        opens_so = bool(tokens) and tokens[0].lower_ == "so"
        while tokens and (tokens[0].lower_ in _DISCOURSE or tokens[0].is_punct or tokens[0].tag_ == "UH"):
            tokens.pop(0)
        opener = _today_opener(tokens)
        del tokens[:opener]
        while tokens and tokens[-1].is_punct:
            tokens.pop()
        # how things stand is told in its first clause, however long the sentence runs on (the clause is cut below)
        longest = len(tokens) if opener else _MAX_SITUATION
        if not 4 <= len(tokens) <= longest or tokens[0].lower_ in _SITUATION_MARKS:
            continue  # a sentence that starts "if"/"when" is a situation already found by its cue
        spared = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if opens_so and _negated(sent.root) and spared is not None and spared.lower_ in _OWN:
            continue  # "So I'm not stood there with the card machine ...": what the new way spares them, no case
        root = sent.root
        subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
        if (
            subject is None
            or subject.lower_ in _DEICTIC_SUBJECTS - {"you"}
            or subject.left_edge.i != tokens[0].i
            or addressed(subject)
        ):
            continue  # the clause must open with its subject: "When nobody knows how to contribute"; "you lot had a
            # stand" is the listener's doing
        if _rule_for_anyone(root):
            continue  # "because you can't ring the merchant at midnight": a rule for anyone, a reason, no situation
        # "Declan never blamed me, to be fair to him.": what someone did not do then, no case to be in; the speaker's
        # own 'never' ("I never knew whether an invoice had arrived") says how things stood
        never = any(c.dep_ == "neg" and c.lower_ == "never" for c in root.children)
        if never and root.tag_ == "VBD" and root.lemma_.lower() != "be" and subject.lower_ not in _OWN:
            continue
        if root.lower_ == "used" and any(_used_to(c) for c in root.children):
            continue  # "I used to go in on the first Tuesday and write myself in": the old way's habit, over now
        if _against_before(root):
            continue  # "The run takes me a morning, not two days.": how it goes now against before, a gain
        if said_most(subject) is not None or ideally(root) is not None or _wanting_now(root, subject):
            continue  # "my main thing is getting the bills out", "ideally I'd ...", "I need the invoices in one
            # folder": a goal, not a state of affairs
        if root.lemma_.lower() in {"need", "want"} and _negated(root) and subject.lower_ in _OWN:
            continue  # "I don't need a phone telling me I'm slow": what the speaker refuses, no state of affairs
        # One clause: up to the first new thought after the verb ('..., until you spend ...').
        cut = len(tokens)
        for k, tok in enumerate(tokens):
            # Only where the main clause itself ends: a break inside a complement would leave it half said.
            at_clause_edge = tok.head.i == root.i or (tok.head.head.i == root.i and tok.head.dep_ in _NEW_CLAUSE)
            if (
                tok.i > root.i
                and at_clause_edge
                and (
                    tok.text in {",", ";", ":", "—", "–", "--", "…", "("}
                    or tok.lower_ in _BREAK_WORDS | {"until", "unless", "and"}
                    and tok.dep_ in {"mark", "cc"}
                )
            ):
                cut = k
                break
        tokens = tokens[:cut]
        while tokens and (
            tokens[-1].pos_ in {"ADV", "ADP", "DET", "CCONJ", "SCONJ", "AUX", "PART"} or tokens[-1].is_punct
        ):
            if tokens[-1].dep_ == "prt" or stranded(tokens[-1]):
                break  # "mailing lists are hard to keep up with" ends whole
            tokens.pop()
        tokens = _problem_named(tokens, root)
        if not 4 <= len(tokens) <= _MAX_SITUATION or any(t.text in {"…", "—", "–"} for t in tokens):
            continue
        if any(_stands_for_said(t) for t in tokens):
            continue  # "At the moment Grace does it by hand", "I ate it cold": what 'it' is was said before, the
            # 'when' would not say
        if opener and any(t.lower_ == "but" and t.i > tokens[-1].i for t in sent):
            continue  # "At the moment the app tells the family, which is great, but ...": granted, the point follows
        if _conceded(tokens, sent):
            continue  # "The spreadsheet was free, obviously, but it was still Gareth on a Friday night.": granted
        if any(t.lemma_.lower() in _OPINING and (t.head.i == root.i or t.i == root.i) for t in tokens):
            continue  # "I think it's probably fine", "I reckon I was losing ...": a hedge, not a state of affairs
        if _feeling(root):
            continue  # "My partner was not thrilled": how someone took it, not a state of affairs
        if _grew_up(root):
            continue  # "I just grew up with my phone": a life's background, no case that recurs
        if root.lemma_.lower() in {"start", "begin"} and root.tag_ == "VBD":
            continue  # "But I started checking every month.": when a habit began, a story's event, no case that recurs
        if _praised(root):
            continue  # "Because the fan was great but the time, ...": what went well, no struggle
        if _had_done(root):
            continue  # "I had the office phone put on a longer lead": a thing the speaker had done, no state of affairs
        if _said_then(root) and _says_when(tokens):
            continue  # "my grandson was born in April": one dated event, no state of affairs that recurs
        kept = (tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
        if not any(s < kept[1] and e > kept[0] for s, e in struggles):
            continue  # "A coworker uses meal kits[, but it was way too expensive]": the struggle was cut off
        yield SlotSpan("situation", tuple(tokens), "When", subject, "struggle")


# Words that grant a clause before the 'but' that makes the point: 'obviously', 'of course', 'to be fair'.
_GRANTING = re.compile(r"\b(?:obviously|of course|admittedly|granted|to be fair|fair enough|in fairness)\b")


def _conceded(tokens: Sequence[Token], sent: Span) -> bool:
    """Whether a clause is granted before a 'but' that makes the point ('The spreadsheet was free, obviously, but it
    was still Gareth on a Friday night.'): the struggle is what follows, never the clause granted."""
    but = next((t for t in sent if t.lower_ == "but" and t.i > tokens[-1].i and t.dep_ == "cc"), None)
    if but is None:
        return False
    return _GRANTING.search(sent.doc[sent.start : but.i].text.lower().replace("’", "'")) is not None


def _going_on(verb: Token) -> bool:
    """A verb said as going on: '-ing' with a 'be' ('to be using', 'were always arguing')."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_.lower() == "be" for c in verb.children)


def _grew_up(verb: Token) -> bool:
    """'grew up (with my phone, on a farm)': where a life began, its background, never a case or an event."""
    return verb.lemma_.lower() == "grow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children)


def _praised(root: Token) -> bool:
    """A clause that says a thing was good ('the fan was great', 'the engineer is brilliant')."""
    return (
        root.lemma_.lower() == "be"
        and not _negated(root)
        and any(c.dep_ == "acomp" and c.lower_ in _WELCOME | _PRAISE for c in root.children)
    )


_PRAISE = frozenset("fine excellent fantastic wonderful superb spot-on".split())


def _had_done(root: Token) -> bool:
    """Whether a clause tells a thing someone had done for them ('I had the phone put on a longer lead', 'we had the
    locks changed'): a doing of the story, whatever it was for."""
    # the parser reads the thing and its doing as a small clause of its own, however the tagger takes the doing ('the
    # phone [put]' may come out a noun): a subject, and no auxiliary or 'that' of a finite clause
    done = any(
        c.dep_ in {"ccomp", "xcomp"}
        and any(g.dep_ == "nsubj" for g in c.children)
        and not any(g.dep_ in {"aux", "auxpass", "mark"} for g in c.children)
        for c in root.children
    )
    return root.lemma_.lower() == "have" and root.tag_ == "VBD" and done


def _wanting_now(root: Token, subject: Token) -> bool:
    """Whether a clause is the speaker's own present wanting ('I need the invoices in one folder', 'we'd love a
    bigger van'): what they are after, never the state of affairs a job starts from."""
    lemma = root.lemma_.lower()
    would = _wished_aux(root)
    wanting = lemma in _WANTING and root.tag_ in {"VBP", "VB"} or lemma in _WISHING and would
    # "I needed Graham not to walk out": what the speaker wanted of someone, then or now, is a want all the same
    of_others = lemma in _WANTING and any(
        c.dep_ == "dobj" and any(x.dep_ == "xcomp" and x.i > c.i and _has_to_aux(x) for x in root.children)
        for c in root.children
    )
    return (wanting or of_others) and subject.lower_ in _OWN and not _negated(root)


# Glad feelings: denied ("not thrilled", "not amused"), an understatement of how someone took what happened.
_FEELINGS = frozenset(
    "thrilled happy pleased impressed amused keen delighted excited chuffed glad fond overjoyed".split()
)


def _feeling(root: Token) -> bool:
    """Whether a clause says only how someone took it: "be" with a glad feeling and nothing it is about, denied
    ("my partner was not thrilled": an understatement) or not (no struggle at all). "Customers were not happy with
    the wait times" says what with."""
    feeling: Token | None = None
    if root.lower_ in _FEELINGS and any(c.dep_ == "auxpass" for c in root.children):
        feeling = root  # the parser reads "was not thrilled" as a passive
    elif root.lemma_.lower() in {"be", "seem", "look", "sound"}:
        feeling = next((c for c in root.children if c.dep_ == "acomp" and c.lower_ in _FEELINGS), None)
    if feeling is None:
        return False
    about = {"prep", "xcomp", "ccomp", "advcl", "agent", "dobj", "advmod"}
    return not any(
        c.dep_ in about and c.lower_ not in {"not", "really", "very", "so", "too"}
        for c in (*root.children, *feeling.children)
    )


_CAUSES = frozenset({"because", "since", "cause", "'cause"})
_OPINING = frozenset({"think", "guess", "suppose", "believe", "reckon", "imagine", "suspect"})


def causes(doc: Doc) -> Iterator[SlotSpan]:
    """The reason given for a want is what triggers it: 'because we don't have any insight into it', 'since there
    weren't tests' read as 'When ...' (the speaker's own state of affairs, said as a whole clause)."""
    for mark in doc:
        if mark.lower_.replace("’", "'") not in _CAUSES or mark.dep_ != "mark":
            continue
        verb = mark.head
        if verb.pos_ not in {"VERB", "AUX"} or _question(verb):
            continue
        if mark.lower_ == "since" and verb.lemma_ not in {"be", "have"} and not _negated(verb):
            continue  # "since I joined the board": since when, not why
        if _rule_for_anyone(verb) or _truth_for_anyone(verb):
            # "because you need one adult for every six children": a constraint, not the speaker's case; "because you
            # learn the wall walking it": how anyone comes to know a thing
            continue
        if verb.lemma_.lower() in _FRAMING - {"feel", "worry"}:
            continue  # "because I remember that weekend", "because I think ...": a thought, no state of affairs
        if _stance(verb):
            continue  # "because I'm fine typing while people do their exercises": how the speaker takes to it, no case
        result, subject = verb.head, _subject(verb)
        again = _subject(result) if result.lemma_ == verb.lemma_ and result.i != verb.i else None
        said_again = again is not None and subject is not None and again.lower_ == subject.lower_
        if _negated(verb) and verb.dep_ == "advcl" and said_again and not _negated(result):
            continue  # "because we don't sell online, we sell at markets": a correction, not a state of affairs
        if _spared(result):
            continue  # "nobody had to panic, because there was Bev with her sheets": what spared them, no trigger
        if verb.dep_ == "advcl" and result.pos_ in {"NOUN", "PROPN"}:
            continue  # "And maybe a waiting list for Saturdays, because Saturdays fill up": why that thing, no case
        state = result.lemma_.lower() == "be" or result.pos_ == "ADJ"
        if verb.dep_ == "advcl" and result.dep_ == "conj" and state and result.head.i < result.i:
            continue  # "..., and I'm stuck in the middle because I'm mates with everyone": why a state said after
            # the want is so, not why the want is
        if verb.dep_ == "advcl" and result.lemma_.lower() in {"say", "tell"}:
            continue  # "I said not in the Easter holidays, because I'm not learning a new system ...": why the
            # speaker said so, no case a want starts from
        clause = _state_clause(mark, verb)
        if clause is not None:
            yield SlotSpan("situation", clause[0], "When", clause[1], "cause")


_NOBODY = frozenset({"nobody", "noone", "nothing", "none", "neither"})
# What the speaker is at ease with or good at: 'I'm fine typing', 'we're happy with paper', 'I'm used to it'.
_AT_EASE = frozenset("fine happy comfortable ok okay alright good confident used quick handy".split())


def _stance(verb: Token) -> bool:
    """Whether a clause says how the speaker takes to something ('I'm fine typing', 'we're used to paper'): a
    stance, never the situation a goal starts from."""
    subject = _subject(verb)
    if verb.lemma_.lower() != "be" or subject is None or subject.lower_ not in {"i", "we"} or _negated(verb):
        return False
    # the word after 'be' and its adverbs ('I'm quite [happy] with paper'), whatever the parser hung it from
    said = next((t for t in verb.doc[verb.i + 1 : verb.i + 4] if t.pos_ != "ADV"), None)
    return said is not None and said.lower_ in _AT_EASE


def _spared(verb: Token) -> bool:
    """Whether a clause says a chore or a fright was spared: 'nobody had to panic', 'I didn't need to ring round'."""
    if verb.lemma_.lower() not in {"have", "need"} or not any(
        c.dep_ == "xcomp" and _has_to_verb(c) for c in verb.children
    ):
        return False
    subject = _subject(verb)
    nobody = subject is not None and (
        subject.lower_ in _NOBODY or subject.lower_ == "one" and any(c.lower_ == "no" for c in subject.children)
    )
    return nobody or _negated(verb)


def _then_in_a_story(verb: Token) -> bool:
    """A past 'couldn't' that comes next in a told story ('Harpreet put them in the fruit bowl [and then we couldn't
    find the fruit bowl]'): what went wrong that once, no goal the speaker still has."""
    past = any(c.dep_ == "aux" and c.lower_ == "could" for c in verb.children)
    then = any(c.dep_ == "advmod" and c.lower_ == "then" and c.i < verb.i for c in verb.children)
    return past and then and verb.dep_ == "conj" and verb.head.tag_ == "VBD"


# What the generic 'you' of a rule must, may not or needs to do: "you need one adult for every six children", "you
# can't take a child off site without one", "you have to sign in first".
_OBLIGING = frozenset({"can", "ca", "cannot", "must", "should", "may", "need"})


def _rule_for_anyone(verb: Token) -> bool:
    """Whether a clause states a rule that holds for anyone: the generic 'you' needing, having or being bound to do
    something ('you need a form', 'you can't leave without one', 'you have to sign first'). A rule is a constraint
    the job works within, never the situation that sets it off; 'you get no notice' tells what happens, and stays."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ != "you":
        return False
    lemma = verb.lemma_.lower()
    bound = any(c.dep_ == "aux" and c.lower_.replace("’", "'") in _OBLIGING for c in verb.children)
    has_to = lemma == "have" and any(c.dep_ == "xcomp" and _has_to_verb(c) for c in verb.children)
    return lemma == "need" or bound or has_to


def _truth_for_anyone(verb: Token) -> bool:
    """Whether a clause says how anyone comes to know a thing, in the generic 'you' and a plain present ('you learn
    the wall walking it', 'you know by the sound'): a truth, no state of affairs the speaker is in."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return (
        subject is not None
        and subject.lower_ == "you"
        and verb.tag_ == "VBP"
        and verb.lemma_.lower() in {"learn", "know"}
        and not any(c.dep_ in {"aux", "neg"} for c in verb.children)
    )


def _has_to_verb(verb: Token) -> bool:
    """A 'to'-verb: 'to sign' of 'you have to sign'."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# Verbs that name what sets something off: "it would be triggered by knowing we want to make a change".
_TRIGGER_VERBS = frozenset({"trigger", "prompt", "spark"})
_TRIGGER_FORMS = frozenset(f"{stem}{ending}" for stem in _TRIGGER_VERBS for ending in ("s", "ed", "ing", "es", "d"))
_OTHERS = frozenset({"he", "she", "they"})


def triggers(doc: Doc) -> Iterator[SlotSpan]:
    """What sets the speaker's doing off, said as a doing of their own under a passive trigger verb: 'it would be
    triggered by [knowing we want to make a change]', 'prompted by [seeing the bill]'. The gerund's subject is the
    speaker (rule "trigger"): it reads 'When I know I want to make a change'. Never a question, a denial, someone
    else's words, a trigger of someone else's doing or a bare noun ('triggered by the release': no clause)."""
    for agent in doc:
        verb = agent.head
        by = agent.dep_ == "agent" or agent.dep_ == "prep" and agent.lower_ == "by"
        if not by or verb.lemma_.lower() not in _TRIGGER_VERBS or verb.tag_ != "VBN":
            continue
        if _question(verb) or _negated(verb) or said_by_others(verb):
            continue
        subject = next((c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}), None)
        if subject is not None and subject.lower_ in _OTHERS:
            continue  # "they were prompted by ...": their trigger, not the speaker's
        doing = next((c for c in agent.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
        if doing is None or any(c.dep_ in {"nsubj", "poss"} for c in doing.children):
            continue  # "by someone asking": another's doing
        tokens = list(doing.subtree)
        cut = next((k for k, t in enumerate(tokens) if t.text in {",", ";", ":", "—", "–", "--", "…", "("}), None)
        tokens = tokens[:cut]
        _trim_dangling(tokens)
        if not 2 <= len(tokens) <= _MAX_SITUATION or [t.i for t in tokens] != list(range(doing.i, tokens[-1].i + 1)):
            continue
        yield SlotSpan("situation", tuple(tokens), "When", None, "trigger")


# A question that asks for the moment a switch started: 'When did that start to bother you?', 'What happened last
# spring?', 'Tell me about the moment you decided ...', 'Let's go back to when you first started looking', 'What made
# you start looking?', 'Was there a day that made you want to change it?'. Not what came after ('What happened after
# that call?', a bare 'And what happened?': the next step of a story being told) nor the pull ('What made you go
# ahead?', 'What were you hoping for?', 'What were you looking for when you started searching?').
_ASKS_WHEN = re.compile(
    r"(?:^|[.?!]\s+)when (?:did|was|were|had|has|have|is|does|do)\b"
    # what happened once a wait was over ('What happened when you did get a plot?', '... when you finally switched?')
    # asks for what came of it, not what set it off
    # nor the story of one thing ('What happened with the cake?'): a side story, not what set the switch off; nor a
    # stretch of time ('What happened between signing up and using it?'): what went on in it, no moment
    r"|\bwhat happened (?!(?:after|next|then|since|afterwards|with|to|between|in between)\b)"
    r"(?!when you (?:did|finally|eventually)\b)\w"
    r"|\bmoment (?:when |where |that )?you\b"
    r"|\bwhen you (?:first )?(?:started|start|decided|decide|realised|realized|began|noticed)\b"
    r"|\b(?:what|day|week|night|moment|time|point|thing) (?:that |which )?(?:made|got|led|prompted|pushed) you "
    r"(?:to )?(?:want to )?(?:start|begin|first|decide|realise|realize|think about|look|change)"
    r"|\bwhat (?:triggered|prompted|sparked)\b"
    # a told occasion that stands out or went wrong ('Was there a time it all went wrong?', 'a particular trip that
    # stands out?') asks for the story that set the change off; 'What time do you start?' or 'Do you have time to
    # ...' asks for no occasion
    r"|\b(?:moment|time|occasion|day|incident|instance|(?:particular|specific) \w+) (?:that |which |when |where )?"
    r"(?:(?:it|things|everything|something) (?:all |really )?)?(?:stands? out|stood out|went wrong|goes wrong)\b"
)
_ASKS_PULL = re.compile(r"\bwhat (?:were|are|did|do) you (?:hop|look|want|wish|expect)|\bhoping\b|\bgo ahead\b")


# An interviewer's prompt said without a question mark: 'Tell me about the moment ...', 'Walk me through it.'
_PROMPTS = re.compile(r"^\W*(?:so,? |and,? )?(?:tell|talk|walk|take|describe|explain|say|go|keep)\b", re.IGNORECASE)


def is_aside(turn: str) -> bool:
    """An interviewer's few words that ask nothing ('Oh no.', 'That's not silly.'), not a prompt said without '?'."""
    return "?" not in turn and len(turn.split()) <= 8 and not _PROMPTS.search(turn)


def asks_trigger(question: str) -> bool:
    """Whether an interviewer's turn asks for the trigger: when the old way stopped working, what happened. A turn
    that asks nothing ('I want to sidestep for a moment', a story read out: '... they asked me what happened to it')
    never does."""
    low = " ".join(question.lower().replace("’", "'").split())
    asks = "?" in low or "tell me" in low
    return (
        asks
        and bool(_ASKS_WHEN.search(low))
        and not _ASKS_PULL.search(low)
        and not _ASKS_ADOPTION.search(low)
        and not _ASKS_WORKING.search(low)
        and not _ASKS_HOW_IT_WORKED.search(low)
    )


# How the old way went ('So how did booking the room work when you started?', 'How did you manage the rota back
# then?'): its answer tells a habit of the old way, nothing that set the switch off.
_ASKS_HOW_IT_WORKED = re.compile(r"\bhow did (?:[a-z']+ ){1,4}work\b|\bhow did you (?:do|manage|run|handle)\b")


# When the new way was seen to work ('When did you first notice that it was working?', 'What was the moment you
# thought, this is working?') or was first used ('What happened the first time you got an issue through?', 'When
# did you first actually use it?'): its answer tells what came of the switch, not what set it off.
_ASKS_WORKING = re.compile(
    r"\b(?:it|this|that|the (?:new )?[a-z]+) (?:was|is|'s) (?:really |actually |finally )?(?:working|paying off)\b"
    r"|\bfirst (?:real |proper )?use of it\b"
    r"|\bwhen did you first (?:actually |properly |really )?(?:use|try|open|start using)\b"
    r"|\bfirst time (?:you|we) (?:actually |properly )?(?:used|tried|opened|ran|got (?:it|(?:\w+ ){0,2}through))\b"
    # "When did it start to feel different?", "Was there a moment where you saw it pay off?": what came of it
    r"|\b(?:start(?:ed)?|begin|began) to feel (?:any )?(?:different|better|easier)\b"
    r"|\b(?:saw|see|seen|notice|noticed) (?:it|this|that|the [a-z]+) (?:pay(?:ing)? off|make a difference)\b"
    r"|\bnotice (?:a|the|any) difference\b"
)


# When the new way came in ('When did it actually go in?', 'When did you switch?', 'So, the switch. When did it
# happen?', 'When did you get the first one?'): its answer dates the change, it tells nothing that set it off.
_ASKS_ADOPTION = re.compile(
    r"\bwhen (?:did|was|were) (?:it|you|they|we|the (?:new )?[a-z]+) (?:actually |finally |eventually )?"
    r"(?:go(?:ne)? (?:in|live)|come in|switch|swap|move over|change over|roll(?:ed)? out|sign(?:ed)? up|install"
    r"|set (?:it )?up|get (?:it )?(?:set up|installed)|(?:get|see|receive) (?:the|your) (?:very )?first)"
    # "So, the switch. When did it actually happen?": 'it' is the switch
    r"|\b(?:the )?(?:switch|move|changeover)\b[^?]*\bwhen did it (?:actually |finally )?happen"
    # "When did the trial start?": the trying out, after the switch was under way
    r"|\bwhen did (?:the|your|you) (?:free )?(?:trial|pilot)\b"
    r"|\bwhen did you (?:start|begin) (?:the |your )?(?:free )?(?:trial|pilot)"
    # "When did you actually decide?": the decision, late in the switch, long after what set it off
    r"|\bwhen did (?:you|they|we|you all) (?:actually |finally |eventually )?(?:decide(?! to\b)|make (?:the|a|your) "
    r"(?:final )?(?:decision|call)|commit)\b"
)


# Or asks what the person would want of it, said as a wish ('Is there anything it doesn't do that you'd want?'), not
# what they would have wanted then ('What would you have wanted back then?').
_ASKS_NOW = re.compile(
    r"\b(?:still|now|nowadays|these days|today)\b"
    r"|\byou(?:'d| would) (?!have\b)(?:really |also )?(?:want|like|love|change|add)\b"
    # or what the switch has come to ('Has it paid for itself?', 'Was it worth it?')
    r"|\bhas (?:it|the [a-z]+) (?:paid|been worth|worked|made a difference)|\bworth it\b"
)


def asks_now(question: str) -> bool:
    """Whether an interviewer's turn asks about how things are now, after the switch ('Is there anything that's still
    hard?', 'Anything you'd still change?', 'And now?', 'Has it paid for itself?'): what the answer wants is set off
    by today's way, not by the story of the old one."""
    low = " ".join(question.lower().replace("’", "'").split())
    return "?" in low and bool(_ASKS_NOW.search(low))


# A question for what the new way gives ('What's better now?', 'What has improved?', 'What do you like about it?').
# "What's better now?", and what is different now, against before ("what's actually different now, for you?",
# "What's changed for you day to day?"); "What changed?" may ask what set the switch off.
_ASKS_BETTER = re.compile(
    r"\b(?:better|improved?|improvement|like about)\b|\bwhat(?:'s| is| has)(?: \w+)? (?:different|changed)\b"
)


def asks_better(question: str) -> bool:
    """Whether an interviewer's turn asks what is better with the new way ('What's better now?'): its answer tells
    gains, not struggles."""
    low = " ".join(question.lower().replace("’", "'").split())
    # "What would make it better?" asks for what is still wanted
    return "?" in low and bool(_ASKS_BETTER.search(low)) and not re.search(r"\b(?:would|could|make|'d)\b", low)


# A question for what the person has stopped caring about ('What don't you care about anymore?', 'Is there anything
# that mattered with your mum's funeral that just didn't matter this time?'): what its answer wanted was given up.
_ASKS_CARED = re.compile(r"\b(?:care|cared|caring|matter|matters|mattered|worry|worried)\b")
_ASKS_STOPPED = re.compile(r"\b(?:any ?more|no longer|stopped|don't|doesn't|didn't|not)\b")
# "... that you've changed your mind about?", "anything you used to want that you don't now?", "anything you wanted
# from it that you've sort of given up on?"
_ASKS_CHANGED = re.compile(
    r"\bchanged? your mind\b|\bused to (?:want|need)\b.*\b(?:don't|no longer|any ?more)\b"
    r"|\b(?:given|gave|give) up on\??\s*$"
)


def asks_given_up(question: str) -> bool:
    """Whether an interviewer's turn asks what the person no longer cares about, the other side of the switch."""
    low = " ".join(question.lower().replace("’", "'").split())
    cared = bool(_ASKS_CARED.search(low)) and bool(_ASKS_STOPPED.search(low))
    return "?" in low and (cared or bool(_ASKS_CHANGED.search(low)))


# A question for what worried the person about the new way ('What worried you about it, at that point?', 'Were there
# things that still worried you?', 'Any concerns?'): what its answer wanted then is an anxiety told, not a job.
_ASKS_WORRY = re.compile(r"\b(?:worr(?:y|ied|ies|ying)|concern(?:s|ed)?|nervous|anxious|scared|afraid)\b")


def asks_worry(question: str) -> bool:
    """Whether an interviewer's turn asks what worried the person (not what no longer does: `asks_given_up`)."""
    low = " ".join(question.lower().replace("’", "'").split())
    return "?" in low and bool(_ASKS_WORRY.search(low)) and not asks_given_up(question)


# A question for the other ways tried ('What else did you try?', 'Did you try anything else?', 'Had you tried other
# tools?'): what its answer says was tried is a way, not what the person wanted.
_ASKS_TRIED = re.compile(r"\b(?:did|have|had) you (?:ever |already |also )?tr(?:y|ied)\b")


def asks_tried(question: str) -> bool:
    """Whether an interviewer's turn asks what else the person tried."""
    low = " ".join(question.lower().replace("’", "'").split())
    return "?" in low and bool(_ASKS_TRIED.search(low))


_ASKS_WANT = re.compile(
    r"\bwhat (?:were|are|did|do|would) you (?:really |actually )?"
    r"(?:want|need|look(?:ing)? for|hop(?:e|ing) for|wish(?:ing)? for)"
    # "Is there anything you wanted that you still don't have?"
    r"|\banything (?:else )?(?:that )?you (?:really |still |actually )?(?:want|wanted|need|needed|wish|wished)\b"
)


_ASKS_WISHED_DOING = re.compile(r"\b(?:like|want|wish|love) it to do\b|\bwish(?:ed)? it did\b|\bit could do\b")


def asks_wished_doing(question: str) -> bool:
    """Whether an interviewer's turn asks what the person would like the tool to do ('Anything else you'd want it to
    do?', 'What do you still wish it did?'): an answer may say it as what the tool is to do ('Tell me what I owe.')."""
    low = " ".join(question.lower().replace("’", "'").split())
    return "?" in low and bool(_ASKS_WISHED_DOING.search(low))


def wished_telling(doc: Doc) -> SlotSpan | None:
    """An answer to what the tool should do (`asks_wished_doing`) that opens by telling it what to tell the speaker
    ('Tell me what I owe.', 'Maybe, show me which rooms are free.'): the speaker's goal of knowing (seeing) it, as
    `_told` reads 'I'd like it to tell me ...'. Only a telling verb said to the tool, never a denied one or another
    doing ('Do something about the weather.': a doing asked of the tool names no progress of the speaker's)."""
    if (opening := _opening(doc)) is None:
        return None
    sent, words = opening
    root = sent.root
    if not words or root.tag_ != "VB" or not _telling(root) or _negated(root):
        return None
    if any(c.dep_ in {"nsubj", "aux", "expl"} for c in root.children) or _question(root):
        return None
    if any(t.i < root.i and t.pos_ not in {"ADV", "INTJ", "PUNCT"} for t in sent):
        return None  # "Then tell me ...": only hedges and openers before the telling
    listener = doc[root.i + 1] if root.i + 1 < len(doc) else None
    if listener is None or listener.lower_ not in {"me", "us"}:
        return None
    told = _told(None, root, listener)
    return None if told is None else replace(told, rule="named telling")


def asks_want(question: str) -> bool:
    """Whether an interviewer's turn asks what the person wanted, needed or looked for ('What were you looking for
    after that?', 'What did you want instead?')."""
    low = " ".join(question.lower().replace("’", "'").split())
    # "Is there anything you wanted at the start that you don't care about any more?" asks what was given up
    return "?" in low and bool(_ASKS_WANT.search(low)) and not asks_given_up(question)


def _opening(doc: Doc) -> tuple[Span, list[Token]] | None:
    """An answer's first sentence and its words, less punctuation and the talk's openers ('So', 'Oh', 'Well')."""
    sent = next(iter(doc.sents), None)
    if sent is None:
        return None
    words = [t for t in sent if not t.is_punct]
    while words and (words[0].lower_ in _DISCOURSE or words[0].pos_ == "INTJ"):
        words.pop(0)
    return sent, words


def named_want(doc: Doc) -> SlotSpan | None:
    """An answer to a want question (`asks_want`) that opens with a bare noun phrase names what was wanted: the goal
    of having it ('Every payment with a name and a match against it.': 'have every payment with a name and a match
    against it'). Only a sentence with no verb, of three words or more, led by a common noun: never 'yes', 'no',
    a name or a clipped clause ('Spent a weekend with bank statements')."""
    if (opening := _opening(doc)) is None:
        return None
    sent, words = opening
    # "The agency login, obviously.": a word of the talk said after a comma is no part of the thing
    while len(words) > 1 and words[-1].pos_ == "ADV" and words[-1].i > 0 and doc[words[-1].i - 1].text == ",":
        words.pop()
    root = sent.root
    # "Proper text reminders, SMS, so I don't have to do it myself.": the thing named before what it is for, and
    # before a comma's word for it again
    cut = next((t.i for t in sent if t.lower_ == "so" and t.i > sent.start and doc[t.i - 1].text == ","), None)
    if cut is not None:
        words = [t for t in words if t.i < cut]
        comma = max((t.i for t in sent if t.text == "," and t.i < cut - 1), default=-1)
        again = [t for t in words if comma >= 0 and t.i > comma]
        if 0 < len(again) <= 2 and not any(t.lower_ in {"and", "or"} for t in again):
            words = [t for t in words if t.i < comma]  # "..., SMS": the thing said again in a word or two
        heads = [t for t in words if t.head not in words or t.head.i == t.i]
        root = heads[0] if len(heads) == 1 else root
    if len(words) < 3 or len(words) > _MAX_PHRASE or root.pos_ != "NOUN" or root not in words:
        return None
    if _counted_things(words):
        return None  # "A couple of things.", "Two things, really.": the answer is still to come
    if root.lower_ in _VAGUE_THINGS and root.i == words[-1].i:
        return None  # "And the rain thing.": a thing called by what it is about names the topic, not what is wanted
    inner = [t for t in words[0].doc[words[0].i : words[-1].i] if t.is_punct]
    said = sent if cut is None else words
    if any(t.pos_ in {"VERB", "AUX"} for t in said) or inner and not _listed(inner, words):
        return None
    return SlotSpan("motivation", tuple(sent.doc[words[0].i : words[-1].i + 1]), "", None, "named want", verb="have")


# Words for things in general, which name nothing on their own ('a couple of things', 'a few bits').
_VAGUE_THINGS = frozenset("thing things stuff bit bits one ones".split())


def _counted_things(words: Sequence[Token]) -> bool:
    """Whether a noun phrase only counts things to come ('a couple of things', 'two things', 'a few bits')."""
    nouns = [t for t in words if t.pos_ in {"NOUN", "PROPN"}]
    return bool(nouns) and all(t.lower_ in _VAGUE_THINGS | {"couple", "few", "lot", "load", "loads"} for t in nouns)


def named_doing(doc: Doc) -> SlotSpan | None:
    """An answer that opens with a doing said alone, as a gerund with no subject ('Knowing which cut is the real
    one.'), names what was wanted or gained: the goal of doing it ('know which cut is the real one'). Never a denied
    doing ('Not having to ...'), one that names nothing, or a clause with a subject or helper of its own."""
    if (opening := _opening(doc)) is None:
        return None
    sent, words = opening
    root = sent.root
    if not words or words[0].tag_ != "VBG":
        return None
    doing = words[0]
    if doing.dep_ == "auxpass" and doing.lower_ == "getting" and doing.head.i == root.i and root.tag_ == "VBN":
        tokens = [t for t in phrase(root) if t.i >= root.i]  # "Getting paid on time.": 'get paid on time'
        if tokens and not _negated(root):
            return SlotSpan("motivation", tuple(tokens), "", None, "named doing", verb="get")
        return None
    if doing.pos_ != "VERB":
        return None
    if doing.i != root.i:
        # "Knowing which cut is the real one.": the parser may read the question known as the sentence's own verb
        asked = [t.lower_ for t in words[1:3]]
        if not asked or asked[0] not in _OPEN_WH | {"whether", "if"} or len(words) > 16:
            return None
        learns = doing.lemma_.lower() in {"know", "see"}
        whole = words[-1].pos_ in {"NOUN", "PROPN", "NUM", "PRON", "ADJ", "ADV", "VERB"}
        return (
            SlotSpan("motivation", tuple(words[1:]), "", None, "named doing", verb=doing.lemma_.lower())
            if (learns and whole)
            else None
        )
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "neg"} for c in root.children):
        return None
    return _doing_said(root, None, "named doing")


def gain_known(doc: Doc) -> SlotSpan | None:
    """An answer to 'What's better now?' that opens with what the speaker now knows or can see ('I know what's going
    to be said before it's said.'): the progress the new way gave, the goal of knowing it. Only what is learnt said
    as a question ('know what ...', 'see who ...'), never a denied, asked or past knowing."""
    sent = next(iter(doc.sents), None)
    if sent is None:
        return None
    root = sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if subject is None or subject.lower_ not in _OWN or root.lemma_.lower() not in {"know", "see"}:
        return None
    auxes = {c.lower_ for c in root.children if c.dep_ == "aux"}
    if _negated(root) or _question(root) or auxes - {"can"} or root.tag_ not in {"VBP", "VB"}:
        return None
    if not _learns(root) or open_question(phrase(root)) is None:
        return None
    return SlotSpan("motivation", tuple(phrase(root)), "", subject, "gain known")


def _listed(commas: Sequence[Token], words: Sequence[Token]) -> bool:
    """Whether the punctuation inside a phrase only separates the items of one list ('a date, a time and a time
    zone'): commas alone, each before a noun phrase, the last item joined by 'and'/'or'."""
    if any(t.text != "," for t in commas):
        return False
    doc = commas[0].doc
    if any(doc[t.i + 1].pos_ not in {"DET", "NOUN", "PROPN", "ADJ", "NUM"} for t in commas):
        return False
    return any(t.lower_ in {"and", "or"} and t.i > commas[-1].i for t in words)


# Verbs that frame talk or a thought ('I thought, ...', 'my wife said ...'): no event of their own.
_FRAMING = _ATTITUDES | frozenset("say tell ask know remember mean realise realize wonder".split())
# No teller of an event: a state ('it was tax season'), what points back, or the 'you' of advice ('you need to talk
# to the folks who know').
_NO_TELLER = frozenset({"it", "that", "this", "there", "which", "what", "who", "these", "those", "you"})

# What a 'you' said before them makes the people the speaker talks to ('you lot', 'you guys', 'you two'): never generic.
_ADDRESSING = frozenset({"lot", "guys", "folks", "people", "lads", "two", "all"})


def addressed(tok: Token) -> bool:
    """Whether a word names the people the speaker talks to, said with 'you' ('[you lot] had a stand', 'you [guys]'):
    the interviewer's side, never the speaker nor anyone in general."""
    if tok.lower_ == "you":
        return tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in _ADDRESSING
    return tok.lower_ in _ADDRESSING and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "you"


def _and_then(cc: Token) -> bool:
    """An 'and' that joins a next doing ('I had 120 orders [and I was up until one]', 'cleaned out the fridge [and
    threw away the spinach]'): the first event is the trigger; 'a hundred and twenty orders' goes on."""
    return (
        cc.lower_ == "and"
        and cc.dep_ == "cc"
        and any(c.dep_ == "conj" and c.i > cc.i and c.pos_ in {"VERB", "AUX"} for c in cc.head.children)
    )


def _opens_aside(comma: Token) -> bool:
    """A comma before a noun's apposition ('we had a cup game[,] the first team'): what the aside adds is no part of
    the situation, and a 'when' slot that holds it reads as two."""
    if comma.text != "," or comma.i + 1 >= len(comma.doc):
        return False
    after = comma.doc[comma.i + 1]
    return any(a.dep_ == "appos" and a.left_edge.i == after.i and a.head.i < comma.i for a in (after, *after.ancestors))


# States whose denial tells what was lacking all along ('I just didn't have the energy'), not what happened.
_STATES = frozenset("have know need want like care mind feel".split())


# What the speaker was short of, behind on or out of: 'short' ('three hundred pounds short on match fees', 'three
# players short'), 'behind' ('behind on the payments'), 'low on', 'out of', 'over budget'.
_LACKING = frozenset({"short", "behind", "overdrawn"})
_LACKING_OF = {"low": "on", "out": "of"}
_LIMITS = frozenset({"budget", "limit"})


def _lacking(be: Token) -> bool:
    """Whether a 'be' clause tells the speaker's own state of lack, a trigger ('I was three hundred and eighty pounds
    short on match fees', 'we were out of kit', 'we were over budget'). Never a denial ('we weren't short'), someone
    else's state or a state of 'it/there was', a feeling ('I was low', 'I was worried') or who they are ('I was the
    secretary'); 'short with him' is curt, not lacking."""
    subject = next((c for c in be.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in {"i", "we"} or _negated(be):
        return False
    for c in be.children:
        said = c.lower_
        if said in _LACKING and c.dep_ in {"acomp", "advmod"}:
            return not any(p.dep_ == "prep" and p.lower_ == "with" for p in c.children)
        if said in _LACKING_OF and any(p.dep_ == "prep" and p.lower_ == _LACKING_OF[said] for p in c.children):
            return True
        if said == "over" and c.dep_ == "prep" and any(o.lower_ in _LIMITS for o in c.children if o.dep_ == "pobj"):
            return True
        if c.dep_ == "attr" and any(a.lower_ == "short" and a.dep_ == "amod" and a.i > c.i for a in c.children):
            return True  # "three players short"
    return False


def pluperfect(verb: Token) -> bool:
    """A past perfect ('I had changed the time', 'I'd said on the group'): the tagger reads a bare "'d" as 'would',
    but before a past form it can only be 'had' ('I'd have said' is 'would')."""
    auxes = [c.lower_.replace("’", "'") for c in verb.children if c.dep_ == "aux"]
    return verb.tag_ in {"VBN", "VBD"} and bool(auxes) and auxes[-1] in {"had", "'d"}


# The forms of 'be' a progressive is told with, in the past or in the present of a story told as if it were
# happening ("So I'm standing in the corridor and my boss rings").
_PROGRESSIVE_BE = frozenset({"was", "were", "am", "'m", "is", "'s", "are", "'re"})


def _background(verb: Token) -> bool:
    """A progressive ('I was doing my tax return', 'we were driving to a match', told in the historic present 'I'm
    standing at the printer') or a past perfect ('I'd changed the meet time'): what was going on, or had happened,
    before the story's event, not the event."""
    progressive = verb.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_.replace("’", "'") in _PROGRESSIVE_BE for c in verb.children
    )
    return progressive or pluperfect(verb)


# What went wrong for the speaker: a loss, a failure, a missed thing ('we lost our biggest client', 'I missed the
# filing deadline'), or someone's complaint or cancellation ('a customer complained about the wait').
_OWN_SETBACKS = frozenset({"lose", "forfeit", "fail", "miss", "forget"})
_OTHERS_SETBACKS = frozenset({"complain", "cancel"})


def is_setback(verb: Token, subject: Token) -> bool:
    """Whether an event tells what hurt, in the past: the speaker's own loss or failure ('we lost the account'),
    another's complaint or cancellation ('two parents complained'), another's doing aimed at the speaker ('the
    partner emailed me') or one that broke in on what the speaker was doing ('I was at the station when the school
    rang'). Never a denial ('we didn't lose anything'), someone else's loss ('the captain forgot his kit'), the
    speaker's own cancelling ('I cancelled the subscription': a choice) or the present ('I miss the old diary': a
    longing)."""
    if _still_lacking(verb) and subject.lower_ in {"i", "we"}:
        return True
    if _negated(verb) or verb.tag_ != "VBD" and not pluperfect(verb):
        return False
    lemma, own = verb.lemma_.lower(), subject.lower_ in {"i", "we"}
    if lemma in _OWN_SETBACKS and own or lemma in _OTHERS_SETBACKS and not own:
        return True
    return not own and _aimed_at_speaker(verb) or _broke_in(verb)


def _still_lacking(verb: Token) -> bool:
    """A denied 'have' with 'still', in the past: what the speaker was still without when it was due ('I still
    didn't have a slip for one boy'), a lack that struck; a denial without 'still' ('I just didn't have the energy')
    tells what was lacking all along."""
    return (
        verb.lemma_.lower() == "have"
        and _negated(verb)
        and any(c.dep_ == "advmod" and c.lower_ == "still" for c in verb.children)
        and any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children)
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def _aimed_at_speaker(verb: Token) -> bool:
    """The speaker is who the doing reaches: its object or recipient ('emailed me', 'sent us a message', 'wrote to
    me')."""
    for c in verb.children:
        if c.dep_ in {"dobj", "dative"} and c.lower_ in {"me", "us"}:
            return True
        if c.dep_ == "prep" and c.lower_ in {"to", "at"} and any(o.lower_ in {"me", "us"} for o in c.children):
            return True
    return False


def _named_message(verb: Token, subject: Token) -> bool:
    """Whether a told event is one person, called by name, reaching the speaker ('Mrs Henshaw texted me', 'Priya
    sent me a message'): that person's message on one occasion (`_called_by_name`). A name that reaches nobody is no
    message ('Olga moved to Leeds')."""
    return _called_by_name(subject) and _aimed_at_speaker(verb)


# Verbs of a change that comes to someone ('Tom got hives', 'Ana became ill', 'Ana fell ill'): no doing of theirs.
_UNDERGOING = frozenset({"get", "become", "fall"})


def _called_by_name(subject: Token) -> bool:
    """Whether a told event's doer is called by name ('Derek turned up at nine', 'Mrs Henshaw texted me'): what they
    did, they did on one occasion, which the present tense of a situation would make a standing one ('When Derek turns
    up at nine'), said with their role or not ('her son Tom'). Someone called by their role alone says who may do it
    again ('the partner emailed me', 'the school rang'), and so does a place or body named with 'the' ('the Co-op
    shut early'); what befell the one named ('Ana was diagnosed with diabetes', 'Tom got hives') is no doing of
    theirs, and may set anything off."""
    if subject.dep_ != "nsubj" or subject.head.lemma_.lower() in _UNDERGOING:
        return False
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in subject.children):
        return True  # "her son Tom": the name says which one
    return subject.pos_ == "PROPN" and not any(c.dep_ == "det" for c in subject.children)


def _broke_in(verb: Token) -> bool:
    """A 'when' clause told of what the speaker was doing or where they were ('I was at the airport [when the
    officer emailed]', 'we were packing up [when the call came]'): what happened in the middle of it."""
    if verb.dep_ not in {"advcl", "relcl"} or not any(c.lower_ == "when" for c in verb.children):
        return False
    clause = next((a for a in verb.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if clause is None or clause.tag_ not in {"VBD", "VBG"}:
        return False
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    past = clause.tag_ == "VBD" or any(c.dep_ == "aux" and c.lower_ in {"was", "were"} for c in clause.children)
    return subject is not None and subject.lower_ in {"i", "we"} and past


def _asks_the_speaker(verb: Token, subject: Token) -> bool:
    """Someone else asking a question the speaker has to answer ('my accountant asked why there were so many jobs
    with no invoice'): an event, though asking frames talk."""
    if verb.lemma_.lower() != "ask" or subject.lower_ in {"i", "we"}:
        return False
    return any(
        c.dep_ == "ccomp" and c.left_edge.lower_ in {"why", "what", "how", "who", "where", "when", "whether", "if"}
        for c in verb.children
    )


# What a bare 'go' may have beside its subject and still go nowhere: "my phone goes", "and he goes, 'can you ...'".
_BARE_GO_PARTS = frozenset({"nsubj", "punct", "cc", "conj", "ccomp", "parataxis", "aux", "intj"})


def _comma_before_verb(subject: Token, verb: Token) -> bool:
    """A comma between a subject said whole and its verb ('A little hard drive, lives in the drawer with the Christmas
    cards'): a thing named, then said of; 'my son, who's six, got hives' says who between its commas."""
    first = min([verb.i, *(c.i for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"})])
    if subject.i > verb.i or first < 1 or subject.doc[first - 1].text != ",":
        return False
    return not any(c.dep_ in {"relcl", "appos", "acl"} for c in subject.children)


def _back_again(verb: Token) -> bool:
    """A going back told as what came next ('Then I went back to shearing', 'then we got back to normal'): the
    routine a story returns to after its moment, not what set the switch off."""
    back = any(c.dep_ in {"advmod", "prt"} and c.lower_ == "back" for c in verb.children)
    then = any(c.dep_ == "advmod" and c.lower_ == "then" and c.i < verb.i for c in verb.children)
    return verb.lemma_.lower() in {"go", "get", "come"} and back and then


def _bare_go(verb: Token) -> bool:
    """A 'go' with no direction, state or object: the 'go' of a sound ('my phone goes') or of quoting ('and he
    goes, ...') in a story told, not a movement or a change ('the server went down', 'it went wrong')."""
    if verb.lemma_.lower() != "go":
        return False
    return all(c.dep_ in _BARE_GO_PARTS or c.dep_ == "advmod" and c.lower_ == "then" for c in verb.children)


def _dates(verb: Token) -> bool:
    """A clause that only dates the sentence's event: one it came before ('[before I went on holiday] we sent it
    off', 'until the season started') or one measured from ('[the day after we moved] the server died'); 'after we
    lost the contract' alone may well be what set the story off."""
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    measured = any(c.dep_ == "npadvmod" for c in verb.children)
    return bool(marks & {"before", "until", "till"} or marks & {"after", "since"} and measured)


def _how_known(verb: Token) -> bool:
    """A clause, or one joined to it, that says how the speaker knows or remembers ('I know [because my daughter had
    a netball tournament] and [I missed it]'): the proof of a date, not the story's event."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    because = any(c.dep_ == "mark" and c.lower_ in {"because", "cause", "'cause"} for c in verb.children)
    return because and verb.dep_ == "advcl" and verb.head.lemma_.lower() in {"know", "remember", "recall"}


def _asked_about(verb: Token) -> bool:
    """A clause that is a question a verb names ('asked [how the money was reconciled]', 'didn't know [whether it had
    arrived]'): what someone asked or wondered, not an event of the story."""
    opener = verb.left_edge
    return verb.dep_ == "ccomp" and (opener.tag_ in {"WRB", "WP", "WDT"} or opener.lower_ in {"whether", "if"})


def _head_verb(tok: Token) -> Token:
    """The verb a word belongs to: itself for a verb, else its first verb above ('come to [you]' -> 'come')."""
    cur = tok
    while cur.pos_ not in {"VERB", "AUX"} and cur.head.i != cur.i:
        cur = cur.head
    return cur


# What a speaker 'had to' or 'was to' do to frame an answer: 'if I had to [pick] a day', 'if I had to [put] a number
# on it', 'if I were to [sum] it up'.
_ANSWER_FRAMES = frozenset("pick choose say guess name sum describe put rate score single narrow".split())


def frames_answer(clause: Token) -> bool:
    """Whether an 'if' clause frames the speaker's answer ('if I had to pick a day', 'if I were to sum it up'): how
    an answer is put, no case lived."""
    return (
        any(c.dep_ == "mark" and c.lower_ == "if" for c in clause.children)
        and clause.lemma_.lower() in {"have", "be"}
        and any(c.dep_ == "xcomp" and c.lemma_.lower() in _ANSWER_FRAMES for c in clause.children)
    )


def told_event(doc: Doc) -> SlotSpan | None:
    """The first event an answer to a trigger question tells (rule "told trigger"): a clause with its own subject,
    told in the past or present ('I had a hundred and twenty orders in one week', 'we failed a fire inspection at one
    of the schools', 'my son got hives after a dinner from one of the kits', 'I was three hundred pounds short on
    match fees': the speaker's lack), up to where its clause ends. Never a state of 'it/that/there was' ('It was tax
    season'), a denied state ('I just didn't have the energy': why nothing changed before, not what changed it), what
    would happen, a question, a thought or someone else's words ('my wife said, we're done'). A past progressive is
    the story's background ('I was doing my tax return [and my accountant asked why ...]'), and so is a present one
    in a story told in the present ("I'm standing in the corridor"): the event told after it in the sentence is the
    trigger; with none, it is returned as rule "told background", which an event the answer tells in its next
    sentence overrides; where only a bare 'go' follows it ('and my phone goes'), it is the scene of news told
    elsewhere: None. A past perfect is background too ('I'd changed the meet time [because the other club moved the
    start]'): what had happened before the event. An event that tells what hurt (`is_setback`: 'we lost the
    account') is returned as rule "told setback": a story's trigger is what went wrong, not the scene set before it.
    One person called by name reaching the speaker ('Mrs Okafor rang me') is returned as rule "told message": the
    story's event, yet one occasion, which no situation says again (`_named_message`); called by name, what they did
    otherwise ('Derek turned up at nine') is rule "told by name", one occasion too (`_called_by_name`)."""
    background: SlotSpan | None = None
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ in {"aux", "auxpass"}:
            continue
        if verb.lemma_.lower() == "be" and not _lacking(verb):
            continue
        if verb.lemma_.lower() in _STATES and _negated(verb) and not _still_lacking(verb):
            continue
        if _grew_up(verb):
            continue  # "I just grew up with my phone": a life's background, no event
        if frames_answer(verb):
            continue  # "But if I had to pick a day, it'd be a Thursday in February.": a case supposed, no event told
        helpers = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
        had_done = pluperfect(verb)
        finite = verb.tag_ in {"VBD", "VBP", "VBZ"} or any(c.tag_ in {"VBD", "VBP", "VBZ"} for c in helpers)
        if not finite and not had_done:
            continue  # no finite verb of its own: a participle, or an infinitive another verb governs
        if any(c.tag_ == "MD" for c in helpers) and not had_done:
            continue
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
        if (
            subject is None
            or subject.lower_ in _NO_TELLER
            or addressed(subject)
            or _question(verb)
            or said_by_others(verb)
        ):
            continue
        if verb.lemma_.lower() in _FRAMING and not _asks_the_speaker(verb, subject):
            continue
        if _back_again(verb):
            continue  # "Then I went back to shearing": the routine the story returns to, after its moment
        if _comma_before_verb(subject, verb):
            continue  # "A little hard drive, lives in the drawer": a thing named, then said of, no event
        if _person_introduced(verb):
            return None  # "So, I've got a friend, Izzy, we did our level one together": who the story is about
        if verb.lemma_.lower() in _WANTING and verb.tag_ in {"VBP", "VBZ"}:
            continue  # "I thought, I need a better backup.": a want voiced, no event
        if _bare_go(verb):
            if background is not None:
                return None  # "I'm standing in the corridor, and my phone goes": the scene of a call, not its news
            continue  # "and he goes, ...": a quote frames the event
        if any(c.dep_ in {"dobj", "attr", "dative"} and c.i < subject.i for c in verb.children):
            continue  # "from what I've seen of contracts": what the clause is about comes before it, no event
        if verb.dep_ == "relcl" and not any(c.lower_ in {"when", "where"} for c in verb.children):
            continue  # "one of the things Sumana looked at": a thing described; "a night when my son got hives" tells
        if _dates(verb):
            continue  # "the day before I went on holiday, we sent it off": what the told event came before
        if _how_known(verb):
            continue  # "It was a Saturday, I know because [my daughter had a tournament]": how the day is remembered
        if _asked_about(verb):
            continue  # "they asked to see [how the trip money was reconciled]": what was asked, not what happened
        if any(
            t.lower_ == "you" and t.dep_ in {"dobj", "dative", "pobj"} and _head_verb(t).i == verb.i
            for t in verb.subtree
        ):
            continue  # "It's made for hairdressers. People come to you.": how things go for anyone, no event
        tokens = [t for t in verb.subtree if t.i >= subject.left_edge.i]
        cut = next(
            (
                k
                for k, t in enumerate(tokens)
                if t.i > verb.i
                and (
                    (t.head.i == verb.i or t.head.head.i == verb.i and t.head.dep_ in _NEW_CLAUSE)
                    and (
                        t.text in {",", ";", ":", "—", "–", "--", "…", "("} or t.lower_ in _BREAK_WORDS or _and_then(t)
                    )
                    or _opens_aside(t)
                    or said_by_others(t)  # 'sent me a message[: "Where is it?"]': the words read out are no event
                )
            ),
            len(tokens),
        )
        tokens = tokens[:cut]
        _trim_dangling(tokens)
        setback = is_setback(verb, subject)  # what hurt is the event, told in whatever tense
        if not tokens or [t.i for t in tokens] != list(range(tokens[0].i, tokens[-1].i + 1)):
            if _background(verb) and not setback:
                continue
            return None
        # When the one-off happened ('last year', 'that weekend', 'two months ago') is no part of a situation that
        # recurs: "I was doing my tax return last year" reads "When I am doing my tax return".
        once = {
            t.i
            for c in verb.children
            if c.i > verb.i and (c.dep_ == "npadvmod" or c.lower_ == "ago" or _on_a_day(c))
            for t in c.subtree
        }
        dated = [t for t in tokens if t.i not in once]
        # "Mum fell [on a Friday evening]": a subject and its verb are whole once the date is gone
        fits = 3 <= len(tokens) and 2 <= len(dated) <= _MAX_SITUATION
        tokens = dated
        if _background(verb) and not setback:
            if fits and background is None:
                background = SlotSpan("situation", tuple(tokens), "When", subject, "told background")
            continue
        rule = "told setback" if setback else "told trigger"
        rule = "told by name" if _called_by_name(subject) else rule
        rule = "told message" if _named_message(verb, subject) else rule
        return SlotSpan("situation", tuple(tokens), "When", subject, rule) if fits else None
    return background


# People one has, introduced before a story about them: 'I've got a friend', 'I have a cousin'.
_INTRODUCED = _PEOPLE | frozenset("friend mate pal cousin sister brother aunt uncle nephew niece".split())


def _person_introduced(verb: Token) -> bool:
    """Whether a present 'have (got)' names a person the speaker has ('I've got a friend, Izzy'): who a story is
    about, no event."""
    have = verb.lemma_.lower() == "have" and verb.tag_ in {"VBP", "VBZ"}
    got = verb.lower_ == "got" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return (have or got) and thing is not None and thing.lemma_.lower() in _INTRODUCED


# The days and times a story's event is dated by ('on a Friday evening', 'on the Tuesday', 'in February').
_DAY_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night weekend "
    "january february march april may june july august september october november december".split()
)


def _on_a_day(prep: Token) -> bool:
    """'on a Friday evening', 'on the Saturday', 'in February': when a story's one event happened, no part of a
    situation that recurs ('When Mum falls [on a Friday evening]')."""
    if prep.dep_ != "prep" or prep.lower_ not in {"on", "in"}:
        return False
    day = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if day is not None and _YEAR.fullmatch(day.text) and not list(day.children):
        return True  # "in 2023", "in '98"
    if day is None or day.lower_ not in _DAY_WORDS:
        return False
    # "in March '23", "in March 2023": a month and its year or day
    return all(
        c.dep_ in {"det", "compound", "amod", "nmod"}
        and c.i < day.i
        or c.dep_ == "nummod"
        and c.i > day.i
        and (c.like_num or c.text in {"'", "’"})
        for c in day.children
    )


_YEAR = re.compile(r"(?:19|20)\d\d|['’]\d\d")


# Words that say a sentence is the gist of a story the next sentences tell, set off by a comma: "It was after I lost
# a job, basically. A client sent feedback in a text message, I missed it, ...".
_GIST = frozenset({"basically", "essentially"})
_GIST_OPENERS = ("long story short", "in short", "in a nutshell", "to cut a long story short")


def sums_up(doc: Doc) -> bool:
    """Whether a sentence is said as the gist of a story: 'basically' or 'essentially' set off by a comma at its end
    or start ('It was after I lost a job, basically.'), or an opener such as 'long story short'. A word inside the
    clause ('I basically lost a job') is a hedge."""
    words = [t for t in doc if not t.is_punct]
    if not words:
        return False
    first, last = words[0], words[-1]
    if first.lower_ in _GIST and first.i + 1 < len(doc) and doc[first.i + 1].text == ",":
        return True
    if last.lower_ in _GIST and last.i > 0 and doc[last.i - 1].text == ",":
        return True
    return doc.text.lower().lstrip().startswith(_GIST_OPENERS)


# "as far as I know", "as much as we might try", "as well as": a frame or a comparison, not a situation.
_AS_FRAMES = frozenset({"far", "much", "well", "such", "same", "just"})
_AS_DURING = frozenset({"soon", "long"})  # "as soon as PyPI goes down", "as long as the service keeps working"
# "as it goes", "as PyPI does", "as I said": the clause points back at something said, it names no situation.
_AS_POINTING_VERBS = frozenset({"go", "do", "say", "know", "mention", "think", "see", "expect", "happen", "turn"})


def as_clauses(doc: Doc) -> Iterator[SlotSpan]:
    """A clause under 'as', 'as soon as' or 'as long as', told in the present, is a situation or trigger: 'as we
    have success with a funded project [, it makes it easier to seek funding]', 'as long as the service keeps
    working' read as 'When ...'. Never a comparison ('as massive as PyPI is') or a frame ('as far as I'm aware')."""
    for mark in doc:
        if mark.lower_ != "as" or mark.dep_ != "mark" or mark.head.dep_ != "advcl":
            continue
        verb = mark.head
        before = doc[mark.i - 1].lower_ if mark.i else ""
        if before in _AS_FRAMES or verb.pos_ not in {"VERB", "AUX"} or _question(verb):
            continue
        if verb.head.pos_ in {"ADJ", "ADV"} and verb.head.lower_ not in _AS_DURING:
            continue  # "as massive as PyPI is": a comparison
        if verb.lemma_.lower() in _AS_POINTING_VERBS:
            continue
        auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
        if verb.tag_ not in {"VBP", "VBZ"} and not any(c.tag_ in {"VBP", "VBZ"} for c in auxes):
            continue  # "as the availability of the service improved": a story
        clause = _state_clause(mark, verb)
        if clause is not None:
            yield SlotSpan("situation", clause[0], "When", clause[1], "as")


# Possessive pronouns said alone: "it's mine", "they aren't ours".
_OWNERS = frozenset({"mine", "ours", "yours", "theirs", "his", "hers"})
_SURE = frozenset({"sure", "certain", "convinced", "positive"})


def says_belief(verb: Token) -> bool:
    """Whether a clause says what the speaker is sure of ('I'm sure we lose money on antifouling')."""
    return verb.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in _SURE for c in verb.children)


def says_whose(verb: Token) -> bool:
    """Whether a clause says whose a thing is ('the rota sheet was mine', 'Marcus's takings aren't ours')."""
    return verb.lemma_ == "be" and any(c.dep_ in {"attr", "acomp"} and c.lower_ in _OWNERS for c in verb.children)


def _compound_named(noun: Token) -> bool:
    """Whether a noun is named by a noun before it ('the [agency] ones')."""
    return any(c.dep_ == "compound" and c.pos_ in {"NOUN", "PROPN"} for c in noun.children)


def _state_clause(mark: Token, verb: Token) -> tuple[tuple[Token, ...], Token] | None:
    """The clause `mark` opens, as said, with its subject: the speaker's own state of affairs in one whole clause of
    4 to _MAX_SITUATION tokens, told in the present or as a state ('there weren't tests'); None otherwise."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    if subject is None or subject.lower_ in _DEICTIC_SUBJECTS - {"you", "they"} and subject.dep_ != "expl":
        return None  # "because it's hard": what 'it' is stayed in the talk around it
    if verb.lemma_.lower() in _OPINING:
        return None  # "because I suspect with new clients, it differs": a hedge on the reason, not a state of affairs
    going_on = _going_on(verb)
    always = any(c.dep_ == "advmod" and c.lower_ == "always" for c in verb.children)
    if always and not going_on:
        return None  # "because I always carry my keys": a standing fact, never the moment a want comes up; "because
        # the drivers were always arguing with Gareth" is a trouble that keeps coming back
    if says_whose(verb):
        return None  # "because Marcus's takings aren't ours": whose a thing is stands, never the moment a want comes
    if says_belief(verb):
        return None  # "because I'm sure we lose money on antifouling": a belief, no state of affairs
    if not _negated(verb) and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        return None  # "because Bernie will kill me if I touch her stuff": what would follow, no state of affairs
    if any(c.dep_ == "dobj" and c.lower_ in {"that", "this"} and c.pos_ == "PRON" for c in verb.children):
        return None  # "because Keith uses that as his main argument": what 'that' is stayed in the talk before it
    if any(c.dep_ == "dobj" and c.lower_ == "ones" and not _compound_named(c) for c in verb.children):
        return None  # "because I've got some older ones from 2021": what the ones are was said before ('the agency
        # ones' name who they are)
    # A second clause joined on ('because the bus is late [and (because) the shop is shut]') is another reason.
    joined = {
        t.i
        for c in verb.subtree
        if c.i > verb.i
        and (
            c.dep_ == "conj"
            and c.head.i == verb.i
            and _subject(c) not in (None, subject)
            or any(m.dep_ == "mark" and m.lower_.replace("’", "'") in _CAUSES for m in c.children)
        )
        for t in c.subtree
    }
    tokens = [t for t in verb.subtree if t.i > mark.i and t.i not in joined]
    if joined:
        tokens = [t for t in tokens if t.i < min(joined)]
        while tokens and tokens[-1].lower_ in _DISCOURSE:
            tokens.pop()  # "... until six [and also]"
    # One clause: up to the first new thought ('..., and then ...', '— ...').
    cut = next(
        (k for k, t in enumerate(tokens) if t.text in {",", ";", ":", "—", "–", "--", "…", "("} and t.i > verb.i),
        len(tokens),
    )
    tokens = tokens[:cut]
    _trim_dangling(tokens)
    if not 4 <= len(tokens) <= _MAX_SITUATION or tokens[0].i != subject.left_edge.i:
        return None
    last = tokens[-1]
    on_verb = last.head.i == verb.i or last.head.dep_ == "prep" and last.head.head.i == verb.i
    if last.lower_ in _POINTS_BACK and last.dep_ in {"dobj", "pobj"} and on_verb:
        # "because the invoice goes with [it]": what 'it' is stayed in the talk before ("because we don't have any
        # insight into it" names what it lacks)
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if len(subjects) > 1 or subject.pos_ == "PRON" and subject.left_edge.i != subject.i:
        return None  # "because uploads you really are talking ...": a misparse, not one clause
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    # A bare participle is a past the tagger misread: "because all the same URLs worked".
    past = verb.tag_ == "VBD" or verb.tag_ == "VBN" and not auxes or any(c.tag_ == "VBD" for c in auxes)
    if past and subject.dep_ != "expl" and not (always and going_on):
        return None  # "because I was working for Red Hat at the time": a story; "since there weren't tests" and
        # "because the drivers were always arguing with Gareth": a state of affairs, a trouble that kept coming back
    if [t.i for t in tokens] != list(range(tokens[0].i, tokens[-1].i + 1)):
        return None  # a clause with a hole in it would not read as said
    return tuple(tokens), subject


# --------------------------------------------------------------------------- a lexical test before parsing


def may_give_cause(text: str) -> bool:
    """False when neither `causes` nor `triggers` can fire on the text, judged from its words alone."""
    return bool(set(_WORD.findall(text.lower().replace("’", "'"))) & (_CAUSES | _TRIGGER_FORMS))


def may_tell_only_way(text: str) -> bool:
    """False when `_only_ways` cannot fire on the text, judged from its words alone."""
    words = set(_WORD.findall(text.lower()))
    return "only" in words and bool(words & {"way", "ways"})


_WORD = re.compile(r"[a-z]+|'[a-z]+")
# Forms of the goal verbs the rules read ('want', 'try', ...; 'need' too): with a 'to' they may head a goal.
_GOAL_FORMS = frozenset(
    f"{stem}{ending}"
    for stem in ("want", "hope", "aim", "plan", "need")
    for ending in ("", "s", "ed", "ing", "ned", "ning", "d")
) | frozenset({"try", "tries", "tried", "trying"})
# Words that may start a rule on their own: modals ('can', 'couldn't', 'we'll', 'should'), 'able', making sure,
# letting and helping.
_OPENERS = frozenset(
    "can could couldn cannot will won 'll should shouldn able ensure ensures ensuring sure "
    "let lets letting allow allows allowed allowing enable enables enabled enabling help helps helped helping "
    "permit permits permitted".split()
)
_MAKE_FORMS = frozenset({"make", "makes", "making", "made"})
# With a 'to': a word a rule hangs the 'to'-verb from ('hard to', 'the goal is to', 'no way to', 'easier to').
_TO_HEADS = (
    _GOAL_FORMS
    | _DIFFICULT
    | _NICE
    | _IMPORTANT
    | _GOAL_NOUNS
    | _MAKE_FORMS
    | _EASIER
    | frozenset("chance chances way time ability opportunity".split())
)
_TO_SUBJECTS = frozenset({"i", "we"})  # 'we need to refactor PyPI [to make it modern]'
# 'so (that) I/we' + a verb, after a word of the same sentence other than 'and'/'but'/'or': where `_so_purpose` may
# find a purpose. Not before a hedge, a denial, a past or a modal (the 'so I can' words pass above on their own).
_SO_OWN = re.compile(
    r"(?<![a-z'’])(?!(?:and|but|or)\b)[a-z0-9'’]+,? so (?:that )?(?:i|we)(?:['’]d| would)? "
    r"(?!(?:think|guess|mean|suppose|don|didn|never|was|were|had|would|could|can|will|might|should)\b)[a-z]"
)


def may_hold_slot(text: str) -> bool:
    """False when no rule of `motivations` or `outcomes` can fire on the text, judged from its words alone.

    A parse costs far more than this test: mining parses only the sentences that pass it (or carry a cue or a
    struggle, which `situations` reads). Each rule above needs one of these words; a rule added there adds its
    words here (tests/pipelines/test_slots.py checks every sentence of the pypi interviews a rule fires on)."""
    words = set(_WORD.findall(text.lower().replace("’", "'")))
    if words & (_OPENERS | _IMPORTANT):
        return True  # 'important' also without a 'to': "it's critical that we [keep] ..."
    if "to" in words and words & (_TO_HEADS | _TO_SUBJECTS):
        return True
    opening = list(itertools.dropwhile(lambda w: w in _HEDGES, _WORD.findall(text.lower())))
    if opening[:1] == ["to"]:
        return True  # a bare purpose: "So maybe to see how often ..."
    if _SO_OWN.search(text.lower()):
        return True  # "we log every call so that we have a record"
    if words & _NICE and (words & {"would", "'d"}):
        return True  # 'it would be great if we could ...'
    if words & (_GOALS_SAID | {"point"}) and words & {"me", "us", "my", "our"}:
        return True  # 'the goal for me is that ...', 'the point of it for me is knowing ...'
    if "all" in words and words & {"ask", "asking"} or "save" in words and words & {"me", "us"}:
        return True  # "all I'm asking is that ...", "it would save me hours if ..."
    if "after" in words and words & _TO_SUBJECTS:
        return True  # "I'm after something that ..."
    if {"what", "help"} <= words and words & {"would", "'d"}:
        return True  # "what would help is to ..."
    if "wish" in words and words & {"would", "'d"}:
        return True  # "I wish Sandra would ...", "I wish it would let me ..."
    if "if" in words and words & {"just", "only"} and words & {"me", "us"}:
        return True  # "if it would just let me ...", "if it could only show me ..."
    if {"no", "of"} <= words and words & {"way", "chance"}:
        return True  # "I had no way of knowing ..."
    if words & (_GOAL_FORMS | {"like", "love"}) and words & _PLACING:
        return True  # "I want all the bookings in one place"
    if words & (_GOALS_SAID | {"dream", "settle"}):
        return True  # 'the aim was one calendar ...', 'the dream is that ...', "I'd settle for ..."
    if may_tell_only_way(text):
        return True  # 'the only way we find out about a change is ...'
    # 'the service has been far more reliable', 'road mapping is a lot easier'
    better = words & _BETTER
    return bool(better) and (bool(words & {"more", "much"}) or any(w.endswith("er") for w in better))
