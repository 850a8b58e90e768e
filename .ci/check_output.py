#!/usr/bin/env python3
"""Checks a built site's feeds and sitemap with real parsers.

Every Atom feed must parse with feedparser without a bozo flag, and every entry must
have an id, title, link and updated date. The sitemap must be well-formed, use the
sitemap namespace, list absolute URLs under the site's base URL that exist in the output,
and give lastmod as a W3C date.
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

import feedparser

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


def check_feeds(public: pathlib.Path) -> list[str]:
    problems = []
    feeds = sorted(p for p in public.rglob("*.xml") if p.name != "sitemap.xml")
    if not feeds:
        problems.append("no Atom feed found")
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        rel = path.relative_to(public)
        if parsed.bozo:
            problems.append(f"{rel}: feedparser: {parsed.bozo_exception}")
        if parsed.version != "atom10":
            problems.append(f"{rel}: not recognised as Atom 1.0 ({parsed.version!r})")
        if not parsed.entries:
            problems.append(f"{rel}: no entries")
        for i, entry in enumerate(parsed.entries):
            for field in ("id", "title", "link", "updated"):
                if not entry.get(field):
                    problems.append(f"{rel}: entry {i} has no {field}")
        print(f"feed ok: {rel} ({len(parsed.entries)} entries)" if not problems else f"feed checked: {rel}")
    return problems


def check_sitemap(public: pathlib.Path, base_url: str) -> list[str]:
    problems = []
    path = public / "sitemap.xml"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return [f"sitemap.xml: {e}"]
    if root.tag != f"{SITEMAP_NS}urlset":
        problems.append(f"sitemap.xml: root element is {root.tag}, not urlset")
    urls = root.findall(f"{SITEMAP_NS}url")
    if not urls:
        problems.append("sitemap.xml: no <url> entries")
    for url in urls:
        loc = url.findtext(f"{SITEMAP_NS}loc", "").strip()
        if not loc.startswith(base_url):
            problems.append(f"sitemap.xml: {loc!r} is not under {base_url}")
            continue
        rel = loc[len(base_url):]
        target = public / rel / "index.html" if rel == "" or rel.endswith("/") else public / rel
        if not target.is_file():
            problems.append(f"sitemap.xml: {loc} has no file {target.relative_to(public)}")
        lastmod = url.findtext(f"{SITEMAP_NS}lastmod")
        if lastmod is not None and not W3C_DATE.match(lastmod.strip()):
            problems.append(f"sitemap.xml: {loc} lastmod {lastmod!r} is not a W3C date")
    print(f"sitemap checked: {len(urls)} URLs")
    return problems


def main() -> int:
    public = pathlib.Path(sys.argv[1])
    base_url = sys.argv[2]
    problems = check_feeds(public) + check_sitemap(public, base_url)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
