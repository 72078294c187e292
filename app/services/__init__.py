"""Use cases: the only code that touches both the database and the pipelines. Keyword-only, session first."""
