"""The evidence-loss benchmark's stage rule, on made-up fates."""

from tests.benchmarks.evidence_losses import lost_where


def _lost(**overrides):
    fates = {
        "located": True,
        "in_stored_job": False,
        "clustered": [False],
        "talk": [False],
        "turn_sizes": [8],
    }
    return lost_where(**{**fates, **overrides})


def test_a_quote_in_a_job_is_not_lost() -> None:
    assert _lost(in_stored_job=True) is None


def test_each_stage_is_named_by_the_first_that_held_the_quote() -> None:
    assert _lost(located=False, clustered=[], talk=[], turn_sizes=[]) == "not located"
    assert _lost(clustered=[False, True], talk=[True, True]) == "dropped after clustering"
    assert _lost(talk=[False, True], turn_sizes=[8, 8]) == "clustered out"
    assert _lost() == "not job talk, long turn"
    # One sentence in a short turn is enough for readmission to have had its chance.
    assert _lost(talk=[False, False], turn_sizes=[8, 2], clustered=[False, False]) == "not job talk, short turn"
