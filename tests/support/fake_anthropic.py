"""A scripted fake Anthropic Messages API on loopback, for driving the real Claude Code CLI.

Stateless script: the reply is chosen by how many assistant messages the request already
holds, so turn N of a conversation gets `script[N]` (the last entry repeats). Every request
body is logged so tests can read what the model received.
"""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted model reply: text, and optionally one tool call."""

    text: str = ""
    tool_name: str | None = None
    tool_input: dict[str, Any] | None = None

    def content(self) -> list[dict[str, Any]]:
        """Return the reply as Messages API content blocks."""
        blocks: list[dict[str, Any]] = []
        if self.text:
            blocks.append({"type": "text", "text": self.text})
        if self.tool_name:
            blocks.append(
                {
                    "type": "tool_use",
                    "id": "toolu_" + uuid.uuid4().hex[:24],
                    "name": self.tool_name,
                    "input": self.tool_input or {},
                }
            )
        if not blocks:
            blocks.append({"type": "text", "text": "ok"})
        return blocks


def bash(command: str, text: str = "") -> Reply:
    """A reply that runs one Bash command."""
    return Reply(text=text, tool_name="Bash", tool_input={"command": command, "description": "run"})


@dataclass
class FakeAnthropic:
    """The server; use as a context manager. `requests` logs every /v1/messages body."""

    script: list[Reply]
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __enter__(self) -> FakeAnthropic:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _body(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _send(self, status: int, body: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._send(200, b"{}", "application/json")

            def do_HEAD(self) -> None:
                self._send(200, b"", "application/json")

            def do_POST(self) -> None:
                raw = self._body()
                if self.path.split("?", 1)[0] != "/v1/messages":
                    self._send(200, b"{}", "application/json")
                    return
                try:
                    request = json.loads(raw)
                except ValueError:
                    self._send(400, b'{"type":"error"}', "application/json")
                    return
                with fake.lock:
                    fake.requests.append(request)
                reply = fake.reply_for(request)
                if request.get("stream"):
                    self._send(200, fake.sse(request, reply), "text/event-stream")
                else:
                    self._send(
                        200, json.dumps(fake.message(request, reply)).encode(), "application/json"
                    )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        """Base URL for ANTHROPIC_BASE_URL."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def reply_for(self, request: dict[str, Any]) -> Reply:
        """Choose the scripted reply for a request (by assistant turns so far)."""
        turns = sum(1 for m in request.get("messages", []) if m.get("role") == "assistant")
        # Side requests (title generation etc.) carry no tools: answer them with plain text.
        if not request.get("tools"):
            return Reply(text="ok")
        return self.script[min(turns, len(self.script) - 1)]

    def message(self, request: dict[str, Any], reply: Reply) -> dict[str, Any]:
        """The non-streaming Messages API response."""
        content = reply.content()
        return {
            "id": "msg_" + uuid.uuid4().hex[:20],
            "type": "message",
            "role": "assistant",
            "model": request.get("model", "claude-test"),
            "content": content,
            "stop_reason": "tool_use" if reply.tool_name else "end_turn",
            "stop_sequence": None,
            "usage": {"input_tokens": 100, "output_tokens": 20},
        }

    def sse(self, request: dict[str, Any], reply: Reply) -> bytes:
        """The streaming (Server-Sent Events) response."""
        message = self.message(request, reply)
        events: list[tuple[str, dict[str, Any]]] = [
            (
                "message_start",
                {
                    "type": "message_start",
                    "message": {**message, "content": [], "stop_reason": None},
                },
            )
        ]
        for index, block in enumerate(message["content"]):
            if block["type"] == "text":
                events.append(
                    (
                        "content_block_start",
                        {
                            "type": "content_block_start",
                            "index": index,
                            "content_block": {"type": "text", "text": ""},
                        },
                    )
                )
                events.append(
                    (
                        "content_block_delta",
                        {
                            "type": "content_block_delta",
                            "index": index,
                            "delta": {"type": "text_delta", "text": block["text"]},
                        },
                    )
                )
            else:
                events.append(
                    (
                        "content_block_start",
                        {
                            "type": "content_block_start",
                            "index": index,
                            "content_block": {**block, "input": {}},
                        },
                    )
                )
                events.append(
                    (
                        "content_block_delta",
                        {
                            "type": "content_block_delta",
                            "index": index,
                            "delta": {
                                "type": "input_json_delta",
                                "partial_json": json.dumps(block["input"]),
                            },
                        },
                    )
                )
            events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
        events.append(
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
                    "usage": {"output_tokens": 20},
                },
            )
        )
        events.append(("message_stop", {"type": "message_stop"}))
        return b"".join(
            f"event: {name}\ndata: {json.dumps(data)}\n\n".encode() for name, data in events
        )

    # What the model received ------------------------------------------------------------

    def main_requests(self) -> list[dict[str, Any]]:
        """Requests of the main conversation (those that offered tools)."""
        with self.lock:
            return [r for r in self.requests if r.get("tools")]

    def tool_results(self) -> list[dict[str, Any]]:
        """Every tool_result block the model received, in order."""
        results = []
        seen = set()
        for request in self.main_requests():
            for message in request.get("messages", []):
                if message.get("role") != "user" or not isinstance(message.get("content"), list):
                    continue
                for block in message["content"]:
                    if block.get("type") == "tool_result" and block.get("tool_use_id") not in seen:
                        seen.add(block.get("tool_use_id"))
                        results.append(block)
        return results

    def user_texts(self) -> list[str]:
        """Every user text the model received (prompts and hook feedback), flattened."""
        texts: list[str] = []
        requests = self.main_requests()
        if not requests:
            return texts
        for message in requests[-1].get("messages", []):
            if message.get("role") != "user":
                continue
            content = message.get("content")
            if isinstance(content, str):
                texts.append(content)
            elif isinstance(content, list):
                for block in content:
                    if block.get("type") == "text":
                        texts.append(block.get("text", ""))
        return texts


def tool_result_text(block: dict[str, Any]) -> str:
    """The text of a tool_result block (content may be a string or a list of blocks)."""
    content = block.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(b.get("text", "") for b in content if isinstance(b, dict))
    return ""
