"""Messaging: four services over customers' words.

- `phrases`: the phrase registry (families of clauses) and its statistics, refreshed when talk or jobs change;
- `feed`: approved statements and ranked phrases for programs and copy tests, paged by cursor;
- `copy_tests` and `copy_events`: copy tests, their analysis and their idempotent events;
- `learning`: what ended tests teach phrases and jobs (tests run, wins, mean lift).

They return the typed bodies of app/schemas/messaging.py. The names below are the package's public surface."""

from app.services.messaging.copy_events import record_events
from app.services.messaging.copy_tests import create_test, get_test, list_tests, read_test, update_test
from app.services.messaging.feed import default_min_people, feed, phrases, quotes_for, statements_for
from app.services.messaging.learning import job_performance, refresh_learning, winning_words
from app.services.messaging.phrases import link_phrases, on_jobs_mined, on_talk_changed, refresh_phrases, stale

__all__ = [
    "create_test",
    "default_min_people",
    "feed",
    "get_test",
    "job_performance",
    "link_phrases",
    "list_tests",
    "on_jobs_mined",
    "on_talk_changed",
    "phrases",
    "quotes_for",
    "read_test",
    "record_events",
    "refresh_learning",
    "refresh_phrases",
    "stale",
    "statements_for",
    "update_test",
    "winning_words",
]
