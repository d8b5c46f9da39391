#!/usr/bin/env python3
"""Sorts the samples of `perf script -F tid,time,ip,sym` (recorded with --call-graph) of a
bridgebook build by pipeline stage, and says how much of the wall time ran on one thread.

    perf record -F 299 --call-graph dwarf -o perf.data bridgebook build -r SITE -o OUT
    perf script -i perf.data -F tid,time,ip,sym --no-inline > perf.txt
    python3 bench/perf_stages.py perf.txt

A sample counts for the first stage of STAGES whose pattern appears anywhere in its stack, so
Tera work done for a taxonomy page counts as "taxonomy pages", not as "templates".
"""

from __future__ import annotations

import collections
import re
import sys

STAGES = [
    ("write files (output::Staging)", ["bridgebook::output::"]),
    ("highlight code (syntect)", ["bridgebook::highlight::"]),
    ("search index (tokenize, postings, shards)", ["bridgebook::search::"]),
    ("glossary tooltips (aho-corasick)", ["bridgebook::tooltips::"]),
    ("Markdown (pulldown-cmark, links, ToC)", ["bridgebook::markdown::"]),
    ("taxonomy pages (term lists)", ["bridgebook::taxonomy::"]),
    ("template context to JSON (serde)", ["Context::from_serialize", "Serialize for bridgebook::template::"]),
    ("templates (Tera render)", ["tera::"]),
    ("page views, sidebar, links (render.rs)", ["bridgebook::render::"]),
    ("read files (content.rs)", ["bridgebook::content::"]),
    ("front matter + tree (YAML)", ["bridgebook::tree::", "bridgebook::front_matter::", "serde_yaml"]),
    ("glossary", ["bridgebook::glossary::"]),
    ("rest of build_site (links, generated pages)", ["bridgebook::site::"]),
]


def parse(path: str):
    samples = []
    cur = None
    head = re.compile(r"^\s*(\d+)\s+(\d+\.\d+):")
    for line in open(path, errors="replace"):
        m = head.match(line)
        if m:
            if cur:
                samples.append(cur)
            cur = (int(m.group(1)), float(m.group(2)), [])
        elif line.strip() and cur is not None:
            cur[2].append(line.strip())
    if cur:
        samples.append(cur)
    return samples


def stage(frames: list[str]) -> str:
    text = "\n".join(frames)
    for name, patterns in STAGES:
        if any(p in text for p in patterns):
            return name
    return "other (allocator, exit, runtime)"


def main(path: str) -> None:
    samples = parse(path)
    if not samples:
        print("no samples")
        return
    t0 = min(s[1] for s in samples)
    t1 = max(s[1] for s in samples)
    main_tid = min(s[0] for s in samples)  # the process's first thread
    counts = collections.Counter()
    on_main = collections.Counter()
    for tid, _, frames in samples:
        st = stage(frames)
        counts[st] += 1
        if tid == main_tid:
            on_main[st] += 1
    total = len(samples)
    print(f"{total} samples over {t1 - t0:.2f} s (perf slows the build down; shares are what matter)")
    print()
    print("| stage | share of CPU samples | of which on the main thread (serial) |")
    print("|---|---:|---:|")
    for name, n in counts.most_common():
        print(f"| {name} | {100 * n / total:.1f}% | {100 * on_main[name] / total:.1f}% |")
    # Wall time when no worker thread was sampled: the serial part of the build.
    bucket = 0.05
    busy = collections.defaultdict(lambda: [0, 0])
    for tid, t, _ in samples:
        busy[int((t - t0) / bucket)][0 if tid == main_tid else 1] += 1
    serial = sum(1 for m, w in busy.values() if m and not w)
    print()
    print(f"Wall time with only the main thread sampled: {100 * serial * bucket / (t1 - t0):.0f}% "
          f"(in {bucket * 1000:.0f} ms buckets).")


if __name__ == "__main__":
    main(sys.argv[1])
