"""Utterance splitting: customer turns in, sentence utterances with verbatim and cleaned display text out."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pipelines.jtbd_words import takes_back
from pipelines.nlp import DEFAULT_SPACY_MODEL, load_spacy
from pipelines.types import Role, Turn, Utterance


class UtteranceSplitter(Protocol):
    def split(self, turns: Sequence[Turn], roles: Mapping[str, Role]) -> list[Utterance]: ...


# --- Display cleaning ---

# A word as transcripts write it: letters/digits with inner apostrophes or hyphens ("don't", "mm-hmm").
_WORD = r"[^\W_]+(?:['’\-][^\W_]+)*"
_NOT_WORD_BEFORE = r"(?<![\w'’\-])"
_NOT_WORD_AFTER = r"(?![\w'’\-])"

# Pure hesitation sounds; never real words, so they can go wherever they appear.
_HESITATION = r"(?:u+m+|u+h+|e+r+m+|er|h+m+|hm|m{2,}|mm-?hm+|mhm)"
# Punctuation that brackets a filler in transcripts (dashes and ellipses are normalised to — and … first).
_PAUSE = r"(?:,|…|—)"

_ANNOTATION = re.compile(
    r"[(\[]\s*(?:laughter|laughs|laughing|inaudible|crosstalk|pause|silence|chuckles?|sighs?|coughs?|"
    r"unintelligible|indiscernible|connection [a-z ]{1,30}|audio [a-z ]{1,30})\s*[)\]]",
    re.IGNORECASE,
)
_DASH = re.compile(r"\s*(?:-{2,}|—|–)\s*|\s+-\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\s?){3,}|\s*…")


def _filler_re(body: str) -> re.Pattern[str]:
    # pre/post capture the commas or ellipses around a filler, so the replacement can decide which to keep.
    return re.compile(
        rf"(?P<pre>{_PAUSE}\s*)?{_NOT_WORD_BEFORE}(?P<f>{body}){_NOT_WORD_AFTER}(?P<post>\s*{_PAUSE}+)?",
        re.IGNORECASE,
    )


_HESITATION_RE = _filler_re(_HESITATION)
# Discourse fillers that are also real words: removed only when commas set them off (", like," / "Like, ...").
_SOFT_FILLER_RE = _filler_re(r"(?:you know|like|I mean|kind of like|sort of like)")
_YOU_KNOW_END = re.compile(r",\s*you know\s*(?=[.!]|$)", re.IGNORECASE)

_LEADING_NOISE = re.compile(r"^[\s,;:.…—\-]+")
# Grammatical or emphatic doubles ("I had had", "that that", "very, very") that are not disfluencies.
_KEEP_DOUBLED = {"had", "that", "very", "really", "no", "not", "never"}
_REPEAT = re.compile(
    rf"{_NOT_WORD_BEFORE}(?P<p>{_WORD}(?:\s+{_WORD}){{0,3}})(?:\s*[,…—]?\s+(?P=p){_NOT_WORD_AFTER})+",
    re.IGNORECASE,
)


def _drop_filler(match: re.Match[str], *, soft: bool) -> str:
    pre, post = match.group("pre"), match.group("post")
    at_start = match.string[: match.start()].strip(" ,…—") == ""
    if soft and not post:
        # "I like it", "looks like a bug", "you know the one": not set off by commas, so meaningful.
        return match.group(0)
    if soft and not pre and not at_start:
        # "was like, “What?!”" (quotative) or "felt like, ..." — only a comma after it; keep to stay safe.
        return match.group(0)
    if pre and post:
        # "— you know, I figured": keep a dash or ellipsis before it, since it marks a break in the sentence.
        return pre if pre.strip() in ("—", "…") else " "
    if pre:
        return pre
    return " " if not at_start else ""


def _is_stutter(phrase: str) -> bool:
    """A repeated phrase made only of function words ("I", "the", "it's", "we were"): a stutter, not content."""
    words = _words(phrase)
    return bool(words) and all(
        w in _LOW_CONTENT_WORDS or ("'" in w and w.split("'")[0] in _LOW_CONTENT_WORDS) for w in words
    )


def _collapse_repeats(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        phrase = match.group("p")
        # Only stutters go; a repeated content word or number ("six six seven", "very, very") is what was said.
        if phrase.lower() in _KEEP_DOUBLED or not _is_stutter(phrase):
            return match.group(0)
        return phrase

    return _REPEAT.sub(repl, text)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)  # ", ," left by removals
    text = re.sub(r"[,;:]+\s*([.?!…])", r"\1", text)  # "weeks,." -> "weeks."
    text = re.sub(r"…(?:\s*…)+", "…", text)
    text = re.sub(r"—(?:\s*—)+", "—", text)
    text = re.sub(r"\s*…\s*([.?!,])", r"\1", text)  # "it… ." -> "it."
    text = re.sub(r"\s*—\s*([.?!,…])", r"\1", text)
    text = re.sub(r"\s*—\s*", " — ", text)
    text = re.sub(r"\s*…\s*", "… ", text)
    text = re.sub(r"\s+([.?!,])", r"\1", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", "", text)
    text = _LEADING_NOISE.sub("", text).strip()
    # A sentence cut off with a dash reads better ending in an ellipsis.
    text = re.sub(r"\s*—$", "…", text)
    return re.sub(r"\s+", " ", text).strip()


def clean_display(text: str) -> str:
    """Return the sentence as said, minus fillers: hesitations ("um", "uh"), comma-set-off "you know"/"like"/
    "I mean", transcriber annotations ("(laughter)") and stuttered function words ("I I", "the the").

    Verbatim stays verbatim: content words are never removed or changed, even when repeated ("six six seven"),
    and false starts and acknowledgements ("Yeah, ...") are what the speaker said, so they stay.
    """
    text = _ANNOTATION.sub(" ", text)
    text = _ELLIPSIS.sub("… ", text)
    text = _DASH.sub(" — ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = _HESITATION_RE.sub(lambda m: _drop_filler(m, soft=False), text)
    text = _YOU_KNOW_END.sub("", text)
    text = _SOFT_FILLER_RE.sub(lambda m: _drop_filler(m, soft=True), text)
    text = _tidy(text)
    for _ in range(3):  # "I I I" or "the, the the" needs a couple of passes
        before = text
        text = _tidy(_collapse_repeats(text))
        if text == before:
            break
    if text:
        text = text[0].upper() + text[1:]
    return text


# --- Backchannels and content ---

_BACKCHANNEL_PHRASES: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split())
    for p in (
        "yeah yep yup yes ya yah yeh right okay ok k sure no nope cool exactly oh ah aha alright "
        "great totally absolutely definitely indeed true nice wow gotcha perfect fine agreed "
        "interesting thanks so well correct awesome good excellent fair yea huh"
    ).split()
) | frozenset(
    tuple(p.split())
    for p in (
        "got it",
        "i see",
        "all right",
        "of course",
        "makes sense",
        "that makes sense",
        "that's right",
        "that's true",
        "that's fair",
        "that's cool",
        "that's great",
        "that's interesting",
        "thank you",
        "sounds good",
        "fair enough",
        "for sure",
        "uh huh",
        "mm hmm",
        "i know",
        "i got it",
        "got you",
        "very good",
        "very cool",
        "very interesting",
        "oh my",
        "oh god",
        "oh gosh",
        "oh wow",
        "i think so",
        "i guess so",
        "i guess",
    )
)
_MAX_PHRASE = max(len(p) for p in _BACKCHANNEL_PHRASES)
_HESITATION_TOKEN = re.compile(rf"^{_HESITATION}$|^uh-huh$|^m+-?hm+$|^ye+a+h+$|^o+h+$|^a+h+$|^o+k+a+y+$")

# Words that carry no topic on their own: function words, short answers, hedges, conversational stock.
_LOW_CONTENT_WORDS = frozenset(
    (
        "a an the and or but so if then than to of in on at by for with from as is am are was were be "
        "been being do does did done have has had i me my we us our you your he him his she her it "
        "its they them their this that these those there here what which who whom when where why how "
        "not no yes too also very really just quite maybe perhaps probably possibly definitely "
        "absolutely certainly currently sometimes usually always never often actually basically "
        "honestly literally seriously obviously exactly totally effectively theoretically essentially "
        "generally kind sort guess think suppose mean know say said see agree sorry correct problem "
        "excellent perfect awesome interesting figure happens coming depends anyway anyhow all any "
        "some none both either neither one ones more most less much many lot lots well still even "
        "only again now though because whereas can could would should will shall may might must ok "
        "okay yeah right sure else cetera"
    ).split()
)
_MIN_TOPIC_WORD = 6  # letters; shorter words in a two-word reply are usually conversational ("go figure")


def _words(text: str) -> list[str]:
    return re.findall(_WORD, text.lower().replace("’", "'"))


def is_backchannel(text: str) -> bool:
    """Return True when the text is only acknowledgements ("Yeah, yeah.", "Mm-hmm.", "Got it.") or empty."""
    # Hyphenated noises ("mm-hmm", "uh-huh") are checked whole; other hyphenated words by their parts.
    tokens = [part for t in _words(text) if not _HESITATION_TOKEN.match(t) for part in t.split("-") if part]
    i = 0
    while i < len(tokens):
        for size in range(min(_MAX_PHRASE, len(tokens) - i), 0, -1):
            if tuple(tokens[i : i + size]) in _BACKCHANNEL_PHRASES:
                i += size
                break
        else:
            return False
    return True


def _has_content(display: str) -> bool:
    """Whether a display text says something worth mining: three words, or two with a topic-bearing word."""
    words = _words(display)
    if len(words) >= 3:
        return True
    if len(words) < 2:
        return False
    raw = re.findall(_WORD, display)
    for index, (word, original) in enumerate(zip(words, raw, strict=True)):
        # Contractions ("that's", "I've") are function words; acknowledgements are never a topic.
        if word in _LOW_CONTENT_WORDS or "'" in word or (word,) in _BACKCHANNEL_PHRASES:
            continue
        # A number, a mid-sentence capital (a name: "PyCon Namibia") or a long word ("For hosting.").
        if any(ch.isdigit() for ch in word) or (index > 0 and original[0].isupper()):
            return True
        if len(word) >= _MIN_TOPIC_WORD:
            return True
    return False


# --- Quoted material ---


@dataclass(frozen=True, slots=True)
class TextBlock:
    """A stretch of a turn's text: [start, end) character offsets, and whether it is a quoted line."""

    start: int
    end: int
    quoted: bool


def turn_blocks(text: str) -> list[TextBlock]:
    """Lines of a turn's text; a line starting '> ' (the importers' mark for quoted material) is quoted and its
    block starts after the mark, so verbatim texts never carry it."""
    blocks: list[TextBlock] = []
    offset = 0
    for line in text.split("\n"):
        begin, end = offset, offset + len(line)
        offset = end + 1
        quoted = bool(_QUOTED_LINE.match(line))
        body = line.lstrip("> ") if quoted else line
        if body.strip():
            blocks.append(TextBlock(begin + len(line) - len(body), end, quoted))
    return blocks


_QUOTED_LINE = re.compile(r"^>(?:\s|>|$)")
_OPEN_QUOTE = '"“'
_CLOSE_QUOTE = '"”'
# Text read out: 'quote ... unquote', or '<someone/something> says/said/wrote/reads: "..."' (not 'I said' or
# 'I was like': a speaker quoting themselves is still speaking).
_MESSAGE = r"(?i:letter|e-?mail|message|text|note|notice|sign|memo|leaflet|flyer|newsletter|announcement)s?"
_READ_OUT = re.compile(
    # Names are case-sensitive ("Terri said"), so "just said" after "I" never counts; "We said" never does.
    rf"\b(?!We\b)(?:(?i:it|this|that|which|he|she|they|the\s+[\w-]+)|[A-Z][\w'’-]+)\s+"
    rf"(?i:says|said|reads|read|wrote|writes|tweeted|posted)(?:\s+here)?[,:]?\s*[{_OPEN_QUOTE}]"
    rf"(?P<q>[^{_CLOSE_QUOTE}\n]{{25,}})[{_CLOSE_QUOTE}]"
    r"|\b(?i:quote)[,:]?\s+(?P<r>[^\n]{25,}?)\s*,?\s*(?i:end quote|unquote|close quote)\b"
    # Quotative "go" ('funders go, “Ah. We can trust you.”'): others' words, whoever they are, but never "I/we go";
    # transcripts sometimes open such a quote with a closing mark.
    r"|\b(?!(?i:I|we)\b)[\w'’-]+\s+(?i:go|goes|went)[,:]\s*[\"“”](?P<g>[^\"“”\n]{25,})[\"“”]"
    # A written message named, then its words as a sentence of their own ('He sent a letter. "Please report ..."').
    # Not after a colon: 'she sent a message: "..."' is one utterance, mostly the speaker's own telling.
    rf"|\b{_MESSAGE}\.\s*[{_OPEN_QUOTE}](?P<m>[^{_CLOSE_QUOTE}\n]{{25,}})[{_CLOSE_QUOTE}]",
)


def read_out_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of other people's words read out inside a turn (at least 25 characters each)."""
    return [(start, end) for _, start, end in _read_out(text)]


def _read_out(text: str) -> Iterator[tuple[int, int, int]]:
    """(where who said it begins, start, end) of each stretch of words read out: 'she said' in 'she said "..."'."""
    for match in _READ_OUT.finditer(text):
        group = next(g for g in ("q", "r", "g", "m") if match.group(g) is not None)
        # A written message's words follow the sentence naming it: they are told from their own opening mark on.
        told = match.start(group) if group == "m" else match.start()
        yield told, match.start(group), match.end(group)


# A sentence that goes on after words it reads out ('He said: "Use the form from now on," and I never did.') is cut
# there when this many words follow, so the speaker's own telling is neither lost to the quote nor the quote mined
# as theirs; the telling before who said it ("I got a message that evening, she said ...") is cut off when it is
# this many words and ends at a comma or dash (not mid-clause: "when people go, ...").
READ_OUT_TAIL_WORDS, READ_OUT_LEAD_WORDS = 3, 4
_NAMES_MESSAGE = re.compile(rf"\b{_MESSAGE}\b")
_AFTER_QUOTE = re.compile(rf"[{_CLOSE_QUOTE}]*[\s,.;:!?)—–-]*")


def cut_at_read_out(text: str, begin: int, end: int, read_out: Sequence[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The sentence [begin, end) cut where text it holds is read out (`_read_out`) and its own words go on or came
    before: who said it and the words read out, with their quote marks, become a piece of their own."""
    pieces = [(begin, end)]
    for told, start, stop in read_out:
        b, e = pieces[-1]
        if not (b <= told and start < e and stop <= e):
            continue
        head = told
        if head == start and start > b and text[start - 1] in _OPEN_QUOTE:
            head = start - 1
        tail = _AFTER_QUOTE.match(text, stop, e).end()  # type: ignore[union-attr]
        cut: list[tuple[int, int]] = []
        lead = text[b:head].rstrip()
        # "One of the mums sent me a message, she said '...'": the message is told by its words; the clause that
        # names it stays with them.
        if len(_words(lead)) >= READ_OUT_LEAD_WORDS and lead[-1:] in ",;:-—–" and not _NAMES_MESSAGE.search(lead):
            cut.append((b, head))
            b = head
        if len(_words(text[tail:e])) >= READ_OUT_TAIL_WORDS:
            cut.extend([(b, tail), (tail, e)])
        else:
            cut.append((b, e))
        pieces[-1:] = [(x, len(text[:y].rstrip())) for x, y in cut if y > x]
    return pieces


def _mostly_inside(begin: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether at least half of [begin, end) lies inside the spans."""
    covered = sum(max(0, min(end, e) - max(begin, b)) for b, e in spans)
    return end > begin and covered * 2 >= end - begin


# --- spaCy splitter ---

_MAX_CHUNK = 20_000  # characters per spaCy doc; keeps the parser's memory flat on hour-long monologues
_BATCH_CHARS = 100_000  # characters per parser batch
_KEEP_PIPES = ("tok2vec", "parser")


def _chunks(text: str, limit: int = _MAX_CHUNK) -> Iterator[tuple[int, str]]:
    """Yield (offset, piece) splits of text of at most limit characters, cut at paragraph or sentence ends."""
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("? "), window.rfind("! "))
        if cut < limit // 2:
            cut = window.rfind(" ")
        cut = limit if cut <= 0 else cut + 1
        yield start, text[start : start + cut]
        start += cut
    yield start, text[start:]


# "at six p.m. Which was fine": the parser reads the clock's full stop as the abbreviation's only, but a capital
# word that opens sentences after it starts a new one.
_CLOCK_END = re.compile(r"\b(?i:[ap]\.m\.)(?=\s+(?:Which|And|But|So|Then|That|This|It|I|We|They|He|She|There)\b)")


def _after_clock(text: str, begin: int, end: int) -> Iterator[tuple[int, int]]:
    """The span cut after each 'a.m.'/'p.m.' that ends a sentence (`_CLOCK_END`), whitespace trimmed."""
    for match in _CLOCK_END.finditer(text, begin, end):
        yield begin, match.end()
        begin = match.end()
        while begin < end and text[begin].isspace():
            begin += 1
    if begin < end:
        yield begin, end


_STAGE_DIRECTION = re.compile(r"^\W*[(\[*]\s*\w+(?:\s+\w+)?\s*[)\]*]\W*$")


def _merge_fragments(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Join pieces the parser cut mid-sentence (the next starts lowercase or with closing punctuation), and a
    sentence taking back the one before (`jtbd_words.takes_back`) to it."""
    merged: list[tuple[int, int]] = []
    for begin, end in spans:
        if merged and end > begin:
            # Spans are whitespace-trimmed, so the previous one's last character is its end; never slice the
            # merged span itself (on a run with no punctuation that would copy megabytes per sentence).
            last = text[merged[-1][1] - 1]
            first = text[begin]
            glued = first.islower() or first in ",.;:?!)]…"
            # "Guido [van Rossum]": an editorial bracket that continues an unfinished sentence.
            glued = glued or (first in "[(" and last not in ".?!…")
            # "I want my book back. [Ha, no.]": a sentence taking back the one before is read with it
            taken_back = takes_back(text[begin:end])
            if taken_back and len(merged) > 1 and _STAGE_DIRECTION.match(text[merged[-1][0] : merged[-1][1]]):
                merged.pop()  # "... saved my marriage. [(laughs)] Not really.": the laugh goes with both
            if glued or taken_back:
                merged[-1] = (merged[-1][0], end)
                continue
        merged.append((begin, end))
    return merged


# --- Bounded utterances ---

DEFAULT_MAX_UTTERANCE_WORDS = 100  # longer "sentences" are run-ons (no punctuation); the embedder reads ~190 words
_WORD_RUN = re.compile(r"\S+")
# A clause ends after a comma, semicolon, colon or dash, or before a conjunction that starts a new clause.
_CLAUSE_END = re.compile(r"[,;:—–]$|^-{1,2}$")
_CLAUSE_START = re.compile(
    r"^(?:and|but|so|because|or|then|which|when|while|whereas|although|though|if|since|until|unless|cause)$",
    re.IGNORECASE,
)


def _best_cut(words: Sequence[re.Match[str]], max_words: int) -> int:
    """How many of the words (more than max_words) the next piece takes: up to a clause boundary in its later
    half when there is one, else exactly max_words (cut by length)."""
    for count in range(max_words, max(1, max_words // 2) - 1, -1):
        if _CLAUSE_END.search(words[count - 1].group()) or _CLAUSE_START.match(words[count].group()):
            return count
    return max_words


def cap_span(text: str, begin: int, end: int, max_words: int) -> Iterator[tuple[int, int]]:
    """Split text[begin:end] into whitespace-trimmed spans of at most max_words words, cut on clause boundaries
    (commas, semicolons, dashes, conjunctions) or, failing that, by length. The spans cover every word in order
    and only whitespace lies between them, so together they are the original text, verbatim."""
    if max_words < 1:
        raise ValueError("max_words must be at least 1")
    words: list[re.Match[str]] = []
    for match in _WORD_RUN.finditer(text, begin, end):  # lazily: a run may be megabytes long
        words.append(match)
        if len(words) > max_words:
            count = _best_cut(words, max_words)
            yield words[0].start(), words[count - 1].end()
            del words[:count]
    if words:
        yield words[0].start(), words[-1].end()


# The parser, not `senter`, finds the sentences: on the ten PyPI interviews, against the transcribers' own
# sentence punctuation, parser boundaries (with _merge_fragments) scored F1 0.976 vs 0.958 for senter, which
# also cut names apart ("Nicole [ / Harris]", "Uh / -huh"). The parser costs ~2x senter (2.5 s vs 1.3 s for
# 229k characters on 2 shared cores), still far below transcription time.
class SpacySplitter:
    """Sentence utterances from spaCy's dependency parser (measured better than `senter` on interviews)."""

    def __init__(
        self,
        model: str = DEFAULT_SPACY_MODEL,
        *,
        batch_size: int = 64,
        max_words: int = DEFAULT_MAX_UTTERANCE_WORDS,
    ):
        nlp = load_spacy(model)  # its own copy: the pipes it does not need are switched off below
        # Only sentence boundaries are needed; tagging, lemmas and entities would be wasted work.
        for name in list(nlp.pipe_names):
            if name not in _KEEP_PIPES:
                nlp.disable_pipe(name)
        if "parser" not in nlp.pipe_names:
            if "senter" in nlp.component_names:
                nlp.enable_pipe("senter")
            else:
                nlp.add_pipe("sentencizer")
        self._nlp: Any = nlp
        self.batch_size = batch_size
        self.max_words = max_words
        self.model = model

    def _docs(self, chunks: Sequence[str]) -> Iterator[Any]:
        """Parse chunks in batches of at most batch_size docs and _BATCH_CHARS characters: the parser's memory
        grows with the characters in a batch, and 64 chunks of a monologue are 1.3 MB (measured: 2.7 GB peak)."""
        begin = 0
        while begin < len(chunks):
            end, size = begin, 0
            while end < len(chunks) and end - begin < self.batch_size and (end == begin or size < _BATCH_CHARS):
                size += len(chunks[end])
                end += 1
            yield from self._nlp.pipe(chunks[begin:end], batch_size=end - begin)
            begin = end

    def sentence_spans(self, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        """Character spans (start, end) of the sentences of each text, whitespace trimmed; a sentence longer than
        max_words words (a run-on without punctuation) is cut into clauses of at most that many words."""
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, chunk)
        for index, text in enumerate(texts):
            for offset, chunk in _chunks(text):
                pieces.append((index, offset, chunk))
        spans: list[list[tuple[int, int]]] = [[] for _ in texts]
        for (index, offset, _), doc in zip(pieces, self._docs([chunk for _, _, chunk in pieces]), strict=True):
            for sent in doc.sents:
                raw = sent.text
                left = len(raw) - len(raw.lstrip())
                right = len(raw.rstrip())
                if right > left:
                    spans[index].append((offset + sent.start_char + left, offset + sent.start_char + right))
        return [
            [
                piece
                for b, e in _merge_fragments(s, text)
                for c, d in _after_clock(text, b, e)
                for piece in cap_span(text, c, d, self.max_words)
            ]
            for s, text in zip(spans, texts, strict=True)
        ]

    def split(self, turns: Sequence[Turn], roles: Mapping[str, Role]) -> list[Utterance]:
        """Split every customer (or unknown) turn into sentence utterances, dropping backchannels and fragments.

        Interviewers and observers are not split. Quoted lines ('> ...') are split on their own and their
        utterances, like sentences mostly made of text read out, are marked `quoted`.
        """
        chosen = [
            (i, t) for i, t in enumerate(turns) if roles.get(t.speaker, "unknown") not in ("interviewer", "observer")
        ]
        blocks = [(i, block) for i, (_, turn) in enumerate(chosen) for block in turn_blocks(turn.text)]
        block_spans = self.sentence_spans([chosen[i][1].text[b.start : b.end] for i, b in blocks])
        per_turn: list[list[tuple[int, int, bool]]] = [[] for _ in chosen]
        for (i, block), spans in zip(blocks, block_spans, strict=True):
            per_turn[i].extend((block.start + b, block.start + e, block.quoted) for b, e in spans)
        out: list[Utterance] = []
        for (turn_index, turn), turn_spans in zip(chosen, per_turn, strict=True):
            role: Role = roles.get(turn.speaker, "unknown")
            timed = turn.start is not None and turn.end is not None
            length = max(len(turn.text), 1)
            told = list(_read_out(turn.text))
            read_out = [(start, end) for _, start, end in told]
            cut = [
                (b, e, quoted_block)
                for begin, end, quoted_block in turn_spans
                for b, e in ([(begin, end)] if quoted_block else cut_at_read_out(turn.text, begin, end, told))
            ]
            for begin, end, quoted_block in cut:
                verbatim = turn.text[begin:end]
                if is_backchannel(verbatim):
                    continue
                display = clean_display(verbatim)
                if not display or is_backchannel(display) or not _has_content(display):
                    continue
                start = end_time = None
                if timed:
                    assert turn.start is not None and turn.end is not None
                    # Speech rate is roughly constant within a turn, so character offset is a fair clock.
                    span = max(turn.end - turn.start, 0.0)
                    start = turn.start + span * begin / length
                    end_time = turn.start + span * end / length
                out.append(
                    Utterance(
                        turn_index=turn_index,
                        speaker=turn.speaker,
                        role=role,
                        verbatim=verbatim,
                        display=display,
                        position=len(out),
                        start=start,
                        end=end_time,
                        quoted=quoted_block or _mostly_inside(begin, end, read_out),
                    )
                )
        return out
