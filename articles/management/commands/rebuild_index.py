"""``manage.py rebuild_index``: build a new search index aside, then swap it in.

Replaces haystack's command of the same name (which clears the live index first, leaving the
site without search until it has rebuilt everything). Accepts haystack's options so scripts
written for it keep working; the build itself is ``articles.search.indexing.index_rebuild``.
"""

from django.core.management.base import BaseCommand

from articles.search.indexing import index_rebuild


class Command(BaseCommand):
    help = "重建搜索索引：在旁边建好新索引后一次切换，期间网站照常搜索。Rebuild the search index aside, then swap it in."

    def add_arguments(self, parser):
        # haystack's options, accepted for compatibility: the build is always complete and
        # always committed; --workers sets the analysis processes.
        parser.add_argument("--noinput", action="store_false", dest="interactive", default=True,
                            help="不询问（重建不会清空正在使用的索引，所以本来也不需要确认）")
        parser.add_argument("-u", "--using", action="append", default=[], help="ignored: one connection")
        parser.add_argument("-k", "--workers", default=None, type=int,
                            help="processes that analyse (jieba) while this one writes the index; "
                            "default: 1 when there are two cores or more, 0 for small builds")
        parser.add_argument("--nocommit", action="store_false", dest="commit", default=True, help="ignored")
        parser.add_argument("-b", "--batch-size", dest="batchsize", type=int, default=500,
                            help="articles read from the database at a time (default 500)")
        parser.add_argument("-t", "--max-retries", dest="max_retries", type=int, default=5, help="ignored")

    def handle(self, *args, verbosity, batchsize, workers, **options):
        def progress(done, total):
            if verbosity >= 2 or (verbosity >= 1 and (done == total or done % 5000 < batchsize)):
                self.stdout.write(f"  已索引 {done}/{total} 篇")

        report = index_rebuild(progress=progress, batch_size=batchsize or 500, workers=workers)
        if verbosity >= 1:
            extra = f"，建索引期间另有 {report.synced} 篇变动已补上" if report.synced else ""
            self.stdout.write(
                f"搜索索引已重建并切换：{report.articles} 篇文章，用时 {report.seconds:.1f} 秒{extra}。"
            )
