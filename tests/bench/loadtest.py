"""`make loadtest`: serve the archive as `make run` does and measure it under bounded load.

Starts `make run` on a loopback port with a scratch data dir (seeds ingested, plus
``--articles N`` synthetic ones from `manage.py make_corpus` when asked; search index built;
gunicorn with the repo's gunicorn.conf.py), then runs locust headless against it
(tests/bench/locustfile.py), with a bounded number of users for a bounded time, on 127.0.0.1
only:

1. readers (home, issue, article, search) at 1, 8 and 32 concurrent users, ``--duration`` s each;
2. the flood of issue 14 item 7: 16 users of one client asking page 50 of random one-character
   queries, while one ordinary reader of another client searches once a second; then, for
   comparison, the same flood against the server restarted with the per-client search limit
   off (``NEWSARCHIVE_SEARCHES_PER_CLIENT=0``; ``--no-baseline`` skips it).

Prints requests/s, p50/p99 latency and errors per kind of request, and writes the tables into
docs/benchmarks.md between the `<!-- loadtest:start -->` / `<!-- loadtest:end -->` markers
(other sections are left alone). The server trusts X-Forwarded-For from 127.0.0.1 here: the
load test plays the same-host proxy, so each simulated user is its own client.

A benchmark, not a test: nothing here fails on slowness. It exits non-zero only when the
server does not start or locust writes no statistics.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
BENCHMARKS = BASE_DIR / "docs" / "benchmarks.md"
START, END = "<!-- loadtest:start -->", "<!-- loadtest:end -->"

# What a reader's traffic looks like, roughly: mostly articles, then searches and issues.
MIX = {"home": 1, "issue": 2, "article": 4, "search": 3}

# Queries of each kind the search must handle: one character, a place, a word, a name, a
# Latin term, two terms, a quoted phrase, an exclusion, and a filtered, date-sorted search.
SEARCHES = [
    {"q": "锡"}, {"q": "无锡"}, {"q": "集成电路"}, {"q": "杜小刚"}, {"q": "Chiplet"},
    {"q": "无锡 发展"}, {"q": '"高质量发展"'}, {"q": "无锡 -常州"},
    {"q": "产业", "year": "2023", "sort": "newest"},
]


# --- the server --------------------------------------------------------------------------


def get(host: str, port: int, path: str, timeout: float = 60) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"User-Agent": "newsarchive-loadtest", "Accept-Encoding": "gzip"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Server:
    """`make run` in its own process group, so stopping it stops gunicorn and its workers."""

    def __init__(self, port: int, data_dir: Path, **extra_env: str):
        self.port, self.data_dir, self.extra_env = port, data_dir, extra_env
        self.log_path = data_dir / "make-run.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 1800) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "DATABASE_URL")}
        env["NEWSARCHIVE_DATA_DIR"] = str(self.data_dir)
        env.update(self.extra_env)
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"PORT={self.port}"],
            cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"make run exited with {self.process.returncode}; see {self.log_path}")
            try:
                if get("127.0.0.1", self.port, "/", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        self.stop()
        raise SystemExit(f"the server did not answer within {timeout:.0f} s; see {self.log_path}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def worker_count(self) -> int | None:
        """gunicorn's workers: the children of the master named in its pid file (Linux)."""
        try:
            master = int((self.data_dir / "gunicorn.pid").read_text().strip())
        except (OSError, ValueError):
            return None
        count = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # The command name (field 2) may hold spaces; the parent pid follows it.
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            count += parent == master
        return count or None


# --- targets and load ----------------------------------------------------------------------


def discover_targets(port: int) -> dict[str, list[str]]:
    """The URLs to request, found by following the site's own links from the home page."""
    _, home = get("127.0.0.1", port, "/")
    issues = sorted(set(re.findall(r'href="(/issues/\d{4}-\d{2}-\d{2}/)"', home.decode())))
    articles: set[str] = set()
    for issue in issues:
        _, page = get("127.0.0.1", port, issue)
        articles.update(re.findall(r'href="(/articles/\d+/)"', page.decode()))
    searches = ["/search/?" + urllib.parse.urlencode(params) for params in SEARCHES]
    if not issues or not articles:
        raise SystemExit("found no issue or article links on the home page: is the archive empty?")
    return {"home": ["/"], "issue": issues, "article": sorted(articles), "search": searches}


def run_locust(port: int, targets_file: Path, out: Path, *, users: int, seconds: float, classes: list[str]) -> Path:
    """locust headless: ``users`` users of ``classes`` for ``seconds`` s; returns its CSV prefix."""
    out.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "LOADTEST_TARGETS": str(targets_file)}
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", f"http://127.0.0.1:{port}",
        "--users", str(users), "--spawn-rate", str(users), "--run-time", f"{seconds:.0f}s", "--stop-timeout", "10",
        "--csv", str(out), "--only-summary", "--loglevel", "WARNING", *classes,
    ]
    with open(out.with_suffix(".log"), "wb") as log:
        subprocess.run(command, cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, timeout=seconds + 120)
    if not Path(f"{out}_stats.csv").exists():
        raise SystemExit(f"locust wrote no statistics; see {out.with_suffix('.log')}")
    return out


def read_stats(prefix: Path, seconds: float) -> dict[str, dict]:
    """Per request name: count, req/s, p50/p99 ms, failures by message (locust's CSV files;
    its percentiles are rounded to 2 significant digits above 100 ms)."""
    failures: dict[str, dict[str, int]] = {}
    with open(f"{prefix}_failures.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            failures.setdefault(row["Name"], {})[row["Error"]] = int(row["Occurrences"])
    stats = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = "all" if row["Name"] == "Aggregated" else row["Name"]
            count = int(row["Request Count"])
            stats[name] = {
                "requests": count, "rps": count / seconds,
                "p50_ms": float(row["50%"] or 0), "p99_ms": float(row["99%"] or 0),
                "failures": int(row["Failure Count"]),
                "failure_kinds": failures.get(name, {}) if name != "all" else {},
            }
    return stats


def level_rows(concurrency: int, stats: dict[str, dict]) -> list[dict]:
    return [
        {"concurrency": concurrency, "kind": kind, **stats[kind], "errors": stats[kind]["failures"]}
        for kind in [*MIX, "all"] if kind in stats
    ]


def flood_summary(stats: dict[str, dict]) -> dict:
    flood, ordinary = stats.get("flood", {}), stats.get("ordinary search", {})
    # locust names a failure by its message, wrapped (e.g. "CatchResponseError('429 refused')").
    refused = sum(n for error, n in flood.get("failure_kinds", {}).items() if "429 refused" in error)
    return {
        "flood_requests": flood.get("requests", 0), "flood_rps": flood.get("rps", 0.0),
        "flood_refused": refused, "flood_errors": flood.get("failures", 0) - refused,
        "flood_p50_ms": flood.get("p50_ms", 0.0), "flood_p99_ms": flood.get("p99_ms", 0.0),
        "ordinary_requests": ordinary.get("requests", 0), "ordinary_errors": ordinary.get("failures", 0),
        "ordinary_p50_ms": ordinary.get("p50_ms", 0.0), "ordinary_p99_ms": ordinary.get("p99_ms", 0.0),
    }


# --- report --------------------------------------------------------------------------------


def table(rows: list[dict]) -> str:
    lines = [
        "| users | requests | count | req/s | p50 ms | p99 ms | errors |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['concurrency']} | {r['kind']} | {r['requests']} | {r['rps']:.1f} | "
            f"{r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['errors']} |"
        )
    return "\n".join(lines)


def verdict(rows: list[dict]) -> list[str]:
    """The goals from the issue, checked against this run."""
    lines = []
    top = max(r["concurrency"] for r in rows)
    errors = sum(r["errors"] for r in rows if r["kind"] == "all" and r["concurrency"] == top)
    lines.append(f"- Errors at {top} users: {errors} (goal: 0) — {'met' if errors == 0 else 'MISSED'}.")
    for concurrency in sorted({r["concurrency"] for r in rows}):
        by_kind = {r["kind"]: r for r in rows if r["concurrency"] == concurrency}
        if "search" in by_kind and "article" in by_kind:
            ratio = by_kind["search"]["p99_ms"] / by_kind["article"]["p99_ms"]
            lines.append(
                f"- {concurrency} user(s): search p99 {by_kind['search']['p99_ms']:.1f} ms is "
                f"{ratio:.1f}× article p99 {by_kind['article']['p99_ms']:.1f} ms (goal: ≤ 5×) — "
                f"{'met' if ratio <= 5 else 'MISSED'}."
            )
    return lines


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cores} cores ({cpu}), Python {platform.python_version()}"


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def flood_table(floods: dict[str, dict]) -> str:
    lines = [
        "| search limit | flood requests | flood req/s | 429 refused | other errors | flood p50 ms | flood p99 ms "
        "| ordinary searches | ordinary p50 ms | ordinary p99 ms | ordinary errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, f in floods.items():
        lines.append(
            f"| {label} | {f['flood_requests']} | {f['flood_rps']:.1f} | {f['flood_refused']} | {f['flood_errors']} | "
            f"{f['flood_p50_ms']:.0f} | {f['flood_p99_ms']:.0f} | {f['ordinary_requests']} | "
            f"{f['ordinary_p50_ms']:.0f} | {f['ordinary_p99_ms']:.0f} | {f['ordinary_errors']} |"
        )
    return "\n".join(lines)


def flood_verdict(floods: dict[str, dict]) -> list[str]:
    lines = []
    for label, f in floods.items():
        met = f["ordinary_p99_ms"] < 2000 and f["ordinary_errors"] == 0
        lines.append(f"- Flood, {label}: the ordinary reader's search p99 {f['ordinary_p99_ms']:.0f} ms, "
                     f"{f['ordinary_errors']} errors (goal: under 2,000 ms, none) — {'met' if met else 'MISSED'}.")
    return lines


def section(rows: list[dict], floods: dict[str, dict], *, duration: float, flood_seconds: float,
            workers: int | None, articles: int, load: float) -> str:
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    mix = ", ".join(f"{kind} {weight}" for kind, weight in MIX.items())
    return "\n".join([
        START,
        "## Load test (`make loadtest`)",
        "",
        f"Run {when} at commit `{git_commit()}` on {machine()}. gunicorn as `make run` starts it "
        f"({workers or '?'} workers of 4 threads, preloaded), an archive of {articles} articles, driven by "
        f"locust (tests/bench/locustfile.py, headless) from a second process on 127.0.0.1 playing the "
        f"same-host proxy: readers requesting a random mix weighted {mix}, one request after another "
        f"on kept-alive connections, {duration:.0f} s per number of users. The load generator shares the "
        f"cores with the server, so these are lower bounds for a dedicated server; the machine's load "
        f"average was {load:.1f} just before the run (other work on it slows the run). Latencies above "
        f"100 ms are as locust rounds them (2 significant digits).",
        "",
        table(rows),
        "",
        *verdict(rows),
        "",
        "Searches: " + ", ".join(f"`{urllib.parse.unquote_plus(p.split('?', 1)[1])}`" for p in
                                 ["/search/?" + urllib.parse.urlencode(s) for s in SEARCHES]) + ".",
        "",
        "### The flood (issue 14, item 7)",
        "",
        f"16 users of one client (X-Forwarded-For 203.0.113.66) ask page 50 of a random one-character "
        f"query, on /search/ and /api/search/ alternately, without pause, for {flood_seconds:.0f} s; "
        f"meanwhile one ordinary reader of another client runs the searches above, one a second. "
        f"A 429 is the server refusing a search beyond the client's limit (2 at once); "
        f"404 (page past the end) counts as answered. The second row, when present, is the same "
        f"flood against the server restarted with `NEWSARCHIVE_SEARCHES_PER_CLIENT=0` (no limit).",
        "",
        flood_table(floods),
        "",
        *flood_verdict(floods),
        END,
    ])


def write_section(text: str, path: Path = BENCHMARKS) -> None:
    """Replace our section between the markers, or append it; leave everything else as is."""
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        updated = before + text + after
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")


def ingest_corpus(data_dir: Path, articles: int) -> None:
    """``articles`` synthetic articles (manage.py make_corpus) ingested into ``data_dir``."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "DATABASE_URL")}
    env["NEWSARCHIVE_DATA_DIR"] = str(data_dir)
    corpus = data_dir / "corpus"
    python = str(BASE_DIR / ".venv" / "bin" / "python") if (BASE_DIR / ".venv" / "bin" / "python").exists() else sys.executable
    for args in (["make_corpus", "--articles", str(articles), "--out", str(corpus), "--seed", "0"],
                 ["migrate", "--noinput", "-v0"], ["ingest", str(corpus), "-v0"]):
        print(f"loadtest: manage.py {' '.join(args)}", flush=True)
        subprocess.run([python, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8352)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per number of users")
    parser.add_argument("--concurrency", default="1,8,32", help="comma-separated numbers of users")
    parser.add_argument("--flood-seconds", type=float, default=30.0, help="seconds of the flood")
    parser.add_argument("--no-baseline", action="store_true", help="skip the flood without the search limit")
    parser.add_argument("--articles", type=int, default=0, help="synthetic articles to add to the seeds (make_corpus)")
    parser.add_argument("--data-dir", type=Path, help="scratch data dir (default: a new temporary one)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.concurrency.split(",")]

    load_before = os.getloadavg()[0]
    scratch = args.data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix="newsarchive-loadtest-")) if scratch else args.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    results = data_dir / "locust"
    proxy = {"NEWSARCHIVE_TRUSTED_PROXIES": "127.0.0.1"}
    rows: list[dict] = []
    floods: dict[str, dict] = {}
    try:
        if args.articles:
            ingest_corpus(data_dir, args.articles)
        server = Server(args.port, data_dir, **proxy)
        print(f"loadtest: starting `make run` on 127.0.0.1:{args.port} with data in {data_dir}", flush=True)
        try:
            server.start()
            targets = discover_targets(args.port)
            workers = server.worker_count()
            targets_file = data_dir / "targets.json"
            targets_file.write_text(json.dumps(targets), encoding="utf-8")
            print(
                f"loadtest: {workers} workers; {len(targets['issue'])} issues, {len(targets['article'])} articles, "
                f"{len(targets['search'])} searches",
                flush=True,
            )
            # Warm every worker (templates, searchers) so the first level does not measure start-up.
            run_locust(args.port, targets_file, results / "warm", users=max(levels), seconds=3, classes=["Reader"])
            for users in levels:
                print(f"loadtest: {users} user(s) for {args.duration:.0f} s ...", flush=True)
                prefix = run_locust(args.port, targets_file, results / f"readers-{users}", users=users,
                                    seconds=args.duration, classes=["Reader"])
                rows.extend(level_rows(users, read_stats(prefix, args.duration)))
            print(f"loadtest: the flood for {args.flood_seconds:.0f} s ...", flush=True)
            prefix = run_locust(args.port, targets_file, results / "flood", users=17, seconds=args.flood_seconds,
                                classes=["Flooder", "Searcher"])
            floods["2 searches at once per client (default)"] = flood_summary(read_stats(prefix, args.flood_seconds))
        finally:
            server.stop()
        if not args.no_baseline:
            server = Server(args.port, data_dir, **proxy, NEWSARCHIVE_SEARCHES_PER_CLIENT="0")
            print("loadtest: the flood again, without the search limit ...", flush=True)
            try:
                server.start()
                prefix = run_locust(args.port, targets_file, results / "flood-unlimited", users=17,
                                    seconds=args.flood_seconds, classes=["Flooder", "Searcher"])
                floods["no limit (NEWSARCHIVE_SEARCHES_PER_CLIENT=0)"] = flood_summary(
                    read_stats(prefix, args.flood_seconds))
            finally:
                server.stop()
    finally:
        if scratch:
            shutil.rmtree(data_dir, ignore_errors=True)

    print(table(rows))
    print("\n".join(verdict(rows)))
    print(flood_table(floods))
    print("\n".join(flood_verdict(floods)))
    if not args.no_write:
        write_section(section(
            rows, floods, duration=args.duration, flood_seconds=args.flood_seconds, workers=workers,
            articles=len(targets["article"]) if not args.articles else args.articles + len(targets["article"]),
            load=load_before,
        ))
        print(f"loadtest: results written to {BENCHMARKS.relative_to(BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
