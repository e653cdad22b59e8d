"""`plan-parser serve` started in a child process on a free port of 127.0.0.1, for the
benchmark, the screenshot tool and the browser tests: ``with local_server() as (url, process)``."""

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator

__all__ = ["local_server"]


@contextlib.contextmanager
def local_server(workers: int = 2, wait: float = 60.0) -> Iterator[tuple[str, subprocess.Popen]]:
    """The server's base URL and process, once ``/healthz`` answers; stopped on exit."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # the server's log goes to a file: a pipe left unread would block a talkative server
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([sys.executable, "-m", "plan_parser", "serve", "--port",
                                    str(port), "--workers", str(workers)],
                                   stdout=subprocess.DEVNULL, stderr=log)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + wait
            while True:
                try:
                    urllib.request.urlopen(url + "/healthz", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        process.kill()
                        process.wait()
                        log.seek(0)
                        said = log.read().decode(errors="replace")
                        raise RuntimeError(f"the server did not start: {said}") from None
                    time.sleep(0.2)
            yield url, process
        finally:
            process.terminate()
            process.wait(timeout=30)
