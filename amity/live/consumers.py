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
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from amity.live import fanout, selectors
from amity.live.services import group_name

FORBIDDEN = 4403


class LiveConsumer(AsyncJsonWebsocketConsumer):
    # No channel of its own on the channel layer (an alias that names no layer): the hub of
    # the process receives once for all its consumers and calls ``deliver``.
    channel_layer_alias = "amity.live.none"

    meeting_id: int
    audience: str | None = None
    group: str | None = None
    hub: fanout.Hub | None = None

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
                await self._send_whole_state()
            except BaseException:
                await self.disconnect(0)  # not called for a connection that never opened
                raise

    async def disconnect(self, code: int) -> None:
        if self.hub is not None and self.group is not None:
            await self.hub.leave(self.group, self)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "resync":
            async with self.writing:
                await self._send_whole_state()

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

    async def heartbeat(self, version: int) -> None:
        """The hub's periodic note of the current version. Skipped while a state is being
        written (that write is newer news)."""
        if self.writing.locked():
            return
        async with self.writing:
            await self.send(
                text_data=fanout.with_server_time(f'{{"type":"heartbeat","version":{version}')
            )

    async def _flush(self) -> None:
        while self.waiting is not None:
            version, head = self.waiting
            self.waiting = None
            if version > self.sent:
                self.sent = version
                await self.send(text_data=fanout.with_server_time(head))

    async def _send_whole_state(self) -> None:
        version, text = await self._state_text()
        self.sent = version
        await self.send(text_data=fanout.with_server_time(text[:-1]))
        await self._flush()

    @database_sync_to_async
    def _audience(self) -> str | None:
        meeting = selectors.meeting_for_live(pk=self.meeting_id)
        if meeting is None:
            return None
        return selectors.audience(self.scope.get("user"), meeting)

    @database_sync_to_async
    def _state_text(self) -> tuple[int, str]:
        meeting = selectors.meeting_for_live(pk=self.meeting_id)
        if meeting is None:  # deleted while the socket was open
            raise LookupError(f"meeting {self.meeting_id} is gone")
        snap = selectors.snapshot(meeting)
        public = self.audience != selectors.PARTICIPANT
        return snap.version, json.dumps(selectors.state_json(meeting, snap, public=public))
