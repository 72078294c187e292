"""Phrase identity: framing words, punctuation, case and inflection do not make a new phrase."""

import json
from pathlib import Path

import numpy as np
import pytest

from pipelines.phrasing import (
    FAMILY_SIMILARITY,
    LINE,
    PAIR_OTHER_CLAIM_SIMILARITY,
    PAIR_OTHER_KIND_SIMILARITY,
    PAIR_SAME_CLAIM_SIMILARITY,
    PAIR_SHARED_CLAIM_SIMILARITY,
    PAIR_SIMILARITY,
    PAIR_SPECIFIC_CLAIM_SIMILARITY,
    Clause,
    FamilyMember,
    assign_families,
    choose_wording,
    claim_form,
    claim_words,
    join_floor,
    judging_claim,
    key_hash,
    liftable_flags,
    pair_needs,
    person_key,
    phrase_key,
    quotable_flags,
    quote_score,
    specificity,
)

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    "a,b",
    [
        ("PyPI goes down", "if PyPI goes down"),
        ("PyPI goes down", "as PyPI goes down,"),
        ("making it easier to maintain", "Making it easier to maintain, basically"),
        ("I’m happy to reach out", "I'm happy to reach out"),
        ("the cards arrived", "The card arrives!"),
    ],
)
def test_same_phrase(a: str, b: str) -> None:
    assert phrase_key(a) == phrase_key(b)


@pytest.mark.parametrize(
    "a,b",
    [("PyPI goes down", "PyPI stays up"), ("save time", "save money"), ("it broke", "we broke it")],
)
def test_different_phrases(a: str, b: str) -> None:
    assert phrase_key(a) != phrase_key(b)


def test_a_phrase_of_framing_words_only_still_has_a_key() -> None:
    assert phrase_key("so, basically") == "so, basically"
    assert len(phrase_key("word " * 500)) == 1000


def test_a_named_speaker_is_one_person_across_interviews_an_unnamed_label_is_not() -> None:
    assert person_key("Nick", "NICK", 1) == person_key("NICK", "NICK", 2) == person_key(" nick ", "N", 3)
    assert person_key("Nick", "NICK", 1) != person_key("Donald", "DONALD", 1)
    assert person_key("SPEAKER_01", "SPEAKER_01", 1) != person_key("SPEAKER_01", "SPEAKER_01", 2)
    assert person_key(None, "Speaker 2", 4) == person_key("Speaker 2", "Speaker 2", 4)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("I hate to do my own sort of fork and my own private thing for work", True),
        ("We can ship things more confidently", True),
        ("be happy", False),  # under four words
        ("Amazing", False),
        ("during that time of the year", False),  # no verb
        ("If you do that every single week", False),  # a condition, not a line
        ("maybe it works for most of the users", False),  # hedged
        ("how do we know who uses the API?", False),  # a question
        ("Which to me is a huge success", False),  # a judgement of something said before: what succeeded?
        ("That was really great for us", False),
        ("it was a huge success for the PSF", True),  # says what
        ("It was constantly breaking", True),  # 'it' is the product, and breaking is what it did
    ],
)
@pytest.mark.slow
def test_quotable(text: str, ok: bool) -> None:
    assert quotable_flags([text]) == [ok]


def test_specific_lines_outrank_vague_ones() -> None:
    assert specificity("I hate to do my own sort of fork and my own private thing for work") > specificity(
        "Now they are starting to be aware of this"
    )
    assert specificity("PyPI serves 90% of downloads from the Fastly CDN") > specificity("it serves most of the stuff")
    long = " ".join(["maintainers review patches"] * 15)
    assert specificity(long) < specificity("maintainers review patches every week")


@pytest.mark.parametrize(
    ("vivid", "vague"),
    [
        # A line that leans on what came before: a pointing subject, or no subject at all.
        ("We serve terabytes of traffic from one rented server", "that is difficult to do cheaply"),
        ("The mattress sagged in the middle within a month", "making it easier to maintain"),
        ("the old bed gave me a backache every morning", "this was getting more comfortable regularly"),
        # Only judgements and abstractions, against things a reader can picture.
        ("People suffer a lot of burnout", "the trade-offs generally become the overhead and the planning"),
        ("my card got declined at the petrol station", "the situation became a significant problem overall"),
        # Light verbs and contractions carry nothing; a short vivid line beats a long abstract one.
        ("It was constantly breaking", "we're getting more sustainability and better management"),
        ("There were a lot of regular outages", "it's been a good improvement in terms of the process"),
    ],
)
def test_lines_a_copywriter_would_lift_outrank_vague_ones(vivid: str, vague: str) -> None:
    assert specificity(vivid) > specificity(vague)


def test_a_line_is_specific_through_its_words_not_its_length() -> None:
    short = "Uploads failed every night"
    padded = "we had uploads that failed every night and the mirrors that broke down while the builds kept timing out"
    assert specificity(padded) - specificity(short) < 3  # twice the concrete words, not twice the score
    assert specificity("we’re able to keep it running") == specificity("we're able to keep it running")


def _unit(*values: float) -> np.ndarray:
    v = np.asarray(values, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_a_clause_joins_its_exact_key_then_the_nearest_centroid_of_its_kind_else_founds_a_family() -> None:
    members = [FamilyMember(7, "pain", _unit(1, 0, 0)), FamilyMember(7, "pain", _unit(1, 0.2, 0))]
    known = {("pain", "it break"): 9}
    clauses = [
        Clause("pain", "it break", _unit(0, 0, 1)),  # exact key wins over likeness
        Clause("pain", "constant break", _unit(0.9, 0.1, 0.1)),  # like family 7's centroid
        Clause("success", "work well", _unit(1, 0, 0)),  # another kind never joins a pain family
        Clause("pain", "slow build", _unit(0, 1, 0)),  # like nothing: founds its own
        Clause("pain", "slow build", None),  # the same key again joins the family just founded
        Clause("pain", "very slow build", _unit(0.05, 1, 0)),  # like the new family's centroid
    ]
    assert assign_families(clauses, members, known) == [
        9,
        7,
        ("success", "work well"),
        ("pain", "slow build"),
        ("pain", "slow build"),
        ("pain", "slow build"),
    ]
    assert assign_families(clauses, members, known) == assign_families(clauses, members, known)  # deterministic


def test_a_family_does_not_drift_one_near_neighbour_at_a_time() -> None:
    # Each clause is 0.9-alike to the previous one, but the chain walks away from where the family began:
    # against the centroid, the far end founds its own family (nearest-member linking would chain them all).
    angles = np.radians([0, 25, 50, 75, 100])
    clauses = [Clause("pain", f"k{i}", _unit(np.cos(a), np.sin(a))) for i, a in enumerate(angles)]
    families = assign_families(clauses, [], {}, threshold=0.85)
    assert families[1] == families[0] and families[-1] != families[0]


def test_a_family_of_one_clause_takes_a_second_only_when_it_is_closer_than_a_family_needs() -> None:
    # 0.45 alike: enough to join a family of two (its centroid), not to pair with a lone clause.
    lone = [FamilyMember(1, "success", _unit(1, 0))]
    pair = [FamilyMember(2, "success", _unit(1, 0.3)), FamilyMember(2, "success", _unit(1, -0.3))]
    near = Clause("success", "k", _unit(0.45, np.sqrt(1 - 0.45**2)))
    assert assign_families([near], lone, {}) == [("success", "k")]
    assert assign_families([near], pair, {}) == [2]
    closer = Clause("success", "k2", _unit(0.55, np.sqrt(1 - 0.55**2)))
    assert assign_families([closer], lone, {}) == [1]
    assert assign_families([near], lone, {}, pair_threshold=0.4) == [1]


def test_the_shown_wording_is_the_most_used_then_the_most_typical_readable_one() -> None:
    texts = [
        "There were a lot of regular outages",
        "you can find a workaround to avoid the bit that's broken",
        "outages",
    ]
    vectors = [_unit(1, 0.1), _unit(0.2, 1), _unit(1, 0)]
    assert choose_wording(texts, vectors) == 0  # closest to the centroid and a line's length
    assert choose_wording([*texts, texts[1]], [*vectors, vectors[1]]) == 1  # said twice
    assert choose_wording(["a b c d e", "a b c d e f g"], [None, None]) in (0, 1)
    assert quote_score("outages") < quote_score("There were a lot of regular outages")


def test_a_liftable_line_is_shown_before_a_more_used_one_then_the_one_more_people_said() -> None:
    texts = [
        "uploads to the new one were much more reliable",
        "uploads to the new one were much more reliable",
        "overall the service has been far more reliable",
        "the mirror has been far more reliable",
    ]
    vectors = [_unit(1, 0), _unit(1, 0), _unit(0.8, 0.6), _unit(0.8, 0.6)]
    lift = [False, False, True, True]
    assert choose_wording(texts, vectors) == 0  # said twice
    assert choose_wording(texts, vectors, liftable=lift) == 2
    assert choose_wording(texts, vectors, liftable=lift, people=[1, 1, 1, 2]) == 3
    assert choose_wording(texts, vectors, liftable=[False] * 4) == 0  # none liftable: as before


def test_liftable_lines_of_the_labelled_set() -> None:
    """44 lines of our own (invented, none from the reference or the held-out paraphrases), labelled as a
    copywriter would before the rule was run on them."""
    rows = [json.loads(line) for line in (DATA / "liftable_lines.jsonl").read_text().splitlines()]
    flags = liftable_flags([row["text"] for row in rows])
    right = [flag == row["liftable"] for flag, row in zip(flags, rows, strict=True)]
    assert sum(right) / len(rows) >= 0.9, [row["text"] for row, ok in zip(rows, right, strict=True) if not ok]
    # Every kind of line that cannot be lifted is caught at least once.
    caught = {row["why"] for row, flag in zip(rows, flags, strict=True) if not row["liftable"] and not flag}
    assert caught == {row["why"] for row in rows if not row["liftable"]}


@pytest.mark.parametrize(
    "line,ok",
    [
        ("it's hard to find volunteers for the mirror", True),  # "it" stands for the clause after it
        ("it adds up to be costly in time", False),  # "it" is the thing that costs, said before
        ("any change we made broke the build every time we deployed", True),
        ('And we were like, "oh, nobody downloads those packages".', False),  # words put in someone's mouth
        ("nobody could afford that", False),  # a demonstrative object
        ("the tool that we use every day is finally fast", True),  # a relative "that" points inside the line
        ("all of that has helped the maintainers", False),
        ("one of the maintainers answered within an hour", True),
    ],
)
def test_liftable_rules(line: str, ok: bool) -> None:
    assert liftable_flags([line]) == [ok]


def test_member_keys_are_stored_as_digests() -> None:
    digest = key_hash(phrase_key("Jane Doe at 12 Main Street keeps breaking"))
    assert (
        len(digest) == 64
        and "jane" not in digest
        and digest == key_hash(phrase_key("jane doe at 12 main street keeps breaking"))
    )


def test_a_lone_clause_pairs_on_a_shared_claim_not_on_a_shared_topic_word() -> None:
    reliable, uploads, funding = claim_words(
        [
            "overall the service has been far more reliable",
            "uploads to the new one were much more reliable",
            "it makes it easier to seek funding to improve Warehouse",
        ]
    )
    assert reliable & uploads and not reliable & funding
    assert claim_words(["making it easier to maintain"])[0] & claim_words(["the more maintainable it becomes"])[0]
    lone = [FamilyMember(1, "success", _unit(1, 0), claim=reliable)]
    near = _unit(1, 1.7)  # 0.51 alike
    assert assign_families([Clause("success", "b", near, claim=uploads)], lone, {}) == [1]
    assert assign_families([Clause("success", "c", near, claim=funding)], lone, {}) == [("success", "c")]
    # Its predicate ("seek funding") says something else than "reliable": 0.64 alike is not enough, 0.89 is.
    assert assign_families([Clause("success", "c", _unit(1, 1.2), claim=funding)], lone, {}) == [("success", "c")]
    assert assign_families([Clause("success", "c", _unit(1, 0.5), claim=funding)], lone, {}) == [1]
    assert assign_families([Clause("success", "d", near)], lone, {}) == [1]  # claim unknown: PAIR_SIMILARITY


def test_a_family_of_two_takes_a_clause_near_its_centroid_only_when_it_pairs_with_a_member() -> None:
    # The centroid of two members 90 degrees apart is 0.71 alike to each; a clause between them is 0.5 alike to
    # the centroid (past FAMILY_SIMILARITY) but only 0.35 alike to either member: it shares the family's mean,
    # not what any customer said, so it founds its own family (under the centroid rule alone it joined).
    family = [FamilyMember(3, "pain", _unit(1, 0, 0)), FamilyMember(3, "pain", _unit(0, 1, 0))]
    between = Clause("pain", "k", _unit(0.35, 0.35, np.sqrt(1 - 2 * 0.35**2)))
    assert assign_families([between], family, {}) == [("pain", "k")]
    near_one = Clause("pain", "k2", _unit(0.6, 0.3, np.sqrt(1 - 0.6**2 - 0.3**2)))  # 0.6 alike to a member
    assert assign_families([near_one], family, {}) == [3]


def _said(claim: frozenset[str]) -> frozenset[str]:
    """A claim without the line's own words (LINE), which name its subject too."""
    return frozenset(w for w in claim if not w.startswith(LINE))


def test_a_claim_leaves_out_the_subject_and_counts_the_nouns_of_the_predicate() -> None:
    cover, sustainable, overhead, amount = claim_words(
        [
            "part of being sustainable is being able to cover sort of any ongoing operating cost",
            "it's getting more sustainable regularly",
            "it adds more overhead to the project",
            "there's a decent amount of overhead to it",
        ]
    )
    assert not _said(cover) & _said(sustainable)  # "sustainable" is what the first line is about, not what it says
    assert "cost" in cover and overhead & amount


def test_the_shown_wording_is_one_a_copywriter_can_lift_when_the_family_has_one() -> None:
    long = (
        "the specific project we had in mind when we started was finally getting the legacy PyPI replaced by the "
        "new one"
    )
    texts = [long, "There have been a lot of improvements to PyPI's maintainability"]
    assert choose_wording(texts, [_unit(1, 0), _unit(0.3, 1)]) == 1  # the long one is the more typical
    assert choose_wording([long], [_unit(1, 0)]) == 0


def test_near_forms_and_a_verb_with_its_particle_claim_one_thing() -> None:
    burnout, burning, outages, outage, maintain, maintenance = claim_words(
        [
            "People suffer a lot of burnout",
            "both just clearly heading towards burning out completely",
            "There were a lot of regular outages",
            "I even encountered an outage",
            "making it easier to maintain",
            "all of that really has helped just in the maintenance",
        ]
    )
    assert burnout & burning and outages & outage and maintain & maintenance
    assert claim_form("reliability") == claim_form("reliable") == claim_form("reliably")
    assert claim_form("impactful") == claim_form("impact") and claim_form("awful") != claim_form("aw")
    assert judging_claim(claim_form("easier")) and judging_claim(claim_form("improvements"))
    assert not judging_claim(claim_form("outages")) and not judging_claim(claim_form("sustainability"))


def test_a_shared_specific_claim_pairs_lower_than_a_shared_judgement() -> None:
    # Two lines that claim the same concrete thing ("breaking") pair at PAIR_SPECIFIC_CLAIM_SIMILARITY; two that
    # share only a judging word ("easier") need PAIR_SHARED_CLAIM_SIMILARITY.
    broke, breaking, easier, easy = claim_words(
        [
            "any change we made broke things every time we deployed",
            "It was constantly breaking",
            "it was easier to run",
            "it makes it easier to fund",
        ]
    )
    assert broke & breaking and easier & easy and not broke & easy
    sim = (PAIR_SPECIFIC_CLAIM_SIMILARITY + PAIR_SHARED_CLAIM_SIMILARITY) / 2
    near = _unit(sim, np.sqrt(1 - sim**2))
    assert assign_families(
        [Clause("pain", "b", near, claim=breaking)], [FamilyMember(1, "pain", _unit(1, 0), claim=broke)], {}
    ) == [1]
    assert assign_families(
        [Clause("pain", "e", near, claim=easy)], [FamilyMember(1, "pain", _unit(1, 0), claim=easier)], {}
    ) == [("pain", "e")]


def test_a_word_said_in_an_aside_or_a_second_clause_pairs_only_as_a_shared_claim() -> None:
    pathway, engage, stayed, worked, broke, breaking = claim_words(
        [
            "they had one person, a single point of failure, with no clear pathway to engage the community",
            "it's generally difficult to engage with people who aren't part of the core Python community",
            "every single one of those people stayed on and continued to work on things after the contract ended",
            "people's installs still worked most of the time",
            "any change we made broke things every time we deployed",
            "It was constantly breaking",
        ]
    )
    assert pathway & engage and stayed & worked
    assert pair_needs(stayed, worked) == PAIR_SHARED_CLAIM_SIMILARITY
    assert pair_needs(pathway, engage) == PAIR_OTHER_KIND_SIMILARITY  # "the core Python community" is one kind
    assert pair_needs(broke, breaking) == PAIR_SPECIFIC_CLAIM_SIMILARITY < PAIR_SHARED_CLAIM_SIMILARITY
    assert (
        pair_needs(broke, None) == PAIR_SIMILARITY
        and pair_needs(frozenset(), frozenset({"x"})) == PAIR_OTHER_CLAIM_SIMILARITY
    )


def test_lines_that_claim_the_same_with_subjects_alike_pair_lowest() -> None:
    # Short lines whose whole claim is one concrete predicate are as alike as lines about different things (their
    # vectors weigh the subjects): one that claims all the other claims pairs at PAIR_SAME_CLAIM_SIMILARITY, when
    # the subjects of both are people or both are not ("I still work on it" is labour, "installs still worked" is
    # a service that functions).
    uploads, installs, tomorrow, labour, trusted, trust, generous = claim_words(
        [
            "uploads and downloads continued to work",
            "people's installs still worked most of the time",
            "this thing still works tomorrow",
            "I still work on it in my spare time",
            "the core developers trusted me",
            "people started to trust my judgment more",
            "the sponsors have been really generous",
        ]
    )
    assert _said(uploads) == _said(installs) and _said(tomorrow) > _said(installs) and _said(labour) > _said(installs)
    assert pair_needs(uploads, installs) == pair_needs(tomorrow, installs) == PAIR_SAME_CLAIM_SIMILARITY
    assert pair_needs(trusted, trust) == PAIR_SAME_CLAIM_SIMILARITY
    assert pair_needs(labour, installs) == PAIR_SPECIFIC_CLAIM_SIMILARITY  # a person works, a service works
    assert pair_needs(generous, installs) == PAIR_OTHER_KIND_SIMILARITY  # two predicates, two claims
    assert pair_needs(uploads, installs, lines=False) == PAIR_SPECIFIC_CLAIM_SIMILARITY  # forces: not lines


def test_a_line_that_claims_the_same_joins_below_the_family_threshold_only_for_success_and_pain() -> None:
    # The centroid of a one-clause family is its member; below FAMILY_SIMILARITY only the same-claim pair lets a
    # line join, and only a success or pain line (a force is a whole sentence, vague claims and all).
    uploads, installs, labour = claim_words(
        [
            "uploads and downloads continued to work",
            "people's installs still worked most of the time",
            "I still work on it in my spare time",
        ]
    )
    sim = (PAIR_SAME_CLAIM_SIMILARITY + FAMILY_SIMILARITY) / 2
    near = _unit(sim, np.sqrt(1 - sim**2))
    for kind, joins in (("success", True), ("pain", True), ("habit", False)):
        lone = [FamilyMember(1, kind, _unit(1, 0), claim=uploads)]
        placed = assign_families([Clause(kind, "i", near, claim=installs)], lone, {})
        assert placed == ([1] if joins else [(kind, "i")])
    lone = [FamilyMember(1, "success", _unit(1, 0), claim=uploads)]
    assert assign_families([Clause("success", "w", near, claim=labour)], lone, {}) == [("success", "w")]
    below = _unit(PAIR_SAME_CLAIM_SIMILARITY - 0.02, np.sqrt(1 - (PAIR_SAME_CLAIM_SIMILARITY - 0.02) ** 2))
    assert assign_families([Clause("success", "i", below, claim=installs)], lone, {}) == [("success", "i")]
    assert join_floor("success") == join_floor("pain") == PAIR_SAME_CLAIM_SIMILARITY < FAMILY_SIMILARITY
    assert join_floor("habit") == FAMILY_SIMILARITY


def test_the_shown_wording_is_the_line_most_of_its_family_pairs_with() -> None:
    texts = [
        "Whenever people install your project, it breaks things",
        "It was constantly breaking",
        "there were problems every time we deployed",
        "that broke things unexpectedly",
        "It broke a very prominent IDE",
    ]
    claims = [
        frozenset({"^break", "break", "install", "project", "=break"}),
        frozenset({"^break", "break", "^constantly", "constantly", "=break", "=constantly"}),
        frozenset({"problem", "deploy", "=problem", "=deploy"}),
        frozenset({"^break", "break", "^unexpectedly", "unexpectedly", "=break", "=unexpectedly"}),
        frozenset({"^break", "break", "^prominent", "prominent", "=break", "=prominent", "=ide"}),
    ]
    # The first is the most typical (0.59 alike the deploy line, too little for lines claiming different things);
    # the second pairs with all four others.
    vectors = [_unit(1, 4, 3), _unit(0, 3, 3), _unit(0, 0, 1), _unit(0, 2, 2), _unit(3, 2, 2)]
    assert choose_wording(texts, vectors) == 0
    assert choose_wording(texts, vectors, claims) == 1
    assert choose_wording(texts, vectors, [None] * len(texts)) == 0  # claims unknown: by similarity alone, as before


@pytest.mark.slow
def test_a_shared_noun_of_another_kind_is_another_thing() -> None:
    service, power, power_again, home, verb, noun = claim_words(
        [
            "There were a lot of regular outages",
            "there are power outages that happen regularly",
            "I had a power outage the other day",
            "the storm caused an outage at home",
            "making it easier to maintain",
            "all of that really has helped just in the maintenance",
        ]
    )
    assert pair_needs(service, power) == PAIR_OTHER_KIND_SIMILARITY  # a power outage is not a service outage
    assert pair_needs(power, power_again) < PAIR_OTHER_KIND_SIMILARITY  # the same kind
    assert pair_needs(service, home) < PAIR_OTHER_KIND_SIMILARITY  # no kind named on either: the words decide
    assert pair_needs(verb, noun) < PAIR_OTHER_KIND_SIMILARITY  # a verb names no kind


@pytest.mark.slow
def test_a_framing_verb_leaves_the_claim_to_its_complement() -> None:
    # "I remember", "I think", "we made sure", "going to make sure" wrap what a line claims: the claim, and whether
    # its subject is a person, are the complement's.
    sure, kept, framed, bare, thought, plain, quit, quitting = claim_words(
        [
            "we made sure that the nightly backups kept running",
            "the nightly backups kept running",
            "I remember the billing page went down",
            "the billing page went down",
            "I think the new dashboard is far faster",
            "the new dashboard is far faster",
            "I know we were going to quit",
            "we quit",
        ]
    )
    assert sure == kept and framed == bare and thought == plain
    assert pair_needs(sure, kept) == pair_needs(framed, bare) == PAIR_SAME_CLAIM_SIMILARITY
    assert "@person" not in sure and "@person" in quit and quit == quitting  # "going to" is a tense, not a frame
    # A verb that is not a frame keeps its own claim: wanting is not having.
    wanted, had = claim_words(["we wanted the backups to keep running", "the backups kept running"])
    assert wanted != had


@pytest.mark.slow
def test_lines_whose_predicates_say_different_things_need_to_be_near_identical() -> None:
    # One subject, two claims: "more efficient" is not "more reliable", signing up is not logging in. A predicate said
    # elsewhere in the other line (its subject, its object) is the same claim in other words; one said only in a
    # condition ("when it's broken") is not what that line claims.
    efficient, reliable, sign_up, log_in, fragile, sustainable, painful, pain, mad, breaking = claim_words(
        [
            "the new service is a little bit more efficient",
            "overall the service has been far more reliable",
            "I can't sign up",
            "you can't log in",
            "the sustainability feels fairly fragile",
            "we're not sustainable at this current juncture",
            "it's painful for them",
            "it still caused them a dramatic amount of pain",
            "when it's broken, people get really mad",
            "It was constantly breaking",
        ]
    )
    assert pair_needs(efficient, reliable) == pair_needs(sign_up, log_in) == PAIR_OTHER_KIND_SIMILARITY
    assert pair_needs(mad, breaking) == PAIR_OTHER_KIND_SIMILARITY
    assert pair_needs(fragile, sustainable) == PAIR_OTHER_CLAIM_SIMILARITY
    assert pair_needs(painful, pain) == PAIR_SHARED_CLAIM_SIMILARITY
    assert pair_needs(efficient, reliable, lines=False) == PAIR_OTHER_CLAIM_SIMILARITY  # forces: as before
