"""Entry point for the `sim` console script and `python -m sim`."""

import sys


def main(argv: list[str] | None = None) -> int:
    from sim.startup import defer_collection

    defer_collection()
    from sim.cli.main import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
