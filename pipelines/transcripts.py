"""Transcript import and export: WebVTT, SRT, plain text (Zoom/Otter/Teams), interview markdown and JSON.

Formats are detected by content, never by file name. `parse_transcript` returns a `Transcript` whose
`source_format` is one of `SOURCE_FORMATS`. Conventions shared by every format:

- Consecutive turns by the same speaker are merged into one turn (a `Turn` is an uninterrupted stretch); the
  merged turn starts where the first part starts and ends where the last part ends.
- Text is whitespace-collapsed onto one line (paragraph breaks inside a turn become single spaces), except quoted
  material: markdown block quotes ('> ' lines) and 'Source(s):' blocks (up to the next blank line) stay lines of
  their own inside the turn, marked '> ', so that utterance splitting never mines them as the speaker's; empty
  turns are dropped.
- Speaker labels in text formats are matched case-insensitively and lose annotations, so `MEL, TYPING:` and
  `Amanda (typed):` count as `MEL` and `AMANDA`; the first spelling seen becomes the label.
- `speaker_names` maps every label to a display name: the name a JSON export gives, otherwise the label
  itself, except that ALL-CAPS labels (a transcript convention) are title-cased (`MEL CHUA` -> `Mel Chua`).
- Text before the first speaker turn of a plain-text or markdown transcript is a header and is dropped.

`render_transcript` writes `RENDER_FORMATS`; it uses labels (not display names) as speaker tags, so that
parsing what it wrote gives back the same speakers. When a transcript has no times at all, VTT and SRT cues
get placeholder times (cue i spans i to i+1 seconds) and parsing treats that pattern as "no times" (in VTT
only with the NOTE the export writes; in SRT, which has no comments, whenever there are two or more cues).
When only some turns lack times, the gaps are filled from the neighbouring turns.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pipelines.types import Transcript, Turn

SOURCE_FORMATS = ("vtt", "srt", "text", "markdown", "verbatim-json", "whisper-json")
RENDER_FORMATS = ("json", "vtt", "srt", "txt")
ERROR_CODES = ("transcript_unrecognised", "transcript_malformed", "transcript_empty")
DEFAULT_SPEAKER = "SPEAKER_1"

_FORMAT_HINT = (
    "Supported transcripts: WebVTT, SRT, plain text with 'Name: what they said' lines (Zoom, Otter, Teams), "
    "or JSON (a Verbatim export, or Whisper/WhisperX segments)."
)


class TranscriptError(ValueError):
    """A transcript that cannot be imported: `code` is machine-readable, `message` is written for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _unrecognised(message: str) -> TranscriptError:
    return TranscriptError("transcript_unrecognised", message)


def _malformed(message: str) -> TranscriptError:
    return TranscriptError("transcript_malformed", message)


def _empty(message: str) -> TranscriptError:
    return TranscriptError("transcript_empty", message)


# ----------------------------------------------------------------------------------------------------
# Decoding


def _plausible_text(text: str) -> bool:
    """True when nearly every character is printable or ordinary whitespace."""
    if not text:
        return True
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t\f\v")
    return printable / len(text) >= 0.95


def _decode(data: bytes | str) -> str:
    """Bytes or str to text with Unix newlines; binary or unknown encodings are transcript_unrecognised."""
    if isinstance(data, bytes):
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            # A UTF-16 BOM is the one case where NUL bytes are legitimate text (Windows tools write it).
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError as exc:
                raise _unrecognised("This file starts like UTF-16 text but could not be decoded as UTF-16.") from exc
        else:
            if b"\x00" in data:
                raise _unrecognised(
                    "This file looks binary (it contains NUL bytes), so it is not a transcript. " + _FORMAT_HINT
                )
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = data.decode("cp1252")
                except UnicodeDecodeError as exc:
                    raise _unrecognised(
                        "This file is not readable text (it is neither UTF-8 nor Windows-1252). " + _FORMAT_HINT
                    ) from exc
                high = sum(1 for byte in data if byte >= 0x80)
                # Real Windows-1252 text has a few accented letters or curly quotes, not a byte soup.
                if high / len(data) > 0.3 or not _plausible_text(text):
                    raise _unrecognised("This file does not look like text. " + _FORMAT_HINT) from None
    else:
        text = data
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise _unrecognised("This text contains NUL characters, so it is not a transcript. " + _FORMAT_HINT)
    if not _plausible_text(text):
        raise _unrecognised("This file is mostly control characters, not text. " + _FORMAT_HINT)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ----------------------------------------------------------------------------------------------------
# Speaker labels

# Words that end with a colon at the start of a line without being anyone's name.
_NOT_NAMES = frozenset(
    """
    note notes nb n.b ps p.s pps example examples e.g eg i.e ie update updated edit edited source sources
    warning tip hint todo summary subject re fwd fyi important caution disclaimer context background agenda
    action actions takeaway takeaways date time location place attendees participants duration title topic
    topics url link links http https ftp mailto www step answer question quote result results reason reasons
    conclusion conclusions definition definitions goal goals problem problems solution solutions next status
    comment comments caveat caveats bonus also and but so or yes no ok okay well however then now here there
    this that these those first second third finally basically honestly anyway actually because like oh um uh
    hmm hm yeah right sure true false music laughter laughs applause inaudible crosstalk silence noise
    unintelligible pause transcript recording meeting interview chapter section part
    """.split()
    + ["to do", "action items", "key takeaways", "next steps", "background noise"]
)
_PARTICLES = frozenset("de da das do dos di du del della der den van von la le ter ten bin binti al el y of".split())
_SPEAKER_ID = re.compile(r"^[A-Za-z]+[_ ]?\d+$")  # SPEAKER_00, Speaker 1, S2: machine labels


def _key(label: str) -> str:
    return " ".join(label.split()).casefold()


def _clean_label(raw: str) -> str:
    """Drop annotations from a speaker prefix: 'AMANDA (typed)' -> 'AMANDA', 'MEL, TYPING' -> 'MEL'."""
    name = re.sub(r"\s*\([^()]*\)\s*$", "", raw)
    name = name.split(",", 1)[0]
    return " ".join(name.split())


def _name_like(label: str) -> bool:
    """A short string that reads like a person's name or a speaker label rather than prose."""
    words = label.split()
    if not words or len(words) > 4 or len(label) > 40 or not words[0][0].isalpha():
        return False
    for word in words:
        if word.casefold() in _PARTICLES and word is not words[0]:
            continue
        # Letters of uncased scripts count: only a lower-case initial rules a word out.
        if not word[0].isalnum() or word[0].islower():
            return False
    return _key(label) not in _NOT_NAMES


def _display_name(label: str) -> str:
    """ALL-CAPS labels read better title-cased; machine ids and mixed-case names are kept as written."""
    if label.isupper() and not _SPEAKER_ID.match(label) and not any(ch.isdigit() or ch == "_" for ch in label):
        return label.title()
    return label


@dataclass(slots=True)
class _Candidate:
    """What a line or cue says about its speaker before the whole file is seen."""

    label: str | None  # cleaned speaker label, None when the piece names nobody
    strong: bool  # a voice tag or a timestamped prefix: accept without the name heuristics
    text: str  # the text when the label is accepted
    fallback: str  # the text when the label is rejected (the prefix was part of what was said)
    start: float | None = None
    end: float | None = None
    new_block: bool = True  # starts a new cue (cue formats) or a new line


def _accepted_keys(candidates: list[_Candidate]) -> dict[str, str]:
    """Decide which speaker prefixes are real speakers; returns key -> label (first spelling seen)."""
    counts: dict[str, int] = {}
    labels: dict[str, str] = {}
    strong: set[str] = set()
    for cand in candidates:
        if cand.label is None:
            continue
        key = _key(cand.label)
        counts[key] = counts.get(key, 0) + 1
        labels.setdefault(key, cand.label)
        if cand.strong:
            strong.add(key)
    recurring = [labels[key] for key, count in counts.items() if count >= 2 and _name_like(labels[key])]
    all_caps = len(recurring) >= 2 and all(label.isupper() for label in recurring)
    accepted: dict[str, str] = {}
    for key, label in labels.items():
        if key in strong:
            accepted[key] = label
        elif not _name_like(label):
            continue
        elif counts[key] >= 2 or len(recurring) < 2:
            accepted[key] = label
        elif not all_caps or label.isupper():
            # With several recurring speakers, a one-off prefix must at least follow their style to count:
            # among 'MEL:' and 'DONALD:' turns, a lone 'However:' is prose and a lone 'MIRABAI:' is not.
            accepted[key] = label
    return accepted


# ----------------------------------------------------------------------------------------------------
# Times

_CLOCK = r"(?:\d{1,3}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
_LENIENT_TIME = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")
_VTT_TIME = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$")


def _to_seconds(match: re.Match[str]) -> float:
    hours, minutes, seconds, fraction = match.groups()
    millis = int((fraction or "0").ljust(3, "0"))
    total_ms = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + millis
    # Integer milliseconds divided once give the float nearest the written value, so round trips are exact.
    return total_ms / 1000


def _parse_clock(value: str) -> float | None:
    match = _LENIENT_TIME.match(value.strip())
    return _to_seconds(match) if match else None


def _millis(seconds: float) -> int:
    return int(round(seconds * 1000))


def _format_clock(seconds: float, separator: str = ".", always_millis: bool = True) -> str:
    total = max(_millis(seconds), 0)
    hours, rest = divmod(total, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    clock = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{clock}{separator}{millis:03d}" if always_millis or millis else clock


# ----------------------------------------------------------------------------------------------------
# Building turns


@dataclass(slots=True)
class _RawTurn:
    speaker: str
    texts: list[str] = field(default_factory=list)
    start: float | None = None
    end: float | None = None


# A line of turn text that starts with '>' is quoted material (a block quote, a 'Source(s):' block): someone
# else's words inside this turn. It keeps its own line so that utterance splitting can mark it quoted.
_QUOTED_LINE = re.compile(r"^>(?:\s|>|$)")
QUOTE_MARK = "> "


def _clean_text(text: str) -> str:
    """Collapse whitespace; quoted lines ('> ...') stay lines of their own, everything else joins with spaces."""
    out: list[str] = []
    previous_quoted = True
    for line in text.split("\n"):
        body = " ".join(line.split())
        quoted = bool(_QUOTED_LINE.match(body))
        if quoted:
            body = body.lstrip("> ").strip()
            if not body:
                continue
            body = QUOTE_MARK + body
        elif not body:
            continue
        if out and not quoted and not previous_quoted:
            out[-1] += " " + body
        else:
            out.append(body)
        previous_quoted = quoted
    return "\n".join(out)


def _finish(
    raw: list[_RawTurn], source_format: str, names: Mapping[str, str] | None = None, infer_ends: bool = False
) -> Transcript:
    """Clean, drop empty, merge same-speaker neighbours, optionally infer ends, and build the Transcript."""
    merged: list[_RawTurn] = []
    for turn in raw:
        text = _clean_text("\n".join(turn.texts))
        if not text:
            continue
        if merged and merged[-1].speaker == turn.speaker:
            last = merged[-1]
            last.texts.append(text)
            if turn.end is not None:
                last.end = turn.end
            elif turn.start is not None:
                last.end = None  # the merged turn outlasts the old end; infer it again below
            continue
        merged.append(_RawTurn(turn.speaker, [text], turn.start, turn.end))
    if infer_ends:
        for current, following in zip(merged, merged[1:], strict=False):
            if current.end is None and current.start is not None and following.start is not None:
                if following.start >= current.start:
                    current.end = following.start
    turns = tuple(Turn(t.speaker, _clean_text("\n".join(t.texts)), t.start, t.end) for t in merged)
    speaker_names: dict[str, str] = {}
    for speaker in (t.speaker for t in turns):
        if speaker not in speaker_names:
            given = (names or {}).get(speaker)
            speaker_names[speaker] = given if given else _display_name(speaker)
    return Transcript(turns=turns, source_format=source_format, speaker_names=speaker_names)


def _assign(candidates: list[_Candidate], *, cue_format: bool) -> tuple[list[_RawTurn], list[str]]:
    """Turn candidates into raw turns; returns the turns and any text seen before the first speaker."""
    accepted = _accepted_keys(candidates)
    raw: list[_RawTurn] = []
    preamble: list[str] = []
    for cand in candidates:
        key = _key(cand.label) if cand.label is not None else None
        if key is not None and key in accepted:
            raw.append(_RawTurn(accepted[key], [cand.text], cand.start, cand.end))
            continue
        text = cand.fallback
        if cue_format:
            # A cue that names nobody keeps the last known speaker (subtitles name a speaker once per change).
            speaker = raw[-1].speaker if raw else DEFAULT_SPEAKER
            if raw and not cand.new_block:
                raw[-1].texts.append(text)
            else:
                raw.append(_RawTurn(speaker, [text], cand.start, cand.end))
        elif raw:
            raw[-1].texts.append(text)
        else:
            preamble.append(text)
    return raw, preamble


# ----------------------------------------------------------------------------------------------------
# Plain text and markdown

_BARE_NAME = r"[^\W\d_][\w.'’\-, ]{0,60}?"
_NAME = _BARE_NAME + r"(?:\s*\([^()\n]{1,30}\))?"  # an annotation may follow: 'AMANDA (typed):'
_NAME_COLON = re.compile(rf"^(?P<name>{_NAME})\s*:(?:\s+(?P<text>.*))?$")
_TIME_FIRST = re.compile(rf"^[\[(]?(?P<start>{_CLOCK})(?:\s*(?:-->|–|-)\s*(?P<end>{_CLOCK}))?[\])]?\s+(?P<rest>.*)$")
_NAME_THEN_TIME = re.compile(rf"^(?P<name>{_NAME})\s+[\[(]?(?P<start>{_CLOCK})[\])]?$")  # Otter, Teams
_NAME_TIME_COLON = re.compile(rf"^(?P<name>{_BARE_NAME})\s*[\[(](?P<start>{_CLOCK})[\])]\s*:(?:\s+(?P<text>.*))?$")
_BOLD_NAME = re.compile(r"^\*\*([^*\n]{1,60}?)(:?)\*\*(:?)")
_BEGIN = re.compile(r"^\s*#+\s*BEGIN TRANSCRIPT\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^#{1,6}\s")
# 'Source: ...', 'Sources: ...', '_Source(s): Jackie-1_': a pasted excerpt of other people's words follows.
_SOURCE_LINE = re.compile(r"^[_*]*sources?(?:\(s\))?[_*]*\s*:", re.IGNORECASE)
_OTTER_FOOTER = re.compile(r"^transcribed by https?://otter\.ai\b", re.IGNORECASE)


def _line_candidate(line: str, markdown: bool) -> _Candidate | None:
    """Classify one line of a plain-text or markdown transcript."""
    stripped = line.strip()
    if not stripped or (markdown and _HEADING.match(stripped)) or _OTTER_FOOTER.match(stripped):
        return None
    if stripped.startswith(">"):
        # Quoted material (a pasted excerpt) is part of the current turn, never a change of speaker; it keeps
        # a '> ' mark so that it is never mined as this speaker's words.
        quoted = stripped.lstrip("> ").strip()
        return _Candidate(None, False, QUOTE_MARK + quoted, QUOTE_MARK + quoted) if quoted else None
    bold = _BOLD_NAME.match(stripped)
    if bold and (bold.group(2) or bold.group(3)):
        stripped = f"{bold.group(1)}:{stripped[bold.end() :]}"
    if match := _TIME_FIRST.match(stripped):
        named = _NAME_COLON.match(match["rest"])
        if named:
            start = _parse_clock(match["start"])
            end = _parse_clock(match["end"]) if match["end"] else None
            label = _clean_label(named["name"])
            # A timestamp before 'Name:' is strong evidence of a turn, but '2:30 pm: ...' is still prose.
            return _Candidate(label, _name_like(label), named["text"] or "", stripped, start, end)
        return _Candidate(None, False, stripped, stripped)
    if match := _NAME_TIME_COLON.match(stripped):
        label = _clean_label(match["name"])
        return _Candidate(label, _name_like(label), match["text"] or "", stripped, _parse_clock(match["start"]))
    if match := _NAME_THEN_TIME.match(stripped):
        return _Candidate(_clean_label(match["name"]), False, "", stripped, _parse_clock(match["start"]))
    if match := _NAME_COLON.match(stripped):
        return _Candidate(_clean_label(match["name"]), False, match["text"] or "", stripped)
    return _Candidate(None, False, stripped, stripped)


def _parse_text(text: str) -> Transcript:
    lines = text.split("\n")
    markdown = False
    for index, line in enumerate(lines):
        if _BEGIN.match(line):
            lines, markdown = lines[index + 1 :], True
            break
    candidates: list[_Candidate] = []
    in_source = False
    blank_after = [False] * (len(lines) + 1)  # blank_after[i]: a blank line comes at i or later
    for index in range(len(lines) - 1, -1, -1):
        blank_after[index] = blank_after[index + 1] or not lines[index].strip()
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            in_source = False  # a 'Source(s):' block runs to the next blank line
            continue
        if _SOURCE_LINE.match(stripped):
            # Only a block closed by a blank line: a line-per-turn transcript has none, and then the Source
            # line alone is marked.
            in_source = True
            if not blank_after[index + 1]:
                candidates.append(_Candidate(None, False, QUOTE_MARK + stripped, QUOTE_MARK + stripped))
                in_source = False
                continue
        if in_source and not stripped.startswith(">"):
            # Quoted material: speaker prefixes inside it name the quoted person, not a change of turn.
            candidates.append(_Candidate(None, False, QUOTE_MARK + stripped, QUOTE_MARK + stripped))
            continue
        if (cand := _line_candidate(line, markdown)) is not None:
            candidates.append(cand)
    raw, preamble = _assign(candidates, cue_format=False)
    if markdown and not raw:
        if not candidates:
            raise _empty("The transcript has nothing after '# BEGIN TRANSCRIPT'.")
        raise _malformed(
            "No speaker turns found after '# BEGIN TRANSCRIPT': expected paragraphs like 'NAME: what they said'."
        )
    speakers = {turn.speaker for turn in raw}
    lone_prose_prefix = (
        len(raw) == 1 and bool(preamble) and not any(c.strong for c in candidates if c.label is not None)
    )
    if not raw or (len(speakers) == 1 and lone_prose_prefix):
        raise _unrecognised(
            "No speaker turns found: expected lines like 'Name: what they said' (or '00:01:02 Name: ...', or "
            "an Otter/Teams 'Name  0:05' line above each paragraph). " + _FORMAT_HINT
        )
    return _finish(raw, "markdown" if markdown else "text", infer_ends=True)


# ----------------------------------------------------------------------------------------------------
# WebVTT and SRT

_TIMING = re.compile(r"^\s*(?P<start>\S+?)\s*-->\s*(?P<end>\S+?)(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+(?P<name>[^>]*))?>", re.IGNORECASE)
# Formatting to drop: WebVTT's own tags (lower case by the spec) and the few SRT players understand. Anything
# else in angle brackets is kept, because it may be what was said ("a <b>" in SRT is the one loss).
_VTT_MARKUP = re.compile(r"</?(?:b|i|u|c|v|lang|ruby|rt)(?:[.\s][^>]*)?>|<\d{1,3}(?::\d{2}){1,2}\.\d{3}>")
_SRT_MARKUP = re.compile(r"</?(?:b|i|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)
_BRACKET_NAME = re.compile(r"^\[(?P<name>[^\[\]:\n]{1,40})\]\s*(?P<text>.*)$")
_PLACEHOLDER_NOTE = "NOTE The source transcript had no times"
_SRT_START = re.compile(r"^\s*\d\S*\s+-->")


@dataclass(slots=True)
class _Cue:
    start: float
    end: float
    lines: list[str]


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Split into blank-line separated blocks, each with its 1-based first line number."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                first = number
            current.append(line.rstrip())
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _timing(line: str, number: int, strict: bool) -> tuple[float, float]:
    example = "00:00:01.000 --> 00:00:04.000" if strict else "00:00:01,000 --> 00:00:04,000"
    match = _TIMING.match(line)
    if not match:
        raise _malformed(f"Line {number}: the cue timing {line.strip()!r} is not like '{example}'.")
    times = []
    for value in (match["start"], match["end"]):
        parsed = _VTT_TIME.match(value) if strict else _LENIENT_TIME.match(value)
        if not parsed:
            raise _malformed(f"Line {number}: {value!r} is not a valid timestamp (expected e.g. '{example}').")
        times.append(_to_seconds(parsed))
    if times[1] < times[0]:
        raise _malformed(f"Line {number}: the cue ends ({match['end']}) before it starts ({match['start']}).")
    return times[0], times[1]


def _placeholder_times(cues: list[_Cue]) -> bool:
    """True for the cue times render_transcript writes when a transcript has none: cue i spans i to i+1 s."""
    return all(_millis(c.start) == 1000 * i and _millis(c.end) == 1000 * (i + 1) for i, c in enumerate(cues))


def _cue_candidates(cues: list[_Cue], *, vtt: bool, placeholder: bool) -> list[_Candidate]:
    """Read speakers from cue text: <v Name> voice tags, '[Name]' or 'Name:' prefixes, dialogue dashes."""
    out: list[_Candidate] = []
    for cue in cues:
        start, end = (None, None) if placeholder else (cue.start, cue.end)
        voice: str | None = None
        first = True
        for line in cue.lines:
            pieces: list[tuple[str | None, str]] = []
            position = 0
            for match in _VOICE.finditer(line):
                pieces.append((voice, line[position : match.start()]))
                voice = _clean_label(html.unescape(match["name"] or "")) or None
                position = match.end()
            pieces.append((voice, line[position:]))
            for piece_voice, raw_text in pieces:
                text = html.unescape(_VTT_MARKUP.sub("", raw_text)) if vtt else _SRT_MARKUP.sub("", raw_text)
                text = text.strip()
                if not text:
                    continue
                if piece_voice is not None:
                    out.append(_Candidate(piece_voice, True, text, text, start, end, first))
                else:
                    out.append(_plain_cue_line(text, start, end, first))
                first = False
    return out


def _plain_cue_line(text: str, start: float | None, end: float | None, new_block: bool) -> _Candidate:
    """A cue line without a voice tag: look for a speaker prefix after caption change markers."""
    body = text
    if body.startswith(">>"):
        body = body[2:].strip()  # broadcast captions mark a change of speaker with '>>'
    elif body.startswith("- "):
        body = body[2:].strip()  # a dialogue dash marks a change but names nobody
    if match := _BRACKET_NAME.match(body):
        label = _clean_label(match["name"])
        if _name_like(label):
            return _Candidate(label, False, match["text"], body, start, end, new_block)
    if match := _NAME_COLON.match(body):
        return _Candidate(_clean_label(match["name"]), False, match["text"] or "", body, start, end, new_block)
    return _Candidate(None, False, body, body, start, end, new_block)


def _parse_vtt(text: str) -> Transcript:
    blocks = _blocks(text)
    header = blocks[0][1][0].strip() if blocks else ""
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", header):
        raise _malformed("The file starts with 'WEBVTT' but the header line is not a valid WebVTT header.")
    header_number, header_lines = blocks[0]
    rest = blocks[1:]
    for offset, line in enumerate(header_lines):
        if "-->" in line:
            # Some tools omit the blank line after the header; the first cue then starts inside it.
            rest.insert(0, (header_number + offset, header_lines[offset:]))
            break
    cues: list[_Cue] = []
    marked = False
    for number, lines in rest:
        if re.match(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)", lines[0]):
            marked = marked or lines[0].startswith(_PLACEHOLDER_NOTE)
            continue
        if "-->" in lines[0]:
            at = 0
        elif len(lines) > 1 and "-->" in lines[1]:
            at = 1  # the first line is a cue identifier
        elif cues:
            cues[-1].lines.extend(lines)  # a blank line inside cue text: keep the text with its cue
            continue
        else:
            raise _malformed(
                f"Line {number}: expected a cue timing line like '00:00:01.000 --> 00:00:04.000', "
                f"found {lines[0].strip()[:60]!r}."
            )
        start, end = _timing(lines[at], number + at, strict=True)
        cues.append(_Cue(start, end, lines[at + 1 :]))
    if not cues:
        raise _empty("The WebVTT file has no cues, so there is nothing to import.")
    placeholder = marked and _placeholder_times(cues)
    raw, _ = _assign(_cue_candidates(cues, vtt=True, placeholder=placeholder), cue_format=True)
    if not raw:
        raise _empty("Every cue in the WebVTT file is empty.")
    return _finish(raw, "vtt")


def _parse_srt(text: str) -> Transcript:
    cues: list[_Cue] = []
    for number, lines in _blocks(text):
        if "-->" in lines[0]:
            at = 0
        elif len(lines) > 1 and "-->" in lines[1]:
            at = 1
        elif lines[0].strip().isdigit():
            raise _malformed(
                f"Line {number}: cue {lines[0].strip()} has no timing line like '00:00:01,000 --> 00:00:04,000'."
            )
        elif cues:
            cues[-1].lines.extend(lines)
            continue
        else:
            raise _malformed(f"Line {number}: expected an SRT cue number and timing, found {lines[0][:60]!r}.")
        start, end = _timing(lines[at], number + at, strict=False)
        cues.append(_Cue(start, end, lines[at + 1 :]))
    placeholder = len(cues) >= 2 and _placeholder_times(cues)
    raw, _ = _assign(_cue_candidates(cues, vtt=False, placeholder=placeholder), cue_format=True)
    if not raw:
        raise _empty("Every cue in the SRT file is empty.")
    return _finish(raw, "srt")


def _looks_like_srt(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()][:2]
    if not lines:
        return False
    if _SRT_START.match(lines[0]):
        return True
    return lines[0].strip().isdigit() and len(lines) > 1 and bool(_SRT_START.match(lines[1]))


# ----------------------------------------------------------------------------------------------------
# JSON


def _number(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _malformed(f"{where} must be a number of seconds or null, not {value!r}.")
    return float(value)


def _speaker_value(value: object, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _malformed(f"{where} must be a string, not {value!r}.")
    return str(value).strip() or None


def _parse_verbatim_json(data: dict[str, object]) -> Transcript:
    speakers = data.get("speakers", [])
    turns = data["turns"]
    if not isinstance(speakers, list) or not isinstance(turns, list):
        raise _malformed("In a Verbatim JSON export, 'speakers' and 'turns' must be lists.")
    by_id: dict[str, str] = {}
    names: dict[str, str] = {}
    for index, speaker in enumerate(speakers):
        if not isinstance(speaker, dict):
            raise _malformed(f"speakers[{index}] must be an object with 'id', 'label' and 'name'.")
        label = _speaker_value(speaker.get("label"), f"speakers[{index}].label")
        ident = _speaker_value(speaker.get("id"), f"speakers[{index}].id")
        name = _speaker_value(speaker.get("name"), f"speakers[{index}].name")
        label = label or ident or name
        if label is None:
            raise _malformed(f"speakers[{index}] has no 'label', 'id' or 'name'.")
        if ident is not None:
            by_id[ident] = label
        if name:
            names[label] = name
    if not turns:
        raise _empty("The JSON transcript has no turns.")
    raw: list[_RawTurn] = []
    for index, turn in enumerate(turns):
        if not isinstance(turn, dict):
            raise _malformed(f"turns[{index}] must be an object with 'speaker' and 'text'.")
        text = turn.get("text")
        if not isinstance(text, str):
            raise _malformed(f"turns[{index}].text must be a string.")
        label = _speaker_value(turn.get("speaker"), f"turns[{index}].speaker")
        ident = _speaker_value(turn.get("speaker_id"), f"turns[{index}].speaker_id")
        speaker = label or (by_id.get(ident, ident) if ident is not None else None) or DEFAULT_SPEAKER
        start = _number(turn.get("start"), f"turns[{index}].start")
        end = _number(turn.get("end"), f"turns[{index}].end")
        raw.append(_RawTurn(speaker, [text], start, end))
    transcript = _finish(raw, "verbatim-json", names=names)
    if not transcript.turns:
        raise _empty("Every turn in the JSON transcript is empty.")
    return transcript


def _parse_segments(segments: list[object]) -> Transcript:
    if not segments:
        raise _empty("The JSON transcript has no segments.")
    parsed: list[tuple[str | None, str, float | None, float | None]] = []
    for index, segment in enumerate(segments):
        if not isinstance(segment, dict):
            raise _malformed(f"segments[{index}] must be an object with 'start', 'end' and 'text'.")
        text = segment.get("text")
        if not isinstance(text, str):
            raise _malformed(f"segments[{index}].text must be a string.")
        speaker = _speaker_value(segment.get("speaker"), f"segments[{index}].speaker")
        start = _number(segment.get("start"), f"segments[{index}].start")
        end = _number(segment.get("end"), f"segments[{index}].end")
        parsed.append((speaker, text, start, end))
    known = [speaker for speaker, *_ in parsed if speaker is not None]
    # WhisperX leaves a segment speakerless when no diarized turn overlaps it: keep the previous speaker.
    current = known[0] if known else DEFAULT_SPEAKER
    raw: list[_RawTurn] = []
    for speaker, text, start, end in parsed:
        current = speaker or current
        raw.append(_RawTurn(current, [text], start, end))
    transcript = _finish(raw, "whisper-json")
    if not transcript.turns:
        raise _empty("Every segment in the JSON transcript is empty.")
    return transcript


def _parse_json(text: str) -> Transcript:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _malformed(f"The JSON is not valid: {exc.msg} (line {exc.lineno}, column {exc.colno}).") from exc
    except RecursionError as exc:
        raise _malformed("The JSON is nested too deeply to be a transcript.") from exc
    if isinstance(data, dict) and "turns" in data:
        return _parse_verbatim_json(data)
    if isinstance(data, dict) and "segments" in data:
        segments = data["segments"]
        if not isinstance(segments, list):
            raise _malformed("'segments' must be a list of {'start', 'end', 'text', 'speaker'} objects.")
        return _parse_segments(segments)
    if isinstance(data, list):
        return _parse_segments(data)
    raise _malformed(
        "This JSON is not a transcript: expected an object with 'turns' (a Verbatim export) or 'segments' "
        "(Whisper/WhisperX), or a list of segments."
    )


# ----------------------------------------------------------------------------------------------------
# Entry points


def transcript_size(transcript: Transcript) -> tuple[int, int]:
    """(turns, words) of a transcript: what bounds the work and memory its ingestion needs."""
    return len(transcript.turns), sum(len(turn.text.split()) for turn in transcript.turns)


def parse_transcript(data: bytes | str) -> Transcript:
    """Parse a transcript in any supported format, detected by content; raises TranscriptError."""
    text = _decode(data)
    if not text.strip():
        raise _empty("The transcript is empty.")
    body = text.lstrip()
    if body.startswith("{") or re.match(r"^\[\s*(?:[{\]\"]|$)", body):
        return _parse_json(body)
    if body.startswith("["):
        # '[00:01:02] Name: ...' is plain text; only a '[' that parses as JSON is JSON.
        try:
            json.loads(body)
        except (json.JSONDecodeError, RecursionError):
            pass
        else:
            return _parse_json(body)
    if body.startswith("WEBVTT"):
        return _parse_vtt(body)
    if _looks_like_srt(body):
        return _parse_srt(body)
    return _parse_text(text)


def _cue_times(turns: tuple[Turn, ...]) -> tuple[list[tuple[float, float]], bool]:
    """Times for every cue, filling gaps from neighbours; returns them and whether they are placeholders."""
    if all(turn.start is None and turn.end is None for turn in turns):
        return [(float(i), float(i + 1)) for i in range(len(turns))], True
    times: list[tuple[float, float]] = []
    previous_end = 0.0
    for index, turn in enumerate(turns):
        start = turn.start
        if start is None:
            start = previous_end if turn.end is None else min(previous_end, turn.end)
        end = turn.end
        if end is None:
            following = next((t.start for t in turns[index + 1 :] if t.start is not None), None)
            # Without a next start, allow about 150 words a minute so a cue stays up long enough to read.
            guess = start + max(1.0, len(turn.text.split()) / 2.5)
            end = following if following is not None and following > start else guess
        times.append((start, end))
        previous_end = max(previous_end, end)
    return times, False


def _escape_vtt(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_transcript(transcript: Transcript, fmt: str, *, roles: Mapping[str, str] | None = None) -> str:
    """Write a transcript as 'json' (Verbatim export), 'vtt', 'srt' or 'txt'; labels are the speaker tags."""
    fmt = {"text": "txt", "webvtt": "vtt"}.get(fmt.strip().lower(), fmt.strip().lower())
    turns = transcript.turns
    if fmt == "json":
        role_of = dict(roles or {})
        speakers = [
            {
                "id": label,
                "label": label,
                "name": transcript.speaker_names.get(label, label),
                "role": role_of.get(label, "unknown"),
            }
            for label in transcript.speakers
        ]
        rows = [
            {
                "speaker_id": turn.speaker,
                "speaker": turn.speaker,
                "role": role_of.get(turn.speaker, "unknown"),
                "start": None if turn.start is None else round(turn.start, 3),
                "end": None if turn.end is None else round(turn.end, 3),
                "text": turn.text,
            }
            for turn in turns
        ]
        document = {
            "format": "verbatim",
            "source_format": transcript.source_format,
            "speakers": speakers,
            "turns": rows,
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt in ("vtt", "srt"):
        times, placeholder = _cue_times(turns)
        out: list[str] = []
        if fmt == "vtt":
            out.append("WEBVTT\n")
            if placeholder:
                out.append(f"{_PLACEHOLDER_NOTE}: cue N spans N to N+1 seconds as a placeholder.\n")
        for index, (turn, (start, end)) in enumerate(zip(turns, times, strict=True)):
            if fmt == "vtt":
                timing = f"{_format_clock(start)} --> {_format_clock(end)}"
                out.append(f"{timing}\n<v {_escape_vtt(turn.speaker)}>{_escape_vtt(turn.text)}</v>\n")
            else:
                timing = f"{_format_clock(start, ',')} --> {_format_clock(end, ',')}"
                out.append(f"{index + 1}\n{timing}\n{turn.speaker}: {turn.text}\n")
        return "\n".join(out)
    if fmt == "txt":
        lines = []
        for index, turn in enumerate(turns):
            prefix = ""
            if turn.start is not None:
                stamp = _format_clock(turn.start, always_millis=False)
                following = turns[index + 1].start if index + 1 < len(turns) else None
                # Plain text readers take a turn's end from the next start; write it only when it differs.
                if turn.end is not None and (following is None or _millis(following) != _millis(turn.end)):
                    stamp += f" - {_format_clock(turn.end, always_millis=False)}"
                prefix = f"[{stamp}] "
            lines.append(f"{prefix}{turn.speaker}: {turn.text}")
        return "\n".join(lines) + "\n"
    raise ValueError(f"Unknown transcript format {fmt!r}; expected one of {', '.join(RENDER_FORMATS)}.")
