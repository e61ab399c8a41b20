"""Facets beside the search results: every value reachable (the first few shown, 更多 opens the
rest), reporters by count then pinyin, and the years also drawn as a small bar chart whose bars
link to that year."""

from __future__ import annotations

from pypinyin import lazy_pinyin

FACET_LABELS = {"year": "年份", "reporter": "记者", "column": "栏目", "paper": "报纸"}
SHOWN = 10  # values shown before 更多
CHART_W, CHART_H, CHART_TOP = 224, 64, 4


def pinyin_key(name: str) -> tuple[str, str]:
    """Order names as a Chinese reader looks them up: by pinyin, then by the characters."""
    return " ".join(lazy_pinyin(name)).lower(), name


def ordered(name: str, items: list[tuple[str, int]]) -> list[tuple[str, int]]:
    if name == "year":
        return sorted(items, key=lambda kv: kv[0], reverse=True)
    return sorted(items, key=lambda kv: (-kv[1], pinyin_key(kv[0])))


def year_bars(items: list[tuple[str, int]], link, selected: str) -> dict | None:
    """Bars for the years from the first to the last (empty years drawn empty), oldest left."""
    counts = {int(year): count for year, count in items if str(year).isdigit()}
    if len(counts) < 2:
        return None
    years = list(range(min(counts), max(counts) + 1))
    top = max(counts.values())
    slot = CHART_W / len(years)
    bars = []
    for i, year in enumerate(years):
        count = counts.get(year, 0)
        height = (CHART_H - CHART_TOP) * count / top if count else 0
        bars.append({
            "year": year, "count": count, "url": link(str(year)) if count else None,
            "x": round(i * slot + slot * 0.1, 1), "width": round(max(slot * 0.8, 1), 1),
            "y": round(CHART_H - height, 1), "height": round(max(height, 1.5 if count else 0), 1),
            "selected": str(year) == selected,
        })
    return {"bars": bars, "width": CHART_W, "height": CHART_H, "first": years[0], "last": years[-1]}


def facet_groups(params, facets: dict, url) -> list[dict]:
    """Groups for the template. ``params`` is the request's GET; ``url(**changes)`` the page's URL
    with some parameters changed (None removes one)."""
    groups = []
    for name, label in FACET_LABELS.items():
        selected = params.get(name, "")

        def link(value, name=name, selected=selected):
            return url(**{name: None if value == selected else value})

        items = [
            {"value": value, "count": count, "selected": str(value) == selected, "url": link(str(value))}
            for value, count in ordered(name, list(facets.get(name, [])))
        ]
        if not items:
            continue
        groups.append({
            "name": name, "label": label, "items": items[:SHOWN], "more": items[SHOWN:], "total": len(items),
            "chart": year_bars(facets.get(name, []), link, selected) if name == "year" else None,
        })
    return groups
