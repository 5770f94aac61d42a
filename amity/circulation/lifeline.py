"""Imported once by the forkserver of the render processes (``package.PRELOAD``), and nowhere
else: a thread there watches the server that started it and ends the forkserver when the server
is gone, whether it exited, was terminated or killed (its parent process changes). The render
processes, the forkserver's children, are killed by the kernel when it ends
(``package._end_with_server``). The forkserver's own end-of-pipe check does not suffice: the
render processes it forked hold that pipe open too."""

from __future__ import annotations

import os
import sys
import threading
import time


def _watch(parent: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def _in_forkserver() -> bool:
    return sys.argv[:1] == ["-c"] and "multiprocessing.forkserver" in sys.modules


if _in_forkserver():
    threading.Thread(
        target=_watch, args=(os.getppid(),), name="amity-lifeline", daemon=True
    ).start()
