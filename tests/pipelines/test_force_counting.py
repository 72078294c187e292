"""Which stored forces a job counts: per-force gates, and anxiety/habit only where the sentence voices them."""

from __future__ import annotations

import pytest

from pipelines.force_counting import (
    COUNT_GATES,
    SHIPPED,
    CountRule,
    in_first_person,
    one_gate,
    voices_attachment,
    voices_pain,
    voices_worry,
)


@pytest.mark.parametrize(
    "text",
    [
        "I was nervous the new billing tool would double-charge our members.",
        "We didn't know whether the new portal would keep our old invoices.",
        "Nobody could tell us how the courier would handle fragile parcels.",
        "Would the new router cope with the guest network?",
        "Moving the shop online might break every saved basket we have.",
        "What if the caterer cancels the week before the wedding?",
        "We'd be stuck with a three-year lease and no way out.",
    ],
)
def test_worry_about_the_new_is_voiced(text: str) -> None:
    assert voices_worry(text)


@pytest.mark.parametrize(
    "text",
    [
        "If the meeting ran late, I would just take the later train.",
        "I feel like if I left tomorrow, the shop would carry on fine.",
        "We wouldn't have the customers we do without the market stall.",
        "At that point the club didn't even have a website.",
        "And then we get annoyed when the printer jams.",
    ],
)
def test_a_bare_conditional_or_a_story_voices_no_worry(text: str) -> None:
    assert not voices_worry(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm so used to the paper timesheet that I fill it in half asleep.",
        "We've always printed the menus ourselves.",
        "My aunt has bought her bread from that baker for twenty years.",
        "Nobody on the front desk wants to switch to the new booking screen.",
        "The caretaker knows the old boiler inside out.",
        "We kept using the shared calendar because everyone was comfortable with it.",
    ],
)
def test_attachment_to_the_present_way_is_voiced(text: str) -> None:
    assert voices_attachment(text)


@pytest.mark.parametrize(
    "text",
    [
        "That grant was used to pay for the new roof.",  # a thing put to a use, not a habit
        "They didn't want to move forward with the merger.",  # progress refused, not the present way kept
        "I used it twice last spring.",
        "It's a lot quieter than it used to be.",
        "The new van arrived on Tuesday.",
    ],
)
def test_history_and_uses_voice_no_attachment(text: str) -> None:
    assert not voices_attachment(text)


@pytest.mark.parametrize(
    "text",
    [
        "The till crashed twice every Saturday and we lost the morning's sales.",  # it fails
        "The old laptop was so slow that I gave up on video calls.",  # it costs time, I gave up
        "We were paying a fortune for a van we barely used.",  # it costs money
        "Nobody knew how the heating controls worked, so we froze all winter.",  # it blocks
        "And that's what drove me mad about the old rota.",  # it frustrates
        "I had to ring the supplier every Monday to chase the order.",  # someone must
        "There was basically no manual for the machine.",  # it is missing
        "The price went up again in March.",  # it costs more
        "We're sick of the parking app logging us out.",
    ],
)
def test_the_current_way_hurting_is_a_pain(text: str) -> None:
    assert voices_pain(text)


@pytest.mark.parametrize(
    "text",
    [
        "Because most of the orders weren't coming through the website anymore.",  # a reason, nothing hurts
        "Because you're not running a shop.",
        "And she got tired of me phoning her, and gave me a key to the hall.",  # someone tired of the speaker
        "And nobody stopped me.",
        "The parcels still had to arrive on Fridays.",  # a thing required, nobody must
        "I was getting paid to run the club's accounts.",
    ],
)
def test_a_reason_or_a_story_voices_no_pain(text: str) -> None:
    assert not voices_pain(text)


def test_first_person() -> None:
    assert in_first_person("We’d rather keep the van.") and in_first_person("It worried me.")
    assert not in_first_person("The council changed the bins.")


def test_shipped_rule_gates_each_force_and_needs_a_cue_for_anxiety_and_habit() -> None:
    worry = "I was worried the new till would lose the day's takings."
    story = "If it rained, I would just take the bus."
    attached = "We've always done the rota on the whiteboard."
    assert SHIPPED.counts(kind="anxiety", confidence=COUNT_GATES["anxiety"], text=worry)
    assert not SHIPPED.counts(kind="anxiety", confidence=0.95, text=story)  # sure, but no worry said
    assert not SHIPPED.counts(kind="anxiety", confidence=COUNT_GATES["anxiety"] - 0.01, text=worry)  # unsure
    assert SHIPPED.counts(kind="habit", confidence=0.9, text=attached)
    assert not SHIPPED.counts(kind="habit", confidence=0.9, text=story)
    # push needs a pain, pull only its gate
    pain = "The van broke down on the way to every market."
    assert SHIPPED.counts(kind="push", confidence=COUNT_GATES["push"], text=pain)
    assert not SHIPPED.counts(kind="push", confidence=0.95, text=story)  # sure, but nothing hurts
    assert not SHIPPED.counts(kind="push", confidence=COUNT_GATES["push"] - 0.01, text=pain)
    assert SHIPPED.counts(kind="pull", confidence=COUNT_GATES["pull"], text=story)
    assert not SHIPPED.counts(kind="pull", confidence=COUNT_GATES["pull"] - 0.01, text=story)
    # the speaker turning against the current thing is push by rule, whatever the models' probability
    assert SHIPPED.counts(kind="push", confidence=0.02, text="We don't want to use that booking app anymore.")
    assert not CountRule(push_cue=False).counts(kind="push", confidence=0.02, text="I'm fed up with the old van.")
    # stored before confidences were kept: the gate lets it through, the cue still reads the sentence
    assert SHIPPED.counts(kind="anxiety", confidence=None, text=worry)
    assert not SHIPPED.counts(kind="habit", confidence=None, text=story)


def test_other_rules_for_measuring() -> None:
    story = "If it rained, she would just take the bus."
    assert one_gate(0.0).counts(kind="anxiety", confidence=0.01, text=story)  # every stored force
    assert not one_gate(0.5).counts(kind="anxiety", confidence=0.45, text=story)
    assert one_gate(0.5).counts(kind="habit", confidence=0.5, text=story)  # no cues before
    assert one_gate(0.5).counts(kind="push", confidence=0.5, text=story)
    third = CountRule(first_person=True)
    assert not third.counts(kind="push", confidence=0.9, text="The council keeps losing the forms.")
    assert third.counts(kind="push", confidence=0.9, text="They keep losing our forms.")
