#!/usr/bin/env python3
"""Live-reload latency of `bridgebook serve`: from a file write to the reload event.

Usage: python3 bench/serve_latency.py SITE_DIR [--binary target/release/bridgebook] [--saves 20]

Starts the server on a free port, listens on its event stream like a browser tab does, then
saves one page SAVES times with a body edit and SAVES times with a title edit, timing each
from the write to the `reload` event. Prints the medians and p95s in milliseconds.
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time


def start(binary, site):
    proc = subprocess.Popen(
        [binary, "serve", "--port", "0", "--root", site],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    for line in proc.stdout:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if match:
            return proc, int(match.group(1))
    raise SystemExit("serve did not print its URL")


def events(port):
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(b"GET /__bridgebook/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
    return sock.makefile("rb")


def wait_for(stream, name):
    current = None
    for raw in stream:
        line = raw.decode().rstrip("\r\n")
        if line.startswith("event: "):
            current = line[7:]
        elif line == "" and current is not None:
            if current == name:
                return
            if current == "problem":
                raise SystemExit("the edit produced a build problem")
            current = None
    raise SystemExit("event stream closed")


def pick_page(site):
    """A typical page: the first one two folders or more below content/. (A top-level page is
    in every page's sidebar, so its title edit re-renders the whole site by design.)"""
    content = os.path.join(site, "content")
    for dirpath, _, files in sorted(os.walk(content)):
        if os.path.relpath(dirpath, content).count(os.sep) < 1:
            continue
        for name in sorted(files):
            if name.endswith(".md") and name != "_index.md":
                return os.path.join(dirpath, name)
    raise SystemExit("no page found")


def measure(stream, page, original, edit, saves):
    times = []
    for i in range(saves):
        text = edit(original, i)
        started = time.perf_counter()
        with open(page, "w") as f:
            f.write(text)
        wait_for(stream, "reload")
        times.append((time.perf_counter() - started) * 1000)
        time.sleep(0.15)
    print("  times:", [round(t) for t in times], file=sys.stderr)
    return times


def summary(times):
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return f"median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, max {times[-1]:.0f} ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--binary", default="target/release/bridgebook")
    parser.add_argument("--saves", type=int, default=20)
    args = parser.parse_args()
    page = pick_page(args.site)
    with open(page) as f:
        original = f.read()
    proc, port = start(args.binary, args.site)
    try:
        stream = events(port)
        time.sleep(0.5)
        body = measure(stream, page, original,
                       lambda text, i: f"{text}\nEdit number {i} with a marker word.\n", args.saves)
        title = measure(stream, page, original,
                        lambda text, i: re.sub(r"^title: .*$", f"title: Retitled page {i}", text,
                                               count=1, flags=re.M), args.saves)
    finally:
        with open(page, "w") as f:
            f.write(original)
        proc.terminate()
        proc.wait()
    pages = sum(len([n for n in fs if n.endswith(".md")]) for _, _, fs in os.walk(os.path.join(args.site, "content")))
    print(f"serve live-reload latency, {pages} pages, {args.saves} saves each (write -> reload event)")
    print(f"edited page: {os.path.relpath(page, args.site)}")
    print(f"| edit | latency |\n|---|---|")
    print(f"| body edit | {summary(body)} |")
    print(f"| title edit | {summary(title)} |")


if __name__ == "__main__":
    sys.exit(main())
