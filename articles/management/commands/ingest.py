"""``manage.py ingest [--paper NAME] [--date YYYY-MM-DD] [--page LABEL] [--manifest FILE.csv] PATH...``:
load page files (or folders of them) into the archive.

What the delivery says outside the text decides first: options, then a manifest's row, then the
file's path (``2024-09-30/A03.txt``, ``20240930_A03.txt``, ``jnwb/2024/09/30/A03.txt``), then the
text itself (an e-paper line ``第A02版:要闻``, datelines). A page whose date nothing tells goes in
as 日期待定 for staff. Files are read and parsed in worker processes while this one writes, one
transaction for a batch of files; a page already loaded is skipped; a bad file is reported on
stderr by name and reason while the others go in, and the command fails at the end.
Every run is recorded as a delivery (导入批次) with what became of each file.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import shlex
import sys
from collections import deque
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles import pagefiles, services, sources
from articles.parsing import PageParseError

STATUS_ZH = services.STATUS_WORDS


def page_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files named, plus the ``*.txt`` files in folders named (recursively, sorted, so a
    delivery's ``jnwb/2024/09/30/`` tree is read whole); and missing paths."""
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt"))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(raw)
    return files, missing


# Files per transaction, and per task of a worker process. A bad file still goes alone (the
# writer redoes a batch file by file when the database refuses it); a kill loses at most the
# batch being written, which a rerun loads (files are recognised by their digests).
BATCH_FILES = 32


def prepared_batches(jobs: list[tuple[Path, services.PageSource]], *, limits: dict, workers: int | None = None):
    """The files read and parsed (``pagefiles.page_prepare``), in order, ``BATCH_FILES`` at a
    time, as lists of (prepared page, source): in worker processes, one per core, while the
    caller writes the batches before, when there are enough files to pay for starting them."""
    chunks = [jobs[i:i + BATCH_FILES] for i in range(0, len(jobs), BATCH_FILES)]
    tasks = [[(path, source.date) for path, source in chunk] for chunk in chunks]
    workers = workers or len(os.sched_getaffinity(0))
    if workers < 2 or len(chunks) < 3:
        for chunk, task in zip(chunks, tasks):
            yield list(zip(pagefiles.pages_prepare(task, limits), (source for _, source in chunk)))
        return
    # Forked workers parse only: they never touch the database connection they inherit, and
    # leave through os._exit, which closes nothing of the writer's.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending: deque = deque()
        upcoming = iter(range(len(chunks)))
        for index in itertools.islice(upcoming, 2 * workers):
            pending.append((index, pool.apply_async(pagefiles.pages_prepare, (tasks[index], limits))))
        while pending:
            index, task = pending.popleft()
            prepared = task.get()
            following = next(upcoming, None)
            if following is not None:
                pending.append((following, pool.apply_async(pagefiles.pages_prepare, (tasks[following], limits))))
            yield list(zip(prepared, (source for _, source in chunks[index])))


def failure_message(prepared: pagefiles.PreparedPage, error: Exception) -> str:
    """What went wrong with a file, naming it."""
    if isinstance(error, PageParseError):
        return str(error)
    if isinstance(error, OSError):
        return f"{prepared.name}: {error.strerror or error}"
    return f"{prepared.name}: 数据库未能写入（{type(error).__name__}: {error}），未导入"


def _date_option(value: str):
    try:
        return sources.parse_date(value)
    except ValueError:
        raise CommandError(f"--date {value!r}：日期无法识别，应为 YYYY-MM-DD") from None


class Command(BaseCommand):
    help = "导入报纸版面文本文件或文件夹。Ingest page text files (or folders of them)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="page files or folders of *.txt files")
        parser.add_argument("--paper", help="报纸名称（如 无锡日报）；未知的报纸会被添加。default: 江南晚报")
        parser.add_argument("--date", help="出版日期 YYYY-MM-DD，适用于所给的全部文件")
        parser.add_argument("--page", dest="page_label", help="版次，如 A02、第4版、04，适用于所给的全部文件")
        parser.add_argument("--manifest", help="清单 CSV：file,paper,date,page,section（UTF-8，可带 BOM）")

    def handle(self, *args, paths, verbosity, paper=None, date=None, page_label=None, manifest=None, **options):
        date = _date_option(date) if date else None
        if not paths and not manifest:
            raise CommandError("请给出版面文件、文件夹或 --manifest 清单")
        jobs: list[tuple[Path, services.PageSource]] = []
        failed: list[str] = []
        if manifest:
            try:
                rows, problems = sources.read_manifest(manifest)
            except (sources.ManifestError, OSError) as exc:
                raise CommandError(str(exc)) from None
            for message in problems:
                failed.append(message)
                self.stderr.write(message)
            for row in rows:
                jobs.append((row.file, self._source(
                    path=row.file, paper=paper or row.paper, date=date or row.date, label=page_label or row.page,
                    section=row.section,
                )))
        files, missing = page_files(paths)
        for m in missing:
            message = f"{m}: 文件或文件夹不存在 (no such file or folder)"
            failed.append(message)
            self.stderr.write(message)
        for path in files:
            jobs.append((path, self._source(path=path, paper=paper, date=date, label=page_label, section=None)))

        started = timezone.now()
        items = [services.DeliveryItem(path=m.split(":")[0], status="failed", message=m) for m in failed]
        totals = {"created": 0, "updated": 0, "skipped": 0, "held": 0}
        articles = 0
        changed_ids: list[int] = []
        removed_ids: list[int] = []
        total = len(jobs)
        run = services.IngestRun()
        n = 0
        for batch in prepared_batches(jobs, limits=services.ingest_limits()):
            for (prepared, source), outcome in zip(batch, run.write(batch)):
                n += 1
                path = prepared.path
                facts = {
                    "paper": source.paper, "date": source.date.isoformat() if source.date else None,
                    "date_from": source.date_from, "label": source.label, "section": source.section,
                }
                if isinstance(outcome, Exception):
                    message = failure_message(prepared, outcome)
                    failed.append(message)
                    self.stderr.write(f"[{n}/{total}] 失败 {message}")
                    items.append(services.DeliveryItem(path=str(path), status="failed", message=message, source=facts))
                    continue
                result = outcome
                totals[result.status] += 1
                changed_ids.extend(result.changed_article_ids)
                removed_ids.extend(result.removed_article_ids)
                articles += result.articles if result.status in ("created", "updated") else 0
                items.append(services.DeliveryItem(
                    path=prepared.full_path, status=result.status, message="；".join(result.warnings),
                    page_id=result.page_id, held_text=result.held_text, source=facts,
                ))
                if verbosity >= 1:
                    self.stdout.write(f"[{n}/{total}] {result.source_file}: {self._describe(result)}")
                    for warning in result.warnings:
                        self.stdout.write(f"    注意：{warning}")
        services.delivery_record(
            command=shlex.join(sys.argv[1:]) if sys.argv[1:2] == ["ingest"] else shlex.join(["ingest", *paths]),
            started=started, items=items,
        )
        if verbosity >= 1:
            held = f"，待审 {totals['held']}（见后台“导入文件”）" if totals["held"] else ""
            self.stdout.write(
                f"完成：新增 {totals['created']} 个版面，更新 {totals['updated']}，"
                f"跳过 {totals['skipped']}，失败 {len(failed)}{held}；写入文章 {articles} 篇。"
            )
        self._update_search_index(verbosity, changed_ids, removed_ids)
        if failed:
            raise CommandError(f"{len(failed)} 个文件未能导入：" + "；".join(failed))

    def _source(self, *, path: Path, paper, date, label, section) -> services.PageSource:
        """Options (and manifest rows) win over the path; the path over the text."""
        facts = sources.read_path(path)
        date_from = "given" if date else "path"
        return services.PageSource(
            paper=paper,
            paper_slug=facts.paper_slug,
            date=date or facts.date,
            date_from=date_from,
            label=label or facts.label,
            section=section,
        )

    @staticmethod
    def _describe(result: services.IngestResult) -> str:
        if result.issue_date is None:
            when = "日期待定（请编辑在后台补上日期）"
        else:
            when = result.issue_date.isoformat() + ("（推断）" if result.issue_date_inferred else "")
        kept = f"，保留人工更正 {result.kept_edits} 处" if result.kept_edits else ""
        where = f"，{result.paper} {result.page_label}" if result.paper else ""
        return f"{STATUS_ZH[result.status]}，{result.articles} 篇文章，{when}{where}{kept}"

    def _update_search_index(self, verbosity, changed_ids, removed_ids):
        """Reindex what changed, when there is an index (else `make run` builds it next): the
        articles the ingest service says it changed, then whatever else the history shows."""
        from articles.search.indexing import index_exists, index_sync

        if not index_exists():
            return
        try:
            changed = index_sync(changed_ids=changed_ids, removed_ids=removed_ids)
        except Exception as exc:  # the pages are saved; ensure_search_index rebuilds the index
            self.stderr.write(f"搜索索引未能更新（{exc}）；请运行 manage.py ensure_search_index 或 rebuild_index。")
            return
        if verbosity >= 1 and changed:
            self.stdout.write(f"搜索索引已更新：{changed} 篇文章。")
