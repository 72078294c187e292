"""Transcript import and export: every format, the real pypi interviews, errors, round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.transcripts import (
    DEFAULT_SPEAKER,
    RENDER_FORMATS,
    TranscriptError,
    parse_transcript,
    render_transcript,
)
from pipelines.types import Transcript, Turn

INTERVIEWS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "interviews" / "pypi-infrastructure"
INTERVIEW_FILES = sorted(INTERVIEWS.glob("*.md"))


def pairs(transcript: Transcript) -> list[tuple[str, str]]:
    return [(turn.speaker, turn.text) for turn in transcript.turns]


def times(transcript: Transcript) -> list[tuple[float | None, float | None]]:
    return [(turn.start, turn.end) for turn in transcript.turns]


def error_code(data: bytes | str) -> str:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(data)
    assert info.value.message and info.value.message == str(info.value)
    return info.value.code


# --- plain text exports -------------------------------------------------------------------------------------

ZOOM_TXT = """\
00:00:01 Mel Chua: Thanks for joining. Can you tell me about your role?
00:00:06 Donald Stufft: Sure. I maintain PyPI.
00:00:09 Donald Stufft: Mostly the   backend.
00:00:12 Mel Chua: What takes most of your time?
"""


def test_zoom_style_timestamped_lines() -> None:
    transcript = parse_transcript(ZOOM_TXT)
    assert transcript.source_format == "text"
    assert pairs(transcript) == [
        ("Mel Chua", "Thanks for joining. Can you tell me about your role?"),
        ("Donald Stufft", "Sure. I maintain PyPI. Mostly the backend."),
        ("Mel Chua", "What takes most of your time?"),
    ]
    # The end of a turn is the next turn's start; the last turn's end is unknown.
    assert times(transcript) == [(1.0, 6.0), (6.0, 12.0), (12.0, None)]
    assert transcript.speaker_names == {"Mel Chua": "Mel Chua", "Donald Stufft": "Donald Stufft"}


def test_bracketed_timestamps_and_hours() -> None:
    text = "[00:59:58] Interviewer: Last question?\n[1:00:03] Customer: Nope, all good.\n"
    transcript = parse_transcript(text)
    assert pairs(transcript) == [("Interviewer", "Last question?"), ("Customer", "Nope, all good.")]
    assert times(transcript) == [(3598.0, 3603.0), (3603.0, None)]


OTTER_TXT = """\
Mel Chua  0:05
So tell me how you publish a release.

Donald Stufft  0:12
Well, I build the wheel first.
Then I upload it with twine, at 10:30: usually.

Mel Chua  1:02
And what breaks?

Transcribed by https://otter.ai
"""


def test_otter_name_and_time_above_paragraphs() -> None:
    transcript = parse_transcript(OTTER_TXT)
    assert pairs(transcript) == [
        ("Mel Chua", "So tell me how you publish a release."),
        ("Donald Stufft", "Well, I build the wheel first. Then I upload it with twine, at 10:30: usually."),
        ("Mel Chua", "And what breaks?"),
    ]
    assert times(transcript) == [(5.0, 12.0), (12.0, 62.0), (62.0, None)]


TEAMS_TXT = """\
Mel Chua   0:03
Can you hear me?
Donald Stufft   0:07
Yes, loud and clear.
Mel Chua   0:09
Great. Let's start.
"""


def test_teams_transcript_text() -> None:
    transcript = parse_transcript(TEAMS_TXT)
    assert [t.speaker for t in transcript.turns] == ["Mel Chua", "Donald Stufft", "Mel Chua"]
    assert transcript.turns[1].text == "Yes, loud and clear."
    assert [t.start for t in transcript.turns] == [3.0, 7.0, 9.0]


def test_plain_name_colon_with_continuations_and_prose_prefixes() -> None:
    text = """\
Interview with a maintainer, 2019-08-07

Mel: How do you decide what to work on?
Donald: Mostly by what is on fire.
Note: that was a joke. Mostly. See https://example.org for the tracker.
Honestly it is what users ask for.
Mel: And when did that start?
Donald: Around 2013.
"""
    transcript = parse_transcript(text)
    assert transcript.source_format == "text"
    assert pairs(transcript) == [
        ("Mel", "How do you decide what to work on?"),
        (
            "Donald",
            "Mostly by what is on fire. Note: that was a joke. Mostly. "
            "See https://example.org for the tracker. Honestly it is what users ask for.",
        ),
        ("Mel", "And when did that start?"),
        ("Donald", "Around 2013."),
    ]
    assert times(transcript) == [(None, None)] * 4


def test_bold_markdown_names_and_case_insensitive_labels() -> None:
    text = "**Mel:** Hi there?\n**Jo**: Hello.\nMEL (typed): Can you hear me?\njo: yes\n"
    transcript = parse_transcript(text)
    # Labels match case-insensitively and lose annotations: 'MEL (typed)' is Mel, 'jo' is Jo.
    assert pairs(transcript) == [
        ("Mel", "Hi there?"),
        ("Jo", "Hello."),
        ("Mel", "Can you hear me?"),
        ("Jo", "yes"),
    ]


def test_lower_case_prefix_of_an_unknown_speaker_is_prose() -> None:
    transcript = parse_transcript("Mel: Why?\nJo: Because.\nin short: it works\nMel: Ok.\nJo: Yes.\n")
    assert pairs(transcript)[1] == ("Jo", "Because. in short: it works")


def test_rev_style_and_timestamped_prose() -> None:
    text = "Speaker 1 (00:01):\nWhat do you do?\n\nSpeaker 2 (00:04):\nI run the release train.\n2:30 pm: standup.\n"
    transcript = parse_transcript(text)
    assert pairs(transcript) == [
        ("Speaker 1", "What do you do?"),
        ("Speaker 2", "I run the release train. 2:30 pm: standup."),
    ]
    assert times(transcript) == [(1.0, 4.0), (4.0, None)]


def test_single_speaker_text() -> None:
    transcript = parse_transcript("Alice: I only ever export CSV files.\nThey open in Excel.\n")
    assert pairs(transcript) == [("Alice", "I only ever export CSV files. They open in Excel.")]


MARKDOWN = """\
# Copyright transfer statement

MEL CHUA: this header line is skipped, even though it has a prefix.

# BEGIN TRANSCRIPT

MEL CHUA: Hi. Note: we are recording at 10:30.

JO O'BRIEN: Hello.

Note: this paragraph is prose, with a time 10:30 and a link https://example.org.

> _Source(s): notes.md_
>
> JACKIE: a quoted excerpt is not a change of speaker.

MEL CHUA: Next? What would success look like?

JO O'BRIEN: So the first one is: keep it working.

MEL CHUA, TYPING: Right.

DR. A. SMITH: I am a one-off guest.
"""


def test_interview_markdown() -> None:
    transcript = parse_transcript(MARKDOWN)
    assert transcript.source_format == "markdown"
    assert transcript.speakers == ("MEL CHUA", "JO O'BRIEN", "DR. A. SMITH")
    assert transcript.speaker_names == {
        "MEL CHUA": "Mel Chua",
        "JO O'BRIEN": "Jo O'Brien",
        "DR. A. SMITH": "Dr. A. Smith",
    }
    assert pairs(transcript) == [
        ("MEL CHUA", "Hi. Note: we are recording at 10:30."),
        (
            "JO O'BRIEN",
            "Hello. Note: this paragraph is prose, with a time 10:30 and a link https://example.org.\n"
            "> _Source(s): notes.md_\n> JACKIE: a quoted excerpt is not a change of speaker.",
        ),
        ("MEL CHUA", "Next? What would success look like?"),
        ("JO O'BRIEN", "So the first one is: keep it working."),
        ("MEL CHUA", "Right."),
        ("DR. A. SMITH", "I am a one-off guest."),
    ]


# --- subtitles ----------------------------------------------------------------------------------------------

ZOOM_VTT = """\
WEBVTT

1
00:00:01.140 --> 00:00:05.670
Mel Chua: Thanks for joining today.

2
00:00:05.670 --> 00:00:09.000
Donald Stufft: Happy to be here.

3
00:00:09.000 --> 00:00:12.500
Happy to help, really.

4
00:00:12.600 --> 00:00:14.000
Mel Chua: Great!
"""


def test_zoom_vtt_with_name_prefixes() -> None:
    transcript = parse_transcript(ZOOM_VTT)
    assert transcript.source_format == "vtt"
    assert pairs(transcript) == [
        ("Mel Chua", "Thanks for joining today."),
        ("Donald Stufft", "Happy to be here. Happy to help, really."),
        ("Mel Chua", "Great!"),
    ]
    assert times(transcript) == [(1.14, 5.67), (5.67, 12.5), (12.6, 14.0)]


TEAMS_VTT = """\
WEBVTT

0c0f7a4e-5e3a-4d1b-9d34-8f8c1b8e8c2a/12-0
00:00:03.120 --> 00:00:05.480
<v Mel Chua>Can you hear me?</v>

0c0f7a4e-5e3a-4d1b-9d34-8f8c1b8e8c2a/19-0
00:00:05.900 --> 00:00:08.010
<v Donald Stufft>Yes, loud and clear.</v>

0c0f7a4e-5e3a-4d1b-9d34-8f8c1b8e8c2a/20-0
00:00:08.010 --> 00:00:09.500
<v Donald Stufft>Go ahead.</v>
"""


def test_teams_vtt_voice_tags_merge_contiguous_cues() -> None:
    transcript = parse_transcript(TEAMS_VTT)
    assert pairs(transcript) == [
        ("Mel Chua", "Can you hear me?"),
        ("Donald Stufft", "Yes, loud and clear. Go ahead."),
    ]
    assert times(transcript) == [(3.12, 5.48), (5.9, 9.5)]


FANCY_VTT = """\
\ufeffWEBVTT - interview export
Kind: captions
Language: en

NOTE This file was edited by hand.
It has a multi-line note.

STYLE
::cue { color: yellow; }

01:05.000 --> 01:07.250 align:start position:10%
<v.loud Mel>Do you <b>really</b> ship &amp; pray?</v>

intro
01:07.250 --> 01:10.000 line:0
<v Ana Lima>We <i>test</i> first, &lt;mostly&gt;.
<v Mel>Good.

01:10.000 --> 01:12.000
<c.yellow>Ana Lima: no voice tag here</c>
"""


def test_vtt_notes_styles_settings_and_inline_tags() -> None:
    transcript = parse_transcript(FANCY_VTT.encode("utf-8"))
    assert pairs(transcript) == [
        ("Mel", "Do you really ship & pray?"),
        ("Ana Lima", "We test first, <mostly>."),
        ("Mel", "Good."),
        ("Ana Lima", "no voice tag here"),
    ]
    assert times(transcript)[0] == (65.0, 67.25)
    assert times(transcript)[3] == (70.0, 72.0)


SRT = """\
1
00:00:01,000 --> 00:00:03,500
MEL: How did you start?

2
00:00:03,600 --> 00:00:06,000
DONALD: I emailed patches
to Richard.

3
00:00:06,000 --> 00:00:08,000
<i>Lots of patches.</i>

4
00:00:08,100 --> 00:00:09,000
[MEL] Ha. And then?

5
00:00:09,000 --> 00:00:10,000
- DONALD: Then I got the commit bit.
"""


def test_srt_prefixes_brackets_dashes_and_inherited_speakers() -> None:
    transcript = parse_transcript(SRT.replace("\n", "\r\n").encode("utf-8"))
    assert transcript.source_format == "srt"
    assert pairs(transcript) == [
        ("MEL", "How did you start?"),
        ("DONALD", "I emailed patches to Richard. Lots of patches."),
        ("MEL", "Ha. And then?"),
        ("DONALD", "Then I got the commit bit."),
    ]
    assert times(transcript) == [(1.0, 3.5), (3.6, 8.0), (8.1, 9.0), (9.0, 10.0)]
    assert transcript.speaker_names["MEL"] == "Mel"


def test_srt_without_speakers_uses_default_label() -> None:
    text = "1\n00:00:00,500 --> 00:00:02,000\nhello there\n\n2\n00:00:02,000 --> 00:00:04,000\ngeneral kenobi\n"
    transcript = parse_transcript(text)
    assert pairs(transcript) == [(DEFAULT_SPEAKER, "hello there general kenobi")]
    assert times(transcript) == [(0.5, 4.0)]


# --- JSON ---------------------------------------------------------------------------------------------------

WHISPER_JSON = {
    "text": " Hello there. I use pip every day.",
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 2.2,
            "text": " Hello there.",
            "tokens": [50364, 2425],
            "temperature": 0.0,
            "avg_logprob": -0.21,
            "compression_ratio": 1.1,
            "no_speech_prob": 0.01,
        },
        {
            "id": 1,
            "seek": 0,
            "start": 2.2,
            "end": 4.8,
            "text": " I use pip every day.",
            "tokens": [50474],
            "temperature": 0.0,
            "avg_logprob": -0.3,
            "compression_ratio": 1.1,
            "no_speech_prob": 0.02,
        },
    ],
    "language": "en",
}

WHISPERX_JSON = {
    "segments": [
        {
            "start": 0.031,
            "end": 2.5,
            "text": " Can you tell me about releases?",
            "speaker": "SPEAKER_00",
            "words": [{"word": "Can", "start": 0.031, "end": 0.2, "score": 0.9, "speaker": "SPEAKER_00"}],
        },
        {"start": 2.9, "end": 6.1, "text": " Sure.", "speaker": "SPEAKER_01", "words": []},
        {"start": 6.2, "end": 7.0, "text": " We cut one a week.", "speaker": "SPEAKER_01", "words": []},
        {"start": 7.5, "end": 8.0, "text": " Mostly.", "words": []},
        {"start": 8.2, "end": 9.0, "text": " Why weekly?", "speaker": "SPEAKER_00", "words": []},
    ],
    "word_segments": [{"word": "Can", "start": 0.031, "end": 0.2, "score": 0.9}],
}


def test_whisper_json_without_speakers() -> None:
    transcript = parse_transcript(json.dumps(WHISPER_JSON).encode())
    assert transcript.source_format == "whisper-json"
    assert pairs(transcript) == [(DEFAULT_SPEAKER, "Hello there. I use pip every day.")]
    assert times(transcript) == [(0.0, 4.8)]


def test_whisperx_json_merges_same_speaker_segments() -> None:
    transcript = parse_transcript(json.dumps(WHISPERX_JSON, indent=2))
    assert pairs(transcript) == [
        ("SPEAKER_00", "Can you tell me about releases?"),
        ("SPEAKER_01", "Sure. We cut one a week. Mostly."),  # the unassigned segment keeps the last speaker
        ("SPEAKER_00", "Why weekly?"),
    ]
    assert times(transcript) == [(0.031, 2.5), (2.9, 8.0), (8.2, 9.0)]


def test_bare_segment_list() -> None:
    segments = [{"start": 1, "end": 2, "text": "one", "speaker": "A"}, {"start": 2, "end": 3, "text": "two"}]
    transcript = parse_transcript(json.dumps(segments))
    assert pairs(transcript) == [("A", "one two")]
    assert times(transcript) == [(1.0, 3.0)]


def test_verbatim_json_export() -> None:
    document = {
        "speakers": [
            {"id": "s1", "label": "MEL", "name": "Mel Chua", "role": "interviewer"},
            {"id": "s2", "label": "NICK", "name": "Nick Coghlan", "role": "customer"},
        ],
        "turns": [
            {
                "speaker_id": "s1",
                "speaker": "MEL",
                "role": "interviewer",
                "start": 0.5,
                "end": 2,
                "text": "Hi?",
            },
            {"speaker_id": "s2", "role": "customer", "start": None, "end": None, "text": "  Hello   there. "},
            {"speaker_id": "s2", "speaker": "NICK", "role": "customer", "text": ""},
        ],
    }
    transcript = parse_transcript(json.dumps(document))
    assert transcript.source_format == "verbatim-json"
    assert pairs(transcript) == [("MEL", "Hi?"), ("NICK", "Hello there.")]
    assert times(transcript) == [(0.5, 2.0), (None, None)]
    assert transcript.speaker_names == {"MEL": "Mel Chua", "NICK": "Nick Coghlan"}


# --- decoding -----------------------------------------------------------------------------------------------


def test_windows_1252_and_byte_order_marks() -> None:
    cp1252 = "Mel: Caf\u00e9 or na\u00efve \u201cquotes\u201d?\nJo: Both \u2013 really.\n".encode("cp1252")
    transcript = parse_transcript(cp1252)
    assert pairs(transcript) == [
        ("Mel", "Caf\u00e9 or na\u00efve \u201cquotes\u201d?"),
        ("Jo", "Both \u2013 really."),
    ]
    utf16 = ZOOM_TXT.encode("utf-16")
    assert pairs(parse_transcript(utf16)) == pairs(parse_transcript(ZOOM_TXT))
    assert pairs(parse_transcript(b"\xef\xbb\xbf" + TEAMS_VTT.encode())) == pairs(parse_transcript(TEAMS_VTT))


# --- errors -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        "   \n\t\n",
        "WEBVTT\n\nNOTE nothing here yet\n",
        "[]",
        '{"segments": []}',
        '{"turns": [], "speakers": []}',
        '[{"start": 0, "end": 1, "text": "   "}]',
        "1\n00:00:01,000 --> 00:00:02,000\n\n",
        "# Header\n\n# BEGIN TRANSCRIPT\n\n",
    ],
)
def test_empty_transcripts(data: bytes | str) -> None:
    assert error_code(data) == "transcript_empty"


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        bytes((i * 37 + 11) % 255 + 1 for i in range(3000)),  # binary noise without NUL bytes
        "It was a sunny day. We walked to the park.\nNothing else happened, and we went home at 10:30.\n",
        "Chapter one\n\nThe meeting ended late. Everyone was tired.\nSummary: nothing was decided.\n",
        "Some preface text about the weather.\nYesterday: we walked.\n",
        "hello\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19",
    ],
)
def test_unrecognised_content(data: bytes | str) -> None:
    assert error_code(data) == "transcript_unrecognised"


def test_unrecognised_message_explains_expected_shape() -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript("Just some words without any speakers at all.")
    assert info.value.message.startswith("No speaker turns found: expected lines like 'Name: what they said'")


@pytest.mark.parametrize(
    "data",
    [
        "WEBVTT\n\n00:00:01 --> 00:00:02\n<v Mel>no milliseconds</v>\n",
        "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\n<v Mel>ends before it starts</v>\n",
        "WEBVTT\n\n00:00:01.000 -> 00:00:02.000\nMel: bad arrow means no timing line\n",
        "WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nMel: hi\n",
        "1\n00:00:0x,000 --> 00:00:02,000\nMEL: hi\n",
        "1\n00:00:01,000 --> 00:00:02,000\nMEL: hi\n\n2\n\n3\n00:00:03,000 --> 00:00:04,000\nJO: yo\n",
        '{"segments": [{"start": 0, "end": 1, "text": "hi"}',
        '{"hello": "world"}',
        '{"segments": {"start": 0}}',
        '{"segments": [{"start": "zero", "end": 1, "text": "hi"}]}',
        '[{"start": 0, "end": 1, "text": 42}]',
        '{"turns": [{"speaker": "MEL", "text": "hi", "start": NaN}]}',
        '["just", "strings"]',
        "# BEGIN TRANSCRIPT\n\nThis is prose after the marker, with nobody speaking.\n",
    ],
)
def test_malformed_transcripts(data: str) -> None:
    assert error_code(data) == "transcript_malformed"


def test_malformed_message_points_at_the_line() -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript("WEBVTT\n\nNOTE hi\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03 --> 00:00:04.000\nx\n")
    assert info.value.code == "transcript_malformed"
    assert "Line 8" in info.value.message and "'00:00:03'" in info.value.message


# --- the real interviews ------------------------------------------------------------------------------------


def test_interview_corpus_is_present() -> None:
    if not INTERVIEWS.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    assert len(INTERVIEW_FILES) == 10


@pytest.mark.parametrize("path", INTERVIEW_FILES, ids=lambda p: p.stem)
def test_pypi_interviews_parse(path: Path) -> None:
    transcript = parse_transcript(path.read_bytes())
    narrator = path.stem.split("-")[0].upper()
    assert transcript.source_format == "markdown"
    assert "MEL" in transcript.speakers
    # Exactly one label for the narrator: no split like 'NICK' / 'Nick', no paragraph mistaken for a speaker.
    assert [s for s in transcript.speakers if s not in {"MEL", "MIRABAI", "AMANDA"}] == [narrator]
    counts = {s: sum(t.speaker == s for t in transcript.turns) for s in transcript.speakers}
    assert 19 <= counts["MEL"] <= 60 and 19 <= counts[narrator] <= 60
    # The live captioners (Mirabai, Amanda) speak a line or three at most.
    assert all(counts[s] <= 3 for s in transcript.speakers if s not in {"MEL", narrator})
    assert all(turn.text and turn.start is None and turn.end is None for turn in transcript.turns)
    assert all(a.speaker != b.speaker for a, b in zip(transcript.turns, transcript.turns[1:], strict=False))
    assert transcript.speaker_names["MEL"] == "Mel"
    assert not transcript.turns[0].text.startswith("MEL CHUA hereby")


def test_pypi_annotations_and_prose_colons() -> None:
    if not INTERVIEWS.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    donald = parse_transcript((INTERVIEWS / "donald-1-full.md").read_bytes())
    assert any("However… The good side of that is: Because" in t.text and t.speaker == "DONALD" for t in donald.turns)
    ernest = parse_transcript((INTERVIEWS / "ernest-1-full.md").read_bytes())
    assert any(t.speaker == "MEL" and "did audio cut out on my end?" in t.text for t in ernest.turns)  # MEL, TYPING
    nick = parse_transcript((INTERVIEWS / "nick-2-full.md").read_bytes())
    amanda = [t.text for t in nick.turns if t.speaker == "AMANDA"]
    assert amanda == ["Say a little bit more... Nick.", "I think so.", "Yes! Thank you."]


# --- rendering and round trips ------------------------------------------------------------------------------

TIMED = Transcript(
    turns=(
        Turn("Mel Chua", "So how do you ship a release? A --> B & <C>.", 1.234, 3.5),
        Turn("SPEAKER_01", "We tag it, then wait.", 3.5, 9.999),
        Turn("Mel Chua", "Why wait?", 10.0, 11.0),
        Turn("SPEAKER_01", "Because CI is slow: about 20 minutes.", 12.25, 3725.125),
        Turn("Mel Chua", "Okay.", 3726.0, 3727.5),
    ),
    source_format="vtt",
    speaker_names={"Mel Chua": "Mel Chua", "SPEAKER_01": "SPEAKER_01"},
)


def assert_round_trip(original: Transcript, fmt: str) -> Transcript:
    rendered = render_transcript(original, fmt)
    back = parse_transcript(rendered)
    assert pairs(back) == pairs(original), fmt
    for before, after in zip(original.turns, back.turns, strict=True):
        for a, b in ((before.start, after.start), (before.end, after.end)):
            if a is not None and b is not None:
                assert round(a * 1000) == round(b * 1000), (fmt, before, after)
    return back


@pytest.mark.parametrize("fmt", RENDER_FORMATS)
def test_round_trip_timed_synthetic(fmt: str) -> None:
    back = assert_round_trip(TIMED, fmt)
    assert times(back) == times(TIMED)  # every format keeps every time here, not only where both sides have one


@pytest.mark.parametrize("fmt", RENDER_FORMATS)
@pytest.mark.parametrize("path", INTERVIEW_FILES, ids=lambda p: p.stem)
def test_round_trip_pypi_interview(path: Path, fmt: str) -> None:
    original = parse_transcript(path.read_bytes())
    back = assert_round_trip(original, fmt)
    # Placeholder cue times written for an untimed transcript are read back as "no times".
    assert all(turn.start is None and turn.end is None for turn in back.turns)
    assert back.speaker_names == original.speaker_names


def test_render_vtt_and_srt_shapes() -> None:
    vtt = render_transcript(TIMED, "vtt")
    assert vtt.startswith("WEBVTT\n\n00:00:01.234 --> 00:00:03.500\n<v Mel Chua>So how do you ship a release?")
    assert "A --&gt; B &amp; &lt;C&gt;.</v>" in vtt
    assert "01:02:05.125" in vtt
    srt = render_transcript(TIMED, "srt")
    assert srt.startswith("1\n00:00:01,234 --> 00:00:03,500\nMel Chua: So how")
    assert "\n\n5\n01:02:06,000 --> 01:02:07,500\nMel Chua: Okay.\n" in srt


def test_render_txt_with_and_without_times() -> None:
    txt = render_transcript(TIMED, "txt").splitlines()
    assert txt[0] == "[00:00:01.234] Mel Chua: So how do you ship a release? A --> B & <C>."
    assert txt[1] == "[00:00:03.500 - 00:00:09.999] SPEAKER_01: We tag it, then wait."  # a gap follows: keep the end
    untimed = Transcript((Turn("MEL", "Hi?"), Turn("JO", "Hello.")), "markdown")
    assert render_transcript(untimed, "txt") == "MEL: Hi?\nJO: Hello.\n"


def test_untimed_vtt_uses_announced_placeholders() -> None:
    untimed = Transcript((Turn("MEL", "Hi?"), Turn("JO", "Hello.")), "markdown")
    vtt = render_transcript(untimed, "vtt")
    assert "NOTE" in vtt and "00:00:00.000 --> 00:00:01.000\n<v MEL>Hi?</v>" in vtt
    assert "00:00:01.000 --> 00:00:02.000\n<v JO>Hello.</v>" in vtt
    assert times(parse_transcript(vtt)) == [(None, None), (None, None)]
    assert times(parse_transcript(render_transcript(untimed, "srt"))) == [(None, None), (None, None)]
    # Without the NOTE, a real WebVTT file that happens to use whole seconds keeps its times.
    real = "WEBVTT\n\n00:00.000 --> 00:01.000\n<v A>hi\n\n00:01.000 --> 00:02.000\n<v B>yo\n"
    assert times(parse_transcript(real)) == [(0.0, 1.0), (1.0, 2.0)]


def test_partially_timed_transcript_renders_valid_cues() -> None:
    partial = Transcript(
        (Turn("A", "one", 1.0, None), Turn("B", "two", None, None), Turn("A", "three four five", 5.0, None)),
        "text",
    )
    back = parse_transcript(render_transcript(partial, "vtt"))
    assert pairs(back) == pairs(partial)
    cue_times = times(back)
    assert cue_times[0][0] == 1.0 and cue_times[2][0] == 5.0
    assert all(start is not None and end is not None and end >= start for start, end in cue_times)
    starts = [s for s, _ in cue_times if s is not None]
    assert len(starts) == len(cue_times) and starts == sorted(starts)


def test_render_json_shape_and_roles() -> None:
    document = json.loads(render_transcript(TIMED, "json", roles={"Mel Chua": "interviewer"}))
    assert document["speakers"] == [
        {"id": "Mel Chua", "label": "Mel Chua", "name": "Mel Chua", "role": "interviewer"},
        {"id": "SPEAKER_01", "label": "SPEAKER_01", "name": "SPEAKER_01", "role": "unknown"},
    ]
    assert document["turns"][1] == {
        "speaker_id": "SPEAKER_01",
        "speaker": "SPEAKER_01",
        "role": "unknown",
        "start": 3.5,
        "end": 9.999,
        "text": "We tag it, then wait.",
    }


def test_render_unknown_format() -> None:
    with pytest.raises(ValueError, match="Unknown transcript format"):
        render_transcript(TIMED, "docx")


SOURCES_BLOCK = """\
MEL: What did the board say?
JO: Let me read it out.
Sources: board-notes.md
PAT: We need a second maintainer before the release.
PAT: And a budget.

JO: So that is what they said. We never had a second maintainer.
"""


def test_sources_block_is_quoted_inside_the_turn() -> None:
    transcript = parse_transcript(SOURCES_BLOCK)
    assert transcript.speakers == ("MEL", "JO")  # PAT is quoted, not a speaker
    assert pairs(transcript)[1] == (
        "JO",
        "Let me read it out.\n> Sources: board-notes.md\n> PAT: We need a second maintainer before the release.\n"
        "> PAT: And a budget.\nSo that is what they said. We never had a second maintainer.",
    )


def test_quoted_lines_survive_every_export_format() -> None:
    transcript = parse_transcript(MARKDOWN)
    for fmt in ("json", "vtt", "srt", "txt"):
        again = parse_transcript(render_transcript(transcript, fmt))
        assert pairs(again) == pairs(transcript), fmt
