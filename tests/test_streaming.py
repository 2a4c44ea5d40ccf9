"""Streaming: the flow pulls one batch of records, loads it, then pulls the next (memory stays bounded)."""

import duckdb
import pytest

import flows.batch as batch_module
import flows.ingest as ingest_module
from flows.batch import batches
from flows.ingest import ingest
from flows.readers import RawArticle, Reject


class CountingSource:
    """Stands in for `read_source`: yields `n` articles per file and counts how many were pulled."""

    def __init__(self, n: int):
        self.n = n
        self.pulled = 0

    def __call__(self, source: str):
        for i in range(self.n):
            self.pulled += 1
            if i == 3:
                yield Reject(source, "read", "malformed JSON", "{")
            yield RawArticle(
                source=source,
                external_id=f"{source}-{i}",
                url=f"https://news.example/{source}/{i}",
                title=f"Story {i} from {source}",
                body=f"Officials in Leeds met on day {i}. The mayor said the plan for route {i} would go ahead.",
            )


def test_batches_pull_only_what_one_batch_needs(monkeypatch):
    source = CountingSource(1_000_000)
    monkeypatch.setattr(batch_module, "read_source", source)
    stream = batches(["a.jsonl", "b.jsonl"], 25)
    records, rejects = next(stream)
    assert len(records) == 25 and source.pulled == 25 and len(rejects) == 1
    records, rejects = next(stream)
    assert source.pulled == 50 and rejects == [] and records[0].external_id == "a.jsonl-25"


@pytest.mark.usefixtures("prefect_harness")
def test_each_batch_is_loaded_before_the_next_is_read(monkeypatch, db_path):
    source = CountingSource(23)
    monkeypatch.setattr(batch_module, "read_source", source)
    pulled_at_load = []
    real_load = batch_module.load

    def load(db, tables):
        pulled_at_load.append(source.pulled)
        return real_load(db, tables)

    monkeypatch.setattr(batch_module, "load", load)
    # two files of 23 articles in batches of 10: a batch may span the two files
    monkeypatch.setattr(ingest_module, "list_sources", lambda sources: (["a.jsonl", "b.jsonl"], []))
    summary = ingest(sources=["a.jsonl"], db_path=str(db_path), batch_size=10, ner="rules")
    assert pulled_at_load == [10, 20, 30, 40, 46]
    assert (summary.seen, summary.new, summary.rejected) == (46, 46, 2)
    con = duckdb.connect(str(db_path), read_only=True)
    assert con.sql("select count(*) from articles").fetchall()[0][0] == 46


def test_jsonl_reader_yields_an_article_before_the_file_is_written_to_the_end(tmp_path):
    """A FIFO whose writer holds back the second line until the reader has yielded the first article:
    a reader that read the whole file first would only get it when the writer gives up waiting."""
    import json
    import os
    import threading

    from flows.readers.text import read_jsonl

    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    first_yielded = threading.Event()
    held_back = {}

    def writer() -> None:
        with fifo.open("w", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": "1", "title": "One", "body": "The council met on Monday."}) + "\n")
            fh.flush()
            held_back["until_first_article"] = first_yielded.wait(timeout=20)  # a safety net, not a timing
            fh.write('{"title": "broken", "body": \n')
            fh.write(json.dumps({"id": "2", "title": "Two", "body": "The mayor said yes."}) + "\n")

    thread = threading.Thread(target=writer)
    thread.start()
    items = read_jsonl(fifo)
    first = next(items)
    first_yielded.set()
    rest = list(items)
    thread.join()
    assert held_back["until_first_article"]
    assert isinstance(first, RawArticle) and first.external_id == "1"
    assert [type(i).__name__ for i in rest] == ["Reject", "RawArticle"] and rest[1].external_id == "2"
    assert rest[0].source == f"{fifo}:2" and "malformed JSON" in rest[0].reason
