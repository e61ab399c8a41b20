"""The 趋势 chart drawn as SVG on the server (no script, CSP untouched): one line per query over
years or months, with its own colour and dash so it reads in grey too. Pure Python, no Django.

The SVG is a picture for sighted readers (``aria-hidden``); the page puts the same numbers in a
table beside it for screen readers.
"""

from __future__ import annotations

import math
from html import escape

COLOURS = ("#9b1c1c", "#1a5fb4", "#26702f", "#8a4b00")
DASHES = ("", "6 4", "2 3", "10 3 2 3")
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


def nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5 × 10ⁿ at or above ``value`` (at least 1): the top of the y axis."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def trend_svg(labels: list[str], series: list[tuple[str, list[int]]], title: str) -> str:
    """An SVG line chart: ``labels`` along x (years or months), one line per (name, counts)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = nice_ceiling(max((c for _, counts in series for c in counts), default=0))
    n = max(len(labels), 1)
    step = plot_w / max(n - 1, 1)

    def x(i: int) -> float:
        return LEFT + (i * step if n > 1 else plot_w / 2)

    def y(count: int) -> float:
        return TOP + plot_h - plot_h * count / top

    out = [f'<svg class="trend-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'aria-hidden="true" focusable="false"><title>{escape(title)}</title>']
    for k in range(5):  # gridlines and y labels at 0, ¼, ½, ¾, 1 of the top
        value = top * k / 4
        if k and value != int(value):
            continue
        yy = y(value)
        out.append(f'<line class="trend-chart__grid" x1="{LEFT}" y1="{yy:.1f}" x2="{WIDTH - RIGHT}" y2="{yy:.1f}"/>')
        out.append(f'<text class="trend-chart__tick" x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end">{int(value)}</text>')
    every = max(1, math.ceil(n / 12))  # at most about twelve x labels
    for i, label in enumerate(labels):
        if (n - 1 - i) % every == 0:  # counted from the end: the latest always has its label
            out.append(f'<text class="trend-chart__tick" x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" '
                       f'text-anchor="middle">{escape(label)}</text>')
    for number, (name, counts) in enumerate(series):
        colour, dash = COLOURS[number % len(COLOURS)], DASHES[number % len(DASHES)]
        points = " ".join(f"{x(i):.1f},{y(c):.1f}" for i, c in enumerate(counts))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dash_attr} points="{points}"/>')
        for i, c in enumerate(counts):
            out.append(f'<circle cx="{x(i):.1f}" cy="{y(c):.1f}" r="3.5" fill="{colour}">'
                       f'<title>{escape(name)} {escape(labels[i])}：{c} 篇</title></circle>')
    out.append("</svg>")
    return "".join(out)
