"""The spaCy model on NumPy's BLAS: the same entities and parse as spaCy's default load, one thread."""

from __future__ import annotations

from pathlib import Path

import pytest
from threadpoolctl import threadpool_info

from transforms.entities import load_ner
from transforms.quote_parse import parser
from transforms.spacy_model import MODEL, one_thread

SEED_PARAGRAPHS = [p for f in sorted(Path("seeds").glob("*.txt")) for p in f.read_text().split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def spacy_default():
    spacy = pytest.importorskip("spacy")
    return spacy.load(MODEL)


def test_models_multiply_on_numpy_and_find_what_the_default_load_finds(spacy_default):
    ner, parse = load_ner("spacy"), parser()
    for nlp in (ner, parse):
        ops = nlp.get_pipe(nlp.pipe_names[-1]).model.ops
        assert type(ops).__name__ == "NumpyOps" and ops.use_blis is False
    # spaCy's own load multiplies with BLIS: the thing replaced
    assert spacy_default.get_pipe("ner").model.ops.use_blis is True
    assert len(SEED_PARAGRAPHS) >= 10
    with one_thread():
        ents = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in ner.pipe(SEED_PARAGRAPHS)]
        arcs = [[(t.i, t.dep_, t.head.i) for t in d] for d in parse.pipe(SEED_PARAGRAPHS)]
    default = list(spacy_default.pipe(SEED_PARAGRAPHS))
    assert sum(map(len, ents)) > 20
    assert ents == [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in default]
    assert arcs == [[(t.i, t.dep_, t.head.i) for t in d] for d in default]


def test_one_thread_limits_blas_inside_the_block_only():
    def blas_threads() -> list[int]:
        return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]

    before = blas_threads()
    assert before, "NumPy's BLAS is not loaded"
    with one_thread():
        assert set(blas_threads()) == {1}
    assert blas_threads() == before
