"""The one place for newsline's errors.

Every error a user can cause is a :class:`NewslineError`; interfaces convert it in one place
(the CLI into a one-line message and an exit status, :func:`newsline.cli.report_error`; the web
layer into one JSON shape, :mod:`newsline.web.errors`). Messages here speak of settings and
inputs, not of an interface's flags.
"""

from __future__ import annotations


class NewslineError(Exception):
    """Base of every error newsline raises on purpose."""

    code = "newsline_error"
    exit_status = 1


class InputError(NewslineError):
    """A file or record cannot be read as news: binary, undecodable, empty, malformed."""

    code = "bad_input"

    def __init__(self, reason: str, path: str | None = None) -> None:
        self.reason = reason
        self.path = path
        super().__init__(f"{path}: {reason}" if path else reason)


class ConfigError(NewslineError):
    """Settings or options that cannot work; the message says what to do instead.

    The message names settings, never an interface's flags; ``setting`` names the one at fault
    (when there is one) so an interface can point at its own option for it.
    """

    code = "bad_config"
    exit_status = 2

    def __init__(self, message: str, setting: str | None = None) -> None:
        self.setting = setting
        super().__init__(message)


class StorageError(NewslineError):
    """The store cannot be opened, migrated or written."""

    code = "storage_error"


class NotFoundError(NewslineError):
    """A named thing (article id, topic) does not exist."""

    code = "not_found"


class StageError(NewslineError):
    """An unexpected exception of one stage on one record: a bug, not bad input.

    :func:`newsline.pipeline.guard` raises it in place of the original exception so the record
    is dropped with this failure (stage, record, exception type and message, and the line that
    raised) while the run goes on; the failed record is not marked done, so the next run
    retries it and a fixed bug heals the store.
    """

    code = "stage_error"

    def __init__(self, stage: str, record: str, error: str, message: str, where: str) -> None:
        self.stage = stage
        self.record = record
        self.error = error
        self.message = message
        self.where = where
        super().__init__(self.reason)

    @property
    def reason(self) -> str:
        """One line a user can paste into a bug report."""
        said = f"{self.error}: {self.message}" if self.message else self.error
        return (
            f"stage {self.stage} failed on {self.record}: {said} (at {self.where});"
            " a newsline bug, please report this line; the next run retries it"
        )


class Drop(Exception):  # noqa: N818 - a control signal, not an error
    """Raised by a stage to drop one record with a reason; the pipeline counts it."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)
