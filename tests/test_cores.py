"""`newsdesk run` without --runner / --workers: the fastest choice for the cores at hand."""

import pytest

from flows.cores import available_cores, default_workers, fastest_runner


@pytest.mark.parametrize(
    ("cores", "expected"),
    [
        (1, ("local", 1)),  # a second process would only take turns with the first
        (2, ("pipeline", 1)),  # the flow's core and the transform process's
        (4, ("pipeline", 3)),
        (16, ("pipeline", 15)),
    ],
)
def test_fastest_runner_from_the_core_count(cores, expected):
    assert fastest_runner(cores, "rules") == expected


@pytest.mark.parametrize("cores", [1, 2, 4])
def test_with_the_spacy_model_every_core_runs_the_model_in_the_local_runner(cores):
    # the model is most of a spaCy run: the pipeline runner would leave it one core fewer
    assert fastest_runner(cores, "spacy") == ("local", cores)


@pytest.mark.parametrize(
    ("runner", "cores", "workers"),
    [("local", 1, 1), ("local", 2, 2), ("pipeline", 1, 1), ("pipeline", 8, 7), ("dask", 8, 1)],
)
def test_workers_follow_a_runner_given_without_them(runner, cores, workers):
    assert default_workers(runner, cores) == workers


def test_available_cores_is_what_this_process_may_use():
    import os

    cores = available_cores()
    assert 1 <= cores <= (os.cpu_count() or cores)
