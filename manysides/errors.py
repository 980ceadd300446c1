"""The package's one error tree.

    ManysidesError            every error manysides raises on purpose
    ├── InputError            an input we cannot read or use (names the input, says what to do)
    │   └── FetchError        a URL we would not or could not fetch
    ├── UsageError            the library was called wrongly (bad option, bad value)
    └── DependencyError       an optional part is not installed (says the pip command)
"""

from __future__ import annotations

__all__ = ["ManysidesError", "InputError", "FetchError", "UsageError", "DependencyError"]


class ManysidesError(Exception):
    """Base of every error manysides raises on purpose."""

    exit_code = 1


class InputError(ManysidesError):
    """An input cannot be read or used; the message names it and says what to do."""

    exit_code = 2

    def __init__(self, source: str, problem: str, remedy: str = "") -> None:
        self.source = source
        self.problem = problem
        self.remedy = remedy
        message = f"{source}: {problem}"
        if remedy:
            message += f" — {remedy}"
        super().__init__(message)

    def __reduce__(self):  # survives pickling (batch workers and the parse process send errors back)
        return (type(self), (self.source, self.problem, self.remedy))


class FetchError(InputError):
    """A URL was refused (scheme, private address, size) or could not be fetched."""

    exit_code = 3


class UsageError(ManysidesError):
    """The library or CLI was called with an option it cannot honour."""

    exit_code = 64


class DependencyError(ManysidesError):
    """An optional dependency is missing; the message gives the install command."""

    exit_code = 69
