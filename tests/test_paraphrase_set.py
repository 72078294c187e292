"""The paraphrase benchmark sets: well-formed, big enough, and every query far from its target's wording."""

import json

import pytest

from tests.benchmarks.search_paraphrase import SETS, content_words, load_set, shared_content_words


@pytest.mark.parametrize("name", sorted(SETS))
def test_paraphrase_set_is_large_and_queries_share_at_most_one_content_word(name: str) -> None:
    items = load_set(SETS[name])
    assert len(items) >= 30
    assert len({item.query for item in items}) == len(items)
    assert len({item.file for item in items}) == 10  # every interview
    for item in items:
        assert item.file.endswith("-full.md") and len(item.target) >= 15
        assert len(shared_content_words(item.query, item.target)) <= 1, item
    assert set(json.loads(SETS[name].read_text(encoding="utf-8"))) == {"about", "queries"}  # queries and locators


def test_heldout_set_shares_no_query_or_target_with_the_dev_set() -> None:
    dev, heldout = load_set(SETS["dev"]), load_set(SETS["heldout"])
    assert not {item.query for item in dev} & {item.query for item in heldout}
    for item in heldout:
        assert not any(d.file == item.file and (d.target in item.target or item.target in d.target) for d in dev)


def test_overlap_rule_counts_content_words_not_function_words() -> None:
    assert content_words("I really don't care about the details of my plumbing") == {"car", "detail", "plumb"}
    assert shared_content_words("nobody reads the notices", "Than probably actually read any announcements") == {"read"}
    assert shared_content_words("we save money", "saving a lot of money") == {"sav", "money"}
