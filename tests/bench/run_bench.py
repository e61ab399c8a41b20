"""`make bench ARTICLES=N`: how the archive copes with N articles on this machine.

In a scratch data folder (``--dir``, default ``var/bench/<N>``), with the project's own commands
and code: generate a synthetic corpus (``make_corpus``), ingest it (``ingest``), build the search
index (``rebuild_index``), run a fixed query set in-process through the code the search page
uses and over HTTP through gunicorn (started as ``make run`` starts it), add one new page of 20
articles to the existing index (``ingest`` of one file, which updates the index), and measure
the floor: jieba's own search-mode tokenising of the same texts on all cores.

Prints one JSON object as the last line (keys below) and records the run in
``docs/benchmarks.json``, the table in ``docs/benchmarks.md`` and the plot
``docs/benchmarks.png`` (needs matplotlib: ``make bench`` installs the ``bench`` extra).

Units: seconds; sizes and memory in MiB (2**20 bytes); query times in milliseconds. Memory is
the peak resident size of each command's whole process tree (sampled from /proc), so it counts
indexing worker processes too. The machine is shared: the load average is recorded with every
run, and wall times on a busy machine are upper bounds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
DOCS = BASE_DIR / "docs"
RESULTS_JSON = DOCS / "benchmarks.json"
RESULTS_MD = DOCS / "benchmarks.md"
RESULTS_PNG = DOCS / "benchmarks.png"
MIB = 2**20

KEYS = (
    "engine", "articles", "corpus_mb", "ingest_s", "index_s", "jieba_floor_s", "index_mb", "peak_rss_mb",
    "query_p50_ms", "query_p95_ms", "http_p50_ms", "http_p95_ms", "update_one_page_s",
)

# The fixed query set: eight queries of each class the issue names (as the search page takes its
# parameters), so a percentile is over different queries, not one query repeated.
def _q(*terms):
    return [{"q": t} for t in terms]


QUERIES = (
    ("one character", _q("锡", "市", "新", "区", "港", "芯", "氢", "德")),
    ("two characters", _q("芯片", "项目", "企业", "合作", "氢能", "园区", "基金", "疫情")),
    ("a word", _q("集成电路", "新能源", "生物制药", "产业链", "高质量发展", "国家高新区", "战略合作", "供应基地")),
    ("a name", _q("杜小刚", "赵建军", "许昆林", "周文栋", "陈寿彬", "阿斯利康", "康明斯", "张素心")),
    ("several terms", _q("新能源 汽车 合作", "集成电路 封装 技术", "无锡 德国 企业", "疫情 防控 工作",
                         "高新区 党建 创新", "项目 签约 投资", "阿斯利康 无锡 基地", "长三角 芯片 检测")),
    ("year filter", [{"q": q, "year": y} for q, y in (
        ("集成电路", "2015"), ("新能源", "2008"), ("无锡", "2020"), ("项目", "2012"),
        ("合作", "2024"), ("芯片", "2005"), ("发展", "2017"), ("杜小刚", "2010"))]),
    ("sorted by date", [{"q": q, "sort": s} for q, s in (
        ("无锡", "newest"), ("芯片", "oldest"), ("合作", "newest"), ("集成电路", "newest"),
        ("企业", "oldest"), ("项目", "newest"), ("赵建军", "newest"), ("氢能", "oldest"))]),
    # Planted by the generator (articles.corpus.RARE_SENTENCE) in one article in a thousand.
    ("rare term", _q("惠山泥人", "驻足观看", "非遗作品", "惠山泥人 非遗作品")),
    ("very common term", _q("发展", "无锡", "的", "企业", "推动", "加快", "产业", "我市")),
)
UPDATE_DATE = dt.date(2025, 1, 6)  # after the corpus's twenty years, so its articles are easy to count


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- processes and memory


def _shard_server_pids() -> list[int]:
    """The local xapian-tcpsrv processes of `make bench ENGINE=shards` (their RSS counts too)."""
    return [int(p) for p in os.environ.get("NEWSARCHIVE_XAPIAN_SHARD_PIDS", "").split(",") if p.strip()]


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (read from /proc), plus the local shard
    servers and their connection handlers when the engine is shards."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    total, todo = 0, [root, *_shard_server_pids()]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * page
        except OSError:
            pass
        todo.extend(children.get(pid, ()))
    return total


def run_measured(args: list[str], env: dict, label: str) -> tuple[float, int]:
    """Run a command to completion; (wall seconds, peak resident bytes of its process tree)."""
    log(f"{label}: {' '.join(args)}")
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(proc.stdout), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.2)
    reader.join()
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        sys.stderr.write("".join(output[-40:]))
        raise SystemExit(f"bench: {label} failed (exit {proc.returncode})")
    log(f"{label}: {seconds:.1f} s, peak {peak / MIB:.0f} MiB")
    return seconds, peak


def manage(*args: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"bench: manage.py {' '.join(args)} failed")
    return result.stdout


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def free_port(preferred: int | None) -> int:
    candidates = [preferred] if preferred else []
    for port in candidates + [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise SystemExit("bench: no free port")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


# --------------------------------------------------------------------------- the jieba floor

_JIEBA_TMP = None


def _jieba_init(tmp_dir: str) -> None:
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.tmp_dir = tmp_dir  # its dictionary cache goes into the data folder, not /tmp
    jieba.initialize()


def _jieba_ready(_):
    time.sleep(0.05)  # long enough that every worker has started (and loaded jieba) by the end


def _jieba_tokenise(texts: list[str]) -> int:
    import jieba

    return sum(1 for text in texts for _ in jieba.cut_for_search(text))


def jieba_floor(texts: list[str], tmp_dir: Path) -> tuple[float, int, int]:
    """Seconds for jieba alone to tokenise ``texts`` in search mode on all cores (dictionary
    loading excluded, as an index build loads it once); (seconds, tokens, processes)."""
    procs = len(os.sched_getaffinity(0))
    chunks = [texts[i : i + 200] for i in range(0, len(texts), 200)]
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(procs, initializer=_jieba_init, initargs=(str(tmp_dir),)) as pool:
        pool.map(_jieba_ready, range(procs * 4), chunksize=1)
        started = time.perf_counter()
        tokens = sum(pool.imap_unordered(_jieba_tokenise, chunks))
        seconds = time.perf_counter() - started
    return seconds, tokens, procs


# --------------------------------------------------------------------------- queries


ANSWERS: dict[str, dict] = {}  # query -> its count and first page, as the engine answered it


def _answer_key(params: dict) -> str:
    return "&".join(f"{k}={v}" for k, v in sorted(params.items()))


def queries_in_process(rounds: int) -> tuple[list[float], dict[str, list[float]], dict[str, list[int]]]:
    """Each query through the search page's own code (parse the request, search, load the
    articles, make the snippets): everything but rendering the template. The first round's
    answers (count, and the first page's articles by issue date, page and place on the page,
    which do not depend on database ids) are kept in ANSWERS to compare engines."""
    from django.test import RequestFactory

    from articles.search_views import read_search_request, run_search

    factory = RequestFactory()

    def once(params) -> tuple[float, int]:
        started = time.perf_counter()
        outcome, results, _pages = run_search(read_search_request(factory.get("/search/", params)))
        seconds = time.perf_counter() - started
        ANSWERS[_answer_key(params)] = {
            "count": outcome.count,
            "count_exact": outcome.count_exact,
            "first_page": [
                f"{r['article'].page.issue.date_issued.isoformat()}/{r['article'].page.sequence}/{r['article'].sequence}"
                for r in results
            ],
        }
        return seconds, outcome.count

    once(QUERIES[0][1][0])  # opens the searcher, loads jieba
    samples: list[float] = []
    by_class: dict[str, list[float]] = {name: [] for name, _ in QUERIES}
    counts: dict[str, list[int]] = {name: [] for name, _ in QUERIES}
    for round_ in range(rounds):
        for name, variants in QUERIES:
            for params in variants:
                seconds, count = once(params)
                samples.append(seconds * 1000)
                by_class[name].append(seconds * 1000)
                if round_ == 0:
                    counts[name].append(count)
    return samples, by_class, counts


def queries_over_http(port: int, rounds: int) -> tuple[list[float], dict[str, list[float]]]:
    """GET /search/ for each query (a new connection per request, as gunicorn's sync workers
    close them); warm-up rounds first so every worker has opened its searcher."""

    def once(params) -> float:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        conn.request("GET", "/search/?" + urllib.parse.urlencode(params))
        response = conn.getresponse()
        response.read()
        seconds = time.perf_counter() - started
        conn.close()
        if response.status != 200:
            raise SystemExit(f"bench: /search/ {params} answered {response.status}")
        return seconds

    for _ in range(2):  # every worker opens its searcher
        for _name, variants in QUERIES:
            once(variants[0])
    samples: list[float] = []
    by_class: dict[str, list[float]] = {name: [] for name, _ in QUERIES}
    for _ in range(rounds):
        for name, variants in QUERIES:
            for params in variants:
                ms = once(params) * 1000
                samples.append(ms)
                by_class[name].append(ms)
    return samples, by_class


def start_gunicorn(env: dict, port: int, log_path: Path) -> subprocess.Popen:
    """As `make run` starts it: gunicorn.conf.py, loopback, the project's worker count."""
    env = dict(env, PORT=str(port))
    handle = open(log_path, "w")
    proc = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", "newsarchive.wsgi:application"],
        cwd=BASE_DIR, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"bench: gunicorn exited {proc.returncode}; see {log_path}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.3)
    stop_gunicorn(proc)
    raise SystemExit("bench: gunicorn did not start listening within 120 s")


def stop_gunicorn(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # the master stops its workers
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# --------------------------------------------------------------------------- the run


def bench(
    n: int, work: Path, seed: int, port: int | None, rounds: int, workers: int | None = None, reuse: bool = False,
    engine: str = "whoosh", corpus_dir: Path | None = None, reuse_index: bool = False, floor_sample: int = 1,
) -> dict:
    sys.path[:0] = [str(Path(__file__).resolve().parent), str(BASE_DIR)]
    import corpus as corpus_module  # beside this file (workshop code, not the product's)

    work.mkdir(parents=True, exist_ok=True)
    data = work / "data"
    pages_dir = corpus_dir or work / "corpus"  # engines share one corpus of each size
    saved_ingest = work / "ingest.json"
    saved_index = work / f"index-{engine}.json"  # the last build's time and peak memory
    saved_floor = work / "floor.json"  # the jieba floor measured on this database
    reuse = (reuse or reuse_index) and saved_ingest.exists() and (data / "db.sqlite3").exists()
    if reuse_index and not reuse:
        raise SystemExit(f"bench: --reuse-index needs an earlier run's database and {saved_ingest}")
    if reuse_index:
        log("index: reusing the data folder's live index (queries only; no ingest, no build)")
    elif reuse:
        # The database of an earlier run on the same corpus: only the index is built anew.
        for old in [*data.glob("whoosh_index*"), *data.glob("xapian_index*")]:
            shutil.rmtree(old) if old.is_dir() and not old.is_symlink() else old.unlink()
    else:
        saved_ingest.unlink(missing_ok=True)
        if data.exists():
            shutil.rmtree(data)
        data.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env["NEWSARCHIVE_DATA_DIR"] = str(data)
    env["NEWSARCHIVE_SEARCH_ENGINE"] = "whoosh" if engine == "whoosh" else "xapian"
    if engine != "shards":
        env.pop("NEWSARCHIVE_XAPIAN_SHARDS", None)
    elif not env.get("NEWSARCHIVE_XAPIAN_SHARDS"):
        raise SystemExit("bench: --engine shards needs NEWSARCHIVE_XAPIAN_SHARDS (make bench ENGINE=shards starts them)")
    env["PYTHONUNBUFFERED"] = "1"
    extra: dict = {"load_before": os.getloadavg()[0], "cores": len(os.sched_getaffinity(0))}

    summary_path = pages_dir / "corpus.json"
    summary = json.loads(summary_path.read_text()) if summary_path.exists() else None
    if not summary or summary.get("articles") != n or summary.get("seed") != seed:
        if pages_dir.exists():
            shutil.rmtree(pages_dir)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve().parent / "make_corpus.py"), "--articles", str(n),
             "--out", str(pages_dir), "--seed", str(seed), "--quiet"], cwd=BASE_DIR, env=env, check=True,
        )
        summary = json.loads(summary_path.read_text())
        extra["generate_s"] = round(time.perf_counter() - started, 2)
    log(f"corpus: {summary['pages']} pages, {summary['articles']} articles, {summary['bytes'] / MIB:.1f} MiB")

    python = sys.executable
    if reuse:
        saved = json.loads(saved_ingest.read_text())
        ingest_s, ingest_rss = saved["ingest_s"], saved["ingest_rss"]
        extra["ingest_reused_from"] = saved.get("when", "")
        log(f"ingest: reused from an earlier run ({ingest_s:.1f} s)")
        manage("migrate", "--noinput", "-v0", env=env)  # the code may have gained migrations since
    else:
        manage("migrate", "--noinput", "-v0", env=env)
        ingest_s, ingest_rss = run_measured([python, "manage.py", "ingest", str(pages_dir), "-v0"], env, "ingest")
        saved_ingest.write_text(json.dumps({
            "ingest_s": ingest_s, "ingest_rss": ingest_rss, "articles": n, "seed": seed,
            "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }))
    if reuse_index:
        saved = json.loads(saved_index.read_text()) if saved_index.exists() else {}
        index_s, index_rss = saved.get("index_s", 0.0), saved.get("index_rss", 0)
        extra["index_reused_from"] = saved.get("when", "unknown")
        extra["index_workers"] = saved.get("workers", "default")
    else:
        index_args = [python, "manage.py", "rebuild_index", "-v0"] + (["--workers", str(workers)] if workers else [])
        index_s, index_rss = run_measured(index_args, env, "index")
        extra["index_workers"] = workers or "default"
        saved_index.write_text(json.dumps({
            "index_s": index_s, "index_rss": index_rss, "workers": workers or "default",
            "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }))

    # From here on this process is a Django process on the bench data folder.
    os.environ.update({"NEWSARCHIVE_DATA_DIR": str(data), "NEWSARCHIVE_SEARCH_ENGINE": env["NEWSARCHIVE_SEARCH_ENGINE"]})
    if engine != "shards":
        os.environ.pop("NEWSARCHIVE_XAPIAN_SHARDS", None)
    for key in [k for k in os.environ if k.startswith("DJANGO_") or k == "DATABASE_URL"]:
        del os.environ[key]
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsarchive.settings"
    os.chdir(BASE_DIR)
    import django

    django.setup()
    from django.db import connections

    from articles.models import Article
    from articles.search import indexing

    if engine == "shards":
        index_bytes = folder_size(Path(os.environ["NEWSARCHIVE_XAPIAN_SHARDS_DIR"]))
    else:
        index_bytes = folder_size(indexing.index_path().resolve())
    stored = Article.objects.count()
    if stored < n or (stored != n and not reuse_index):
        # (A reused data folder also holds the page an earlier run added to measure an update.)
        if abs(stored - n) * 10000 > n:
            raise SystemExit(f"bench: {stored} articles in the database, expected {n}")
        # Off by less than 0.01 %: a parser miss on a generated page (1 in 1,000,000 once);
        # say so and measure on rather than stop after an hour of building.
        log(f"bench: WARNING {stored} articles in the database, the corpus has {n}")
        extra["articles_stored"] = stored

    if reuse_index and saved_floor.exists():
        saved = json.loads(saved_floor.read_text())
        floor_s, tokens, procs = saved["floor_s"], saved["tokens"], saved["procs"]
        log(f"jieba floor: reused ({floor_s:.1f} s)")
    else:
        # --floor-sample K: jieba over every K-th article (by pk), its time and tokens times K.
        # jieba's cost is linear in the text and the generated articles are alike, so at 1,000,000
        # articles a 1-in-10 sample gives the floor in a tenth of the machine time.
        texts = [
            "\n\n".join([h, lead, body])
            for i, (h, lead, body) in enumerate(
                Article.objects.order_by("pk").values_list("headline", "lead", "body").iterator()
            )
            if i % floor_sample == 0
        ]
        connections.close_all()  # nothing shared across the fork below
        floor_s, tokens, procs = jieba_floor(texts, data)
        sampled = len(texts)
        del texts
        if floor_sample > 1:
            log(f"jieba floor: {floor_s:.1f} s for {tokens} tokens over {sampled} articles (1 in {floor_sample})")
            floor_s, tokens = floor_s * stored / sampled, round(tokens * stored / sampled)
        log(f"jieba floor: {floor_s:.1f} s for {tokens} tokens on {procs} processes")
        saved_floor.write_text(json.dumps({
            "floor_s": floor_s, "tokens": tokens, "procs": procs, "floor_sample": floor_sample,
        }))
    extra["floor_sample"] = floor_sample

    samples, by_class, counts = queries_in_process(rounds)
    # What this engine answered, to compare set-ups on the same corpus
    # (tests/bench/compare_answers.py): counts and first pages.
    (work / f"answers-{engine}.json").write_text(json.dumps(ANSWERS, ensure_ascii=False, indent=1) + "\n")
    log("in-process: p50 %.1f ms, p95 %.1f ms" % (statistics.median(samples), percentile(samples, 0.95)))
    if set(counts["rare term"]) != {summary["rare_term_articles"]}:
        raise SystemExit(
            f"bench: recall: the rare-term queries found {counts['rare term']} articles, "
            f"the corpus has the term in {summary['rare_term_articles']}"
        )

    port = free_port(port)
    manage("collectstatic", "--noinput", "-v0", env=env)
    server = start_gunicorn(env, port, work / "gunicorn.log")
    try:
        http_samples, http_by_class = queries_over_http(port, rounds)
    finally:
        stop_gunicorn(server)
    log("http: p50 %.1f ms, p95 %.1f ms" % (statistics.median(http_samples), percentile(http_samples, 0.95)))

    # One new page of 20 articles into the existing index, as staff would add it.
    pool = corpus_module.pool_from_dir(BASE_DIR / "seeds")
    page = corpus_module.make_page(
        random.Random(f"bench-update-{n}"), pool, issue=UPDATE_DATE, n_articles=20, name=f"update_{n}.txt"
    )
    update_dir = work / "update"
    shutil.rmtree(update_dir, ignore_errors=True)
    update_dir.mkdir()
    (update_dir / page.name).write_bytes(page.data)
    update_s, update_rss = run_measured(
        [python, "manage.py", "ingest", str(update_dir / page.name), "-v0"], env, "update one page"
    )
    from articles.search.query import Filters, parse_query, search

    if engine != "whoosh":
        from articles.search import xapian_backend

        xapian_backend.reader.reset()
    found = search(parse_query("锡"), filters=Filters(year=UPDATE_DATE.year), facets=False).count
    new = sum(1 for a in page.articles if "锡" in a.headline + "".join(a.paragraphs))
    if found != new:
        raise SystemExit(f"bench: after the update, {found} of the new page's {new} matching articles are found")

    result = {
        "engine": engine,
        "articles": n,
        "corpus_mb": round(summary["bytes"] / MIB, 1),
        "ingest_s": round(ingest_s, 2),
        "index_s": round(index_s, 2),
        "jieba_floor_s": round(floor_s, 2),
        "index_mb": round(index_bytes / MIB, 1),
        "peak_rss_mb": round(max(ingest_rss, index_rss) / MIB),
        "query_p50_ms": round(statistics.median(samples), 1),
        "query_p95_ms": round(percentile(samples, 0.95), 1),
        "http_p50_ms": round(statistics.median(http_samples), 1),
        "http_p95_ms": round(percentile(http_samples, 0.95), 1),
        "update_one_page_s": round(update_s, 2),
    }
    extra.update(
        pages=summary["pages"],
        ingest_articles_per_s=round(n / ingest_s),
        index_articles_per_s=round(n / index_s),
        index_vs_floor=round(index_s / floor_s, 2),
        ingest_peak_rss_mb=round(ingest_rss / MIB),
        index_peak_rss_mb=round(index_rss / MIB),
        update_peak_rss_mb=round(update_rss / MIB),
        jieba_tokens=tokens,
        jieba_processes=procs,
        rounds=rounds,
        query_p95_ms_by_class={k: round(percentile(v, 0.95), 1) for k, v in by_class.items()},
        http_p95_ms_by_class={k: round(percentile(v, 0.95), 1) for k, v in http_by_class.items()},
        counts=counts,
        load_after=os.getloadavg()[0],
    )
    return {"result": result, "extra": extra}


# --------------------------------------------------------------------------- the record


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        return ""


def record(run: dict, commit: str = "") -> None:
    """Keep the latest run per N in docs/benchmarks.json; regenerate the table and the plot."""
    runs = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    run = dict(run, when=when, commit=commit or git_commit())
    runs[run_key(run["result"])] = run
    runs = dict(sorted(runs.items(), key=lambda kv: (int(kv[0].split("-")[0]), kv[0])))
    RESULTS_JSON.write_text(json.dumps(runs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    write_table(runs)
    write_plot(runs)


def run_key(result: dict) -> str:
    """``N`` for Whoosh (as before engines were named), ``N-xapian``, ``N-shards``."""
    engine = result.get("engine", "whoosh")
    return str(result["articles"]) + ("" if engine == "whoosh" else f"-{engine}")


TABLE_START, TABLE_END = "<!-- bench:table -->", "<!-- /bench:table -->"


def table(runs: dict) -> str:
    cols = ("engine", "N") + KEYS[2:] + ("load", "when", "commit")
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for key, run in runs.items():
        r, e = run["result"], run["extra"]
        cells = [r.get("engine", "whoosh"), f"{r['articles']:,}"] + [str(r[k]) for k in KEYS[2:]]
        cells += [f"{e.get('load_before', 0):.1f}→{e.get('load_after', 0):.1f}", run["when"], run["commit"]]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Per query class, p95 in-process / over HTTP (ms):")
    lines.append("")
    lines.append("| engine | N | " + " | ".join(name for name, _ in QUERIES) + " |")
    lines.append("|" + "---|" * (len(QUERIES) + 2))
    for key, run in runs.items():
        e, r = run["extra"], run["result"]
        cells = [
            f"{e['query_p95_ms_by_class'][name]:g} / {e['http_p95_ms_by_class'][name]:g}" for name, _ in QUERIES
        ]
        lines.append(f"| {r.get('engine', 'whoosh')} | {r['articles']:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_table(runs: dict) -> None:
    text = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else (
        "# Benchmarks\n\n" + TABLE_START + "\n" + TABLE_END + "\n"
    )
    if TABLE_START not in text:
        text += "\n" + TABLE_START + "\n" + TABLE_END + "\n"
    head, rest = text.split(TABLE_START, 1)
    _old, tail = rest.split(TABLE_END, 1)
    RESULTS_MD.write_text(head + TABLE_START + "\n" + table(runs) + "\n" + TABLE_END + tail, encoding="utf-8")


def write_plot(runs: dict) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        log("matplotlib is not installed (make bench installs it): plot not written")
        return
    by_engine: dict[str, list[dict]] = {}
    for run in runs.values():
        by_engine.setdefault(run["result"].get("engine", "whoosh"), []).append(run["result"])
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.6))
    ax = axes[0]
    for engine, r in by_engine.items():
        ns = [x["articles"] for x in r]
        for key, label in (("index_s", "index build"), ("jieba_floor_s", "jieba floor"),
                           ("update_one_page_s", "add one page")):
            ax.plot(ns, [x[key] for x in r], marker="o", label=f"{engine}: {label}")
    ax.set(title="Build costs (s)", xlabel="articles", ylabel="seconds", xscale="log", yscale="log")
    ax.legend()
    ax = axes[1]
    for engine, r in by_engine.items():
        ns = [x["articles"] for x in r]
        for key, label in (("query_p95_ms", "in-process p95"), ("http_p95_ms", "HTTP p95")):
            ax.plot(ns, [x[key] for x in r], marker="o", label=f"{engine}: {label}")
    ax.axhline(100, color="grey", linestyle=":", linewidth=1)
    ax.axhline(150, color="grey", linestyle="--", linewidth=1)
    ax.set(title="Query latency (ms; goals 100 / 150)", xlabel="articles", ylabel="ms", xscale="log")
    ax.legend()
    ax = axes[2]
    for engine, r in by_engine.items():
        ns = [x["articles"] for x in r]
        for key, label in (("index_mb", "index on disk"), ("peak_rss_mb", "peak RSS")):
            ax.plot(ns, [x[key] for x in r], marker="o", label=f"{engine}: {label}")
    ax.axhline(2048, color="grey", linestyle=":", linewidth=1)
    ax.set(title="Size and memory (MiB; RSS goal 2048)", xlabel="articles", ylabel="MiB", xscale="log", yscale="log")
    ax.legend()
    for ax in axes:
        ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(RESULTS_PNG, dpi=90)
    plt.close(fig)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--engine", choices=("whoosh", "xapian", "shards"), default="whoosh",
                        help="whoosh, embedded xapian, or xapian shards (NEWSARCHIVE_XAPIAN_SHARDS)")
    parser.add_argument("--dir", help="scratch folder (default var/bench/<N>)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--corpus", help="folder of the generated pages (default <dir>/corpus; made when missing)")
    parser.add_argument("--port", type=int, default=None, help="port for gunicorn (default: a free one)")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs of each query (default 3)")
    parser.add_argument("--floor-sample", type=int, default=1, metavar="K",
                        help="measure the jieba floor on every K-th article and scale by the count (default 1: all)")
    parser.add_argument("--no-record", action="store_true", help="do not update docs/benchmarks.*")
    parser.add_argument("--workers", type=int, default=None, help="rebuild_index --workers (default: its own default)")
    parser.add_argument("--reuse-ingest", action="store_true",
                        help="keep the database an earlier run ingested from the same corpus (and its ingest time)")
    parser.add_argument("--reuse-index", action="store_true",
                        help="queries only: keep the database AND the live index of an earlier run (or of "
                             "rebuild_index on that data folder); its build time comes from that run")
    parser.add_argument("--commit", default="", help="what to record as the code measured (default: git HEAD)")
    args = parser.parse_args(argv)
    work = Path(args.dir) if args.dir else BASE_DIR / "var" / "bench" / str(args.articles)
    run = bench(args.articles, work.resolve(), args.seed, args.port, args.rounds, args.workers, args.reuse_ingest,
                args.engine, Path(args.corpus).resolve() if args.corpus else None, args.reuse_index,
                args.floor_sample)
    if not args.no_record:
        record(run, args.commit)
    print(json.dumps(run["extra"], ensure_ascii=False))
    print(json.dumps(run["result"]))


if __name__ == "__main__":
    main()
