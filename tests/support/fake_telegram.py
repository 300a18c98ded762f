"""A fake Telegram Bot API on loopback: long-poll updates the test injects, and a log of what
the bot sent. `fail_next(method, retry_after)` answers the next call of a method with 429."""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any

from tests.support.http_server import QuietHandler, start_server, stop_server

TOKEN = "123456:TEST-token-abcdef"


class FakeTelegram:
    """The fake server; use as a context manager."""

    def __init__(self, delay_s: float = 0.0) -> None:
        self.updates: list[dict[str, Any]] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.failures: dict[str, float] = {}
        self.delay_s = delay_s
        self.lock = threading.Condition()
        self._ids = itertools.count(1)
        self._messages = itertools.count(100)

    def __enter__(self) -> FakeTelegram:
        fake = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                params = json.loads(self.rfile.read(int(self.headers["Content-Length"])) or b"{}")
                prefix, _, method = self.path.rpartition("/")
                if prefix != f"/bot{TOKEN}":
                    return self.send_json(
                        401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
                    )
                time.sleep(fake.delay_s)
                self.send_json(*fake.answer(method, params))

        self.server = start_server(Handler)
        return self

    def __exit__(self, *exc: Any) -> None:
        with self.lock:
            self.lock.notify_all()
        stop_server(self.server)

    @property
    def url(self) -> str:
        """The API base URL."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call."""
        with self.lock:
            if method in self.failures:
                retry_after = self.failures.pop(method)
                return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests",
                             "parameters": {"retry_after": retry_after}}  # fmt: skip
            self.calls.append((method, params))
        if method == "getUpdates":
            deadline = time.monotonic() + min(float(params.get("timeout", 0)), 1.0)
            with self.lock:
                while True:
                    pending = [u for u in self.updates if u["update_id"] >= params.get("offset", 0)]
                    if pending or time.monotonic() >= deadline:
                        return 200, {"ok": True, "result": pending}
                    self.lock.wait(timeout=max(0.0, deadline - time.monotonic()))
        if method == "sendMessage":
            return 200, {"ok": True, "result": {"message_id": next(self._messages),
                                                "chat": {"id": params["chat_id"]}, "text": params["text"]}}  # fmt: skip
        return 200, {"ok": True, "result": True}

    def fail_next(self, method: str, retry_after: float) -> None:
        """Answer the next call of `method` with 429 and `retry_after`."""
        with self.lock:
            self.failures[method] = retry_after

    def push(self, update: dict[str, Any]) -> None:
        """Make an update available to getUpdates."""
        with self.lock:
            update["update_id"] = next(self._ids)
            self.updates.append(update)
            self.lock.notify_all()

    def message(self, chat_id: int, text: str, user: str = "alice") -> None:
        """A text message from a chat."""
        self.push({"message": {"message_id": next(self._messages), "chat": {"id": chat_id},
                               "from": {"id": chat_id, "username": user}, "text": text}})  # fmt: skip

    def press(self, chat_id: int, message_id: int, data: str, user: str = "alice") -> None:
        """An inline-keyboard button press."""
        self.push({"callback_query": {"id": f"cb{next(self._ids)}", "data": data,
                                      "from": {"id": chat_id, "username": user},
                                      "message": {"message_id": message_id, "chat": {"id": chat_id}}}})  # fmt: skip

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """Parameters of every call of `method` so far."""
        with self.lock:
            return [params for name, params in self.calls if name == method]
