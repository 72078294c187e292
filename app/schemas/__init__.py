"""Pydantic request and response bodies, named XCreate / XRead / XUpdate."""
