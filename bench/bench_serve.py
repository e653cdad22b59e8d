"""Benchmark: the web app under load over loopback — analyze + lint of the 15 KB plan.

Bar (issue 11): server-side time (the app's Server-Timing header) ≤ 100 ms median over 200
requests, 4 concurrent, no errors; memory of the server (its process tree) stable across the
200 requests.

    python bench/bench_serve.py [--requests 200] [--concurrency 4] [--workers 2]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import _tree_rss  # the same memory reading as the batch's

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "corpus" / "plans" / "004_0bb98ddc820da85f.txt"
_TIMING = re.compile(r"app;dur=([\d.]+)")


def post(url: str, name: str, data: bytes) -> tuple[int, float, float]:
    """One multipart upload: (status, server ms, client ms)."""
    boundary = "----planparserbench"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n").encode() + data + \
        f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": f"multipart/form-data; boundary={boundary}"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        timing = _TIMING.search(response.headers.get("Server-Timing", ""))
        status = response.status
    client = (time.perf_counter() - started) * 1000
    return status, float(timing.group(1)) if timing else float("nan"), client


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from plan_parser.web.local import local_server

    with local_server(args.workers) as (base, server):
        data = PLAN.read_bytes()
        for _ in range(2 * args.workers):  # each worker reads once before the timing
            post(base + "/api/lint", PLAN.name, data)
        memory = [_tree_rss(server.pid)]
        results = []
        started = time.perf_counter()
        with ThreadPoolExecutor(args.concurrency) as pool:
            for n, result in enumerate(pool.map(lambda _: post(base + "/api/lint", PLAN.name,
                                                                 data),
                                                range(args.requests)), start=1):
                results.append(result)
                if n == args.requests // 2:
                    memory.append(_tree_rss(server.pid))
        wall = time.perf_counter() - started
        memory.append(_tree_rss(server.pid))
    errors = sum(1 for status, _, _ in results if status != 200)
    server_ms = statistics.median(s for _, s, _ in results)
    client_ms = statistics.median(c for _, _, c in results)
    mb = [m / 1024 / 1024 for m in memory]
    print(f"{args.requests} requests of POST /api/lint ({PLAN.name}, {len(data) / 1024:.1f} KB), "
          f"{args.concurrency} concurrent, {args.workers} workers: {errors} errors")
    print(f"server-side time: {server_ms:.1f} ms median  [bar ≤ 100 ms]; as the client saw it "
          f"{client_ms:.1f} ms; {args.requests / wall:.1f} requests/s")
    print(f"memory of the server and its workers: {mb[0]:.0f} MB before, {mb[1]:.0f} MB "
          f"half-way, {mb[2]:.0f} MB after")


if __name__ == "__main__":
    main()
