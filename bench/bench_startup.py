"""What every `marsad run` that extracts pays before its first article: imports and the extractor.

Each figure is measured in a fresh interpreter (as a run starts), best of N: importing the
modules a run needs before Prefect, importing Prefect, and loading the extractor (lexicons and
automata) from the user's extractor cache (marsad/extractor_cache.py; the first attempt writes
the cache when it is missing, and is not counted). Needs no corpus.

Run:  .venv/bin/python bench/bench_startup.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

# Each snippet prints the wall and CPU seconds of its timed part as JSON.
SNIPPETS = {
    "import marsad (cli, rerun, ingest)": "import marsad.cli, marsad.rerun, marsad.ingest",
    "import prefect": "import prefect",
    "extractor from the cache": "from marsad.extract import default_extractor; default_extractor()",
}
TIMED = """
import json, time
wall, cpu = time.perf_counter(), time.process_time()
{code}
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))
"""


def measure(code: str) -> tuple[float, float]:
    """Wall and CPU seconds of `code` in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", TIMED.format(code=code)], capture_output=True,
                         text=True, check=True).stdout
    wall, cpu = json.loads(out.strip().splitlines()[-1])
    return wall, cpu


def main() -> int:
    """Print the best wall and CPU seconds of each start-up step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="fresh interpreters per figure (best is kept)")
    args = parser.parse_args()
    measure(SNIPPETS["extractor from the cache"])       # writes the cache if it is missing
    print("start-up of a run, fresh interpreter each time, best of", args.repeat)
    print("| step | wall s | CPU s |")
    print("| --- | ---: | ---: |")
    for label, code in SNIPPETS.items():
        runs = [measure(code) for _ in range(args.repeat)]
        print(f"| {label} | {min(w for w, _ in runs):.2f} | {min(c for _, c in runs):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
