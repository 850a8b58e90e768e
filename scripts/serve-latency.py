#!/usr/bin/env python3
"""Measures save -> reload-event latency of `capbrief serve`.

Starts `capbrief serve --port 0` on a site folder, keeps one reload stream open, rewrites the
title of one article several times and reports the time from each write to the `reload` event
(which is sent only after the rebuilt site has been swapped in).

  scripts/serve-latency.py SITE_DIR [--bin target/release/capbrief] [--edits 20] [--edit title|body] [--article REL] [--timings] [--pause 0.3]

--timings also reports the median time of each pipeline stage over the rebuilds (from
`capbrief serve --timings`).

For a large corpus:
  python3 bench/gen_corpus.py --articles 10000 --out /tmp/corpus --flavor capbrief
  scripts/serve-latency.py /tmp/corpus
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--bin", default="target/release/capbrief")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--edit", choices=["title", "body"], default="title",
                    help="what each save changes: the title (every listing showing the article "
                         "re-renders) or the end of the body (its page and the feeds)")
    ap.add_argument("--article", help="article to edit, relative to the site (default: first .md found)")
    ap.add_argument("--timings", action="store_true", help="report the median time of each stage")
    ap.add_argument("--pause", type=float, default=0.3,
                    help="seconds between a reload and the next save (default 0.3; people pause longer)")
    args = ap.parse_args()

    article = args.article
    if article is None:
        for dirpath, _, files in sorted(os.walk(os.path.join(args.site, "content"))):
            md = sorted(f for f in files if f.endswith(".md") and not f.startswith("_"))
            if md:
                article = os.path.relpath(os.path.join(dirpath, md[0]), args.site)
                break
    path = os.path.join(args.site, article)
    original = open(path, encoding="utf-8").read()

    started = time.monotonic()
    cmd = [args.bin, "serve", "--port", "0", "--root", args.site] + (["--timings"] if args.timings else [])
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    builds = []
    stages = {}

    def read_stderr():
        for line in proc.stderr:
            m = re.search(r"Built (\d+) pages in (\d+) ms", line)
            t = re.match(r"timing: (\w+)\s+([\d.]+) ms", line)
            if m:
                builds.append((int(m.group(1)), int(m.group(2))))
            elif t:
                stages.setdefault(t.group(1), []).append(float(t.group(2)))
            elif "error" in line:
                sys.stderr.write(line)

    threading.Thread(target=read_stderr, daemon=True).start()
    url = proc.stdout.readline().split(" at ")[1].strip()
    ready = time.monotonic() - started
    port = int(re.match(r"http://127\.0\.0\.1:(\d+)/", url).group(1))
    host = f"127.0.0.1:{port}"
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(f"POST /__capbrief/events HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\n\r\n".encode())
    buf = b""
    while b"event: hello" not in buf:
        buf += sock.recv(4096)

    latencies = []
    try:
        for i in range(args.edits):
            if args.edit == "title":
                edited = re.sub(r"^title: .*$", f'title: "Latency probe {i}"', original, count=1, flags=re.M)
            else:
                edited = original.rstrip("\n") + f"\n\nLatency probe {i}.\n"
            buf = b""
            t0 = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(edited)
            while b"event: reload" not in buf:
                chunk = sock.recv(4096)
                if not chunk:
                    raise SystemExit("reload stream closed")
                buf += chunk
            latencies.append((time.monotonic() - t0) * 1000)
            time.sleep(args.pause)
    finally:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        proc.terminate()
        proc.wait()

    pages, first_ms = builds[0] if builds else (0, 0)
    rebuilds = [ms for _, ms in builds[1:]]
    print(f"site: {args.site} ({pages} pages), edited {article}")
    print(f"startup to first URL: {ready * 1000:.0f} ms (first build {first_ms} ms)")
    print(f"rebuild (in memory): median {statistics.median(rebuilds):.0f} ms, {len(rebuilds)} rebuilds "
          f"for {args.edits} saves" if rebuilds else "no rebuilds")
    print("save -> reload event: " + ", ".join(f"{x:.0f}" for x in latencies) + " ms")
    print(f"median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms")
    if stages:
        # The first value of each stage is the startup build.
        print("stages over the rebuilds (median ms): " + ", ".join(
            f"{name} {statistics.median(v[1:]):.1f}" for name, v in stages.items() if len(v) > 1))


if __name__ == "__main__":
    main()
