"""Report tasks: what a run did, as Prefect artifacts the UI keeps a history of."""

from __future__ import annotations

from prefect import task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from marsad.report import publish_report as write_run_report
from marsad.summary import RunSummary
from marsad.warehouse import BuildReport

# Artifact keys: the UI groups every run's artifact under its key, so the history shows.
SUMMARY_KEY, REJECTS_KEY, BUILD_KEY = "marsad-run-summary", "marsad-rejects", "marsad-warehouse"
REPORT_KEY = "marsad-report"


@task(name="publish-run-artifacts", cache_policy=NO_CACHE)
def publish_artifacts(summary: RunSummary) -> None:
    """A Markdown summary and a table of rejects, keyed so runs can be compared."""
    create_markdown_artifact(summary.as_markdown(), key=SUMMARY_KEY,
                             description="documents, actors, claims and events of this run")
    create_table_artifact(summary.reject_rows() or [{"source": "-", "reason": "-", "message": "no rejects"}],
                          key=REJECTS_KEY, description="inputs rejected and pages that could not be fetched in this run, with the reason")


def publish_build_artifact(report: BuildReport) -> None:
    """Rows per table, data tests and duration of a warehouse build (rebuilt or up to date), on the
    flow run itself (one Markdown artifact needs no task run of its own)."""
    create_markdown_artifact(report.as_markdown(), key=BUILD_KEY,
                             description="the warehouse after this build: rows per table, data tests")


@task(name="publish-report", cache_policy=NO_CACHE)
def publish_report(data_dir: str) -> str | None:
    """Write DIR/report.html (`marsad report`) and link it from the run; None if it could not be written."""
    info = write_run_report(data_dir)
    if info is not None:
        create_link_artifact(info.path.resolve().as_uri(), link_text=info.path.name, key=REPORT_KEY,
                             description=f"the HTML report of the warehouse, {info.since} to {info.until}")
    return None if info is None else str(info.path)
