"""Success and pain lines a copywriter can lift, on sentences written for these rules (not from the benchmark data).

Each rule comes with cases it must take and cases it must still refuse: the quotable checks (>= 4 words, a verb,
not hedged, a success not negated) stay.
"""

from __future__ import annotations

import pytest

from pipelines.jtbd import extract_signals, straighten

pytestmark = pytest.mark.slow


def _texts(text: str, kind: str) -> list[str]:
    return [s.text for s in extract_signals([text], forces="patterns")[0].of(kind)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "text", "quote"),
    [
        # A typographic apostrophe parses like a straight one; the line keeps the speaker's spelling.
        ("pain", "When the booking site is down, the nurses can’t work.", "the nurses can’t work"),
        ("pain", "And honestly the old till isn’t a priority for anyone.", "the old till isn’t a priority"),
        # A sentence of its own opened by "which" about what was just said.
        ("success", "Which to me is a huge success.", "Which to me is a huge success"),
        ("success", "Which, for the bakery, was a big win.", "Which, for the bakery, was a big win"),
        # Struggles said as fear of acting, or as work that is never first.
        ("pain", "It’s really scary to touch the payroll scripts.", "It’s really scary to touch the payroll scripts"),
        ("pain", "Honestly it was risky to upgrade the database on a Friday.", "it was risky to upgrade the database"),
        ("pain", "Cleaning the freezer is never a priority for the morning crew.", "is never a priority for the"),
        ("pain", "Sadly the documentation has always been a low priority.", "the documentation has always been a low"),
        ("pain", "Our website redesign got put on the back burner again.", "Our website redesign got put on the back"),
        # A second verb joined by "and" with the same subject is the point of the line; too long, the first stays.
        ("pain", "The nurses can't log in and see the rota.", "The nurses can't log in and see the rota"),
        (
            "success",
            "Now I can open the dashboard on Friday and see which orders are still waiting for stock.",
            "Now I can open the dashboard on Friday and see which orders are still waiting for stock",
        ),
        (
            "pain",
            "The nurses can't log in and see the rota for the whole of the next month across all of the wards.",
            "The nurses can't log in",
        ),
        # An inability that follows its condition comes with the condition, not the clause before it.
        (
            "pain",
            "We have no backup line, and if the oven breaks, the cooks can't bake anything.",
            "if the oven breaks, the cooks can't bake anything",
        ),
        # A cue in a relative clause brings the clause that names what it is about.
        ("pain", "I know a few bakers who are really frustrated with the new ovens.", "I know a few bakers who are"),
        (
            "pain",
            "However, the only vans we sold were vans that kept breaking down on the motorway.",
            "the only vans we sold were vans that kept breaking down on the motorway",
        ),
        # A few words in quotation marks used as a modifier are the speaker's own (scare quotes).
        (
            "success",
            "Again, that's the “keep things running” kind of budget.",
            "that's the “keep things running” kind of budget",
        ),
        # "right" ends a tag, not a line that says it ("hard to get right").
        ("pain", "It's something that is hard to get right, and costly.", "It's something that is hard to get right"),
        # A leading frame without a comma goes when the subject follows it.
        ("success", "After the move the site was far more reliable.", "the site was far more reliable"),
        ("pain", "Before lunch we always struggle with the orders.", "we always struggle with the orders"),
        ("success", "And now we’re able to bake twice as much bread.", "now we’re able to bake twice as much bread"),
        # A closing tag question checks, it does not ask: the statement before it is the line.
        (
            "pain",
            "So at that stage it's pretty dangerous to change the menu system, right?",
            "it's pretty dangerous to change the menu system",
        ),
        ("pain", "The printer keeps breaking every week, you know?", "The printer keeps breaking every week"),
        ("success", "The new scheduler has been a huge help, isn't it?", "The new scheduler has been a huge help"),
        # What someone makes sure of is quoted with "make sure", not as if it had happened.
        (
            "success",
            "The team is going to make sure the bakery still works next week.",
            "make sure the bakery still works next week",
        ),
        # What the struggle took comes back.
        ("success", "My nights and Sundays can go back to being mine.", "My nights and Sundays can go back to being"),
        ("success", "After the refit the crew got back to baking every day.", "the crew got back to baking every day"),
        ("success", "Since the new rota we finally have our weekends back.", "we finally have our weekends back"),
        # A change made more gently; "In that" (because) opens the line as a frame.
        ("success", "In that the bakers can change the menu in a more gradual way.", "the bakers can change the menu"),
        # A trouble that no longer happens; one that never stopped is still a pain.
        ("success", "Our bakers stopped complaining about the night shifts.", "Our bakers stopped complaining about"),
        ("pain", "The ovens never stopped breaking.", "The ovens never stopped breaking"),
        # Relief from a burden.
        ("success", "The new scheduler freed up my whole Saturday.", "The new scheduler freed up my whole Saturday"),
        ("success", "Having two bakers on call gives me peace of mind.", "gives me peace of mind"),
        ("success", "Orders now take minutes instead of days.", "Orders now take minutes instead of days"),
        # A loss or a sleepless night: what the struggle cost.
        ("pain", "Last winter we lost two maintainers to burnout.", "we lost two maintainers to burnout"),
        ("pain", "We keep losing volunteers every single year.", "We keep losing volunteers every single year"),
        ("pain", "The leaking freezer keeps me up at night.", "The leaking freezer keeps me up at night"),
        ("pain", "I spent whole weekends rebuilding the oven.", "I spent whole weekends rebuilding the oven"),
        # A cost borne by the speaker.
        ("pain", "The night shifts came at a huge personal cost to my family.", "came at a huge personal cost"),
        ("pain", "All those late deliveries took a real toll on the drivers.", "took a real toll on the drivers"),
        # A difficulty denied is a task made easy.
        ("success", "It's not that hard to swap the flour supplier.", "It's not that hard to swap the flour supplier"),
        ("success", "Honestly it isn't too difficult to patch the till.", "it isn't too difficult to patch the till"),
        # Work completed, said as a finish line; the line names what got it there, not "what" alone.
        ("success", "The loan is what pushed the new shop over the finish line.", "The loan is what pushed the new"),
        # A fix caused ("get X fixed"), quoted with the predicate of the gerund that holds it.
        ("success", "Getting my own ovens fixed is part of why I stay.", "Getting my own ovens fixed is part of why"),
        # A way out of a struggle found; what it avoids is no pain.
        ("success", "You can usually find a workaround to dodge the oven that's broken.", "find a workaround to dodge"),
        ("success", "Last spring we found a cheap fix for the leaking freezer.", "we found a cheap fix for the"),
        # Adverbs may stand between a negation and the state it denies.
        ("pain", "The old permits just weren't necessarily still valid.", "The old permits just weren't necessarily"),
    ],
)
def test_quotable_lines_are_taken(kind: str, text: str, quote: str) -> None:
    found = _texts(text, kind)
    assert any(quote in t for t in found), f"{kind} {found} lacks {quote!r}"
    for t in found:
        assert t in text and len(t.split()) >= 4


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("pain", "Is it scary to change the menu system?"),  # a real question
        ("pain", "Would it be risky to upgrade the database?"),  # a question, hedged
        ("pain", "Maybe it's risky to upgrade on a Friday."),  # hedged
        ("pain", "Security is a top priority for us."),  # a priority is no struggle
        ("pain", "It's not scary to change it anymore."),  # negated fear
        ("pain", "The point is, right?"),  # too short to lift
        ("success", "Which is why we moved the ovens."),  # no cue, no success
        ("success", "Which would be a huge success for everyone."),  # hedged
        ("success", "Which was not a big win for the team."),  # negated
        ("success", "The cooks who found it a huge success."),  # a relative clause on a noun, no sentence
        ("success", "We went back to doing the rotas by hand."),  # a return to the old way, not a success
        ("success", "It was not hard to see why the bakers left."),  # a judgement, not a task made easy
        ("success", "It is hard to swap the flour supplier."),  # a difficulty, not denied
        ("success", "If you need an oven fixed you can call the shop."),  # a fix wanted, not had
        ("success", "The regulars can't get their broken ovens fixed."),  # a fix denied
        ("success", "The regulars can't get their bugs fixed."),  # a fix denied, with a pain noun in it
        ("success", "I'll get back to you about the flour order."),  # a reply promised, nothing comes back
        ("pain", "It would take a toll on the drivers."),  # hedged
        ("success", "That's what made it possible to open on Sundays."),  # "that" names nothing lifted alone
        ("pain", "I don't want to lose any customers."),  # a loss feared, not had
        ("success", "I spent whole weekends fixing the oven."),  # work under way, not a fix
        ("success", "I can't sleep at night since the alarm broke."),  # negated relief
        ("pain", "Since the new fridge the alarms have stopped failing."),  # a trouble ended: no pain
        ("success", "We need the builds to stop failing."),  # wanted, not had
        ("success", "We need to find a way to pay the bakers on time."),  # a way wanted, not found
        ("success", "If we can find a fix for the freezer, we will reopen."),  # a case, not a result
        ("pain", "You can usually find a workaround to dodge the oven that's broken."),  # avoided: good news
        ("success", "We end up with fewer and fewer people who are capable of it."),  # success said of others
        ("success", "What a huge success, right?"),  # no verb
        ("success", "You want to make sure it's a huge success?"),  # a question
        ("pain", "If the oven breaks,"),  # a condition alone
        ("success", "And now we’re reaching the end of the lease in March."),  # a date coming up, no success
        ("success", "He said “it just works for everyone” and left the room."),  # someone else's words
        ("pain", "They wrote to us: “the app keeps breaking” and nothing else."),  # someone else's words
        ("pain", "I'm not sure I ever had an outage that hurt my shop."),  # doubted: maybe it never happened
        ("success", "I'm not sure the new till was much more reliable."),  # doubted
    ],
)
def test_unquotable_lines_stay_out(kind: str, text: str) -> None:
    assert _texts(text, kind) == []


def test_a_breakage_not_avoided_stays_a_pain() -> None:
    assert _texts("We could not avoid the outage that broke the checkout.", "pain")


def test_straighten_keeps_offsets() -> None:
    text = "It‘s fine, isn’t it?"
    assert len(straighten(text)) == len(text) and straighten(text) == "It's fine, isn't it?"


@pytest.mark.parametrize(
    ("kind", "text", "ok"),
    [
        ("pain", "if the oven breaks, the cooks can't bake anything", True),  # a pain opens on its trigger
        ("success", "if the oven works, the cooks bake everything", False),  # a success under a condition is a case
        ("pain", "maybe the cooks can't bake anything", False),  # hedged, whatever the kind
    ],
)
def test_a_pain_may_open_on_its_condition(kind: str, text: str, ok: bool) -> None:
    from pipelines.phrasing import quotable_flags

    assert quotable_flags([text], kinds=[kind]) == [ok]


def test_a_coordination_broken_off_to_correct_it_is_left_out() -> None:
    text = "We were able to open two new bakeries and quite often, run by either family -- sorry, not families."
    assert _texts(text, "success") == ["We were able to open two new bakeries"]
    assert _texts("The deploys and the builds were constantly breaking -- sorry.", "pain") == [
        "The deploys and the builds were constantly breaking"
    ]
    named = "The bakery was able to accept orders from Lyon and Paris -- the Berlin shop took longer."
    assert _texts(named, "success") == ["The bakery was able to accept orders from Lyon and Paris"]
