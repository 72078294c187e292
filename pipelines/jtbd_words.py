"""The words and token patterns JTBD signal extraction (pipelines/jtbd.py) looks for: lexicons, then the
Matcher patterns of the lexical kinds (success, pain and the four forces)."""

from __future__ import annotations

import re
from typing import Any

PERSON_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "one"})
PERSON_NOUNS = frozenset(
    "people person user maintainer developer folk someone somebody everyone everybody anyone anybody "
    "contributor admin administrator team author publisher volunteer staff customer engineer nobody guy "
    "member community".split()
)
MOTIVE_VERBS = frozenset("want need have try love like hope aim plan wish prefer".split())
PREFERENCE_VERBS = frozenset({"love", "like", "prefer"})  # only a motivation with "would": "I'd love to ..."
# Verb phrases that are conversational filler, not goals ("I want to say 2012").
FILLER_VERBS = frozenset(
    "say admit emphasize think guess clarify go talk explain describe answer remember hear ask reread".split()
)
# Filler only without a real object: "I'd add that ..." vs "we need to add a second mirror".
SOFT_FILLER_VERBS = frozenset("add mention note point stress".split())
# After a bare "so", only these mark purpose ("so I can"); "so I would" reports a consequence.
PURPOSE_MODALS = frozenset({"can", "could", "'ll", "will", "may", "might"})
FILLER_SPANS = frozenset({"i mean", "you know", "i guess", "i think", "i suppose", "i don't know", "like"})
MODALS = frozenset({"can", "could", "will", "would", "'ll", "'d", "might", "may", "should", "ca", "wo"})
# A sentence that takes back the one before it ("I want my book back. Ha, no.", "... saved my marriage. (laughs) Not
# really."): what was just said was a joke or an overstatement, no claim of the speaker's.
RETRACTION = re.compile(
    r"^\W*(?:[(\[*]\s*laughs?\s*[)\]*]\W*)?(?:ha(?:ha)*\W+no|actually\W+no|(?:just\s+)?kidding|i'?m\s+(?:just\s+)?"
    r"(?:kidding|joking)|joking|not\s+really|scratch\s+that)\W*$",
    re.IGNORECASE,
)


def takes_back(text: str) -> bool:
    """Whether a sentence takes back the one before it (`RETRACTION`)."""
    return bool(RETRACTION.match(text.replace("’", "'")))


# A want said to mean its opposite: "Oh yes, I really wanted another app.", "oh, I really wanted to spend my Monday
# night doing that", "oh aye, because what I really wanted was another bill", "just what I've always wanted", "...,
# said no one ever", "what I really wanted at fifty-six was a new thing to learn, obviously". 'Oh' right before a
# 'really' want is the British sarcastic turn, and so is a closing ', obviously' or ', apparently' after one; a plain
# "I really want ..." or "Oh, I just want it to work" is meant.
IRONY = re.compile(
    r"\boh\b[\s,!]*(?:(?:yes|yeah|aye|yep|great|brilliant|lovely|good|sure)\b[\s,!]*)?(?:(?:because|cos|'?cause)\s+)?"
    r"(?:what\s+)?[a-z]+\s+(?:'ve\s+|have\s+)?(?:always\s+)?really\s+(?:wanted|want|needed|need)\b"
    r"|\bjust what (?:i|we|he|she|they)(?:'ve| have)? (?:always |ever )?(?:wanted|needed)\b"
    r"|\bsaid no(?:body|[\s-]one) ever\b"
    r"|\breally\s+(?:wanted|want|needed|need)\b[^.?!]*,\s*(?:obviously|apparently)\s*[.!]*\s*$"
    # "Because what I really wanted, at twenty-seven, was ...", "because what I really wanted in my life was a
    # password": a 'because' really-want said with the speaker's age, hour or night off; or one opening the sentence
    # (or after a 'yeah') that wants another of what the story is sick of ("Because what I really wanted was another
    # spreadsheet."). "We switched because what we really needed was one place for the bookings" is meant.
    r"|\b(?:because|cos|'?cause)\s+what\s+(?:i|we)\s+really\s+(?:wanted|want|needed|need)"
    r"(?:,\s*(?:at|in|on|after)\s[^,.?!]+,|\s+(?:at|in|on|after)\s+(?!the\b|all\b|first\b|it\b|that\b|this\b)"
    r"[^.?!,]{1,30}?)\s+(?:was|is)\b"
    r"|(?:^\W*(?:\(\w+\)\s*)?(?:and\s+|so\s+)?|\b(?:yeah|yes|aye|right)\b[\s,]*)(?:because|cos|'?cause)\s+what\s+"
    r"(?:i|we)\s+really\s+(?:wanted|want|needed|need)\s+(?:was|is)\s+(?:to\s+(?!avoid\b|stop\b|never\b|not\b)\w+\s+)?"
    r"(?:yet\s+)?another\b",
    re.IGNORECASE,
)


def ironic(text: str) -> bool:
    """Whether a sentence says a want it means the opposite of (`IRONY`)."""
    return bool(IRONY.search(text.replace("’", "'")))


SITUATION_MARKS = frozenset({"if", "once", "after", "before", "until", "whenever", "when"})
# Verbs whose "if"/"when" clause is an embedded question ("determine if ...", "know when ..."), not a trigger.
QUESTION_VERBS = frozenset(
    {"determine", "know", "see", "ask", "wonder", "check", "decide", "figure", "tell", "remember", "hear", "notice"}
)
SITUATION_ADVMODS = frozenset({"when", "whenever", "once"})
TIME_NOUNS = [
    "day", "days", "week", "weeks", "month", "months", "year", "years", "morning", "mornings", "evening",
    "evenings", "night", "nights", "weekend", "weekends", "release", "releases", "sprint", "sprints",
    "quarter", "quarters", "cycle", "deploy", "deployment", "conference", "pycon",
]  # fmt: skip
WEEKDAYS = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays", "tuesdays",
    "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "weekend", "weekends",
]  # fmt: skip
BELIEF_VERBS = frozenset({"think", "believe", "expect", "suppose", "imagine"})
CONTROL_VERBS = frozenset(
    "ask tell want need expect allow help get encourage force convince persuade let make enable invite "
    "require train teach remind urge like love prefer hire pay use chase nag pester hassle badger beg".split()
)
META_VERBS = frozenset({"talk", "say", "mention", "think", "remember", "speak", "describe", "explain"})
ASIDE_OPENERS = frozenset({"because", "since", "although", "though", "whereas", "unless", "except"})
BREAK_MARKS = ("…", "...", "--", "—", "–", "[", "]", "(", ")")
# Words that open or close a span but carry no meaning there.
EDGE_JUNK = frozenset({"and", "but", "or", "so", "because", "like", "um", "uh", "well", "just", "then"})


# Word lists for the cue patterns below.
_SYSTEM_NOUNS = (
    "pypi system codebase code site server infrastructure way setup process tool platform api "
    "implementation stack service tooling"
)
_PRAISE_WORDS = (
    "great nice awesome amazing better easier helpful useful cool ideal wonderful fantastic good fun simpler faster"
)
_EXCITED_WORDS = "excited exciting excites thrilling promising appealing attractive compelling inspiring"
_NEW_THINGS = (
    "pypi warehouse system codebase site infrastructure platform tool service setup way model approach process"
)
# What things become when a job gets done ("far more reliable", "even more accessible"): the words of
# pipelines.slots' better states that are no comparative of their own, and a change made gently ("more gradual").
_IMPROVED_WORDS = (
    "confidently quickly reliable reliably maintainable stable secure sustainable easily efficient efficiently "
    "welcoming productive predictable transparent robust approachable accessible resilient scalable healthy gradual "
    "gradually"
)
_CAPABLE_WORDS = "credible capable empowered confident experts trusted trustworthy"
_UPSET_WORDS = (
    "mad angry upset guilty ashamed embarrassed disappointed disappointing unhappy sad furious resent resentful "
    "gatekeeper uphill"
)
# Feelings of being upset, as single words: wanting to be one of them is no progress ("I wanted to be mad at him").
UPSET_WORDS = frozenset(_UPSET_WORDS.split()) - {"gatekeeper", "uphill", "disappointing", "resent"}
# What a feeling makes one want to do, never progress sought ("I wanted to crawl into a hole", "I want to scream").
OUTBURSTS = frozenset("cry scream weep sob die crawl disappear vanish strangle throttle punch shout hug kiss".split())
_LOST_THINGS = "data money users customers contributors maintainers volunteers staff people packages sleep trust"
_COST_WORDS = "costly expensive liability overhead"
_PAIN_NOUNS = "outages downtime problems bugs crashes failures breakages incidents errors complaints tickets"
# "can't remember", "couldn't say": conversational, not an inability.
_NOT_HARD_VERBS = "see understand imagine tell say guess know believe notice find explain predict".split()
_NOT_PAIN_VERBS = "remember say tell think imagine recall speak believe wait".split()
_WORRY_WORDS = (
    "worry worried afraid scared scary nervous anxious fear fearful hesitant paranoid terrified "
    "terrifying risky dangerous uneasy wary skeptical sceptical reluctant"
)
_RISK_WORDS = "scary risky dangerous daunting frightening terrifying intimidating spooky"
_FRUSTRATION_WORDS = (
    "frustrating frustrate frustrated frustration annoying annoy annoyed annoyance painful tedious "
    "stressful exhausting exhausted overwhelming overwhelmed overwhelm nightmare headache miserable "
    "terrible awful horrible confusing unpleasant grueling draining drain ridiculous"
)


def any_of(words: str) -> dict[str, list[str]]:
    """A Matcher 'IN' clause from a space-separated word list."""
    return {"IN": words.split()}


def cue_patterns() -> dict[str, list[list[dict[str, Any]]]]:
    """Token patterns for the lexical kinds (success, pain and the four forces), keyed 'kind:label'."""
    lo, lem = "LOWER", "LEMMA"
    no_punct = {"OP": "*", "IS_PUNCT": False}
    return {
        # --- success: how customers say things went well
        "success:just works": [[{lo: "just"}, {lem: "work", "POS": "VERB"}]],
        "success:works well": [
            [
                {lem: "work", "POS": "VERB"},
                {lo: any_of("really very so"), "OP": "?"},
                {lo: any_of("well great fine beautifully smoothly perfectly")},
            ]
        ],
        "success:saves": [
            [
                {lem: "save", "POS": "VERB"},
                {lo: any_of("me us you them time hours days lots a so money effort")},
            ]
        ],
        "success:finally": [[{lo: "finally", "POS": "ADV"}], [{lo: "at"}, {lo: "last"}]],
        "success:now I can": [
            [
                {lo: "now"},
                {lo: any_of("i we you they people users everyone")},
                {lo: any_of("can could get have")},
            ],
            # "now we're able to", "now I'm on top of it"; not a date coming up ("now we're reaching the deadline").
            [
                {lo: "now"},
                {lo: any_of("i we you they people users everyone")},
                {lo: any_of("are 're am 'm")},
                {"TAG": {"NOT_IN": ["VBG"]}},
            ],
            # "Now the money arrives in seconds", "Now I cycle in": the new way told in the present.
            [
                {lo: "now"},
                {"POS": "PRON", lo: {"NOT_IN": ["there", "it", "that", "this"]}},
                {"POS": "ADV", "OP": "?"},
                {"TAG": any_of("VBP VBZ"), "POS": "VERB", lem: {"NOT_IN": ["be", "have"]}},
            ],
            [{lo: "now"}, {"POS": "DET"}, {"POS": "NOUN"}, {"TAG": any_of("VBP VBZ"), "POS": "VERB"}],
        ],
        "success:easier": [
            [
                {lo: any_of("so much lot way far significantly really")},
                {lo: any_of("easier faster simpler smoother quicker")},
            ],
            [{lo: "so"}, {lo: "much"}, {lo: "better"}],
        ],
        "success:no longer have to": [
            [{lo: any_of("no never")}, {lo: "longer", "OP": "?"}, {lem: any_of("have need")}, {lo: "to"}],
            [
                {lo: any_of("do does did")},
                {lo: "n't"},
                {lem: any_of("have need")},
                {lo: "to"},
                no_punct,
                {lo: "anymore"},
            ],
        ],
        # "my evenings can go back to being mine", "we got back to shipping": what the struggle took comes back (not
        # "we went back to doing it by hand": going back to doing something is a return to the old way).
        "success:comes back": [
            [{lem: "go", "POS": "VERB"}, {lo: "back"}, {lo: "to"}, {lo: any_of("being normal")}],
            [{lem: "get", "POS": "VERB"}, {lo: "back"}, {lo: "to"}, {lo: {"REGEX": "^[a-z]+ing$"}}],
            # "we got our weekends back", "I have my life back"
            [
                {lem: any_of("get have"), "POS": "VERB"},
                {"POS": any_of("PRON DET")},
                {"POS": "ADJ", "OP": "?"},
                {"POS": "NOUN"},
                {lo: "back"},
            ],
        ],
        # "it freed up my weekends", "peace of mind", "I can sleep at night": relief from a burden.
        "success:relief": [
            [{lem: "free", "POS": "VERB"}, {lo: "up"}],
            [{lo: "peace"}, {lo: "of"}, {lo: "mind"}],
            [{lem: "sleep", "POS": "VERB"}, {lo: any_of("at better")}, {lo: "night", "OP": "?"}],
            [
                {lo: any_of("minutes seconds hours")},
                {lo: "instead"},
                {lo: "of"},
                {lo: any_of("hours days weeks months")},
            ],
        ],
        # "customers stopped calling support", "the builds have stopped failing": a trouble that no longer happens.
        "success:stopped": [
            [
                {lem: any_of("stop cease"), "TAG": any_of("VBD VBN VBZ")},
                {lem: any_of("complain call email page break crash fail time error leak churn"), "TAG": "VBG"},
            ]
        ],
        # "it's not that hard to pin the old version": a difficulty denied is a task made easy.
        "success:not hard": [
            [
                {lo: any_of("not n't never")},
                {lo: any_of("that too very so all really"), "OP": "?"},
                {lo: any_of("hard difficult tough complicated")},
                {lo: "to"},
                {lo: any_of("either just simply"), "OP": "?"},
                {"POS": "ADV", "OP": "?"},
                # "not hard to see why they left" is a judgement, not a task made easy.
                {"POS": "VERB", lem: {"NOT_IN": _NOT_HARD_VERBS}},
            ]
        ],
        # "we found a way to keep it running", "you can usually find a workaround": a way out of a struggle.
        "success:found a way": [
            [
                {lem: "find", "POS": "VERB"},
                {lo: any_of("a the another some our")},
                {lo: any_of("simple simpler quick easy good better cheap"), "OP": "?"},
                {lo: any_of("way workaround solution fix")},
            ]
        ],
        # "pushed the redesign over the finish line": a piece of work completed.
        "success:finished": [[{lo: any_of("over across past")}, {lo: "the"}, {lo: "finish"}, {lo: "line"}]],
        "success:made it easy": [
            [
                {lem: "make"},
                {lo: any_of("it this that things everything life")},
                {lo: any_of("so really very much"), "OP": "?"},
                {lo: any_of("easy easier simple possible painless trivial")},
            ]
        ],
        "success:praise": [
            [{lem: any_of("love enjoy"), "POS": "VERB"}, {lo: any_of("it that this how")}],
            [{lo: any_of("awesome amazing fantastic wonderful brilliant incredible delightful")}],
            [{lo: any_of("huge big great")}, {lo: any_of("help win success improvement boon")}],
            [{lo: "boon"}],
            [{lo: "game"}, {lo: any_of("changer - changing")}],
            [{lo: "worth"}, {lo: any_of("it the")}],
            [{lo: any_of("happy glad thrilled pleased proud")}],
            [{lem: "go", "POS": "VERB"}, {lo: any_of("really very so"), "OP": "?"}, {lo: "well"}],
            [{lo: any_of("pay paid pays")}, {lo: "off"}],
            [{lo: any_of("smoothly seamless seamlessly painless effortless reliable reliably")}],
        ],
        "success:keeps running": [
            [
                {lem: any_of("keep continue")},
                {lo: any_of("it things everything pypi this that the"), "OP": "?"},
                {lo: any_of("to"), "OP": "?"},
                {lo: any_of("running working turning going run work lights")},
            ],
            [{lo: "still"}, {lem: "work", "POS": "VERB"}],
        ],
        "success:more confidently": [
            [
                {lo: any_of("more far much lot")},
                {lo: any_of(_IMPROVED_WORDS)},
            ],
        ],
        "success:capable": [[{lo: any_of(_CAPABLE_WORDS)}], [{lo: "able"}, {lo: "to"}]],
        "success:fixed": [[{lem: any_of("solve fix resolve"), "POS": "VERB"}]],
        # "people started to trust my judgment more": trust earned over time, told in the past or as under way (a
        # bare "trust" is mostly a wish or a condition: "so that people can trust what is happening", "I hope they
        # start to trust us").
        "success:came to trust": [
            [
                {lem: any_of("start begin come grow"), "TAG": any_of("VBD VBN VBG")},
                {lo: "to"},
                {lem: any_of("trust rely respect"), "POS": "VERB"},
            ]
        ],
        # "we have better tests", "it becomes a better environment": a better thing the speaker now has or is
        # (pipelines.jtbd keeps it only as the object or complement of a verb in the present or past).
        "success:better thing": [[{lo: "better", "DEP": "amod"}]],
        "success:successful": [
            [{lo: any_of("success successful successfully impactful")}],
            [{lo: "well"}, {lo: "spent"}],
        ],
        "success:improved": [
            [{lo: any_of("helped helps improved improves")}],
            [
                {lem: any_of("sleep feel work run"), "POS": "VERB"},
                {lo: "a", "OP": "?"},
                {lo: any_of("much lot so way far"), "OP": "?"},
                {lo: "better"},
            ],
            # "it is in a much better place than ...", "we have more contributors than ever"
            [{lo: "in"}, {lo: "a"}, {lo: any_of("much lot way far"), "OP": "?"}, {lo: "better"}, {lo: "place"}],
            [
                {lo: any_of("more better faster easier bigger stronger safer")},
                {"IS_PUNCT": False, "OP": "{,3}"},
                {lo: "than"},
                {lo: "ever"},
            ],
            # "more volunteers than we have ever had"
            [
                {lo: any_of("more better bigger stronger")},
                {"IS_PUNCT": False, "OP": "{,3}"},
                {lo: "than"},
                {lo: any_of("we i it they")},
                {lo: any_of("have 've has 's had 'd")},
                {lo: "ever"},
            ],
            # "a lot of improvements to PyPI", "fewer outages than we used to": progress counted
            [{lo: any_of("lot lots")}, {lo: "of"}, {lo: "improvements"}],
            [{lo: any_of("fewer less")}, {lo: any_of(_PAIN_NOUNS)}, {lo: "than"}],
            [{lo: any_of("beneficial")}],
            [
                {lem: "be", "POS": "AUX"},
                {lo: any_of("really very so just actually"), "OP": "?"},
                {lo: any_of("easy simple painless quick effortless")},
            ],
            [{lo: any_of("relief relieved")}],
            [{lem: "enjoy", "POS": "VERB"}],
            [
                {lem: any_of("get become"), "POS": any_of("VERB AUX")},
                {lo: any_of("much lot way far"), "OP": "?"},
                {lo: "better"},
            ],
            [
                {lem: "be", "POS": "AUX"},
                {lo: any_of("really very so just"), "OP": "?"},
                {lo: any_of("great helpful valuable useful wonderful fantastic")},
            ],
        ],
        # --- pain: struggles and frustrations
        "pain:frustration": [[{lem: any_of(_FRUSTRATION_WORDS)}]],
        "pain:pain": [[{lem: "pain", "POS": "NOUN"}], [{lo: "a"}, {lo: "pain"}]],
        "pain:hate": [[{lem: any_of("hate dread loathe"), "POS": "VERB"}]],
        "pain:hard to": [
            [{lo: any_of("hard difficult tough tricky impossible painful")}, {lo: "to"}],
            [
                {lo: any_of("really very so incredibly extremely pretty too")},
                {lo: any_of("hard difficult tough rough slow")},
            ],
        ],
        # "it's scary to make a change to the service", "a really risky upgrade": a struggle said as fear of acting.
        "pain:risky": [
            [{lo: any_of(_RISK_WORDS)}, {lo: "to"}, {"POS": "VERB"}],
            [{lo: any_of("really very so incredibly extremely pretty too quite")}, {lo: any_of(_RISK_WORDS)}],
        ],
        # "it generally isn't the first priority", "maintenance is a low priority": the work that never gets done.
        "pain:not a priority": [
            [
                {lo: any_of("not n't never")},
                {lo: any_of("a the any our their anyone's"), "OP": "?"},
                {lo: any_of("first top high real big main"), "OP": "?"},
                {lo: any_of("priority")},
            ],
            [{lo: any_of("low lower lowest")}, {"IS_PUNCT": True, "OP": "?"}, {lo: "priority"}],
            [{lo: "back"}, {lo: "burner"}],
        ],
        "pain:struggle": [[{lem: any_of("struggle suffer fight grapple scramble")}]],
        "pain:burn out": [
            [{lem: any_of("burn burnt burned")}, {lo: "out"}],
            [{lo: any_of("burnout burn-out")}],
            [{lo: "burn"}, {lo: "-"}, {lo: "out"}],
        ],
        "pain:waste time": [
            [{lem: any_of("waste wasted")}, {"OP": "?"}, {lo: any_of("time hours days effort")}],
            [{lo: "waste"}, {lo: "of"}],
        ],
        "pain:takes forever": [
            [{lem: "take"}, {lo: any_of("forever ages hours days weeks months years")}],
            [{lo: "forever"}],
        ],
        "pain:broken": [
            [{lo: any_of("broken broke breaking breaks breakage outage outages downtime")}],
            [{lem: "go"}, {lo: "down"}],
            [{lem: "fall"}, {lo: "over"}],
            [{lem: any_of("fail crash"), "POS": "VERB"}],
        ],
        "pain:problem": [
            [{lem: any_of("problem bottleneck blocker mess failure burden chaos"), "POS": "NOUN"}],
            [{lo: any_of("messy fragile flaky brittle unreliable slow clunky cumbersome")}],
        ],
        "pain:can't": [
            [
                {lo: any_of("ca could can")},
                {lo: any_of("n't not")},
                {lem: any_of("keep handle afford cope find figure")},
            ]
        ],
        "pain:upset": [[{lo: any_of(_UPSET_WORDS)}], [{lo: "red"}, {lo: any_of("flag flags")}]],
        "pain:can't work": [
            [{lo: any_of("ca can could")}, {lo: any_of("n't not")}, {"POS": "VERB", lem: {"NOT_IN": _NOT_PAIN_VERBS}}],
            [{lo: any_of("nobody noone")}, {lem: any_of("know understand care want use maintain")}],
            [{lo: any_of("not n't")}, {lo: "able"}, {lo: "to"}],
            [{lo: "unable"}, {lo: "to"}],
        ],
        # "we lost two maintainers", "it keeps me up at night", "I spent whole weekends on it": what it cost them.
        "pain:lost": [
            [
                # Not the base form: "I don't want to lose customers" fears a loss that has not happened.
                {lem: "lose", "POS": "VERB", "TAG": {"NOT_IN": ["VB"]}},
                {"POS": any_of("DET NUM PRON ADJ"), "OP": "{,2}"},
                {lo: any_of(_LOST_THINGS)},
            ],
            [{lem: "keep"}, {lo: any_of("me us them")}, {lo: "up"}, {lo: "at"}, {lo: "night"}],
            [
                {lem: "spend", "POS": "VERB", "TAG": {"NOT_IN": ["VB"]}},
                {lo: any_of("a two three several many countless whole entire full all my our"), "OP": "{,2}"},
                {lo: any_of("hours days weeks months nights weekends evenings")},
            ],
        ],
        "pain:costly": [
            [{lo: any_of(_COST_WORDS)}],
            # "at great personal cost to my family", "it took a toll on me", "we paid the price": a cost borne.
            [{lo: any_of("great greater huge big real heavy high")}, {lo: "personal", "OP": "?"}, {lo: "cost"}],
            [{lo: "personal"}, {lo: any_of("cost costs toll")}],
            [{lem: "take"}, {lo: any_of("a its their")}, {lo: any_of("real heavy huge big"), "OP": "?"}, {lo: "toll"}],
            [{lem: "pay"}, {lo: "the"}, {lo: "price"}],
        ],
        "pain:few": [
            [{lo: "few"}, {lo: "and"}, {lo: "far"}],
            [{lo: "fewer"}, {lo: "and"}, {lo: "fewer"}],
            # "weren't necessarily still valid": adverbs may stand between the negation and the state.
            [
                {lo: any_of("not n't")},
                {"POS": "ADV", "OP": "{,2}"},
                {lo: any_of("guaranteed valid sustainable maintained funded supported")},
            ],
            [{lo: "single"}, {lo: "-", "OP": "?"}, {lo: any_of("person maintainer")}],
            [{lo: "only"}, {lo: "one"}, {lo: any_of("person maintainer gatekeeper")}],
            [{lem: "impose"}],
        ],
        # --- push: problems with the current situation that push towards something new
        "push:tired of": [
            [{lo: any_of("tired sick fed")}, {lo: "up", "OP": "?"}, {lo: any_of("of with")}],
            [{lo: "had"}, {lo: "enough"}],
            [{lo: "last"}, {lo: "straw"}],
        ],
        "push:does not scale": [
            [{lo: any_of("not n't never")}, {lem: any_of("scale sustainable sustain work")}],
            [{lo: any_of("unsustainable untenable unmaintainable unmaintained outdated obsolete")}],
        ],
        "push:keeps breaking": [
            [
                {lo: any_of("constantly always kept keep keeps keeping continually")},
                {lo: any_of("breaking failing crashing broken burning")},
            ],
            [
                {lo: any_of("constantly always kept keep keeps keeping continually")},
                {lo: any_of("going falling catching on")},
                {lo: any_of("down over fire")},
            ],
        ],
        "push:old way": [
            [{lo: any_of("legacy gnarly crufty")}],
            [
                {lo: any_of("old previous outdated aging ageing")},
                {lem: any_of(_SYSTEM_NOUNS)},
            ],
            [{lo: "showing"}, {lo: any_of("its their")}, {lo: "age"}],
            [{lo: any_of("manually workaround workarounds band-aid hack hacks hacky")}],
            [{lo: "by"}, {lo: "hand"}],
            [{lo: "technical"}, {lo: "debt"}],
            [{lo: "duct"}, {lo: "tape"}],
        ],
        "push:bus factor": [
            [{lo: "bus"}, {lo: "factor"}],
            [{lo: "the"}, {lo: "only"}, {lo: any_of("one person")}],
            [{lo: any_of("single one")}, {lo: "point"}, {lo: "of"}, {lo: "failure"}],
        ],
        # --- pull: the attraction of the new solution
        "pull:would be great": [
            [
                {lo: any_of("would 'd will could")},
                {lo: any_of("be make")},
                {"OP": "?", "POS": any_of("ADV DET PRON")},
                {lo: any_of(_PRAISE_WORDS)},
            ]
        ],
        "pull:excited": [
            [{lo: any_of(_EXCITED_WORDS)}],
            [{lem: "look"}, {lo: "forward"}],
            [{lo: any_of("ca can")}, {lo: any_of("n't not")}, {lo: "wait"}],
        ],
        "pull:switch to": [
            [
                {lem: any_of("switch move migrate upgrade transition"), "POS": "VERB"},
                {"OP": "?", "POS": any_of("ADV PRON")},
                {lo: any_of("to over onto")},
            ],
        ],
        "pull:new solution": [
            [
                {lo: "the"},
                {lo: "new"},
                {lo: any_of(_NEW_THINGS)},
            ],
            [{lem: any_of("benefit promise opportunity vision dream"), "POS": "NOUN"}],
        ],
        # --- anxiety: worries about the new
        "anxiety:worried": [
            [{lem: any_of(_WORRY_WORDS)}],
            [{lem: any_of("concern concerned risk")}],
        ],
        "anxiety:what if": [[{lo: "what"}, {lo: "if"}], [{lo: "what"}, {lo: "happens"}, {lo: "if"}]],
        "anxiety:not sure": [
            [
                {lo: any_of("not n't")},
                {lo: any_of("sure certain clear convinced")},
                {lo: any_of("if whether how that it")},
            ],
            [{lo: any_of("unsure uncertain uncertainty")}],
            [{lo: any_of("do did does")}, {lo: "n't"}, {lo: "know"}, {lo: any_of("if whether")}],
            [{lo: any_of("might could may")}, {lo: any_of("break fail lose go")}],
            [{lo: any_of("do did does")}, {lo: "n't"}, {lem: "trust"}],
        ],
        # --- habit: attachment to today's way
        "habit:used to": [
            [{lem: "be"}, {lo: any_of("used accustomed")}, {lo: "to"}, {"TAG": {"NOT_IN": ["VB"]}}],
            [{"DEP": "nsubj"}, {lo: "used"}, {lo: "to"}, {"POS": any_of("VERB AUX")}],
        ],
        "habit:always done": [
            [{lo: "always"}, {lo: any_of("done did used worked had relied")}],
            [
                {lo: "the"},
                {lo: "way"},
                {lo: any_of("we i it things you they")},
                {lo: any_of("'ve have had 'd"), "OP": "?"},
                {lo: "always"},
            ],
            [{lo: any_of("status comfort")}, {lo: any_of("quo zone")}],
        ],
        "habit:comfortable": [
            [{lo: any_of("comfortable habit habits inertia tradition traditionally ingrained entrenched")}],
            [{lem: any_of("stick stay")}, {lo: "with"}],
            [{lo: "stuck"}, {lo: any_of("with on in")}],
            [{lo: "muscle"}, {lo: "memory"}],
            [{lo: any_of("do did does")}, {lo: "n't"}, {lo: "want"}, {lo: "to"}, {lo: "change"}],
            [{lo: "resist"}, {"OP": "?"}],
        ],
    }


# Sentences that mention the old/current way turn a pain into a push.
CURRENT_WAY = frozenset({"old", "legacy", "existing", "current", "previous", "original", "currently", "today"})

# A success said with these is hedged or hypothetical, not a result ("maybe it works", "it would be great").
HEDGE_WORDS = frozenset({"maybe", "perhaps", "hopefully", "possibly", "supposedly", "ideally"})
SUBORDINATORS = frozenset({"if", "as", "when", "whenever", "because", "since", "while", "although", "though"})
HYPOTHETICAL_AUX = frozenset({"would", "'d", "could", "might", "may", "should"})
# Words of a clause opener ("so that", "in order to", "every time") left dangling when a motivation is cut.
CLAUSE_OPENERS = frozenset(
    "so that in order to as when whenever if once after before which every each time while until".split()
)
