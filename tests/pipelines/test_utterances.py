"""Tests for utterance splitting and display cleaning, with the real spaCy model and a real interview."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from pipelines.types import Role, Turn
from pipelines.utterances import SpacySplitter, clean_display, is_backchannel

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
INTERVIEWS = DATA / "interviews" / "pypi-infrastructure"


@pytest.fixture(scope="module")
def splitter() -> SpacySplitter:
    return SpacySplitter()


# --- clean_display / is_backchannel (pure, fast) ---


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Um, I think we, uh, need it.", "I think we need it."),
        ("I’m not sure, erm, where it went.", "I’m not sure where it went."),
        ("Hmm. Okay, so the problem is -- is that nobody knows.", "Okay, so the problem is that nobody knows."),
        ("I I think the the export is broken.", "I think the export is broken."),
        ("I was -- I went to the store.", "I was — I went to the store."),  # a false start is what was said
        ("We… we just shipped it.", "We just shipped it."),
        ("I didn't, I didn't -- I wasn't really involved.", "I didn't, I didn't — I wasn't really involved."),
        (
            "the biggest delay in the -- biggest delay in the review",
            "The biggest delay in the — biggest delay in the review",
        ),
        ("But, like, my manager -- I told him.", "But my manager — I told him."),
        ("And, you know, I got the Commit Bit set.", "And I got the Commit Bit set."),
        ("Within a couple weeks, you know, it might crash.", "Within a couple weeks it might crash."),
        ("I mean, it's not sustainable.", "It's not sustainable."),
        ("There was, like, charitably three people.", "There was charitably three people."),
        (
            "I figured out how to -- you know, I figured out the whole thing.",
            "I figured out how to — I figured out the whole thing.",
        ),
        (
            "there are parts that I don’t know… That I don’t have in my head.",
            "There are parts that I don’t know… That I don’t have in my head.",
        ),
        ("the code is... bad", "The code is… bad"),
        ("It got (laughter) started.", "It got started."),
        ("So, yeah, I'm not sure about pricing.", "So, yeah, I'm not sure about pricing."),
        ("and it just sort of…", "And it just sort of…"),
    ],
)
def test_clean_display_removes_disfluencies(raw: str, expected: str) -> None:
    assert clean_display(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I like it a lot.",
        "It looks like a bug.",
        "I was like, “What?! Wait?!”",  # quotative "like" is speech, not filler
        "Something like, twenty people.",  # approximation, no comma before: keep
        "You know the one I mean.",
        "Do you know, the thing?",
        "I had had enough of that.",
        "I think that that is wrong.",
        "Six six seven.",  # a phone-number digit said twice is content, not a stutter
        "The build failed, failed again, and failed a third time.",
        "No, no, no, we never did that.",
        "Very, very slow uploads.",
    ],
)
def test_clean_display_keeps_meaningful_words(text: str) -> None:
    assert clean_display(text) == text[0].upper() + text[1:]


def test_clean_display_capitalises_and_tidies_dashes() -> None:
    assert clean_display("we have a web UI -- just Bootstrap -- and it works") == (
        "We have a web UI — just Bootstrap — and it works"
    )
    assert clean_display("It's -- it's --") == "It's…"
    assert clean_display("") == ""


@pytest.mark.parametrize(
    "text",
    [
        "Yeah.",
        "Yeah, yeah.",
        "Mm-hmm.",
        "Mm-hm.",
        "Uh-huh.",
        "Okay, cool.",
        "Right right right",
        "Sure!",
        "No.",
        "Got it.",
        "Exactly.",
        "That's right.",
        "yes",
        "",
        "  ...  ",
        "Oh, okay. Thank you.",
    ],
)
def test_backchannels(text: str) -> None:
    assert is_backchannel(text)


@pytest.mark.parametrize(
    "text",
    [
        "Yeah, I think the search is too slow.",
        "No, we never used it.",
        "Okay. So the code",
        "Cool tool.",
        "Right now we deploy by hand.",
    ],
)
def test_not_backchannels(text: str) -> None:
    assert not is_backchannel(text)


# --- SpacySplitter (real model) ---

ROLES: dict[str, Role] = {"MEL": "interviewer", "ANA": "customer"}


@pytest.mark.slow
def test_split_skips_interviewer_and_backchannels(splitter: SpacySplitter) -> None:
    turns = [
        Turn("MEL", "So how do you publish a release today? Tell me everything."),
        Turn("ANA", "Yeah, yeah."),
        Turn("ANA", "Um, we build the wheels by hand. Then I I upload them from my laptop. Mm-hmm. Both."),
        Turn("MEL", "Mm-hmm. And what goes wrong?"),
        Turn("BOB", "Honestly the the two-factor prompts break our CI every single time."),
    ]
    utterances = splitter.split(turns, ROLES)
    assert [u.display for u in utterances] == [
        "We build the wheels by hand.",
        "Then I upload them from my laptop.",
        "Honestly the two-factor prompts break our CI every single time.",
    ]
    assert [u.turn_index for u in utterances] == [2, 2, 4]
    assert [u.position for u in utterances] == [0, 1, 2]
    assert [u.role for u in utterances] == ["customer", "customer", "unknown"]  # BOB has no role: kept
    assert [u.speaker for u in utterances] == ["ANA", "ANA", "BOB"]
    for u in utterances:
        assert u.verbatim in turns[u.turn_index].text
        assert u.start is None and u.end is None
    assert utterances[1].verbatim == "Then I I upload them from my laptop."


@pytest.mark.slow
def test_split_interpolates_times_inside_the_turn(splitter: SpacySplitter) -> None:
    text = (
        "We moved everything to the new registry last spring. The migration took three weeks of evenings. "
        "Nobody on the team wanted to touch the old scripts again. Now releases take ten minutes."
    )
    turn = Turn("ANA", text, start=100.0, end=130.0)
    utterances = splitter.split([Turn("MEL", "Go on.", 90.0, 99.0), turn], ROLES)
    assert len(utterances) == 4
    assert turn.start is not None and turn.end is not None
    previous_end = turn.start
    for u in utterances:
        assert u.start is not None and u.end is not None
        assert turn.start <= u.start < u.end <= turn.end
        assert u.start >= previous_end  # monotone, no overlap
        previous_end = u.end
        begin = text.index(u.verbatim)
        assert u.start == pytest.approx(100.0 + 30.0 * begin / len(text))
    assert utterances[-1].end == pytest.approx(130.0 - 30.0 * (len(text) - text.rindex(".") - 1) / len(text))


@pytest.mark.slow
def test_split_empty_and_all_interviewer(splitter: SpacySplitter) -> None:
    assert splitter.split([], ROLES) == []
    assert splitter.split([Turn("MEL", "A long question about your release process?")], ROLES) == []


@pytest.mark.slow
def test_split_long_turn_is_chunked_and_offsets_hold(splitter: SpacySplitter) -> None:
    sentence = "The upload step fails whenever the network drops for a second. "
    text = sentence * 800  # ~50k characters, more than one spaCy chunk
    utterances = splitter.split([Turn("ANA", text, 0.0, 800.0)], ROLES)
    assert len(utterances) == 800
    for u in utterances:
        assert u.verbatim == sentence.strip()
    starts = [u.start for u in utterances if u.start is not None]
    assert len(starts) == len(utterances) and starts == sorted(starts)


def _parse_transcript(path: Path) -> list[Turn]:
    """Tiny local parse of `NAME: text` paragraphs after `# BEGIN TRANSCRIPT` (continuations join)."""
    body = path.read_text(encoding="utf-8").split("# BEGIN TRANSCRIPT", 1)[1]
    turns: list[list[str]] = []
    for paragraph in (p.strip() for p in body.split("\n\n")):
        if not paragraph:
            continue
        match = re.match(r"^([A-Z][A-Za-z]+(?:, TYPING| \(typed\))?):\s*(.*)$", paragraph, re.S)
        if match:
            turns.append([match.group(1), match.group(2)])
        elif turns:
            turns[-1][1] += "\n\n" + paragraph
    return [Turn(speaker, text) for speaker, text in turns]


@pytest.mark.slow
def test_split_real_interview(splitter: SpacySplitter) -> None:
    path = INTERVIEWS / "donald-1-full.md"
    if not path.exists():
        pytest.skip(f"shared data not found at {path}")
    turns = _parse_transcript(path)
    roles: dict[str, Role] = {t.speaker: "interviewer" if t.speaker.startswith("MEL") else "customer" for t in turns}
    utterances = splitter.split(turns, roles)

    customer_chars = sum(len(t.text) for t in turns if roles[t.speaker] == "customer")
    assert len(utterances) > 150
    assert "DONALD" in {u.speaker for u in utterances}
    assert all(roles[u.speaker] == "customer" and u.role == "customer" for u in utterances)
    assert [u.position for u in utterances] == list(range(len(utterances)))
    assert sum(len(u.verbatim) for u in utterances) > 0.85 * customer_chars  # little real speech is dropped
    for u in utterances:
        assert u.verbatim in turns[u.turn_index].text
        assert u.verbatim == u.verbatim.strip()
        assert u.display and u.display[0] == u.display[0].upper()
        assert not is_backchannel(u.display)
        assert not re.search(r"\b(?:um|uh|erm)\b", u.display, re.IGNORECASE)
        assert " -- " not in u.display
    displays = {u.display for u in utterances}
    assert "So I get roughly two days a week dedicated to Python packaging." in displays
    assert any(
        u.display == "And I got the Commit Bit set, because Richard got tired of me emailing him patches, "
        "and then he stepped back and I sort of started to take over at that point."
        for u in utterances
    )
    assert not any(u.verbatim in {"Yeah.", "Yep."} for u in utterances)


# --- Quoted material and observers ---


@pytest.mark.slow
def test_quoted_lines_are_split_on_their_own_and_marked(splitter: SpacySplitter) -> None:
    from pipelines.transcripts import parse_transcript

    transcript = parse_transcript(
        "MEL: What did the board think?\n\n"
        "ANA: Here is what they wrote to us.\n\n"
        "> _Source(s): board-notes_\n>\n"
        "> PAT: We cannot keep paying for the mirror servers out of pocket every month.\n\n"
        "So we moved the mirrors to a sponsor and now I sleep at night.\n\n"
        "CAPTIONER: Can try to switch to 4G if that would be helpful.\n"
    )
    roles: dict[str, Role] = {"MEL": "interviewer", "ANA": "customer", "CAPTIONER": "observer"}
    utterances = splitter.split(list(transcript.turns), roles)
    quoted = {u.verbatim: u.quoted for u in utterances}
    assert quoted == {
        "Here is what they wrote to us.": False,
        "_Source(s): board-notes_": True,
        "PAT: We cannot keep paying for the mirror servers out of pocket every month.": True,
        "So we moved the mirrors to a sponsor and now I sleep at night.": False,
    }
    assert "CAPTIONER" not in {u.speaker for u in utterances}  # observers are never split or mined
    for u in utterances:
        assert u.verbatim in transcript.turns[u.turn_index].text and not u.verbatim.startswith(">")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # words read out are quoted; the speaker's own "I was like, ..." is not
            "The ticket said “please restore the deleted package before the Friday release”. "
            "I was like, “what do we even do now?” "
            "So I restored it from a backup by hand.",
            [
                ("The ticket said “please restore the deleted package before the Friday release”.", True),
                ("I was like, “what do we even do now?”", False),
                ("So I restored it from a backup by hand.", False),
            ],
        ),
        (  # words after a quotative "go" are quoted, but "we go, ..." is the speaker's own
            "Then the funders go, ”Ah. That was more money well spent.” "
            "And we go, “we can finally ship the new release every week.” "
            "So the grant paid for itself.",
            [
                ("Then the funders go, ”Ah.", False),
                ("That was more money well spent.”", True),
                ("And we go, “we can finally ship the new release every week.”", False),
                ("So the grant paid for itself.", False),
            ],
        ),
        (  # the words of a written message named just before them are read out
            "The council put up a notice. “All bins must be inside the gate by Sunday night.” "
            "Honestly, I never look at those.",
            [
                ("The council put up a notice.", False),
                ("“All bins must be inside the gate by Sunday night.”", True),
                ("Honestly, I never look at those.", False),
            ],
        ),
        (  # a sentence that goes on in the speaker's own words after the words it reads out is cut there
            'The landlord said: "Please report every repair through the new portal from now on," and I thought, '
            "well, that is one more login I will forget.",
            [
                ('The landlord said: "Please report every repair through the new portal from now on,"', True),
                ("and I thought, well, that is one more login I will forget.", False),
            ],
        ),
        (  # ... and so is the speaker's own telling before who said them; "who said it" stays with the quote, and
            # so does a clause naming the message its words tell
            "The boiler packed in on the first night, the agent said “Just text the handyman directly whenever "
            "anything breaks.” The agent said, “Nobody ever reads the tenancy handbook anyway.” "
            "One of the neighbours sent me an email, she said “the boiler in number four is leaking through the "
            "ceiling again”.",
            [
                ("The boiler packed in on the first night,", False),
                ("the agent said “Just text the handyman directly whenever anything breaks.”", True),
                ("The agent said, “Nobody ever reads the tenancy handbook anyway.”", True),
                (
                    "One of the neighbours sent me an email, she said “the boiler in number four is leaking through "
                    "the ceiling again”.",
                    True,
                ),
            ],
        ),
    ],
)
def test_words_read_out_are_quoted_but_own_words_are_not(
    splitter: SpacySplitter, text: str, expected: list[tuple[str, bool]]
) -> None:
    utterances = splitter.split([Turn("ANA", text)], ROLES)
    assert [(u.verbatim, u.quoted) for u in utterances] == expected


@pytest.mark.slow
def test_repeated_content_words_stay_verbatim(splitter: SpacySplitter) -> None:
    utterances = splitter.split([Turn("ANA", "Um, the support line is six six seven, uh, two two one.")], ROLES)
    assert [u.display for u in utterances] == ["The support line is six six seven two two one."]


# --- Bounded utterances: run-ons are cut, verbatim is kept ---


def _assert_verbatim_cover(text: str, spans: list[tuple[int, int]], max_words: int) -> None:
    """The spans are in order, at most max_words words each, and only whitespace lies between and around them."""
    position = 0
    for begin, end in spans:
        assert text[position:begin].strip() == "" and begin < end
        assert len(text[begin:end].split()) <= max_words
        assert text[begin] != " " and text[end - 1] != " "
        position = end
    assert text[position:].strip() == ""
    assert " ".join(text[b:e] for b, e in spans).split() == text.split()


def test_cap_span_prefers_clause_boundaries() -> None:
    from pipelines.utterances import cap_span

    text = "we export the sheets every month, then we stitch them by hand and check them twice because typos break it"
    spans = list(cap_span(text, 0, len(text), 8))
    _assert_verbatim_cover(text, spans, 8)
    pieces = [text[b:e] for b, e in spans]
    assert pieces[0] == "we export the sheets every month,"
    assert pieces[1] == "then we stitch them by hand"  # cut before the conjunction


def test_cap_span_cuts_by_length_without_boundaries() -> None:
    from pipelines.utterances import cap_span

    text = "  " + " ".join(f"w{n}" for n in range(25)) + "  "
    spans = list(cap_span(text, 0, len(text), 10))
    assert [len(text[b:e].split()) for b, e in spans] == [10, 10, 5]
    _assert_verbatim_cover(text, spans, 10)
    assert list(cap_span("one two", 0, 7, 10)) == [(0, 7)]  # short spans are untouched


@pytest.mark.slow
def test_long_unpunctuated_run_is_split_with_verbatim_preserved(splitter: SpacySplitter) -> None:
    words = (
        "so we moved the packages over to the new storage backend and then the mirrors started falling behind "
        "because nobody had tested the sync job with that many files which meant i spent a week rewriting it"
    ).split()
    text = " ".join(words * 60)  # about 2,200 words, no punctuation at all
    capped = copy.copy(splitter)  # the loaded model, with a smaller cap
    capped.max_words = 40
    spans = capped.sentence_spans([text])[0]
    assert len(spans) > 2_000 // 40
    _assert_verbatim_cover(text, spans, 40)
    utterances = capped.split([Turn("Dana", text)], {"Dana": "customer"})
    assert utterances and max(len(u.verbatim.split()) for u in utterances) <= 40
    assert all(u.verbatim in text for u in utterances)


@pytest.mark.slow
def test_a_clock_time_can_end_a_sentence(splitter: SpacySplitter) -> None:
    text = "The parcel came at six p.m. Which was fine, but I'd waited all day. It opens at 9 a.m. and shuts at five."
    utterances = splitter.split([Turn("ANA", text)], ROLES)
    assert [u.verbatim for u in utterances] == [
        "The parcel came at six p.m.",
        "Which was fine, but I'd waited all day.",
        "It opens at 9 a.m. and shuts at five.",
    ]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a short sentence taking back the one before is read with it, a laugh between them too
        (
            "I want my book back. Ha, no. They'd thrown it out.",
            ["I want my book back. Ha, no.", "They'd thrown it out."],
        ),
        (
            "It would have saved my marriage. (laughs) Not really. It was fine.",
            ["It would have saved my marriage. (laughs) Not really.", "It was fine."],
        ),
        (
            "I run a choir. [laughs] I'm joking. I hate singing.",
            ["I run a choir. [laughs] I'm joking.", "I hate singing."],
        ),
        # a sentence that goes on past the taking back is one of its own
        (
            "I want my book back. Actually, no, I want a new one.",
            ["I want my book back.", "Actually, no, I want a new one."],
        ),
        ("Kidding aside, it works. It really does.", ["Kidding aside, it works.", "It really does."]),
    ],
)
def test_a_sentence_taking_back_the_one_before_is_read_with_it(
    splitter: SpacySplitter, text: str, sentences: list[str]
) -> None:
    assert [text[b:e] for b, e in splitter.sentence_spans([text])[0]] == sentences
