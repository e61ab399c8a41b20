"""``manage.py make_corpus --articles N --out DIR [--seed S]``: write a synthetic archive.

Recombines the seed pages (``seeds/`` by default) into N articles of page files spread over
twenty years, for benchmarks and recall tests (see ``articles.corpus``). Generated on demand,
never committed. The same seed writes the same bytes.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles import corpus


class Command(BaseCommand):
    help = "生成合成版面文件（基准测试用）。Write synthetic page files for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="how many articles")
        parser.add_argument("--out", required=True, help="folder to write the page files into")
        parser.add_argument("--seed", type=int, default=0, help="same seed, same files (default 0)")
        parser.add_argument(
            "--seeds-dir", default=str(Path(settings.BASE_DIR) / "seeds"),
            help="the real pages to recombine (default: seeds/)",
        )

    def handle(self, *args, articles, out, seed, seeds_dir, verbosity, **options):
        if articles < 1:
            raise CommandError("--articles 必须是正整数 (must be at least 1)")
        out_dir = Path(out)
        if out_dir.exists() and any(out_dir.glob("*.txt")):
            # Mixing two corpora would make the counts (and the recall checks) meaningless.
            raise CommandError(f"{out_dir}: 文件夹中已有 .txt 文件，请换一个空文件夹 (folder already has page files)")
        try:
            pool = corpus.pool_from_dir(Path(seeds_dir))
        except (OSError, ValueError) as exc:
            raise CommandError(f"{seeds_dir}: 无法读取种子版面 ({exc})") from None
        summary = corpus.write_corpus(pool, out_dir, articles, seed)
        (out_dir / "corpus.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if verbosity >= 1:
            self.stdout.write(
                f"写入 {summary['pages']} 个版面、{summary['articles']} 篇文章，"
                f"{summary['bytes'] / 1e6:.1f} MB → {out_dir}"
            )
