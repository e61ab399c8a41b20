"""What the body scope (正文:) costs: query times of whole-text and body-only searches on each
engine, and the Xapian index's size with the body's grams kept apart (``B``) against the same
documents without (every part unprefixed, as before the scope existed).

    .venv/bin/python tests/bench/body_scope.py --articles 2000 --dir var/bench/body-scope

Generates ``--articles`` synthetic articles (``corpus``, seed 3) besides the seeds, ingests them
once (Whoosh data folder), copies the database to a Xapian data folder, builds each index, then
times each query in-process (median of 5 runs after one warm-up, 20 results with facets, as the
results page asks). Prints a table and, last, one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "tests")]

from bench import corpus  # noqa: E402

QUERIES = ["无锡", "锡", "集成电路", "杜小刚", "阿斯利康", "无锡 发展 项目", "“民企 对接”"]

TIMING = r"""
import json, statistics, time
from articles.search.query import parse_query, search
out = {}
for q in QUERIES:
    scoped = "正文:" + q if q[0] in "“\"" else " ".join("正文:" + t for t in q.split())  # a phrase stays whole
    for name, text in (("text", q), ("body", scoped)):
        parsed = parse_query(text)
        count = search(parsed, limit=20).count
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            search(parsed, limit=20)
            runs.append(time.perf_counter() - started)
        out[f"{name}:{q}"] = {"count": count, "ms": round(statistics.median(runs) * 1000, 2)}
print("RESULT " + json.dumps(out, ensure_ascii=False))
"""

XAPIAN_SIZES = r"""
import json
from articles.search import indexing, xapian_index
from articles.search.fields import BODY
original = xapian_index.document
def without_body(prepared):
    return original({**prepared, BODY: ""})
xapian_index.document = without_body
indexing.index_rebuild()
before = xapian_index.index_size_bytes()
xapian_index.document = original
indexing.index_rebuild()
after = xapian_index.index_size_bytes()
print("RESULT " + json.dumps({"without_body_terms": before, "with_body_terms": after}))
"""


def manage(env: dict, *args: str, timeout: float = 3600) -> str:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def result_of(output: str) -> dict:
    return json.loads(next(line for line in output.splitlines() if line.startswith("RESULT "))[7:])


def environment(data_dir: Path, engine: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(NEWSARCHIVE_DATA_DIR=str(data_dir), NEWSARCHIVE_SEARCH_ENGINE=engine)
    return env


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.resolve().rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=BASE_DIR / "var" / "bench" / "body-scope")
    args = parser.parse_args()
    root = args.dir.resolve()
    whoosh_dir, xapian_dir = root / "whoosh", root / "xapian"
    pages = root / "pages"
    if not pages.exists():
        corpus.write_corpus(corpus.pool_from_dir(BASE_DIR / "seeds"), pages, args.articles, seed=3)
    whoosh_env = environment(whoosh_dir, "whoosh")
    if not (whoosh_dir / "db.sqlite3").exists():
        whoosh_dir.mkdir(parents=True, exist_ok=True)
        manage(whoosh_env, "migrate", "--noinput", "-v0")
        manage(whoosh_env, "ingest", "seeds/", str(pages), "-v0")
    manage(whoosh_env, "rebuild_index", "--noinput", "-v0")
    report: dict = {"articles": args.articles, "queries": {}}
    report["queries"]["whoosh"] = result_of(manage(whoosh_env, "shell", "-c", f"QUERIES = {QUERIES!r}\n" + TIMING))
    report["whoosh_index_bytes"] = folder_bytes(whoosh_dir / "whoosh_index")

    xapian_env = environment(xapian_dir, "xapian")
    xapian_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy2(whoosh_dir / "db.sqlite3", xapian_dir / "db.sqlite3")
    report["xapian_index_bytes"] = result_of(manage(xapian_env, "shell", "-c", XAPIAN_SIZES))
    report["queries"]["xapian"] = result_of(manage(xapian_env, "shell", "-c", f"QUERIES = {QUERIES!r}\n" + TIMING))

    print(f"{'query':<28} {'engine':<7} {'text n':>7} {'text ms':>8} {'body n':>7} {'body ms':>8}")
    for engine, timings in report["queries"].items():
        for q in QUERIES:
            t, b = timings[f"text:{q}"], timings[f"body:{q}"]
            print(f"{q:<28} {engine:<7} {t['count']:>7} {t['ms']:>8} {b['count']:>7} {b['ms']:>8}")
    sizes = report["xapian_index_bytes"]
    print(f"Xapian index: {sizes['without_body_terms'] / 2**20:.1f} MiB without B terms, "
          f"{sizes['with_body_terms'] / 2**20:.1f} MiB with; Whoosh {report['whoosh_index_bytes'] / 2**20:.1f} MiB")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
