"""Pure computation stages of Verbatim: typed dataclasses in, typed dataclasses out (see pipelines/types.py)."""
