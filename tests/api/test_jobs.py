"""Mining the ten real pypi-infrastructure interviews into core jobs and jobs with titles and grounded statements;
stable ids and researcher edits at both levels; assignment of new interviews at ingestion."""

import pytest

from tests.helpers import INTERVIEWS, assert_envelope, copy_of, pypi_metadata, run_tasks

pytestmark = [pytest.mark.db, pytest.mark.slow]


def _upload(client, project_id: int, paths) -> None:
    for path in paths:
        with path.open("rb") as fh:
            response = client.post(
                f"/api/projects/{project_id}/interviews", files={"file": (path.name, fh)}, data=pypi_metadata(path.name)
            )
        assert response.status_code == 202, response.text
    run_tasks(client)


def _mine(client, project_id: int, level: str = "detail") -> list[dict]:
    started = client.post(f"/api/projects/{project_id}/mine")
    assert started.status_code == 202
    run_tasks(client)
    task = client.get(f"/api/tasks/{started.json()['task']['id']}").json()
    assert task["status"] == "done", task
    return _jobs(client, project_id, level)


def _jobs(client, project_id: int, level: str = "detail") -> list[dict]:
    return client.get(f"/api/projects/{project_id}/jobs", params={"level": level}).json()["jobs"]


def _mined_folder(client, folder: str) -> int:
    """A project of the transcripts in tests/data/<folder> (markdown, or exported as WebVTT or plain text), ingested
    and mined: its id."""
    from pathlib import Path

    project = client.post("/api/projects", json={"name": folder}).json()["id"]
    paths = (Path(__file__).parents[1] / "data" / folder).iterdir()
    for path in sorted(p for p in paths if p.suffix in {".md", ".vtt", ".txt"} and p.stem != "README"):
        sent = client.post(f"/api/projects/{project}/interviews", files={"file": (path.name, path.read_bytes())})
        assert sent.status_code == 202, sent.text
    run_tasks(client)
    assert client.post(f"/api/projects/{project}/mine").status_code == 202
    run_tasks(client)
    return project


def _index_version(runtime, project_id: int) -> int:
    from app.db import session_scope
    from app.services import projects as project_service

    with session_scope(runtime.session_factory) as session:
        return project_service.get(session=session, project_id=project_id).index_version


def _members(client, job_id: int) -> set[int]:
    return {u["id"] for u in client.get(f"/api/jobs/{job_id}/utterances").json()["utterances"]}


LATE = ("jackie-3-full.md", "nick-3-full.md")


@pytest.fixture(scope="module")
def mined(pypi_ingested, tmp_path_factory):
    """The ten interviews, mined."""
    with copy_of(pypi_ingested, tmp_path_factory.mktemp("jobs")) as client:
        project = pypi_ingested.project_id
        _mine(client, project)
        yield client, project


@pytest.fixture(scope="module")
def late(pypi_ingested, tmp_path_factory):
    """A project of its own: eight interviews mined, then two more uploaded (assigned to jobs at ingestion)."""
    with copy_of(pypi_ingested, tmp_path_factory.mktemp("late")) as client:
        project = pypi_ingested.project_id
        for name in LATE:
            deleted = client.delete(f"/api/interviews/{pypi_ingested.uploads[name]['interview']['id']}")
            assert deleted.status_code == 204, deleted.text
        _mine(client, project)
        first = {level: _jobs(client, project, level) for level in ("core", "detail")}
        _upload(client, project, [INTERVIEWS / name for name in LATE])
        assigned = {level: _jobs(client, project, level) for level in ("core", "detail")}
        yield client, project, first, assigned


def test_jobs_have_support_labels_quotes_and_statements(mined) -> None:
    client, project = mined
    jobs = _mine(client, project)
    assert 5 <= len(jobs) <= 40
    supports = [j["support"]["interviews"] for j in jobs]
    assert supports == sorted(supports, reverse=True)
    assert sum(s >= 2 for s in supports) > len(jobs) / 2, "most jobs are backed by at least two interviews"
    for job in jobs:
        assert job["title"] and job["support"]["utterances"] >= job["support"]["interviews"] >= 1
        assert job["quotes"] and set(job["breakdown"]) == {"segment", "industry", "role"}
    with_statement = [j for j in jobs if j["statement"]]
    assert with_statement, "no job got a statement"
    print(
        "\n".join(
            f"{j['support']['interviews']:>2} interviews | {j['title']} | {j['statement']['text']}"
            for j in with_statement[:8]
        )
    )


def test_every_statement_slot_is_grounded_in_its_cited_utterances(mined) -> None:
    from pipelines.statements import EvidenceUtterance, Slot, slot_is_grounded

    client, project = mined
    jobs = _jobs(client, project, "detail") + _jobs(client, project, "core")
    checked = 0
    for job in jobs:
        for candidate in job["candidates"]:
            for slot in ("when", "want", "so"):
                evidence = candidate["evidence"][slot]
                if not candidate[slot]:
                    assert not evidence and slot in candidate["missing"]
                    continue
                assert evidence, (job["title"], slot)
                by_id = {
                    e["utterance_id"]: EvidenceUtterance(e["utterance_id"], e["text"], e["interview_id"])
                    for e in evidence
                }
                assert slot_is_grounded(Slot(candidate[slot], tuple(by_id)), by_id), (candidate[slot], evidence)
                checked += 1
    assert checked >= 4  # statements are rare in these interviews, and never stitched: each one is checked


def test_remining_same_data_gives_identical_jobs(mined) -> None:
    client, project = mined

    def strip(jobs: list[dict]) -> list[tuple]:
        return [(j["id"], j["title"], j["parent_id"], j["support"], (j["statement"] or {}).get("text")) for j in jobs]

    first = _mine(client, project), _jobs(client, project, "core")
    second = _mine(client, project), _jobs(client, project, "core")
    assert strip(first[0]) == strip(second[0]) and strip(first[1]) == strip(second[1])


def test_late_interviews_join_jobs_at_ingestion(late) -> None:
    """The two late interviews were assigned to existing jobs and their core jobs at ingestion, without mining."""
    client, project, first, assigned = late
    for level in ("core", "detail"):
        assert [j["id"] for j in assigned[level]] and {j["id"] for j in assigned[level]} == {
            j["id"] for j in first[level]
        }, "no job came or went: nothing was re-mined"
        before = {j["id"]: j["support"]["interviews"] for j in first[level]}
        after_ingest = {j["id"]: j["support"]["interviews"] for j in assigned[level]}
        assert sum(after_ingest.values()) > sum(before.values()), level
        assert max(after_ingest.values()) == 10, level  # the late interviews joined jobs at this level too
    # The worker drew the jobs map for the project as it is now (after the late interviews), for the page to read.
    from app.db import session_scope
    from app.services import visuals

    runtime = client.app.state.runtime
    with session_scope(runtime.session_factory) as session:
        key = (str(session.get_bind().engine.url), project, _index_version(runtime, project), visuals.MAP_MAX_POINTS)
        assert visuals._load(visuals._path(runtime.settings.index_dir, key), key) is not None


def test_adding_two_interviews_keeps_most_job_ids(late) -> None:
    client, project, first, _ = late
    after = _mine(client, project)
    kept = {j["id"] for j in first["detail"]} & {j["id"] for j in after}
    assert len(kept) >= 0.8 * len(first["detail"]), (len(kept), len(first["detail"]), len(after))
    kept_core = {j["id"] for j in first["core"]} & {j["id"] for j in _jobs(client, project, "core")}
    assert len(kept_core) >= 0.6 * len(first["core"]), (kept_core, first["core"])


def test_researcher_edits_survive_remining(mined) -> None:
    client, project = mined
    jobs = _mine(client, project)
    target, other = jobs[0], jobs[1]
    renamed = client.patch(f"/api/jobs/{target['id']}", json={"title": "Keep PyPI running", "status": "approved"})
    assert renamed.status_code == 200 and renamed.json()["title"] == "Keep PyPI running"
    moved = client.get(f"/api/jobs/{other['id']}/utterances").json()["utterances"][0]
    assert client.post(f"/api/jobs/{target['id']}/utterances", json={"utterance_id": moved["id"]}).status_code == 204
    again = {j["id"]: j for j in _mine(client, project)}
    assert again[target["id"]]["title"] == "Keep PyPI running" and again[target["id"]]["status"] == "approved"
    members = {u["id"] for u in client.get(f"/api/jobs/{target['id']}/utterances").json()["utterances"]}
    assert moved["id"] in members

    merged = client.post(f"/api/jobs/{target['id']}/merge", json={"job_ids": [other["id"]]})
    assert merged.status_code == 200
    assert merged.json()["support"]["utterances"] >= target["support"]["utterances"]
    assert other["id"] not in {j["id"] for j in client.get(f"/api/projects/{project}/jobs").json()["jobs"]}
    assert_envelope(client.patch("/api/jobs/99999", json={"title": "x"}), 404, "not_found")
    assert_envelope(client.patch(f"/api/jobs/{target['id']}", json={"status": "great"}), 422, "validation_error")


def test_phrases_and_report(mined) -> None:
    client, project = mined
    for kind in ("success", "pain", "outcome", "situation"):
        # min_support=1: on these interviews no outcome is said in one wording by two people (families pair only
        # clauses that say one thing), and the default hides one-person phrases.
        params: dict[str, str | int] = {"kind": kind, "min_support": 1}
        phrases = client.get(f"/api/projects/{project}/phrases", params=params).json()["phrases"]
        assert phrases, kind
        assert {"id", "text", "kind", "support", "segments", "quote"} <= set(phrases[0])
        assert all(p["kind"] == kind for p in phrases)
        assert [p["people"] for p in phrases] == sorted((p["people"] for p in phrases), reverse=True)
    only_users = client.get(f"/api/projects/{project}/phrases", params={"segment": "user"}).json()["phrases"]
    assert only_users and all("user" in p["segments"] for p in only_users)
    markdown = client.get(f"/api/projects/{project}/report", params={"format": "md"})
    assert (
        markdown.status_code == 200
        and markdown.text.startswith("# Jobs to be done: PyPI")
        and "Support:" in markdown.text
    )
    assert client.get(f"/api/projects/{project}/report", params={"format": "json"}).json()["jobs"]
    csv_report = client.get(f"/api/projects/{project}/report", params={"format": "csv"}).text
    assert csv_report.startswith("job_id,level,parent_id,title")
    # Core jobs lead the markdown report, each followed by its jobs.
    core = _jobs(client, project, "core")
    assert f"## {core[0]['title']} (core job" in markdown.text and "### " in markdown.text


def test_two_levels_core_jobs_hold_jobs(mined) -> None:
    client, project = mined
    detail = _mine(client, project)
    core = _jobs(client, project, "core")
    assert 3 <= len(core) <= 7, [j["title"] for j in core]
    assert len(detail) > len(core)
    core_ids = {j["id"] for j in core}
    assert all(j["level"] == "core" and j["parent_id"] is None for j in core)
    assert all(j["level"] == "detail" and j["parent_id"] in core_ids for j in detail)
    for parent in core:
        children = [j for j in detail if j["parent_id"] == parent["id"]]
        assert children, parent["title"]
        held = _members(client, parent["id"])
        assert set().union(*(_members(client, c["id"]) for c in children)) <= held
        assert parent["support"]["utterances"] == len(held)
    assert {"people", "interviews", "customers", "utterances"} <= set(core[0]["support"])
    assert set(core[0]["forces"]) == {"push", "pull", "anxiety", "habit"}
    assert_envelope(client.get(f"/api/projects/{project}/jobs", params={"level": "both"}), 422, "validation_error")


def test_titles_are_verb_led_and_statements_grammatical(mined) -> None:
    from pipelines.statements import statement_problems

    client, project = mined
    jobs = _mine(client, project) + _jobs(client, project, "core")
    # Read as the phrase the title was made from: spaCy tags a capitalised "Communicate" as a proper noun.
    verb_led = [j for j in jobs if not statement_problems(want=j["title"][:1].lower() + j["title"][1:])]
    assert len(verb_led) >= 0.8 * len(jobs), [j["title"] for j in jobs]
    statements = [c for j in jobs for c in j["candidates"]]
    assert statements
    for st in statements:
        assert st["generated"] and not statement_problems(when=st["when"], want=st["want"], so=st["so"]), st["text"]
        # a situation's own lead
        leads = ("When ", "Whenever ", "Every time ", "Each time ", "Any time ", "After ", "Once ")
        assert st["text"].startswith(leads if st["when"] else "I want to " if st["want"] else "So I can "), st["text"]


def test_core_level_edits_survive_remining(mined) -> None:
    client, project = mined
    _mine(client, project)
    core = _jobs(client, project, "core")
    target, other = core[0], core[1]
    renamed = client.patch(f"/api/jobs/{target['id']}", json={"title": "Keep PyPI alive", "status": "approved"})
    assert renamed.status_code == 200 and renamed.json()["level"] == "core"
    again = {j["id"]: j for j in _mine(client, project, "core")}
    assert again[target["id"]]["title"] == "Keep PyPI alive" and again[target["id"]]["status"] == "approved"
    # A core job merges only with a core job; its jobs move under the target.
    detail = _jobs(client, project)
    assert_envelope(
        client.post(f"/api/jobs/{target['id']}/merge", json={"job_ids": [detail[0]["id"]]}), 422, "invalid_merge"
    )
    moving = {j["id"] for j in detail if j["parent_id"] == other["id"]}
    assert client.post(f"/api/jobs/{target['id']}/merge", json={"job_ids": [other["id"]]}).status_code == 200
    assert {j["id"] for j in _jobs(client, project) if j["parent_id"] == target["id"]} >= moving
    assert other["id"] not in {j["id"] for j in _jobs(client, project, "core")}


def test_small_projects_mine_to_a_plain_message(client) -> None:
    """A project with no customer talk, and a single short interview, mine without failing and say why."""
    project = client.post("/api/projects", json={"name": "Tiny"}).json()["id"]
    assert client.get(f"/api/projects/{project}/jobs").json() == {
        "jobs": [],
        "message": "No customer talk to mine: upload interviews, or mark which speakers are customers.",
    }
    switch = (
        "INTERVIEWER: What made you look for a new mattress?\n\n"
        "DANA: This bed is awful, I wake up with a headache, a neck ache, and a backache.\n\n"
        "INTERVIEWER: What did you try first?\n\n"
        "DANA: I want to sleep through the night without waking up sore. I read reviews for two weeks.\n"
    )
    response = client.post(f"/api/projects/{project}/interviews", files={"file": ("dana.txt", switch.encode())})
    assert response.status_code == 202, response.text
    run_tasks(client)
    started = client.post(f"/api/projects/{project}/mine")
    assert started.status_code == 202
    run_tasks(client)
    assert client.get(f"/api/tasks/{started.json()['task']['id']}").json()["status"] == "done"
    body = client.get(f"/api/projects/{project}/jobs").json()
    assert body["jobs"] == [] and body["message"].startswith("Too little evidence for a job")


def test_three_short_switch_interviews_give_jobs_with_goals(client) -> None:
    """Three short switch interviews (82 customer sentences, three people, tests/data/switch_interviews, written for
    this test) share jobs a researcher would name: mining finds them, where it once said there was too little
    evidence (its clusterer preferred groups of two or three passages, too small to be jobs)."""
    project = _mined_folder(client, "switch_interviews")
    body = client.get(f"/api/projects/{project}/jobs").json()
    assert "message" not in body or not body["message"], body.get("message")
    assert len(body["jobs"]) >= 2
    goals = [job["statement"]["want"] for job in body["jobs"] if (job["statement"] or {}).get("want")]
    assert goals, [job["title"] for job in body["jobs"]]
    # Courtesies ("You're welcome.", "Happy to help.") are in no job: little else is chit-chat here.
    members = {
        u["text"] for job in body["jobs"] for u in client.get(f"/api/jobs/{job['id']}/utterances").json()["utterances"]
    }
    assert not members & {"You're welcome.", "Happy to help.", "Cheers."}, members
    # A self-introduction ("I run operations at a small accounting firm") titles no job; a goal too long for a title
    # that joins two verb phrases ("open one page on Monday and know exactly which clients ...") is titled by the
    # second, the progress the first is the means to.
    titles = [job["title"] for level in ("core", "detail") for job in _jobs(client, project, level)]
    assert not any(title.startswith("Run operations") for title in titles), titles
    assert "Know exactly which clients are still missing documents" in titles, titles


def test_talk_with_no_goal_in_switch_interviews_is_the_context_and_forces_of_its_peoples_goal_jobs(client) -> None:
    """Who each person is, what pushed them and the old ways they keep (tests/data/switch_interviews: "I manage
    facilities for a school district", "We failed a fire inspection ...", the custodians' whiteboard, each person's
    about their own work) once gathered into a job of its own, "No goal said: talk about room, monday, office". A
    researcher reads that talk as the forces of the goals the same people voice: every job of either level says a
    goal, that talk is among their members, and the old ways count as a goal job's habit."""
    project = _mined_folder(client, "switch_interviews")
    members: set[str] = set()
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        assert all((job["statement"] or {}).get("want") for job in jobs), [(j["title"], j["statement"]) for j in jobs]
        for job in jobs:
            members |= {u["text"] for u in client.get(f"/api/jobs/{job['id']}/utterances").json()["utterances"]}
    assert {
        "I manage facilities for a school district.",
        "Some of the custodians still write things on a whiteboard in the boiler room.",
        "They've done it for twenty years and they trust it.",
    } <= members
    goals = [job for job in _jobs(client, project) if (job["statement"] or {}).get("want")]
    assert any(job["forces"]["habit"] for job in goals), [(job["title"], job["forces"]) for job in goals]


def test_three_unseen_meal_planning_interviews_give_the_shared_job_and_no_goal_without_its_object(client) -> None:
    """Three switch interviews in a domain mining was never tuned on (meal planning: a nurse, a parent of a child with
    a food allergy, a retiree; tests/data/switch_interviews_2, written for this test): the job all three voice
    (deciding the week's dinners ahead) is found at both levels, no situation is a clause a struggle was cut from, no
    goal lacks what it acts on ("ingredients I can't find at our store" once gave the job "Find at my store"), and an
    outcome about someone else keeps them ("so I can stop worrying every time he eats")."""
    from pipelines.statements import statement_problems

    project = _mined_folder(client, "switch_interviews_2")
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        assert len(jobs) >= 2, level
        wants = [c["want"] for job in jobs for c in job["candidates"] if c["want"]]
        shared = [job for job in jobs if job["support"]["people"] == 3 and not job["title"].startswith("No goal")]
        assert shared, (level, [(job["title"], job["statement"]) for job in jobs])
        assert level == "core" or any("dinners" in job["title"] for job in shared), [j["title"] for j in shared]
        # A situation found by a struggle keeps it: Aisha's "A coworker uses one of those meal kit boxes[, but it was
        # way too expensive]" once stood as the "when" of her wish to buy only what she cooks.
        whens = {c["when"] for job in jobs for c in job["candidates"]}
        assert "a coworker uses one of those meal kit boxes" not in whens, whens
        assert all(statement_problems(want=want) == [] for want in wants), wants
        assert "find at my store" not in wants
        # One speaker's "he" names no core job of three people ("Stop worrying every time he eats").
        assert level == "detail" or "Stop worrying every time he eats" not in [job["title"] for job in jobs]
        # The worries about switching ("I wasn't sure Eduardo would eat food that wasn't my usual cooking") and the
        # old ways ("I keep a notebook ... because I trust paper more than the tablet") once made jobs with no goal:
        # they are the context of the goals the same people voice, and a goal job's anxiety.
        assert all((job["statement"] or {}).get("want") for job in jobs), [(j["title"], j["statement"]) for j in jobs]
        assert any(job["forces"]["anxiety"] for job in jobs if job["statement"]["want"]), [j["forces"] for j in jobs]
        # Rosa's outcome keeps its "he" (once dropped as naming a second party beside the speaker; pinned in
        # tests/pipelines/test_statements.py). A job keeps a few candidates, one per person where it can: with the
        # triggers the three people told, Rosa's "decide the week ahead" leads hers and her blood-sugar goal waits.
        assert len({c["want"] for job in jobs for c in job["candidates"] if c["when"]}) >= 3, level


def test_three_unseen_budgeting_interviews_keep_each_situation_and_outcome_with_its_own_goal(client) -> None:
    """Three switch interviews about household budgeting (tests/data/switch_interviews_3, written for this test, read
    once the rules were set): a "when" and a "so" said in one goal's sentence complete that goal, not the next
    sentence's, nor does what a question asks ("know how much I can spend"); the purpose of a one-off told as past
    ("I had to borrow money [to pay the tax office]") is no goal; who the speaker lives with and the habit they keep
    ("I still keep a little cash in the envelopes") name no job; and a title cut short never ends on a doing that lost
    its object ("... without going")."""
    project = _mined_folder(client, "switch_interviews_3")
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        candidates = [c for job in jobs for c in job["candidates"]]
        taxes = [c for c in candidates if c["want"] == "put money aside for taxes"]
        assert taxes and all(c["when"] == "a client pays me" and c["so"] == "stop dreading January" for c in taxes)
        assert all(c["want"] == "put money aside for taxes" for c in candidates if c["when"] == "a client pays me")
        assert "pay the tax office" not in {c["want"] for c in candidates}
        # "know how much I can spend in a slow month" asks what can be spent: no outcome for another goal.
        assert not any(c["so"].startswith("spend in a slow month") for c in candidates), candidates
        titles = [job["title"] for job in jobs]
        told = ("Live with", "Keep a little cash", "Hold the money", "Pay the tax office", "Save for a deposit")
        assert not any(t.startswith(told) or t.endswith(" going") for t in titles), titles


def test_three_unseen_clinic_booking_interviews_find_the_goals_said_with_a_denied_so(client) -> None:
    """Three switch interviews about booking at small clinics (tests/data/switch_interviews_4, written for this test,
    with a note-taker, hedges and run-on answers): "I wanted to fill a cancelled slot within the hour, so we don't lose
    the money on it" is a goal (the parser hangs the want from the denied "so" clause); an opinion ("I reckon I was
    losing ...") is no situation; what a sentence opening with the speaker's role says titles no job; "I think, more
    than that, I wanted the girls on reception to stop ..." is the speaker's goal of getting them to stop. The one
    core job, of all three people's talk, is named by the progress of its jobs' whole statement, not for one person's
    goal ("Let new patients book a slot while I'm treating someone"), nor for what that progress is for ("Stop ringing
    people one by one"): its jobs' statements are its title's options too."""
    project = _mined_folder(client, "switch_interviews_4")
    wants: set[str] = set()
    # The physio's goal (fill a cancelled slot) is no goal of the practice manager's: it is a core job of its own.
    # The practice manager's core job is named by one of the goals of her turn's whole statements (which of the two
    # leads moves with the spread of a fresh ingest), never by the patients' booking nor by what the progress is for.
    core_jobs = _jobs(client, project, "core")
    cores = [job["title"] for job in core_jobs]
    routine = next(
        j for j in _jobs(client, project, "detail") if j["title"] == "Move the routine appointments in one go"
    )
    [parent] = [job["title"] for job in core_jobs if job["id"] == routine["parent_id"]]
    assert parent in {"Move the routine appointments in one go", "Let every owner know the moment I'm running late"}
    assert not [t for t in cores if t.startswith(("Let new patients", "Stop ringing"))], cores
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        candidates = [c for job in jobs for c in job["candidates"]]
        wants |= {c["want"] for c in candidates}
        assert not any(c["when"].startswith("I reckon") for c in candidates), candidates
        assert not any(job["title"].startswith("Rent a room") for job in jobs)
    # a core job's few candidates go to its most central goals; each goal leads or stands among its detail job's
    assert "fill a cancelled slot within the hour" in wants, wants
    assert "get the girls on reception to stop spending the whole morning on the phone" in wants, wants


def test_three_clinic_interviews_keep_a_goal_said_in_little_talk_in_a_job(client) -> None:
    """In three clinic interviews (tests/data/switch_interviews_4) Nadia's goals ("I needed to let every owner know the
    moment we're running late ...", "... move the routine appointments in one go when an emergency comes in ...") sat
    in a group of four units, below a job's least size, so in no job, while two of the project's three jobs said no
    goal ("No goal said: talk about week, day"). In a project of a few interviews a group that voices a goal is a
    job: her goals are members of goal jobs at both levels, and talk that says none is their people's context."""
    project = _mined_folder(client, "switch_interviews_4")
    said = {
        "I needed to let every owner know the moment we're running late, so they can wait at home instead of in our"
        " waiting room.",
        "And I want to move the routine appointments in one go when an emergency comes in, so I'm not ringing people"
        " one by one.",
    }
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        assert all((job["statement"] or {}).get("want") for job in jobs), [(j["title"], j["statement"]) for j in jobs]
        members = {
            u["text"] for job in jobs for u in client.get(f"/api/jobs/{job['id']}/utterances").json()["utterances"]
        }
        assert said <= members, level


def test_three_unseen_shipping_interviews_title_the_label_job_whole_and_keep_scenes_and_habits_out(client) -> None:
    """Three switch interviews about shipping orders and printing labels (tests/data/switch_interviews_5, written for
    this test before it was mined: a candle maker, a warehouse lead, a coffee roaster): the goal to print the day's
    labels in one go is found and titled without the start of the phrase the length cut splits ("... in one go,
    straight"); the chaos a speaker paints ("people queuing at the printers") titles no job; the habit a speaker
    keeps ("I still write a little note by hand for every order") is no situation. What the business does ("We send
    parts to about three hundred bike shops") titles no job, and the talk of the tools they switched to and their
    worries about them is the context of a goal job of its speaker's (the label job; the warehouse lead's own goal, to
    stop picking the carrier by hand, is a job of its own): every job says a goal. The trigger the candle maker tells
    when asked "When did that start to bother you?" ("I had a hundred and twenty orders in one week and I was up until
    one in the morning doing labels") is the "when" of the goal she voices after it; a statement's "when" and goal are
    one person's."""
    project = _mined_folder(client, "switch_interviews_5")
    tools = {
        "I was scared of spending two hundred pounds on a label printer and then it not talking to my laptop.",
        "A shipping platform that sits between our stock system and all three carriers.",
        "Another roaster in a forum mentioned a subscription tool that prints the week's labels by coffee and grind.",
    }
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        titles = [j["title"] for j in jobs]
        candidates = [c for job in jobs for c in job["candidates"]]
        labels = [job for job in jobs if any(c["want"].startswith("print all the labels") for c in job["candidates"])]
        assert labels, titles
        if level == "detail":
            assert labels[0]["title"] == "Print all the labels for the day in one go", titles
        else:  # a core job of two jobs is named by a goal its jobs' statements say (chosen by fit), from its start
            named = labels[0]["title"][:1].lower() + labels[0]["title"][1:]
            assert any(c["want"].startswith(named) for c in candidates), titles
        assert not any(job["title"].startswith(("Queue at", "Send parts", "No goal said")) for job in jobs), titles
        assert not any(c["when"].startswith("I still") for c in candidates), candidates
        assert all((job["statement"] or {}).get("want") for job in jobs), titles
        # each person's talk of tools is the context of their own goal's job (the warehouse lead's carrier job)
        said = [u for job in jobs for u in client.get(f"/api/jobs/{job['id']}/utterances").json()["utterances"]]
        assert tools <= {u["text"] for u in said}, level
        if level == "detail":  # a core job of two jobs leads with the statement its title is said in
            lead = labels[0]["statement"]
            assert lead["when"] == "I have a hundred and twenty orders in one week", lead
        else:
            assert {c["when"] for c in labels[0]["candidates"]} & {"I have a hundred and twenty orders in one week"}
        for statement in (job["statement"] for job in jobs if job["statement"]):
            cited = statement["evidence"]
            if cited["when"] and cited["want"]:
                assert cited["when"][0]["speaker"] == cited["want"][0]["speaker"], statement


def test_three_unseen_dispatch_interviews_find_the_shared_dispatch_job_and_the_paperwork_goals_whole(client) -> None:
    """Three switch interviews about job dispatch at plumbing and heating firms (tests/data/switch_interviews_6,
    written for this test and committed before it was first mined: a firm owner, an office coordinator, a plumber
    who works alone). What a researcher keeps: the job the owner and the coordinator share in different words
    (see at once who is free for an urgent call, without ringing round) at both levels, with its situation and
    outcome; the paperwork goals whole ("finish the paperwork before I leave the property" once lost its 'before'
    clause); no goal read from a doing that waited on something ("I couldn't invoice until I had the sheet" once
    titled the job "Invoice until I have the sheet"); and a number as subject agrees ("two of the older ones keep").
    Who each person is and what the switch cost them, alike in one trade ("I'm the office coordinator at a heating
    and plumbing company", "I'm a plumber, I work on my own"), once made jobs with no goal ("No goal said: every
    time I add an engineer"); each person voices one goal job (an obligation their story tells, "I had to ring the
    woman in their accounts", is none), and that talk is its context: every job says a goal."""
    project = _mined_folder(client, "switch_interviews_6")
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        assert all((job["statement"] or {}).get("want") for job in jobs), [(j["title"], j["statement"]) for j in jobs]
        members = {
            u["text"] for job in jobs for u in client.get(f"/api/jobs/{job['id']}/utterances").json()["utterances"]
        }
        assert {
            "It's a plumbing firm, mostly domestic, some small commercial.",
            "I'm the office coordinator at a heating and plumbing company.",
            "I'm a plumber, I work on my own.",
        } <= members, level
        candidates = [c for job in jobs for c in job["candidates"]]
        wants = {c["want"] for c in candidates}
        dispatch = [job for job in jobs if any(c["want"] == "see straight away who's free" for c in job["candidates"])]
        assert dispatch, (level, [(j["title"], j["statement"]) for j in jobs])
        lead = dispatch[0]["statement"]
        assert lead["when"] and lead["so"] == "get someone there within the hour and not lose the contract", lead
        speakers = {u["speaker"] for u in client.get(f"/api/jobs/{dispatch[0]['id']}/utterances").json()["utterances"]}
        assert {"Derek", "Joanne"} <= speakers, speakers
        assert {
            "get the sheets to come back to me the same day",
            "finish the paperwork before I leave the property",
        } <= wants, wants
        assert not any(w.startswith("invoice until") for w in wants), wants
        assert not any(job["title"].startswith("Invoice until") for job in jobs), [j["title"] for j in jobs]
        assert not any("ones keeps" in c["when"] for c in candidates), candidates


def test_three_unseen_club_interviews_keep_the_secretarys_goal_of_one_place_and_her_told_trigger(client) -> None:
    """Three switch interviews at an amateur cricket club moving availability and fees off a WhatsApp group
    (tests/data/switch_interviews_7, written for this test and committed before it was first mined: the secretary,
    a terse treasurer, a junior coach who is a parent). What a researcher keeps: the secretary's goal, said as the
    thing she wanted ("I wanted one place where every player says yes or no for each match"), whole, with its 'yes'
    (once read as a filler) and beside her other goal (the chat to stop being the team sheet); her situation is the
    event she told ("we had a cup game"), not why nothing changed before ("I just didn't have the energy"), and
    without the aside after it ("the first team"); the coach's is the event told after what he had done before it
    ("because the other club moved the start time"); and talk with no goal is not titled by what the club's
    volunteers do ("they roll the pitch", once the title of talk about the app and photos of the children). Each
    goal keeps the outcome said with it: what it spares the secretary being ("so I'm not the person everyone
    blames"), what it lets others do ("so every family knows where to be": the coach's), and the treasurer's
    answer naming what he looked for ("Every payment with a name and a match against it. So I can chase the right
    person."), once three goals without an outcome and talk with no goal. Talk that says no goal (the treasurer's
    shortfall and trade, the coach's safeguarding worry) once made four jobs and a core job with none ("No goal
    said: talk about pounds, fees, bank"): in three interviews it is the context of its speakers' goals, each turn
    in the goal job of theirs it is nearest (the treasurer's goal is his payments job's, though the turn saying it
    sits in the coach's job), and every job says a goal. The payments and the one place are what the treasurer and
    the secretary set out to have: they title their jobs (once "Chase the right person", "Stop being the person
    everyone blames on a Saturday morning")."""
    project = _mined_folder(client, "switch_interviews_7")
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        assert all((job["statement"] or {}).get("want") for job in jobs), [(j["title"], j["statement"]) for j in jobs]
        members = {
            u["text"] for job in jobs for u in client.get(f"/api/jobs/{job['id']}/utterances").json()["utterances"]
        }
        assert {
            "I was three hundred and eighty pounds short on match fees.",
            "I'm an accountant.",
            "Because it's kids, and I didn't want their names and their photos on some app",
        } <= members, level
        # The treasurer's shortfall is the context of his goal, read in a turn that sits in the coach's job.
        payments = [j for j in jobs if any(c["want"].startswith("have every payment") for c in j["candidates"])]
        assert payments, (level, [(j["title"], j["statement"]) for j in jobs])
        said = {u["text"] for u in client.get(f"/api/jobs/{payments[0]['id']}/utterances").json()["utterances"]}
        assert "I was three hundred and eighty pounds short on match fees." in said, (level, said)
        candidates = [c for job in jobs for c in job["candidates"]]
        wants = {c["want"] for c in candidates}
        assert {
            "have one place where every player says yes or no for each match",
            "get the chat to stop being the team sheet",
        } <= wants, (level, wants)
        helen = [c for c in candidates if c["want"].startswith("have one place")]
        assert {c["when"] for c in helen} == {"I have a cup game"}, helen
        # The coach's trigger, asked for as the day that made him want to change, is the event told after what he had
        # done before it ("I'd changed it to half eight"), once no 'when' at all.
        tunde = [c for c in candidates if c["want"].startswith("let the parents")]
        assert {c["when"] for c in tunde} == {"the other club moves the start time"}, tunde
        assert not any("energy" in c["when"] or "first team" in c["when"] for c in candidates), candidates
        assert not any(job["title"] == "Roll the pitch" for job in jobs), [job["title"] for job in jobs]
        outcomes = {(c["want"], c["so"]) for c in candidates}
        assert {
            (
                "have one place where every player says yes or no for each match",
                "stop being the person everyone blames on a Saturday morning",
            ),
            (
                "let the parents get the change straight to their phone",
                "help every family know where to be on a Sunday",  # the goal lets the parents: no second 'let'
            ),
            ("have every payment with a name and a match against it", "chase the right person"),
        } <= outcomes, outcomes
        # A thing told by what it holds or what happens with it is the progress: it titles the job, not its outcome
        # ("Chase the right person", "Stop being the person everyone blames on a Saturday morning").
        titles = {job["title"] for job in jobs}
        assert {
            "Have every payment with a name and a match against it",
            "Have one place where every player says yes or no",
        } <= titles, (level, titles)


def test_three_unseen_agency_interviews_find_each_persons_goal_with_what_it_is_for(client) -> None:
    """Three switch interviews at a small translation agency moving its jobs off email and a spreadsheet to a job
    portal (tests/data/switch_interviews_8, written for this test and committed before it was first mined: the
    owner, who tells her story in the past, the project coordinator, a terse freelance translator). Once the
    project made one job, titled by an outcome and saying "I want to see who does Polish": the purpose of what the
    coordinator did in the old way ("I'd look at the spreadsheet to see who does Polish"). What a researcher keeps:
    each person's goal, said as a thing whose relative clause the parser hangs on the phrase after it ("one place
    for every job where the latest file is ..."), as what the want is ("what I want is to see who's free ..."),
    and as a list of things answering a want question ("A deadline with a date, a time and a time zone."); each
    with what it is for: a denied outcome ending on what it points back to ("so I never have to make a phone call
    like that again"), what the goal has her doing instead ("so I'm offering a job to one person and not five"),
    and a 'So I never ...' sentence after the things named, which is no situation ("When I never deliver late"); the
    coordinator's story after a question for a moment that stands out, read as her situation ("When I email three
    translators"); the owner's trigger is what hurt (the partner's email), not the scene her story set ("When I have
    a share purchase agreement ...") and, told once, no context of her title; never a topic as a situation ("When
    deadlines are the problem")."""
    from pipelines.statements import statement_problems

    project = _mined_folder(client, "switch_interviews_8")
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        assert all((job["statement"] or {}).get("want") for job in jobs), [(j["title"], j["statement"]) for j in jobs]
        assert not [j["title"] for j in jobs if statement_problems(want=j["title"][:1].lower() + j["title"][1:])]
        candidates = [c for job in jobs for c in job["candidates"]]
        outcomes = {(c["want"], c["so"]) for c in candidates}
        assert {
            (
                "have one place for every job where the latest file is the only file anyone can open",
                "avoid having to make a phone call like that",
            ),
            ("see who's free for a language pair before I offer anything", "offer a job to one person and not five"),
            ("have a deadline with a date, a time and a time zone", "avoid delivering late because of a clock"),
        } <= outcomes, (level, outcomes)
        assert not any("who does Polish" in c["want"] + c["so"] for c in candidates), candidates
        # "So I never deliver late" after the things named is what they are for, no situation ("I never knew whether
        # an invoice had arrived", told as what went wrong, is one)
        assert not any(c["when"].startswith("I never deliver") for c in candidates), candidates
        # the coordinator's story told after "Was there a particular moment that stands out?" is her situation
        situated = {(c["when"], c["want"]) for c in candidates}
        assert ("I email three translators", "see who's free for a language pair before I offer anything") in situated
        one_place = "have one place for every job where the latest file is the only file anyone can open"
        assert ("the partner emails me", one_place) in situated, situated
        assert not any(c["when"].startswith("I have a share") or "the problem" in c["when"] for c in candidates)
        assert not [job["title"] for job in jobs if " when the partner" in job["title"]]


def test_three_unseen_practice_interviews_exported_from_call_tools_keep_the_teams_goals_whole(client) -> None:
    """Three switch interviews at an architecture practice moving drawings and project handover off a NAS and email
    (tests/data/switch_interviews_9, written for this test and committed before it was first mined, exported as an
    Otter text file, a WebVTT file split into cues and a Zoom text file): the IT lead, an associate director, the
    office administrator, talking as "we". What a researcher keeps: the associate's goal with the situation and
    outcome she said with it, in the first person, the past she would have to explain kept past ("why I
    resubmitted", once "why I resubmitte" from a lemma spaCy guessed); never a rhetorical question as a situation
    ("When who fills in a spreadsheet ...") nor a goal cut from what a thing named before it is to be ("we need the
    project handover to be in one place" once read "I want to be in one place"); the IT lead's handover job with the
    move between teams as its situation; the administrator's want said first and what it is after ("what we'd
    really want is for the emails with the client to sit with the project"), once in no statement; every job says a
    goal; the associate's trigger is the officer's email that reached her at the airport, not the holiday that only
    dated her story ("The day before I went on holiday, ...")."""
    project = _mined_folder(client, "switch_interviews_9")
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        assert all((job["statement"] or {}).get("want") for job in jobs), [(j["title"], j["statement"]) for j in jobs]
        candidates = [c for job in jobs for c in job["candidates"]]
        slots = {(c["when"], c["want"], c["so"]) for c in candidates}
        assert {
            (
                "I issue a package",
                "see who has got which revision",
                "avoid having to explain to a client again why I resubmitted",
            ),
            (
                "a job goes from the design team to the delivery team",
                "hand a job over with a checklist in the space",
                "",
            ),
        } <= slots, (level, slots)
        wants = {c["want"] for c in candidates}
        # the administrator's want said first ("what we'd really want is for the emails ... to sit with the project")
        assert {
            "know that whatever goes out of the building is the latest revision",
            "get the emails with the client to sit with the project",
        } <= wants, (level, wants)
        assert not any(c["when"].startswith("who ") for c in candidates), candidates
        situated = {(c["when"], c["want"]) for c in candidates}
        latest = "know that whatever goes out of the building is the latest revision"
        assert ("the validation officer emails", latest) in situated, situated
        assert not any("holiday" in c["when"] for c in candidates), candidates
        assert not any(c["want"] == "be in one place" for c in candidates), candidates


def test_three_unseen_school_interviews_keep_each_goal_said_in_a_small_job_with_what_it_is_for(client) -> None:
    """Three switch interviews at a primary school moving trip consent slips and payments off paper onto a school
    app (tests/data/switch_interviews_10, written for this test and committed before it was first mined, markdown
    with timestamps): an office manager who talks in hypotheticals and "you", a teacher who tells his story strictly
    in order ("then ... then ..."), a parent who speaks in short sentences with slips. Once the project made two
    jobs: the teacher's goal ("I wanted to know by the Wednesday who was coming") and the parent's ("I want to see
    only the important ones first") sat in a job of a dozen sentences just past its centrality mark, and that job
    said nothing. What a researcher keeps: both goals, each with what it is for, said of people the speaker names
    ("so that no child ever finds out on the coach ..." once "let no child find out"), the teacher's a job of its
    own; quotes carry their times. With the trigger the teacher's story tells read ('I still didn't have a slip for
    one boy'), his full statement leads the core job; the parent's goal, voiced when asked what is still hard, takes
    no 'when' from her story (it was 'When I sign the paper': the old way) and stays among the detail job's."""
    project = _mined_folder(client, "switch_interviews_10")
    parent = ("see only the important ones first", "avoid missing one between the cake sales")
    teacher = (
        "know by the Wednesday who is coming, for certain",
        "make sure no child ever finds out on the coach that they can't go",
    )
    for level in ("core", "detail"):
        jobs = _jobs(client, project, level)
        assert all((job["statement"] or {}).get("want") for job in jobs), [(j["title"], j["statement"]) for j in jobs]
        candidates = [c for job in jobs for c in job["candidates"]]
        outcomes = {(c["want"], c["so"]) for c in candidates}
        assert level == "core" or parent in outcomes, (level, outcomes)
        assert teacher in outcomes, (level, outcomes)
        leads = {((job["statement"] or {}).get("want"), (job["statement"] or {}).get("so")) for job in jobs}
        assert level == "detail" or leads & {parent, teacher}, (level, leads)
        assert "sign on my phone" in {c["want"] for c in candidates}
        assert not any(c["so"].startswith("let no ") for c in candidates), candidates
        assert all(q["start"] is not None for job in jobs for q in job["quotes"])


def test_every_quote_leaving_the_product_is_verbatim_with_speaker_interview_and_time(mined) -> None:
    """Hits, job quotes and evidence, phrases, the feed, the report, CSV and the copy buttons: each quote is a
    substring of what its speaker said, and carries the speaker, the interview and the time."""
    import csv
    import html
    import io
    import re

    from sqlalchemy import select

    from app.db import session_scope
    from models import Interview, Speaker, Utterance

    client, project, *_ = mined
    with session_scope(client.app.state.runtime.session_factory) as session:
        said = {
            uid: (text, name or label, title, start)
            for uid, text, name, label, title, start in session.execute(
                select(
                    Utterance.id, Utterance.display_text, Speaker.name, Speaker.label, Interview.title, Utterance.start
                )
                .join(Speaker, Speaker.id == Utterance.speaker_id)
                .join(Interview, Interview.id == Utterance.interview_id)
                .where(Utterance.project_id == project)
            ).all()
        }

    def check(quote: dict, title_key: str = "interview") -> None:
        text, speaker, title, start = said[quote["utterance_id"]]
        assert quote["text"] and quote["text"] in text, quote
        assert (quote["speaker"], quote[title_key], quote["start"]) == (speaker, title, start), quote

    jobs = client.get(f"/api/projects/{project}/jobs").json()["jobs"]
    cited = [q for j in jobs for q in j["quotes"]]
    cited += [e for j in jobs if j["statement"] for ev in j["statement"]["evidence"].values() for e in ev]
    assert len(cited) > 20
    for quote in cited:
        check(quote)
    phrases = client.get(f"/api/projects/{project}/phrases", params={"min_support": 1, "limit": 300}).json()["phrases"]
    for phrase in phrases:
        assert phrase["quote"] in phrase["quotes"] and phrase["text"] in {q["text"] for q in phrase["quotes"]}
        for quote in phrase["quotes"]:
            check(quote)
    feed = client.get(f"/api/projects/{project}/feed", params={"limit": 50}).json()["phrases"]
    assert feed and all(q in p["quotes"] for p in feed for q in [p["quote"]])
    hits = client.get(f"/api/projects/{project}/search", params={"q": "the service keeps breaking", "k": 20}).json()
    for hit in hits["hits"]:
        check(hit, "interview_title")

    # Text outputs cite each quote as “words” — speaker, interview[, m:ss] (these transcripts carry no times).
    assert all(start is None for *_, start in said.values())
    speakers = {speaker for _, speaker, _, _ in said.values()}
    titles = {title for _, _, title, _ in said.values()}

    def cited_properly(line: str) -> bool:
        words, _, source = line.partition("” — ")
        speaker, _, title = source.partition(", ")
        title = re.split(r"[,)]", title)[0]
        return speaker in speakers and title in titles and any(words.split("“", 1)[1] in t for t, *_ in said.values())

    markdown = client.get(f"/api/projects/{project}/report", params={"format": "md"}).text
    lines = [line for line in markdown.splitlines() if line.startswith(("- *", "> “"))]
    assert lines and all(cited_properly(line) for line in lines), [x for x in lines if not cited_properly(x)][:3]
    rows = list(csv.reader(io.StringIO(client.get(f"/api/projects/{project}/report", params={"format": "csv"}).text)))
    cells = [cell for row in rows[1:] for cell in row[-3:] if cell]
    assert cells and all(cited_properly(cell) for cell in cells)
    for path in (f"/projects/{project}/jobs", f"/projects/{project}/messaging", f"/projects/{project}/search?q=outage"):
        page = client.get(path, headers={"Accept": "text/html"}).text
        copies = [html.unescape(c) for c in re.findall(r'data-copy="([^"]*)"', page)]
        assert copies and all(cited_properly(c) for c in copies), (
            path,
            [c for c in copies if not cited_properly(c)][:3],
        )
    # On the Jobs page every quote shows who said it beside its interview link, not only in what Copy puts out.
    page = client.get(f"/projects/{project}/jobs", headers={"Accept": "text/html"}).text
    shown = re.findall(r'<div class="quote-actions">(.{0,80})', page)
    assert shown and all(re.match(r'<span class="meta">[^<]+,</span> <a class="quote-source"', s) for s in shown), [
        s for s in shown if not s.startswith('<span class="meta">')
    ][:3]


def test_a_cited_quote_names_speaker_interview_and_time() -> None:
    from app.services.jobs import cite

    quote = {"text": "It kept breaking", "speaker": "Ana", "interview": "Call 3", "interview_id": 3, "start": 3725.2}
    assert cite(quote) == "“It kept breaking” — Ana, Call 3, 1:02:05"
    assert cite({**quote, "start": 65.0}) == "“It kept breaking” — Ana, Call 3, 1:05"
    assert cite({"text": "x", "speaker": "Ana", "interview_id": 3, "start": None}) == "“x” — Ana, interview 3"


def test_one_persons_jobs_say_so_and_shared_jobs_do_not(client, mined) -> None:
    """One interview still gives jobs and statements, and the list says plainly that they are one person's."""
    project = client.post("/api/projects", json={"name": "One interview"}).json()["id"]
    _upload(client, project, [INTERVIEWS / "donald-1-full.md"])
    jobs = _mine(client, project)
    assert jobs and any(j["statement"] and j["statement"]["want"] for j in jobs)
    for level in ("detail", "core"):
        body = client.get(f"/api/projects/{project}/jobs", params={"level": level}).json()
        assert body["message"].startswith("Every job here comes from one person's talk")
    # A cluster of one person's talk in which nothing says what they set out to do is not a job: it joins a job of
    # its core job, or the job whose goal they say beside its situation, or leaves the jobs (the transcript and
    # search keep it), so every job left has a goal, and no title is a bare situation.
    detail = client.get(f"/api/projects/{project}/jobs", params={"level": "detail"}).json()["jobs"]
    assert all(j["statement"] and j["statement"]["want"] for j in detail), [j["title"] for j in detail]
    assert not any(j["title"].startswith(("When ", "Whenever ", "Every time ")) for j in detail)
    shared, project_of_ten = mined
    assert shared.get(f"/api/projects/{project_of_ten}/jobs").json()["message"] is None
