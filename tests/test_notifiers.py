"""Notifiers against a fake Bot API and a webhook receiver, both served on loopback."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import stat
import time
from typing import Any

import pytest
import trio

from tests.support.dropins import POLICY
from tests.support.fake_telegram import TOKEN, FakeTelegram
from tests.support.http_server import QuietHandler, start_server, stop_server
from tests.support.live import make_root, start_live

CHAT, STRANGER = 4242, 999

NOTIFY_ROUTE = """
from tmpm_supervisor.plugin_api import Notice, Route, Severity, hookimpl


async def emit(request, ctx):
    body = await request.get_json()
    ctx.notify(Notice(kind=body["kind"], text=body.get("text", "x"), severity=Severity[body.get("severity", "WARNING")],
                      session_id=body.get("session")))
    return {"ok": True}


@hookimpl
def tmpm_routes(ctx):
    return [Route("POST", "/test/notice", emit)]
"""


def telegram_yaml(url: str, **extra: Any) -> str:
    values = {"api_base": url, "poll_timeout_s": 1, "per_minute": 100, "dedupe_s": 60, **extra}
    return "\n".join(f"{k}: {json.dumps(v)}" for k, v in values.items()) + "\n"


async def until(check, timeout: float = 10.0):
    with trio.fail_after(timeout):
        while not (result := check()):
            await trio.sleep(0.02)
        return result


@pytest.fixture
def token_env(monkeypatch) -> None:
    monkeypatch.setenv("TMPM_TELEGRAM_TOKEN", TOKEN)


async def pair(live, fake: FakeTelegram, chat: int = CHAT) -> None:
    code = (await live.client.post("/telegram/pair")).json()["code"]
    fake.message(chat, f"/pair {code}")
    await until(lambda: any(m["text"].startswith("Paired") for m in fake.sent()))


async def test_pairing_wrong_codes_reuse_expiry_and_persistence(
    nursery, tmp_path, token_env
) -> None:
    with FakeTelegram() as fake:
        root = make_root(
            tmp_path / "root", {"config/telegram.yaml": telegram_yaml(fake.url, pairing_ttl_s=0.5)}
        )
        live = await start_live(nursery, root)
        code = (await live.client.post("/telegram/pair")).json()["code"]
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(4):
            fake.message(STRANGER, f"/pair {wrong}")
        await until(lambda: len(fake.sent()) >= 4)
        fake.message(STRANGER, f"/pair {wrong}")  # the fifth wrong code voids it
        await until(lambda: any("Too many wrong codes" in m["text"] for m in fake.sent()))
        fake.message(CHAT, f"/pair {code}")  # the right code, but it is void now
        await until(lambda: fake.updates and fake.updates[-1]["update_id"] < 7 and _polled(fake, 7))
        status = (await live.client.get("/status")).json()["plugins"]["telegram"]["status"]
        assert status["paired"] is False
        assert len(fake.sent()) == 5  # no answer to an unpaired chat without a pending code

        code = (await live.client.post("/telegram/pair")).json()["code"]
        await trio.sleep(0.6)  # past pairing_ttl_s
        fake.message(CHAT, f"/pair {code}")
        await until(lambda: any("expired" in m["text"] for m in fake.sent()))

        await pair(live, fake)
        stored = root.state_dir / "pairing.json"
        assert json.loads(stored.read_text())["chat_id"] == CHAT
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600
        before = len(fake.sent())
        fake.message(STRANGER, f"/pair {code}")  # codes are single use
        await trio.sleep(0.3)
        assert len(fake.sent()) == before  # strangers get no answer
        await live.client.aclose()
        live.handle.stop()

        live2 = await start_live(nursery, root)  # a restart keeps the pairing
        status = (await live2.client.get("/status")).json()["plugins"]["telegram"]["status"]
        assert status["paired"] is True and status["paired_by"] == "alice"
        await live2.client.aclose()
        live2.handle.stop()


async def test_approval_button_resolves_the_waiting_hook(live_factory, sample, token_env) -> None:
    with FakeTelegram() as fake:
        live = await live_factory(
            {"config/telegram.yaml": telegram_yaml(fake.url), "plugins/policy.py": POLICY}
        )
        await pair(live, fake)
        payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
        payload["tool_input"]["command"] = "ls ASKME"
        answer: dict = {}

        async def held() -> None:
            answer.update((await live.hook(payload)).json())

        async with trio.open_nursery() as nursery:
            nursery.start_soon(held)
            message = await until(
                lambda: next((m for m in fake.sent() if "reply_markup" in m), None)
            )
            buttons = message["reply_markup"]["inline_keyboard"][0]
            assert [b["text"] for b in buttons] == ["Approve", "Deny"]
            approve = buttons[0]["callback_data"]
            approval_id = approve.split(":")[1]
            message_id = sent_message_id(approval_id)
            fake.press(CHAT, message_id, approve, user="bob")
        assert answer["hookSpecificOutput"]["permissionDecision"] == "allow"
        edited = await until(lambda: fake.sent("editMessageText"))
        assert "allow by telegram:bob" in edited[0]["text"]
        assert fake.sent("answerCallbackQuery")[0]["text"] == "approved"
        # A late press after the call was decided says so.
        fake.press(CHAT, message_id, approve)
        await until(lambda: len(fake.sent("answerCallbackQuery")) == 2)
        assert fake.sent("answerCallbackQuery")[1]["text"].startswith("too late")


def _polled(fake: FakeTelegram, offset: int) -> bool:
    """True once the bot has asked for updates from `offset` on (it consumed the earlier ones)."""
    return any(p.get("offset", 0) >= offset for name, p in fake.calls if name == "getUpdates")


def sent_message_id(approval_id: str) -> int:
    """The message id the Bot API returned for the approval's message (kept by the bot)."""
    from tmpm_telegram.plugin import bot

    return bot.approval_messages[approval_id][1]


async def test_unpaired_chats_are_ignored_and_commands_work(live_factory, token_env) -> None:
    with FakeTelegram() as fake:
        live = await live_factory({"config/telegram.yaml": telegram_yaml(fake.url)})
        await pair(live, fake)
        before = len(fake.sent())
        status = (await live.client.get("/status")).json()["plugins"]["telegram"]["status"]
        ignored_before = status["ignored"]
        fake.message(STRANGER, "/status")
        fake.message(STRANGER, "/approve abc")
        fake.message(CHAT, "/status")
        reply = await until(lambda: [m for m in fake.sent()[before:] if m["chat_id"] == CHAT])
        assert reply[0]["text"].startswith("tmpm: generation 1")
        assert all(m["chat_id"] == CHAT for m in fake.sent())
        status = (await live.client.get("/status")).json()["plugins"]["telegram"]["status"]
        assert status["ignored"] - ignored_before == 2
        for command, expected in (("/pending", "nothing pending"), ("/help", "/snapshot"),
                                  ("/snapshot abc", "no terminal found"), ("/sessions", "no sessions")):  # fmt: skip
            count = len(fake.sent())
            fake.message(CHAT, command)
            text = (await until(lambda c=count: fake.sent()[c:]))[0]["text"]
            assert expected in text, (command, text)


async def test_429_is_honoured_and_alerts_for_each_kind(live_factory, token_env, caplog) -> None:
    caplog.set_level("DEBUG")
    with FakeTelegram() as fake:
        live = await live_factory(
            {"config/telegram.yaml": telegram_yaml(fake.url), "plugins/emit.py": NOTIFY_ROUTE}
        )
        await pair(live, fake)
        fake.fail_next("sendMessage", retry_after=1)
        kinds = ["denial", "budget.warn", "budget.alert", "context.warn", "circuit.open",
                 "session.waiting", "session.done", "session.dead", "reload.error"]  # fmt: skip
        for kind in kinds:
            await live.client.post("/test/notice", json={"kind": kind, "text": f"about {kind}"})
        started = time.monotonic()
        texts = await until(lambda: [m["text"] for m in fake.sent() if "about " in m["text"]]
                            if sum("about " in m["text"] for m in fake.sent()) == len(kinds) else None)  # fmt: skip
        assert time.monotonic() - started >= 0.9  # waited out retry_after
        for kind in kinds:
            assert any(f"about {kind}" in t for t in texts), kind
        status = (await live.client.get("/status")).json()["plugins"]["telegram"]["status"]
        assert status["retries_after_429"] == 1
        # A storm of the same alert is de-duplicated.
        for _ in range(5):
            await live.client.post("/test/notice", json={"kind": "denial", "text": "same thing"})
        await trio.sleep(0.5)
        assert sum("same thing" in m["text"] for m in fake.sent()) == 1
    assert any("429" in r.getMessage() for r in caplog.records)
    leaked = [(r.name, r.getMessage()[:150]) for r in caplog.records if TOKEN in r.getMessage()]
    assert not leaked, leaked


class Receiver:
    """A webhook receiver on loopback that fails the first `failures` requests."""

    def __init__(self, failures: int = 0, hang_s: float = 0.0) -> None:
        self.failures = failures
        self.hang_s = hang_s
        self.requests: list[tuple[bytes, dict[str, str]]] = []

    def __enter__(self) -> Receiver:
        receiver = self

        class Handler(QuietHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((body, dict(self.headers)))
                time.sleep(receiver.hang_s)
                status = 500 if len(receiver.requests) <= receiver.failures else 200
                self.send_json(status, b"")

        self.server = start_server(Handler)
        return self

    def __exit__(self, *exc: Any) -> None:
        stop_server(self.server)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"


async def test_webhook_signs_and_retries(live_factory, monkeypatch) -> None:
    monkeypatch.setenv("TMPM_TEST_SECRET", "s3cret")
    with Receiver(failures=2) as receiver:
        live = await live_factory({
            "config/webhook.yaml": (f"endpoints:\n  - url: {receiver.url}\n    secret_env: TMPM_TEST_SECRET\n"
                                    "    backoff_s: 0.05\n"),
            "plugins/emit.py": NOTIFY_ROUTE,
        })  # fmt: skip
        await live.client.post("/test/notice", json={"kind": "budget.alert", "text": "over budget"})
        await until(lambda: len(receiver.requests) == 3)
        body, headers = receiver.requests[-1]
        expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        assert headers["X-Tmpm-Signature"] == expected
        data = json.loads(body)
        assert data["kind"] == "budget.alert" and "over budget" in data["text"]
        status = (await live.client.get("/status")).json()["plugins"]["webhook"]["status"]
        endpoint = status["endpoints"][receiver.url]
        assert (endpoint["sent"], endpoint["retries"]) == (1, 2)


async def test_hooks_are_not_delayed_when_every_notifier_hangs(
    live_factory, sample, token_env
) -> None:
    with FakeTelegram(delay_s=5) as fake, Receiver(hang_s=5) as receiver:
        live = await live_factory({
            "config/telegram.yaml": telegram_yaml(fake.url),
            "config/webhook.yaml": f"endpoints:\n  - url: {receiver.url}\n    timeout_s: 10\n",
            "plugins/policy.py": POLICY,
        })  # fmt: skip
        from tmpm_telegram.plugin import bot

        bot.pairing.chat_id = CHAT  # paired earlier; the fake Bot API now hangs for 5 s
        payload = copy.deepcopy(sample("captured/v2.1.331-headless-PreToolUse.json"))
        payload["tool_input"]["command"] = "touch FORBIDDEN-x"  # a denial: notices for both
        timings = []
        for _ in range(20):
            started = time.perf_counter()
            body = (await live.hook(payload)).json()
            timings.append(time.perf_counter() - started)
            assert body["hookSpecificOutput"]["permissionDecision"] == "deny"
        await until(lambda: receiver.requests)  # the notifiers really are hanging
        assert max(timings) < 0.2, f"slowest hook answer {max(timings):.3f}s"
        bot.pairing.chat_id = None
