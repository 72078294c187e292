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


# --------------------------------------------------------------------------- the feed and phrases


class Performance(BaseModel):
    """What ended copy tests say of a phrase or job: tests it was in, tests it won, its mean lift."""

    tests_run: int
    wins: int
    mean_lift: float | None


class PhraseQuote(BaseModel):
    """One voicing of a phrase: the customer's own words, who said them, in which interview, when."""

    text: str
    utterance_id: int
    interview_id: int
    interview: str | None
    speaker_id: int
    speaker: str | None
    start: float | None
    end: float | None


class PhraseRead(BaseModel):
    id: int
    text: str = Field(description="The wording customers use most, verbatim.")
    kind: str
    job_id: int | None
    support: int = Field(description="Distinct interviews that voice the phrase.")
    people: int = Field(description="Distinct people who voice the phrase.")
    interviews: int
    segments: list[str]
    quote: PhraseQuote | None = Field(description="The shown wording, as first said.")
    quotes: list[PhraseQuote]
    performance: Performance


class PhraseList(BaseModel):
    phrases: list[PhraseRead]


class StatementRead(BaseModel):
    """An approved job's statement (its id is the job's), with its support and copy-test performance."""

    id: int
    job_id: int
    title: str
    text: str
    when: str
    want: str
    so: str
    support: int = Field(description="Distinct interviews behind the job.")
    evidence: dict[str, list[dict[str, Any]]] = Field(description="The quotes behind each part, by part.")
    performance: Performance


class FeedPage(BaseModel):
    statements: list[StatementRead] = Field(description="Approved statements; on the first page only.")
    phrases: list[PhraseRead]
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


# --------------------------------------------------------------------------- copy tests


class VariantRead(BaseModel):
    id: int
    text: str
    is_control: bool
    phrase_ids: list[int]
    statement_id: int | None
    impressions: int
    clicks: int
    conversions: int
    rate: float
    ci_low: float
    ci_high: float
    prob_best: float
    expected_loss: float
    lift: float | None


class ComparisonRead(BaseModel):
    variant_id: int
    method: str
    statistic: float
    p_value: float
    adjusted_p_value: float


class FrequentistRead(BaseModel):
    test: str
    statistic: float
    p_value: float
    dof: int | None
    fisher_p_value: float | None
    comparisons: list[ComparisonRead]


class SampleSizeRead(BaseModel):
    per_variant: int
    remaining_per_variant: int
    minimum_detectable_effect: float
    baseline_rate: float
    alpha: float
    power: float


class CopyTestRead(BaseModel):
    """A copy test with per-variant results, the frequentist test and the decision."""

    id: int
    project_id: int
    name: str
    job_id: int | None
    channel: str | None
    status: Literal["running", "concluded", "stopped"]
    metric: str
    created_at: str
    ended_at: str | None
    variants: list[VariantRead]
    frequentist: FrequentistRead
    decision: str
    winner_variant_id: int | None
    reason: str
    sample_size: SampleSizeRead
    warnings: list[str]


class CopyTestList(BaseModel):
    copy_tests: list[CopyTestRead]


class PhraseRef(BaseModel):
    id: int
    text: str
    kind: str
    quote: PhraseQuote | None = None  # the voicing the phrase is shown in: who said it, where, when


class WinningWords(BaseModel):
    """Copy that won its test, and the customer words it used."""

    copy_test_id: int
    test: str
    channel: str | None
    job_id: int | None
    text: str
    is_control: bool
    lift: float | None
    rate: float
    control_rate: float
    phrases: list[PhraseRef]
    statement_id: int | None


# --------------------------------------------------------------------------- the matrix


class MatrixGroup(BaseModel):
    value: str
    interviews: int = Field(description="Ready interviews in the group.")


class MatrixCell(BaseModel):
    group: str
    interviews: int
    share: float = Field(description="Share of the group's interviews that voice the job.")


class MatrixJob(BaseModel):
    id: int
    title: str
    status: str
    interviews: int
    cells: list[MatrixCell]


class MatrixRead(BaseModel):
    by: str
    groups: list[MatrixGroup]
    jobs: list[MatrixJob]
