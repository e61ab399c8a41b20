"""`make loadtest`: serve the archive as `make run` does and measure it under bounded load.

Starts `make run` on a loopback port with a scratch data dir (seeds ingested, search index
built, gunicorn with the repo's gunicorn.conf.py), then drives it from this second process
with a fixed mix of home, issue, article and search requests at 1, 8 and 32 concurrent
connections for a fixed time each. Prints requests/s, p50/p99 latency and errors per request
kind and concurrency, and writes the table into docs/benchmarks.md between the
`<!-- loadtest:start -->` / `<!-- loadtest:end -->` markers (other sections are left alone).

A benchmark, not a test: nothing here fails on slowness. It exits non-zero only when the
server does not start. Stdlib only, so it runs before the venv has anything else.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
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


@dataclass
class Sample:
    kind: str
    seconds: float
    ok: bool


@dataclass
class RunResult:
    concurrency: int
    duration: float
    samples: list[Sample] = field(default_factory=list)


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

    def __init__(self, port: int, data_dir: Path):
        self.port, self.data_dir = port, data_dir
        self.log_path = data_dir / "make-run.log"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 900) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "DATABASE_URL")}
        env["NEWSARCHIVE_DATA_DIR"] = str(self.data_dir)
        log = open(self.log_path, "wb")
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


def drive(port: int, targets: dict[str, list[str]], concurrency: int, duration: float, seed: int = 0) -> RunResult:
    """`concurrency` connections, each sending one request after another for `duration` s."""
    kinds = [kind for kind, weight in MIX.items() for _ in range(weight)]
    result = RunResult(concurrency=concurrency, duration=duration)
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def connection(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        mine: list[Sample] = []
        while time.monotonic() < stop_at:
            kind = rng.choice(kinds)
            path = rng.choice(targets[kind])
            started = time.perf_counter()
            try:
                status, _ = get("127.0.0.1", port, path)
                ok = 200 <= status < 400
            except OSError:
                ok = False
            mine.append(Sample(kind, time.perf_counter() - started, ok))
        with lock:
            result.samples.extend(mine)

    threads = [threading.Thread(target=connection, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of `values` (not empty)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summarise(run: RunResult) -> list[dict]:
    rows = []
    for kind in [*MIX, "all"]:
        samples = [s for s in run.samples if kind == "all" or s.kind == kind]
        if not samples:
            continue
        times = [s.seconds * 1000 for s in samples]
        rows.append({
            "concurrency": run.concurrency,
            "kind": kind,
            "requests": len(samples),
            "rps": len(samples) / run.duration,
            "p50_ms": statistics.median(times),
            "p99_ms": percentile(times, 0.99),
            "errors": sum(not s.ok for s in samples),
        })
    return rows


# --- report --------------------------------------------------------------------------------


def table(rows: list[dict]) -> str:
    lines = [
        "| connections | requests | count | req/s | p50 ms | p99 ms | errors |",
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
    lines.append(f"- Errors at {top} connections: {errors} (goal: 0) — {'met' if errors == 0 else 'MISSED'}.")
    for concurrency in sorted({r["concurrency"] for r in rows}):
        by_kind = {r["kind"]: r for r in rows if r["concurrency"] == concurrency}
        if "search" in by_kind and "article" in by_kind:
            ratio = by_kind["search"]["p99_ms"] / by_kind["article"]["p99_ms"]
            lines.append(
                f"- {concurrency} connection(s): search p99 {by_kind['search']['p99_ms']:.1f} ms is "
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


def section(rows: list[dict], *, duration: float, workers: int | None, articles: int, load: float) -> str:
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    mix = ", ".join(f"{kind} {weight}" for kind, weight in MIX.items())
    return "\n".join([
        START,
        "## Load test (`make loadtest`)",
        "",
        f"Run {when} at commit `{git_commit()}` on {machine()}. gunicorn as `make run` starts it "
        f"({workers or '?'} sync workers, preloaded), the seed archive ({articles} articles), "
        f"driven from a second process on 127.0.0.1 over fresh connections: a random mix of "
        f"requests weighted {mix}, {duration:.0f} s per concurrency level. The load generator "
        f"shares the cores with the server, so these are lower bounds for a dedicated server; the "
        f"machine's load average was {load:.1f} just before the run (other work on it slows the run).",
        "",
        table(rows),
        "",
        *verdict(rows),
        "",
        "Searches: " + ", ".join(f"`{urllib.parse.unquote_plus(p.split('?', 1)[1])}`" for p in
                                 ["/search/?" + urllib.parse.urlencode(s) for s in SEARCHES]) + ".",
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8352)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per concurrency level")
    parser.add_argument("--concurrency", default="1,8,32", help="comma-separated connection counts")
    parser.add_argument("--data-dir", type=Path, help="scratch data dir (default: a new temporary one)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.concurrency.split(",")]

    load_before = os.getloadavg()[0]
    scratch = args.data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix="newsarchive-loadtest-")) if scratch else args.data_dir
    data_dir.mkdir(parents=True, exist_ok=True)
    server = Server(args.port, data_dir)
    print(f"loadtest: starting `make run` on 127.0.0.1:{args.port} with data in {data_dir}", flush=True)
    try:
        server.start()
        targets = discover_targets(args.port)
        workers = server.worker_count()
        print(
            f"loadtest: {workers} workers; {len(targets['issue'])} issues, {len(targets['article'])} articles, "
            f"{len(targets['search'])} searches",
            flush=True,
        )
        # Warm every worker (templates, searchers) so the first level does not measure start-up.
        drive(args.port, targets, concurrency=max(levels), duration=2, seed=99)
        rows = []
        for concurrency in levels:
            print(f"loadtest: {concurrency} connection(s) for {args.duration:.0f} s ...", flush=True)
            rows.extend(summarise(drive(args.port, targets, concurrency, args.duration, seed=concurrency)))
    finally:
        server.stop()
        if scratch:
            shutil.rmtree(data_dir, ignore_errors=True)

    print(table(rows))
    print("\n".join(verdict(rows)))
    if not args.no_write:
        write_section(section(
            rows, duration=args.duration, workers=workers, articles=len(targets["article"]), load=load_before
        ))
        print(f"loadtest: results written to {BENCHMARKS.relative_to(BASE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
