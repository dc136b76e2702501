#!/usr/bin/env python3
"""audit.py - how fresh and how well sourced the site's facts are (`make audit`).

Reads data/*.yml through the build's own loader and prints, as Markdown:

* counts of facts by confidence (general facts, carrier entries and contacts);
* every fact, oldest first, by the `checked` date of its newest source, with the
  ones not checked for more than six months flagged;
* sources that are not https, sources marked content-farm, and sources no fact uses.

It never fails on age: freshness is something to act on, not a build error. The exit
status is 0 unless the data itself does not load. A scheduled workflow
(.github/workflows/audit.yml) runs it monthly and posts the output to one issue.

Usage:  scripts/audit.py [--root DIR] [--today YYYY-MM-DD] [--out FILE]
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import sitedata  # noqa: E402

STALE_DAYS = 183  # about six months


def entries(data: sitedata.SiteData):
    """(id, confidence, source ids) for every fact the site shows."""
    for fid, fact in data.facts.items():
        yield fid, fact.confidence, data.fact_sources(fid) or fact.searched
    for cid, carrier in data.carriers.items():
        for field, items in carrier["facts"].items():
            for i, e in enumerate(items):
                suffix = f"[{i}]" if len(items) > 1 else ""
                yield f"{cid}.{field}{suffix}", e["confidence"], e["sources"] or e.get("searched", [])
        for i, c in enumerate(carrier["contacts"]):
            yield f"{cid}.contacts[{i}] {c['number']}", c["confidence"], c["sources"]
        if carrier.get("network"):
            e = carrier["network"]
            yield f"{cid}.network", e["confidence"], e["sources"]


def used_sources(data: sitedata.SiteData) -> set[str]:
    used = set()
    for _, _, sids in entries(data):
        used.update(sids)
    return used


def report(root: Path, today: dt.date) -> str:
    data = sitedata.load(root, allow_unused=True)   # listed below, not an error here
    rows = sorted(entries(data), key=lambda r: (data.checked(r[2]) or "", r[0]))
    counts = Counter(conf for _, conf, _ in rows)
    out = [f"# Fact audit, {today.isoformat()}", ""]
    out.append("## Facts by confidence")
    out.append("")
    out.append("| confidence | facts |")
    out.append("| --- | --- |")
    for conf in reversed(sitedata.CONFIDENCE):
        out.append(f"| {conf} | {counts.get(conf, 0)} |")
    out.append(f"| total | {sum(counts.values())} |")
    out.append("")

    stale = []
    lines = []
    for fid, conf, sids in rows:
        checked = data.checked(sids) if sids else None
        age = (today - dt.date.fromisoformat(checked)).days if checked else None
        flag = " **STALE**" if age is not None and age > STALE_DAYS else ""
        if flag:
            stale.append(fid)
        lines.append(f"| {fid} | {conf} | {checked or 'no source'} | {'' if age is None else age}{flag} |")
    out.append(f"## Not checked for more than six months ({len(stale)})")
    out.append("")
    out.extend(f"- {fid}" for fid in stale) if stale else out.append("None.")
    out.append("")
    out.append("## All facts, oldest check first")
    out.append("")
    out.append("| fact | confidence | newest source checked | days ago |")
    out.append("| --- | --- | --- | --- |")
    out.extend(lines)
    out.append("")

    http = sorted(sid for sid, s in data.sources.items() if not s["url"].startswith("https://"))
    farms = sorted(sid for sid, s in data.sources.items() if s.get("quality") == "content-farm")
    unused = sorted(set(data.sources) - used_sources(data))
    for title, ids in (("Sources without https", http), ("Content-farm sources", farms),
                       ("Sources no fact uses", unused)):
        out.append(f"## {title} ({len(ids)})")
        out.append("")
        out.extend(f"- {sid}: {data.sources[sid]['url']}" for sid in ids) if ids else out.append("None.")
        out.append("")
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", type=Path, default=ROOT)
    ap.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    try:
        text = report(args.root, args.today)
    except sitedata.DataError as exc:
        print(f"audit: bad data: {exc}", file=sys.stderr)
        return 2
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
