"""``manage.py ingest PATH...``: load page files (or folders of them) into the archive.

One transaction per file; a file already loaded (same SHA-256) is skipped; a bad file is
reported on stderr by name and reason while the others go in, and the command fails at the end.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles import services
from articles.parsing import PageParseError

STATUS_ZH = {"created": "新增", "updated": "更新", "skipped": "已导入，跳过"}


def page_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """Files named, plus the ``*.txt`` files in folders named (sorted); and missing paths."""
    files: list[Path] = []
    missing: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt"))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(raw)
    return files, missing


class Command(BaseCommand):
    help = "导入报纸版面文本文件或文件夹。Ingest page text files (or folders of them)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="page files or folders of *.txt files")

    def handle(self, *args, paths, verbosity, **options):
        files, missing = page_files(paths)
        failed = [f"{m}: 文件或文件夹不存在 (no such file or folder)" for m in missing]
        for message in failed:
            self.stderr.write(message)
        totals = {"created": 0, "updated": 0, "skipped": 0}
        articles = 0
        changed_ids: list[int] = []
        removed_ids: list[int] = []
        for n, path in enumerate(files, start=1):
            try:
                result = services.page_ingest(path=path)
            except PageParseError as exc:
                failed.append(str(exc))
                self.stderr.write(f"[{n}/{len(files)}] 失败 {exc}")
                continue
            except OSError as exc:
                failed.append(f"{path.name}: {exc.strerror or exc}")
                self.stderr.write(f"[{n}/{len(files)}] 失败 {path.name}: {exc.strerror or exc}")
                continue
            totals[result.status] += 1
            changed_ids.extend(result.changed_article_ids)
            removed_ids.extend(result.removed_article_ids)
            articles += result.articles if result.status != "skipped" else 0
            if verbosity >= 1:
                inferred = "（推断）" if result.issue_date_inferred else ""
                kept = f"，保留人工更正 {result.kept_edits} 处" if result.kept_edits else ""
                self.stdout.write(
                    f"[{n}/{len(files)}] {result.source_file}: {STATUS_ZH[result.status]}，"
                    f"{result.articles} 篇文章，{result.issue_date}{inferred}{kept}"
                )
                for warning in result.warnings:
                    self.stdout.write(f"    注意：{warning}")
        if verbosity >= 1:
            self.stdout.write(
                f"完成：新增 {totals['created']} 个版面，更新 {totals['updated']}，"
                f"跳过 {totals['skipped']}，失败 {len(failed)}；写入文章 {articles} 篇。"
            )
        self._update_search_index(verbosity, changed_ids, removed_ids)
        if failed:
            raise CommandError(f"{len(failed)} 个文件未能导入：" + "；".join(failed))

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
