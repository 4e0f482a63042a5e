"""Exceptions that carry a one-line, user-facing message."""

from __future__ import annotations


class RevtrackError(Exception):
    """Base class: ``str(error)`` is a complete one-line message for the user."""

    exit_code = 2


class InputError(RevtrackError):
    """A file given to revtrack cannot be used (missing, binary, bad encoding...)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class StoreError(RevtrackError):
    """The store is missing, foreign, damaged or from an unknown schema version."""


class NotFoundError(RevtrackError):
    """An id prefix matched nothing, or more than one thing."""
