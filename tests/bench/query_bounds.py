"""Issue 14 item 7: how long one expensive query takes, through the search page's own code.

The flood query: 32 random single characters (drawn from the characters of the corpus's
headlines, so most are common) asking for page 50, as the attack in issue 14 did. Run on a
data folder that already holds an archive and its index (``make bench`` or ``make_corpus`` +
``ingest`` + ``rebuild_index``)::

    NEWSARCHIVE_DATA_DIR=var/boundbench .venv/bin/python tests/bench/query_bounds.py --queries 30

Prints one JSON line: per-query milliseconds (p50, p95, max) for the flood and for a few
ordinary queries, with the term cache emptied before each query (a flood never repeats).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")

ORDINARY = ["锡", "无锡", "集成电路", "杜小刚", "无锡 集成电路 发展", '"推动高质量发展"', "无锡 -发展"]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=30)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--no-bounds", action="store_true", help="lift the bounds (to measure what they save)")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.http import Http404
    from django.test import RequestFactory

    from articles.models import Article
    from articles.search import query
    from articles.search_views import read_search_request, run_search

    factory = RequestFactory()
    if args.no_bounds:
        from articles.search import snippets, whoosh_reader

        whoosh_reader.RANK_WORDS = snippets.SNIPPET_SCAN = snippets.HITS_PER_TERM = 10**9
        whoosh_reader.CONFIRM_SHORT = False

    def once(params) -> float:
        query.live.reset()
        query.live.lock.acquire()
        try:
            query.live.get().length_norms()  # open the index (and its per-searcher arrays) outside the timing
        finally:
            query.live.lock.release()
        started = time.perf_counter()
        try:
            run_search(read_search_request(factory.get("/search/", params)))
        except Http404:
            pass  # fewer than 50 pages: the search ran all the same
        return (time.perf_counter() - started) * 1000

    rng = random.Random(args.seed)
    chars = sorted({c for h in Article.objects.values_list("headline", flat=True)[:3000] for c in h if "\u4e00" <= c <= "\u9fff"})
    once({"q": "锡"})  # load jieba
    flood = [once({"q": " ".join(rng.sample(chars, 32)), "page": "50"}) for _ in range(args.queries)]
    ordinary = [once({"q": q}) for q in ORDINARY for _ in range(3)]

    def summary(samples):
        samples = sorted(samples)
        return {
            "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 1),
            "max_ms": round(samples[-1], 1),
        }

    print(json.dumps({"articles": Article.objects.count(), "bounds": not args.no_bounds,
                      "flood": summary(flood), "ordinary": summary(ordinary)}))


if __name__ == "__main__":
    main()
