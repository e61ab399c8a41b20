"""``manage.py ensure_search_index``: what ``make run`` calls after ingest.

Builds the index when it is missing or was built by an older schema, brings it up to date
when the database changed since it was written (only the changed articles), and otherwise does
nothing, quickly, so a second ``make run`` changes nothing.

``--sync-only``: only bring an existing index up to date, never build one. The process the
admin starts after a staff edit (``indexing.index_follow``) runs this.
"""

from django.core.management.base import BaseCommand

from articles.search.indexing import index_ensure, index_sync

STATE_ZH = {
    "missing": "索引不存在或无法读取，已新建",
    "outdated": "索引结构已更新，已重建",
    "stale": "数据库有变动，已更新索引",
    "current": "搜索索引已是最新",
}


class Command(BaseCommand):
    help = "按需建立或更新搜索索引（缺失或过期时）。Build or update the search index only when needed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sync-only", action="store_true",
            help="只把已有索引更新到数据库的最新状态，不新建、不重建。Only sync an existing index.",
        )

    def handle(self, *args, verbosity, sync_only=False, **options):
        if sync_only:
            articles = index_sync()
            if verbosity >= 1:
                self.stdout.write(f"已更新搜索索引（{articles} 篇文章）。")
            return
        state, articles = index_ensure()
        if verbosity >= 1:
            counted = f"（{articles} 篇文章）" if state != "current" else ""
            self.stdout.write(f"{STATE_ZH[state]}{counted}。")
