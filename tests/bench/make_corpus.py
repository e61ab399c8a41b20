"""``python tests/bench/make_corpus.py --articles N --out DIR [--seed S]``: write a synthetic archive.

Recombines the seed pages (``seeds/`` by default) into N articles of page files spread over
twenty years, for benchmarks and recall tests (see ``corpus.py`` beside this file). Generated on
demand, never committed. The same seed writes the same bytes. Workshop code: it lives with the
benchmark, not in the product package (no Django needed; only ``articles.parsing``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE_DIR = HERE.parents[1]
sys.path[:0] = [str(HERE), str(BASE_DIR)]

import corpus  # noqa: E402  (beside this file)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="生成合成版面文件（基准测试用）。Write synthetic page files for benchmarks.")
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--out", required=True, help="folder to write the page files into")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same files (default 0)")
    parser.add_argument("--seeds-dir", default=str(BASE_DIR / "seeds"), help="the real pages to recombine (default: seeds/)")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles 必须是正整数 (must be at least 1)")
    out_dir = Path(args.out)
    if out_dir.exists() and any(out_dir.glob("*.txt")):
        # Mixing two corpora would make the counts (and the recall checks) meaningless.
        parser.error(f"{out_dir}: 文件夹中已有 .txt 文件，请换一个空文件夹 (folder already has page files)")
    try:
        pool = corpus.pool_from_dir(Path(args.seeds_dir))
    except (OSError, ValueError) as exc:
        parser.error(f"{args.seeds_dir}: 无法读取种子版面 ({exc})")
    summary = corpus.write_corpus(pool, out_dir, args.articles, args.seed)
    (out_dir / "corpus.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not args.quiet:
        print(f"写入 {summary['pages']} 个版面、{summary['articles']} 篇文章，{summary['bytes'] / 1e6:.1f} MB → {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
