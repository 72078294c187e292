"""The paraphrase benchmark set: well-formed, big enough, and every query far from its target's wording."""

import json

from tests.benchmarks.search_paraphrase import SET, content_words, load_set, shared_content_words


def test_paraphrase_set_is_large_and_queries_share_at_most_one_content_word() -> None:
    items = load_set()
    assert len(items) >= 30
    assert len({item.query for item in items}) == len(items)
    assert len({item.file for item in items}) == 10  # every interview
    for item in items:
        assert item.file.endswith("-full.md") and len(item.target) >= 15
        assert len(shared_content_words(item.query, item.target)) <= 1, item
    assert set(json.loads(SET.read_text(encoding="utf-8"))) == {"about", "queries"}  # queries and locators only


def test_overlap_rule_counts_content_words_not_function_words() -> None:
    assert content_words("I really don't care about the details of my plumbing") == {"car", "detail", "plumb"}
    assert shared_content_words("nobody reads the notices", "Than probably actually read any announcements") == {"read"}
    assert shared_content_words("we save money", "saving a lot of money") == {"sav", "money"}
