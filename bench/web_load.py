"""Throughput of `ressearch serve` under concurrent clients, on loopback only.

Starts `ressearch serve` on an existing index in a subprocess (127.0.0.1, a free port),
then for each client count sends a fixed number of requests (the query mix of bench/run.py,
HTML search page with facets, and JSON API) from that many threads with keep-alive
connections, and prints requests/s and p50/p95 latency. Bounded: each level sends
--requests requests and stops; the server is stopped at the end.

    python bench/web_load.py --index bench/out/index-100000-s1 [--clients 1,4,16,20] [--requests 400]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from run import percentile, query_set  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(port: int, seconds: float = 30) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def load(port: int, clients: int, requests: int, paths: list[str]) -> dict:
    """Send `requests` requests from `clients` threads; latencies in ms."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def worker() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            t = time.perf_counter()
            try:
                conn.request("GET", paths[i % len(paths)])
                resp = conn.getresponse()
                resp.read()
                ok = resp.status < 500
            except OSError:
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            ms = (time.perf_counter() - t) * 1000
            with lock:
                latencies.append(ms)
                errors += not ok
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - start
    return {"clients": clients, "requests": len(latencies), "errors": errors, "rps": len(latencies) / seconds,
            "p50_ms": statistics.median(latencies), "p95_ms": percentile(latencies, 95)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--clients", default="1,4,16,20")
    ap.add_argument("--requests", type=int, default=400)
    args = ap.parse_args(argv)
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    server = subprocess.Popen([sys.executable, "-m", "query.cli", "serve", "--index", args.index, "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL)
    try:
        _wait(port)
        queries = [q for _, q in query_set()]
        paths = []
        for i, q in enumerate(queries):
            paths.append("/?" + urlencode({"q": q}) if i % 2 == 0 else "/api/search?" + urlencode({"q": q}))
        load(port, 4, len(paths), paths)  # warm the caches
        print(f"web load on {args.index}: {len(paths)} distinct requests (HTML with facets and JSON API)")
        print("clients  requests  errors   req/s   p50 ms   p95 ms")
        for n in (int(c) for c in args.clients.split(",")):
            r = load(port, n, args.requests, paths)
            print(f"{r['clients']:>7}  {r['requests']:>8}  {r['errors']:>6}  {r['rps']:>6.1f}  {r['p50_ms']:>7.1f}  "
                  f"{r['p95_ms']:>7.1f}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
