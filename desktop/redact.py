"""Keeps secrets out of logs: known tokens and anything that looks like an auth header are masked."""

from __future__ import annotations

import logging
import re

_AUTH_PATTERN = re.compile(r"(?i)(authorization:?\s*(?:token|basic|bearer)\s+|token[=:]\s*)([^\s,;\"']+)")


class Redactor:
    def __init__(self) -> None:
        self._secrets: set[str] = set()

    def add(self, secret: str) -> None:
        if len(secret) >= 4:
            self._secrets.add(secret)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[redacted]")
        return _AUTH_PATTERN.sub(r"\1[redacted]", text)


class RedactingFilter(logging.Filter):
    def __init__(self, redactor: Redactor) -> None:
        super().__init__()
        self._redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = self._redactor(message)
        record.args = None
        if record.exc_info:
            # Render the traceback now, redacted, instead of letting the formatter do it raw.
            record.exc_text = self._redactor(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


def setup_logging(log_file: logging.FileHandler | None, redactor: Redactor, *, verbose: bool) -> None:
    # A log line that cannot be written (a full disk, a log folder gone) must not print a traceback
    # over the app's own, clearer message about it.
    logging.raiseExceptions = False
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    handlers[0].setLevel(logging.DEBUG if verbose else logging.WARNING)
    if log_file is not None:
        handlers.append(log_file)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in handlers:
        handler.addFilter(RedactingFilter(redactor))
        handler.setFormatter(fmt)
        root.addHandler(handler)
    # httpx logs every URL at INFO; keep them at debug level only.
    logging.getLogger("httpx").setLevel(logging.DEBUG if verbose else logging.WARNING)
