"""A LibreTranslate on 127.0.0.1 for the tests of machine translation: answers a POST to
``/translate`` with "[target] text", refuses another path or the text "fail" with 400, and
records what it was asked in ``RECEIVED``."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RECEIVED: list[dict] = []
SLOW_SECONDS = 3.0


class FakeLibreTranslate(BaseHTTPRequestHandler):
    slow = False

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        RECEIVED.append(body)
        if self.slow:
            time.sleep(SLOW_SECONDS)
        if self.path != "/translate" or body.get("q") == "fail":
            self.send_response(400)
            payload = {"error": "Cannot translate that"}
        else:
            self.send_response(200)
            payload = {"translatedText": f"[{body['target']}] {body['q']}"}
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(payload).encode())

    def log_message(self, *args: object) -> None:
        pass


class SlowLibreTranslate(FakeLibreTranslate):
    """Answers after ``SLOW_SECONDS``."""

    slow = True


def serve(handler: type[BaseHTTPRequestHandler] = FakeLibreTranslate) -> Iterator[str]:
    """Runs ``handler`` on a free port for as long as the caller iterates: yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    RECEIVED.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
