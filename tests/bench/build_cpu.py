"""``python tests/bench/build_cpu.py --data DIR [--engine xapian|whoosh] [--workers N]``: the index
build measured in CPU time, against the jieba floor measured in the same run.

On a data folder that already holds an ingested archive (e.g. ``make bench``'s, or one made with
``make_corpus.py`` + ``manage.py ingest``), runs ``manage.py rebuild_index`` and reports:

- ``build_cpu_s``: user + system CPU seconds of the rebuild and every process it forked
  (``os.wait4``'s rusage, which counts waited-for descendants), and its wall seconds;
- ``peak_rss_mb``: the peak of the *sum* of resident memory over the rebuild's process tree,
  sampled every 0.1 s from /proc (pages a forked process shares with its parent count twice,
  so this is an upper bound), and ``max_process_rss_mb``, the largest single process;
- ``floor_cpu_s``: CPU seconds of jieba's ``cut_for_search`` over the same texts as ``make
  bench``'s floor (headline, lead, body of every article), dictionary loaded, on as many
  processes at once as the build (``--workers``, default: the cores), summed;
- ``index_mb`` and per 1,000 articles.

CPU time does not grow with the machine's load (other developers' test suites), wall time does:
the ratio ``build_cpu_s / floor_cpu_s`` is what the issue's "build ≤ 3× the jieba floor" is
judged by here. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE_DIR = HERE.parents[1]
sys.path[:0] = [str(HERE), str(BASE_DIR)]

from run_bench import MIB, _tree_rss, folder_size  # noqa: E402  (beside this file)


def _process_rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _descendants(root: int) -> list[int]:
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                todo.extend(int(p) for p in f.read().split())
        except OSError:
            pass
    return found


def measure_build(env: dict, workers: int | None) -> dict:
    args = [sys.executable, "manage.py", "rebuild_index", "-v0"] + (["--workers", str(workers)] if workers else [])
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=BASE_DIR, env=env)
    peak = {"tree": 0, "one": 0}
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak["tree"] = max(peak["tree"], _tree_rss(proc.pid))
            peak["one"] = max([peak["one"], *(_process_rss(p) for p in _descendants(proc.pid))])
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build_cpu: rebuild_index failed (exit {os.waitstatus_to_exitcode(status)})")
    return {
        "build_cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "build_user_s": round(usage.ru_utime, 2),
        "build_sys_s": round(usage.ru_stime, 2),
        "build_wall_s": round(wall, 2),
        "peak_rss_mb": round(peak["tree"] / MIB),
        "max_process_rss_mb": round(peak["one"] / MIB),
    }


def _floor_init(tmp_dir: str) -> None:
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.tmp_dir = tmp_dir
    jieba.initialize()


def _floor_chunk(texts: list[str]) -> tuple[int, float]:
    import jieba

    before = resource.getrusage(resource.RUSAGE_SELF)
    tokens = sum(1 for text in texts for _ in jieba.cut_for_search(text))
    after = resource.getrusage(resource.RUSAGE_SELF)
    return tokens, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def jieba_floor_cpu(data: Path, processes: int) -> tuple[float, int, int]:
    """CPU seconds of ``cut_for_search`` over every article's headline, lead and body, on
    ``processes`` processes at once (as many as the build runs, so both share the cores alike;
    dictionary loading excluded): (CPU seconds summed over the processes, tokens, articles)."""
    import multiprocessing

    import django

    django.setup()
    from django.db import connections

    from articles.models import Article

    texts = [
        "\n\n".join([h, lead, body])
        for h, lead, body in Article.objects.order_by("pk").values_list("headline", "lead", "body").iterator()
    ]
    connections.close_all()
    chunks = [texts[i : i + 200] for i in range(0, len(texts), 200)]
    with multiprocessing.get_context("fork").Pool(processes, initializer=_floor_init, initargs=(str(data),)) as pool:
        results = pool.map(_floor_chunk, chunks, chunksize=1)
    return sum(cpu for _, cpu in results), sum(tokens for tokens, _ in results), len(texts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="NEWSARCHIVE_DATA_DIR holding an ingested archive")
    parser.add_argument("--engine", default="xapian", choices=("xapian", "whoosh"))
    parser.add_argument("--workers", type=int, default=None, help="rebuild_index --workers")
    parser.add_argument("--no-floor", action="store_true", help="skip the jieba floor")
    args = parser.parse_args(argv)
    data = Path(args.data).resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(NEWSARCHIVE_DATA_DIR=str(data), NEWSARCHIVE_SEARCH_ENGINE=args.engine)
    env.pop("NEWSARCHIVE_XAPIAN_SHARDS", None)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsarchive.settings"
    result = {"engine": args.engine, "load_before": round(os.getloadavg()[0], 2)}
    result.update(measure_build(env, args.workers))
    live = data / ("xapian_index" if args.engine == "xapian" else "whoosh_index")
    result["index_mb"] = round(folder_size(live.resolve()) / MIB, 1)
    if not args.no_floor:
        processes = args.workers or len(os.sched_getaffinity(0))
        floor, tokens, articles = jieba_floor_cpu(data, processes)
        result.update(
            articles=articles, floor_processes=processes, floor_cpu_s=round(floor, 2), jieba_tokens=tokens,
            build_vs_floor=round(result["build_cpu_s"] / floor, 2),
            index_mb_per_1000=round(result["index_mb"] * 1000 / articles, 2),
            build_cpu_ms_per_article=round(result["build_cpu_s"] * 1000 / articles, 2),
            floor_cpu_ms_per_article=round(floor * 1000 / articles, 2),
        )
    result["load_after"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
