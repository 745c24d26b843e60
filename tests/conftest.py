"""Shared test helpers: where the seeds and the shared data are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))
SHARED = Path(os.environ.get("ABREGE_SHARED", REPO.parent / "shared"))
SRC = REPO / "src"

# Tests exercise src/ as edited, never an installed copy: pytest's `pythonpath` covers this
# process, and subprocesses (`python -m abrege ...`) inherit src/ first on PYTHONPATH.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])]
)


def shared_file(relative: str) -> Path:
    """A file of ../shared/data, or a skip that says plainly what is missing and why."""
    path = SHARED / "data" / relative
    if not path.exists():
        pytest.skip(
            f"{path} not found: this test needs the shared data folder beside the repo "
            "(or ABREGE_SHARED=/path/to/shared)"
        )
    return path
