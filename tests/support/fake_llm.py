"""A fake LLM API (OpenAI chat completions and Anthropic Messages) served on loopback."""

from __future__ import annotations

import json
import time
from typing import Any

from tests.support.http_server import QuietHandler, start_server, stop_server


class FakeLLM:
    """Answers every POST with `verdict` as the model's text, after `delay_s`."""

    def __init__(self, verdict: dict[str, str], delay_s: float = 0.0) -> None:
        self.verdict = verdict
        self.delay_s = delay_s
        self.requests: list[dict[str, Any]] = []

    def __enter__(self) -> FakeLLM:
        fake = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append(
                    {"path": self.path, "body": body, "headers": dict(self.headers)}
                )
                time.sleep(fake.delay_s)
                text = json.dumps(fake.verdict)
                if self.path.endswith("/messages"):
                    answer = {"content": [{"type": "text", "text": text}], "role": "assistant"}
                else:
                    answer = {"choices": [{"message": {"role": "assistant", "content": text}}]}
                self.send_json(200, answer)

        self.server = start_server(Handler)
        return self

    def __exit__(self, *exc: Any) -> None:
        stop_server(self.server)

    def url(self, path: str) -> str:
        """Full URL of `path` on this server."""
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"
