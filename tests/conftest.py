"""Shared fixtures: the example story, and ../shared (skipped cleanly when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "pinewood-bridge"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared (seeds and evaluation data) is not beside the repo")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_brief():
    """The example story's brief, built once for the session (real models)."""
    from manysides import brief

    return brief([str(EXAMPLE)])


@pytest.fixture(scope="session")
def seeds_brief(seeds_dir: Path):
    from manysides import brief

    return brief([str(seeds_dir)])
