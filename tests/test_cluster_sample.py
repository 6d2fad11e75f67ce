"""The hand-read sample of event clusters: well formed, and the README quotes its totals."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = yaml.safe_load((ROOT / "bench" / "cluster_sample_200.yaml").read_text(encoding="utf-8"))


def test_every_cluster_has_a_verdict_and_a_reason():
    """200 clusters, each judged split or ok with a one-line reason."""
    clusters = SAMPLE["clusters"]
    assert [c["n"] for c in clusters] == list(range(1, 201))
    assert all(c["verdict"] in {"ok", "split"} and c["reason"].strip() for c in clusters)
    assert len({c["cluster"] for c in clusters}) == 200


def test_merges_name_sampled_clusters_both_ways():
    """A merge pair names two sampled clusters, and each lists the other in merge_with."""
    by_n = {c["n"]: c for c in SAMPLE["clusters"]}
    for merge in SAMPLE["merges"]:
        a, b = merge["pair"]
        assert merge["cause"] in {"roles", "date", "wording"}
        assert b in by_n[a]["merge_with"] and a in by_n[b]["merge_with"]


@pytest.mark.parametrize("phrase", ["would split {splits}:", "would merge {merges} pairs", "{noise} of the 200"])
def test_readme_quotes_the_totals(phrase):
    """The README's figures are those of the annotated file."""
    totals = {"splits": sum(c["verdict"] == "split" for c in SAMPLE["clusters"]),
              "merges": len(SAMPLE["merges"]), "noise": sum(c["noise"] for c in SAMPLE["clusters"])}
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert phrase.format(**totals) in readme
