"""The README's ``>>>`` examples run as written, from the repository root (they open
``seeds/...``), so the documentation cannot drift from what the library does.

Each fenced Python block holding ``>>>`` is one doctest (the fence itself is not expected
output); blocks share their names, as a reader's session would. ELLIPSIS lets an example
shorten a long value with ``...``; NORMALIZE_WHITESPACE lets it wrap."""

from __future__ import annotations

import doctest
import re

from conftest import REPO

README = REPO / "README.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)


def test_readme_examples_run_as_shown(monkeypatch):
    monkeypatch.chdir(REPO)
    text = README.read_text("utf-8")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    names: dict = {}
    for block in _BLOCK.finditer(text):
        if ">>>" not in block.group(1):
            continue
        line = text.count("\n", 0, block.start(1))
        test = parser.get_doctest(block.group(1), names, "README.md", str(README), line)
        runner.run(test, clear_globs=False)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0, "the README has no >>> example left to check"
    assert result.failed == 0, f"{result.failed} README example(s) out of date (see above)"


def test_ci_runs_exactly_the_readmes_test_command():
    """What a contributor runs from the README is what CI runs (.ci/run then adds the suite on
    the other Pythons of the supported range)."""
    readme = README.read_text("utf-8")
    [command] = [
        line
        for line in readme.splitlines()
        if line.startswith("python3 -m venv") and "pytest" in line
    ]
    assert "mypy src" in command and "pip install -e " in command
    ci = (REPO / ".ci" / "run").read_text("utf-8").splitlines()
    assert command in ci
