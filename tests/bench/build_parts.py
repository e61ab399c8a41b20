"""``python tests/bench/build_parts.py --data DIR [--articles N]``: where the Xapian build's CPU
goes per article, in one process, on the first N articles of an ingested archive.

Prepares the articles (haystack's ``full_prepare``), makes their Xapian documents
(``xapian_index.document``: normalising, grams, terms, values) and adds them to a new database in
batches as the rebuild does, then commits; prints the CPU milliseconds per article of each step
and the uncompacted database's size per 1,000 articles, as one JSON line. CPU time, not wall
time: the machine is shared (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="NEWSARCHIVE_DATA_DIR holding an ingested archive")
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args(argv)
    os.environ.update(NEWSARCHIVE_DATA_DIR=str(Path(args.data).resolve()), NEWSARCHIVE_SEARCH_ENGINE="xapian")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    import xapian

    from articles.search import document as article_document
    from articles.search import xapian_index

    search_index = article_document.search_index()
    objects = list(search_index.index_queryset().order_by("pk")[: args.articles])
    n = len(objects)
    started = _cpu()
    prepared = [article_document.article_document(obj) for obj in objects]
    prepare = _cpu() - started
    folder = tempfile.mkdtemp(prefix="build-parts-")
    try:
        db = xapian.WritableDatabase(folder, xapian.DB_CREATE_OR_OPEN)
        make = add = 0.0
        for start in range(0, n, xapian_index.BATCH_SIZE):
            started = _cpu()
            made = [xapian_index.document(p) for p in prepared[start : start + xapian_index.BATCH_SIZE]]
            make += _cpu() - started
            started = _cpu()
            for _pk, doc in made:
                db.add_document(doc)
            add += _cpu() - started
        started = _cpu()
        db.commit()
        db.close()
        add += _cpu() - started
        size = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def ms(seconds: float) -> float:
        return round(seconds / max(n, 1) * 1000, 2)

    print(json.dumps({
        "articles": n, "prepare_ms": ms(prepare), "document_ms": ms(make), "add_commit_ms": ms(add),
        "total_ms": ms(prepare + make + add), "uncompacted_mb_per_1000": round(size / 2**20 / max(n, 1) * 1000, 1),
        "load": round(os.getloadavg()[0], 2),
    }))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
