"""The ``newsclean`` command: one subcommand per job (``extract``, ``crawl``, ``bench``)."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version

from pipelines import crawl_cli, extract_cli

PROG = "newsclean"
Handler = Callable[[argparse.Namespace, list[str]], int]


def package_version() -> str:
    """The installed newsclean version, from package metadata."""
    try:
        return version(PROG)
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with one subparser per command."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="A news crawler and cleaner: one clean JSON record per article."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    extract = commands.add_parser(
        "extract",
        help="extract article records from HTML files or JSON lines",
        description=(extract_cli.__doc__ or "").strip(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract_cli.add_arguments(extract)
    extract.set_defaults(handler=run_extract, command_parser=extract, passes_extra=False)

    crawl = commands.add_parser(
        "crawl",
        help="run one scheduled crawl (for cron): locked per source, exit 3 on too many failures",
        description=(crawl_cli.__doc__ or "").strip(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    crawl_cli.add_arguments(crawl)
    crawl.set_defaults(handler=run_crawl, command_parser=crawl, passes_extra=False)

    # The bench options belong to pipelines.benchmark, imported only when bench runs; its
    # arguments (and --help) are passed through unparsed here.
    bench = commands.add_parser(
        "bench", help="score extraction on benchmark sets (see `newsclean bench --help`)",
        add_help=False,
    )
    bench.set_defaults(handler=run_bench, command_parser=bench, passes_extra=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``); returns the exit status."""
    try:
        return dispatch(build_parser(), argv)
    except SystemExit as exc:  # argparse's usage errors (2), --help and --version (0)
        return exit_status(exc)


def dispatch(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> int:
    """Parse ``argv`` and run the chosen command; usage errors exit 2 the argparse way."""
    args, extra = parser.parse_known_args(argv)
    if extra and not args.passes_extra:
        args.command_parser.error(f"unrecognized arguments: {' '.join(extra)}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    handler: Handler = args.handler
    try:
        return handler(args, extra)
    except (extract_cli.UsageError, crawl_cli.UsageError) as exc:
        args.command_parser.error(str(exc))


def exit_status(exc: SystemExit) -> int:
    """The process exit status ``exc`` stands for."""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def run_extract(args: argparse.Namespace, extra: list[str]) -> int:
    """``newsclean extract``."""
    return extract_cli.run(args)


def run_crawl(args: argparse.Namespace, extra: list[str]) -> int:
    """``newsclean crawl``."""
    return crawl_cli.run(args)


def run_bench(args: argparse.Namespace, extra: list[str]) -> int:
    """``newsclean bench``: parse ``extra`` with pipelines.benchmark's own options and run it."""
    try:
        benchmark = importlib.import_module("pipelines.benchmark")
    except ImportError as exc:  # a missing bench module must not break the other commands
        print(f"{PROG} bench: not available: {exc}", file=sys.stderr)
        return 1
    parser = argparse.ArgumentParser(
        prog=f"{PROG} bench", description=(benchmark.__doc__ or "").strip().splitlines()[0]
    )
    benchmark.add_arguments(parser)
    return benchmark.run(parser.parse_args(extra))


if __name__ == "__main__":
    sys.exit(main())
