"""The `newsdesk` command line: run, people, sql, export, report, serve, docs.

A thin layer: each option is the keyword of the flow or warehouse function it calls, and library
errors become one readable line here, at the edge.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

# Prefect settings that must be in place before prefect is imported (by the flow modules).
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

app = typer.Typer(
    help=(
        "newsdesk: raw news articles in; articles, sentences, quotes with speakers and entities out, in DuckDB "
        "and Parquet."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DB_HELP = "DuckDB file (created when missing)."
DbOption = Annotated[Path, typer.Option("--db", help=DB_HELP)]
PRIVATE_HELP = (
    "Also fetch URLs whose host is loopback, private or link-local (refused by default: feed items "
    "choose the URLs fetched). Same as NEWSDESK_ALLOW_PRIVATE_URLS=1."
)
PrivateOption = Annotated[bool, typer.Option("--allow-private-urls", help=PRIVATE_HELP)]


def allow_private_urls() -> None:
    """Let this process and the ones it starts (pipeline, flow runs) fetch non-public hosts."""
    from flows.readers.fetch import ALLOW_PRIVATE_ENV

    os.environ[ALLOW_PRIVATE_ENV] = "1"


class _Explained(logging.Filter):
    """Drops Prefect's log records (and tracebacks) of errors this CLI explains in one line."""

    def __init__(self, *types: type[BaseException]) -> None:
        super().__init__()
        self.types = types

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, self.types) and not any(t.__name__ in record.getMessage() for t in self.types)


def fail(message: str) -> None:
    typer.secho(f"error: {message}", fg="red", err=True)
    raise typer.Exit(1)


@app.command()
def run(
    sources: Annotated[
        list[str] | None, typer.Argument(help="Files, folders or URLs to ingest (default: seeds/).", show_default=False)
    ] = None,
    db: DbOption = Path("warehouse/news.duckdb"),
    batch_size: Annotated[int, typer.Option(help="Articles per batch: one transaction each; bounds memory.")] = 500,
    ner: Annotated[
        str, typer.Option(help="Entity recogniser: 'spacy' (English model, accurate) or 'rules' (fast, no model).")
    ] = "spacy",
    workers: Annotated[
        int | None,
        typer.Option(
            help=(
                "Processes for the NER model (--ner spacy). Default: from the cores, all but the one the flow "
                "keeps with --runner pipeline, all with --runner local."
            ),
            show_default=False,
        ),
    ] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar over articles.")] = True,
    runner: Annotated[
        str | None,
        typer.Option(
            help=(
                "'local' (this process), 'pipeline' (transforms in a second process, overlapping reading and "
                "loading: about 2x on 2 cores) or 'dask' (per-batch transforms on a Dask cluster; needs "
                "PREFECT_API_URL). Default: the fastest for the cores this process may use and --ner: with "
                "'rules', 'pipeline' from 2 cores on, else 'local'; with 'spacy', 'local' (the model on every core)."
            ),
            show_default=False,
        ),
    ] = None,
    dask_address: Annotated[
        str | None,
        typer.Option(help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (--runner dask; default: a local cluster)."),
    ] = None,
    staging: Annotated[
        str | None,
        typer.Option(
            help="Folder or fsspec URL (s3://...) where Dask workers stage Parquet; every worker must reach it."
        ),
    ] = None,
    reprocess: Annotated[
        bool,
        typer.Option(
            help=(
                "Load again the articles already stored unchanged, rebuilding their sentences, quotes and "
                "entities with this version's rules (after an upgrade; counted as updated)."
            )
        ),
    ] = False,
    allow_private: PrivateOption = False,
    max_article_chars: Annotated[
        int,
        typer.Option(
            help=(
                "Longest article, in characters of text: a longer record goes to rejects (stage read) with its "
                "size, unprocessed."
            )
        ),
    ] = 1_000_000,
    gender: Annotated[
        bool,
        typer.Option(
            help=(
                "Infer persons' gender from the text's language (pronouns, honorifics, given names) into "
                "entities.gender; --no-gender leaves it null."
            )
        ),
    ] = True,
) -> None:
    """Ingest articles into the database and print a summary.

    Reads plain text (.txt: first line is the title), JSON Lines (.jsonl), CSV, JSON Feed, HTML
    pages, RSS/Atom feeds, WARC/ARC archives, and http(s) URLs of pages or feeds. Re-running over
    the same inputs changes nothing (unless --reprocess); a changed article replaces its rows; bad
    records go to the `rejects` table and the summary counts them. A URL is fetched within 30 s,
    5 MB (decompressed) and 5 redirects, and only from public addresses unless --allow-private-urls.
    SIGTERM stops the run between batches (the runs row says 'interrupted'; exit status 3); a
    second SIGTERM stops it at once.

    Without --runner and --workers the run uses what is fastest on the cores at hand (printed at the
    start): on 2 cores, --runner local with 2 model processes for --ner spacy, --runner pipeline for
    --ner rules.

    Example: newsdesk run seeds/ --db warehouse/news.duckdb
    """
    from flows.cores import available_cores, default_workers, fastest_runner, polars_threads

    if ner not in ("spacy", "rules"):
        fail(f"--ner must be 'spacy' or 'rules', not {ner!r}")
    cores = available_cores()
    if runner is None:
        runner, chosen = fastest_runner(cores, ner)
        workers = chosen if workers is None else workers
    elif workers is None:
        workers = default_workers(runner, cores)
    if workers < 1:
        fail("--workers must be at least 1")
    if runner not in ("local", "pipeline", "dask"):
        fail(f"--runner must be 'local', 'pipeline' or 'dask', not {runner!r}")
    if runner == "dask" and not os.environ.get("PREFECT_API_URL"):
        fail(
            "--runner dask needs a Prefect server every worker can reach: `prefect server start`, then "
            "export PREFECT_API_URL=http://<host>:4200/api"
        )
    if threads := polars_threads(runner, cores):
        # read once, when Polars is imported (by the flow's modules, below): a user's own setting stays
        os.environ.setdefault("POLARS_MAX_THREADS", str(threads))
    if allow_private:
        allow_private_urls()
    if max_article_chars < 1:
        fail("--max-article-chars must be at least 1")
    from flows.ingest import Interrupted, ingest
    from flows.summary import print_summary
    from transforms.entities import NerModelMissing
    from warehouse import WarehouseLocked

    typer.secho(f"--runner {runner} --workers {workers} ({cores} cores)", err=True, dim=True)
    explained = _Explained(WarehouseLocked, NerModelMissing, Interrupted)
    for name in ("prefect.flow_runs", "prefect.task_runs", "prefect.engine"):
        logging.getLogger(name).addFilter(explained)
    try:
        summary = ingest(
            sources=list(sources or ["seeds/"]),
            db_path=str(db),
            batch_size=batch_size,
            ner=ner,
            workers=workers,
            progress=progress,
            runner=runner,
            dask_address=dask_address,
            staging=staging,
            reprocess=reprocess,
            max_article_chars=max_article_chars,
            gender=gender,
        )
    except Interrupted as exc:
        typer.secho(
            f"stopped: {exc}; the batches loaded before it stay (runs.status 'interrupted'); run again to finish",
            fg="yellow",
            err=True,
        )
        raise typer.Exit(3) from None
    except WarehouseLocked as exc:
        fail(str(exc))
    except NerModelMissing as exc:
        fail(str(exc))
    print_summary(summary)


@app.command()
def sql(
    query: Annotated[
        str,
        typer.Argument(
            help=(
                "One SQL statement that only reads: SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN, "
                "reporting PRAGMAs."
            )
        ),
    ],
    db: DbOption = Path("warehouse/news.duckdb"),
    format: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, json or parquet (parquet needs --out).")
    ] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the result to this file instead of printing it.")] = None,
) -> None:
    """Run one read-only SQL statement on the database and print the result.

    Anything that could write (COPY, ATTACH, EXPORT, SET, INSERT, a second statement, ...) is
    refused, and the query reads no file but the database: --out is the way to save a result.

    Example: newsdesk sql "select speaker_name, count(*) from quotes group by 1 order by 2 desc"
    """
    from warehouse import WarehouseLocked
    from warehouse.query import run_query

    try:
        text = run_query(db, query, format, out)
    except WarehouseLocked as exc:
        fail(str(exc))
    except FileNotFoundError as exc:
        fail(str(exc))
    except ValueError as exc:
        fail(str(exc))
    except Exception as exc:  # duckdb errors: parser, catalog, read-only violations
        fail(f"{type(exc).__name__}: {exc}")
    if text:
        typer.echo(text)


@app.command()
def export(
    db: DbOption = Path("warehouse/news.duckdb"),
    out: Annotated[Path, typer.Option(help="Folder for the Parquet files and manifest.json.")] = Path("exports"),
    since: Annotated[
        str | None,
        typer.Option(help="Only rows of articles loaded after this run id, or from this date (YYYY-MM-DD) or time on."),
    ] = None,
    csv: Annotated[bool, typer.Option(help="Also write the small tables (entities, runs, rejects) as CSV.")] = True,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=(
                "Write into a non-empty folder that is not a previous newsdesk export (its articles/, runs/, ... "
                "folders are replaced)."
            ),
        ),
    ] = False,
) -> None:
    """Export every table to Parquet (zstd) with a manifest.json of schema version, columns, types and row counts.

    articles, sentences, quotes and mentions are Hive-partitioned by publication year and month
    (ingest date when unknown). With --since, only the articles loaded since then are written,
    each with all its rows (replace by article_id downstream); the manifest's latest_run_id is the
    --since of the next incremental export. --out must be a new or empty folder or a previous
    export (its table folders are replaced), unless --force.

    Example: newsdesk export --out exports/2026-03-04 --since 2026-03-03
    """
    from warehouse import WarehouseLocked
    from warehouse.export import export_parquet

    try:
        manifest = export_parquet(db, out, since=since, csv=csv, force=force)
    except (WarehouseLocked, FileNotFoundError, ValueError) as exc:
        fail(str(exc))
    except OSError as exc:  # permissions, a full disk
        fail(f"cannot write {out}: {exc.strerror or exc}")
    for table, info in manifest["tables"].items():
        typer.echo(f"{table:<10} {info['rows']:>9,} rows -> {info['path']}")
    typer.echo(
        f"manifest: {out / 'manifest.json'} ({manifest['mode']}, schema version "
        f"{manifest['schema_version']}, latest run {manifest['latest_run_id']})"
    )


@app.command()
def people(
    db: DbOption = Path("warehouse/news.duckdb"),
    gender: Annotated[
        bool,
        typer.Option(
            help=(
                "Infer persons' gender from the text's language into entities.gender; --no-gender clears it "
                "(it is the language of the text, not anyone's identity)."
            )
        ),
    ] = True,
    rebuild: Annotated[bool, typer.Option(help="Forget what earlier runs kept and read every article again.")] = False,
) -> None:
    """Resolve bare surnames to the one person of the corpus who carries them (table `aliases`) and set
    persons' gender, as every `newsdesk run` does at its end: for an existing database, after an
    upgrade, or to switch gender off. Decides only the names the loads since it last ran touched
    (each load keeps its articles' evidence), and reads only articles no load kept it for.

    Example: newsdesk people --db warehouse/news.duckdb --no-gender
    """
    from flows.people import refresh_people
    from warehouse import WarehouseLocked

    try:
        done = refresh_people(str(db), gender=gender, rebuild=rebuild)
    except WarehouseLocked as exc:
        fail(str(exc))
    typer.echo(
        f"people: {done.articles:,} article(s) read, {done.names:,} name(s) decided, {done.aliases:,} alias(es), "
        f"{done.gendered:,} person(s) with a gender"
    )


@app.command()
def report(
    db: DbOption = Path("warehouse/news.duckdb"),
    out: Annotated[Path, typer.Option(help="The HTML file to write.")] = Path("report.html"),
) -> None:
    """Write one self-contained HTML page of charts: most quoted people, quotes per source, the most
    mentioned entities over time, and the latest quotes. It needs no network to view.

    Example: newsdesk report --out report.html
    """
    from warehouse import WarehouseLocked
    from warehouse.report import write_report

    try:
        path = write_report(db, out)
    except (WarehouseLocked, FileNotFoundError) as exc:
        fail(str(exc))
    typer.echo(f"wrote {path}")


@app.command()
def serve(
    sources: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders or URLs to ingest on each run (default: seeds/).", show_default=False),
    ] = None,
    cron: Annotated[str | None, typer.Option(help="Cron schedule, e.g. '*/15 * * * *'.")] = None,
    interval: Annotated[float | None, typer.Option(help="Run every N seconds instead of a cron schedule.")] = None,
    timezone: Annotated[str, typer.Option(help="IANA timezone of the schedule, e.g. Europe/London.")] = "UTC",
    db: DbOption = Path("warehouse/news.duckdb"),
    ner: Annotated[str, typer.Option(help="'spacy' or 'rules'.")] = "spacy",
    name: Annotated[str, typer.Option(help="Deployment name shown in the Prefect UI.")] = "newsdesk-scheduled",
    port: Annotated[
        int, typer.Option(help="Port of the local Prefect server (API and UI) when PREFECT_API_URL is unset.")
    ] = 4200,
    allow_private: PrivateOption = False,
) -> None:
    """Run the ingest flow on a schedule through a Prefect server, until Ctrl-C or SIGTERM.

    Connects to PREFECT_API_URL when set (e.g. a remote server), else to a server on
    127.0.0.1:PORT, starting one there (and stopping it on exit) when none answers. The flow is
    registered as a deployment with its schedule and a concurrency limit of one run at a time;
    the UI (http://127.0.0.1:PORT) shows its runs, task states and logs.

    Example: newsdesk serve --cron "*/15 * * * *" --timezone Europe/London seeds/
    """
    if ner not in ("spacy", "rules"):
        fail(f"--ner must be 'spacy' or 'rules', not {ner!r}")
    if allow_private:
        allow_private_urls()  # inherited by the flow-run processes
    # INFO, so that each run's logs reach the server (and the UI)
    os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    from flows.serve import ServeError
    from flows.serve import serve as serve_flow

    try:
        serve_flow(
            list(sources or ["seeds/"]),
            db,
            cron=cron,
            interval=interval,
            timezone=timezone,
            ner=ner,
            name=name,
            port=port,
            echo=typer.echo,
        )
    except ServeError as exc:
        fail(str(exc))


@app.command()
def docs(
    out: Annotated[Path, typer.Option(help="Where to write the data dictionary.")] = Path("docs/data-dictionary.md"),
    rules_out: Annotated[Path, typer.Option(help="Where to write the table of attribution rules.")] = Path(
        "docs/attribution-rules.md"
    ),
    check: Annotated[bool, typer.Option(help="Only check that the files are up to date; exit 1 if stale.")] = False,
) -> None:
    """Write the data dictionary generated from the Pandera models and the table of attribution rules
    generated from their registry (or --check both are current).

    Example: newsdesk docs --check
    """
    from schemas import MODELS, data_dictionary
    from transforms.attribution.registry import rules_page

    pages = {out: data_dictionary(MODELS) + "\n", rules_out: rules_page()}
    if check:
        stale = [str(path) for path, text in pages.items() if not path.exists() or path.read_text() != text]
        if stale:
            fail(f"{', '.join(stale)} stale: run `newsdesk docs`")
        typer.echo(f"{', '.join(map(str, pages))} up to date")
        return
    for path, text in pages.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        typer.echo(f"wrote {path}")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
