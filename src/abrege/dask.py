"""Summaries beyond one machine: a Dask DataFrame in, the same with summaries out.

In the style of ``xgboost.dask``: the function takes a Dask collection, returns a lazy one and
lets the cluster do the rest, so ``dd.read_parquet(...)`` → :func:`summarize` →
``.to_parquet(...)`` runs on every worker of a cluster without collecting anything on the
client. Each partition is summarised row by row with :func:`abrege.summarize`; a bad row (no
text, not a string, no sentence, even a bug) gets its reason in the ``error`` column instead of
failing its partition, which would cost every other row of it and, after retries, the job.

Needs ``pip install 'abrege[dask]'``.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import dask.dataframe as dd
import pandas as pd

from .batch import SummaryOptions, one_blas_thread, summarise_item
from .methods import get
from .pipeline import check_budget
from .read import Article, Failure

OUTPUT_COLUMNS = ("summary", "sentences", "error")
_LOG = logging.getLogger("abrege.dask")


def summarize(
    ddf: dd.DataFrame,
    text: str = "text",
    title: str | None = None,
    id: str | None = None,
    **summarize_options: Any,
) -> dd.DataFrame:
    """A lazy Dask DataFrame: the columns of ``ddf`` plus ``summary`` (the summary's text),
    ``sentences`` (JSON text: the chosen sentences with ``index``, ``text``, ``start``, ``end``,
    ``score``, as ``abrege -f json`` gives them; offsets into the row's text) and ``error``
    (missing, or why the row has no summary, in one line), all nullable strings. Rows keep
    their partitions and order.

    ``text``: the column holding the article; ``title``: the column holding its headline, which
    helps the ``news`` method (a missing or empty title means none); ``id``: a column naming the
    row in the workers' log when it fails (logger ``abrege.dask``). ``summarize_options`` are
    those of :func:`abrege.summarize`: ``sentences``, ``words``, ``ratio``, ``method``; they are
    checked here, before any work is sent to the cluster.
    """
    options = SummaryOptions(**summarize_options)
    if options.title is not None:
        raise TypeError("give the title per row, with title=COLUMN")
    get(options.method)  # an unknown method is refused here, not on every row
    check_budget(options.sentences, options.words, options.ratio)
    for role, column in (("text", text), ("title", title), ("id", id)):
        if column is not None and column not in ddf.columns:
            raise KeyError(f"no {role} column {column!r} (columns: {', '.join(ddf.columns)})")
    clash = [name for name in OUTPUT_COLUMNS if name in ddf.columns]
    if clash:
        raise ValueError(f"the input already has output columns: {', '.join(clash)}")
    # Nullable strings: a missing cell is <NA> in pandas and null in Parquet.
    meta = ddf._meta.assign(**{name: pd.Series([], dtype="string") for name in OUTPUT_COLUMNS})
    return ddf.map_partitions(summarise_partition, text, title, id, options, meta=meta)


def summarise_partition(
    part: pd.DataFrame,
    text: str,
    title: str | None,
    id: str | None,
    options: SummaryOptions,
) -> pd.DataFrame:
    """One partition with its three output columns (a plain pandas function, so it can be
    used on a pandas DataFrame too)."""
    texts = part[text].tolist()
    titles = part[title].tolist() if title is not None else [None] * len(texts)
    ids = part[id].tolist() if id is not None else [None] * len(texts)
    summaries: list[str | None] = []
    sentences: list[str | None] = []
    errors: list[str | None] = []
    with one_blas_thread():  # parallelism comes from the cluster's worker processes
        for value, headline, ident in zip(texts, titles, ids):
            result = summarise_item(_article(value, headline, ident), options)
            if isinstance(result, str):
                _LOG.warning("%s: %s", "row" if ident is None else f"id {ident}", result)
                summaries.append(None)
                sentences.append(None)
                errors.append(result)
            else:
                summaries.append(result.summary.text)
                sentences.append(
                    json.dumps(result.summary.to_dict()["sentences"], ensure_ascii=False)
                )
                errors.append(None)
    columns = {"summary": summaries, "sentences": sentences, "error": errors}
    return part.assign(
        **{
            name: pd.Series(values, index=part.index, dtype="string")
            for name, values in columns.items()
        }
    )


def _article(value: object, headline: object, ident: object) -> Article | Failure:
    """A row as the batch code sees an article; what is not text is a failure of the row."""
    if not isinstance(value, str):
        missing = value is None or (isinstance(value, float) and value != value) or value is pd.NA
        return Failure("", "no text" if missing else "text is not a string", ident)
    clean_title = headline.strip() if isinstance(headline, str) else ""
    return Article("", value, ident, title=clean_title or None)
