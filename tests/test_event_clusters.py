"""Event clusters: one happening reported by several outlets is one row, with its counts."""

from __future__ import annotations

import duckdb
import pytest

from conftest import run_extract
from conftest import run_ingest
from marsad.warehouse import build

# Two outlets report the same strike in different words; a third article has one minister's
# two meetings of the day; a fourth only denies a strike.
STRIKE_A = ("غارات على الموصل\n"
            "شنت القوات الأمريكية غارات جوية على مواقع تنظيم داعش في الموصل يوم 3 مارس 2024.\n"
            "وقال مسؤول إن الغارات استمرت ساعات.\n")
STRIKE_B = ("الموصل تحت القصف\n"
            "وشنت القوات الأمريكية يوم 3 مارس 2024 غارات على مواقع لتنظيم داعش في الموصل.\n")
MEETINGS = ("لقاءات الوزير\n"
            "التقى وزير الخارجية السعودي في الرياض اليوم نظيره الأردني لبحث العلاقات الثنائية.\n"
            "واستقبل وزير الخارجية السعودي في الرياض اليوم وفدا من رجال الأعمال اليابانيين.\n")
DENIAL = ("نفي\n"
          "ونفت الحكومة التركية أن تكون قواتها قد قصفت قرى في شمال العراق يوم 5 مارس 2024.\n")


@pytest.fixture
def warehouse(articles, settings):
    """A warehouse of the four articles; returns a read-only connection maker."""
    day = {"published": "2024-03-04"}
    articles("a.txt", STRIKE_A, {"outlet": "alpha", **day})
    articles("b.txt", STRIKE_B, {"outlet": "beta", **day})
    articles("c.txt", MEETINGS, {"outlet": "alpha", **day})
    articles("d.txt", DENIAL, {"outlet": "gamma", **day})
    run_ingest([articles.folder], settings)
    run_extract(settings)
    build(settings)
    return lambda: duckdb.connect(str(settings.warehouse_path), read_only=True)


def test_same_strike_from_two_outlets_is_one_cluster(warehouse):
    with warehouse() as con:
        rows = con.sql("select mentions, articles, outlets, factual_share, day from event_clusters "
                       "where event_type = 'ASSAULT'").fetchall()
    assert len(rows) == 1
    mentions, n_articles, outlets, share, day = rows[0]
    assert (n_articles, outlets, share, str(day)) == (2, 2, 1.0, "2024-03-03")
    assert mentions >= 2


def test_two_meetings_of_one_minister_stay_two(warehouse):
    with warehouse() as con:
        assert con.sql("select count(*) from event_clusters where event_type = 'CONSULT'").fetchone()[0] == 2


def test_a_denial_founds_no_cluster(warehouse):
    with warehouse() as con:
        denied = con.sql("select e.event_id, m.event_cluster_id from events e left join "
                         "event_cluster_members m using (event_id) where not e.factual").fetchall()
    assert denied and all(cluster is None for _, cluster in denied)


def test_every_factual_mention_has_one_cluster_and_counts_agree(warehouse):
    with warehouse() as con:
        orphans = con.sql("select count(*) from events anti join event_cluster_members using (event_id) "
                          "where factual").fetchone()[0]
        daily = con.sql("select sum(events), sum(clusters) from daily_event_counts").fetchone()
        dyads = con.sql("select sum(events), sum(clusters) from actor_dyads").fetchone()
    assert orphans == 0
    assert daily[1] < daily[0] and (dyads[0] or 0) >= (dyads[1] or 0)


def test_cluster_ids_are_the_same_after_a_rebuild(warehouse, settings):
    with warehouse() as con:
        before = con.sql("select event_cluster_id from event_clusters order by 1").fetchall()
    build(settings, force=True)
    with warehouse() as con:
        assert con.sql("select event_cluster_id from event_clusters order by 1").fetchall() == before
