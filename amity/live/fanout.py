"""Process-local fan-out of the live state to the WebSocket clients connected to this process.

The channel layer carries one message per change and audience to each server process, not one
per client: every process (every event loop, to be exact: tests run several one after another)
keeps a registry of its connected consumers by group (meeting and audience) and subscribes
one channel of its own to the layer's group of each meeting it has clients for. When a change
arrives, the state, serialized once by the services, is written to each local socket with the
server's time added. With the Redis layer, a change made through one node reaches the clients
of every node through that one subscription per node and meeting.

A client whose socket does not drain (a lost mobile connection, say) does not hold up the
others: each client is written to by a task of its own, and while one write waits, newer states
replace the one waiting. Such a client sees a gap in the versions and asks for the whole state
again, as it would after any lost message.
"""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from typing import Any, Protocol

from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)

# The in-memory layer forgets a group membership after a day; renew it well before.
RENEW_AFTER = 3600.0


class Listener(Protocol):
    async def deliver(self, version: int, head: str) -> None:
        """Send the state of ``version`` whose text, without its closing brace, is ``head``."""


class Hub:
    """The consumers of one event loop, by group, and the one channel that receives their
    groups' messages from the layer."""

    def __init__(self, layer: Any) -> None:
        self.layer = layer
        self.channel: str | None = None
        self.members: dict[str, set[Listener]] = {}
        self.subscribed: dict[str, float] = {}  # group -> when it was added to the layer
        self.lock = asyncio.Lock()
        self.reader: asyncio.Task[None] | None = None
        self.writing: set[asyncio.Future[Any]] = set()

    async def join(self, group: str, listener: Listener) -> None:
        """Register ``listener``; on return, every message sent to ``group`` reaches it."""
        self.members.setdefault(group, set()).add(listener)
        await self._sync(group)

    async def leave(self, group: str, listener: Listener) -> None:
        members = self.members.get(group)
        if members is not None:
            members.discard(listener)
            if not members:
                del self.members[group]
        await self._sync(group)

    async def _sync(self, group: str) -> None:
        """Make the layer's subscription of ``group`` match whether it has local members."""
        now = time.monotonic()
        added = self.subscribed.get(group)
        wanted = group in self.members
        if wanted and added is not None and now - added < RENEW_AFTER:
            return
        async with self.lock:
            if self.channel is None:
                self.channel = await self.layer.new_channel()
                self.reader = asyncio.create_task(self._read(self.channel))
            added = self.subscribed.get(group)
            wanted = group in self.members
            if wanted and (added is None or now - added >= RENEW_AFTER):
                await self.layer.group_add(group, self.channel)
                self.subscribed[group] = now
            elif not wanted and added is not None:
                del self.subscribed[group]
                await self.layer.group_discard(group, self.channel)

    async def _read(self, channel: str) -> None:
        while True:
            message = await self.layer.receive(channel)
            try:
                self.fan_out(message["group"], message["version"], message["text"])
            except Exception:  # one bad message must not end the process's subscription
                logger.exception("live fan-out failed")

    def fan_out(self, group: str, version: int, text: str) -> None:
        """Start writing the state to every local member of ``group``; the next message need
        not wait for the slowest socket."""
        members = self.members.get(group)
        if not members:
            return
        head = text[:-1]
        writing = asyncio.gather(
            *(listener.deliver(version, head) for listener in list(members)),
            return_exceptions=True,  # a socket closed meanwhile: its consumer leaves anyway
        )
        self.writing.add(writing)
        writing.add_done_callback(self.writing.discard)


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub] = weakref.WeakKeyDictionary()


def hub() -> Hub | None:
    """This event loop's hub, or None without a channel layer."""
    loop = asyncio.get_running_loop()
    found = _hubs.get(loop)
    if found is None:
        layer = get_channel_layer()
        if layer is None:
            return None
        found = _hubs[loop] = Hub(layer)
    return found


def with_server_time(head: str) -> str:
    """The state's text (``head``: without its closing brace) with the server's time in
    milliseconds since the epoch, so that the client can correct its clock."""
    return f'{head},"server_time":{int(time.time() * 1000)}}}'
