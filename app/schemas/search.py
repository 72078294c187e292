from pydantic import BaseModel


class SearchHit(BaseModel):
    utterance_id: int
    text: str
    verbatim: str
    score: float
    interview_id: int
    interview_title: str
    speaker: str
    role: str
    start: float | None
    end: float | None
    context_before: str
    context_after: str


class SearchResults(BaseModel):
    query: str
    hits: list[SearchHit]
