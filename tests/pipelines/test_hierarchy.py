"""Two job levels: passages move together, core groups come from the data, keys stay stable."""

from __future__ import annotations

import numpy as np

from pipelines.hierarchy import (
    build_tree,
    centre_conversations,
    group_clusters,
    own_goals,
    passage_vectors,
    stable_keys,
)


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _blobs(centres: np.ndarray, per: int, noise: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    rows = np.repeat(centres, per, axis=0) + rng.normal(0, noise, (len(centres) * per, centres.shape[1]))
    return _unit(rows), np.repeat(np.arange(len(centres)), per)


def test_a_short_passage_moves_as_one_vector_and_a_long_one_is_smoothed() -> None:
    vectors = _unit(np.eye(6, 8, dtype=np.float32) + 0.01)
    out = passage_vectors(vectors, [1, 1, 2, 2, 2, 2])
    assert np.allclose(out[0], out[1])  # a two-sentence turn is one request
    assert not np.allclose(out[2], out[3]) and float(out[2] @ out[3]) > float(vectors[2] @ vectors[3])
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


def test_core_groups_follow_the_largest_gap_between_job_families() -> None:
    rng = np.random.default_rng(1)
    families = _unit(rng.normal(size=(4, 32)))
    # 4 families of 3 jobs each: jobs of a family are close, families far apart.
    jobs = _unit(np.repeat(families, 3, axis=0) + rng.normal(0, 0.12, (12, 32)))
    vectors, labels = _blobs(jobs, 20, 0.05)
    grouped = group_clusters(vectors, labels)
    assert set(grouped) == set(range(12))
    assert len(set(grouped.values())) == 4
    for family in range(4):
        assert len({grouped[family * 3 + k] for k in range(3)}) == 1


def test_few_jobs_are_each_their_own_core_job() -> None:
    vectors, labels = _blobs(_unit(np.random.default_rng(2).normal(size=(3, 16))), 10, 0.05)
    assert group_clusters(vectors, labels) == {0: 0, 1: 1, 2: 2}


def test_build_tree_gives_jobs_inside_core_jobs() -> None:
    rng = np.random.default_rng(3)
    families = _unit(rng.normal(size=(3, 48)))
    jobs = _unit(np.repeat(families, 3, axis=0) + rng.normal(0, 0.3, (9, 48)))
    vectors, truth = _blobs(jobs, 25, 0.08)
    tree = build_tree(vectors, list(range(len(vectors))))  # every sentence its own passage
    assert (tree.detail >= 0).mean() > 0.9
    assert 3 <= len(set(tree.core_of.values())) <= 7
    core = tree.core()
    for job in set(tree.detail.tolist()) - {-1}:
        assert len(set(core[tree.detail == job].tolist())) == 1
    assert build_tree(vectors[:5], [0] * 5).detail.tolist() == [-1] * 5


def test_stable_keys_continue_old_jobs_and_honour_pins() -> None:
    labels = np.array([0, 0, 0, 1, 1, 1, -1])
    ids = np.array([10, 11, 12, 20, 21, 22, 30])
    keys = stable_keys({7: {10, 11, 12}}, labels, ids, min_overlap=0.1, pinned={21: 99})
    assert keys.tolist() == [7, 7, 7, -3, 99, -3, -1]


def test_a_short_request_is_job_talk_as_a_whole() -> None:
    from pipelines.hierarchy import whole_requests

    # passage 0: a two-sentence request with one job sentence; passage 1: a long turn keeps per-sentence flags
    talk = [True, False, False, True, False, False, False]
    passages = [0, 0, 1, 1, 1, 1, 2]
    assert whole_requests(talk, passages).tolist() == [True, True, False, True, False, False, False]


def test_short_requests_are_the_whole_text_of_two_or_three_sentence_passages() -> None:
    from pipelines.hierarchy import short_requests

    passages = [5, 6, 6, 7, 7, 7, 8, 8, 8, 8]
    texts = ["Hi.", "I lost my card.", "Block it?", "a", "b", "c", "d", "e", "f", "g"]
    assert short_requests(passages, texts) == {6: "I lost my card. Block it?", 7: "a b c"}


def test_a_short_request_is_one_unit_with_its_whole_vector_and_long_passages_keep_their_sentences() -> None:
    from pipelines.hierarchy import request_units

    vectors = _unit(np.eye(7, 8, dtype=np.float32) + 0.01)
    passages = [1, 1, 2, 2, 2, 2, 3]
    talk = np.array([True, True, True, False, True, True, False])
    whole = _unit(np.ones((1, 8), np.float32))[0]
    units, unit_of = request_units(vectors, passages, talk, {1: whole})
    assert unit_of.tolist() == [0, 0, 1, -1, 2, 3, -1]  # one point per short request, not one copy per sentence
    assert np.allclose(units[0], whole)
    assert np.allclose(units[1:], passage_vectors(vectors, passages)[[2, 4, 5]])
    # without a stored whole vector, the request is the mean of its sentences
    units, _ = request_units(vectors, passages, talk)
    assert np.allclose(units[0], passage_vectors(vectors, passages)[0])


def test_build_tree_labels_every_sentence_of_a_request_alike() -> None:
    rng = np.random.default_rng(4)
    vectors, _ = _blobs(_unit(rng.normal(size=(4, 32))), 30, 0.05)
    passages = np.repeat(np.arange(60), 2).tolist()  # 60 two-sentence requests
    requests = {p: vectors[2 * p] for p in range(60)}
    tree = build_tree(vectors, passages, None, requests)
    assert (tree.detail[0::2] == tree.detail[1::2]).all()
    assert len(set(tree.detail.tolist()) - {-1}) >= 2


def test_a_project_of_usual_size_keeps_the_best_of_several_leiden_runs_and_a_huge_one_runs_once() -> None:
    from pipelines.hierarchy import CONSENSUS, CONSENSUS_UP_TO, TRIALS, TRIALS_UP_TO, detail_clusterer

    assert detail_clusterer(3_000).trials == TRIALS > 1
    assert detail_clusterer(TRIALS_UP_TO + 1).trials == 1
    # A small project's jobs are a consensus of several runs; a large one's come from one.
    assert detail_clusterer(CONSENSUS_UP_TO).consensus == CONSENSUS > 1
    assert detail_clusterer(CONSENSUS_UP_TO + 1).consensus == 1


def test_a_left_out_request_among_job_talk_joins_its_neighbours_job_and_chit_chat_stays_out() -> None:
    rng = np.random.default_rng(5)
    vectors, truth = _blobs(_unit(rng.normal(size=(3, 32))), 30, 0.05)
    talk = truth < 2  # blobs 0 and 1 are job talk, blob 2 is chit-chat
    missed = [3, 40]  # the classifier missed one request of each job
    talk[missed] = False
    passages = list(range(len(vectors)))
    tree = build_tree(vectors, passages, talk.tolist())
    for row in missed:
        assert tree.detail[row] >= 0
        others = tree.detail[(truth == truth[row]) & talk]
        assert tree.detail[row] == np.bincount(others[others >= 0]).argmax()
    assert (tree.detail[truth == 2] == -1).all()  # chit-chat among chit-chat: no job
    off = build_tree(vectors, passages, talk.tolist(), readmit=0)
    assert (off.detail[missed] == -1).all()
    assert (off.detail[talk] == tree.detail[talk]).all()  # the jobs are what the job talk made
    # Inside a long answer (rows 0-3: one passage of four sentences) the classifier's word on a sentence stands.
    long_answer = [0, 0, 0, 0] + passages[4:]
    talk[2] = False
    assert build_tree(vectors, long_answer, talk.tolist()).detail[2] == -1


def test_join_neighbours_jobs_needs_a_neighbourhood_of_job_talk() -> None:
    from pipelines.hierarchy import READMIT_LOOK, join_neighbours_jobs

    rng = np.random.default_rng(6)
    units, truth = _blobs(_unit(rng.normal(size=(2, 16))), READMIT_LOOK + 2, 0.05)
    talk = truth == 0
    talk[1] = False  # left out, among job talk
    talk[-1] = True  # job talk among chit-chat: the chit-chat beside it still has mostly chit-chat neighbours
    labels = np.where(talk, 7, -1)
    joined = join_neighbours_jobs(units, labels, talk, share=0.8)
    assert joined[1] == 7
    assert (joined[(truth == 1) & ~talk] == -1).all()
    assert (join_neighbours_jobs(units, labels, talk, share=0) == labels).all()


def test_a_request_left_out_with_its_like_follows_those_that_joined_at_its_edge() -> None:
    from pipelines.hierarchy import join_neighbours_jobs

    # A chain of requests: 0-29 job talk in job 7, 30-39 left out by the classifier, each nearer the job than the
    # next; far away, chit-chat with no job talk at all.
    angles = np.arange(40) * 0.02
    chain = np.zeros((40, 16), np.float32)
    chain[:, 0], chain[:, 1] = np.cos(angles), np.sin(angles)
    chit_chat, _ = _blobs(_unit(np.eye(1, 16, 5, dtype=np.float32)), 15, 0.05)
    units = np.vstack([chain, chit_chat])
    talk = np.zeros(len(units), bool)
    talk[:30] = True
    labels = np.where(talk, 7, -1)
    joined = join_neighbours_jobs(units, labels, talk, share=0.5)
    # Row 39 starts with one job-talk neighbour in ten: it joins only after the rows between have joined.
    assert (joined[30:40] == 7).all()
    assert (joined[40:] == -1).all()
    assert (joined[:30] == 7).all()
    # Rows 30-34 may not join (sentences of long answers): they count as no job talk, so the chain stops there.
    may_join = np.ones(len(units), bool)
    may_join[30:35] = False
    assert (join_neighbours_jobs(units, labels, talk, share=0.5, may_join=may_join)[30:] == -1).all()


def _left_out_like(centre: np.ndarray, n: int, seed: int) -> np.ndarray:
    """n requests the classifier left out, all alike: near `centre`, nearer still to one another."""
    rng = np.random.default_rng(seed)
    offset = _unit(rng.normal(size=(1, len(centre))))[0] * 0.25
    return _unit(centre + offset + rng.normal(0, 0.005, (n, len(centre))))


def test_join_close_jobs_takes_a_turn_no_farther_from_a_job_than_its_members() -> None:
    from pipelines.hierarchy import join_close_jobs

    rng = np.random.default_rng(7)
    centres = _unit(rng.normal(size=(2, 32)))
    members, truth = _blobs(centres, 20, 0.05)
    hello = _unit(rng.normal(size=(1, 32)))  # "Hi, thanks": far below every job's members
    units = np.vstack([members, _left_out_like(centres[1], 3, 8), hello])
    talk = np.r_[np.ones(40, bool), np.zeros(4, bool)]
    labels = np.r_[truth * 3, [-1] * 4]
    joined = join_close_jobs(units, labels, talk)
    assert joined[40:43].tolist() == [3, 3, 3]
    assert joined[43] == -1
    assert (joined[:40] == labels[:40]).all()


def test_where_jobs_are_crisp_a_left_out_request_joins_a_job_it_is_close_to_even_among_its_like() -> None:
    rng = np.random.default_rng(9)
    centres = _unit(rng.normal(size=(3, 32)))
    members, truth = _blobs(centres, 30, 0.05)
    # Twelve alike requests the classifier left out: each one's ten nearest are the others, so the neighbourhood
    # rule never takes them in; they sit as close to job 0's centroid as its members do.
    chit_chat, _ = _blobs(_unit(rng.normal(size=(1, 32))), 12, 0.05)
    units = np.vstack([members, _left_out_like(centres[0], 12, 10), chit_chat])
    talk = np.r_[np.ones(90, bool), np.zeros(24, bool)]
    passages = list(range(len(units)))
    tree = build_tree(units, passages, talk.tolist())
    job = np.bincount(tree.detail[:30][tree.detail[:30] >= 0]).argmax()
    assert (tree.detail[90:102] == job).all()
    assert (tree.detail[102:] == -1).all()  # chit-chat, far from every job, stays out
    off = build_tree(units, passages, talk.tolist(), readmit=0)
    assert (off.detail[90:] == -1).all()
    assert (off.detail[:90] == tree.detail[:90]).all()  # the jobs are what the job talk made


def test_in_diffuse_talk_a_left_out_turn_joins_by_its_neighbours_only() -> None:
    rng = np.random.default_rng(11)
    members = _unit(rng.normal(size=(200, 32)))  # no crisp jobs: the silhouette stays below MIN_STRUCTURE
    units = np.vstack([members, _left_out_like(members[0], 12, 12)])
    talk = np.r_[np.ones(200, bool), np.zeros(12, bool)]
    tree = build_tree(units, list(range(len(units))), talk.tolist())
    assert (tree.detail[:200] >= 0).mean() > 0.9
    assert (tree.detail[200:] == -1).all()


def test_centring_conversations_takes_away_what_each_one_says_throughout() -> None:
    rng = np.random.default_rng(7)
    points = _unit(rng.normal(size=(40, 16)))
    alone = centre_conversations(points, np.zeros(40, np.int64))
    assert np.array_equal(alone, points)  # one conversation: nothing to take away
    offsets = _unit(rng.normal(size=(2, 16))) * 3
    groups = np.repeat([0, 1], 20)
    shifted = _unit(points + offsets[groups])
    centred = centre_conversations(shifted, groups, prior=0)
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0, atol=1e-5)
    for group in (0, 1):
        direction = offsets[group] / np.linalg.norm(offsets[group])
        assert float((shifted[groups == group] @ direction).mean()) > 0.8
        assert abs(float((centred[groups == group] @ direction).mean())) < 0.05
    # A short conversation's mean leans on the mean of all (`prior`): its two units are not pushed to opposite poles.
    short = np.array([0] * 38 + [1] * 2)
    assert float(np.prod(centre_conversations(shifted, short, prior=0)[38:], axis=0).sum()) < -0.99
    assert float(np.prod(centre_conversations(shifted, short)[38:], axis=0).sum()) > -0.9


def test_jobs_gather_points_several_conversations_make_rather_than_one_conversation() -> None:
    rng = np.random.default_rng(8)
    jobs, talks = _unit(rng.normal(size=(3, 48))), _unit(rng.normal(size=(4, 48)))
    job = np.tile(np.repeat(np.arange(3), 15), 4)
    talk = np.repeat(np.arange(4), 45)
    # Each conversation keeps to its subject more strongly than the jobs differ.
    vectors = _unit(jobs[job] + 1.6 * talks[talk] + rng.normal(0, 0.35, (180, 48)))
    passages = list(range(len(vectors)))
    plain = build_tree(vectors, passages).detail
    centred = build_tree(vectors, passages, conversations=talk.tolist()).detail

    def purity(labels: np.ndarray, truth: np.ndarray) -> float:
        kept = labels >= 0
        return sum(np.bincount(truth[kept & (labels == k)]).max() for k in set(labels[kept].tolist())) / kept.sum()

    assert purity(plain, talk) > 0.9  # without them, jobs are the conversations
    assert purity(centred, job) > 0.9 and (centred >= 0).mean() > 0.9


def test_in_a_few_conversations_a_small_group_that_voices_a_goal_is_a_job() -> None:
    rng = np.random.default_rng(9)
    centres = _unit(rng.normal(size=(4, 48)))
    vectors, truth = _blobs(centres[:3], 12, 0.08)
    small = _unit(centres[3] + rng.normal(0, 0.08, (3, 48)))
    vectors, truth = np.vstack([vectors, small]), np.concatenate([truth, [3, 3, 3]])
    passages = list(range(len(vectors)))
    goals = [False] * len(vectors)
    goals[-2] = True  # one sentence of the small group says what its speaker wants done
    three = (np.arange(len(vectors)) % 3).tolist()
    silent = build_tree(vectors, passages, conversations=three).detail
    voiced = build_tree(vectors, passages, conversations=three, goals=goals).detail
    assert (silent[truth == 3] == -1).all()  # too small to be a job
    assert len(set(voiced[truth == 3].tolist())) == 1 and voiced[-1] >= 0
    assert voiced[-1] not in set(voiced[truth < 3].tolist())
    assert np.array_equal(voiced[truth < 3], silent[truth < 3])
    # Where more conversations than a job's least size could each say it, a goal said in three units is no job.
    many = (np.arange(len(vectors)) % 6).tolist()
    assert (build_tree(vectors, passages, conversations=many, goals=goals).detail[truth == 3] == -1).all()


def test_in_a_few_conversations_a_goal_not_read_as_job_talk_still_joins_the_jobs() -> None:
    # "What I wanted was to stop chasing": the job-talk classifier may miss a goal said in a sentence of its own; in
    # a few interviews each goal is a job's own talk, so it is clustered with the rest (readmission of short turns
    # off: it would take this one in as well).
    rng = np.random.default_rng(9)
    centres = _unit(rng.normal(size=(3, 48)))
    vectors, truth = _blobs(centres, 12, 0.08)
    passages = list(range(len(vectors)))
    talk = [True] * len(vectors)
    goals = [False] * len(vectors)
    talk[5] = False
    goals[5] = True
    three = (np.arange(len(vectors)) % 3).tolist()
    kept = build_tree(vectors, passages, talk, conversations=three, goals=goals, readmit=0).detail
    assert kept[5] >= 0 and kept[5] == kept[truth == truth[5]][0]
    assert build_tree(vectors, passages, talk, conversations=three, readmit=0).detail[5] == -1
    # Where more conversations than a job's least size take part, the classifier's word stands.
    many = (np.arange(len(vectors)) % 6).tolist()
    assert build_tree(vectors, passages, talk, conversations=many, goals=goals, readmit=0).detail[5] == -1


def test_a_job_holding_different_peoples_different_goals_is_split_and_a_shared_goal_stays_one_job() -> None:
    # A landlord's talk and goal with his tenant's goal and what she said around it, in one job: the tenant's goal
    # is a job of its own; a third person who voices no goal goes with the talk closest to theirs.
    rng = np.random.default_rng(4)
    landlord, tenant = _unit(rng.normal(size=(2, 32)))
    rows = _unit(np.vstack([landlord + rng.normal(0, 0.1, (4, 32)), tenant + rng.normal(0, 0.1, (3, 32))]))
    rows = np.vstack([rows, _unit(tenant + rng.normal(0, 0.1, (1, 32)))])
    people = ["declan"] * 4 + ["amira"] * 3 + ["pete"]
    goals = np.array([True, False, False, False, True, False, False, False])
    labels = np.zeros(len(rows), np.int64)
    unit_of = np.arange(len(rows))
    out = own_goals(rows, labels, unit_of, goals, people, rows, same=0.55)
    assert len(set(out[:4].tolist())) == 1 and len(set(out[4:].tolist())) == 1 and out[4] != out[0]
    assert {out[0], out[4]} == {0, 1}  # the larger part keeps the label; a tie, the first person's
    # Two people who say one goal ("decide the week's dinners once", "plan a week of dinners ahead") stay together.
    shared = rows.copy()
    shared[4] = _unit((rows[0] + rng.normal(0, 0.02, 32))[None])[0]
    assert (own_goals(shared, labels, unit_of, goals, people, shared, same=0.55) == 0).all()
    # One person's several goals are left as the clusterer found them.
    alone = ["declan"] * 8
    assert (own_goals(rows, labels, unit_of, goals, alone, rows, same=0.55) == 0).all()
