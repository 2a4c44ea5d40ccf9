"""End-to-end throughput into DuckDB at scale, time per stage, peak memory, and spaCy's share.

    # the issue's 10k and 100k, --ner rules (`make bench`; about 10 min on 2 cores)
    uv run python benchmarks/bench_pipeline.py
    BENCH_FULL=1 uv run python benchmarks/bench_pipeline.py     # adds 1,000,000 (about 2.8 GB of JSONL)
    BENCH_SIZES=10000,30000 uv run python benchmarks/bench_pipeline.py   # sizes of your choice
    BENCH_SIZES=0 uv run python benchmarks/bench_pipeline.py    # Part 2 only; BENCH_SPACY_N=0: Part 1 only

Part 1 runs the `ingest` flow (`--ner rules`, `--runner pipeline`, batch size 1000; BENCH_RUNNER=local
and BENCH_BATCH=500 give the one-process runner and the old batch size) over corpora replicated
from ../shared/benchmarks/corpora/news_text.jsonl by `make_corpus.py` (new ids, URLs and an
"Updated <date>." line per replica, so nothing is skipped as a duplicate), each size in a fresh
process into a fresh database, and prints seconds per stage, articles/s, the peak RSS of that
process and of the pipeline runner's transform process, the peak RSS of the whole run sampled every
second (the flow, the transform process and the temporary Prefect server together; target: at most
2 GB at 1,000,000 articles), and the growth ratio (target: at most 1.1x linear, e.g. 100k in 11x the
10k time; peak RSS flat with size). With the pipeline runner the
stage times of the two processes overlap.

Part 2 runs the flow with spaCy NER (`--ner spacy` with the runner and model processes `newsdesk run`
picks on the machine when not told, `flows/cores.py`: `--runner local --workers 2` on 2 cores) over
the first BENCH_SPACY_N (default 1,000) articles, then spaCy's NER alone (the same model and pipes, `nlp.pipe` with
n_process=2) over the same cleaned bodies the flow stored, and prints pipeline speed / spaCy speed
(target >= 0.8). spaCy alone runs twice: loaded as spaCy loads it (the target's reference), and as
the flow's NER loads it (NumPy's BLAS, one thread per process; transforms/spacy_model.py). Last,
spaCy's full pipeline (every component, as a parse-based extractor runs it) over the same bodies
(target: the flow at least 1.1x its speed). BENCH_SPACY_N=2520 runs it over the whole corpus.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from benchmarks.make_corpus import SOURCE, make_corpus
from flows.cores import available_cores, fastest_runner, polars_threads

ROOT = Path(__file__).resolve().parents[1]

STAGES = (
    "clean",
    "compare",
    "near-duplicates",
    "sentences",
    "entities",
    "quotes",
    "validate",
    "person evidence",
    "load",
    "people",
)
BATCH = int(os.environ.get("BENCH_BATCH", "1000"))
RUNNER = os.environ.get("BENCH_RUNNER", "pipeline")


def child_env(home: str, runner: str | None = None) -> dict[str, str]:
    """A private Prefect home per run, quiet logs: runs do not share (or lock) a Prefect database.
    With `runner`, Polars' threads are what `newsdesk run` gives that runner (`flows/cores.py`)."""
    env = dict(
        os.environ,
        PREFECT_HOME=home,
        PREFECT_LOGGING_LEVEL="ERROR",
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120",
    )
    threads = polars_threads(runner, available_cores()) if runner else None
    if threads and "POLARS_MAX_THREADS" not in os.environ:
        env["POLARS_MAX_THREADS"] = str(threads)
    return env


def run_flow(corpus: str, db: str, ner: str, workers: int, batch_size: int, runner: str) -> dict:
    """(In the child) one ingest run; its timings, counts, and the peak RSS of this process and of
    its finished children (the pipeline runner's transform process; spaCy's worker processes)."""
    from flows.ingest import ingest

    summary = ingest(sources=[corpus], db_path=db, batch_size=batch_size, ner=ner, workers=workers, runner=runner)
    usage, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": summary.seconds,
        "stages": summary.stage_seconds,
        "seen": summary.seen,
        "new": summary.new,
        "loaded": summary.loaded,
        "cpu": usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime,
        "rss_mb": usage.ru_maxrss / 1024,
        "child_rss_mb": children.ru_maxrss / 1024,
    }


def tree_rss_mb(pid: int) -> float:
    """RSS (MB) of process `pid` and all its descendants now; processes that end meanwhile count 0."""
    try:
        procs = [psutil.Process(pid)]
        procs += procs[0].children(recursive=True)
    except psutil.NoSuchProcess:
        return 0.0
    total = 0
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += proc.memory_info().rss
    return total / 2**20


def in_child(args: list[str], home: str, runner: str | None = None) -> dict:
    """Run this script with `args` in a fresh process; its last stdout line is JSON, to which
    `tree_rss_mb` adds the peak RSS of the child's whole process tree, sampled every second
    (getrusage gives each process's own peak, which need not fall at the same moment)."""
    proc = subprocess.Popen(
        [sys.executable, __file__, *args],
        env=child_env(home, runner),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0.0]

    def sample_tree() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(proc.pid))
            time.sleep(1.0)

    sampler = threading.Thread(target=sample_tree, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    sampler.join()
    if proc.returncode:
        sys.exit(f"child run failed ({' '.join(args)}):\n{stderr[-3000:]}")
    return {**json.loads(stdout.strip().splitlines()[-1]), "tree_rss_mb": peak[0]}


def spacy_alone(db: str, workers: int, load: str) -> dict:
    """(In the child) spaCy's NER alone over the article bodies the flow stored in `db`. `load`:
    "default" loads the model as spaCy does (matrix products on BLIS), "flow" as the flow's NER does
    (NumPy's BLAS, one thread per process: transforms/spacy_model.py), "all" with every component as
    spaCy loads it (tagger, parser, NER, lemmatizer: what a parse-based quote extractor runs)."""
    import contextlib

    import duckdb
    import spacy

    from transforms.entities import load_ner
    from transforms.spacy_model import MODEL, one_thread

    con = duckdb.connect(db, read_only=True)
    bodies = [r[0] for r in con.sql("select body from articles order by article_id").fetchall()]
    con.close()
    t0 = time.perf_counter()
    if load == "all":
        nlp = spacy.load(MODEL)
    else:
        nlp = spacy.load(MODEL, enable=["ner"]) if load == "default" else load_ner("spacy")
    with one_thread() if load == "flow" else contextlib.nullcontext():
        n_ents = sum(len(doc.ents) for doc in nlp.pipe(bodies, n_process=workers, batch_size=64))
    return {"seconds": time.perf_counter() - t0, "articles": len(bodies), "entities": n_ents, "pipes": nlp.pipe_names}


def sample(corpus: Path, n: int, out: Path) -> Path:
    """The first `n` articles of a corpus folder, as one file."""
    lines = []
    for part in sorted(corpus.glob("part-*.jsonl")):
        with part.open(encoding="utf-8") as f:
            for line in f:
                lines.append(line)
                if len(lines) == n:
                    break
        if len(lines) == n:
            break
    out.write_text("".join(lines), encoding="utf-8")
    return out


def mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.glob("part-*.jsonl")) / 1e6


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--flow":
        source, db, ner, workers, batch, runner = sys.argv[2:8]
        print(json.dumps(run_flow(source, db, ner, int(workers), int(batch), runner)))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--spacy-alone":
        print(json.dumps(spacy_alone(sys.argv[2], int(sys.argv[3]), sys.argv[4])))
        return
    if not SOURCE.exists():
        sys.exit(f"benchmark corpus not found at {SOURCE}")
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "10000,100000").split(",") if int(s)]
    if os.environ.get("BENCH_FULL") == "1" and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    spacy_n = int(os.environ.get("BENCH_SPACY_N", "1000"))
    print(
        f"newsdesk pipeline benchmark: corpus replicated from {SOURCE.name}; --ner rules, --runner {RUNNER}, "
        f"batch {BATCH}; {os.cpu_count()} cores"
    )
    print(
        "load average at start: "
        + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        + " (other work on the machine slows the wall times)"
    )
    rows = {}
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as tmp:
        for n in sizes:
            corpus = make_corpus(n)
            r = in_child(
                ["--flow", str(corpus), f"{tmp}/rules_{n}.duckdb", "rules", "1", str(BATCH), RUNNER],
                f"{tmp}/prefect_{n}",
                RUNNER,
            )
            r["mb"] = mb(corpus)
            rows[n] = r
            load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
            print(
                f"  {n:>9,} articles: {r['seconds']:7.1f} s ({r['cpu']:.0f} CPU s), peak RSS {r['rss_mb']:6.0f} MB "
                f"(+ {r['child_rss_mb']:.0f} MB transform process); whole run {r['tree_rss_mb']:.0f} MB "
                f"incl. the Prefect server (target <= 2,048 MB at 1M: "
                f"{'ok' if r['tree_rss_mb'] <= 2048 else 'MISSED'}); "
                f"load average now {load}",
                flush=True,
            )

        print("\nPart 1: end to end into DuckDB (seconds per stage)")
        print(
            "(with --runner pipeline the stages overlap: sentences, entities and quotes run in the second "
            "process, so they add up to more than the total)"
        )
        head = (
            f"{'articles':>10} {'MB in':>7} "
            + " ".join(f"{s[:9]:>9}" for s in STAGES)
            + (
                f" {'total s':>8} {'CPU s':>7} {'art/s':>7} {'MB/s':>6} {'peak RSS MB':>11} {'+ child MB':>10} "
                f"{'run MB':>7}"
            )
        )
        print(head)
        for n, r in rows.items():
            print(
                f"{n:>10,} {r['mb']:7.0f} "
                + " ".join(f"{r['stages'].get(s, 0):9.1f}" for s in STAGES)
                + (
                    f" {r['seconds']:8.1f} {r['cpu']:7.1f} {n / r['seconds']:7.0f} {r['mb'] / r['seconds']:6.2f} "
                    f"{r['rss_mb']:11.0f} {r['child_rss_mb']:10.0f} {r['tree_rss_mb']:7.0f}"
                )
            )
        base = min(rows, default=0)
        for n in sorted(rows):
            if n != base:
                ratio = rows[n]["seconds"] / rows[base]["seconds"]
                linear = n / base
                print(
                    f"time {n:,} / {base:,}: {ratio:.2f}x for {linear:.0f}x the articles (target <= "
                    f"{linear * 1.1:.1f}x: "
                    f"{'ok' if ratio <= linear * 1.1 else 'MISSED'}); CPU time "
                    f"{rows[n]['cpu'] / rows[base]['cpu']:.2f}x; "
                    f"peak RSS {rows[n]['rss_mb'] / rows[base]['rss_mb']:.2f}x, whole run "
                    f"{rows[n]['tree_rss_mb'] / rows[base]['tree_rss_mb']:.2f}x"
                )

        if not spacy_n:
            return
        print(
            f"\nPart 2: with spaCy NER, {spacy_n:,} articles (the first of the corpus), 2 processes; "
            "load average " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
        )
        small = sample(make_corpus(max(spacy_n, min(sizes, default=0))), spacy_n, Path(tmp) / "spacy_sample.jsonl")
        db = f"{tmp}/spacy.duckdb"
        # the runner and model processes `newsdesk run` picks on this machine when not told (flows/cores.py)
        runner, n_workers = fastest_runner(available_cores(), "spacy")
        pipe = in_child(
            ["--flow", str(small), db, "spacy", str(n_workers), str(BATCH), runner], f"{tmp}/prefect_spacy", runner
        )
        # the target's reference is spaCy as its users load it; the second row loads it as the flow does
        alone = in_child(["--spacy-alone", db, "2", "default"], f"{tmp}/prefect_spacy")
        alone_flow = in_child(["--spacy-alone", db, "2", "flow"], f"{tmp}/prefect_spacy")
        full = in_child(["--spacy-alone", db, "2", "all"], f"{tmp}/prefect_spacy")
        print(f"{'':<34} {'seconds':>8} {'articles/s':>10}")
        print(f"{'newsdesk pipeline (--ner spacy)':<34} {pipe['seconds']:8.1f} {pipe['new'] / pipe['seconds']:10.1f}")
        print(f"  (the defaults here: --runner {runner} --workers {n_workers})")
        for label, run in (
            (f"spaCy NER alone {alone['pipes']}", alone),
            ("  same, loaded as the flow's NER", alone_flow),
            ("spaCy full pipeline (every component)", full),
        ):
            print(f"{label:<34} {run['seconds']:8.1f} {run['articles'] / run['seconds']:10.1f}")
        stages = ", ".join(f"{s} {pipe['stages'].get(s, 0):.1f}" for s in STAGES)
        print(f"pipeline stages (s): {stages}")
        ratio = (pipe["new"] / pipe["seconds"]) / (alone["articles"] / alone["seconds"])
        print(f"pipeline speed / spaCy NER speed: {ratio:.2f}x (target >= 0.8: {'ok' if ratio >= 0.8 else 'MISSED'})")
        print(
            f"against spaCy loaded as the flow's NER is: "
            f"{(pipe['new'] / pipe['seconds']) / (alone_flow['articles'] / alone_flow['seconds']):.2f}x"
        )
        ratio_full = (pipe["new"] / pipe["seconds"]) / (full["articles"] / full["seconds"])
        print(
            f"pipeline speed / spaCy full pipeline speed: {ratio_full:.2f}x "
            f"(target >= 1.1: {'ok' if ratio_full >= 1.1 else 'MISSED'}; {full['pipes']})"
        )


if __name__ == "__main__":
    main()
