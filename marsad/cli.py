"""The `marsad` command: verbs over the pipeline. Only this module chooses exit codes."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from pathlib import Path

from . import forkserver, prefect_env, temp_api
from .errors import MarsadError, SettingsError
from .runlock import run_lock
from .settings import Settings
from .sources import source_tags

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_SOURCES = ["data/seeds"]
# `marsad run` flags that are settings (the same names as in defaults.toml and Settings).
RUN_SETTINGS = ("data_dir", "lake", "catalog", "max_file_bytes", "batch_size", "allow_private_networks",
                "user_agent", "task_runner", "dask_workers", "dask_address", "prefect_server", "state_dir")

RUN_EXAMPLES = """examples:
  marsad run                              # the bundled seed articles in data/seeds
  marsad run articles/ extra.txt --data-dir /srv/marsad
  marsad run https://example.com/news/1.html saved_page.html crawl.warc.gz
  marsad run --feed https://example.com/rss.xml --sitemap https://example.com/sitemap.xml
  marsad run --urls urls.txt --refresh    # fetch the listed pages again, even those seen before
  marsad run --reparse                    # rebuild web documents from stored pages, no network
  marsad run articles/ --task-runner dask --workers 4   # parse and extract on 4 processes
  marsad run articles/ --task-runner dask --dask-address tcp://10.0.0.5:8786   # an existing cluster
  marsad run articles/ --prefect-server temporary   # a temporary Prefect API, gone with the run
  PREFECT_API_URL=http://127.0.0.1:4200/api marsad run articles/   # report to a server
  AWS_ENDPOINT_URL=http://127.0.0.1:9000 marsad run articles/ --lake s3://news/marsad   # lake on S3
  marsad run articles/ --catalog ducklake:data/catalog.ducklake   # publish the marts to a DuckLake catalog
"""
SERVE_EXAMPLES = """examples:
  marsad serve                            # UI at http://127.0.0.1:4200, scheduled runs on
  marsad serve --port 4300 --data-dir /srv/marsad
  marsad serve --database postgresql://prefect:secret@db.internal:5432/prefect   # several workers
"""
SERVER_EXAMPLES = """examples:
  marsad server status                    # is your kept Prefect server running? its UI address
  marsad server stop                      # end it (the next run in a terminal starts it again)
"""
PRUNE_EXAMPLES = """examples:
  marsad prune                            # runs and events of your Prefect server older than 7 days
  marsad prune --older-than 2             # older than 2 days, then compact the database file
  marsad prune --database ~/.prefect/prefect.db   # Prefect's default database (older marsad runs wrote there)
"""
EVAL_EXAMPLES = """examples:
  marsad eval tests/gold                  # score the warehouse in ./data against the gold files
  marsad eval tests/gold --data-dir /srv/marsad --json
"""
EXPORT_EXAMPLES = """examples:
  marsad export --table events --format csv --out events.csv
  marsad export --table event_clusters --format parquet --out clusters.parquet --data-dir /srv/marsad
  marsad export --table events --format polecat > events.polecat.jsonl   # POLECAT (NGEC) records
  marsad export --table events --format plover --out events.plover.jsonl  # PLOVER JSON records
"""
REPORT_EXAMPLES = """examples:
  marsad report                           # ./data/report.html: the whole warehouse
  marsad report --since 2024-04-01 --until 2024-04-30 --out april.html --data-dir /srv/marsad
"""
SEARCH_EXAMPLES = """examples:
  marsad search "الهجمات الإرهابية"               # claims, best first
  marsad search "ceasefire talks" --in sentences --limit 5 --data-dir /srv/marsad
"""
QUERY_EXAMPLES = """examples:
  marsad query "select title, language, n_chars from documents"
  marsad query "select reason, count(*) from rejects group by reason" --format csv
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per verb."""
    parser = argparse.ArgumentParser(
        prog="marsad", description="News articles into tables of actors, events and claims.")
    verbs = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = verbs.add_parser("run", help="ingest article files and build the warehouse",
                           description="Ingest files or folders of articles into the Parquet "
                           "lake, then build the DuckDB warehouse DIR/marsad.duckdb.",
                           epilog=RUN_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    run.add_argument("paths", nargs="*", metavar="PATH",
                     help="article files (.txt, .html, .warc, .warc.gz), folders or http(s) page URLs "
                     "(default: data/seeds)")
    _data_dir(run)
    run.add_argument("--lake", metavar="URL",
                     help="where the Parquet lake lives: a folder or s3://BUCKET/PREFIX on any S3-compatible "
                     "store, reached through AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, "
                     "AWS_REGION (default: DIR/lake, env MARSAD_LAKE)")
    run.add_argument("--catalog", metavar="URL",
                     help="publish the marts into a DuckLake catalog after each build: ducklake:PATH (an embedded "
                     "file) or ducklake:postgres:CONNINFO (PostgreSQL); data files under LAKE/ducklake/ "
                     "(default: none, env MARSAD_CATALOG)")
    run.add_argument("--urls", action="append", metavar="FILE", dest="url_files",
                     help="a file of page URLs, one a line (may repeat)")
    run.add_argument("--feed", action="append", metavar="URL", dest="feeds",
                     help="an RSS or Atom feed whose articles to fetch (may repeat)")
    run.add_argument("--sitemap", action="append", metavar="URL", dest="sitemaps",
                     help="a sitemap or sitemap index (gzip too) whose pages to fetch (may repeat)")
    run.add_argument("--refresh", action="store_true", help="fetch pages again even when fetched before, and feeds resting after a 404 or 410")
    run.add_argument("--reparse", action="store_true",
                     help="rebuild the documents of every stored page from raw_pages, without the network "
                     "(after an extraction change)")
    run.add_argument("--allow-private-networks", action="store_true", default=None,
                     help="allow requests to loopback and private addresses (env MARSAD_ALLOW_PRIVATE_NETWORKS=1)")
    run.add_argument("--user-agent", metavar="UA", help="how marsad names itself to web servers")
    run.add_argument("--max-file-bytes", type=int, help="reject larger files (default 5000000)")
    run.add_argument("--batch-size", type=int, help="documents per task and Parquet file (default 500)")
    run.add_argument("--force-build", action="store_true", help="rebuild the warehouse even if nothing changed")
    run.add_argument("--task-runner", choices=("default", "dask"),
                     help="where parsing and extraction run: in this process (default) or on Dask "
                     "(env MARSAD_TASK_RUNNER)")
    run.add_argument("--workers", type=int, dest="dask_workers", metavar="N",
                     help="worker processes of the local Dask cluster (default 2, env MARSAD_DASK_WORKERS)")
    run.add_argument("--dask-address", metavar="tcp://HOST:PORT",
                     help="use this running Dask scheduler instead of a local cluster (env MARSAD_DASK_ADDRESS)")
    run.add_argument("--prefect-server", choices=("auto", "local", "temporary"),
                     help="without PREFECT_API_URL: report to the Prefect server kept running for you, starting "
                     "it if needed and leaving it running (local), to a temporary API for this run alone "
                     "(temporary), or local in a terminal and otherwise the kept server only if one runs "
                     "(auto, the default; env MARSAD_PREFECT_SERVER)")
    _state_dir(run)
    run.add_argument("--json", action="store_true", help="print the summary as JSON")
    run.add_argument("-v", "--verbose", action="store_true", help="show Prefect's and marsad's logs")
    run.set_defaults(handler=cmd_run)
    query = verbs.add_parser("query", help="run SQL on the warehouse (read-only)",
                             description="Run SQL on a read-only connection to the warehouse; "
                             "works while a run is writing.",
                             epilog=QUERY_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    query.add_argument("sql", help="the SQL to run")
    _data_dir(query)
    query.add_argument("--format", choices=("table", "csv", "json"), default="table",
                       help="output format (default: table)")
    query.add_argument("--max-rows", type=int, default=40, help="rows shown in table format (default 40)")
    query.set_defaults(handler=cmd_query)
    evaluate = verbs.add_parser("eval", help="score the warehouse against gold files",
                                description="Compare the warehouse's actors and mentions with gold "
                                "readings (one YAML file per article, named after the article's file) "
                                "and print precision, recall and F1.",
                                epilog=EVAL_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    evaluate.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold YAML files")
    _data_dir(evaluate)
    evaluate.add_argument("--json", action="store_true", help="print the scores as JSON")
    evaluate.set_defaults(handler=cmd_eval)
    _export_parser(verbs)
    _report_parser(verbs)
    _search_parser(verbs)
    serve = verbs.add_parser("serve", help="run a Prefect server, the deployments and a worker",
                             description="Start a Prefect server on 127.0.0.1 (its database under "
                             "the state dir, where `marsad run` finds it), create the work pool, deploy deployments/prefect.yaml and "
                             "start a worker, so the scheduled runs happen; Ctrl-C stops them all.",
                             epilog=SERVE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _data_dir(serve)
    serve.add_argument("--port", type=int, default=4200, help="port of the server and UI (default 4200)")
    serve.add_argument("--database", metavar="URL",
                       help="the server's database, PostgreSQL for several workers: postgresql://USER:PASSWORD@"
                       "HOST:5432/DB (default: SQLite under the state dir; env PREFECT_SERVER_DATABASE_CONNECTION_URL)")
    _state_dir(serve)
    serve.set_defaults(handler=cmd_serve)
    server = verbs.add_parser("server", help="show or stop the Prefect server kept running for you",
                              description="`marsad run` reports to one Prefect server kept running per user "
                              "(started by a first run in a terminal, or by `marsad serve`); its database and log "
                              "are under the state dir. `status` prints its UI address; `stop` ends it (the next "
                              "run in a terminal starts it again).",
                              epilog=SERVER_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    server.add_argument("action", choices=("status", "stop"), help="what to do")
    _state_dir(server)
    server.set_defaults(handler=cmd_server)
    _prune_parser(verbs)
    return parser


def _prune_parser(verbs) -> None:
    """The prune sub-command."""
    from .prefect_db import RETENTION_DAYS

    prune = verbs.add_parser("prune", help="delete old flow runs and events from the Prefect server's database",
                             description="Delete the flow runs that ended more than DAYS days ago, with their "
                             "task runs, logs and artifacts, and the older events, from the database of the "
                             f"Prefect server kept for you (the one marsad serve runs); then compact it. Those "
                             f"servers already delete what is older than {RETENTION_DAYS} days, every hour; a "
                             "temporary API's database is deleted with its run.",
                             epilog=PRUNE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    prune.add_argument("--older-than", type=int, default=RETENTION_DAYS, metavar="DAYS",
                       help=f"keep runs and events of the last DAYS days (default {RETENTION_DAYS}, at least 1)")
    prune.add_argument("--database", metavar="URL",
                       help="another Prefect database: an SQLite file, or a PostgreSQL URL "
                       "(default: the kept server's, STATE_DIR/prefect/prefect.db)")
    _state_dir(prune)
    prune.set_defaults(handler=cmd_prune)


def _export_parser(verbs) -> None:
    """The export sub-command."""
    from .export import FORMATS, TABLES

    export = verbs.add_parser("export", help="write a warehouse table as CSV, JSON lines, Parquet or event records",
                              description="Write one table of the warehouse to a file (or stdout) in a "
                              "format other tools read; `polecat` and `plover` write factual events as JSON "
                              "records, one a line, as POLECAT's coder (NGEC) and the PLOVER manual name "
                              "their fields.",
                              epilog=EXPORT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    export.add_argument("--table", required=True, choices=TABLES, help="the table to export")
    export.add_argument("--format", required=True, choices=FORMATS, help="the file format")
    export.add_argument("--out", metavar="FILE", help="file to write (default: stdout; required for parquet)")
    _data_dir(export)
    export.set_defaults(handler=cmd_export)


def _report_parser(verbs) -> None:
    """The report sub-command."""
    report = verbs.add_parser("report", help="write a self-contained HTML report of the warehouse",
                              description="Write one HTML file a person reads in a browser: events over "
                              "time by type, the most active actors and dyads (a network picture), who said "
                              "what, events by country and place, and the data's quality; each chart shows "
                              "its SQL. Everything is inline: opening it sends no request.",
                              epilog=REPORT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    report.add_argument("--out", metavar="FILE", help="file to write (default: DIR/report.html)")
    report.add_argument("--since", metavar="DATE", type=_day, help="first day (YYYY-MM-DD) of the period "
                        "(default: a week before the first publication day)")
    report.add_argument("--until", metavar="DATE", type=_day, help="last day of the period, included "
                        "(default: the last publication day)")
    _data_dir(report)
    report.set_defaults(handler=cmd_report)


def _search_parser(verbs) -> None:
    """The search sub-command."""
    search = verbs.add_parser("search", help="full-text search of claims or sentences, ranked",
                              description="Rank claims (or sentences) by how well they match the words "
                              "(BM25, Arabic stemming), with DuckDB's fts extension from its PyPI package; "
                              "the index is kept in DIR/search.duckdb and rebuilt when the warehouse is.",
                              epilog=SEARCH_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    search.add_argument("words", help="the words to look for")
    search.add_argument("--in", dest="target", choices=("claims", "sentences"), default="claims",
                        help="what to search (default: claims)")
    search.add_argument("--limit", type=int, default=20, help="hits shown (default 20)")
    search.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="output format (default: table)")
    _data_dir(search)
    search.set_defaults(handler=cmd_search)


def _day(text: str):
    """A YYYY-MM-DD argument as a date."""
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _data_dir(parser: argparse.ArgumentParser) -> None:
    """Add the shared --data-dir option."""
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where the lake and marsad.duckdb live (default: ./data, env MARSAD_DATA_DIR)")


def _state_dir(parser: argparse.ArgumentParser) -> None:
    """Add the shared --state-dir option."""
    parser.add_argument("--state-dir", metavar="DIR",
                        help="marsad's per-user state, where the kept Prefect server keeps its database and log "
                        "(default: $XDG_STATE_HOME/marsad or ~/.local/state/marsad, env MARSAD_STATE_DIR)")


def cmd_run(args: argparse.Namespace) -> int:
    """marsad run: the pipeline flow on the given paths, then the summary."""
    settings = Settings.load({name: getattr(args, name) for name in RUN_SETTINGS})
    if (args.dask_workers or args.dask_address) and settings.task_runner != "dask":
        raise SettingsError("--workers and --dask-address apply to --task-runner dask")
    paths, web = _run_sources(args)
    with run_lock(settings.data_dir):       # a second run fails here, before Prefect starts
        return _run(args, settings, paths, web)


def _run(args: argparse.Namespace, settings: Settings, paths: list[str], web: bool) -> int:
    """The pipeline flow under the run lock (or, with nothing new, the lake's answer), then the summary."""
    _logging(args.verbose)
    from .ingest import Sources, handed_over
    from .rerun import check

    sources = Sources(tuple(paths), tuple(args.url_files or ()), tuple(args.feeds or ()),
                      tuple(args.sitemaps or ()), args.refresh, args.reparse)
    summary, triaged = check(sources, settings, args.force_build)    # before Prefect: see marsad/rerun.py
    if triaged is not None and triaged.todo:
        forkserver.start_for(settings, len(triaged.todo))     # lexicons load while Prefect is imported
    if summary is None:
        with handed_over(list(paths), settings.lake_dir, triaged):      # sorted once (marsad/ingest.py)
            summary = _flow_run(args, settings, sources, source_tags(paths) + (["web"] if web else []))
    print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) if args.json else summary.render())
    return EXIT_OK


def _flow_run(args: argparse.Namespace, settings: Settings, sources, kinds: list[str]):
    """The pipeline flow's summary, reported to the run's Prefect API."""
    prefect_env.configure(args.verbose)
    _prefect_api(settings, quiet=args.json)
    from prefect import tags  # Prefect is imported only by the commands that run flows

    from flows.pipeline import pipeline
    from flows.runner import without_heartbeats

    # tags: filters in the UI (who started it, what it read); heartbeats: flows/runner.py
    with tags("marsad", "manual", *sorted(set(kinds))), without_heartbeats():
        return pipeline(sources, settings, args.force_build)


def _prefect_api(settings: Settings, quiet: bool) -> None:
    """Point Prefect at the API the run reports to: PREFECT_API_URL, the user's kept server or a temporary one."""
    from . import local_server

    say = (lambda text: None) if quiet else (lambda text: print(f"marsad: {text}", file=sys.stderr))
    mode = _server_mode(settings)
    if not os.environ.get("PREFECT_API_URL") and mode != "temporary":
        if mode == "local":
            server, started = local_server.ensure(settings.state_path, starting=lambda: say(
                "starting your Prefect server (once; it stays running for later runs)"))
            if started:
                say(f"Prefect server left running, UI at {server.ui_url} (stop it: marsad server stop"
                    f"{_state_flag(settings)})")
        else:
            server = local_server.running(settings.state_path)
        if server is not None:
            os.environ["PREFECT_API_URL"] = server.url
    say(f"running on {prefect_env.api_description()}")
    temp_api.start_temporary_api()          # when no server is set; it dies with this process


def _server_mode(settings: Settings) -> str:
    """local, temporary, or "running" (use the kept server only if it runs): auto is local in a terminal."""
    if settings.prefect_server != "auto":
        return settings.prefect_server
    return "local" if sys.stdin.isatty() and sys.stderr.isatty() else "running"


def _state_flag(settings: Settings) -> str:
    """The --state-dir flag naming a state dir given by flag (nothing when it is the env's or the default)."""
    from_env = Settings.load().state_path
    return "" if settings.state_path == from_env else f" --state-dir {settings.state_path}"


def _run_sources(args: argparse.Namespace) -> tuple[list[str], bool]:
    """The paths to run on and whether web options were given; bad ones fail before Prefect starts."""
    if args.url_files:                  # the web modules take a second to import: only when needed
        from .web.sources import read_url_file

        for path in args.url_files:
            read_url_file(path)
    web = bool(args.url_files or args.feeds or args.sitemaps or args.reparse)
    if args.refresh and not (web or "web" in source_tags(args.paths)):
        raise SettingsError("--refresh applies to web pages: give page URLs, --urls, --feed or --sitemap")
    return args.paths or ([] if web else DEFAULT_SOURCES), web


def cmd_query(args: argparse.Namespace) -> int:
    """marsad query: SQL on a read-only, locked-down connection, printed as a table, CSV or JSON."""
    import duckdb

    from .warehouse import check_query, connect_readonly, refusal

    settings = Settings.load(dict(data_dir=args.data_dir))
    with connect_readonly(settings.warehouse_path) as con:
        try:
            check_query(con, args.sql)
            relation = con.sql(args.sql)
            if relation is None:
                return EXIT_OK
            if args.format == "table":
                relation.show(max_rows=args.max_rows, max_width=_width())
            else:
                _write_rows(relation.columns, relation.fetchall(), args.format)
        except duckdb.Error as err:
            raise refusal(err) from None
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """marsad export: one warehouse table to a file or stdout."""
    from .export import export_table

    settings = Settings.load(dict(data_dir=args.data_dir))
    out = Path(args.out) if args.out else None
    try:
        count = export_table(settings.warehouse_path, args.table, args.format, out, sys.stdout)
    except BrokenPipeError:              # `marsad export ... | head`: the reader has enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no error at exit's flush
        return EXIT_OK
    if out is not None:
        print(f"marsad: wrote {count:,} rows of {args.table} to {out}", file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """marsad report: the warehouse as one self-contained HTML file."""
    from .report import write_report

    settings = Settings.load(dict(data_dir=args.data_dir))
    out = Path(args.out) if args.out else settings.data_dir / "report.html"
    if args.since and args.until and args.since > args.until:
        raise SettingsError(f"--since {args.since} is after --until {args.until}")
    info = write_report(settings.warehouse_path, out, args.since, args.until)
    print(f"marsad: wrote the report of {info.since} to {info.until} to {out} ({info.n_bytes / 1024:,.0f} KB)",
          file=sys.stderr)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    """marsad search: ranked full-text hits in claims or sentences."""
    from .search import search

    settings = Settings.load(dict(data_dir=args.data_dir))
    columns, rows = search(settings.warehouse_path, settings.data_dir / "search.duckdb", args.words,
                           args.target, args.limit)
    if args.format != "table":
        _write_rows(columns, rows, args.format)
    elif not rows:
        print("marsad: no match", file=sys.stderr)
    for rank, row in enumerate(rows if args.format == "table" else (), 1):
        record = dict(zip(columns, row))
        print(f"{rank}. [{record['score']}] {record['text']}\n   {record['title'] or '(no headline)'} · {record['outlet'] or '-'} · "
              f"{record['day']}")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    """marsad eval: precision, recall and F1 of actors and mentions against gold files."""
    from .evaluate import evaluate

    settings = Settings.load(dict(data_dir=args.data_dir))
    gold_dir = Path(args.gold_dir)
    if not gold_dir.is_dir():
        raise SettingsError(f"{gold_dir}: not a folder of gold files")
    report = evaluate(settings.warehouse_path, gold_dir)
    print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if args.json else report.render())
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """marsad serve: server, work pool, deployments and worker until Ctrl-C."""
    from . import local_server
    from .serve import Service, database_url, serve

    settings = Settings.load(dict(data_dir=args.data_dir, state_dir=args.state_dir))
    database = args.database or os.environ.get("PREFECT_SERVER_DATABASE_CONNECTION_URL", "")
    database = database_url(database) if database else ""
    state = settings.state_path
    left = local_server.stop(state)       # one server per database: this one takes over
    if left is not None:
        print(f"marsad: stopped the Prefect server left running by marsad run ({left.ui_url})", file=sys.stderr)
    root = Path(__file__).resolve().parent.parent
    data_dir = str(settings.data_dir) if args.data_dir else ""     # else the deployments' own (their env's)
    service = Service("127.0.0.1", args.port, local_server.home(state), root, database, data_dir)
    print(f"marsad: starting Prefect on {service.api_url.removesuffix('/api')} (Ctrl-C stops it)",
          file=sys.stderr)

    def ready(url: str, pid: int) -> None:
        local_server.record(state, service.api_url, pid, "serve")   # runs report here now
        print(f"marsad: serving; UI at {url}", file=sys.stderr, flush=True)
    try:
        serve(service, ready=ready)
    finally:
        local_server.forget(state)
    print("marsad: stopped", file=sys.stderr)
    return EXIT_OK


def cmd_server(args: argparse.Namespace) -> int:
    """marsad server: the status of the user's kept Prefect server, or stop it."""
    from . import local_server

    state = Settings.load(dict(state_dir=args.state_dir)).state_path
    found = (local_server.stop if args.action == "stop" else local_server.running)(state)
    if found is None:
        print(f"marsad: no Prefect server is running (state: {local_server.home(state)})", file=sys.stderr)
    elif args.action == "stop":
        print(f"marsad: stopped the Prefect server at {found.ui_url} (pid {found.pid})", file=sys.stderr)
    else:
        print(f"marsad: your Prefect server runs: UI at {found.ui_url} (pid {found.pid}, started by marsad "
              f"{found.by}; state: {local_server.home(state)})")
    return EXIT_OK


def cmd_prune(args: argparse.Namespace) -> int:
    """marsad prune: old runs and events out of a Prefect database, then the space back."""
    from . import local_server
    from .prefect_db import SQLITE, prune
    from .serve import database_url

    state = Settings.load(dict(state_dir=args.state_dir)).state_path
    url = args.database or f"{SQLITE}{local_server.home(state) / 'prefect.db'}"
    if "://" not in url:                    # a file name: an SQLite database
        url = f"{SQLITE}{Path(url).expanduser().resolve()}"
    elif not url.startswith(SQLITE):
        url = database_url(url)
    done = prune(url, args.older_than)
    for table, before in done.before.items():
        print(f"{table}: {before:,} -> {done.after.get(table, 0):,}")
    if done.bytes_before:
        print(f"database: {done.bytes_before / 2**20:,.1f} MiB -> {done.bytes_after / 2**20:,.1f} MiB"
              + ("" if done.compacted else " (not compacted: the server holds it; stop it and prune again)"))
    return EXIT_OK


def _write_rows(columns: list[str], rows: list[tuple], fmt: str) -> None:
    """Write query rows to stdout as CSV or JSON lines."""
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
        return
    for row in rows:
        print(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str))


def _width() -> int:
    """Terminal width for tables."""
    import shutil

    return shutil.get_terminal_size((120, 40)).columns


def _logging(verbose: bool) -> None:
    """marsad's own log lines on stderr: warnings only, or everything with --verbose."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("marsad: %(message)s"))
    logger = logging.getLogger("marsad")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False


def _reader_gone() -> int:
    """The reader of stdout stopped (`marsad query ... | head`): not an error; nothing more to say."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())       # so the exit's flush of stdout does not fail again
    os.close(devnull)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        return _reader_gone()
    except SettingsError as err:
        print(f"marsad: {err}", file=sys.stderr)
        return EXIT_USAGE
    except (MarsadError, OSError) as err:
        print(f"marsad: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("marsad: interrupted; re-run to continue where it stopped", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
