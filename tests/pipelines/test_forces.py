"""Tests for the force classifier: fast ones with a fake embedder, one slow one with the real sentence model."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from pipelines import forces as forces_module
from pipelines.forces import (
    FORCE_LABELS,
    GATE_CHOSEN_ON_HELDOUT,
    MIN_FORCE_CONFIDENCE,
    EmbeddingForceClassifier,
    ForceDecision,
    ForceExample,
    denies_worry,
    force_classifier,
    gate_unsure,
    has_force_word,
    is_inquiry,
    is_rejection,
    is_spoken,
    lexical_text,
    load_examples,
    rule_label,
    talk_without_force_word,
)
from pipelines.jtbd import FORCE_KINDS, Signal, Signals, _with_forces


class FakeEmbedder:
    """Hashed bag of words: deterministic, fast, and texts sharing words get similar vectors."""

    dimension = 32

    def __init__(self, name: str = "fake") -> None:
        self.name = name
        self.calls = 0

    def embed(self, texts: Sequence[str], *, progress: Callable[[float], None] | None = None) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in lexical_text(text).split():
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        return out


TINY = [
    ForceExample("the old tool keeps crashing", "push"),
    ForceExample("the old bank charges fees", "push"),
    ForceExample("the new app would be lovely", "pull"),
    ForceExample("the new gym would be lovely", "pull"),
    ForceExample("what if the migration fails", "anxiety"),
    ForceExample("what if the data is lost", "anxiety"),
    ForceExample("we have always done it this way", "habit"),
    ForceExample("we have always banked there", "habit"),
    ForceExample("we signed up in march", "none"),
    ForceExample("can you hear me", "none"),
]


def test_shipped_examples_are_many_varied_and_disjoint() -> None:
    train, dev = load_examples("train"), load_examples("dev")
    assert len(train) >= 400 and len(dev) >= 150
    for examples in (train, dev):
        counts = {label: sum(e.force == label for e in examples) for label in FORCE_LABELS}
        assert min(counts.values()) >= 25, counts
        assert counts["none"] == max(counts.values())  # 'none' is the common case
    assert not {e.text for e in train} & {e.text for e in dev}
    assert len({e.text for e in train}) == len(train)


def test_shipped_talk_development_set_is_mostly_none_and_disjoint() -> None:
    talk, train, dev = load_examples("dev_talk"), load_examples("train"), load_examples("dev")
    assert len(talk) >= 60
    assert sum(e.force == "none" for e in talk) >= 0.7 * len(talk)  # as in real interviews
    assert {e.force for e in talk} == set(FORCE_LABELS)
    assert not {e.text for e in talk} & ({e.text for e in train} | {e.text for e in dev})


def test_held_out_talk_set_is_mostly_none_and_disjoint() -> None:
    held = load_examples("heldout_talk")
    ours = {e.text for split in ("train", "dev", "dev_talk") for e in load_examples(split)}
    assert len(held) >= 150 and len({e.text for e in held}) == len(held)
    assert sum(e.force == "none" for e in held) >= 0.6 * len(held)
    assert {e.force for e in held} == set(FORCE_LABELS)
    assert not {e.text for e in held} & ours


def test_pypi_development_set_is_real_talk_mostly_none_and_disjoint() -> None:
    pypi = load_examples("dev_pypi")
    ours = {e.text for split in ("train", "dev", "dev_talk", "heldout_talk") for e in load_examples(split)}
    assert len(pypi) >= 150 and len({e.text for e in pypi}) == len(pypi)
    assert sum(e.force == "none" for e in pypi) >= 0.7 * len(pypi)
    assert {e.force for e in pypi} == set(FORCE_LABELS)
    assert all(len(text.split()) <= 3 for text in {e.text for e in pypi} & ours)  # "It was fine." is in both


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("And so, we formed the packaging working group.", True),
        ("So… And the history of PyPI is there was basically no documentation.", True),
        ("It was just — they put their network in front of it.", True),
        ("I mean, it depends on the sponsor, right?", True),
        ("The old bank charged me a fee for everything.", False),
        ("I basically gave up on the changing rooms.", False),  # a filler alone is common in written lines
    ],
)
def test_spoken_talk(text: str, spoken: bool) -> None:
    assert is_spoken(text) is spoken


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("So any change we made broke things every time we deployed.", True),
        ("And that’s frustrating.", True),
        ("Becomes a little bit more risky and a little bit more unsustainable.", True),
        ("And now people did that because uploads to the new one were much more reliable.", True),
        ("And I didn’t want to learn Mercurial, so I sent patches.", True),
        ("And similarly, Fastly provides CDN service at no cost.", False),
        ("So they made what they called the simple API.", False),
    ],
)
def test_force_words(text: str, word: bool) -> None:
    assert has_force_word(text) is word
    assert talk_without_force_word(text) is not word


def test_classify_drops_forces_of_spoken_talk_without_a_force_word() -> None:
    clf = EmbeddingForceClassifier(FakeEmbedder(), TINY, spoken_needs_force_word=True)
    assert not EmbeddingForceClassifier(FakeEmbedder(), TINY).spoken_needs_force_word  # off as shipped
    texts = ["And the old tool keeps on going.", "And the old tool keeps crashing.", "the old tool keeps on going"]
    off = clf.spoken_gate(False).classify(texts)
    assert [d.label for d in off] == ["push", "push", "push"]  # the models alone
    on = clf.classify(texts)
    assert [d.label for d in on] == ["none", "push", "push"]  # spoken and no force word; a crash; not spoken
    probs = clf.probabilities(texts[:1])[0]
    assert on[0].confidence == pytest.approx(probs[clf.labels.index("none")])
    assert clf.classify(["And I don't want to use this old tool anymore."])[0].label == "push"  # a rejection


def test_none_weight_shifts_decisions_towards_none() -> None:
    texts = ["what if the data fails", "we have always done it", "the old tool keeps crashing", "hello"]
    plain = EmbeddingForceClassifier(FakeEmbedder(), TINY, none_weight=1.0)
    weighted = EmbeddingForceClassifier(FakeEmbedder(), TINY, none_weight=3.0)
    none = plain.labels.index("none")
    before, after = plain.probabilities(texts), weighted.probabilities(texts)
    assert np.allclose(after.sum(axis=1), 1.0)
    assert np.all(after[:, none] > before[:, none])
    odds = (after[:, none] / (1 - after[:, none])) / (before[:, none] / (1 - before[:, none]))
    assert np.allclose(odds, 3.0)  # the odds of none against all forces, times the weight
    drowned = EmbeddingForceClassifier(FakeEmbedder(), TINY, none_weight=1000.0)
    assert {d.label for d in drowned.classify(texts)} == {"none"}
    with pytest.raises(ValueError, match="none_weight"):
        EmbeddingForceClassifier(FakeEmbedder(), TINY, none_weight=0.0)


def test_load_examples_rejects_unknown_labels(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "hello", "force": "shove"}\n')
    with pytest.raises(ValueError, match="shove"):
        load_examples(path=path)


def test_lexical_text_normalises_negation_and_apostrophes() -> None:
    assert lexical_text("I DON’T know") == "i do not know"
    assert lexical_text("It wasn't") == "it was not"


@pytest.mark.parametrize(
    "text",
    [
        "I want to understand who relies on the old API.",
        "I’d like to know which teams still use the legacy endpoint.",
        "So what we're trying to figure out is why people stopped using the old form.",
        "We need to work out how many shops still take paper vouchers.",
        "I want to get a sense of how often they deploy.",
        "My question is which parents still get the printed newsletter.",
    ],
)
def test_a_speakers_question_is_an_inquiry(text: str) -> None:
    assert is_inquiry(text)


@pytest.mark.parametrize(
    "text",
    [
        "I wanted to know my data would be safe.",
        "I'd like to keep using the old one.",
        "I didn't want to learn a new tool.",
        "I want a tool that shows me who relies on the API.",
        "We've always done it that way.",
        "What if the migration fails?",
        "People want to know why the old system is slow, and it drives me mad.",
    ],
)
def test_wants_and_forces_are_not_inquiries(text: str) -> None:
    assert not is_inquiry(text)


def test_an_inquiry_is_none_whatever_the_models_say() -> None:
    habitual = [*TINY, ForceExample("i want to understand who still uses the old tool", "habit")]
    clf = EmbeddingForceClassifier(FakeEmbedder(), habitual)
    text = "I want to understand who still uses the old tool."
    probs = clf.probabilities([text])[0]
    assert clf.labels[int(probs.argmax())] == "habit"  # the models alone would call it habit
    decision = clf.classify([text, "we have always done it this way"])
    assert [d.label for d in decision] == ["none", "habit"]
    assert decision[0].confidence == pytest.approx(probs[clf.labels.index("none")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We need to throw out this old one.", True),
        ("I don't want to use this anymore.", True),
        ("Honestly, I’m done with the old spreadsheet.", True),
        ("We're fed up with the booking system double-charging people.", True),
        ("We had to get rid of the old server.", True),
        ("I don't want to use a new tool for this.", False),  # a new tool: anxiety or habit, not a rejection
        ("We need to throw a party for the volunteers.", False),
        ("They were tired after the move.", False),
    ],
)
def test_rejection_of_the_current_thing(text: str, expected: bool) -> None:
    assert is_rejection(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("There haven't been any concerns there.", True),
        ("I guess at ten there would be no risk.", True),
        ("We did it without any real worries.", True),
        ("Wouldn't it be cool if this was a Python thing?", True),  # a question that dreams
        ("If there were any risks with the import, we'd lose it all.", False),
        ("I had no doubt it would break something.", False),
        ("I was worried the new tool would lose our notes.", False),
        ("Would the new system cope with our volumes?", False),
    ],
)
def test_denied_worry(text: str, expected: bool) -> None:
    assert denies_worry(text) is expected


def test_rule_label_applies_the_rules_to_the_ranked_labels() -> None:
    assert rule_label("There haven't been any concerns there.", ["anxiety", "none", "push"]) == "none"
    assert rule_label("There haven't been any concerns there.", ["anxiety", "habit", "none"]) == "habit"
    assert rule_label("I was nervous about the move.", ["anxiety", "none"]) == "anxiety"
    assert rule_label("I don't want to use this anymore.", ["habit", "none"]) == "push"
    assert rule_label("I don't want to use this anymore.", ["none", "habit"]) == "push"
    assert rule_label("I want to understand who still uses the old tool.", ["habit", "none"]) == "none"
    assert rule_label("It kept falling over.", ["push", "none"]) == "push"
    assert rule_label("The old one was fine.", ["habit", "none"]) == "habit"  # habit needs no cue


def test_classify_applies_the_rules_after_the_models() -> None:
    examples = [*TINY, ForceExample("no risk at all", "anxiety"), ForceExample("there is no risk", "anxiety")]
    clf = EmbeddingForceClassifier(FakeEmbedder(), examples)
    text = "There is no risk at all."
    probs = clf.probabilities([text])[0]
    assert clf.labels[int(probs.argmax())] == "anxiety"  # the models alone would call it anxiety
    decision = clf.classify([text])[0]
    assert decision.label != "anxiety"
    assert decision.confidence == pytest.approx(probs[clf.labels.index(decision.label)])


def test_gate_turns_unsure_forces_into_none() -> None:
    assert gate_unsure("anxiety", 0.49, 0.5) == "none"
    assert gate_unsure("anxiety", 0.5, 0.5) == "anxiety"
    assert gate_unsure("push", 0.9, 0.5) == "push"
    assert gate_unsure("none", 0.1, 0.5) == "none"
    assert gate_unsure("habit", 0.01, 0.0) == "habit"  # 0: no gate
    assert MIN_FORCE_CONFIDENCE == 0.0 < GATE_CHOSEN_ON_HELDOUT < 1.0  # off as shipped: see pipelines/forces.py


def test_classify_gates_unsure_forces_but_not_rejections() -> None:
    clf = EmbeddingForceClassifier(FakeEmbedder(), TINY, min_confidence=0.0)
    texts = ["what if the data fails", "we have always done it", "the old tool keeps crashing"]
    ungated = clf.classify(texts)
    assert [d.label for d in ungated] == ["anxiety", "habit", "push"]
    top = max(d.confidence for d in ungated)
    strict = clf.gated(top + 1e-6)  # above every force's probability: all of them become none
    assert strict.min_confidence == pytest.approx(top + 1e-6) and clf.min_confidence == 0.0
    assert [d.label for d in strict.classify(texts)] == ["none"] * 3
    lenient = clf.gated(min(d.confidence for d in ungated))  # at the lowest: all are kept
    assert lenient.classify(texts) == ungated
    # a rejection is push whatever the models say, so no gate drops it
    rejection = "I don't want to use this old tool anymore."
    assert strict.classify([rejection])[0].label == "push"
    # the gated decision's confidence is the probability of none
    gated = strict.classify(texts)[0]
    probs = clf.probabilities(texts[:1])[0]
    assert gated.confidence == pytest.approx(probs[clf.labels.index("none")])


def test_classifier_decides_one_label_per_text() -> None:
    clf = EmbeddingForceClassifier(FakeEmbedder(), TINY)
    texts = ["what if the data fails", "we have always done it", "the old tool keeps crashing", "hello"]
    decisions = clf.classify(texts)
    assert len(decisions) == len(texts)
    assert all(isinstance(d, ForceDecision) and d.label in FORCE_LABELS for d in decisions)
    assert all(0.0 <= d.confidence <= 1.0 for d in decisions)
    assert [d.label for d in decisions[:3]] == ["anxiety", "habit", "push"]
    probs = clf.probabilities(texts)
    assert probs.shape == (4, 5) and np.allclose(probs.sum(axis=1), 1.0)
    assert clf.classify([]) == []


def test_given_vectors_are_used_instead_of_embedding() -> None:
    embedder = FakeEmbedder()
    clf = EmbeddingForceClassifier(embedder, TINY)
    calls = embedder.calls
    texts = ["what if the migration fails", "we signed up in march"]
    vectors = embedder.embed(texts)
    calls += 1
    assert clf.classify(texts, vectors=vectors) == clf.classify(texts)
    assert embedder.calls == calls + 1  # only the call without vectors embedded
    with pytest.raises(ValueError, match="shape"):
        clf.classify(texts, vectors=vectors[:1])


def test_lexical_weight_zero_uses_embeddings_only() -> None:
    clf = EmbeddingForceClassifier(FakeEmbedder(), TINY, lexical_weight=0.0)
    assert clf.probabilities(["what if it fails"]).shape == (1, 5)
    with pytest.raises(ValueError):
        EmbeddingForceClassifier(FakeEmbedder(), TINY, lexical_weight=1.5)
    with pytest.raises(ValueError):
        EmbeddingForceClassifier(FakeEmbedder(), [e for e in TINY if e.force == "push"])


def test_force_classifier_is_cached_per_embedding_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forces_module, "_CLASSIFIERS", {})
    first = force_classifier(FakeEmbedder("a"))
    assert force_classifier(FakeEmbedder("a")) is first  # same model name: trained once
    assert force_classifier(FakeEmbedder("b")) is not first
    assert first.labels == tuple(sorted(FORCE_LABELS))


def test_with_forces_adds_one_signal_spanning_the_stripped_utterance() -> None:
    text = "  It kept crashing, when we deployed. "
    other = Signal("situation", "when we deployed", 20, 36, "when")
    found = _with_forces(Signals(text=text, signals=(other,)), "push")
    force = found.of("push")
    assert len(force) == 1 and force[0].text == "It kept crashing, when we deployed."
    assert text[force[0].start_char : force[0].end_char] == force[0].text
    assert [s.kind for s in found] == ["push", "situation"]  # ordered by position
    assert _with_forces(Signals(text=text, signals=(other,)), "none").signals == (other,)
    assert _with_forces(Signals(text="   "), "push").signals == ()


def test_a_force_signal_keeps_its_confidence_and_counts_per_job_only_when_sure() -> None:
    from pipelines.forces import GATE_CHOSEN_ON_HELDOUT, is_confident_force

    (force,) = _with_forces(Signals(text="It broke every release."), "push", 0.72).signals
    assert force.confidence == 0.72
    assert is_confident_force(0.72) and is_confident_force(GATE_CHOSEN_ON_HELDOUT)
    assert not is_confident_force(0.31)  # unsure
    assert is_confident_force(None)  # stored before probabilities were kept: counted, as it was then
    assert is_confident_force(0.31, 0.0)


@pytest.mark.slow
def test_extract_signals_takes_forces_from_the_classifier() -> None:
    from pipelines.jtbd import extract_signals

    class Always:
        def __init__(self, label: str) -> None:
            self.label = label
            self.seen: list[tuple[list[str], np.ndarray | None]] = []

        def classify(self, texts: Sequence[str], *, vectors: np.ndarray | None = None) -> list[ForceDecision]:
            self.seen.append((list(texts), vectors))
            return [ForceDecision(self.label, 0.75) for _ in texts]  # type: ignore[arg-type]

    texts = ["We've always done it this way.", "", "It's so frustrating when the build breaks."]
    stub = Always("anxiety")
    vectors = np.eye(3, 4, dtype=np.float32)
    found = extract_signals(texts, forces=stub, vectors=vectors)
    assert stub.seen[0][0] == [texts[0], texts[2]]  # empty utterances are not classified
    seen_vectors = stub.seen[0][1]
    assert seen_vectors is not None and np.array_equal(seen_vectors, vectors[[0, 2]])
    assert [(s.text, s.confidence) for s in found[0].of("anxiety")] == [(texts[0], 0.75)]  # stored for the job count
    assert not found[0].of("habit")  # no pattern forces besides the classifier's
    assert found[1].signals == ()
    assert "pain" in found[2].kinds  # the other kinds are unchanged
    assert {s.kind for s in found[2]} & set(FORCE_KINDS) == {"anxiety"}
    none = extract_signals(texts, forces=Always("none"))
    assert all(not set(s.kinds) & set(FORCE_KINDS) for s in none)


# --------------------------------------------------------------------------- real model (slow)

# Sentences of no set that the models may call a force, unsure: with the held-out talk set's sentences, where some
# are called a force under the gate chosen on that set (which ones moves with the installed libraries' numerics).
HOME_ANECDOTE = "My grandmother turned ninety last month and we had the whole family over."
WOULD_IF_MUSING = "It would be funny if the whole thing ended up running on a Raspberry Pi."


@pytest.fixture(scope="session")
def real_classifier() -> EmbeddingForceClassifier:
    """The default classifier over all-MiniLM-L6-v2, trained once for the session."""
    return force_classifier()


@pytest.mark.slow
def test_real_classifier_on_the_development_set(real_classifier: EmbeddingForceClassifier) -> None:
    from sklearn.metrics import f1_score

    dev = load_examples("dev")
    predicted = [d.label for d in real_classifier.classify([e.text for e in dev])]
    macro = f1_score([e.force for e in dev], predicted, average="macro", labels=list(FORCE_LABELS))
    assert macro >= 0.75, f"dev macro-F1 {macro:.3f}"


@pytest.mark.slow
def test_real_classifier_gates_an_unsure_force_to_none(real_classifier: EmbeddingForceClassifier) -> None:
    texts = [e.text for e in load_examples("heldout_talk")] + [HOME_ANECDOTE, WOULD_IF_MUSING]
    ungated = real_classifier.gated(0.0).classify(texts)
    unsure = [
        t for t, d in zip(texts, ungated, strict=True) if d.label != "none" and d.confidence < GATE_CHOSEN_ON_HELDOUT
    ]
    sure = [
        t for t, d in zip(texts, ungated, strict=True) if d.label != "none" and d.confidence >= GATE_CHOSEN_ON_HELDOUT
    ]
    assert unsure and sure  # the models call some sentences a force, unsure, and others sure
    assert all(d.label == "none" for d in real_classifier.gated(GATE_CHOSEN_ON_HELDOUT).classify(unsure))
    assert all(d.label != "none" for d in real_classifier.gated(GATE_CHOSEN_ON_HELDOUT).classify(sure))


@pytest.mark.slow
def test_real_classifier_on_the_held_out_talk_set(real_classifier: EmbeddingForceClassifier) -> None:
    """The set the gate's threshold was chosen on: the gate helps there and leaves few forces on its none sentences."""
    from sklearn.metrics import f1_score

    held = load_examples("heldout_talk")
    texts, truth = [e.text for e in held], [e.force for e in held]
    gated = [d.label for d in real_classifier.gated(GATE_CHOSEN_ON_HELDOUT).classify(texts)]
    ungated = [d.label for d in real_classifier.gated(0.0).classify(texts)]
    macro = {
        name: f1_score(truth, labels, average="macro", labels=list(FORCE_LABELS))
        for name, labels in (("gated", gated), ("ungated", ungated))
    }
    assert macro["gated"] > macro["ungated"], macro
    false = sum(p != "none" for p, t in zip(gated, truth, strict=True) if t == "none")
    assert false <= 0.1 * truth.count("none"), false


@pytest.mark.slow
def test_real_classifier_leaves_interview_narrative_alone(real_classifier: EmbeddingForceClassifier) -> None:
    """Long spoken narrative (how things work, history, roles, musings) is mostly none: few forces on it."""
    talk = load_examples("dev_talk")
    predicted = [d.label for d in real_classifier.classify([e.text for e in talk])]
    narrative = [p for p, e in zip(predicted, talk, strict=True) if e.force == "none"]
    assert sum(p != "none" for p in narrative) <= 0.1 * len(narrative), predicted
    forces = [(p, e.force) for p, e in zip(predicted, talk, strict=True) if e.force != "none"]
    assert sum(p == f for p, f in forces) >= 0.6 * len(forces), forces


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("My neck was sore every single morning.", "push"),
        ("Our tests depended on an external API that went down at random.", "push"),
        ("With the new bank I could set up savings pots for holidays and bills.", "pull"),
        ("What if the delivery slot is missed and I'm out anyway?", "anxiety"),
        ("Returning a mattress sounded like a huge hassle if it didn't work out.", "anxiety"),
        ("I've been with that building society since my first paper round.", "habit"),
        ("Our old host has been reliable enough that moving never came up.", "habit"),
        ("We went live in the second week of June.", "none"),
        ("Can you just repeat the last bit?", "none"),
        # seen on real interviews: a goal read as habit, small talk read as push (issue 11)
        ("I want to understand who relies on the old API.", "none"),
        ("The weather was nice that week.", "none"),
        # from forces_dev_talk.jsonl: goals, small talk, musings, fragments, and spoken forces beside them
        ("I'd like to know which shops still take the old paper vouchers.", "none"),
        ("I've had a stinking cold all week, so forgive the voice.", "none"),
        ("My first job out of college was doing support for a payroll vendor.", "none"),
        ("I don't know, honestly.", "none"),
        ("That could be, yeah.", "none"),
        ("She's always been the one who organises the summer party.", "none"),
        ("And the club was getting bigger every year.", "none"),
        ("It kept falling over.", "push"),
        ("The new one was just so much faster.", "pull"),
        ("I was scared of losing the lot.", "anxiety"),
        ("We'd always done it that way.", "habit"),
        # issue 11, third round: denied worry is none, the speaker's rejection of the current thing is push
        ("There's no risk there, we'd just switch it back.", "none"),
        ("Honestly, I'm done with the old spreadsheet.", "push"),
        ("We don't want to keep this setup any longer than we have to.", "push"),
        ("I wasn't sure the new scheduler would cope with our weekend shifts.", "anxiety"),
        # issue 11, fourth round (forces_heldout_talk.jsonl): a would/if musing and a home anecdote are none
        ("I suppose if I had more time I would probably write more documentation.", "none"),
        ("We went camping in Wales and it rained every single day.", "none"),
    ],
)
def test_real_classifier_on_dev_sentences(real_classifier: EmbeddingForceClassifier, text: str, label: str) -> None:
    assert real_classifier.classify([text])[0].label == label
