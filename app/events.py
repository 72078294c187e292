"""Domain events: a domain says what happened; the domains that care react, in the same transaction.

Ingest publishes InterviewReady once an interview's utterances are stored: jobs puts the new talk into existing
jobs, messaging refreshes its phrase statistics; ingest knows neither. Mining publishes JobsMined: messaging queues
its phrase refresh as a task of its own (heavy work a subscriber starts is a task, never part of the publisher's).
Subscribers register with `@subscribe(EventType)` in their own modules; SUBSCRIBER_MODULES names those modules and
the order their subscribers run in (messaging counts the job memberships jobs writes first)."""

from __future__ import annotations

import importlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy.orm import Session


@dataclass(frozen=True, slots=True)
class InterviewReady:
    """An interview's utterances, embeddings and signals are stored (first ingest or re-derivation)."""

    project_id: int
    interview_id: int


@dataclass(frozen=True, slots=True)
class JobsMined:
    """A project's jobs were mined again."""

    project_id: int


SUBSCRIBER_MODULES = ("app.services.jobs", "app.services.messaging")

Subscriber = Callable[..., None]  # subscriber(*, session, event)
_subscribers: dict[type, list[Subscriber]] = defaultdict(list)


def subscribe(event_type: type) -> Callable[[Subscriber], Subscriber]:
    """Decorator: run the function, as f(session=..., event=...), whenever an `event_type` is published."""

    def register(subscriber: Subscriber) -> Subscriber:
        if subscriber not in _subscribers[event_type]:
            _subscribers[event_type].append(subscriber)
        return subscriber

    return register


@cache
def _load_subscribers() -> None:
    for module in SUBSCRIBER_MODULES:
        importlib.import_module(module)


def _order(subscriber: Subscriber) -> int:
    module = subscriber.__module__
    return next((i for i, m in enumerate(SUBSCRIBER_MODULES) if module == m or module.startswith(m + ".")), 99)


def subscribers(event_type: type) -> list[Subscriber]:
    """The subscribers of an event type, in the order they run."""
    _load_subscribers()
    return sorted(_subscribers[event_type], key=_order)


def publish(*, session: Session, event: Any) -> None:
    """Run every subscriber of `event` in the caller's transaction; a failing one fails the caller's step."""
    for subscriber in subscribers(type(event)):
        subscriber(session=session, event=event)
