"""A fake LLM API (OpenAI chat completions and Anthropic Messages) served on loopback."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeLLM:
    """Answers every POST with `verdict` as the model's text, after `delay_s`."""

    def __init__(self, verdict: dict[str, str], delay_s: float = 0.0) -> None:
        self.verdict = verdict
        self.delay_s = delay_s
        self.requests: list[dict[str, Any]] = []

    def __enter__(self) -> FakeLLM:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

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
                data = json.dumps(answer).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        """Full URL of `path` on this server."""
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"
