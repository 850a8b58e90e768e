#!/usr/bin/env python3
"""Benchmark of capbrief's deduplication on a generated corpus with planted duplicates.

Usage:
  cargo build --release
  python3 bench/dedup.py --corpus DIR [--bin target/release/capbrief] [--runs 5]

DIR is a site made by a corpus generator with `corpus-manifest.json` beside `content/`:
  {"near_duplicates": [[copy, original], ...], "repeated_body": [path, ...]}
(paths relative to DIR). A minimal config.yaml is written into DIR when it has none.

Reports the median wall time of cross-article detection (`capbrief dedup --timings`), its
processor time, the median wall time of a whole `capbrief build`, their ratio, and recall and
precision of the clusters and of the repeated-body warnings against the manifest.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def run_dedup(binary, corpus):
    p = subprocess.run([binary, "dedup", "--root", corpus, "--json", "--timings"],
                       capture_output=True, text=True, check=True)
    t = {}
    for line in p.stderr.splitlines():
        m = re.match(r"timing: (cross-article cpu|cross-article|in-article)\s+([\d.]+) ms", line)
        if m:
            t[m.group(1)] = float(m.group(2))
    return json.loads(p.stdout), p.stderr, t


def run_build(binary, corpus, out):
    start = time.perf_counter()
    subprocess.run([binary, "build", "--root", corpus, "--output", out, "--quiet"],
                   capture_output=True, text=True, check=True)
    return (time.perf_counter() - start) * 1000.0


def evaluate(result, stderr, manifest):
    origin = {}
    for copy, original in manifest["near_duplicates"]:
        origin[copy] = original
    same = lambda a, b: origin.get(a, a) == origin.get(b, b)
    cluster_of = {}
    predicted = 0
    wrong = []
    for i, c in enumerate(result["clusters"]):
        members = c["members"]
        for m in members:
            cluster_of[m] = i
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                predicted += 1
                if not same(members[x], members[y]):
                    wrong.append((members[x], members[y]))
    found = sum(1 for copy, original in manifest["near_duplicates"]
                if copy in cluster_of and cluster_of.get(copy) == cluster_of.get(original))
    expected = len(manifest["near_duplicates"])
    warned = set(re.findall(r"^(\S+?\.md):\d+:\d+: warning: \d+ repeated", stderr, re.M))
    planted = set(manifest["repeated_body"])
    # Warnings name files relative to the current folder; compare by the content path.
    warned = {w[w.index("content/"):] for w in warned if "content/" in w}
    return {
        "near_duplicate_recall": found / expected if expected else 1.0,
        "near_duplicate_pairs": expected,
        "cluster_pair_precision": 1 - len(wrong) / predicted if predicted else 1.0,
        "unrelated_pairs_clustered": len(wrong),
        "repeated_body_recall": len(planted & warned) / len(planted) if planted else 1.0,
        "repeated_body_files": len(planted),
        "files_warned_without_planted_repeat": len(warned - planted),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--bin", default="target/release/capbrief")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    manifest = json.load(open(os.path.join(a.corpus, "corpus-manifest.json")))
    cfg = os.path.join(a.corpus, "config.yaml")
    if not os.path.exists(cfg):
        with open(cfg, "w") as f:
            f.write("title: Dedup benchmark\nbase_url: https://example.com/\n")
    cross, cpu, inside, builds = [], [], [], []
    result = stderr = None
    for _ in range(a.runs):
        result, stderr, t = run_dedup(a.bin, a.corpus)
        cross.append(t["cross-article"])
        inside.append(t["in-article"])
        if "cross-article cpu" in t:
            cpu.append(t["cross-article cpu"])
    with tempfile.TemporaryDirectory() as out:
        for _ in range(max(1, a.runs // 2)):
            builds.append(run_build(a.bin, a.corpus, os.path.join(out, "public")))
    report = {
        "articles": sum(1 for _, _, fs in os.walk(os.path.join(a.corpus, "content")) for f in fs if f.endswith(".md")),
        "runs": a.runs,
        "cross_article_ms_median": statistics.median(cross),
        "cross_article_cpu_ms_median": statistics.median(cpu) if cpu else None,
        "in_article_ms_median": statistics.median(inside),
        "build_ms_median": statistics.median(builds),
        "cross_article_share_of_build": statistics.median(cross) / statistics.median(builds),
        "load_average_1min": os.getloadavg()[0],
        "cpus": os.cpu_count(),
        **evaluate(result, stderr, manifest),
    }
    json.dump(report, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
