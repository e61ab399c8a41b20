"""``python tests/bench/ingest_cpu.py --corpus DIR [--data DIR]``: ``manage.py ingest`` of a
corpus (``make_corpus.py``) into a fresh data folder, measured in wall time and in CPU time,
the writing process and its worker processes apart, with the machine's load before and after
(on a shared machine CPU time is the steadier figure). Prints one JSON object.

The command runs in a child process that reports its own and its children's CPU time
(``getrusage``): the writer is the command's process, the workers are the processes parsing
the files for it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

CHILD = """
import json, os, resource, sys, time
import django
django.setup()
from django.core.management import call_command
started = time.perf_counter()
call_command("ingest", sys.argv[1], verbosity=0)
wall = time.perf_counter() - started
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
from articles.models import Article
print(json.dumps({"wall_s": wall, "writer_cpu_s": me.ru_utime + me.ru_stime,
                  "workers_cpu_s": kids.ru_utime + kids.ru_stime, "articles": Article.objects.count()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, type=Path, help="folder of page files (make_corpus.py --out)")
    parser.add_argument("--data", type=Path, help="data folder to use (emptied first; default: a temporary one)")
    args = parser.parse_args()
    data = args.data or Path(tempfile.mkdtemp(prefix="ingest-cpu-"))
    if data.exists():
        shutil.rmtree(data)
    data.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(NEWSARCHIVE_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="newsarchive.settings", PYTHONPATH=str(BASE_DIR))
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=BASE_DIR, env=env, check=True)
    load_before = os.getloadavg()[0]
    out = subprocess.run([sys.executable, "-c", CHILD, str(args.corpus)], cwd=BASE_DIR, env=env, check=True,
                         capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    cpu = result["writer_cpu_s"] + result["workers_cpu_s"]
    result.update(
        cpu_s=cpu, articles_per_s=result["articles"] / result["wall_s"],
        articles_per_cpu_s=result["articles"] / cpu, load=f"{load_before:.1f}->{os.getloadavg()[0]:.1f}",
        cores=len(os.sched_getaffinity(0)),
    )
    print(json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()}))
    if not args.data:
        shutil.rmtree(data)


if __name__ == "__main__":
    main()
