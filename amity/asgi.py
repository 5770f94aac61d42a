"""ASGI entry point: HTTP through Django, WebSocket through Channels, one server process; the
lifespan protocol tells the process when the server starts."""

import gc
import os
import threading
from typing import Any

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from amity.circulation import jobs  # noqa: E402
from amity.core import collector, outbox  # noqa: E402
from amity.core.body_limit import BodyLimit  # noqa: E402
from amity.core.edge import KeptAnswers  # noqa: E402
from amity.core.origins import SameOriginValidator  # noqa: E402
from amity.core.ws_session import websocket_auth  # noqa: E402
from amity.routing import websocket_urlpatterns  # noqa: E402


async def lifespan(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Server start: start the render processes in the background where packages are built in
    this process (the embedded default), so that no package waits for them; and there, the
    background thread that delivers what the outbox holds and recovers the rendition jobs left
    by a process that died (in scale mode the Celery worker and beat do both); everywhere, the
    full garbage collections moved to quiet moments (``core.collector``)."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            # Full garbage collections at quiet moments, not during a live fan-out.
            collector.start()
            threading.Thread(
                target=jobs.start_render_processes, name="amity-render-start", daemon=True
            ).start()
            if not outbox.celery_enabled():
                outbox.start_background()
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            outbox.stop_background()
            await send({"type": "lifespan.shutdown.complete"})
            return


application = ProtocolTypeRouter(
    {
        # Kept public answers are served before Django (core.edge), the rest goes through it.
        "http": KeptAnswers(BodyLimit(django_asgi_app)),
        "websocket": SameOriginValidator(websocket_auth(URLRouter(websocket_urlpatterns))),
        "lifespan": lifespan,
    }
)

# What was loaded at start-up lives as long as the process: move it out of the collector's
# way, so that full collections (and their pauses under many WebSocket connections) stay short.
gc.collect()
gc.freeze()
