"""The one error envelope every API error is answered with, as the OpenAPI schema shows it."""

from typing import Any

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    code: str = Field(description="Stable, machine-readable; the route's documentation lists the codes it can send.")
    message: str = Field(description="Written for people; never holds server paths or stack traces.")
    details: Any = Field(None, description="Structured context where there is some (fields, limits, ids).")


class ErrorEnvelope(BaseModel):
    error: ErrorBody
