"""JSON error bodies: every 4xx names the problem; no traceback ever reaches a client."""

from __future__ import annotations

from typing import Any

from quart import Response, jsonify


class ApiError(Exception):
    """An error with an HTTP status, a stable code and a message for the client."""

    def __init__(self, status: int, code: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


def error_response(status: int, code: str, message: str, **details: Any) -> Response:
    """Return `{"error": {"code", "message", ...}}` with `status`."""
    response = jsonify({"error": {"code": code, "message": message, **details}})
    response.status_code = status
    return response
