"""Event clusters on the real SaudiNewsNet corpus: mentions, happenings, and a sample to read.

It writes the first N corpus articles as article files with sidecars (outlet, URL, publication
day), runs the pipeline flow (ingest, extraction, the warehouse build; Prefect's temporary API), then prints
the figures of the README's "Events across articles" (event mentions, clusters, clusters with
more than one mention, article and outlet) and a seeded sample of multi-mention clusters with
every member's sentence, for a reader to count the clusters to split and the pairs to merge.

Run:  .venv/bin/python bench/bench_clusters.py --articles 2000 --sample 200 [--data-dir DIR]
(about three minutes for 2,000 articles on one core; on a loaded machine Prefect's temporary server
may need PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS=600). The 200 clusters this prints are read
by hand in bench/cluster_sample_200.yaml (a verdict, split or ok, and a reason per cluster, and the
pairs a reader would merge), from which the README quotes its figures.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import tempfile
import time
from pathlib import Path

import duckdb

from marsad.ingest import Sources
from marsad.settings import Settings

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "saudinewsnet" / "saudinewsnet_all_31030.jsonl.gz"

FIGURES_SQL = """
select
    (select count(*) from events) as mentions,
    (select count(*) from events where factual) as factual,
    count(*) as clusters,
    count(*) filter (where mentions > 1) as multi_mention,
    count(*) filter (where articles > 1) as multi_article,
    count(*) filter (where outlets > 1) as multi_outlet,
    max(outlets) as max_outlets
from event_clusters
"""
SAMPLE_SQL = """
select event_cluster_id from event_clusters where mentions > 1
order by hash(event_cluster_id || 'x') limit ?
"""
MEMBERS_SQL = """
select d.outlet, e.doc_id, e.trigger, e.factual, m.link, e.sentence
from event_cluster_members as m join events as e using (event_id) join documents as d using (doc_id)
where m.event_cluster_id = ? order by e.doc_id
"""
HEAD_SQL = """
select c.event_type, s.name, t.name, c.day, c.date_precision, c.location, c.mentions, c.articles, c.outlets
from event_clusters as c
left join actors as s on s.actor_id = c.source_actor_id
left join actors as t on t.actor_id = c.target_actor_id
where c.event_cluster_id = ?
"""


def write_articles(folder: Path, n: int) -> int:
    """The first n corpus articles as .txt files with sidecars; returns how many were written."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(itertools.islice(lines, n)):
            article = json.loads(line)
            paragraphs = [p.strip() for p in article["content"].split("\n") if p.strip()]
            (folder / f"{i:05d}.txt").write_text("\n".join([article["title"], *paragraphs]), encoding="utf-8")
            meta = {"url": article["url"], "published": article["date_extracted"][:10],
                    "outlet": article["source"]}
            (folder / f"{i:05d}.meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return i + 1


def show_figures(con: duckdb.DuckDBPyConnection) -> None:
    """The README's figures."""
    m, f, c, mm, ma, mo, top = con.execute(FIGURES_SQL).fetchone()
    print(f"{m:,} event mentions ({f:,} factual) in {c:,} clusters; {mm:,} with more than one mention, "
          f"{ma:,} more than one article, {mo:,} ({mo / max(c, 1):.1%}) more than one outlet (at most {top})")


def show_sample(con: duckdb.DuckDBPyConnection, size: int) -> None:
    """A seeded sample of multi-mention clusters with their members, to read."""
    ids = [r[0] for r in con.execute(SAMPLE_SQL, [size]).fetchall()]
    for n, cluster in enumerate(ids, 1):
        print(f"\n### {n} {con.execute(HEAD_SQL, [cluster]).fetchone()}")
        for outlet, doc, trigger, factual, link, sentence in con.execute(MEMBERS_SQL, [cluster]).fetchall():
            print(f"  - [{outlet} {doc[:6]} «{trigger}» factual={factual} {link}] {sentence[:240]}")


def main() -> int:
    """Build a warehouse of N corpus articles and print the cluster figures and a sample."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="corpus articles to read")
    parser.add_argument("--sample", type=int, default=50, help="multi-mention clusters to print")
    parser.add_argument("--data-dir", help="keep the warehouse here (default: a temp dir)")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: the corpus is not at {CORPUS} (it lives in ../shared, outside the repo)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        written = write_articles(folder, args.articles)
        settings = Settings.load({"data_dir": Path(args.data_dir or Path(tmp) / "data")}, environ={})
        from flows.pipeline import pipeline

        started = time.perf_counter()
        report = pipeline(Sources((str(folder),)), settings, force_build=True).build
        print(f"{written:,} articles: ingest, extraction and build in {time.perf_counter() - started:.0f} s "
              f"(build {report.seconds:.1f} s)")
        with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
            show_figures(con)
            show_sample(con, args.sample)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
