"""What a long batch shows while it runs: done / total, rate and ETA on stderr (tqdm), then one
line ``N summarised, M failed in T s``. Messages about single articles go through it, so they
never tear the bar."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts results; shows them only when ``enabled`` (the caller decides: stderr is a
    terminal, or ``--progress``). ``total`` is None when the input's size is not known in
    advance (a compressed dump, standard input): the bar then shows the count and the rate.
    ``initial`` is what an earlier, resumed run already did."""

    def __init__(
        self,
        enabled: bool,
        total: int | None = None,
        initial: int = 0,
        stream: TextIO | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        self.summarised = self.failed = 0
        self.initial = initial
        self.start = time.perf_counter()
        self.bar = None
        if enabled:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked later
            self.bar = tqdm(
                total=total,
                initial=initial,
                unit=" art",
                file=self.stream,
                mininterval=0.5,
                smoothing=0.05,
                dynamic_ncols=True,
            )

    def add(self, failed: bool) -> None:
        if failed:
            self.failed += 1
        else:
            self.summarised += 1
        if self.bar is not None:
            self.bar.update(1)

    @property
    def done(self) -> int:
        """Articles done, those of a resumed run included."""
        return self.initial + self.summarised + self.failed

    def message(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream)

    def close(self, finished: bool = True) -> None:
        """Remove the bar; print the final count line when the bar was shown."""
        if self.bar is None:
            return
        if finished and self.bar.total is not None and self.bar.n != self.bar.total:
            self.bar.total = self.bar.n  # the total counted blank lines too
            self.bar.refresh()
        self.bar.close()
        self.bar = None
        seconds = time.perf_counter() - self.start
        before = f" ({self.initial} done before)" if self.initial else ""
        print(
            f"{self.summarised} summarised, {self.failed} failed in {seconds:.1f} s{before}",
            file=self.stream,
            flush=True,
        )
