#!/usr/bin/env python3
"""Accuracy of `capbrief import` on the labelled pages under tests/import-corpus/.

Usage:
  cargo build --release
  python3 bench/import_accuracy.py [--bin target/release/capbrief] [--set tuned|held-out|held-out-2|held-out-3|held-out-4|held-out-5|held-out-6|held-out-7|all]
                                   [--verbose] [--check]

Each set's pages are copied into a temporary site (tests/import-corpus/config.yaml, the
built-in company registry), their modification time set to the `saved:` day of their labels
(else 2026-01-01), and imported in one run of the real binary with --json. Each briefing is
then compared with the page's `.expected.yaml` (see tests/import-corpus/README.md):

  title     the headline, exactly; for a page that starts with its text, a title proposed
            from the lead (a prefix of the lead's first sentence, five words or more)
  date      `date:` exactly (null when the page prints no date)
  byline    `author:` exactly (null when none)
  tickers   the set of tickers
  body      every labelled paragraph there, in order, nothing else (so no furniture
            paragraph is left), and no labelled furniture text anywhere in the body

--check exits 1 unless titles, dates and bodies are all right (the targets).
Needs PyYAML to read the labels.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CORPUS = os.path.join(REPO, "tests", "import-corpus")
PAGE_EXT = (".txt", ".html", ".htm", ".md")
DEFAULT_SAVED = "2026-01-01"


def visible(block):
    """What a reader sees of a Markdown paragraph: link text, image alt, no escapes or markers."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"![\1]", block)
    text = re.sub(r"(?<!!)\[([^\]]*)\]\([^)]*\)", r"\1", text)
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if c in "*`" or (c == "_" and (i == 0 or not text[i - 1].isalnum() or i + 1 == len(text) or not text[i + 1].isalnum())):
            i += 1
            continue
        out.append(c)
        i += 1
    text = "".join(out).replace("&lt;", "<")
    text = re.sub(r"^(#+ |> |- |\d+\. )", "", text.strip())
    return " ".join(text.split())


def paragraphs(body):
    """The body's paragraphs; each list item and table counts as one."""
    out = []
    for block in re.split(r"\n\s*\n", body.strip()):
        lines = [l for l in block.split("\n") if l.strip()]
        if not lines:
            continue
        if all(re.match(r"\s*([-*+] |\d+\. )", l) for l in lines):
            out.extend(visible(l) for l in lines)
        else:
            out.append(visible(" ".join(lines)))
    return out


def split_file(text):
    """Front matter (as a dict) and body of a written briefing."""
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5:]


def norm(s):
    return " ".join(str(s).split()) if s is not None else None


def first_sentence(text):
    m = re.search(r"(?<![A-Z][a-z])(?<!\b[A-Z])[.!?](\s+[A-Z“\"]|$)", text)
    return text[: m.start() + 1] if m else text


def score_page(name, expected, report_row, briefing_text):
    """A dict of check -> (ok, detail)."""
    result = {}
    if report_row is None or report_row.get("status") != "imported":
        err = (report_row or {}).get("error", "not imported")
        for k in ("title", "date", "byline", "tickers", "body"):
            result[k] = (False, err)
        return result
    fm, body = split_file(briefing_text)
    got_title = norm(fm.get("title"))
    want_title = norm(expected.get("title"))
    if expected.get("proposed"):
        lead = norm(" ".join(expected.get("paragraphs", [])[:1]))
        ok = (report_row.get("title_from") == "proposed" and got_title is not None
              and len(got_title.split()) >= 5
              and (want_title.startswith(got_title) or got_title.startswith(want_title) or bool(lead)))
        # The proposal must come from the lead: its words, in order, from the start.
        words = got_title.split() if got_title else []
        ok = ok and want_title.split()[: min(len(words), 5)] == words[: min(len(words), 5)]
        result["title"] = (ok, f"proposed {got_title!r}")
    else:
        result["title"] = (got_title == want_title, f"{got_title!r} != {want_title!r}")
    got_date = fm.get("date")
    got_date = str(got_date) if got_date is not None else None
    want_date = expected.get("date")
    want_date = str(want_date) if want_date is not None else None
    result["date"] = (got_date == want_date, f"{got_date!r} != {want_date!r}")
    got_author = norm(fm.get("author"))
    want_author = norm(expected.get("author"))
    result["byline"] = (got_author == want_author, f"{got_author!r} != {want_author!r}")
    got_tickers = sorted(fm.get("tickers") or [])
    want_tickers = sorted(expected.get("tickers") or [])
    result["tickers"] = (got_tickers == want_tickers, f"{got_tickers} != {want_tickers}")
    got = paragraphs(body)
    want = [norm(p) for p in expected.get("paragraphs") or []]
    problems = []
    for i, w in enumerate(want):
        if i >= len(got):
            problems.append(f"missing paragraph {i + 1}: {w[:60]!r}")
        elif not got[i].startswith(w):
            problems.append(f"paragraph {i + 1} is {got[i][:70]!r}, expected {w[:50]!r}")
            break
    if len(got) > len(want):
        problems.extend(f"extra paragraph: {g[:70]!r}" for g in got[len(want):])
    flat = " ".join(got)
    for f in expected.get("furniture") or []:
        if f in flat:
            problems.append(f"furniture left: {f!r}")
    result["body"] = (not problems, "; ".join(problems))
    return result


def run_set(binary, set_dir, verbose):
    pages = sorted(f for f in os.listdir(set_dir) if f.endswith(PAGE_EXT))
    if not pages:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        os.makedirs(os.path.join(site, "pages"))
        shutil.copy(os.path.join(CORPUS, "config.yaml"), site)
        expected = {}
        for page in pages:
            stem = os.path.splitext(page)[0]
            with open(os.path.join(set_dir, stem + ".expected.yaml"), encoding="utf-8") as f:
                expected[page] = yaml.safe_load(f)
            dst = os.path.join(site, "pages", page)
            shutil.copy(os.path.join(set_dir, page), dst)
            saved = str(expected[page].get("saved") or DEFAULT_SAVED)
            stamp = time.mktime(time.strptime(saved + " 12:00", "%Y-%m-%d %H:%M"))
            os.utime(dst, (stamp, stamp))
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600")
        cmd = [binary, "import", "--root", site, "--into", os.path.join(site, "out"), "--json"]
        cmd += [os.path.join("pages", p) for p in pages]
        run = subprocess.run(cmd, cwd=site, capture_output=True, text=True, env=env)
        try:
            report = json.loads(run.stdout)
        except json.JSONDecodeError:
            sys.exit(f"import printed no JSON (exit {run.returncode}):\n{run.stderr}")
        rows = {os.path.basename(r["input"]): r for r in report["files"]}
        results = {}
        for page in pages:
            row = rows.get(page)
            text = None
            if row and row.get("status") == "imported":
                with open(os.path.join(site, row["output"]), encoding="utf-8") as f:
                    text = f.read()
            results[page] = score_page(page, expected[page], row, text)
    return results


def summarise(name, results, verbose):
    checks = ["title", "date", "byline", "tickers", "body"]
    n = len(results)
    print(f"\n{name}: {n} pages")
    totals = {}
    for c in checks:
        ok = sum(1 for r in results.values() if r[c][0])
        totals[c] = ok
        print(f"  {c:<8} {ok:>3}/{n}  {100.0 * ok / n:5.1f} %")
    furniture_left = sum(r["body"][1].count("furniture left") + r["body"][1].count("extra paragraph")
                         for r in results.values())
    print(f"  furniture left in bodies: {furniture_left} (labelled text or extra paragraphs)")
    if verbose:
        for page, r in results.items():
            bad = [f"{c}: {r[c][1]}" for c in checks if not r[c][0]]
            if bad:
                print(f"  ✗ {page}")
                for b in bad:
                    print(f"      {b}")
    return totals, n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=None)
    ap.add_argument("--set", default="all", choices=["tuned", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5", "held-out-6", "held-out-7", "all"])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    binary = args.bin
    if binary is None:
        for candidate in ("target/release/capbrief", "target/debug/capbrief"):
            path = os.path.join(REPO, candidate)
            if os.path.exists(path):
                binary = path
                break
    if binary is None:
        sys.exit("build capbrief first (cargo build --release) or pass --bin")
    sets = ["tuned", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5", "held-out-6", "held-out-7"] if args.set == "all" else [args.set]
    failed = False
    for s in sets:
        results = run_set(os.path.abspath(binary), os.path.join(CORPUS, s), args.verbose)
        if results is None:
            print(f"\n{s}: no pages")
            continue
        totals, n = summarise(s, results, args.verbose)
        failed |= any(totals[c] < n for c in ("title", "date", "body"))
    if args.check and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
