"""The Jinja2 environment of the pages: templates, filters and versioned static URLs."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from app import stages
from app.schemas import clock

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
STATIC_PREFIX = "/static"

# Words too common to be worth marking in a search hit.
_STOPWORDS = frozenset(
    """a about after all also an and any are as at be been but by can could did do does for from get got had has have
    how i if in into is it its just like me more my no not of on or our out so some than that the their them then there
    these they this to too up us very was we were what when where which who why will with would you your""".split()
)
_WORD = re.compile(r"[\w'’]+", re.UNICODE)


@cache
def static_version(name: str) -> str:
    """A short content hash, so browsers never run a stale app.js after an upgrade."""
    path = STATIC_DIR / name
    return hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.is_file() else "0"


def static_url(name: str) -> str:
    return f"{STATIC_PREFIX}/{name}?v={static_version(name)}"


def filesize(size: int | None) -> str:
    if size is None:
        return ""
    value = float(size)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def percent(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    return f"{100 * float(value):.{digits}f}%"


def when(value: datetime | date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def query_terms(query: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(query or "") if len(w) > 2 and w.lower() not in _STOPWORDS}


def highlight(text: str, query: str | None) -> Markup:
    """Escape text and wrap the words it shares with the query in <strong>."""
    terms = query_terms(query)
    if not terms:
        return escape(text)
    out, last = [], 0
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        if word in terms or (len(word) > 4 and any(word.startswith(t[:5]) for t in terms if len(t) > 4)):
            out.append(escape(text[last : match.start()]))
            out.append(Markup("<strong>") + escape(match.group(0)) + Markup("</strong>"))
            last = match.end()
    out.append(escape(text[last:]))
    return Markup("").join(out)


def stage(name: str | None) -> str:
    """A task stage's label, from the one stage registry (app/stages.py)."""
    return stages.label(name)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count:,} {singular if count == 1 else (plural_form or singular + 's')}"


# What people call a file's format; codec names (pcm_s16le, aac) and containers nobody recognises are not shown.
_FORMATS = {
    "wav": "WAV",
    "flac": "FLAC",
    "mp3": "MP3",
    "m4a": "M4A",
    "mp4": "MP4",
    "ogg": "Ogg",
    "opus": "Opus",
    "webm": "WebM",
    "mov": "QuickTime",
    "mkv": "Matroska",
    "vtt": "WebVTT",
    "srt": "SRT",
    "txt": "text",
    "text": "text",
    "md": "Markdown",
    "markdown": "Markdown",
    "json": "JSON",
    "docx": "Word",
}


def media_format(name: str | None) -> str:
    return _FORMATS.get((name or "").lower().strip("."), "")


_RAW_SPEAKER = re.compile(r"^(?:speaker|spk)_(\d+)$", re.IGNORECASE)


def speaker_name(name: str | None, label: str = "") -> str:
    """How a speaker is named on a page: its name, or "Speaker 1" for a diarizer's raw id such as SPEAKER_00."""
    chosen = (name or "").strip() or label
    raw = _RAW_SPEAKER.match(chosen)
    return f"Speaker {int(raw.group(1)) + 1}" if raw else chosen


def signed_in(request: Any) -> Any:
    """The principal a page was rendered for, when someone signed in (None on an open server)."""
    principal = getattr(request.state, "principal", None)
    return principal if principal is not None and (principal.user_id or principal.key_id) else None


def can(request: Any, scope: str) -> bool:
    """Whether the page's viewer may use a control that needs SCOPE (write controls are hidden otherwise)."""
    principal = getattr(request.state, "principal", None)
    return principal is None or principal.allows(scope)


templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
templates.env.globals.update(static_url=static_url, can=can, signed_in=signed_in, stage_labels=stages.LABELS)
templates.env.filters.update(
    ts=clock,
    filesize=filesize,
    media_format=media_format,
    stage=stage,
    pct=percent,
    when=when,
    highlight=highlight,
    plural=plural,
    speaker=speaker_name,
)
templates.env.trim_blocks = True
templates.env.lstrip_blocks = True


def warm_templates() -> None:
    """Compile every page template once (in a thread at start), so that no first page view pays for it."""
    for name in templates.env.list_templates(extensions=["html"]):
        try:
            templates.env.get_template(name)
        except Exception:  # a broken template fails where it is rendered, with its own error
            log.debug("template %s did not compile", name, exc_info=True)
