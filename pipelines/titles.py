"""Job titles: the job as a verb-led phrase in the customer's words ("Keep PyPI running without burning out")."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from itertools import dropwhile, islice
from typing import TYPE_CHECKING

from pipelines.jtbd_words import PERSON_NOUNS, PERSON_PRONOUNS, TIME_NOUNS
from pipelines.nlp import load_nlp, parse
from pipelines.statements import (
    CONTENT_POS,
    GENERIC_WORDS,
    StatementCandidate,
    content_words,
    first_person,
    reported,
    statement_problems,
    time_won_back,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

MAX_TITLE_WORDS = 12
NO_GOAL = "No goal said: "  # how the title of talk in which no customer says what they want done starts
# Closeness to a job's members (mean cosine) closer than this is a tie (see `choose_title`).
FIT_STEP = 0.01
_POINTING = frozenset({"this", "that", "these", "those"})
# Verbs that carry talk rather than a job ("I think", "I mean", "you know") never lead a title.
_TALK_VERBS = frozenset(
    "be have do think know mean guess say tell remember feel seem suppose get go agree talk speak ask start "
    "bring put come happen make let see look want need try ramble end wind sit hear read listen love like care "
    "worry wonder exist hit view assume imagine discuss mention explain describe".split()
)
# What happens to people ("suffer a lot of burnout", "lose an email") is a pain they have, not progress they seek.
_UNDERGO_VERBS = frozenset("suffer lose miss forget fail break struggle hurt crash lack regret hate complain".split())


# ... and where a time limit starts ("Find out if I've broken something [before a maintainer has to spend ...]")
_CLAUSE_OPENERS = frozenset(
    {"that", "which", "who", "where", "when", "because", "so", "but", "and", "while", "if", "before", "until"}
)


# Words a title may not end on: it would stop mid-thought ("... feature that", "... on how it's").
_TAIL_WORDS = frozenset(
    "and or but the a an to of for in on with that my so because at by from each every all some any this these those "
    "their our your its as than into".split()  # "... the same place [as]", "... sooner [than]": a comparison cut off
)
_DETERMINERS = frozenset("the a an my this these those their our your its each every all some any".split())
_OPEN_CONTRACTIONS = frozenset("it's that's there's what's he's she's they're we're you're i'm how why what".split())


def _open_end(word: str, *, cut: bool) -> bool:
    low = word.lower().replace("’", "'")
    return low in _OPEN_CONTRACTIONS or cut and low.strip(",") in _TAIL_WORDS


# How many words past the limit a title may run to end whole where no phrase ends before it (`_clip`): a verb's
# "it" left on its own would dangle.
_SHORT_TAIL = 1


def _asks_two(words: list[str]) -> bool:
    """A question of two wh-words, the second left where its answer goes ('who is waiting on what'): whole as said."""
    low = [w.lower() for w in words]
    return len(low) > 3 and low[-1] == "what" and low[-2] in {"on", "for", "with", "about"} and "who" in low[:-2]


# "avoid being the person who chases a bride for money ...": a part named by what its holder does.
_PART_DOING = re.compile(r"^(avoid|stop) being the (?:one|person) (?:who|that) (\w+)\s+(.+)$", re.IGNORECASE)


# Verbs whose third person drops more than an 's' ('the person who [has] to hold it all together').
_IRREGULAR = {"has": "have", "does": "do", "goes": "go", "is": "be"}


def _part_as_doing(text: str, limit: int) -> str:
    """A part wanted out of, too long for a title, said as the doing that makes it ('avoid being the person who
    chases a bride for money she's already paid me' -> 'avoid chasing a bride for money she's already paid me'): cut
    at its 'who', it would name no part at all ('Avoid being the person')."""
    from pipelines.slots import gerund

    said = _PART_DOING.match(text)
    if said is None or len(text.split()) <= limit:
        return text
    verb = said.group(2).lower()
    lemma = _IRREGULAR.get(verb) or (verb[:-3] + "y" if verb.endswith("ies") else verb)
    if lemma == verb:
        lemma = verb[:-2] if verb.endswith(("ches", "shes", "sses", "xes", "zes")) else verb.removesuffix("s")
    doing = gerund(lemma) if verb.endswith("s") else None
    return f"{said.group(1)} {doing} {said.group(3)}" if doing else text


# "press a button and [get a printed book of the year]": the press is the means, what follows it the job.
_PRESSES = frozenset("press click tap hit push".split())
_PRESSED = frozenset("button key".split())


def _past_one_press(words: list[str]) -> list[str]:
    """A goal said as pressing one button and getting something ('press one button and have my week come out on
    paper'): the title names what the press gets, not the press."""
    low = [w.lower().strip(",") for w in words[:5]]
    if len(words) < 6 or low[0] not in _PRESSES or low[1] not in {"a", "one", "the"} or low[2] not in _PRESSED:
        return words
    return words[4:] if low[3] == "and" else words


def _clip(text: str, limit: int = MAX_TITLE_WORDS) -> str:
    """At most `limit` words, cut before a trailing function word so the phrase ends on content; a goal's own
    'try to' goes ('Try to have one person from each region' names the job as 'Have one person from each region'),
    and so does its 'be able to' ('See every open order', not 'Be able to see ...': wanting it says the ability),
    and its 'get to the point where I can' (`_past_reaching`)."""
    # A purpose set off by a comma ("run locally, to make changes") reads as one phrase in a title.
    words = re.sub(r",\s+(?=to\s)", " ", _part_as_doing(text, limit)).split()
    words = _past_reaching(words)
    for lead in (["try", "to"], ["be", "able", "to"]):
        if len(words) > len(lead) + 1 and [w.lower() for w in words[: len(lead)]] == lead:
            words = words[len(lead) :]
    words = _past_one_press(words)
    if len(words) > limit and len(words) > 3 and words[0].lower() in _LEARN_VERBS and words[1].lower() == "that":
        words = [words[0], *words[2:]]  # "Know every box that leaves the yard ...": its 'that' goes before a cut
    cut = len(words) > limit or bool(words) and _open_end(words[-1], cut=False) and not _asks_two(words)
    if not cut:
        return " ".join(words)  # "know what people use the API for" ends whole
    # The length cut splits a phrase unless it falls where one ends or a clause of its own starts.
    split = len(words) > limit and not (
        words[limit - 1].endswith(",") or words[limit].lower() in _CLAUSE_OPENERS | {"or", "and"}
    )
    whole, words = words, words[:limit]
    # Cut where a clause of its own starts rather than inside it: "... some other feature [that I]", or before the
    # last of two things joined ("... before something breaks [or goes]"), whichever keeps more; never at the
    # question a verb of finding out asks ("know exactly [which clients ...]"), which would leave the verb without it.
    # A comma ends a phrase too: the length cut would leave the start of the next one hanging ("... in one go[,
    # straight] from the orders").
    # Two single words joined, with the phrase going on after them ("says yes or no [for each match]"), are one
    # answer: the cut falls after the pair, never inside it ("... every player says yes").
    opens = [
        k + 2 if _pair(words, k) else k
        for k, w in enumerate(words)
        if k >= 3
        and (
            w.lower() in _CLAUSE_OPENERS | {"or", "and"}
            and not {v.lower() for v in words[k - 2 : k]} & _LEARN_VERBS
            and not _binomial(words, k)
            or split
            and words[k - 1].endswith(",")
        )
    ]
    if opens:
        words = words[: opens[-1]]
    elif split and len(whole) - limit <= _SHORT_TAIL and not _open_end(whole[-1], cut=True):
        # Nowhere to end a phrase before the limit, and a word or two past it the phrase ends whole: a slightly
        # long title beats one cut mid-clause ("... the minute the client makes [it]").
        return " ".join(whole).rstrip(",")
    elif len(words) > 4 and _gerund(words[-1]) and words[-2].lower() in _GERUND_PREPOSITIONS:
        words = words[:-2]  # "... in a slow month [without going] short on rent": the doing lost what it is
    while len(words) > 2 and _open_end(words[-1], cut=True):
        words.pop()
    return " ".join(words).rstrip(",")


# "get to the point where I can", "reach a stage where we can", "get to where I can": a point on the way reached,
# named by the doing it lets the speaker do ("get to the shop where I can buy bread" goes somewhere).
_REACHING = re.compile(
    r"^(?:get to|reach) (?:(?:the|a|an) (?:point|stage|place|level|position|state|situation) )?(?:where|when) "
    r"(?:i|we) (?:can|could) "
)


def _past_reaching(words: list[str]) -> list[str]:
    """A goal said as reaching a point where the speaker can do something ('get to the point where I can pull the
    figures for any funder') without the reaching: the doing is the progress ('Pull the figures for any funder')."""
    said = " ".join(w.lower().replace("’", "'") for w in words[:8])
    found = _REACHING.match(said + " ")
    if found is None:
        return words
    rest = words[len(found.group(0).split()) :]
    return rest if len(rest) >= 2 else words


def _pair(words: list[str], k: int) -> bool:
    """Whether the 'or'/'and' at `k` joins two single words and a phrase of function words goes on after them; a
    determiner after the second word starts its object ('press one button and have [my week] printed')."""
    return (
        words[k].lower() in {"or", "and"}
        and k + 2 < len(words)
        and words[k + 2].lower() in _TAIL_WORDS - _DETERMINERS
        and not words[k - 1].endswith(",")
        and not words[k + 1].endswith(",")
    )


# Word pairs joined by 'and' that say one thing ('running [up and down] the stairs', 'back and forth'): no two
# phrases to cut between.
_BINOMIALS = frozenset(
    {("up", "down"), ("back", "forth"), ("in", "out"), ("on", "off"), ("to", "fro"), ("round", "round")}
)


def _binomial(words: list[str], k: int) -> bool:
    """Whether the 'and' at `k` joins a pair that says one thing ('up and down')."""
    return (
        words[k].lower() == "and"
        and 0 < k < len(words) - 1
        and (words[k - 1].lower(), words[k + 1].lower().strip(",")) in _BINOMIALS
    )


_GERUND_PREPOSITIONS = frozenset("without by before after from of for in on about instead".split())


def _gerund(word: str) -> bool:
    """A word in -ing that reads as a doing: not 'something', 'morning' or 'evening'."""
    low = word.lower()
    return len(low) >= 5 and low.endswith("ing") and not low.endswith(("thing", "morning", "evening"))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


_DOERS = frozenset({"i", "we", "you"})
_HYPOTHETICAL = frozenset({"would", "'d", "could", "might", "should"})
_CONCEDING = frozenset({"although", "though", "whereas"})
# Verbs that pass on what someone says ("they've said you can pay by card"): what follows is their word, not a job.
_SAYING_VERBS = frozenset("say tell claim promise announce".split())


def _clause(verb: Token) -> tuple[Token | None, set[str]]:
    """The subject of a verb's clause, up its xcomp/conj/advcl chain ('we [want to] run a proxy'), and what the
    chain says of it on the way: 'passive', 'hypothetical' ('might'), 'condition' ('if'), 'conceded' ('although'),
    'denied'."""
    found: set[str] = set()
    cur = verb
    for _ in range(4):
        children = list(cur.children)
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in children):
            found.add("passive")
        if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in children):
            found.add("hypothetical")
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children):
            found.add("condition")
        if any(c.dep_ == "mark" and c.lower_ in _CONCEDING for c in children):
            found.add("conceded")  # "although you can print it, ...": a point granted, not progress sought
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in children):
            found.add("denied")  # "I didn't end up using those": what they did not do is not their job
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        if subject is not None or cur.dep_ not in {"xcomp", "conj", "advcl"} or cur.head.i == cur.i:
            return subject, found
        cur = cur.head
    return None, found


def _done_by_customers(verb: Token) -> bool:
    """What the customers themselves do or set out to do ('we run a proxy', 'I want to fund it'), not what
    others do, what happened to them (passive) or what might happen ('you'd lose the numbers')."""
    subject, found = _clause(verb)
    return not found and subject is not None and subject.lower_ in _DOERS


def _dated(verb: Token) -> bool:
    """A story told with its date ('last year I ran the maintainer summit', 'used PyPI since 2007'): history, not a
    job the person has now."""
    for t in verb.subtree:
        if t.lower_ in {"ago", "yesterday"} or t.lower_ == "last" and t.head.lemma_.lower() in TIME_NOUNS:
            return True
        if t.like_num and len(t.text) == 4 and t.text[:2] in {"19", "20"}:
            return True
    return False


_PARTIES = frozenset(
    "sponsor company companies foundation organisation organization org vendor provider board government funder "
    "donor employer client partner corporation business".split()
)


def _done_by_someone(verb: Token) -> bool:
    """What a person or a party does, whoever it is ('the sponsor hosts the index', 'they deprecate the API'), not
    what a thing does ('the previous method exposed a password')."""
    subject = _clause(verb)[0]
    if subject is None:
        return False
    lemma = subject.lemma_.lower()
    return subject.lower_ in PERSON_PRONOUNS or subject.pos_ == "PROPN" or lemma in PERSON_NOUNS | _PARTIES


def _not_done(verb: Token) -> bool:
    """What might happen, would be, happens only under an 'if' ("somebody might write a blog post"), or is granted
    in passing ("although you can ..."): nobody's job."""
    return bool(_clause(verb)[1] & {"hypothetical", "condition", "conceded"})


def _others_say(verb: Token) -> bool:
    """The verb, or the one it hangs from, is what someone other than the speaker says ("they've said you can pay on
    the website", "we were told we could ..."): their word passed on, not a job the customers set out to do; what the
    speaker says they do ("I said we should ...") is their own."""
    cur = verb
    for _ in range(4):
        if cur.dep_ == "ccomp":
            head = cur.head
            if head.lemma_.lower() not in _SAYING_VERBS:
                return False
            subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
            return subject is None or subject.lower_ not in {"i", "we"}
        if cur.dep_ not in {"xcomp", "conj"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _told_as_past(verb: Token) -> bool:
    """The verb, or the one it hangs from ('I started [submitting patches]', 'I had to borrow money [to pay the tax
    office]', 'I was in Tenerife [forwarding a code]'), told in the past: a story's event ('we applied for and
    received funding'), not a job the person has now."""
    cur = verb
    for _ in range(4):
        if cur.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in cur.children):
            return True
        purpose = cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        # a participle with no subject or auxiliary of its own tells what its clause's doer was doing then
        doing = (
            cur.dep_ == "advcl"
            and cur.tag_ == "VBG"
            and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "mark"} for c in cur.children)
        )
        if cur.dep_ not in {"xcomp", "conj"} and not purpose and not doing or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


# What opens a sentence told of the old way ("Before, you'd show up and ...", "Back then we ..."): its doings are how
# things went, no job of now.
_OLD_WAY_OPENERS = (("before", ","), ("back", "then"), ("in", "the", "old", "days"))


def _told_of_before(verb: Token) -> bool:
    """Whether the verb's sentence opens on 'Before,' or 'Back then' (after 'and', 'so', 'well', 'but')."""
    opening = dropwhile(lambda t: t.is_punct or t.lower_ in {"and", "so", "well", "but"}, verb.sent)
    words = [t.lower_ for t in islice(opening, 4)]
    return any(tuple(words[: len(opener)]) == opener for opener in _OLD_WAY_OPENERS)


def _in_condition(verb: Token) -> bool:
    """The verb lies in the 'if' part of a sentence ("if somebody provides a service and you can bid it out, then
    ..."): the parser may hang it anywhere, but it comes before the clause the condition leads to."""
    sent = verb.sent
    opener = next((t for t in sent if t.lower_ not in {"and", "so", "but", "then", "well"} and not t.is_punct), None)
    return opener is not None and opener.lower_ in {"if", "unless"} and verb.i < sent.root.i


def _addressed(subject: Token) -> bool:
    """A 'you' set off by a comma ("you, in this, are drawing a line"): the speaker turns to the listener."""
    return subject.lower_ == "you" and subject.i + 1 < len(subject.doc) and subject.nbor(1).text == ","


_SPANS = frozenset({*TIME_NOUNS, "time", "while"})


def _opens_with_role(sent: Span) -> bool:
    """Whether a sentence opens by saying what the speaker is: "I'm a pharmacist, ...", "I am an ER nurse, ..."."""
    words = [t for t in sent if not t.is_punct]
    if len(words) < 3 or words[0].lower_ != "i" or words[1].lemma_.lower() != "be" or words[1].tag_ != "VBP":
        return False
    return any(
        c.dep_ == "attr" and any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in c.children)
        for c in words[1].children
    )


def _introduces_self(verb: Token) -> bool:
    """Who the speaker is, not progress sought: "I run operations at a small accounting firm", "I work for a bank",
    "I live with my partner Sam"."""
    # "I", a plain present verb, no object or a bare one (a field of work: "operations", "facilities"), and a place
    # introduced with "a": "we run a proxy for our company" and "I run a proxy for a client" act on something.
    if _opens_with_role(verb.sent):
        return True  # "I'm a physiotherapist, I work on my own, I rent a room in a gym": all of it says who
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ != "i" or verb.tag_ != "VBP" or verb.dep_ != "ROOT":
        return False
    if any(c.dep_ in {"aux", "neg", "xcomp"} for c in children):
        return False
    if verb.lemma_.lower() == "live" and any(c.dep_ == "prep" and c.lower_ in {"with", "in"} for c in children):
        return True  # "I live with my partner Sam", "I live in the same house"
    if any(c.dep_ in {"ccomp", "advcl"} for c in children):
        return False
    objects = [c for c in children if c.dep_ == "dobj"]
    if any(o.pos_ != "NOUN" or any(g.dep_ in {"det", "poss", "nummod"} for g in o.children) for o in objects):
        return False
    # The place hangs from the verb or from its bare object ("manage facilities [for a school district]").
    return any(
        p.dep_ == "prep"
        and p.lower_ in {"at", "for"}
        and any(
            g.dep_ == "pobj"
            and g.lemma_.lower() not in _SPANS  # "for a long time" says when, not where
            and any(d.dep_ == "det" and d.lower_ in {"a", "an"} for d in g.children)
            for g in p.children
        )
        for p in (*children, *(c for o in objects for c in o.children))
    )


def _tells_scale(verb: Token) -> bool:
    """What the speaker or their business does as a plain fact of the present, with how much of it ("We send parts
    to about three hundred bike shops", "We roast about forty kilos a week"): the size of what they do, told as who
    they are, not progress sought. A want, a need or a change ("we want to ship forty orders a day") is said with a
    verb of its own, so it is no plain present."""
    children = list(verb.children)
    subject = _clause(verb)[0]  # "we roast on Tuesdays and [ship] ...": a verb joined to another shares its subject
    if subject is None or subject.lower_ not in {"i", "we"} or verb.tag_ != "VBP":
        return False
    main = verb
    while main.dep_ == "conj" and main.head.i != main.i:
        main = main.head
    if main.dep_ != "ROOT" or any(c.dep_ in {"mark", "advmod"} and c.lower_ == "so" for c in main.children):
        return False  # "..., so the packers never leave the bench and we make the four o'clock collection"
    if any(c.dep_ in {"aux", "neg", "xcomp", "ccomp", "mark"} or c.lower_ in {"now", "never"} for c in children):
        return False  # "now we ship forty orders a day": what changed, an outcome
    # A thing it acts on, or a span it takes, counted ("in one go" counts nothing), in the verb's own clause; a
    # count weighed against another ("we save around eighty dollars a week compared to the kits", "less", "than")
    # tells what changed, an outcome.
    inner = {d.i for c in children if c.dep_ in _CLAUSE_DEPS for d in c.subtree}
    own = [t for t in verb.subtree if t.i not in inner]
    if any(t.tag_ in {"JJR", "RBR"} or t.lemma_.lower() in {"compare", "than"} for t in own):
        return False
    return any(t.dep_ == "nummod" and t.like_num and t.lower_ != "one" and t.head.pos_ == "NOUN" for t in own)


def _scene(verb: Token) -> bool:
    """An -ing verb with a subject of its own and no 'be' ("it was chaos, [people queuing at the printers]"): a
    scene the speaker paints, not something anyone sets out to do."""
    children = list(verb.children)
    return (
        verb.tag_ == "VBG" and any(c.dep_ == "nsubj" for c in children) and not any(c.dep_ == "aux" for c in children)
    )


def _liked(verb: Token) -> bool:
    """What the speaker likes doing as things are ("I like to hold the money"), not what they would like done."""
    head = verb.head
    return (
        verb.dep_ == "xcomp"
        and head.lemma_.lower() in {"like", "love", "enjoy", "prefer"}
        and head.tag_ in {"VBP", "VBZ"}
        and not any(c.dep_ == "aux" for c in head.children)
    )


def _verb_phrase(text: str, *, customers_only: bool = True) -> str:
    """The main verb phrase of a sentence in base form ('we deploy to Heroku daily' -> 'deploy to Heroku daily');
    with customers_only, only one the customers themselves do (see `_done_by_customers`)."""
    doc = parse([text])[0]
    best: Token | None = None
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() in _TALK_VERBS | _UNDERGO_VERBS or not tok.lemma_.isalpha():
            continue
        if any(c.dep_ == "neg" for c in tok.children):
            continue
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subject is not None and any(c.dep_ == "aux" and c.i < subject.i for c in tok.children):
            continue  # "do I buy seeds this year or not": a question, said with or without its mark
        bare = not any(c.dep_ in {"aux", "mark", "nsubj"} for c in tok.children)
        if tok.tag_ == "VB" and tok.dep_ == "advcl" and bare:
            continue  # "chasing them [round] the site": a bare verb hung on nothing is a preposition misread
        if not (_done_by_customers(tok) if customers_only else _done_by_someone(tok)):
            continue
        if _clause(tok)[1] & {"passive", "denied"}:
            continue  # "projects you don't want to be published on PyPI": not done, or done to something
        if _not_done(tok) or reported(tok) or _dated(tok) or _told_as_past(tok) or _in_condition(tok):
            continue
        if _told_of_before(tok):
            continue
        if _others_say(tok):
            continue
        if _introduces_self(tok) or _scene(tok) or _tells_scale(tok):
            continue
        if any(c.dep_ == "advmod" and c.lower_ == "still" for c in tok.children) or _liked(tok):
            continue  # "I still keep a little cash in the envelopes": the habit of the present, not progress sought
        subject = _clause(tok)[0]
        if subject is not None and _addressed(subject):
            continue  # what the listener does is not the customers' job
        if any(c.lower_ in {"us", "me"} and c.dep_ in {"dobj", "dative"} for c in tok.children):
            continue  # "it provides us with less liability": done for the customers, "Provide me with ..." misreads it
        if any(c.lower_ == "you" and c.dep_ in {"dobj", "dative"} for c in tok.children):
            continue  # "I'll send you a bag", "I'll show you an excerpt": done for the listener, talk of the interview
        # A job acts on something: the verb needs a noun object ("fund the servers"), not "do it" or "step in".
        objects = [c for c in tok.children if c.dep_ == "dobj"] + [
            g for p in tok.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
        ]
        if (
            tok.dep_ in {"relcl", "acl", "pcomp"}
            or _in_relative(tok)
            or not any(o.pos_ in {"NOUN", "PROPN"} and o.i > tok.i for o in objects)
        ):
            continue  # "the projects I've worked on": the object sits outside the phrase
        if any(c.dep_ == "dobj" and c.lower_ in _POINTING | {"it", "them"} for c in tok.children):
            continue  # "maintain that until the PEP changes": what it acts on is in the talk around it
        best = tok
        break
    if best is None:
        return ""
    keep = [
        t
        for t in best.subtree
        if t.i >= best.i and not (t.head.i == best.i and t.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "neg"})
    ]
    # Stop at the first clause break after the verb (punctuation, a conjunction of verbs, or a clause of its own such
    # as "the project [I pushed to PyPI]"): a title names one job.
    clauses = {
        d.i
        for t in best.subtree
        if t.i != best.i and t.dep_ in {"relcl", "advcl", "ccomp", "acl", "parataxis"}
        for d in t.subtree
    }
    out: list[Token] = []
    for t in keep:
        if t.i > best.i and (
            (t.is_punct and t.text in {",", ";", ":", "—", "–", "."})
            or t.dep_ == "mark"
            or (t.dep_ == "cc" and t.head.pos_ in {"VERB", "AUX"})  # "FOSS and non-FOSS" is one object
            or t.i in clauses
        ):
            if t.i in clauses and t.lower_ in {"what", "how", "whether"}:
                return ""  # "define from the data [what we should be doing]": the clause cut off is what it acts on
            break
        out.append(t)
    while out and (out[-1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PRON"} or out[-1].is_punct):
        out.pop()  # "use the data to tell me": a title ends on what the job is about, not on a pronoun
    if len(out) < 2 or out[-1].pos_ == "VERB" and out[-1].i != best.i:
        return ""  # "use the data to tell": a phrase that stops on a verb has lost its object
    return _in_base_form(out, best)


def _in_relative(verb: Token) -> bool:
    """The verb hangs, through the verbs it completes, from a relative clause ('a tablet [I have to touch with dough
    on my hands]'): it tells the thing, whose doing lies outside the phrase."""
    cur = verb
    for _ in range(4):
        if cur.dep_ not in {"xcomp", "conj"} or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.dep_ in {"relcl", "acl"}:
            return True
    return False


def _in_base_form(out: list[Token], verb: Token) -> str:
    """The phrase in the first person, present tense, led by its verb's base form ('deploy to Heroku daily')."""
    phrase = first_person(out, present=True)
    if not phrase:
        return ""
    words = phrase.split()
    words[0] = verb.lemma_.lower()
    return " ".join(words)


# Verbs of finding out that name a job only with what is found out ("see how often a project is downloaded").
_LEARN_VERBS = frozenset("see know find learn understand figure tell".split())
_WH_WORDS = frozenset({"how", "what", "whether", "which", "who", "when", "where", "why", "if"})
_PAST_AUX = frozenset({"was", "were", "did", "had"})
_CLAUSE_DEPS = frozenset({"relcl", "advcl", "ccomp", "acl", "parataxis", "conj"})


def _owner(verb: Token) -> Token | None:
    """The verb of the clause a purpose infinitive belongs to: up its heads (through nouns and adjectives: "the time
    costs [to pay someone]") to the first verb with a subject, else the sentence's root."""
    cur = verb
    for _ in range(8):
        if (
            cur is not verb
            and cur.pos_ in {"VERB", "AUX"}
            and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in cur.children)
        ):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return None


def _own_purpose(verb: Token) -> bool:
    """Whether a purpose infinitive is the customers' own need or cost, said now: its clause's subject is I, we or
    you ("you can look at the time costs to pay someone"), or it has none (a fragment going on with the speaker's
    own thought: "so maybe to see how often ..."); never what others do, a story ("we used the grant to"), what is
    denied, or only under an "if"."""
    owner = _owner(verb)
    if owner is None:
        return False
    subject = next((c for c in owner.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    if subject is None and not any(c.dep_ == "aux" and c.lower_ == "to" for c in owner.children):
        return False  # "the committee, for example, tries to include people": a subject the parse lost, not a purpose
    if subject is not None and subject.lower_ not in _DOERS:
        return False
    if verb.sent[-1].text == "?" or any(t.text == "?" for t in verb.sent):
        return False  # "what do we have to replicate into this new thing?": a question, not a need
    children = list(owner.children)
    if owner.tag_ in {"VBD", "VBN"} or any(c.dep_ == "aux" and c.lower_ in _PAST_AUX for c in children):
        return False  # history: "there was an effort to implement some monitoring"
    if any(c.dep_ == "neg" or c.lower_ == "never" for c in children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in children):
        return False
    return not (reported(verb) or _dated(owner))


def _learns(verb: Token) -> bool:
    """A verb of finding out with the question it answers ("see how often a project is downloaded")."""
    return verb.lemma_.lower() in _LEARN_VERBS and any(
        c.dep_ == "ccomp" and any(w.lower_ in _WH_WORDS and w.i < c.i for w in c.subtree) for c in verb.children
    )


def purpose_phrase(text: str) -> str:
    """A purpose infinitive with what it acts on, in base form, where the customers say it as their own need or cost
    ("you can look at the time costs to pay someone to address production outages" -> "pay someone to address
    production outages"): the verb may hang on a noun or have no subject, which `_verb_phrase` refuses; "" if none."""
    doc = parse([text])[0]
    for tok in doc:
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if tok.dep_ == "conj":  # "to look at and see how often ...": the conjunct shares the "to"
            infinitive = infinitive or any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.head.children)
        if tok.pos_ != "VERB" or not infinitive or not tok.lemma_.isalpha() or tok.dep_ == "ccomp":
            continue
        lemma = tok.lemma_.lower()
        learns = _learns(tok)
        if lemma in _UNDERGO_VERBS or lemma in _TALK_VERBS and not learns:
            continue
        if any(c.dep_ in {"neg", "auxpass", "nsubj", "nsubjpass"} for c in tok.children):
            continue
        objects = [c for c in tok.children if c.dep_ == "dobj"] + [
            g for p in tok.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"
        ]
        if not learns and not any(o.pos_ in {"NOUN", "PROPN"} or o.lower_ in {"someone", "somebody"} for o in objects):
            continue  # a job acts on something
        if not _own_purpose(tok):
            continue
        phrase = _purpose_words(tok)
        # Two words of its own beside the verb, as a central quote's phrase needs ("work as contractors" is too thin).
        if phrase and len(content_words(phrase)) >= 3 and not statement_problems(want=phrase):
            return phrase
    return ""


def _purpose_words(verb: Token) -> str:
    """The words of a purpose infinitive from its verb to the first clause break; an infinitive it takes ("someone
    [to address outages]") or the question a verb of finding out asks stays with it."""
    keep_clause = {
        t.i
        for t in verb.subtree
        if t.head.i != t.i
        and (t.head.i == verb.i and t.dep_ == "ccomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children))
    }
    cut = {
        d.i
        for t in verb.subtree
        if t.i != verb.i and t.dep_ in _CLAUSE_DEPS and t.i not in keep_clause
        for d in t.subtree
    }
    out: list[Token] = []
    for t in verb.subtree:
        if t.i < verb.i or t.head.i == verb.i and t.dep_ in {"aux", "nsubj"}:
            continue
        if t.i > verb.i and (t.is_punct and t.text in {",", ";", ":", "—", "–", ".", "…"} or t.dep_ == "cc"):
            break
        if t.i in cut:
            break
        out.append(t)
    asks = any(t.lower_ in _WH_WORDS for t in out)
    while out and (out[-1].pos_ in {"ADP", "DET", "CCONJ", "SCONJ", "PART", "AUX", "PRON"} or out[-1].is_punct):
        if asks and out[-1].pos_ == "ADP" and not list(out[-1].children):
            break  # "know what people use the API for": the question's own preposition
        out.pop()
    if len(out) < 2:
        return ""
    return _in_base_form(out, verb)


def _says_enough(goal: str) -> bool:
    """Two words that say what the job is about, a number counting as one ('get the second 80% done'), or the
    speaker's own time won back ('get my Sundays back')."""
    return len(content_words(goal)) + sum(any(c.isdigit() for c in w) for w in goal.split()) >= 2 or time_won_back(goal)


def _specific(text: str) -> set[str]:
    """The content words of a text that say what it is about (not 'thing', 'get', 'time')."""
    return content_words(text) - GENERIC_WORDS if text.strip() else set()


def _beside(phrase: str, about: set[str]) -> bool:
    """Whether a phrase says two specific things, one of them (as lemma or as said) in `about`."""
    tokens = [(lemma, lower) for lemma, lower in _content_tokens(phrase) if lemma not in GENERIC_WORDS]
    return len(tokens) >= 2 and any(lemma in about or lower in about for lemma, lower in tokens)


def _recurring(situation: str, *, limit: int = 6) -> bool:
    """A short situation (at most `limit` words) told in the present ('PyPI goes down'), not a story ('Warehouse
    deployed')."""
    words = situation.split()
    if len(words) > limit or words[0].lower() in {"that", "this", "it", "they", "these", "those"}:
        return False  # "when that causes someone a problem" says what only next to the talk it came from
    return not any(t.tag_ == "VBD" for t in parse([situation])[0])


def _thin(goal: str) -> bool:
    """A goal of a verb and one thing ('seek funding'): it names the job only with what it is for."""
    return len(content_words(goal)) <= 2 and len(goal.split()) <= 3


def _purpose_of(cand: StatementCandidate, *, pointing: bool = False) -> bool:
    """The outcome is what the goal is for, short enough to join the title: said in the same sentence, or anywhere
    when the goal points at what it means ('dedicate that time' to 'respond to security issues')."""
    said_with = pointing or cand.so.evidence == cand.want.evidence
    return bool(cand.so.text) and said_with and len(cand.so.text.split()) <= 5


@dataclass(frozen=True)
class TitleOptions:
    """A job's title options, each (how well it names the job by the rules, phrase as it would be shown), and the
    title to show when there is none (a recurring situation, or "")."""

    options: tuple[tuple[float, str], ...]
    fallback: str
    stated: tuple[bool, ...] = ()  # per option: a statement's goal or outcome (not a central quote's phrase)
    # Purpose infinitives of central quotes ("see how often a really big project is downloaded"): only a choice by
    # fit takes one, where the rules' pick names the job's talk poorly (see `choose_title`), and the job's
    # description offers only those said beside one of its statements, which then leads (title and statement tell
    # one story). Each (phrase, the quote it is said in).
    spare: tuple[tuple[str, str], ...] = ()
    quoted: tuple[str, ...] = ()  # per option: the central quote its phrase is said in ("" for a statement's)

    @property
    def phrases(self) -> tuple[str, ...]:
        """Every phrase a choice by fit reads: the options, then the spare ones."""
        return (*(phrase for _, phrase in self.options), *(phrase for phrase, _ in self.spare))

    def beside(self, told: Collection[str]) -> TitleOptions:
        """These options, less every central quote's phrase (option or spare) not said beside a statement (`told`:
        the quotes one is said beside) where a statement names the job: a title from such a quote would sit over a
        statement on something else ("Pay by card on the website" over "I want to get the hedges cut"). Where no
        statement names it, a quote's phrase fills the gap."""
        keep = [
            k
            for k in range(len(self.options))
            if not (k < len(self.quoted) and self.quoted[k]) or self.quoted[k] in told or not any(self.stated)
        ]
        return TitleOptions(
            tuple(self.options[k] for k in keep),
            self.fallback,
            tuple(self.stated[k] for k in keep) if self.stated else (),
            tuple(s for s in self.spare if s[1] in told),
            tuple(self.quoted[k] for k in keep) if self.quoted else (),
        )

    def said_in(self, k: int) -> str | None:
        """The central quote the phrase at `k` in `phrases` is said in; None for a statement's."""
        if k >= len(self.options):
            return self.spare[k - len(self.options)][1]
        return (self.quoted[k] if k < len(self.quoted) else "") or None


def job_title(
    candidates: Sequence[StatementCandidate],
    central: Sequence[tuple[str, float]] = (),
    keywords: Sequence[str] = (),
    centrality: Mapping[int, float] | None = None,
) -> str:
    """A verb-led title in the customers' words (see `title_options`), chosen by the rules alone."""
    return choose_title(title_options(candidates, central, keywords, centrality))


# A title whose closeness to its own job's members exceeds its closeness to the other jobs' members by less than
# this names the job's talk poorly (pypi: "Determine usage patterns that are problematic for me", 0.07 against 0.07,
# for talk about CDN and download counts); the other titles there lead by 0.05-0.28. Another phrase replaces such a
# title only if it leads by this much more.
POOR_FIT = 0.04


def choose_title(
    found: TitleOptions, fit: Sequence[float] = (), against: Sequence[float] = (), *, closest: bool = True
) -> str:
    """The best of a job's title options by the rules; with `fit` (one per option, or per phrase of
    `TitleOptions.phrases`: its mean cosine to the job's members) and `closest`, the option closest to what the
    members say on average, to FIT_STEP, the rules breaking ties, among the rules' pick and the options a statement
    says (that statement then leads: title and statement read as one). A core job holds several jobs' talk, and the
    rules' lead goal may be one small job's oddity ("Verify that I haven't screwed up some other feature" for a core
    job about communicating changes, committees and funding). With `against` (one per phrase: its mean cosine to
    the other jobs' members), a pick that names the job's talk poorly is replaced (see `_by_fit`)."""
    if not found.options:
        return found.fallback
    return _capitalise(found.phrases[pick_title(found, fit, against, closest=closest)])


def pick_title(
    found: TitleOptions, fit: Sequence[float] = (), against: Sequence[float] = (), *, closest: bool = True
) -> int:
    """The position in `found.phrases` of the title `choose_title` picks (there must be an option)."""
    ranked = [(score, -len(phrase)) for score, phrase in found.options]
    pick = max(range(len(ranked)), key=ranked.__getitem__)
    if closest and len(fit) >= len(ranked):
        stated = found.stated or (False,) * len(ranked)
        pool = [k for k in range(len(ranked)) if stated[k] or k == pick]
        pick = max(pool, key=lambda k: (round(fit[k] / FIT_STEP), *ranked[k]))
    if against and len(fit) == len(against) == len(found.phrases):
        pick = _by_fit(found, pick, fit, against)
    return pick


def _by_fit(found: TitleOptions, best: int, fit: Sequence[float], against: Sequence[float]) -> int:
    """With `against` (one per phrase: its mean cosine to the other jobs' members): the rules' pick `best` unless it
    leads the other jobs' talk by less than POOR_FIT; then the phrase (option or spare) that leads them most, if by
    POOR_FIT more than the pick (a smaller gain does not outweigh a title the lead statement says: one interview
    alone, "Dedicate that time to respond to security issues" 0.019 against "Reduce time on the project" 0.052), the
    rules' order breaking ties (a spare phrase after every option)."""
    lead = [f - a for f, a in zip(fit, against, strict=True)]
    if lead[best] >= POOR_FIT:
        return best
    order = [(score, -len(phrase)) for score, phrase in found.options] + [(-1e9, 0)] * len(found.spare)
    pick = max(range(len(lead)), key=lambda k: (round(lead[k] / FIT_STEP), *order[k]))
    return pick if lead[pick] >= lead[best] + POOR_FIT else best


def _has(goal: str) -> bool:
    """Whether a goal is only to have something ('have a mix of individuals'): a means, not the progress it serves.
    A thing told by what happens with it or what it carries ('have one place where every player says yes or no',
    'have every payment with a name against it') is the state the customer sets out to reach: the progress itself."""
    doc = parse([goal])[0]
    had = [c for c in doc[0].children if c.dep_ == "dobj"]
    if doc[0].lemma_.lower() != "have" or not had:
        return False
    # 'of' says only what the thing is made of ('a mix of individuals'); a clause or any other preposition says
    # what it holds or does ('a list of who is available', 'a calendar they can add to their phones').
    told = (t for t in had[0].subtree if t.i > had[0].i)
    return not any(t.pos_ in {"VERB", "AUX"} or t.dep_ == "prep" and t.lower_ != "of" for t in told)


def _goal_title(cand: StatementCandidate) -> str:
    """A statement's goal as a title: with its situation when both are short, with its purpose when the goal is
    thin; its outcome when the goal is to have something; "" when the goal says too little ("make a change": one
    content word) or is no verb-led phrase."""
    if not _says_enough(cand.want.text) or statement_problems(want=cand.want.text):
        return ""
    # "have a mix of individuals" is a means; what it is for is the progress, unless it ends pointing back at the
    # story it was said after ("avoid having to make a phone call like that"): alone it says not which
    pointing = cand.so.text.split()[-1].lower() in _POINTING if cand.so.text else False
    if (
        _has(cand.want.text)
        and _says_enough(cand.so.text)
        and not statement_problems(want=cand.so.text)
        and not pointing
    ):
        return _clip(cand.so.text)
    title = _clip(cand.want.text)
    says_again = content_words(cand.when.text) & content_words(title)  # "...a project when I look at a project"
    # a story's event ('the partner emailed me') set the switch off: the goal is not done whenever it happens
    context = cand.when.text and not cand.when.told and _recurring(cand.when.text)
    if context and len(title.split()) <= 6 and not says_again:
        return f"{title} {(cand.when.lead or 'when').lower()} {cand.when.text}"  # verb, object, context
    if _thin(title) and _purpose_of(cand, pointing=bool(_POINTING & set(title.lower().split()))):
        return f"{title} to {cand.so.text}"  # "Seek funding" says little; "Seek funding to improve Warehouse"
    return title


def goal_led(candidates: Sequence[StatementCandidate], title: str) -> str:
    """The title, or the lead statement's goal as a title (`_goal_title`) where the title names only that statement's
    outcome: a title names the progress the statement beside it wants ("Know what changed while I was away" over
    "..., I want to know what changed while I was away, so I can catch up before the next meeting"), not what that
    progress is for, unless the goal says too little to name it."""
    if not candidates or not title or not candidates[0].want.text.strip():
        return title
    lead = candidates[0]
    said = title.lower().split()[:4]
    if lead.want.text.lower().split()[: len(said)] == said or lead.so.text.lower().split()[: len(said)] != said:
        return title
    goal = _goal_title(lead)
    return _capitalise(goal) if goal and goal.lower().split()[:4] != said else title


# The second of two verb phrases a goal joins ("open one page on Monday and know exactly which clients are still
# missing documents") says the progress the first is the means to: where the goal is too long for a title, it leads
# a tie with the first.
_SECOND_LEAD = 0.02


def _second_goal(cand: StatementCandidate) -> str:
    """The second of two verb phrases a goal too long for a title joins with "and", its subject shared, as a title."""
    want = cand.want.text
    if len(want.split()) <= MAX_TITLE_WORDS:
        return ""
    doc = parse([want])[0]
    lead = doc[0]
    if lead.pos_ != "VERB":
        return ""
    steps = [
        t
        for t in doc
        if t.dep_ == "conj"
        and _joined_to(t, lead)
        and t.pos_ == "VERB"
        and t.i > 0
        and doc[t.i - 1].lower_ == "and"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in t.children)
    ]
    # Of three steps or more, the last leads only where it finds something out ("come in on a Monday and look at one
    # screen and [know what is going to bite me]"); "move the magnets about and rub things out and argue with Jonno"
    # are doings alike, the last no end of the others.
    last = [steps[-1]] if len(steps) > 1 and steps[-1].lemma_.lower() in _LEARN_VERBS else []
    for second in [*last, *(t for t in steps if t.head.i == lead.i)][:2]:
        lemma = second.lemma_.lower()
        if lemma in _UNDERGO_VERBS or lemma in _TALK_VERBS - _LEARN_VERBS:
            continue
        phrase = _clip(lemma + doc.text[second.idx + len(second.text) :])
        if _says_enough(phrase) and not statement_problems(want=phrase):
            return phrase
    return ""


def _joined_to(verb: Token, lead: Token) -> bool:
    """Whether a verb is joined to `lead` by a chain of conjuncts ('come ... and [look] ... and [know] ...')."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
        if verb.i == lead.i:
            return True
    return False


def title_options(
    candidates: Sequence[StatementCandidate],
    central: Sequence[tuple[str, float]] = (),
    keywords: Sequence[str] = (),
    centrality: Mapping[int, float] | None = None,
) -> TitleOptions:
    """Verb-led title options in the customers' words, from whichever says the job best: a statement's goal (with its
    situation when both are short) or outcome, or the verb phrase of a central quote (`central`: text and its
    similarity to the job's centre), each scored by closeness to the centre and by how many of the job's keywords
    it says; with none, the fallback names the statements' recurring situation as no goal ("No goal said: when PyPI
    goes down"), else ""."""
    key_words = {w for k in keywords for w in k.lower().split()}
    centrality = centrality or {}
    # One batch: each slot whose words are counted is read again below, one at a time, from the cache (a text
    # parsed alone costs about three times its share of a batch).
    parse([t for c in candidates for t in (c.want.text, _clip(c.want.text), c.when.text, c.so.text) if t.strip()])
    options: list[tuple[float, str]] = []
    stated: list[bool] = []
    quoted: list[str] = []

    def consider(phrase: str, closeness: float, *, said: bool = False, quote: str = "") -> None:
        words = {w.strip(",.").lower() for w in phrase.split()}
        # "download these things", "respond to that": a title that points instead of naming says little.
        tokens = [w.strip(",.").lower() for w in phrase.split()]
        pointing = any(
            w in _POINTING and (k + 1 == len(tokens) or tokens[k + 1] in {"thing", "things", "stuff", "one", "ones"})
            for k, w in enumerate(tokens)
        )
        penalty = 0.15 if pointing or tokens[-1] in {"it", "them"} else 0.0
        options.append((closeness + 0.08 * len(key_words & words) - penalty, phrase))
        stated.append(said)
        quoted.append(quote)

    for rank, cand in enumerate(candidates):
        title = _goal_title(cand)
        if title:
            # The statement's goal is the job in the customer's words: it leads unless a quote is far more central.
            # The lead statement's goal most of all: a title that matches the statement beside it reads as one job.
            bonus = 0.3 if rank == 0 else 0.05
            closeness = bonus + max((centrality.get(i, 0.0) for i in cand.want.evidence), default=0.0)
            consider(title, closeness, said=True)
            second = _second_goal(cand)
            if second:
                consider(second, closeness + _SECOND_LEAD, said=True)
        elif len(content_words(cand.so.text)) >= 2 and not statement_problems(so=cand.so.text):
            closeness = max((centrality.get(i, 0.0) for i in cand.so.evidence), default=0.0)
            consider(_clip(cand.so.text), closeness, said=True)
    # Tiers: a phrase the customers themselves act in with two words of its own beside the verb ("end up with
    # fewer", "spend the money" are too thin); else a thinner one; else what anyone in the quotes does.
    tiers: list[list[tuple[float, str, str]]] = [[], [], []]
    gap = not options  # the other tiers are read only when the statements named nothing
    # A lead statement that says only a situation ("Whenever people install my project.") still says what the job is
    # about: a quote's phrase names the job beside it only when it says two specific things, one of them said by that
    # statement or by the job's keywords ("Fix the things" and "Take a list of links" do not; "Receive funding" does).
    lead = candidates[0] if gap and candidates and candidates[0].when.text else None
    about = set().union(*(_specific(slot.text) for slot in (lead.when, lead.want, lead.so))) if lead else set()
    raw = [text for text, _ in central]
    if not gap:
        # Then only the first tier competes, and a quote in which no one says "I", "we" or "you" has no phrase there
        # (its verb needs such a subject): the tokenizer alone tells, and that quote is never parsed.
        tokenizer = load_nlp().tokenizer
        central = [(text, c) for text, c in central if any(t.lower_ in _DOERS for t in tokenizer(text))]
    parse([text for text, _ in central])  # one batch: each quote is read again below, one at a time, from the cache
    first = {text: _verb_phrase(text) for text, _ in central}  # the customers' own phrases, their words in one batch
    parse([phrase for phrase in first.values() if phrase and not statement_problems(want=phrase)])
    for text, closeness in central:
        # What anyone else does fills a gap only where no situation of the customers' own names the job instead.
        for tier, customers_only in ((0, True), (2, False)) if gap and not about else ((0, True),):
            phrase = first[text] if customers_only else _verb_phrase(text, customers_only=False)
            if not phrase or statement_problems(want=phrase) or about and not _beside(phrase, about | key_words):
                continue
            if tier == 2 and not _beside(phrase, key_words):
                continue  # what others do names talk that says no goal only where it says what the talk is about
            words = len(content_words(phrase))
            if words >= 3 or (tier == 2 and words >= 2):
                tiers[tier].append((closeness, _clip(phrase), text))
                break
            if words == 2:
                tiers[1].append((closeness, _clip(phrase), text))
    # A goal too thin to name a job alone ("get my book back") is still the customer's own: what others do ("they're
    # gonna throw out the book") never names the job over it.
    thin = next((c for c in candidates if c.want.text and not statement_problems(want=c.want.text)), None)
    for n, found in enumerate(tiers):
        if n and options or n == 2 and thin is not None:
            break  # the statement's goals compete with the first tier; the others only fill a gap
        for closeness, phrase, text in found:
            consider(phrase, closeness, quote=text)
    if options:
        spare = _spare(raw, {phrase for _, phrase in options})
        return TitleOptions(tuple(options), "", tuple(stated), spare, tuple(quoted))
    # A goal too thin to name a job alone ("make a change") still says what the customer wants done: it names the
    # job, with the situation it is said in when that is short, and title and statement read as one.
    if thin is not None:
        title = _clip(thin.want.text)
        if thin.when.text and not thin.when.told and _recurring(thin.when.text, limit=MAX_TITLE_WORDS - 1):
            title = f"{title} {(thin.when.lead or 'when').lower()} {_untailed(thin.when.text)}"
        return TitleOptions((), _capitalise(title))
    # Nothing says what the customers set out to do, but a situation they come back to says what the talk is about
    # better than a list of its keywords; the lead statement's own, said whole, first. A situation is not a job:
    # the title says so plainly ("No goal said: when PyPI goes down"), never a bare "When ..." that reads as one.
    whole = [lead.when] if lead and _recurring(lead.when.text, limit=MAX_TITLE_WORDS - 1) else []
    short = (c.when for c in candidates if c.when.text and _recurring(c.when.text))
    when = next(iter([*whole, *short]), None)
    if when is None:
        return TitleOptions((), "")
    return TitleOptions((), f"{NO_GOAL}{(when.lead or 'When').lower()} {_untailed(when.text)}")


# How many of a job's sentences that say a keyword are read to tell whether it is said as a noun.
TOPIC_READS = 8


def talk_topics(keywords: Sequence[str], texts: Sequence[str], *, limit: int = 3) -> list[str]:
    """The keywords the talk (`texts`, most central first) mostly says as nouns ('the shopping', not 'I read')."""
    found: dict[str, list[str]] = {}
    for keyword in keywords:
        pattern = re.compile(rf"\b{re.escape(keyword)}\b", re.IGNORECASE)
        found[keyword] = list(islice((text for text in texts if pattern.search(text)), TOPIC_READS))
    read = list(dict.fromkeys(text for said in found.values() for text in said))
    docs = dict(zip(read, parse(read), strict=True))  # one batch
    topics: list[str] = []
    for keyword, said in found.items():
        # The keyword's last word where the talk says it: a noun or a name in most of its uses.
        words = keyword.lower().split()
        heads = [
            doc[k + len(words) - 1].pos_
            for doc in (docs[text] for text in said)
            for k in range(len(doc) - len(words) + 1)
            if [t.lower_ for t in doc[k : k + len(words)]] == words
        ]
        if heads and 2 * sum(pos in {"NOUN", "PROPN"} for pos in heads) > len(heads):
            topics.append(keyword)
    return topics[:limit]


def _untailed(situation: str) -> str:
    """A situation without a trailing connective ("I look at the OpenStack Foundation, so")."""
    return re.sub(r",\s*(\S+)$", lambda m: "" if m[1].lower() in _TAIL_WORDS else m[0], situation)


def _spare(texts: Sequence[str], taken: set[str]) -> tuple[tuple[str, str], ...]:
    """The purpose infinitives of central quotes (`purpose_phrase`), clipped, each once, none an option already, with
    the quote each is said in; only quotes with a 'to' are parsed."""
    tokenizer = load_nlp().tokenizer
    texts = [text for text in texts if any(t.lower_ == "to" for t in tokenizer(text))]
    parse(texts)  # one batch: each quote is read again below, one at a time, from the cache
    found: dict[str, str] = {}
    for text in texts:
        phrase = purpose_phrase(text)
        if phrase and _clip(phrase) not in taken:
            phrase = _clip(phrase)
            found.setdefault(phrase, text)
    return tuple(found.items())


# A core job's title names the progress its jobs share: its words are said, on average, in at least this many of
# its jobs' talk (pypi core jobs of 2-4 jobs: "make the service far more reliable" 2.0 of 4; a goal of one job's
# talk alone, "make the local PyCons even more accessible", 1.0 of 2).
CORE_SPREAD = 2.0
_WORD = re.compile(r"[a-z0-9']+")
_DEICTIC_WORDS = frozenset({"it", "this", "that", "these", "those", "them"})
# A third person is one speaker's story ("stop worrying every time he eats", said of one husband): what several
# people's jobs share names no one of theirs.
_THIRD_PERSON = frozenset({"he", "him", "his", "she", "her", "hers"})


def _content_tokens(text: str) -> list[tuple[str, str]]:
    """(lemma, lower form) of each content word of a text (see `statements.content_words`)."""
    return [
        (t.lemma_.lower(), t.lower_)
        for t in parse([text])[0]
        if t.pos_ in CONTENT_POS and not t.is_stop and any(c.isalpha() for c in t.text)
    ]


def _spoken(text: str) -> set[str]:
    """The words of a text, lower-cased, each also without a plural 's' ('services' says 'service')."""
    words = set(_WORD.findall(text.lower().replace("’", "'")))
    return words | {w[:-1] for w in words if len(w) > 3 and w.endswith("s")}


def _repeats(phrase: str, title: str) -> bool:
    """Whether a phrase says a job's title again: the same opening, or its content words within the title's (or
    the title's within its): "improve Warehouse" repeats "Seek funding to improve Warehouse"."""
    if phrase.lower().split()[:4] == title.lower().split()[:4]:
        return True
    mine, theirs = content_words(phrase), content_words(title)
    return bool(mine) and bool(theirs) and (mine <= theirs or theirs <= mine)


def core_title(
    candidates: Sequence[StatementCandidate], child_titles: Sequence[str], voices: Sequence[tuple[str, str, int]]
) -> tuple[str, StatementCandidate] | None:
    """A core job's title that names the progress its jobs share, with the statement it comes from; None when no
    such wording was said (the core job is then named like any job).

    `candidates`: the statements of the core job and of its jobs; `child_titles`: its jobs' titles; `voices`: its
    talk as (text, who said it, which of its jobs). A statement's outcome ("so I can make the service far more
    reliable") is the progress its goal serves, so outcomes come first, then goals. A title is verb-led, says two
    things, points at nothing ("make it modern"), repeats no job's title, draws every content word from the core
    job's talk, and its words (beyond everyday ones) are said in CORE_SPREAD of its jobs on average: of those the
    most widely said (jobs, then people) wins."""
    parts: dict[str, set[int]] = {}
    people: dict[str, set[str]] = {}
    for text, who, part in voices:
        for word in _spoken(text):
            parts.setdefault(word, set()).add(part)
            people.setdefault(word, set()).add(who)
    # One batch: each phrase is read again below, one at a time, from the cache.
    parse([_clip(slot.text) for c in candidates for slot in (c.so, c.want) if slot.text.strip()])
    best: tuple[tuple[int, float, float, int], str, StatementCandidate] | None = None
    for rank, cand in enumerate(candidates):
        for tier, slot in enumerate((cand.so, cand.want)):
            phrase = _clip(slot.text)
            if not phrase or not _says_enough(phrase) or statement_problems(want=phrase):
                continue
            if {w.strip(",.").lower() for w in phrase.split()} & (_DEICTIC_WORDS | _THIRD_PERSON):
                continue
            if any(_repeats(phrase, title) for title in child_titles):
                continue
            tokens = _content_tokens(phrase)
            if not all(lemma in parts or lower in parts for lemma, lower in tokens):
                continue  # a word the core job's talk never says
            key = [(lemma, lower) for lemma, lower in tokens if lemma not in GENERIC_WORDS]
            if not key:
                continue
            spread = sum(len(parts.get(lemma, set()) | parts.get(lower, set())) for lemma, lower in key) / len(key)
            voiced = sum(len(people.get(lemma, set()) | people.get(lower, set())) for lemma, lower in key) / len(key)
            if spread < CORE_SPREAD:
                continue
            score = (tier, -spread, -voiced, rank)
            if best is None or score < best[0]:
                best = (score, phrase, cand)
    return None if best is None else (_capitalise(best[1]), best[2])


def core_phrases(candidates: Sequence[StatementCandidate]) -> tuple[tuple[str, int], ...]:
    """A core job's title options: each statement's goal (as a job's title says it) and outcome, each once, with the
    position in `candidates` of the statement that leads with it: of those that say it, the one with most slots
    (its job's may say when and what for where the core job's says the goal alone), the first breaking ties; none
    that says fewer than two specific things or points at what only its talk names ("make it modern", "be good
    stewards of these donations")."""
    parse([_clip(slot.text) for c in candidates for slot in (c.so, c.want) if slot.text.strip()])
    found: dict[str, int] = {}
    for k, cand in enumerate(candidates):
        # a long goal of two steps names what its jobs share by where the second leads ("open one page on Monday and
        # [know exactly which clients are still missing documents]"), not by its means
        for phrase in (_second_goal(cand) or _goal_title(cand), _clip(cand.so.text) if cand.so.text.strip() else ""):
            # Two specific words: "do some more of the engineering stuff" names one thing, too little for talk of
            # several jobs.
            if not phrase or len(_specific(phrase)) < 2 or statement_problems(want=phrase):
                continue
            if {w.strip(",.").lower() for w in phrase.split()} & (_DEICTIC_WORDS | _THIRD_PERSON):
                continue
            if phrase not in found or slots_filled(cand) > slots_filled(candidates[found[phrase]]):
                found[phrase] = k
    return tuple(found.items())


def slots_filled(cand: StatementCandidate) -> int:
    """How many of a statement's slots say something."""
    return sum(bool(slot.text.strip()) for slot in (cand.when, cand.want, cand.so))


def leads_whole(phrase: str, cand: StatementCandidate) -> bool:
    """Whether a core job's title option is the progress of a statement that fills every slot: its goal as a title.
    Its outcome is what that progress is for: "so I can advance some part of Python with a larger amount of money"
    over "submit the larger grants" would title the job by the statement's last slot, not by what it seeks."""
    return slots_filled(cand) == 3 and phrase == _goal_title(cand)


# A core job's title comes with the statement it is said in, which then leads the core job: the goal of a statement
# that says when, what and what for reads as one whole job (`leads_whole`), and leads one that says the goal alone
# by this much. On the
# pypi interviews (seeds 0..5) full statements 65.6% -> 71.9% of jobs voiced twice, core title fit 57.5% -> 52.0%
# (main's rules: 67.7% and 47.3%); without it, the money core job took a hypothetical "if you want to run an actual
# public interest charity in a global way" over "submit the larger grants ... so I can advance some part of Python".
FULL_LEAD = 0.08


def pick_core(
    phrases: Sequence[str], lead: Sequence[float], child_titles: Sequence[str], full: Sequence[bool] = ()
) -> int:
    """The position of the phrase that names a core job's talk best against the other core jobs' (`lead`: its mean
    cosine to the core job's members less that to the other core jobs' members; `full`: whether the statement it is
    said in fills every slot, worth FULL_LEAD more), to FIT_STEP, the earlier breaking ties. A core job's title names
    what its jobs share: a phrase that says one of its jobs' titles again wins only where it leads every other phrase
    by POOR_FIT (one job holds most of the core job's talk)."""
    lead = [v + (FULL_LEAD if k < len(full) and full[k] else 0.0) for k, v in enumerate(lead)]

    def best(among: Sequence[int]) -> int:
        return max(among, key=lambda k: (round(lead[k] / FIT_STEP), -k))

    top = best(range(len(phrases)))
    own = [k for k in range(len(phrases)) if not any(_repeats(phrases[k], title) for title in child_titles)]
    if own and top not in own and lead[top] < lead[best(own)] + POOR_FIT:
        return best(own)
    return top


def named_by_jobs(candidates: Sequence[StatementCandidate], child_titles: Sequence[str]) -> list[str]:
    """What names a core job's jobs one by one: their titles, and what the statement a title comes from is for ("stop
    ringing people one by one", the purpose of "Move the routine appointments in one go"), which names that job's
    progress too, not what the core job's jobs share."""
    purposes = [
        cand.so.text
        for cand in candidates
        if cand.so.text.strip() and any(_repeats(_goal_title(cand), title) for title in child_titles)
    ]
    return [*child_titles, *dict.fromkeys(purposes)]


def choose_core(
    phrases: Sequence[str], lead: Sequence[float], child_titles: Sequence[str], full: Sequence[bool] = ()
) -> tuple[int, str]:
    """The position of the phrase `pick_core` picks, and the title it makes."""
    k = pick_core(phrases, lead, child_titles, full)
    return k, _capitalise(phrases[k])
