"""Which stored forces count toward a job: a confidence gate per force, and for push, anxiety and habit a cue of it.

The sentence labels (`pipelines.forces`) stay as they are; this only decides which of them a job counts and shows.
A job adds up every force its people voice, so on real talk, where most model forces are false, its false ones add
up too. On the pypi interviews the anxiety and habit the models give are nearly all false whatever their confidence
(`forces_dev_pypi.jsonl`: anxiety 6 right of 48, habit 1 of 63): conditionals and musings ("if I stepped away now, the
project would continue to run") read as anxiety, talk of the past or of how things are ("it's a lot less common than
it used to be") as habit. Anxiety is worry about the new way, habit attachment to the present one, so each counts only
where the sentence says so: a worry, an unsure outcome or a feared loss (`voices_worry`); familiarity, comfort, a
routine kept over time, or not wanting to change (`voices_attachment`). Push is the current way hurting the speaker
enough to look for a change, and the models also read reasons and story events as push ("Because you're not operating
a service.", "And he got tired of me mailing him patches"), so push counts only where the sentence says something fails,
costs, blocks or frustrates (`voices_pain`), or where the speaker turns against the current thing (a rejection, push by
rule whatever its probability). The gates and the cue rules were chosen on one half of the pypi development set (by a
hash of the text) with the other development sets, and reported on the other half (tests/benchmarks/job_forces.py
--dev; README "Forces per job").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pipelines.forces import is_confident_force, is_rejection

# Per force, the least probability that counts: on the choosing half, the gate of the best F0.5 (precision weighted
# twice: a researcher would rather see fewer forces, right ones) averaged over the sets, each set weighing the same
# so that real talk counts as much as our written lines; with the cues on. Habit's 0.30 ties 0.0, push's 0.30 ties 0.0
# and 0.2 (0.838; 0.750 at 0.5 before the push cue).
COUNT_GATES: Mapping[str, float] = {"push": 0.30, "pull": 0.55, "anxiety": 0.40, "habit": 0.30}

_APOSTROPHES = re.compile(r"[’‘`]")

# Worry about the new way: a word of worry; not knowing how the new would turn out ("I wasn't sure the scheduler would
# cope", "I didn't know if our plugins would run"); a loss or failure the speaker fears might come ("it might break
# dozens of our old modules", "we'd be stuck"); a yes/no question about the future ("Would the new software handle
# it?"). A bare conditional ("if it wasn't accepted, I would use my fork") is none of these.
_WORRY = re.compile(
    r"\b(?:"
    r"worr\w*|afraid|scar(?:y|ed|es)|fear\w*|nervous\w*|anxi\w*|uneas\w*|risk\w*|concern(?:s|ed)?|doubt\w*|hesita\w*"
    r"|danger\w*|dread\w*|daunting|careful|cautious|wary|nagging|bother(?:ed|s)|panic\w*|terrif\w*|frighten\w*"
    r"|what if|what happens (?:to|if|when)|what would happen|too good to be true|single point of failure"
    r"|(?:not|\w+n't|never|nobody (?:was|is|could)|no one (?:was|is|could)) (?:\w+ ){0,2}"
    r"(?:sure|certain|confident|know|tell) (?:\w+ ){0,4}?(?:if|whether|how|what|that|the|our|my|we|it|they|people)\b"
    r"|not knowing|no idea (?:if|whether|how|what)|wonder(?:ed|ing)? (?:if|whether|what|how)"
    r"|(?:would|might|could|will|'d|may) (?:\w+ ){0,3}?(?:break|lose|lost|get lost|corrupt|go wrong|fail|stop working"
    r"|be stuck|end up|cost (?:us )?more|be left behind|go under|go away|freeze|get frozen|hide|miss)"
    r"|(?:stuck|left behind|lock(?:ed)? in|(?:a|real) chance|penalty|might not|may not|hidden (?:fee|cost)s?|safe)\b"
    r"|^(?:would|could|will|can|might|is|are) (?:\w+ ){1,12}?\w+\?"
    r")"
)
# Attachment to the present way: familiarity and comfort ("I'm used to the old command", "the team knows it inside
# out"), a routine kept over time ("we've always done it that way", "for years", "kept renewing", "stuck with"), the
# old thing named as ours ("the existing tool"), and not wanting or needing to change ("why change it?"). Having done
# something once ("I used it"), a thing put to a use ("that was used to fund the rewrite") and not wanting to move
# forward (progress, not the present way) are none of these.
_ATTACHMENT = re.compile(
    r"\b(?:"
    r"comfortable|familiar|fond of|habits?|routines?|ritual|rhythm|second nature|without thinking|eyes closed"
    r"|half asleep|feels? like home|part of (?:my|our|the|us)|devil you know|grew up with|loyal\w*"
    r"|(?:'m|'re|am|are|is|was|were|be|been|get|got|gotten|getting) (?:so |very |just |all )?used to "
    r"(?:the|a|an|it|this|that|these|those|my|our|their|his|her|its|\w+ing)\b"
    r"|(?:know|knows|knew) (?:\w+ ){0,4}?(?:inside out|by heart|exactly|how|where|every)"
    r"|always (?:\w+ )??(?:done|did|do|had|have|used|been|looked|wrote|write|insured|banked|managed|uploaded|uploading)"
    r"|(?:'ve|'d|have|had|has) always"
    r"|for (?:years|ages|decades|a decade|so long|(?:\w+ )?(?:years|decades))|so long\b"
    r"|since (?:i|we|my|our|the|university|school)"
    r"|(?:kept|keep|keeps|keeping) (?:on )?(?:\w+ing|the|my|our|his|her|their)\b"
    r"|stuck with|stick(?:ing)? (?:with|to)|stay(?:ed|ing)? with|been with|would have stayed"
    r"|never (?:\w+ )?(?:questioned|thought|looked|occurred|came up|got round|felt like)"
    r"|good enough|(?:been|works?|worked) (?:just )?fine|why change|not about to|more (?:effort|hassle|trouble) than"
    r"|hassle of|retrain\w*|built (?:\w+ ){0,4}?around"
    r"|(?:the )?same (?:way|brand|company|shop|model|instructor|bank|firm|pillow|text editor|class)"
    r"|(?:old|existing|current|usual|legacy) (?:way|ways|setup|system|tool|command|dashboard|scripts?|host|machines"
    r"|reports|account)"
    r"|how (?:we|i|they) (?:always )?(?:do|did) (?:things|it)|the way (?:we|i|they)(?:'ve|'d)? (?:always )?"
    r"(?:do|did|done|had)"
    r"|(?:not|\w+n't|nobody|no one) (?:\w+ ){0,4}?(?:wants?|wanted|in a hurry|about) to "
    r"(?:change|switch|move(?! forward| on| ahead)|leave|learn|give)"
    r"|wouldn't change|without (?:\w+ ){0,3}?changing|still (?:had|have|has|need|needs|needed) to work"
    r")"
)
# The current way hurting: something fails, breaks or is missing ("the export failed every month", "the docs were out
# of date", "there was no documentation"); it costs time, money or people ("I'd lose an afternoon", "we were paying a
# fortune", "burning people out"); it blocks ("we couldn't ship", "nobody knew how it worked"); or it frustrates ("which
# drove me mad", "I'm sick of it"). A reason or a story with no such word ("because most downloads weren't reaching the
# server", "he got his own office") says nothing hurts.
_PAIN = re.compile(
    r"\b(?:"
    # it fails or breaks
    r"break|breaks|breaking|broke|broken|crash\w*|fail\w*|outages?|downtime|bugs?|buggy|errors?|glitch\w*"
    r"|froze|freez\w*|stopped working|(?:doesn't|don't|didn't|isn't|wasn't|weren't|aren't|never) (?:\w+ ){0,2}?"
    r"work(?:s|ed|ing)?|fall(?:s|ing)? (?:over|apart)|fell (?:over|apart)|(?:went|goes|go|going) down"
    r"|tim(?:ed|es|ing) out|drop(?:s|ped|ping) (?:off|out|support)|logged (?:me|us) out|kicked (?:me|us) out"
    r"|went away|go(?:es)? away|out of date|outdated|too old|obsolete|corrupt\w*|went wrong|goes wrong"
    r"|exposed|leak\w*|insecure|vulnerab\w*|hacked|breach\w*"
    # it is a problem, or blocks
    r"|problems?|issues?|mess|messy|chaos|chaotic|nightmare|headaches?|pain|painful|struggl\w*|hard|harder"
    r"|difficult\w*|challeng\w*|troubles?|complicated|confusing|tedious|hassle|blockers?|blocked|bottlenecks?|stuck"
    r"|limit(?:ed|ing|ation|ations)|couldn't|can't|cannot|unable|impossible|no way (?:to|of)|(?:could|can) never"
    r"|(?:nobody|no one|none of us|nothing) (?:\w+ )?(?:knew|knows|could|understood|understands|trusted|trusts"
    r"|wanted|dared|followed|follows|picked|answered|replied|noticed|alerted|helped)"
    r"|(?:not|wasn't|isn't|weren't|aren't) (?:\w+ )?enough|lack\w*|missing|lost|losing|lose"
    r"|(?:had|has|have|there's|there is|there was|there were|with) (?:basically |almost |really |just |still )?no\b"
    # it costs money, time or people
    r"|costs?|costing|costly|expensive|fortune|overhead|fees|charged|charging|overcharg\w*|waste\w*"
    r"|(?:went|go|goes|going|gone|kept going) up|(?:ate|eat|eats|eating) (?:into|up|away|our|my)"
    r"|thr(?:ew|ow|owing|own) (?:\w+ ){0,3}?away|time[- ](?:consuming|intensive)|paying (?:for|way|too|so|more)"
    r"|too (?:much|long|slow|many|few)|so (?:long|slow)|slow(?:er|ly)?|over and over|by hand|manually|forever|ages"
    r"|took (?:\w+ ){0,2}?(?:weeks|days|hours|months)|on hold|(?:sit|sat|sits|sitting) there"
    r"|(?:spend|spends|spent|spending|lose|lost|losing) (?:\w+ ){0,2}?(?:time|hours|days|weeks|evenings|weekends"
    r"|mornings|afternoons|nights)"
    r"|burn(?:ing|ed|t)? (?:\w+ )?out|exhaust\w*|tired|stress\w*|overwhelm\w*|on call|pinging me|sore|ach(?:e|es|ing)"
    r"|hurt\w*|crowded|packed"
    # it frustrates
    r"|frustrat\w*|annoy\w*|irritat\w*|mad|angry|upset|hate[ds]?|sick of|fed up|done with|drove me|drives me"
    r"|last straw|gave up|give up|unhappy|terrible|awful|horrible|bad|worse|worst|sucks?|ridiculous|miserable"
    r"|darkest|complain\w*"
    # someone must ("I had to retry it", not "the tools still had to work")
    r"|(?:i|we|you|they|he|she|someone|somebody|everyone|people) (?:\w+ )?(?:had|have|has|having) to"
    r")\b"
)
# Tiredness aimed at the speaker ("she got tired of me calling") is someone else's, not the speaker's pain.
_AT_SPEAKER = re.compile(r"\b(?:tired of|sick of|fed up with|annoyed (?:by|with)|frustrated (?:by|with)) (?:me|us)\b")
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|myself|we|we're|we've|we'd|we'll|us|our|ours|ourselves)\b"
)


def _plain(text: str) -> str:
    return _APOSTROPHES.sub("'", text.lower()).strip()


def voices_worry(text: str) -> bool:
    """Whether the sentence voices worry about the new: a worry, an unsure outcome, a feared loss, a question ahead."""
    return _WORRY.search(_plain(text)) is not None


def voices_attachment(text: str) -> bool:
    """Whether the sentence voices attachment to the present way: familiarity, a routine kept, no wish to change."""
    return _ATTACHMENT.search(_plain(text)) is not None


def voices_pain(text: str) -> bool:
    """Whether the sentence says the current way hurts: it fails, costs, blocks or frustrates (not the speaker)."""
    plain = _AT_SPEAKER.sub(" ", _plain(text))
    return _PAIN.search(plain) is not None


def in_first_person(text: str) -> bool:
    """Whether the speaker speaks of themselves or their group (I, we, my, our...)."""
    return _FIRST_PERSON.search(_plain(text)) is not None


_CUES = {"anxiety": voices_worry, "habit": voices_attachment, "push": voices_pain}


@dataclass(frozen=True, slots=True)
class CountRule:
    """Which stored forces a job counts: a gate per force, the anxiety/habit cues, the push cue (a pain, or the
    speaker turning against the current thing), and (measured, off) first person."""

    gates: Mapping[str, float] = field(default_factory=lambda: dict(COUNT_GATES))
    kind_cues: bool = True
    push_cue: bool = True
    first_person: bool = False

    def counts(self, *, kind: str, confidence: float | None, text: str) -> bool:
        """Whether a force of `kind` said in `text` at probability `confidence` counts toward its job."""
        if self.first_person and not in_first_person(text):
            return False
        # A rejection is push by rule (`pipelines.forces.is_rejection`) whatever the models' probability, which is
        # that of their own reading (often habit: "I don't want to use this anymore" has 0.03 push).
        if kind == "push" and self.push_cue and is_rejection(text):
            return True
        if not is_confident_force(confidence, self.gates.get(kind, 0.0)):
            return False
        cue = _CUES.get(kind)
        wanted = self.push_cue if kind == "push" else self.kind_cues
        return not (wanted and cue is not None and not cue(text))


def one_gate(min_confidence: float) -> CountRule:
    """The rule before per-force gates and cues: one gate for every force (0: every stored force counts)."""
    return CountRule(gates=dict.fromkeys(COUNT_GATES, min_confidence), kind_cues=False, push_cue=False)


SHIPPED = CountRule()
