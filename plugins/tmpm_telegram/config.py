"""The Telegram notifier's config section (`<root>/config/telegram.yaml` or `.toml`)."""

from __future__ import annotations

from pydantic import Field

from tmpm_supervisor.notifier_kit import RoutingConfig
from tmpm_supervisor.settings import StrictModel


class TelegramConfig(StrictModel):
    """Telegram remote control: alerts, approve/deny buttons and commands, for one paired chat."""

    enabled: bool = Field(True, description="Run the bot (it stays idle without a token).")
    token_env: str = Field(
        "TMPM_TELEGRAM_TOKEN", description="Environment variable with the bot token."
    )
    token_file: str | None = Field(
        None, description="Or a file with the token (must be mode 0600)."
    )
    api_base: str = Field("https://api.telegram.org", description="Bot API base URL.")
    poll_timeout_s: int = Field(25, ge=0, le=60, description="Long-poll timeout for getUpdates.")
    request_timeout_s: float = Field(10.0, gt=0, description="Limit for one Bot API request.")
    routing: RoutingConfig = Field(default_factory=RoutingConfig)
    per_minute: int = Field(20, ge=0, description="Alerts per minute at most (approvals exempt).")
    dedupe_s: float = Field(60.0, ge=0, description="The same alert at most once in this time.")
    queue_size: int = Field(500, ge=10, description="Messages waiting to be sent at most.")
    pairing_ttl_s: float = Field(300.0, gt=0, description="How long a pairing code is valid.")
    pairing_attempts: int = Field(5, ge=1, description="Wrong codes before a code is void.")
