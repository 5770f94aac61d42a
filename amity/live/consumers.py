"""The WebSocket of a meeting's live session, at /ws/meetings/<id>/live/.

On connect the client receives the whole state with its version; after each change (sent by
the services after commit to the meeting's group of its audience) it receives the new state.
A client that sees a gap in the versions sends ``{"type": "resync"}`` and receives the whole
state again. Every message carries ``server_time`` (milliseconds since the epoch) so that the
client can correct its clock before counting down.

Who may connect: anyone for a public meeting (the public view of the state), participants of
the group for a members-only meeting (the full state). Others are refused (close 4403).
"""

from __future__ import annotations

import json
import time
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from amity.live import selectors
from amity.live.services import group_name

FORBIDDEN = 4403


def _with_server_time(text: str) -> str:
    # The state is serialized once per change for all clients; the time is each send's own.
    return f'{text[:-1]},"server_time":{int(time.time() * 1000)}}}'


class LiveConsumer(AsyncJsonWebsocketConsumer):
    meeting_id: int
    audience: str | None = None

    async def connect(self) -> None:
        self.meeting_id = int(self.scope["url_route"]["kwargs"]["meeting_id"])
        self.audience = await self._audience()
        if self.audience is None:
            await self.close(code=FORBIDDEN)
            return
        await self.channel_layer.group_add(
            group_name(self.meeting_id, self.audience), self.channel_name
        )
        await self.accept()
        await self._send_whole_state()

    async def disconnect(self, code: int) -> None:
        if self.audience is not None:
            await self.channel_layer.group_discard(
                group_name(self.meeting_id, self.audience), self.channel_name
            )

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "resync":
            await self._send_whole_state()

    async def live_state(self, event: dict[str, Any]) -> None:
        await self.send(text_data=_with_server_time(event["text"]))

    @database_sync_to_async
    def _audience(self) -> str | None:
        meeting = selectors.meeting_for_live(pk=self.meeting_id)
        if meeting is None:
            return None
        return selectors.audience(self.scope.get("user"), meeting)

    @database_sync_to_async
    def _state_text(self) -> str:
        meeting = selectors.meeting_for_live(pk=self.meeting_id)
        assert meeting is not None
        snap = selectors.snapshot(meeting)
        public = self.audience != selectors.PARTICIPANT
        return json.dumps(selectors.state_json(meeting, snap, public=public))

    async def _send_whole_state(self) -> None:
        await self.send(text_data=_with_server_time(await self._state_text()))
