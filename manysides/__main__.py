"""``manysides`` on the command line (the console script) and ``python -m manysides``.

Kept apart from ``cli.py`` so that ``manysides brief`` can start spaCy's side process
before the command line's own imports (typer, rich, the pipeline: 0.2-0.4 s), which is
that much sooner for the slowest part of a cold brief.
"""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["brief"] and not {"-h", "--help"} & set(args):
        from .parse import prestart

        prestart()
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
