"""abrege.dask on a real cluster of two worker processes: the same summaries as the library,
bad rows as error cells, JSON Lines and Parquet in and out."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict

import pytest
from conftest import REPO, SEEDS

dd = pytest.importorskip("dask.dataframe", reason="abrege[dask] is in the test extra")
distributed = pytest.importorskip("dask.distributed")
pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

import abrege.dask as abrege_dask  # noqa: E402
from abrege import AbregeError, summarize  # noqa: E402

TITLE_004 = "Washington prêt à des discussions tactiques avec les Russes"


@pytest.fixture(scope="module")
def client():
    """One cluster for the module: two worker processes of one thread each."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def frame() -> pd.DataFrame:
    """The seeds and the fixture's good articles, with titles, plus rows that cannot be
    summarised: no text, blank text, a text without any sentence. An empty title is no
    title (a block of JSON Lines without any title string would read as floats)."""
    texts = [path.read_text("utf-8") for path in SEEDS]
    for line in (REPO / "tests" / "fixtures" / "bad" / "records.jsonl").read_text().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if (
            isinstance(record, dict)
            and isinstance(record.get("text"), str)
            and record["text"].strip()
        ):
            texts.append(record["text"])
    rows = [
        {"id": f"a{i}", "text": t, "title": TITLE_004 if i % 2 else ""}
        for i, t in enumerate(texts * 3)
    ]
    rows += [
        {"id": "none", "text": None, "title": ""},
        {"id": "blank", "text": "   ", "title": "Un titre"},
        {"id": "code", "text": "window.x = new Pvp({a: 1});", "title": ""},
    ]
    return pd.DataFrame(rows)


def expected(row) -> tuple[object, object, object]:
    """What the library gives for one row: (summary, sentences as JSON text, error)."""
    if not isinstance(row["text"], str):
        return None, None, "no text"
    try:
        title = row["title"] or None
        result = summarize(row["text"], sentences=2, title=title)
    except AbregeError as error:
        return None, None, str(error)
    sentences = json.dumps([asdict(s) for s in result.sentences], ensure_ascii=False)
    return result.text, sentences, None


def check(result: pd.DataFrame, source: pd.DataFrame) -> None:
    result = result.set_index("id").loc[list(source["id"])]
    for _, row in source.iterrows():
        got = result.loc[row["id"]]
        cells = tuple(
            None if pd.isna(got[c]) else got[c] for c in ("summary", "sentences", "error")
        )
        assert cells == expected(row), row["id"]
    assert (result["error"].notna()).sum() == 3


def test_summaries_match_the_library_and_bad_rows_are_error_cells(client):
    source = frame()
    ddf = dd.from_pandas(source, npartitions=3)
    lazy = abrege_dask.summarize(ddf, text="text", title="title", id="id", sentences=2)
    assert list(lazy.columns) == [*source.columns, "summary", "sentences", "error"]
    result = lazy.compute()
    assert list(result["id"]) == list(source["id"])  # rows keep their order
    check(result, source)


def test_json_lines_read_in_blocks(client, tmp_path):
    source = frame()
    path = tmp_path / "dump.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in source.to_dict("records"))
    )
    ddf = dd.read_json(str(path), lines=True, blocksize=4000)
    assert ddf.npartitions > 2
    check(abrege_dask.summarize(ddf, title="title", sentences=2).compute(), source)


def test_parquet_round_trip(client, tmp_path):
    source = frame()
    dd.from_pandas(source, npartitions=2).to_parquet(tmp_path / "in")
    ddf = dd.read_parquet(tmp_path / "in")
    abrege_dask.summarize(ddf, title="title", id="id", sentences=2).to_parquet(tmp_path / "out")
    check(pd.read_parquet(tmp_path / "out"), source)


def test_options_and_columns_are_checked_before_any_work():
    ddf = dd.from_pandas(frame(), npartitions=1)
    with pytest.raises(KeyError, match="no text column 'body'"):
        abrege_dask.summarize(ddf, text="body")
    with pytest.raises(AbregeError, match="unknown method"):
        abrege_dask.summarize(ddf, method="nope")
    with pytest.raises(AbregeError, match="sentences must be at least 1"):
        abrege_dask.summarize(ddf, sentences=0)
    with pytest.raises(ValueError, match="already has output columns: summary"):
        abrege_dask.summarize(ddf.assign(summary="x"))
