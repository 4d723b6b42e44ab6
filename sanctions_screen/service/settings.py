"""The service's settings: a typed object, defaults from ``SANCTIONS_SCREEN_SERVICE_*``.

``sanctions-screen serve`` passes its options through these environment variables, so each
uvicorn worker process builds the same settings (``--workers 2`` starts the app twice).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "SANCTIONS_SCREEN_SERVICE_"

RecordMode = Literal["request", "batch", "off"]


class ServiceSettings(BaseSettings):
    """How the HTTP service runs: its database, limits, audit recording and reloads."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", frozen=True)

    db_url: str | None = Field(
        None, description="Database URL; default $SANCTIONS_SCREEN_DB, else the user's SQLite file."
    )
    reload_interval: float = Field(
        30.0,
        ge=0.0,
        description="Seconds between checks of the store's active list version (0: only on "
        "POST /admin/reload).",
    )
    key_refresh: float = Field(
        5.0, gt=0.0, description="Seconds between re-reads of the API keys (revocations)."
    )
    max_body_bytes: int = Field(
        8 * 1024 * 1024, ge=1024, description="Largest request body accepted (413 beyond)."
    )
    max_batch: int = Field(
        10_000, ge=1, description="Most items in one /screen/batch or /match request."
    )
    max_name_length: int = Field(
        1000, ge=10, description="Longest name accepted in one query (characters)."
    )
    record: RecordMode = Field(
        "batch",
        description="Audit trail: 'request' records each request as a run of its own; 'batch' "
        "gathers the requests of one client and list version for up to record_window seconds "
        "into one run (each row keeps its request id); 'off' records nothing.",
    )
    record_window: float = Field(
        1.0, gt=0.0, description="Seconds a 'batch' audit run gathers requests for."
    )
    record_share: float = Field(
        0.3,
        gt=0.0,
        le=1.0,
        description="The most of a worker's interpreter time the audit writer takes while it "
        "writes a window of up to 5,000 rows (1: as much as it gets); a larger backlog is "
        "written at full speed.",
    )
    record_search: bool = Field(False, description="Also record GET /search queries.")
    record_queue: int = Field(
        100_000,
        ge=100,
        description="Screened items waiting for the audit writer before requests wait for it.",
    )
    switch_interval: float = Field(
        0.001,
        gt=0.0,
        le=0.1,
        description="Seconds a thread keeps the interpreter lock while another waits for it "
        "(sys.setswitchinterval; Python's default is 0.005). The audit writer and a reload's "
        "screener build run on threads beside the event loop, which waits this long at most "
        "for each of its turns.",
    )
    reload_share: float = Field(
        0.3,
        gt=0.0,
        le=1.0,
        description="The most of a worker's interpreter time the build of a new list version "
        "takes while the worker serves the old one (1: as much as it gets). The build takes "
        "longer, and the worker's requests keep the rest.",
    )
    full_collection_every: int = Field(
        10_000,
        ge=1,
        description="Younger collections between two full ones of the cyclic garbage "
        "collector (the third value of gc.set_threshold; Python's default is 10). A full "
        "collection walks the screener's caches and stops the worker for tens of "
        "milliseconds; cycles are still collected, less often.",
    )
    cors_origins: tuple[str, ...] = Field(
        (), description="Origins allowed by CORS (none: CORS off)."
    )
    trust_loopback: bool = Field(
        True,
        description="With no API key created, answer loopback clients without a key (and "
        "refuse every other client).",
    )
