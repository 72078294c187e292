"""PII detection and redaction: text in, typed spans out (pure; spaCy's NER is loaded lazily for names).

Structured types come from patterns with checks that cut false alarms: payment cards pass Luhn, IBANs pass the
mod-97 check and their country's length, US social security numbers skip the never-issued ranges, phone numbers
need a phone shape and no order/version/ticket context. People's names come from the NER of the spaCy pipeline
that `pipelines.nlp.load_nlp` loads (its `ner` component, run on its own), plus honorifics ("Dr. Patel") and name
lists (Faker's given and family names, imported lazily) for the names that small model misses."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipelines.types import PiiSpan, Transcript, Turn, Word

if TYPE_CHECKING:  # numpy and spaCy are imported where they are used
    import os

    import numpy as np
    from spacy.language import Language
    from spacy.tokens import Doc

KINDS: tuple[str, ...] = ("EMAIL", "PHONE", "CARD", "IBAN", "NATIONAL_ID", "ADDRESS", "NAME")
STRUCTURED = frozenset(KINDS) - {"NAME"}
# When two detections overlap, the earlier kind wins (an IBAN's digits are not a phone number).
_ORDER = ("EMAIL", "IBAN", "CARD", "NATIONAL_ID", "ADDRESS", "PHONE", "NAME")
PRIORITY = {kind: rank for rank, kind in enumerate(_ORDER)}


def placeholder(kind: str) -> str:
    return f"[{kind}]"


_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(KINDS) + r")\]")

# --------------------------------------------------------------------------- patterns

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# What speech recognition writes for an address read out: "jane dot doe at acme dot com".
_TLDS = r"(?:com|org|net|io|co|uk|de|fr|edu|gov|ai|app|dev)"
_SPOKEN_EMAIL = re.compile(
    rf"\b[a-z0-9]+(?:\s+(?:dot|underscore)\s+[a-z0-9]+)*\s+at\s+[a-z0-9-]+(?:\s+dot\s+[a-z0-9-]+)*\s+dot\s+{_TLDS}\b",
    re.IGNORECASE,
)

_CARD = re.compile(r"(?<![\w.-])(?:\d[ -]?){12,18}\d(?![\w-]|\.\d)")

_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "EE": 20, "ES": 24,
    "FI": 18, "FR": 27, "GB": 22, "GR": 27, "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20,
    "LU": 20, "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19,
    "SK": 24, "SM": 27, "TR": 26, "AE": 23, "SA": 24, "IL": 23, "BR": 29,
}  # fmt: skip

_SSN = re.compile(r"(?<![\w-])(\d{3})-(\d{2})-(\d{4})(?![\w-])")
_SSN_SPACED = re.compile(r"(?<![\w-])(\d{3})[ ]?(\d{2})[ ]?(\d{4})(?![\w-])")
_SSN_CONTEXT = re.compile(r"\b(?:social security|ssn|social)\b[^.!?]{0,40}$", re.IGNORECASE)
_UK_NI = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
_SIN = re.compile(r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{3}(?![\w-])")
_SIN_CONTEXT = re.compile(r"\b(?:social insurance|SIN)\b[^.!?]{0,40}$")

_PHONE = re.compile(
    r"(?<![\w.+/-])(?:\+\d{1,3}[ .-]?|1[ .-])?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]\d{2,6}){1,5}(?![\w/]|[.-]\d)"
    r"|(?<![\w.+/-])\+\d{8,14}\b"
    r"|(?<![\w.+/-])\(\d{3}\)\s?\d{3}-\d{4}\b"
)
_PHONE_BARE = re.compile(r"(?<![\w.+/-])\d{10,11}(?![\w.-])")
_PHONE_CONTEXT = re.compile(
    r"\b(?:call|calls|called|phone|number|cell|mobile|text|texted|reach|ring|fax|whatsapp|tel|line)\b[^.!?]{0,30}$",
    re.IGNORECASE,
)
_NOT_PHONE_CONTEXT = re.compile(
    r"\b(?:order|orders|invoice|ticket|tracking|case|ref|reference|serial|sku|build|po|confirmation|account|"
    r"version|release|v|issue|pr|id|isbn|part|model|batch|lot|booking|transaction|receipt|customer)\b[^.!?]{0,24}$",
    re.IGNORECASE,
)

_STREET_TYPES = (
    r"Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Parkway|Pkwy|"
    r"Circle|Cir|Highway|Hwy|Square|Sq|Close|Crescent|Row|Gardens|Mews|Strasse|Straße|Alley|Trail|Plaza"
)
_STREET_STOP = (
    "the|a|an|on|in|at|of|to|my|our|your|their|his|her|and|or|for|with|from|by|per|more|is|was|are|were|what|i|it|"
    "we|you|they|that|this|these|those|people|times|years|days|hours|minutes|kids|cars|miles"
)
_STREET_WORD = rf"(?!(?:{_STREET_STOP})\b)[A-Za-z][A-Za-z'.-]*"
_ADDRESS = re.compile(
    rf"(?<![\w.-])\d{{1,6}}[A-Za-z]?,?\s+(?:{_STREET_WORD}\s+){{1,4}}(?:{_STREET_TYPES})\b\.?"
    r"(?:,?\s*(?:Apt|Apartment|Suite|Ste|Unit|Flat|#)\.?\s*[\w-]+)?"
    r"(?:,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})?"
    r"(?:,?\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?)?"
    r"(?:,?\s*[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2})?",
    re.IGNORECASE,
)
# Street names are capitalised in written transcripts; in lower case we accept them only when the street type
# is spelled out in full (so "3 kids on the st" never counts).

# Street orders of continental Europe and Latin America: "14 rue de la République", "Hauptstraße 27",
# "Calle Mayor 8", "Via Garibaldi 45" (the type spelled out, a capitalised name, a house number).
_PARTICLE = r"(?:de|du|des|del|della|delle|di|da|do|dos|das|la|le|les|los|las|l'|d'|von|van|der|den|the)"
_NAME_WORD = r"[A-ZÀ-Þ][\w'’.-]*"
_STREET_NAME = rf"(?:{_PARTICLE}\s+)*{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_WORD}){{0,3}}"
# French order: the number, then the street type (either case), then the name.
_NUMBER_FIRST_TYPES = r"rue|avenue|av\.|boulevard|bd|allée|allee|chemin|impasse|quai|place"
# Spanish, Portuguese, Italian, Polish order: the capitalised type and name, then the number.
_TYPE_FIRST = r"Calle|Carrer|Avenida|Paseo|Plaza|Rua|Travessa|Praça|Largo|Via|Viale|Piazza|Corso|Rue|Ulica|ul\."
_NOT_A_HOUSE = r"(?!\s*(?:%|(?:percent|times|days|weeks|months|years|hours|minutes|people|users|seats)\b))"
_CITY = r"(?:,\s*(?:\d{4,5}\s+)?[A-ZÀ-Þ][\w'’-]+(?:[ -][A-ZÀ-Þ][\w'’-]+){0,2})?"  # ", 75001 Paris", ", Zürich"
_NUMBER_TYPE_NAME = re.compile(
    rf"(?<![\w.-])\d{{1,4}}(?:\s?(?:bis|ter))?,?\s+(?i:{_NUMBER_FIRST_TYPES})\s+{_STREET_NAME}{_CITY}"
)
_TYPE_NAME_NUMBER = re.compile(
    rf"\b(?:{_TYPE_FIRST})\s+{_STREET_NAME},?\s+\d{{1,4}}[a-zA-Z]?(?![\w-]){_NOT_A_HOUSE}{_CITY}"
)
_COMPOUND_STREET = re.compile(
    r"\b[A-ZÄÖÜÅÆØÉ][a-zäöüßåæøéèáíóúñ-]+(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|straat|"
    r"gracht|laan|plein|steeg|kade|vej|gade|gatan|gata|vägen|veien|gaten|utca)\s+\d{1,4}[a-zA-Z]?(?![\w-])"
    + _NOT_A_HOUSE
    + _CITY
)
_PO_BOX = re.compile(r"\bP\.?\s?O\.?\s+Box\s+\d+\b", re.IGNORECASE)
_UK_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s\d[A-Z]{2}\b")
_ZIP_CONTEXT = re.compile(r"\b(?:zip|zip code|postcode|post code|postal code)\b[^.!?]{0,12}$", re.IGNORECASE)
_ZIP = re.compile(r"(?<![\w-])\d{5}(?:-\d{4})?(?![\w-])")

_HONORIFIC_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame)\.?\s+[A-Z][a-zA-Z'’-]+(?:\s+[A-Z][a-zA-Z'’-]+)?"
)
_NAME_INTRO = re.compile(
    r"\b(?:my name is|name's|[Aa]sk|ask for|speak to|talk to|talked to|spoke to|spoke with|talked with|emailed|"
    r"cc|cc'd)\s+([A-Z][a-z'’-]+(?:\s+(?:van |de |van der |O')?[A-Z][a-z'’-]+)?)"
)
_NOT_NAMES = frozenset(
    """i you we they he she it the a an this that there here hi hey hello thanks thank okay ok yes no yeah so well
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december god jesus christ mom mum dad sir madam team everyone guys folks
    ah oh uh um umm hmm mm mhm eh er ha haha yo ya yep nope huh wow ooh aw
    """.split()
)
_LEADING_WORDS = frozenset("email call ask tell ping text thanks thank hi hey dear cc message pay meet".split())
# Software and companies that the small NER model often takes for people.
PRODUCTS = frozenset(
    """django flask jira jenkins docker compose kubernetes notion linear slack stripe figma miro airtable coda asana
    trello zoom salesforce hubspot mailchimp zendesk intercom heroku vercel netlify github gitlab bitbucket sentry
    datadog grafana postgres redis mongo kafka airflow dbt looker tableau excel outlook teams alexa siri cortana
    gemini claude copilot chatgpt gpt jupyter pandas numpy pytorch tensorflow terraform ansible circleci travis
    webpack vite react angular vue svelte rails laravel spring hadoop spark snowflake bigquery redshift segment
    amplitude mixpanel pendo gong calendly loom dropbox box shopify magento wordpress squarespace wix quickbooks
    xero netsuite workday gusto rippling okta auth0 twilio sendgrid pypi npm conda homebrew
    """.split()
)


# --------------------------------------------------------------------------- checks


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def iban_ok(raw: str) -> bool:
    iban = raw.replace(" ", "").upper()
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is None or len(iban) != expected or not iban[2:4].isdigit():
        return False
    moved = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in moved))
    except ValueError:
        return False
    return number % 97 == 1


def _ssn_ok(area: str, group: str, serial: str) -> bool:
    return area not in {"000", "666"} and not area.startswith("9") and group != "00" and serial != "0000"


def _card_ok(raw: str) -> bool:
    digits = re.sub(r"[ -]", "", raw)
    if not 13 <= len(digits) <= 19 or digits[0] not in "23456" or not luhn_ok(digits):
        return False
    # Separators, if any, split the number into groups of 4 (or Amex's 4-6-5), as cards are written.
    groups = [len(g) for g in re.split(r"[ -]", raw)]
    return len(groups) == 1 or groups[:-1] == [4] * (len(groups) - 1) or groups == [4, 6, 5] or groups == [4, 6, 4]


def _phone_ok(raw: str, before: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    if _NOT_PHONE_CONTEXT.search(before):
        return False
    if raw.startswith("+"):
        return 8 <= len(digits) <= 15
    if not 9 <= len(digits) <= 13:
        return False
    groups = re.split(r"[ .-]+", re.sub(r"[()]", " ", raw).strip())
    if "." in raw and not re.fullmatch(r"\(?\d{3}\)?\.\d{3}\.\d{4}", raw):
        return False  # dotted numbers are versions and IP addresses unless written 555.123.4567
    if any(len(g) == 4 and 1900 <= int(g) <= 2099 for g in groups) and len(groups) > 2 and len(digits) < 10:
        return False  # "2019 2020 2021"
    # A year range or a list of years ("2019 2020 2021") is not a phone number.
    if all(len(g) == 4 and 1900 <= int(g) <= 2099 for g in groups):
        return False
    return digits[0] in "0123456789" and (raw.startswith("(") or raw[0] == "0" or len(digits) >= 10)


# --------------------------------------------------------------------------- detection


def _structured(text: str) -> list[PiiSpan]:
    found: list[PiiSpan] = []

    def add(start: int, end: int, kind: str) -> None:
        found.append(PiiSpan(start, end, kind, text[start:end]))

    for m in _EMAIL.finditer(text):
        add(m.start(), m.end(), "EMAIL")
    for m in _SPOKEN_EMAIL.finditer(text):
        add(m.start(), m.end(), "EMAIL")
    for m in _IBAN.finditer(text):
        if iban_ok(m.group()):
            add(m.start(), m.end(), "IBAN")
    for m in _CARD.finditer(text):
        raw = m.group().rstrip(" -")
        if _card_ok(raw):
            add(m.start(), m.start() + len(raw), "CARD")
    for m in _SSN.finditer(text):
        if _ssn_ok(*m.groups()):
            add(m.start(), m.end(), "NATIONAL_ID")
    for m in _SSN_SPACED.finditer(text):
        if _ssn_ok(*m.groups()) and _SSN_CONTEXT.search(text[: m.start()]):
            add(m.start(), m.end(), "NATIONAL_ID")
    for m in _UK_NI.finditer(text):
        add(m.start(), m.end(), "NATIONAL_ID")
    for m in _SIN.finditer(text):
        if _SIN_CONTEXT.search(text[: m.start()]) and luhn_ok(re.sub(r"\D", "", m.group())):
            add(m.start(), m.end(), "NATIONAL_ID")
    for m in _ADDRESS.finditer(text):
        street_type = re.search(rf"({_STREET_TYPES})\b\.?", m.group(), re.IGNORECASE)
        words = m.group()[: street_type.start()].split()[1:] if street_type else []
        capitalised = all(w[:1].isupper() for w in words)
        if street_type and (capitalised or len(street_type.group(1)) > 3):
            end = m.end()
            while end > m.start() and text[end - 1] in " ,":
                end -= 1
            add(m.start(), end, "ADDRESS")
    for pattern in (_NUMBER_TYPE_NAME, _TYPE_NAME_NUMBER, _COMPOUND_STREET):
        for m in pattern.finditer(text):
            add(m.start(), m.start() + len(m.group().rstrip(" ,.")), "ADDRESS")
    for m in _PO_BOX.finditer(text):
        add(m.start(), m.end(), "ADDRESS")
    for m in _UK_POSTCODE.finditer(text):
        add(m.start(), m.end(), "ADDRESS")
    for m in _ZIP.finditer(text):
        if _ZIP_CONTEXT.search(text[: m.start()]):
            add(m.start(), m.end(), "ADDRESS")
    for m in _PHONE.finditer(text):
        if _phone_ok(m.group(), text[max(0, m.start() - 40) : m.start()]):
            add(m.start(), m.end(), "PHONE")
    for m in _PHONE_BARE.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        if _PHONE_CONTEXT.search(before) and not _NOT_PHONE_CONTEXT.search(before):
            add(m.start(), m.end(), "PHONE")
    return found


def _clean_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a PERSON entity to the name itself (no possessive, no trailing punctuation); None if it is no name."""
    while end > start and text[end - 1] in " .,;:!?'’\"":
        end -= 1
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
    while start < end and not text[start].isalpha():
        start += 1
    while (lead := re.match(r"([A-Za-z]+)\s+", text[start:end])) and lead.group(1).lower() in _LEADING_WORDS:
        start += lead.end()  # "Email Sarah Johnson": the verb the model swept into the entity is no name
    name = text[start:end]
    if not name or not name[0].isupper() or any(ch.isdigit() for ch in name) or "@" in name:
        return None
    tokens = name.split()
    if all(t.lower() in _NOT_NAMES for t in tokens) or (len(name) > 3 and name.isupper()):
        return None
    if any(t.lower().strip("'’") in PRODUCTS for t in tokens):
        return None
    return start, end


# --------------------------------------------------------------------------- name lists

# A word as names are written: letters with inner hyphens or apostrophes ("Soo-jin", "O'Brien").
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# The small model often calls a lone name NORP, GPE or WORK_OF_ART: only these labels keep a word from joining a name.
_OTHER_ENTITIES = frozenset("ORG GPE LOC FAC PRODUCT".split())
# Words around a lower-case name that say a person is meant ("i told siobhan", "marco said").
_PERSON_BEFORE = frozenset(
    "told tell ask asked with and to me cc ping pinged thank thanks call called email emailed text texted from "
    "by for met meet hired".split()
)
_PERSON_AFTER = frozenset(
    "said says told asked thinks thought knows knew has had was is will did does ran runs sent wants wanted left "
    "joined and from who mentioned wrote built set handles handled".split()
)
_NAME_PARTICLES = frozenset("van von der den de da di du la le bin ibn al el dos das del".split())
_JOINERS = frozenset({"and", "or", "&"})


@dataclass(frozen=True, slots=True)
class NameLists:
    """Given and family names (lower case, also without accents) and the words a name must not be mistaken for."""

    given: frozenset[str]
    family: frozenset[str]
    words: frozenset[str]  # English dictionary words and stop words: a name that is also one needs the NER's vote
    endings: tuple[tuple[str, str], ...] = ()  # inflection rules: ("ies", "y") reads "parties" as "party"

    def is_word(self, word: str) -> bool:
        """Whether WORD (lower case) is an English word or an inflection of one ("ran", "handles")."""
        if word in self.words:
            return True
        return any(word.endswith(old) and word[: len(word) - len(old)] + new in self.words for old, new in self.endings)


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1)
def _people_names() -> tuple[frozenset[str], frozenset[str]]:
    """Given and family names of every Latin-script locale that Faker ships (its person providers' lists)."""
    import importlib
    import pkgutil

    import faker.providers.person as people

    given: set[str] = set()
    family: set[str] = set()
    for module in pkgutil.iter_modules(people.__path__):
        provider = getattr(importlib.import_module(f"{people.__name__}.{module.name}"), "Provider", None)
        for attribute, values in vars(provider).items() if provider is not None else ():
            if not isinstance(values, (tuple, list, dict)):
                continue
            target = given if attribute.startswith("first_") else family if attribute.startswith("last_") else None
            if target is None:
                continue
            for name in values:
                if isinstance(name, str) and len(name) > 1 and _WORD.fullmatch(name) and max(map(ord, name)) < 0x250:
                    target.update({name.lower(), _fold(name)})
    return frozenset(given), frozenset(family)


def name_lists(nlp: Language) -> NameLists:
    """The name lists, with the dictionary of `nlp` (its lemmatizer's word index) as the words to keep apart."""
    cached: NameLists | None = getattr(nlp, "_verbatim_name_lists", None)
    if cached is None:
        words: set[str] = {w.lower() for w in nlp.Defaults.stop_words}
        endings: set[tuple[str, str]] = set()
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None) if "lemmatizer" in nlp.pipe_names else None
        if lookups is not None and lookups.has_table("lemma_index"):
            for entries in lookups.get_table("lemma_index").values():
                words.update(w for w in entries if "_" not in w)
            for forms in lookups.get_table("lemma_exc").values() if lookups.has_table("lemma_exc") else ():
                words.update(w for w in forms if "_" not in w)  # irregular forms: "ran", "children"
            for rules in lookups.get_table("lemma_rules").values() if lookups.has_table("lemma_rules") else ():
                endings.update((old, new) for old, new in rules)
        given, family = _people_names()
        cached = NameLists(given=given, family=family, words=frozenset(words), endings=tuple(sorted(endings)))
        nlp._verbatim_name_lists = cached  # type: ignore[attr-defined]  # one per loaded pipeline
    return cached


def _listed_names(text: str, doc: Doc | None, lists: NameLists, taken: list[tuple[int, int]]) -> list[PiiSpan]:
    """Names the NER missed, from the name lists: a given name that is no English word ("Priya", "Tomasz", also in
    lower case as speech recognition writes it), with the family names after it ("Aleksandra Nowak"); and a
    capitalised non-word joined by "and"/"or" to a name ("Anna and Olu")."""
    labels = [""] * len(text)
    for ent in doc.ents if doc is not None else ():
        labels[ent.start_char : ent.end_char] = [ent.label_] * (ent.end_char - ent.start_char)
    words = [m for m in _WORD.finditer(text)]
    low = [_fold(m.group()) for m in words]

    def capitalised(i: int) -> bool:
        word = words[i].group()
        return word[0].isupper() and not (len(word) > 1 and word.isupper())

    def plain(i: int, labelled: bool = True) -> bool:  # no English word or product (nor a place or company)
        word = words[i].group().lower()
        if lists.is_word(word) or lists.is_word(low[i]) or low[i] in PRODUCTS or low[i] in _NOT_NAMES:
            return False
        return not labelled or labels[words[i].start()] not in _OTHER_ENTITIES

    def said_of_a_person(i: int) -> bool:  # a lower-case name needs the NER's vote or a person's context
        before = low[i - 1] if i > 0 and adjacent(i - 1, i) else ""
        after = low[i + 1] if i + 1 < len(words) and adjacent(i, i + 1) else ""
        return bool(labels[words[i].start()]) or before in _PERSON_BEFORE or after in _PERSON_AFTER

    def adjacent(i: int, j: int) -> bool:  # nothing but spaces between words i and j (i < j)
        return not text[words[i].end() : words[j].start()].strip()

    marked = [any(s <= m.start() < e for s, e in taken) for m in words]
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        word = words[i].group()
        if marked[i] or low[i] not in lists.given or not plain(i, labelled=False):
            i += 1
            continue
        if not capitalised(i) and not (word.islower() and len(word) >= 3 and said_of_a_person(i)):
            i += 1
            continue
        end = i + 1
        while capitalised(i) and end < len(words) and end - i < 4 and adjacent(end - 1, end):
            if capitalised(end) and (plain(end) or low[end] in lists.family) and low[end] not in PRODUCTS:
                end += 1
            elif low[end] in _NAME_PARTICLES and end + 1 < len(words) and capitalised(end + 1) and plain(end + 1):
                end += 2
            else:
                break
        found.append((i, end))
        marked[i:end] = [True] * (end - i)
        i = end
    # "Anna and Olu": a capitalised non-word joined to a name is one too.
    changed = True
    while changed:
        changed = False
        for j in range(len(words)):
            if marked[j] or not capitalised(j) or not plain(j):
                continue
            left = j >= 2 and low[j - 1] in _JOINERS and marked[j - 2] and adjacent(j - 2, j - 1) and adjacent(j - 1, j)
            right = (
                j + 2 < len(words)
                and low[j + 1] in _JOINERS
                and marked[j + 2]
                and adjacent(j, j + 1)
                and adjacent(j + 1, j + 2)
            )
            if left or right:
                found.append((j, j + 1))
                marked[j] = changed = True
    return [
        PiiSpan(words[a].start(), words[b - 1].end(), "NAME", text[words[a].start() : words[b - 1].end()])
        for a, b in found
    ]


def _names(text: str, doc: Doc | None, lists: NameLists | None = None) -> list[PiiSpan]:
    found: list[PiiSpan] = []
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            bounds = _clean_name(text, ent.start_char, ent.end_char)
            if bounds and lists is not None and _mistaken(text[bounds[0] : bounds[1]], lists):
                continue
            if bounds:
                found.append(PiiSpan(bounds[0], bounds[1], "NAME", text[bounds[0] : bounds[1]]))
    for pattern, group in ((_HONORIFIC_NAME, 0), (_NAME_INTRO, 1)):
        for m in pattern.finditer(text):
            bounds = _clean_name(text, m.start(group), m.end(group))
            if bounds:
                found.append(PiiSpan(bounds[0], bounds[1], "NAME", text[bounds[0] : bounds[1]]))
    if lists is not None:
        found += _listed_names(text, doc, lists, [(s.start, s.end) for s in found])
    return found


def _mistaken(name: str, lists: NameLists) -> bool:
    """A one-word PERSON that is an English word and nobody's name in the lists ("We tried Otter")."""
    word = _fold(name)
    return " " not in name and word in lists.words and word not in lists.given and word not in lists.family


def _kept(span: PiiSpan, keep: frozenset[str]) -> bool:
    """A name that is one of the speakers' own (or a part of one): kept unless asked."""
    if span.kind != "NAME" or not keep:
        return False
    parts = [p.lower() for p in re.findall(r"[\w'’-]+", span.text)]
    return bool(parts) and all(p in keep for p in parts)


def _resolve(spans: Iterable[PiiSpan], text: str) -> tuple[PiiSpan, ...]:
    """Non-overlapping spans, higher-priority kinds (then longer spans) first; none inside a placeholder."""
    blocked = [(m.start(), m.end()) for m in _PLACEHOLDER.finditer(text)]
    chosen: list[PiiSpan] = []
    for span in sorted(spans, key=lambda s: (PRIORITY[s.kind], -(s.end - s.start), s.start)):
        if span.end <= span.start:
            continue
        if any(span.start < e and s < span.end for s, e in blocked):
            continue
        if any(span.start < c.end and c.start < span.end for c in chosen):
            continue
        chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: s.start))


def _keep_set(keep_names: Iterable[str]) -> frozenset[str]:
    return frozenset(p.lower() for name in keep_names for p in re.findall(r"[\w'’-]+", name or "") if len(p) > 1)


def detect_many(
    texts: Sequence[str],
    *,
    names: bool = True,
    keep_names: Iterable[str] = (),
    spacy_model: str | None = None,
) -> list[tuple[PiiSpan, ...]]:
    """PII spans in each text; `keep_names`: the speakers' own names, left alone (pass () to redact them too)."""
    keep = _keep_set(keep_names)
    docs: list[Doc | None] = [None] * len(texts)
    lists = None
    if names and texts:
        from pipelines.nlp import load_nlp

        nlp = load_nlp(spacy_model)
        ner: Any = nlp.get_pipe("ner")  # disabled in the shared pipeline, but loaded: run it on its own, on tokens only
        docs = list(ner.pipe(nlp.make_doc(t) for t in texts))
        lists = name_lists(nlp)
    results = []
    for text, doc in zip(texts, docs, strict=True):
        spans = _structured(text) + (_names(text, doc, lists) if names else [])
        results.append(_resolve((s for s in spans if not _kept(s, keep)), text))
    return results


def detect(
    text: str, *, names: bool = True, keep_names: Iterable[str] = (), spacy_model: str | None = None
) -> tuple[PiiSpan, ...]:
    """PII spans in one text (see `detect_many`)."""
    return detect_many([text], names=names, keep_names=keep_names, spacy_model=spacy_model)[0]


def redact(text: str, spans: Sequence[PiiSpan]) -> str:
    """TEXT with each span replaced by its typed placeholder."""
    pieces, cursor = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        pieces += [text[cursor : span.start], placeholder(span.kind)]
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


# --------------------------------------------------------------------------- words and audio


def align_words(text: str, words: Sequence[Word]) -> list[list[float]]:
    """Each word's [char_start, char_end, start, end] in TEXT (the turn built from these words), in order."""
    aligned: list[list[float]] = []
    cursor = 0
    for word in words:
        token = word.text.strip()
        if not token:
            continue
        at = text.find(token, cursor)
        if at < 0:
            continue
        aligned.append([at, at + len(token), float(word.start), float(word.end)])
        cursor = at + len(token)
    return aligned


def span_times(
    spans: Sequence[PiiSpan],
    word_times: Sequence[Sequence[float]] | None,
    *,
    text_length: int,
    start: float | None,
    end: float | None,
    pad: float = 0.05,
) -> list[tuple[float, float]]:
    """The stretches of audio (seconds) that say the spans: from the words they touch, else by their share of the
    turn's characters (a turn without word times)."""
    ranges: list[tuple[float, float]] = []
    for span in spans:
        hit = [w for w in word_times or () if w[0] < span.end and span.start < w[1]]
        if hit:
            ranges.append((max(0.0, min(w[2] for w in hit) - pad), max(w[3] for w in hit) + pad))
        elif start is not None and end is not None and text_length:
            scale = (end - start) / text_length
            ranges.append((max(0.0, start + span.start * scale - pad), start + span.end * scale + pad))
    return ranges


def remap_word_times(word_times: Sequence[Sequence[float]], spans: Sequence[PiiSpan]) -> list[list[float]]:
    """Word offsets after `redact`: a word inside a span points at the span's placeholder."""
    ordered = sorted(spans, key=lambda s: s.start)
    shifts = []  # (span, placeholder start in the new text)
    delta = 0
    for span in ordered:
        shifts.append((span, span.start + delta))
        delta += len(placeholder(span.kind)) - (span.end - span.start)
    remapped = []
    for char_start, char_end, t0, t1 in word_times:
        moved = None
        offset = 0
        for span, new_start in shifts:
            if char_start < span.end and span.start < char_end:
                moved = [new_start, new_start + len(placeholder(span.kind)), t0, t1]
                break
            if span.end <= char_start:
                offset = new_start + len(placeholder(span.kind)) - span.end
        remapped.append(moved or [char_start + offset, char_end + offset, t0, t1])
    return remapped


def bleep(
    audio: np.ndarray, sample_rate: int, ranges: Iterable[tuple[float, float]], *, frequency: float = 1000.0
) -> np.ndarray:
    """A copy of mono AUDIO with each range replaced by a quiet sine tone (the usual broadcast bleep)."""
    import numpy as np

    out = np.array(audio, dtype=np.float32, copy=True)
    for low, high in ranges:
        a, b = max(0, int(low * sample_rate)), min(len(out), int(np.ceil(high * sample_rate)))
        if b > a:
            t = np.arange(b - a, dtype=np.float32) / sample_rate
            out[a:b] = 0.2 * np.sin(2 * np.pi * frequency * t)
    return out


def write_wav(path: str | os.PathLike[str], audio: np.ndarray, sample_rate: int) -> None:
    """16-bit PCM mono WAV at PATH (a path handed in)."""
    import wave

    import numpy as np

    pcm = (np.clip(np.asarray(audio, dtype=np.float32), -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as handle:
        handle.setnchannels(1)
        handle.setsampwidth(2)
        handle.setframerate(sample_rate)
        handle.writeframes(pcm.tobytes())


# --------------------------------------------------------------------------- transcripts


@dataclass(frozen=True, slots=True)
class RedactedTranscript:
    """A transcript with PII replaced; per turn: the spans found (offsets into the original text), the audio
    stretches that say them (seconds) and the word times remapped onto the redacted text."""

    transcript: Transcript
    spans: tuple[tuple[PiiSpan, ...], ...]
    audio_ranges: tuple[tuple[float, float], ...]
    word_times: tuple[list[list[float]] | None, ...]

    @property
    def found(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for spans in self.spans:
            for span in spans:
                counts[span.kind] = counts.get(span.kind, 0) + 1
        return counts


def redact_transcript(
    transcript: Transcript,
    *,
    word_times: Sequence[Sequence[Sequence[float]] | None] | None = None,
    redact_speaker_names: bool = False,
    spacy_model: str | None = None,
) -> RedactedTranscript:
    """Redact every turn; the speakers' own names (labels and display names) are kept unless asked, and then
    speakers become 'Speaker 1', 'Speaker 2'... everywhere."""
    labels = transcript.speakers
    own = [*labels, *transcript.speaker_names.values()]
    found = detect_many(
        [t.text for t in transcript.turns], keep_names=() if redact_speaker_names else own, spacy_model=spacy_model
    )
    times = list(word_times) if word_times is not None else [None] * len(transcript.turns)
    rename = {label: f"Speaker {i}" for i, label in enumerate(labels, 1)} if redact_speaker_names else {}
    turns, ranges, remapped = [], [], []
    for turn, spans, wt in zip(transcript.turns, found, times, strict=True):
        ranges += span_times(spans, wt, text_length=len(turn.text), start=turn.start, end=turn.end)
        remapped.append(remap_word_times(wt, spans) if wt is not None else None)
        turns.append(Turn(rename.get(turn.speaker, turn.speaker), redact(turn.text, spans), turn.start, turn.end))
    names = {rename[label]: rename[label] for label in labels} if rename else dict(transcript.speaker_names)
    return RedactedTranscript(
        transcript=Transcript(turns=tuple(turns), source_format=transcript.source_format, speaker_names=names),
        spans=tuple(found),
        audio_ranges=tuple(ranges),
        word_times=tuple(remapped),
    )
