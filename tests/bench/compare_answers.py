"""``python tests/bench/compare_answers.py A.json B.json``: do two set-ups answer alike?

``run_bench.py`` writes ``answers-<engine>.json`` beside its data folder: for every benchmark
query, the count and the first page of results, each article named by issue date, page and place
on the page (not by database id, so two data folders ingested from the same corpus compare).
Prints every query whose count or first page differs, and a summary line; exits 1 on any
difference. An estimated count (约 N, beyond 10,000 candidates) may differ between engines
within its bounds (one database may estimate where shards, each under the limit, count
exactly), so a count that is an estimate on either side is reported but not failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    a, b = (json.loads(Path(p).read_text()) for p in argv)
    differ = estimated = 0
    for query in sorted(set(a) | set(b)):
        x, y = a.get(query), b.get(query)
        if x is None or y is None:
            print(f"missing  {query}: only in {'B' if x is None else 'A'}")
            differ += 1
            continue
        estimate = not x.get("count_exact", True) or not y.get("count_exact", True)
        if x["count"] != y["count"] and estimate:
            print(f"estimate {query}: {'' if x.get('count_exact', True) else '约'}{x['count']} / "
                  f"{'' if y.get('count_exact', True) else '约'}{y['count']}")
            estimated += 1
        elif x["count"] != y["count"]:
            print(f"count    {query}: {x['count']} / {y['count']}")
            differ += 1
        if x["first_page"] != y["first_page"]:
            print(f"order    {query}: first pages differ ({len(x['first_page'])} / {len(y['first_page'])} results)")
            differ += 1
    print(f"{len(a)} queries: {differ} differ; {estimated} counts differ where one side is an estimate")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
