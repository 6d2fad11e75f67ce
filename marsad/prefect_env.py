"""Quiet, predictable Prefect defaults for the CLI, set before Prefect is imported.

Only defaults: anything the user already set in the environment wins. No Prefect import here;
the run command then starts the temporary API itself (`temp_api`: it dies with the run, even on kill -9).
"""

from __future__ import annotations

import os

from . import temp_api

DEFAULTS = {
    # No "Failed to send telemetry" lines from the temporary server.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # No "Error flushing events" / CancelledError tracebacks when the temporary server stops.
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    # A fresh temporary server needs 12-19 s here (migrations); the default timeout is 20 s.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}

# marsad's own module loggers (warnings such as a source failing run after run) go to the flow
# run's logs in the UI too; outside a flow run they are simply not sent, without a warning.
RUN_LOGS = {
    "PREFECT_LOGGING_EXTRA_LOGGERS": "marsad",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
    # No "Finished in state Completed()" record per task run (the UI shows each task run's state):
    # a task run's warnings and failures are still logged. Flows' own lines are kept.
    "PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL": "WARNING",
}
DEFAULTS.update(RUN_LOGS)


def configure(verbose: bool = False) -> None:
    """Set Prefect env defaults: logs still reach the API (and UI); the console shows the CLI's own
    output, and with --verbose Prefect's lines too, each task run's end among them."""
    if verbose:
        os.environ.setdefault("PREFECT_LOGGING_LOGGERS_PREFECT_TASK_RUNS_LEVEL", "INFO")
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "INFO" if verbose else "CRITICAL")


def api_description() -> str:
    """Where flow runs are reported: a server's URL or the local temporary API."""
    url = os.environ.get("PREFECT_API_URL")
    if url and url != temp_api.started_url():
        return f"Prefect server {url}"
    return "Prefect's local temporary API (set PREFECT_API_URL to use a server)"
