"""Measure the page parser on held-out real pages that are not in the repository.

    python tests/bench/eval_parser.py DIR EXPECTED.json

EXPECTED.json maps a file name in DIR to the issue date its source gives and, per article
(by index on the page), what a careful reader finds:

    {"a.txt": {"issue_date": "2006-11-19",
               "articles": [{"index": 0, "title": "主标题", "bylines": ["许黎娜"],
                             "source": null, "date": "2006-11-18"}]}}

``title`` is the whole printed title (kicker, main title and subheadline; spaces ignored);
``"headline_from_lead": true`` instead says the item has no printed headline. Four checks per
article: title, bylines (the set of names), source, date (the article's dateline). Every file
must also be accepted (parsed without an error). Prints each check's share and the total.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from articles.parsing import PageParseError, parse_page_bytes  # noqa: E402


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def evaluate(folder: Path, expected: dict) -> dict:
    checks: dict[str, list[bool]] = {"title": [], "bylines": [], "source": [], "date": []}
    refused: list[str] = []
    failures: list[str] = []
    for name, want in sorted(expected.items()):
        issue = dt.date.fromisoformat(want["issue_date"]) if want.get("issue_date") else None
        try:
            page = parse_page_bytes((folder / name).read_bytes(), name, issue_date=issue)
        except (PageParseError, OSError) as exc:
            refused.append(f"{name}: {exc}")
            for art in want["articles"]:
                for key in checks:
                    checks[key].append(False)
            continue
        for art in want["articles"]:
            i = art["index"]
            got = page.articles[i] if i < len(page.articles) else None
            if got is None:
                for key in checks:
                    checks[key].append(False)
                failures.append(f"{name}[{i}]: no such article ({len(page.articles)} found)")
                continue
            title = _squash(" ".join(x for x in (got.kicker, got.headline, got.subheadline) if x))
            if art.get("headline_from_lead"):
                ok_title = got.headline_from_lead
            else:
                ok_title = not got.headline_from_lead and title == _squash(art["title"])
            results = {
                "title": (ok_title, title if not got.headline_from_lead else "(from lead) " + got.headline),
                "bylines": (sorted(b.name for b in got.bylines) == sorted(art["bylines"]), [b.name for b in got.bylines]),
                "source": (got.source == art["source"], got.source),
                "date": (
                    (got.dateline.isoformat() if got.dateline else None) == art["date"],
                    got.dateline.isoformat() if got.dateline else None,
                ),
            }
            for key, (ok, value) in results.items():
                checks[key].append(ok)
                if not ok:
                    want_value = art.get("title", "(from lead)") if key == "title" else art[key]
                    failures.append(f"{name}[{i}] {key}: got {value!r}, want {want_value!r}")
    return {"checks": checks, "refused": refused, "failures": failures}


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    folder, expected = Path(argv[1]), json.loads(Path(argv[2]).read_text(encoding="utf-8"))
    result = evaluate(folder, expected)
    for line in result["failures"]:
        print("  miss", line)
    for line in result["refused"]:
        print("  REFUSED", line)
    total = passed = 0
    for key, oks in result["checks"].items():
        total += len(oks)
        passed += sum(oks)
        print(f"{key:8} {sum(oks):3}/{len(oks):3}  {100 * sum(oks) / max(1, len(oks)):5.1f}%")
    print(f"{'all':8} {passed:3}/{total:3}  {100 * passed / max(1, total):5.1f}%")
    accepted = len(expected) - len(result["refused"])
    print(f"files accepted: {accepted}/{len(expected)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
