"""Process-local fan-out of the live state to the WebSocket clients connected to this process.

The channel layer carries one message per change and audience to each server process, not one
per client: every process (every event loop, to be exact: tests run several one after another)
keeps a registry of its connected consumers by group (meeting and audience) and subscribes
one channel of its own to the layer's group of each meeting it has clients for. When a change
arrives, the state, serialized once by the services, is written to each local socket with the
server's time added. With the Redis layer, a change made through one node reaches the clients
of every node through that one subscription per node and meeting.

A client whose socket does not drain (a lost mobile connection, say) does not hold up the
others: the sockets that can take the state at once are written to one after the other by one
task, and one that would wait gets a task of its own; while its write waits, newer states
replace the one waiting. Such a client sees a gap in the versions and asks for the whole state
again, as it would after any lost message.

Every ``AMITY_LIVE_HEARTBEAT_SECONDS`` the hub reads the current version of each meeting it
has clients for (one query for all) and sends each client a heartbeat carrying it; a client
that holds an older version asks for the whole state. So a broadcast lost on the way (Redis
away, a process killed between commit and broadcast) heals within one interval, without
waiting for the next change. If the channel layer fails while reading, the hub waits a second
and subscribes its groups again, so that it resumes when the layer is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from typing import Any, Protocol

from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings

from amity.core import collector
from amity.live import trace

logger = logging.getLogger(__name__)

# The in-memory layer forgets a group membership after a day; renew it well before.
RENEW_AFTER = 3600.0


class Listener(Protocol):
    async def deliver(self, version: int, head: str) -> None:
        """Send the state of ``version`` whose text, without its closing brace, is ``head``."""

    async def heartbeat(self, version: int) -> None:
        """Tell the client the current version (it resyncs if it holds an older one)."""

    def can_write_now(self) -> bool:
        """Whether ``deliver`` would write at once, without waiting for anything."""


# How long a state text read for one client serves the next ones connecting (at its version).
KEEP_SECONDS = 2.0

# Sockets written one after the other before the fan-out lets the event loop run other work.
BATCH = 256


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
        self.beating: asyncio.Task[None] | None = None
        # The newest state text each group received, with its version and when: what a client
        # connecting or resyncing at that version within KEEP_SECONDS is sent, without reading
        # the whole state again (names or titles edited outside the live session do not change
        # the version, hence the short life).
        self.latest: dict[str, tuple[int, str, float]] = {}

    async def join(self, group: str, listener: Listener) -> None:
        """Register ``listener``; on return, every message sent to ``group`` reaches it."""
        self.members.setdefault(group, set()).add(listener)
        if self.beating is None or self.beating.done():
            self.beating = asyncio.create_task(self._beat())
        await self._sync(group)

    async def leave(self, group: str, listener: Listener) -> None:
        members = self.members.get(group)
        if members is not None:
            members.discard(listener)
            if not members:
                del self.members[group]
                self.latest.pop(group, None)
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
            try:
                message = await self.layer.receive(channel)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the layer away (Redis): subscribe again when back
                logger.warning("live: channel layer unavailable (%s); retrying", error)
                await asyncio.sleep(1)
                await self._resubscribe()
                continue
            try:
                self.fan_out(message["group"], message["version"], message["text"])
            except Exception:  # one bad message must not end the process's subscription
                logger.exception("live fan-out failed")

    async def _resubscribe(self) -> None:
        for group in list(self.members):
            try:
                await self.layer.group_add(group, self.channel)
                self.subscribed[group] = time.monotonic()
            except Exception:
                self.subscribed.pop(group, None)

    async def _beat(self) -> None:
        """Send each client the current version of its meeting, every interval, while the hub
        has clients."""
        read = database_sync_to_async(_versions)
        while self.members:
            await asyncio.sleep(heartbeat_seconds())
            groups = {g: _meeting_of(g) for g in list(self.members)}
            try:
                versions = await read(sorted({m for m in groups.values() if m is not None}))
            except Exception as error:  # the database away: the next beat tries again
                logger.warning("live heartbeat: versions not read (%s)", error)
                continue
            for group, meeting_id in groups.items():
                if meeting_id is None or meeting_id not in versions:
                    continue
                beats = [
                    listener.heartbeat(versions[meeting_id])
                    for listener in list(self.members.get(group, ()))
                ]
                writing = asyncio.gather(*beats, return_exceptions=True)
                self.writing.add(writing)
                writing.add_done_callback(self.writing.discard)

    def fan_out(self, group: str, version: int, text: str) -> None:
        """Start writing the state to every local member of ``group``; the next message need
        not wait for the slowest socket."""
        members = self.members.get(group)
        if not members:
            return
        collector.busy()
        self.remember(group, version, text)
        head = text[:-1]
        writing = asyncio.ensure_future(self._write(list(members), version, head))
        self.writing.add(writing)
        writing.add_done_callback(self.writing.discard)
        if trace.enabled():
            received, clients = time.time(), len(members)
            writing.add_done_callback(
                lambda _: trace.fanned_out(
                    meeting=_meeting_of(group),
                    group=group,
                    version=version,
                    received=received,
                    clients=clients,
                )
            )

    def remember(self, group: str, version: int, text: str) -> None:
        """Keep ``text`` as the state of ``group`` at ``version`` unless a newer one is kept."""
        kept = self.latest.get(group)
        if kept is None or kept[0] <= version:
            self.latest[group] = (version, text, time.monotonic())

    def recent(self, group: str) -> tuple[int, str] | None:
        """The state text of ``group`` kept in the last ``KEEP_SECONDS``, with its version."""
        kept = self.latest.get(group)
        if kept is None or time.monotonic() - kept[2] > KEEP_SECONDS:
            return None
        return kept[0], kept[1]

    async def _write(self, members: list[Listener], version: int, head: str) -> None:
        """Write to the sockets that can take it at once in this one task, a batch at a time
        (a task per socket cost more than the write itself); a socket that would wait (its
        buffer full, or a write to it under way) gets a task of its own, so that it holds up
        no one."""
        waiting = []
        for n, listener in enumerate(members, 1):
            if listener.can_write_now():
                # A socket closed meanwhile: its consumer leaves anyway.
                with contextlib.suppress(Exception):
                    await listener.deliver(version, head)
            else:
                waiting.append(asyncio.ensure_future(listener.deliver(version, head)))
            if n % BATCH == 0:
                await asyncio.sleep(0)
        if waiting:
            await asyncio.gather(*waiting, return_exceptions=True)


def heartbeat_seconds() -> float:
    return float(getattr(settings, "AMITY_LIVE_HEARTBEAT_SECONDS", 15))


def _meeting_of(group: str) -> int | None:
    """The meeting of a group named by ``amity.live.services.group_name``: live.<id>.<audience>."""
    parts = group.split(".")
    return int(parts[1]) if len(parts) == 3 and parts[1].isdigit() else None


def _versions(meeting_ids: list[int]) -> dict[int, int]:
    from amity.live import selectors

    return selectors.live_versions(meeting_ids)


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
