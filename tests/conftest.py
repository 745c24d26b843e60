"""Paths shared by the tests: the repository's seeds and fixtures, and the project's shared data
(beside the repository, or where ABREGE_SHARED points)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BAD = FIXTURES / "bad"
SEED_000 = SEEDS / "000_cf5c31e41a64bb63.txt"
SEED_004 = SEEDS / "004_da247ad0e8ec085c.txt"


def shared_data(relative: str) -> Path:
    """A file of the shared data, or a skip saying it is missing."""
    base = Path(os.environ.get("ABREGE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
    path = base / "data" / relative
    if not path.exists():
        pytest.skip(f"shared data missing: {path} (set ABREGE_SHARED to the shared/ folder)")
    return path
