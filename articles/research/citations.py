"""How to cite one article, and how to hand it to a reference manager: pure functions, no Django.

A ``Reference`` holds what a citation needs (built from an article by ``records.reference_for``);
the functions here turn it into the GB/T 7714-2015 newspaper form, a Chicago-style
bibliography entry, an RIS record and a BibTeX entry. An inferred publication date is marked
the way each style marks a date supplied by the cataloguer: GB/T 7714 and Chicago put it in
square brackets (Chicago adds a question mark), RIS and BibTeX say so in a note.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

MAX_GBT_AUTHORS = 3  # GB/T 7714-2015 8.1.2: list the first three, then ", 等"
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
INFERRED_NOTE = "出版日期由文中线索推断，未经核实"


@dataclass(frozen=True)
class Reference:
    id: int
    headline: str
    paper: str
    date: dt.date
    date_inferred: bool
    page: str  # the page as printed (A02, 3); the sequence when no label was printed
    url: str  # the stable URL of the article
    accessed: dt.date
    authors: tuple[str, ...] = ()  # people in printed order; a wire agency when there is none
    column: str = ""
    abstract: str = ""
    keywords: tuple[str, ...] = field(default=())


def page_number(label: str, sequence: int) -> str:
    """The page as a citation prints it: 第A02版 → A02, A02版 → A02; a label that is no number
    (头版, 要闻) or none → the page's sequence in the issue."""
    label = (label or "").strip()
    match = re.fullmatch(r"第?\s*([A-Za-z]{0,2}\s*\d+)\s*版?(?:\s*[:：].*)?", label)
    if match:
        return match.group(1).replace(" ", "")
    return str(sequence)


def _iso(date: dt.date) -> str:
    return date.isoformat()


def gbt7714(ref: Reference) -> str:
    """GB/T 7714-2015, newspaper article, online: 作者. 题名[N/OL]. 报纸名, 出版日期(版次)[引用日期]. URL.

    An inferred date is in square brackets, as the standard marks an estimated date.
    """
    authors = list(ref.authors[:MAX_GBT_AUTHORS])
    if len(ref.authors) > MAX_GBT_AUTHORS:
        authors.append("等")
    head = f"{', '.join(authors)}. " if authors else ""
    date = f"[{_iso(ref.date)}]" if ref.date_inferred else _iso(ref.date)
    return f"{head}{ref.headline}[N/OL]. {ref.paper}, {date}({ref.page})[{_iso(ref.accessed)}]. {ref.url}."


def _english_date(date: dt.date) -> str:
    return f"{MONTHS_EN[date.month - 1]} {date.day}, {date.year}"


def _and_list(names) -> str:
    names = list(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


def chicago(ref: Reference) -> str:
    """Chicago (17th ed.) bibliography entry for a newspaper article read online.

    Chinese names are not inverted; an inferred date is bracketed with a question mark.
    """
    head = f"{_and_list(ref.authors)}. " if ref.authors else ""
    date = _english_date(ref.date)
    date = f"[{date}?]" if ref.date_inferred else date
    return (f'{head}“{ref.headline}.” {ref.paper}, {date}, {ref.page}. '
            f"Accessed {_english_date(ref.accessed)}. {ref.url}.")


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(str(value).split())}"


def ris(refs) -> str:
    """RIS records (``TY  - NEWS``), one per reference, CRLF line ends as the format asks."""
    lines: list[str] = []
    for ref in refs:
        lines.append(_ris_line("TY", "NEWS"))
        lines.append(_ris_line("TI", ref.headline))
        lines.extend(_ris_line("AU", name) for name in ref.authors)
        lines.append(_ris_line("T2", ref.paper))
        lines.append(_ris_line("PY", f"{ref.date.year}"))
        lines.append(_ris_line("DA", ref.date.strftime("%Y/%m/%d")))
        lines.append(_ris_line("SP", ref.page))
        if ref.column:
            lines.append(_ris_line("SE", ref.column))
        if ref.abstract:
            lines.append(_ris_line("AB", ref.abstract))
        lines.extend(_ris_line("KW", word) for word in ref.keywords)
        lines.append(_ris_line("LA", "zh"))
        lines.append(_ris_line("UR", ref.url))
        lines.append(_ris_line("Y2", ref.accessed.strftime("%Y/%m/%d")))
        if ref.date_inferred:
            lines.append(_ris_line("N1", INFERRED_NOTE))
        lines.append(_ris_line("ID", f"jnwb-{ref.id}"))
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def _bibtex_value(value: str) -> str:
    """Text in braces with TeX's special characters escaped, so braces always balance."""
    def escape(match: re.Match) -> str:
        char = match.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(char, "\\" + char)

    return "{" + _BIBTEX_SPECIAL.sub(escape, " ".join(str(value).split())) + "}"


def bibtex_key(ref: Reference) -> str:
    return f"jnwb{ref.id}"


def bibtex(refs) -> str:
    """BibTeX entries, ``@article`` with biblatex's ``entrysubtype = {newspaper}``."""
    entries: list[str] = []
    for ref in refs:
        fields = [
            ("author", " and ".join(_bibtex_value(name) for name in ref.authors) if ref.authors else None),
            ("title", ref.headline),
            ("journal", ref.paper),
            ("journaltitle", ref.paper),
            ("entrysubtype", "newspaper"),
            ("date", _iso(ref.date)),
            ("year", str(ref.date.year)),
            ("month", None),
            ("pages", ref.page),
            ("url", ref.url),
            ("urldate", _iso(ref.accessed)),
            ("langid", "chinese"),
            ("note", INFERRED_NOTE if ref.date_inferred else None),
        ]
        body = []
        for name, value in fields:
            if name == "month":
                body.append(f"  month = {BIBTEX_MONTHS[ref.date.month - 1]}")
            elif name == "author" and value:
                body.append(f"  author = {{{value}}}")
            elif value:
                body.append(f"  {name} = {_bibtex_value(value)}")
        entries.append(f"@article{{{bibtex_key(ref)},\n" + ",\n".join(body) + "\n}\n")
    return "\n".join(entries)
