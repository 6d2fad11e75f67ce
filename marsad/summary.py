"""The short summary printed at the end of a run, and its machine-readable form."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from .extract import ExtractReport
from .ingest import CHANGED, DUPLICATE, NEW, REJECTED, UNCHANGED, IngestReport
from .warehouse import BuildReport

EXAMPLE_QUERY = "select language, count(*) as documents, sum(n_chars) as chars from documents group by language"
MAX_REJECTS_SHOWN = 10
NO_FLOW_RUN = ("nothing new since the last run: answered from the lake, without a Prefect flow run "
               "(--force-build runs the flow)")


@dataclass
class RunSummary:
    """What a pipeline run did."""

    ingest: IngestReport
    build: BuildReport
    extract: ExtractReport | None = None
    # False for a re-run with nothing new, answered from the lake without a Prefect flow run (rerun.py).
    flow_run: bool = True

    def as_dict(self) -> dict[str, Any]:
        """Counts, rejects and warehouse facts as plain data (for --json and artifacts)."""
        counts = self.ingest.counts
        return {
            "documents": {k: counts.get(k, 0) for k in (NEW, CHANGED, UNCHANGED, DUPLICATE, REJECTED)},
            "skipped_files": self.ingest.skipped,
            "web_requests": self.ingest.requests,
            "rejects": [{"source_uri": o.uri, "reason": o.reason, "message": o.message}
                        for o in self.ingest.rejects],
            "failing_sources": [{"source_uri": f.uri, "runs": f.runs, "reason": f.reason,
                                 "message": f.message, "since": f.since} for f in self.ingest.failing],
            "extracted_documents": self.extract.documents if self.extract else 0,
            "actor_mentions_added": self.extract.mentions if self.extract else 0,
            "claims_added": self.extract.claims if self.extract else 0,
            "events_added": self.extract.events if self.extract else 0,
            "warehouse": str(self.build.path),
            "warehouse_rebuilt": not self.build.skipped,
            "data_tests_passed": self.build.tests,
            "rows": self.build.rows,
            "ingest_seconds": round(self.ingest.seconds, 3),
            "extract_seconds": round(self.extract.seconds, 3) if self.extract else 0.0,
            "build_seconds": round(self.build.seconds, 3),
            "flow_run": self.flow_run,
        }

    def render(self) -> str:
        """The text a person reads at the end of `marsad run`."""
        c = self.ingest.counts
        new = c[NEW] + c[CHANGED]
        lines = [f"{new} new documents ({c[CHANGED]} from changed files), {c[UNCHANGED]} unchanged, "
                 f"{c[DUPLICATE]} duplicate, {c[REJECTED]} rejected"]
        if self.ingest.requests:
            lines.append(f"web: {self.ingest.requests} requests (pages, feeds, sitemaps, robots.txt); "
                         "see the fetch_log table")
        if self.ingest.skipped:
            lines.append(f"skipped {self.ingest.skipped} files that are not articles (.txt, .html, .warc)")
        lines += _rejects(self.ingest)
        lines += _failing(self.ingest)
        if self.extract and self.extract.documents:
            e = self.extract
            lines.append(f"extracted from {e.documents} documents: {e.mentions:,} mentions of "
                         f"{len(e.actor_ids):,} actors, {e.claims:,} claims, {e.events:,} events")
        state = "rebuilt" if not self.build.skipped else "already up to date"
        tests = f", {self.build.tests} data tests passed" if self.build.tests else ""
        lines.append(f"warehouse: {self.build.path} ({state}{tests})")
        lines.append("rows: " + ", ".join(f"{t} {n:,}" for t, n in self.build.rows.items()))
        if not self.flow_run:
            lines.append(NO_FLOW_RUN)
        lines.append(f'try: marsad query "{EXAMPLE_QUERY}"')
        return "\n".join(lines)


    def as_markdown(self) -> str:
        """The summary as Markdown, for the run's artifact in the Prefect UI."""
        c, e = self.ingest.counts, self.extract
        rows = [("new documents", c[NEW] + c[CHANGED]), ("from changed files", c[CHANGED]),
                ("unchanged", c[UNCHANGED]), ("duplicate", c[DUPLICATE]), ("rejected", c[REJECTED]),
                ("web requests", self.ingest.requests)]
        if e is not None:
            rows += [("documents read for extraction", e.documents), ("actor mentions added", e.mentions),
                     ("claims added", e.claims), ("events added", e.events)]
        rows.append(("seconds (ingest / extract / build)",
                     f"{self.ingest.seconds:.1f} / {e.seconds if e else 0:.1f} / {self.build.seconds:.1f}"))
        table = "\n".join(f"| {name} | {value} |" for name, value in rows)
        tests = f"{self.build.tests} data tests passed" if self.build.tests else "already up to date"
        warning = "".join(f"\n> **Warning:** {line.removeprefix('warning: ').strip()}\n"
                          for line in _failing(self.ingest))
        return (f"# marsad run\n{warning}\n| what | count |\n| --- | ---: |\n{table}\n\n"
                f"Warehouse `{self.build.path}`: {tests}.\n")

    def reject_rows(self) -> list[dict[str, Any]]:
        """Rejected inputs as table rows (for the rejects artifact)."""
        return [{"source": o.uri, "reason": o.reason, "message": o.message} for o in self.ingest.rejects]


def _failing(report: IngestReport) -> list[str]:
    """Warning lines for sources that have failed several runs in a row."""
    return [f"warning: {f.uri.removeprefix('file://')} has failed {f.runs} runs in a row "
            f"(since {f.since[:16].replace('T', ' ')} UTC): {f.message or f.reason}"
            for f in report.failing]


def _rejects(report: IngestReport) -> list[str]:
    """Lines listing rejected inputs with their reasons."""
    rejects = report.rejects
    if not rejects:
        return []
    reasons = Counter(o.reason for o in rejects)
    lines = ["rejected: " + ", ".join(f"{n} {r}" for r, n in reasons.most_common())]
    for o in rejects[:MAX_REJECTS_SHOWN]:
        lines.append(f"  {o.uri.removeprefix('file://')}: {o.message}")
    if len(rejects) > MAX_REJECTS_SHOWN:
        lines.append(f"  ... and {len(rejects) - MAX_REJECTS_SHOWN} more: marsad query \"select * from rejects\"")
    return lines
