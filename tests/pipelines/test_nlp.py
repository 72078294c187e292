"""The one spaCy loader: shared per model, and the runtime's model (VERBATIM_SPACY_MODEL) reaches every stage."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pipelines import nlp
from pipelines.embedding import ModelNotFoundError

MISSING = "no_such_spacy_model"


@pytest.fixture
def missing_model() -> Iterator[None]:
    """The runtime's model set to one that is not installed; restored after."""
    before = nlp.current_model()
    nlp.use_model(MISSING)
    yield
    nlp.use_model(before)


def _signals() -> object:
    from pipelines.jtbd import extract_signals

    return extract_signals(["When the build breaks I want to know why"], forces="patterns")


def _statement_words() -> object:
    from pipelines.statements import content_words

    return content_words("we publish packages every week")


def _title() -> object:
    from pipelines.titles import job_title

    return job_title([], central=[("I want to publish packages quickly", 0.9)])


def _quotable() -> object:
    from pipelines.phrasing import quotable_flags

    return quotable_flags(["we publish our packages every single week"])


def _names() -> object:
    from pipelines.pii import detect_many

    return detect_many(["I spoke to Maria Lopez yesterday"])


@pytest.mark.parametrize("stage", [_signals, _statement_words, _title, _quotable, _names])
def test_every_stage_parses_with_the_runtime_model(missing_model: None, stage: Callable[[], object]) -> None:
    with pytest.raises(ModelNotFoundError, match=MISSING):
        stage()


@pytest.mark.slow
def test_the_pipeline_is_loaded_once_per_model() -> None:
    assert nlp.load_nlp() is nlp.load_nlp(nlp.DEFAULT_SPACY_MODEL)
    assert "ner" in nlp.load_nlp().disabled  # loaded for pipelines.pii, off for everyone else


def test_the_runtime_passes_its_setting(tmp_path: Path) -> None:
    from app.runtime import Runtime
    from tests.helpers import make_settings

    before = nlp.current_model()
    runtime = Runtime.create(make_settings(tmp_path, f"sqlite:///{tmp_path / 'x.db'}", spacy_model=MISSING))
    try:
        assert nlp.current_model() == MISSING
    finally:
        runtime.close()
        nlp.use_model(before)


def test_parse_keeps_order_and_reuses_recent_parses() -> None:
    from pipelines.nlp import parse

    first, second = parse(["We deploy on Fridays.", "PyPI went down."])
    again = parse(["PyPI went down.", "We deploy on Fridays."])
    assert again[0] is second and again[1] is first  # read once, reused by statements, titles and both job levels
    assert [t.lemma_ for t in first][:2] == ["we", "deploy"] and first[1].dep_ == "ROOT"


def _attributes(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def _stock_and_lookup():
    """spaCy's own pipeline (its attribute ruler matching with the Matcher) and the shared one (by lookup)."""
    from pipelines.nlp_ruler import LookupMatch

    stock = nlp.load_spacy(nlp.current_model(), disable=("ner",))
    shared = nlp.load_nlp()
    assert isinstance(getattr(shared.get_pipe("attribute_ruler"), "match", None), LookupMatch)
    return stock, shared


@pytest.mark.slow
def test_the_attribute_ruler_by_lookup_parses_as_spacy_does() -> None:
    """Multi-token patterns (gonna, y'all, ain't, let's, there are), whitespace, words the ruler names."""
    stock, shared = _stock_and_lookup()
    texts = [
        "We're gonna ship it, y'all, and it ain't broken.",
        "Let's see if there are mirrors  we gotta keep\n up, but I'd have done it.",
        "I think it gets nothin' done: that is what you got from it.",
        "C'mon, do you do that because it's whether or not he has to?",
        "We ship wheels for Linux and Windows.",  # no word a multi-token pattern needs: its Matcher is not run
    ]
    for text in texts:
        ruler: Any = stock.get_pipe("attribute_ruler")
        lookup: Any = shared.get_pipe("attribute_ruler")
        doc = stock(text)
        assert ruler.match(doc) == lookup.match(doc), text
        assert _attributes(shared(text)) == _attributes(doc), text


@pytest.mark.slow
def test_the_attribute_ruler_by_lookup_parses_the_pypi_interviews_as_spacy_does() -> None:
    from tests.helpers import INTERVIEWS

    files = sorted(INTERVIEWS.glob("*.md"))
    if not files:
        pytest.skip("the pypi-infrastructure interviews are not in ../shared/data")
    texts = [line.strip() for path in files for line in path.read_text().splitlines() if line.strip()]
    stock, shared = _stock_and_lookup()
    for mine, theirs in zip(shared.pipe(texts), stock.pipe(texts), strict=True):
        assert _attributes(mine) == _attributes(theirs), mine.text


@pytest.mark.parametrize(
    ("text", "word", "base"),
    [
        # Both readings are verbs the lemmatizer knows; the spelling rules out one ('fin' makes 'finned').
        ("The council fined the kennel twice.", "fined", "fine"),
        ("She fines anyone who parks there.", "fines", "fine"),
        ("We hoped the phones would calm down.", "hoped", "hope"),
        ("I was hoping to move the rota online.", "hoping", "hope"),
        ("They taped the list to the fridge.", "taped", "tape"),
        ("He stared at the spreadsheet for an hour.", "stared", "stare"),
        ("We coped with paper for years.", "coped", "cope"),
        # A doubled consonant is the spelling of a short stem ('stop'), or the stem's own ('fill').
        ("We stopped the trial in March.", "stopped", "stop"),
        ("He tapped the screen again.", "tapped", "tap"),
        ("She filled the form in by hand.", "filled", "fill"),
        # A verb the lemmatizer does not know, made of a prefix and one it does.
        ("We resubmitted the drawings on Friday.", "resubmitted", "resubmit"),
        ("The treasurer rebudgeted the season in May.", "rebudgeted", "rebudget"),
        ("The clinic overbooked the Monday slots.", "overbooked", "overbook"),
        ("The bank preapproved the loan.", "preapproved", "preapprove"),
        ("I refiled the claim with the insurer.", "refiled", "refile"),
        ("The club outgrew the old hall.", "outgrew", "outgrow"),
        ("Somebody mislabeled the boxes.", "mislabeled", "mislabel"),
        # Common verbs stay as the lemmatizer had them.
        ("They used the old book for years.", "used", "use"),
        ("We went to the bank and made a plan.", "went", "go"),
        ("She carried the boxes upstairs.", "carried", "carry"),
        ("We opened the shop and visited the suppliers.", "opened", "open"),
        ("We opened the shop and visited the suppliers.", "visited", "visit"),
        ("The vet agreed and freed the afternoon.", "agreed", "agree"),
        ("We needed a new system.", "needed", "need"),
        ("The owner passed the keys on.", "passed", "pass"),
        ("We are seeing more clients and making more money.", "seeing", "see"),
        ("We are seeing more clients and making more money.", "making", "make"),
        # A verb no index holds keeps the 'e' only where the stem needs one.
        ("We keep handholding people through uploads.", "handholding", "handhold"),
        ("We were dockerizing the apps.", "dockerizing", "dockerize"),
        ("We geofenced the car park.", "geofenced", "geofence"),
    ],
)
def test_verbs_get_the_base_form_their_spelling_allows(text: str, word: str, base: str) -> None:
    doc = nlp.parse([text])[0]
    assert next(t.lemma_ for t in doc if t.text == word) == base


def test_a_fresh_pipeline_sets_the_same_base_forms() -> None:
    fresh = nlp.load_spacy(nlp.current_model(), disable=("ner",))
    assert [t.lemma_ for t in fresh("We resubmitted it and hoped.") if t.pos_ == "VERB"] == ["resubmit", "hope"]


@pytest.mark.parametrize(
    ("text", "word", "verb", "lemma"),
    [
        ("I didna want to phone her.", "didna", "did", "do"),
        ("I dinna want a fuss.", "dinna", "din", "do"),
        ("Dunna tell Morag.", "Dunna", "Dun", "do"),
        ("It wasnae my fault.", "wasnae", "was", "be"),
        ("I cannae see the point.", "cannae", "can", "can"),
    ],
)
def test_a_scots_negation_is_read_as_its_verb_and_a_not(text: str, word: str, verb: str, lemma: str) -> None:
    """'I didna want to phone her': the 'not' is read (a denied want stays denied); the words are kept as said."""
    doc = nlp.parse([text])[0]
    [said] = [t for t in doc if t.text == verb]
    negation = doc[said.i + 1]
    assert said.lemma_ == lemma and negation.lemma_ == "not" and negation.dep_ == "neg"
    assert said.text + negation.text == word and doc.text == text
