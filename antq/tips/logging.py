"""Keep the public tips URLs out of the logs: no client address, no tracking code."""

import logging
import re

TIP_PATH = re.compile(r"/(public/[^/\s]+/tips|api/v1/public/tips)(/|\b)")


class DropTipRequests(logging.Filter):
    """Scrub django.server and django.request records of the public tips paths."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        path = getattr(request, "path", "") if request is not None else ""
        try:
            text = record.getMessage()
        except Exception:
            text = str(record.msg)
        if TIP_PATH.search(path or "") or TIP_PATH.search(text):
            record.request = None
            record.msg = "public tips request answered %s"
            record.args = (getattr(record, "status_code", ""),)
        return True


def install() -> None:
    for name in ("django.server", "django.request", "django.security.csrf"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropTipRequests) for f in logger.filters):
            logger.addFilter(DropTipRequests())
