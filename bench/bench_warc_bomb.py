"""WARC bomb benchmark (issue 17): peak memory of reading a small .warc.gz whose one record inflates
to 2 GB, alone (`read_warc`) and through a whole `marsad run`.

The archive holds a small page, the bomb (a body of blanks: about 2 MB compressed, the deflate
ratio's limit) and another small page, each record its own gzip member, as Common Crawl writes
them. Each measure runs in a child process and reports its peak resident memory (ru_maxrss; for
`marsad run`, the largest of its processes: the run itself or its Prefect API server).

Run:  .venv/bin/python bench/bench_warc_bomb.py [--gigabytes 2]
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PAGE = ("<html><body><article><p>" + "The harbour reopened on Monday after three days of storms. " * 4
        + "</p></article></body></html>").encode()
BLOCK = b" " * (1 << 20)
READ = """
import resource, sys
from marsad.web.warc import read_warc
pages = [(p.url, p.oversized, len(p.body)) for p in read_warc(sys.argv[1], int(sys.argv[2]))]
print(pages, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def record(out, url: str, size: int, body: bytes = b"") -> None:
    """One response record as its own gzip member; a body of `size` blanks when body is empty."""
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    length = len(http) + (len(body) or size)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url)):032x}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2026-01-01T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n").encode()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as member:
        member.write(head + http + body)
        for k in range(0, 0 if body else size, len(BLOCK)):
            member.write(BLOCK[:min(len(BLOCK), size - k)])
        member.write(b"\r\n\r\n")


def bomb(path: Path, size: int) -> None:
    """The archive: a page, the bomb, a page."""
    with open(path, "wb") as out:
        record(out, "https://example.com/a", 0, PAGE)
        record(out, "https://example.com/bomb", size)
        record(out, "https://example.com/b", 0, PAGE)


def measure_read(path: Path, max_bytes: int) -> str:
    """read_warc alone in a child process: its pages and peak memory."""
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", READ, str(path), str(max_bytes)], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}).stdout.split()
    return f"read_warc: peak {int(out[-1]) / 1024:,.0f} MiB in {time.perf_counter() - started:.1f} s; pages {' '.join(out[:-1])}"


def measure_run(path: Path, work: Path) -> str:
    """`marsad run` on the archive alone: exit code, peak memory of its largest process, rejects."""
    folder = work / "input"
    folder.mkdir()
    os.link(path, folder / path.name)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "marsad.cli", "run", str(folder), "--data-dir", str(work / "data")],
                          capture_output=True, text=True, cwd=REPO_ROOT, env={"MARSAD_PREFECT_SERVER": "temporary", **os.environ,
                                                          "PYTHONPATH": str(REPO_ROOT)})
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (f"marsad run: exit {done.returncode}, peak {peak / 1024:,.0f} MiB (largest process) in "
            f"{time.perf_counter() - started:.1f} s; {'too_large' in done.stdout + done.stderr and 'a too_large reject' or ''}")


def main() -> None:
    """Build the bomb, then print both measures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gigabytes", type=float, default=2.0)
    ap.add_argument("--max-bytes", type=int, default=20_000_000, help="the fetch_max_bytes cap (default 20 MB)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="warc-bomb-") as tmp:
        path = Path(tmp) / "bomb.warc.gz"
        bomb(path, int(args.gigabytes * 1e9))
        print(f"{path.stat().st_size:,} bytes compressed, one record of {args.gigabytes * 1e9:,.0f} bytes inflated", flush=True)
        print(measure_read(path, args.max_bytes), flush=True)
        print(measure_run(path, Path(tmp)), flush=True)


if __name__ == "__main__":
    main()
