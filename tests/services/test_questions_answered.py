from app.services.jobs import questions_answered


def test_an_answer_after_an_aside_answers_the_question_before_it() -> None:
    turns = [
        (1, "interviewer", "Is there anything you still want from the new rota?"),
        (2, "customer", "I'd like the drivers to swap shifts themselves."),
        (3, "interviewer", "That's fair."),
        (4, "customer", "And I want the office to stop ringing me."),
        (5, "interviewer", "What did the old way look like?"),
        (6, "customer", "A paper list on the wall."),
    ]
    assert questions_answered(turns) == {
        2: "Is there anything you still want from the new rota?",
        4: "Is there anything you still want from the new rota?",
        6: "What did the old way look like?",
    }


def test_an_aside_with_no_question_before_it_stays_what_was_asked() -> None:
    turns = [
        (1, "customer", "Hello."),
        (2, "interviewer", "Thanks for coming."),
        (3, "customer", "No problem."),
    ]
    assert questions_answered(turns) == {3: "Thanks for coming."}


def test_the_trigger_question_is_not_carried_past_an_aside() -> None:
    # what follows "Oh no." is the story's aftermath, not the event the trigger question asks for
    turns = [
        (1, "interviewer", "Can you tell me about a day when it went wrong?"),
        (2, "customer", "The van broke down on the ring road."),
        (3, "interviewer", "Oh no."),
        (4, "customer", "I sat on the verge for three hours."),
    ]
    assert questions_answered(turns) == {2: "Can you tell me about a day when it went wrong?", 4: "Oh no."}


def test_a_question_too_far_back_is_not_carried() -> None:
    turns = [
        (1, "interviewer", "What do you still want?"),
        (2, "customer", "A shared list."),
        (3, "interviewer", "Right."),
        (4, "customer", "Yes."),
        (5, "interviewer", "Ha."),
        (6, "customer", "Anyway."),
    ]
    assert questions_answered(turns)[6] == "Ha."


def test_a_prompt_without_a_question_mark_is_the_question() -> None:
    turns = [
        (1, "interviewer", "What's your job?"),
        (2, "customer", "I run the depot."),
        (3, "interviewer", "Tell me about the day the old way stopped working."),
        (4, "customer", "The van never came."),
        (5, "interviewer", "That's a long story, and I want to hear all of it, really."),
        (6, "customer", "It was."),
    ]
    found = questions_answered(turns)
    assert found[4] == "Tell me about the day the old way stopped working."
    assert found[6] == "That's a long story, and I want to hear all of it, really."  # too long for an aside


def test_a_note_takers_aside_is_an_aside() -> None:
    # the note-taker's "Oh no." used to leave the answer after it answering nothing
    turns = [
        (1, "interviewer", "What did you want from the new rota?"),
        (2, "customer", "The drivers swapping shifts themselves."),
        (3, "observer", "Ha, fair."),
        (4, "customer", "And the office to stop ringing me."),
        (5, "interviewer", "Was there a day it went wrong?"),
        (6, "customer", "The van broke down on the ring road."),
        (7, "observer", "Oh no."),
        (8, "customer", "I sat on the verge for three hours."),
        (9, "observer", "Sorry, can I check the date?"),
        (10, "customer", "March."),
    ]
    assert questions_answered(turns) == {
        2: "What did you want from the new rota?",
        4: "What did you want from the new rota?",
        6: "Was there a day it went wrong?",
        8: "Oh no.",
    }
