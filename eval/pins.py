"""Pinned evaluation scores: fail when a figure of ../shared/eval/run.sh drops below its pin.

Like trafilatura's evaluation baseline: `eval/pins.toml` holds, for every figure of the
development sets, the value main reached; a change must not lower one. `make eval` runs the
sets and this check; `--raise` writes the better figures back as the new pins.

usage:  python eval/pins.py RUN_OUTPUT [--pins eval/pins.toml] [--raise]
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import tomllib
from pathlib import Path

PINS = Path(__file__).with_name("pins.toml")
FIGURE = re.compile(r"([A-Za-z_][A-Za-z_0-9]*)=([-+]?\d+(?:\.\d+)?)(?![\d/])")
# Figures equal to the pin within this pass (run.sh prints three decimals).
SLACK = 0.0005


def parse(lines: list[str]) -> dict[str, float]:
    """Figures of run.sh's output as 'set.key' -> value ('oeda-assault.F1', 'articles.event_r')."""
    out = {}
    for line in lines:
        words = line.replace(":", " ").split()
        if not words or "=" in words[0]:
            continue
        name = words[0]
        if name == "oeda" and len(words) > 1:
            name = f"oeda-{words[1].lower()}"
        for key, value in FIGURE.findall(line):
            out.setdefault(f"{name}.{key}", float(value))
    return out


def load(path: Path) -> tuple[dict[str, float], dict[str, float]]:
    """The pins: figures that must not fall ([min]) and those that must not rise ([max])."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return dict(data.get("min", {})), dict(data.get("max", {}))


def check(figures: dict[str, float], low: dict[str, float], high: dict[str, float]) -> list[str]:
    """One line per pinned figure that is missing, below its [min] pin or above its [max] pin."""
    problems = []
    for key, pin in sorted(low.items()):
        got = figures.get(key)
        if got is None or got < pin - SLACK:
            problems.append(f"{key}: {'missing' if got is None else got} < pinned {pin}")
    for key, pin in sorted(high.items()):
        got = figures.get(key)
        if got is None or got > pin + SLACK:
            problems.append(f"{key}: {'missing' if got is None else got} > pinned {pin}")
    return problems


HEADER = ["# Pinned scores of ../shared/eval/run.sh (development halves): `make eval` fails when a",
          "# figure falls below its [min] pin or rises above its [max] pin. Raise them with",
          "# `make eval-raise` after an improvement; never lower one to let a change through."]


def header(text: str) -> list[str]:
    """The comment lines opening a pins file (its history of raised and lowered pins), else HEADER."""
    lines = list(itertools.takewhile(lambda line: line.startswith("#"), text.splitlines()))
    return lines or HEADER


def raised(figures: dict[str, float], low: dict[str, float], high: dict[str, float],
           comments: list[str] = HEADER) -> str:
    """The pins file with every pin moved to the better of itself and the figure, under its comments."""
    lines = [*comments, "", "[min]"]
    lines += [f'"{k}" = {max(v, figures.get(k, v)):g}' for k, v in sorted(low.items())]
    lines += ["", "[max]"]
    lines += [f'"{k}" = {min(v, figures.get(k, v)):g}' for k, v in sorted(high.items())]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Check (or raise) the pins against one run.sh output file; 1 when a figure fell."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("output", type=Path, help="what ../shared/eval/run.sh printed")
    args.add_argument("--pins", type=Path, default=PINS)
    args.add_argument("--raise", dest="raise_", action="store_true", help="write better figures as pins")
    opts = args.parse_args(argv)
    figures = parse(opts.output.read_text(encoding="utf-8").splitlines())
    low, high = load(opts.pins)
    problems = check(figures, low, high)
    for line in problems:
        print(f"eval: {line}", file=sys.stderr)
    if opts.raise_ and not problems:
        comments = header(opts.pins.read_text(encoding="utf-8"))
        opts.pins.write_text(raised(figures, low, high, comments), encoding="utf-8")
    print(f"eval: {len(low) + len(high) - len(problems)} of {len(low) + len(high)} pinned figures hold")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
