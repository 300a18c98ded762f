"""The Telegram notifier and remote control: registered through the entry point `telegram`.

Notices are queued by `tmpm_deliver_notice` (never on a hook's path) and sent by a background
task; another task long-polls the Bot API for messages and button presses. Only the chat
paired with `/pair <code>` is listened to; everyone else is ignored and counted.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import trio

from tmpm_supervisor.approvals import ApprovalError
from tmpm_supervisor.notifier_kit import DeliveryQueue, Throttle, read_secret
from tmpm_supervisor.plugin_api import BackgroundTask, Decision, Notice, Route, hookimpl

from .bot_api import BotApi, BotApiError
from .config import TelegramConfig
from .pairing import Pairing

ICONS = {"info": "\u2139\ufe0f", "warning": "\u26a0\ufe0f", "alert": "\U0001f6a8"}
HELP = (
    "/status - supervisor status\n/sessions - sessions seen\n/pending - held approvals\n"
    "/approve <id> | /deny <id> - decide a held call\n/snapshot <session> - terminal text\n"
    "/send <session> <text> - type into a session\n/help - this list"
)


class Bot:
    """State kept across reloads: pairing, queue, approval messages, counters."""

    def __init__(self) -> None:
        self.pairing = Pairing()
        self.queue = DeliveryQueue(500)
        self.throttle = Throttle(20, 60.0)
        self.approval_messages: dict[str, tuple[int, int]] = {}
        self.offset = 0
        self.counters = {"sent": 0, "failed": 0, "ignored": 0, "commands": 0, "updates": 0}
        self.state = "idle"
        self.last_error: str | None = None
        self.api: BotApi | None = None
        self.identity: tuple[str, str] | None = None

    def configure(self, config: TelegramConfig, state_dir: Any) -> None:
        """Apply sizes from config and load the stored pairing."""
        self.queue.size = config.queue_size
        self.throttle.per_minute = config.per_minute
        self.throttle.dedupe_s = config.dedupe_s
        self.pairing.load(state_dir / "pairing.json")


bot = Bot()


@hookimpl
def tmpm_config_model() -> type[TelegramConfig]:
    """The Telegram notifier's config schema."""
    return TelegramConfig


@hookimpl
def tmpm_deliver_notice(notice: Notice, ctx: Any) -> None:
    """Queue a notice for the paired chat if its routing wants it (never blocks)."""
    config: TelegramConfig = ctx.config
    bot.configure(config, ctx.state_dir)
    if not config.enabled or bot.pairing.chat_id is None or not config.routing.wants(notice):
        return
    if notice.kind == "approval.resolved" or bot.throttle.allow(notice):
        bot.queue.put(notice)


def _format(notice: Notice) -> str:
    icon = ICONS.get(notice.severity.label, "")
    title = f"{icon} {notice.title or notice.kind}".strip()
    session = f"\nsession {notice.session_id[:8]}" if notice.session_id else ""
    suppressed = bot.throttle.take_suppressed()
    extra = f"\n({suppressed} more alerts held back)" if suppressed else ""
    return f"{title}\n{notice.text}{session}{extra}"[:4000]


async def _send(api: BotApi, notice: Notice) -> None:
    chat = bot.pairing.chat_id
    if chat is None:
        return
    if notice.kind == "approval" and notice.approval_id:
        buttons = [[{"text": a.label, "callback_data": f"ap:{notice.approval_id}:{a.id}"}
                    for a in notice.actions]]  # fmt: skip
        text = f"{_format(notice)}\napproval {notice.approval_id}"
        message = await api.call("sendMessage", chat_id=chat, text=text,
                                 reply_markup={"inline_keyboard": buttons})  # fmt: skip
        bot.approval_messages[notice.approval_id] = (chat, message["message_id"])
    elif notice.kind == "approval.resolved" and notice.approval_id in bot.approval_messages:
        chat_id, message_id = bot.approval_messages.pop(notice.approval_id)
        approval = notice.data.get("approval", {})
        text = (f"{approval.get('tool_name')} {json.dumps(approval.get('tool_input'))[:300]}\n"
                f"→ {approval.get('outcome')} by {approval.get('decided_by')}")  # fmt: skip
        await api.call("editMessageText", chat_id=chat_id, message_id=message_id, text=text)
    elif notice.kind != "approval.resolved":
        await api.call("sendMessage", chat_id=chat, text=_format(notice))
    bot.counters["sent"] += 1


async def _sender(ctx: Any) -> None:
    api = bot.api
    assert api is not None
    while True:
        notice = await bot.queue.get()
        for delay in (1, 2, 4, 0):
            try:
                await _send(api, notice)
                break
            except BotApiError as exc:
                bot.last_error = str(exc)
                if not delay:
                    bot.counters["failed"] += 1
                    break
                await trio.sleep(delay)


async def _reply(api: BotApi, chat_id: int, text: str) -> None:
    try:
        await api.call("sendMessage", chat_id=chat_id, text=text[:4000])
    except BotApiError as exc:
        bot.last_error = str(exc)


def _session(ctx: Any, prefix: str) -> str | None:
    for info in ctx.services.sessions.all():
        if info.session_id.startswith(prefix):
            return info.session_id
    return prefix or None


async def _command(api: BotApi, ctx: Any, chat_id: int, who: str, text: str) -> None:
    bot.counters["commands"] += 1
    name, _, rest = text.strip().partition(" ")
    name = name.split("@")[0].lower()
    services = ctx.services
    if name in ("/help", "/start"):
        await _reply(api, chat_id, HELP)
    elif name == "/status":
        generation = services.current
        await _reply(api, chat_id, (
            f"tmpm: generation {generation.number}, {len(services.sessions.all())} sessions, "
            f"{len(services.approvals.pending())} pending approvals"))  # fmt: skip
    elif name == "/sessions":
        lines = [f"{s.session_id[:8]} {s.last_event or ''} {s.cwd or ''}"
                 for s in services.sessions.all()[:20]]  # fmt: skip
        await _reply(api, chat_id, "\n".join(lines) or "no sessions yet")
    elif name == "/pending":
        lines = [f"{a.id}: {a.tool_name} {json.dumps(a.tool_input)[:120]} ({a.reason})"
                 for a in services.approvals.pending()]  # fmt: skip
        await _reply(api, chat_id, "\n".join(lines) or "nothing pending")
    elif name in ("/approve", "/deny"):
        await _decide(
            api, ctx, chat_id, who, rest.strip(), "allow" if name == "/approve" else "deny"
        )
    elif name == "/snapshot":
        session = _session(ctx, rest.strip())
        screen = await ctx.call_first("tmpm_snapshot_session", session_id=session, lines=40)
        await _reply(api, chat_id, screen or f"no terminal found for session {rest.strip()!r}")
    elif name == "/send":
        target, _, message = rest.strip().partition(" ")
        sent = await ctx.call_first("tmpm_send_to_session", session_id=_session(ctx, target),
                                    text=message, enter=True)  # fmt: skip
        await _reply(api, chat_id, "sent" if sent else f"could not type into {target!r}")
    else:
        await _reply(api, chat_id, f"unknown command {name}\n{HELP}")


async def _decide(
    api: BotApi, ctx: Any, chat_id: int, who: str, approval_id: str, label: str
) -> str:
    decision = Decision.ALLOW if label == "allow" else Decision.DENY
    try:
        ctx.services.approvals.resolve(approval_id, decision, f"telegram:{who}")
    except ApprovalError as exc:
        message = f"too late: {exc}" if exc.code == "already_decided" else str(exc)
        await _reply(api, chat_id, message)
        return message
    return "approved" if decision == Decision.ALLOW else "denied"


async def _update(api: BotApi, ctx: Any, config: TelegramConfig, update: dict[str, Any]) -> None:
    bot.counters["updates"] += 1
    if "callback_query" in update:
        query = update["callback_query"]
        message = query.get("message") or {}
        chat_id = (message.get("chat") or {}).get("id")
        if chat_id != bot.pairing.chat_id:
            bot.counters["ignored"] += 1
            return
        who = (query.get("from") or {}).get("username") or str((query.get("from") or {}).get("id"))
        _, approval_id, label = (query.get("data") or "::").split(":", 2)
        answer = await _decide(api, ctx, chat_id, who, approval_id, label)
        if answer.startswith("too late") or "no approval" in answer:
            approval = ctx.services.approvals.get(approval_id)
            if approval is not None and approval_id in bot.approval_messages:
                cid, mid = bot.approval_messages.pop(approval_id)
                outcome = approval.outcome.label if approval.outcome else "expired"
                await api.call("editMessageText", chat_id=cid, message_id=mid,
                               text=f"{approval.tool_name}: {outcome} by {approval.decided_by} "
                                    "(your press came too late)")  # fmt: skip
        await api.call("answerCallbackQuery", callback_query_id=query["id"], text=answer[:190])
        return
    message = update.get("message") or {}
    chat_id = (message.get("chat") or {}).get("id")
    text = message.get("text") or ""
    who = (message.get("from") or {}).get("username") or str((message.get("from") or {}).get("id"))
    if text.startswith("/pair"):
        result = bot.pairing.try_code(text[5:].strip(), chat_id, who)
        replies = {"paired": "Paired. Send /help for commands.", "wrong": "Wrong code.",
                   "expired": "That code expired; run `tmpm pair` again.",
                   "void": "Too many wrong codes; run `tmpm pair` again.",
                   "none": "No pairing code is pending; run `tmpm pair`."}  # fmt: skip
        if result != "none" or chat_id == bot.pairing.chat_id:
            await _reply(api, chat_id, replies[result])
        else:
            bot.counters["ignored"] += 1
        return
    if chat_id != bot.pairing.chat_id:
        bot.counters["ignored"] += 1
        return
    if text.startswith("/"):
        await _command(api, ctx, chat_id, who, text)


async def _poller(ctx: Any) -> None:
    config: TelegramConfig = ctx.config
    api = bot.api
    assert api is not None
    delay = 1.0
    while True:
        try:
            updates = await api.call(
                "getUpdates", extra_timeout=config.poll_timeout_s, offset=bot.offset,
                timeout=config.poll_timeout_s, allowed_updates=["message", "callback_query"],
            )  # fmt: skip
            bot.state = "polling"
            delay = 1.0
        except BotApiError as exc:
            bot.state = "failing"
            bot.last_error = str(exc)
            await trio.sleep(delay)
            delay = min(delay * 2, 30)
            continue
        for update in updates or []:
            bot.offset = max(bot.offset, update["update_id"] + 1)
            try:
                await _update(api, ctx, config, update)
            except BotApiError as exc:
                bot.last_error = str(exc)


@hookimpl
def tmpm_background_tasks(ctx: Any) -> list[BackgroundTask]:
    """The sender and the long-poller, when a token is configured."""
    config: TelegramConfig = ctx.config
    bot.configure(config, ctx.state_dir)
    if not config.enabled:
        bot.state = "disabled"
        return []
    token, problem = read_secret(config.token_env, config.token_file)
    if not token:
        bot.state = "idle: no token" if problem is None else "idle"
        bot.last_error = problem
        return []
    if bot.identity != (config.api_base, token):
        # Update ids belong to one bot: a new token (or API) starts from the beginning.
        bot.identity = (config.api_base, token)
        bot.offset = 0
        bot.approval_messages.clear()
    bot.api = BotApi(config.api_base, token, config.request_timeout_s)
    bot.state = "starting"
    return [BackgroundTask("sender", _sender, 1.0), BackgroundTask("poller", _poller, 1.0)]


@hookimpl
def tmpm_status(ctx: Any) -> dict[str, Any]:
    """Pairing, queue and delivery counters for GET /status."""
    return {
        "state": bot.state, **bot.pairing.to_json(), **bot.counters,
        "queued": len(bot.queue.items), "dropped": bot.queue.dropped,
        "retries_after_429": bot.api.retries_after_429 if bot.api else 0,
        "last_error": bot.last_error,
    }  # fmt: skip


async def _pair_route(request: Any, ctx: Any) -> Any:
    config: TelegramConfig = ctx.config
    bot.configure(config, ctx.state_dir)
    code = bot.pairing.issue(config.pairing_ttl_s, config.pairing_attempts)
    return {"code": code.code, "expires_in_s": config.pairing_ttl_s,
            "instructions": f"send `/pair {code.code}` to the bot"}  # fmt: skip


async def _reset_route(request: Any, ctx: Any) -> Any:
    bot.configure(ctx.config, ctx.state_dir)
    bot.pairing.reset()
    return {"paired": False}


@hookimpl
def tmpm_routes(ctx: Any) -> list[Route]:
    """POST /telegram/pair (a one-time code) and POST /telegram/pair/reset."""
    return [
        Route("POST", "/telegram/pair", _pair_route, summary="Issue a one-time pairing code."),
        Route("POST", "/telegram/pair/reset", _reset_route, summary="Unpair the Telegram chat."),
    ]


def _pair_command(args: argparse.Namespace) -> int:
    from tmpm_supervisor.api_client import ApiUnavailable, call_api
    from tmpm_supervisor.paths import resolve_root

    path = "/telegram/pair/reset" if args.reset else "/telegram/pair"
    try:
        response = call_api(resolve_root(args.root), "POST", path)
    except ApiUnavailable as exc:
        print(f"tmpm: {exc}", file=sys.stderr)
        return 3
    if response.status >= 400:
        print(json.dumps(response.body), file=sys.stderr)
        return 1
    if args.reset:
        print("unpaired")
    else:
        body = response.body
        print(f"Send this to your bot within {body['expires_in_s']:.0f} s:  /pair {body['code']}")
    return 0


@hookimpl
def tmpm_add_cli_commands(subparsers: argparse._SubParsersAction) -> None:
    """`tmpm pair [--reset]`."""
    pair = subparsers.add_parser("pair", help="pair a Telegram chat with the supervisor")
    pair.add_argument("--reset", action="store_true", help="unpair the current chat")
    pair.set_defaults(func=_pair_command)
