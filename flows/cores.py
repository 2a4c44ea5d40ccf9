"""The runner and number of NER model processes `newsdesk run` uses when not told: the fastest for
the cores this process may run on."""

from __future__ import annotations

import os


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, which containers and `taskset` narrow), else
    the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def default_workers(runner: str, cores: int) -> int:
    """NER model processes (`--workers`) for `runner` on `cores` cores: with `pipeline` the flow
    process keeps one core for reading, comparing, validating and loading and the model gets the
    rest; with `local` the model gets them all between the other stages; a Dask cluster has its own."""
    if runner == "pipeline":
        return max(1, cores - 1)
    if runner == "local":
        return max(1, cores)
    return 1


def fastest_runner(cores: int, ner: str) -> tuple[str, int]:
    """(`--runner`, `--workers`) for `cores` cores and the entity recogniser `ner`.

    With `rules`: `pipeline` from 2 cores on (the transforms of one batch overlap the loading of the
    one before and the reading of the next: about 2x `local` on 2 cores, `docs/scale.md`), `local`
    on one (a second process would only take turns with it). With `spacy` the model is most of the
    work, so it gets every core between the other stages: `local` (1,000 articles on 2 cores, in
    batches of 250: 33.6 s `local` with 2 model processes, 37.1 s `pipeline` with 2, 42.9 s
    `pipeline` with 1).
    """
    runner = "pipeline" if cores >= 2 and ner == "rules" else "local"
    return runner, default_workers(runner, cores)


def polars_threads(runner: str, cores: int) -> int | None:
    """Polars threads for each process of a run with `runner` on `cores` cores, or None for Polars'
    default (one per core). The pipeline runner keeps three processes busy (the flow's and two
    transform processes), and more threads than cores only add contention: one each on 2 cores
    (100k articles: 3-10% less CPU in all and 170 MB less in the larger transform process; the wall
    time moves less than one run's noise, `docs/scale.md`)."""
    return max(1, cores // 3) if runner == "pipeline" else None
