"""The WebSocket of a meeting's live session, at /ws/meetings/<id>/live/.

On connect the client receives the whole state with its version; after each change (sent by
the services after commit to the meeting's group of its audience, and handed to the sockets of
each server process by its hub, ``amity.live.fanout``) it receives the new state. A client that
sees a gap in the versions sends ``{"type": "resync"}`` and receives the whole state again.
Every message carries ``server_time`` (milliseconds since the epoch) so that the client can
correct its clock before counting down. A client never receives an older version after a newer
one, except in answer to a resync. Every ``AMITY_LIVE_HEARTBEAT_SECONDS`` the client also
receives ``{"type": "heartbeat", "version": n}`` with the current version (``fanout.Hub``),
and resyncs if it holds an older one.

Who may connect: anyone for a public meeting (the public view of the state), participants of
the group for a members-only meeting (the full state). Others are refused (close 4403).

Resync requests are bounded by two token buckets, one for the connection and one for the user
(or, for a visitor, the address) across connections; a request over the bound is answered
``{"type": "error", "code": "rate_limited", "message": ..., "retry_after": seconds}`` and
nothing else.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils.translation import gettext as _

from amity.core import ratelimit
from amity.core.metrics import LIVE_CLIENTS, LIVE_DROPPED
from amity.live import fanout, selectors
from amity.live.services import group_name

FORBIDDEN = 4403
logger = logging.getLogger(__name__)


def stalled_seconds() -> float:
    return float(settings.AMITY_LIVE_STALLED_SECONDS)


class LiveConsumer(AsyncJsonWebsocketConsumer):
    # No channel of its own on the channel layer (an alias that names no layer): the hub of
    # the process receives once for all its consumers and calls ``deliver``.
    channel_layer_alias = "amity.live.none"

    meeting_id: int
    audience: str | None = None
    group: str | None = None
    hub: fanout.Hub | None = None
    resyncs: ratelimit.TokenBucket | None = None

    async def connect(self) -> None:
        self.meeting_id = int(self.scope["url_route"]["kwargs"]["meeting_id"])
        self.sent = -1  # the newest version this client has
        self.waiting: tuple[int, str] | None = None  # a newer state, to send when free
        self.writing = asyncio.Lock()  # one write at a time, in version order
        self.audience = await self._audience()
        if self.audience is None:
            await self.close(code=FORBIDDEN)
            return
        async with self.writing:
            self.hub = fanout.hub()
            if self.hub is not None:
                self.group = group_name(self.meeting_id, self.audience)
                await self.hub.join(self.group, self)
            try:
                await self.accept()
                self.counted = True
                LIVE_CLIENTS.inc()
                await self._send_whole_state()
            except BaseException:
                await self.disconnect(0)  # not called for a connection that never opened
                raise

    counted = False

    async def disconnect(self, code: int) -> None:
        if self.counted:
            self.counted = False
            LIVE_CLIENTS.dec()
        if self.hub is not None and self.group is not None:
            await self.hub.leave(self.group, self)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "resync":
            wait = await self._resync_wait()
            if wait:
                await self.send_json(
                    {
                        "type": "error",
                        "code": "rate_limited",
                        "message": _(
                            "Too many requests for the whole state; the next is possible in "
                            "%(seconds)s seconds."
                        )
                        % {"seconds": max(1, round(wait))},
                        "retry_after": round(wait, 1),
                    }
                )
                return
            async with self.writing:
                await self._send_whole_state()

    async def _resync_wait(self) -> float:
        """0 if a resync may go ahead (per connection, then per user), else seconds to wait."""
        if self.resyncs is None:
            self.resyncs = ratelimit.TokenBucket(
                burst=settings.AMITY_LIVE_RESYNC_BURST,
                per_minute=settings.AMITY_LIVE_RESYNC_PER_MINUTE,
            )
        wait = self.resyncs.take()
        if wait:
            return wait
        user = self.scope.get("user")
        if getattr(user, "is_authenticated", False):
            who = f"user:{user.pk}"
        else:
            who = f"addr:{(self.scope.get('client') or ('?',))[0]}"
        return await ratelimit.atake_shared(
            f"resync:{who}",
            burst=settings.AMITY_LIVE_RESYNC_USER_BURST,
            per_minute=settings.AMITY_LIVE_RESYNC_USER_PER_MINUTE,
        )

    async def deliver(self, version: int, head: str) -> None:
        """A new state from the hub. While a write is under way (the whole state on connect or
        resync, or a socket slow to drain) only the newest state waits for it."""
        if version <= self.sent or (self.waiting is not None and version <= self.waiting[0]):
            return
        self.waiting = (version, head)
        if self.writing.locked():
            return
        async with self.writing:
            await self._flush()

    def can_write_now(self) -> bool:
        """Nothing is being written to this client and the server's buffer for it is below
        its high-water mark (uvicorn's protocol, the owner of ``send``, tells; under another
        server, no: the hub then gives this client a task of its own)."""
        if self.writing.locked():
            return False
        writable = getattr(self._server_protocol(), "writable", None)
        return isinstance(writable, asyncio.Event) and writable.is_set()

    def _server_protocol(self) -> Any:
        """The server's connection object that owns ``send`` (uvicorn's protocol), or None."""
        return getattr(self.base_send, "__self__", None)

    async def heartbeat(self, version: int) -> None:
        """The hub's periodic note of the current version. Skipped while a state is being
        written (that write is newer news); a client whose write has not drained for
        ``AMITY_LIVE_STALLED_SECONDS`` is dropped."""
        if self.writing.locked():
            started = self.send_started
            if started is not None and time.monotonic() - started > stalled_seconds():
                self._drop()
            return
        async with self.writing:
            await self._send_text(
                fanout.with_server_time(f'{{"type":"heartbeat","version":{version}')
            )

    async def _flush(self) -> None:
        while self.waiting is not None:
            version, head = self.waiting
            self.waiting = None
            if version > self.sent:
                self.sent = version
                await self._send_text(fanout.with_server_time(head))

    async def _send_whole_state(self) -> None:
        version, text = await self._state_text()
        self.sent = version
        await self._send_text(fanout.with_server_time(text[:-1]))
        await self._flush()

    send_started: float | None = None

    async def _send_text(self, text: str) -> None:
        """Write one message; the server's send waits while the socket's buffer is full (the
        client not reading), and meanwhile only the newest state waits here."""
        self.send_started = time.monotonic()
        # The server's send itself (what ``self.send`` ends in, without its two layers).
        await self.base_send({"type": "websocket.send", "text": text})
        self.send_started = None

    def _drop(self) -> None:
        """Disconnect a client that has stopped reading, discarding what waits for it (its
        memory is released); when it reads again it finds the connection closed, connects
        again and receives the whole state. The server's transport is aborted where the server
        exposes it (uvicorn's protocol is the owner of ``send``); elsewhere the connection
        stays until the server's own ping timeout closes it."""
        transport = getattr(self._server_protocol(), "transport", None)
        logger.info("live: meeting %s: a client stopped reading; dropped", self.meeting_id)
        LIVE_DROPPED.inc()
        if transport is not None and hasattr(transport, "abort"):
            transport.abort()

    @database_sync_to_async
    def _audience(self) -> str | None:
        meeting = selectors.meeting_for_live(pk=self.meeting_id)
        if meeting is None:
            return None
        return selectors.audience(self.scope.get("user"), meeting)

    async def _state_text(self) -> tuple[int, str]:
        """The whole state for this client's audience: the text its process's hub read or
        received in the last seconds if it is of the current version (one query, for the
        version), else read and serialized: a connection storm after a node restarts reads the
        state once, not once a client."""
        hub, group = self.hub, self.group
        if hub is None or group is None:  # no channel layer: nothing is kept
            return await self._read_state(None)
        version, text = await self._read_state(hub.recent(group))
        hub.remember(group, version, text)
        return version, text

    @database_sync_to_async
    def _read_state(self, kept: tuple[int, str] | None) -> tuple[int, str]:
        if (
            kept is not None
            and selectors.live_versions([self.meeting_id])[self.meeting_id] == kept[0]
        ):
            return kept
        meeting = selectors.meeting_for_live(pk=self.meeting_id)
        if meeting is None:  # deleted while the socket was open
            raise LookupError(f"meeting {self.meeting_id} is gone")
        snap = selectors.snapshot(meeting)
        public = self.audience != selectors.PARTICIPANT
        return snap.version, json.dumps(selectors.state_json(meeting, snap, public=public))
