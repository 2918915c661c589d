"""Log lines as JSON objects, one a line, for production (see LOGGING in lms.settings)."""

import datetime
import json
import logging

# What lms.request_id adds to the line it logs for each request.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms")


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, request_id; method, path, status and duration_ms on the
    request lines; the traceback as "exception". Nothing else from the record: Django's
    error records carry the whole request (headers, cookies), which must not be logged."""

    def format(self, record):
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        line.update((name, getattr(record, name)) for name in REQUEST_FIELDS if hasattr(record, name))
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str)
