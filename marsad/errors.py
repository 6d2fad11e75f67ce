"""Exceptions raised by marsad's library code; only the CLI turns them into exit codes."""


class MarsadError(Exception):
    """Base class for errors a user can act on; its message is shown without a traceback."""


class SettingsError(MarsadError):
    """A setting has a value that cannot be used."""


class WarehouseError(MarsadError):
    """The warehouse could not be built or opened."""


class QueryRefused(MarsadError):
    """A query asked for something the read-only query connection does not allow."""


class DataTestFailed(WarehouseError):
    """A data test in sql/tests returned offending rows."""

    def __init__(self, name: str, rows: list[tuple], columns: list[str]):
        self.name, self.rows, self.columns = name, rows, columns
        shown = "\n".join("  " + ", ".join(map(str, row)) for row in rows[:5])
        more = f"\n  ... and {len(rows) - 5} more" if len(rows) > 5 else ""
        super().__init__(
            f"data test {name} failed: {len(rows)} offending row(s) "
            f"({', '.join(columns)}):\n{shown}{more}"
        )


class LexiconError(MarsadError):
    """A lexicon file has an entry that cannot be used; the message names file and line."""
