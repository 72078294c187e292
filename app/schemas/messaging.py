"""Copy tests and their events."""

from typing import Any, Literal

from pydantic import BaseModel, Field

from app.schemas import DbId

MAX_EVENTS_PER_BATCH = 5000


class VariantCreate(BaseModel):
    text: str = Field(min_length=1, max_length=2000, description="The copy shown to people.")
    phrase_ids: list[DbId] = Field(default_factory=list, max_length=50, description="Feed phrases the copy uses.")
    statement_id: DbId | None = Field(None, description="The job statement the copy uses (its job's id).")


class CopyTestCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    job_id: DbId | None = None
    channel: str | None = Field(None, max_length=100, description="Where it runs: ads, landing page, email...")
    metric: Literal["conversions", "clicks"] = "conversions"
    minimum_detectable_effect: float = Field(0.2, ge=0.001, le=10, description="Relative lift the test must detect.")
    baseline_rate: float | None = Field(
        None,
        ge=1e-6,
        le=0.999,
        description="Expected control rate; pins the sample size (else the observed control rate).",
    )
    variants: list[VariantCreate] = Field(min_length=2, max_length=10, description="The first is the control.")


class CopyTestUpdate(BaseModel):
    name: str | None = Field(None, min_length=1, max_length=200)
    status: Literal["stopped"] | None = None


class EventBatch(BaseModel):
    # Events are checked one by one in the service, so a bad batch is answered with every bad event named.
    events: list[Any] = Field(min_length=1, max_length=MAX_EVENTS_PER_BATCH)


class EventsAccepted(BaseModel):
    accepted: int
    duplicates: int
