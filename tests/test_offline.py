"""abrege must work right after install on a machine with no network and no NLTK data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS

# Runs in a fresh interpreter: sockets raise before anything of abrege is imported, so any
# attempt to download (nltk.download, a hub, an HTTP fetch) fails the run loudly.
_NO_NETWORK = """
import socket, sys
def _refuse(*args, **kwargs):
    raise RuntimeError("network access attempted")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
from abrege.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_offline(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    empty = tmp_path / "nltk_data"
    empty.mkdir(exist_ok=True)
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", _NO_NETWORK, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )


def test_summarises_both_seeds_without_network_or_nltk_data(tmp_path):
    result = run_offline(tmp_path, "--format", "json", *map(str, SEEDS))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    items = json.loads(result.stdout)
    assert [item["source"] for item in items] == list(map(str, SEEDS))
    for item, path in zip(items, SEEDS):
        text = path.read_text(encoding="utf-8")
        assert 1 <= len(item["sentences"]) <= 3
        for s in item["sentences"]:
            assert text[s["start"] : s["end"]] == s["text"]
