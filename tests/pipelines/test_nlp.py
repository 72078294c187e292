"""The one spaCy loader: shared per model, and the runtime's model (VERBATIM_SPACY_MODEL) reaches every stage."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

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
