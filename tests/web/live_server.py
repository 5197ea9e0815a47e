"""The real ASGI app served by uvicorn on a free loopback port, in a background thread, for browser tests."""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

STARTUP_TIMEOUT = 15.0
SHUTDOWN_TIMEOUT = 15.0


@contextmanager
def live_server(app) -> Iterator[str]:
    """Serve `app` (lifespan included, so its job runner runs) and yield its base URL; stop it on exit."""
    # Bind first and hand the socket to uvicorn: the port is known before the server starts, with no race.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, lifespan="on", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="live-server", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError("the live server stopped during startup; see the log above")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the live server did not start within {STARTUP_TIMEOUT} s")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(SHUTDOWN_TIMEOUT)
        sock.close()
        if thread.is_alive():
            raise RuntimeError(f"the live server did not stop within {SHUTDOWN_TIMEOUT} s")
