"""The lake on S3 against the lake on local disk: `marsad run` on N corpus articles, both ways.

For each lake (a local folder, then `s3://BUCKET/marsad` on moto's S3-compatible server on
127.0.0.1, started here) it times a cold `marsad run ARTICLES --json` into a fresh data dir and a
no-op re-run, each in its own child process, and prints the stages' seconds (marsad's own
timers) and the S3 run's overhead against local disk. All runs report to one Prefect API started
here, so none pays the temporary API's 10-20 s start. The two warehouses must hold the same
tables, row for row (the columns that stamp when a run happened left out).

moto keeps objects in memory and runs on the same 2 cores as marsad, so the figure is an upper
bound for the client side's cost on a real store on another machine (plus network latency).

Run:  .venv/bin/python bench/bench_s3.py --articles 1000
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "bench"))
sys.path.insert(0, str(REPO_ROOT))

from bench_ingest import CORPUS, articles_dir, failure, parse_json, run_child  # noqa: E402
from kill_matrix import snapshot  # noqa: E402

log = logging.getLogger("bench_s3")

MARSAD = Path(sys.executable).parent / "marsad"
DEFAULT_ARTICLES = 1000
START_SECONDS = 60      # moto's server starts in 2-5 s here
# Test credentials of the local server (moto accepts any).
AWS = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench-secret", "AWS_REGION": "us-east-1"}
STAGES = ("ingest_seconds", "extract_seconds", "build_seconds")


def start_moto() -> tuple[str, subprocess.Popen]:
    """moto's S3 server on a free loopback port: its endpoint URL and process."""
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return f"http://127.0.0.1:{port}", proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"moto_server did not start on port {port}")


def make_bucket(name: str) -> None:
    """Create the bucket on the server named by the AWS variables."""
    import pyarrow.fs as pafs

    from marsad.storage import S3Config

    config = S3Config.from_env(os.environ)
    pafs.S3FileSystem(access_key=config.key_id, secret_key=config.secret, region=config.region,
                      endpoint_override=config.endpoint, scheme="http", allow_bucket_creation=True).create_dir(name)


def timed_run(articles: Path, data_dir: Path, lake: str | None, label: str) -> dict:
    """One `marsad run --json`: wall seconds and the summary's stage timers."""
    extra = ["--lake", lake] if lake else []
    child = run_child([str(MARSAD), "run", str(articles), "--data-dir", str(data_dir), "--json", *extra],
                      f"s3-{label}")
    summary = parse_json(child)
    if child.code != 0 or summary is None:
        raise RuntimeError(f"{label}: {failure(child) if child.code else 'no JSON summary'}")
    return {"wall": child.wall, **{k: summary[k] for k in STAGES}, "new": summary["documents"]["new"]}


def bench(n: int, work: Path) -> list[tuple[str, dict]]:
    """Cold and no-op runs with the lake local, then on S3; (label, timings) in that order."""
    articles = articles_dir(n)
    if articles is None:
        raise RuntimeError(f"the corpus has fewer than {n} articles")
    rows = []
    for where, lake in (("local", None), ("s3", "s3://bench/marsad")):
        for step in ("cold", "no-op"):
            rows.append((f"{where} {step}", timed_run(articles, work / where, lake, f"{n}-{where}-{step}")))
            log.warning("%s %s: %.1f s", where, step, rows[-1][1]["wall"])
    local, s3 = snapshot(work / "local"), snapshot(work / "s3")     # every table, run times left out
    rows.append(("tables", {"same": local == s3,
                            "differ": sorted(t for t in set(local) | set(s3) if local.get(t) != s3.get(t))}))
    return rows


def print_rows(n: int, rows: list[tuple[str, dict]]) -> None:
    """The timings, then the S3 overhead of each against local disk."""
    timed = dict(r for r in rows if "wall" in r[1])
    print(f"{n:,} articles   {'wall s':>7}  {'ingest s':>8}  {'extract s':>9}  {'build s':>7}  {'new':>5}")
    for label, t in timed.items():
        print(f"{label:<13} {t['wall']:>7.1f}  {t['ingest_seconds']:>8.1f}  {t['extract_seconds']:>9.1f}  "
              f"{t['build_seconds']:>7.1f}  {t['new']:>5}")
    for step in ("cold", "no-op"):
        local, s3 = timed[f"local {step}"], timed[f"s3 {step}"]
        ratios = "  ".join(f"{k.split('_')[0]} x{s3[k] / local[k]:.2f}" for k in ("wall", *STAGES) if local[k] > 0)
        print(f"S3 overhead, {step}: {ratios} (+{s3['wall'] - local['wall']:.1f} s wall)")
    tables = rows[-1][1]
    print("same warehouse tables: " + ("yes" if tables["same"] else "NO: " + ", ".join(tables["differ"])))


def main(argv: list[str] | None = None) -> int:
    """Start moto and a Prefect API, run both ways, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    if not CORPUS.exists():
        print(f"bench_s3: skipped, no corpus at {CORPUS}")
        return 0
    from marsad import prefect_env
    from marsad.temp_api import start_server, stop_server

    endpoint, moto = start_moto()
    os.environ.update({**AWS, "AWS_ENDPOINT_URL": endpoint, **prefect_env.DEFAULTS})
    try:
        make_bucket("bench")
        url, server = start_server(180, dict(os.environ))
        os.environ["PREFECT_API_URL"] = url
        try:
            with tempfile.TemporaryDirectory(prefix="bench-s3-") as work:
                rows = bench(args.articles, Path(work))
        finally:
            stop_server(server)
    finally:
        moto.terminate()
        moto.wait()
    print_rows(args.articles, rows)
    return 0 if rows[-1][1]["same"] else 1


if __name__ == "__main__":
    sys.exit(main())
