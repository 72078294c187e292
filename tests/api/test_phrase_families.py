"""Phrase families: paraphrases share one id, support counts distinct people, ids survive refreshes and new
interviews, and the feed hides one-person phrases in projects with five or more interviews."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = [pytest.mark.db, pytest.mark.slow]  # real spaCy parses

DIM = 8


def _vector(axis: int, tilt: float = 0.0) -> bytes:
    """A unit vector near one axis: vectors on one axis are paraphrases, on different axes unrelated ideas."""
    v = np.zeros(DIM, dtype=np.float32)
    v[axis] = 1.0
    v[(axis + 1) % DIM] = tilt
    return (v / np.linalg.norm(v)).astype(np.float32).tobytes()


class World:
    """A project built row by row: interviews, speakers and customer utterances carrying one signal each."""

    def __init__(self, session) -> None:
        from models import Project

        self.session = session
        self.project = Project(name="families")
        session.add(self.project)
        session.flush()

    def interview(self, title: str) -> int:
        from models import Interview

        interview = Interview(project_id=self.project.id, title=title, status="ready")
        self.session.add(interview)
        self.session.flush()
        return interview.id

    def say(
        self,
        interview_id: int,
        speaker: str,
        text: str,
        *,
        axis: int,
        tilt: float = 0.0,
        kind: str = "success",
        role: str = "customer",
        quoted: bool = False,
    ):
        from models import Speaker, Turn, Utterance, UtteranceSignal

        found = self.session.query(Speaker).filter_by(interview_id=interview_id, label=speaker).one_or_none()
        if found is None:
            found = Speaker(interview_id=interview_id, label=speaker, name=speaker.title(), role=role)
            self.session.add(found)
            self.session.flush()
        position = self.session.query(Utterance).filter_by(interview_id=interview_id).count()
        turn = Turn(interview_id=interview_id, speaker_id=found.id, position=position, start=10.0 * position, text=text)
        self.session.add(turn)
        self.session.flush()
        utterance = Utterance(
            project_id=self.project.id,
            interview_id=interview_id,
            speaker_id=found.id,
            turn_id=turn.id,
            role=role,
            start=10.0 * position,
            end=10.0 * position + 5,
            verbatim_text=text,
            display_text=text,
            position=position,
            embedding=_vector(axis, tilt),
            quoted=quoted,
        )
        self.session.add(utterance)
        self.session.flush()
        self.session.add(
            UtteranceSignal(
                utterance_id=utterance.id,
                project_id=self.project.id,
                kind=kind,
                text=text,
                start_char=0,
                end_char=len(text),
            )
        )
        self.project.index_version += 1  # what ingest does: the phrases are stale
        self.session.flush()

    def refresh(self) -> dict[str, object]:
        from app.services.messaging.phrases import refresh_phrases
        from models import Phrase, UtteranceSignal

        refresh_phrases(session=self.session, project_id=self.project.id, force=True)
        phrases = {p.id: p for p in self.session.query(Phrase).filter_by(project_id=self.project.id)}
        by_text = {}
        for signal in self.session.query(UtteranceSignal).filter_by(project_id=self.project.id):
            by_text[signal.text] = phrases.get(signal.phrase_id)
        return by_text


@pytest.fixture
def world(settings):
    from app.db import make_engine, make_session_factory

    engine = make_engine(settings)
    session = make_session_factory(engine)()
    try:
        yield World(session)
    finally:
        session.close()
        engine.dispose()


LIGHTS = "we can keep the lights on without a paid team"
LIGHTS_AGAIN = "we managed to keep the lights on with volunteers"
FORK = "I hate to do my own fork for work projects"


def test_paraphrases_form_one_family_supported_by_distinct_people(world) -> None:
    nick1, nick2, donald = world.interview("nick-1"), world.interview("nick-2"), world.interview("donald-1")
    world.say(nick1, "NICK", LIGHTS, axis=0)
    world.say(nick2, "NICK", LIGHTS_AGAIN, axis=0, tilt=0.2)  # a paraphrase by the same person
    world.say(donald, "DONALD", "keeping the lights on is what we pay for", axis=0, tilt=0.3)
    world.say(donald, "DONALD", FORK, axis=3, kind="pain")
    world.say(donald, "MEL", "so you keep the lights on without a paid team", axis=0, role="interviewer")
    found = world.refresh()
    family = found[LIGHTS]
    assert family is found[LIGHTS_AGAIN] is found["keeping the lights on is what we pay for"]
    assert family.people == 2, "Nick in two interviews is one person; Donald another"
    assert family.support == 3 and family.utterance_count == 3, "distinct interviews, then voicings"
    assert found[FORK] is not family and found[FORK].kind == "pain"
    assert found["so you keep the lights on without a paid team"] is None, "an interviewer's words never count"


def test_interviewers_observers_quotes_and_unquotable_clauses_never_count(world) -> None:
    one = world.interview("one")
    world.say(one, "ERNEST", LIGHTS, axis=0)
    world.say(one, "MIRABAI", LIGHTS_AGAIN, axis=0, role="observer")
    world.say(one, "ERNEST", "we can keep the lights on, he wrote to us", axis=0, quoted=True)
    world.say(one, "ERNEST", "be happy", axis=5)  # not a line a copywriter can lift
    found = world.refresh()
    assert found[LIGHTS].people == 1 and found[LIGHTS].utterance_count == 1
    assert found[LIGHTS_AGAIN] is None and found["be happy"] is None


def test_unnamed_diarization_labels_are_one_person_per_interview(world) -> None:
    a, b = world.interview("a"), world.interview("b")
    world.say(a, "SPEAKER_01", LIGHTS, axis=0)
    world.say(b, "SPEAKER_01", LIGHTS_AGAIN, axis=0, tilt=0.1)
    assert world.refresh()[LIGHTS].people == 2


def test_family_ids_are_stable_across_refreshes_and_new_interviews(world) -> None:
    first = world.interview("first")
    world.say(first, "NICK", LIGHTS, axis=0)
    world.say(first, "NICK", FORK, axis=3)
    before = {text: phrase.id for text, phrase in world.refresh().items()}
    again = {text: phrase.id for text, phrase in world.refresh().items()}
    assert again == before, "a forced re-refresh relinks nothing"
    second = world.interview("second")
    world.say(second, "JACKIE", LIGHTS_AGAIN, axis=0, tilt=0.2)  # joins the existing family
    world.say(second, "JACKIE", "people get really mad when it breaks", axis=6)  # founds a new one
    after = world.refresh()
    assert {text: after[text].id for text in before} == before
    assert after[LIGHTS_AGAIN].id == before[LIGHTS] and after[LIGHTS].people == 2
    assert after["people get really mad when it breaks"].id not in before.values()


def _feed_ids(session, project_id: int, **params) -> list[int]:
    from app.services.messaging.feed import feed

    return [p.id for p in feed(session=session, project_id=project_id, **params).phrases]


def test_feed_hides_one_person_phrases_from_five_interviews_unless_asked(world) -> None:
    ids = [world.interview(f"i{n}") for n in range(4)]
    world.say(ids[0], "NICK", LIGHTS, axis=0)
    world.say(ids[1], "DONALD", LIGHTS_AGAIN, axis=0, tilt=0.2)
    world.say(ids[2], "NICK", FORK, axis=3)
    found = world.refresh()
    shared, alone = found[LIGHTS].id, found[FORK].id
    session, project = world.session, world.project.id
    assert _feed_ids(session, project) == [shared, alone], "four interviews: every phrase, most people first"
    world.interview("i4")
    world.project.index_version += 1
    assert _feed_ids(session, project) == [shared], "five interviews: one person's phrase is hidden"
    assert _feed_ids(session, project, min_support=1) == [shared, alone], "unless asked for"
    assert _feed_ids(session, project, min_support=3) == []


def test_feed_quotes_carry_speaker_interview_and_time(world) -> None:
    from app.services.messaging.feed import feed

    nick, donald = world.interview("nick-1"), world.interview("donald-1")
    world.say(nick, "NICK", LIGHTS, axis=0)
    world.say(donald, "DONALD", LIGHTS_AGAIN, axis=0, tilt=0.2)
    world.refresh()
    (phrase,) = feed(session=world.session, project_id=world.project.id).phrases
    assert phrase.people == 2 and phrase.interviews == 2
    assert [(q.speaker, q.interview, q.text) for q in phrase.quotes] == [
        ("Nick", "nick-1", LIGHTS),
        ("Donald", "donald-1", LIGHTS_AGAIN),
    ]
    assert all(q.start is not None and q.end is not None for q in phrase.quotes)
