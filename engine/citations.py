"""A rule's legal basis in words: "28(2) of Law No. 101" as a Kyrgyz, Russian or English phrase.

A rule profile names its articles as data (``refs: [{source: law101_2015, article: "28(2)"}]``)
and its texts once (``sources:``, each with its name in Kyrgyz and Russian, in the nominative
and the genitive, and the edition read). Documents print the basis in words, never a rule id,
so the words are composed here from that data, one way for every rule:

    ky  «Жергиликтүү өз алдынча башкаруу жөнүндө» Кыргыз Республикасынын 2011-жылдын
        15-июлундагы № 101 Мыйзамынын 28-беренесинин 2-бөлүгү (2015-жылдын 17-апрелиндеги
        редакциясы)
    ru  часть 2 статьи 28 Закона Кыргызской Республики «О местном самоуправлении» от 15 июля
        2011 года № 101 (в редакции от 17 апреля 2015 года)
    en  Law No. 101 of 15.07.2011, art. 28(2), edition of 17.04.2015

Article notation: ``28`` (article), ``28(2)`` (part 2), ``39(2)(1)`` (item 1 of part 2),
``22–23`` (articles 22 to 23); for texts numbered by items (a charter, a regulation) ``41.6``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .errors import SpecError

LANGS = ("ky", "ru", "en")
_ARTICLE = re.compile(r"^(?P<art>\d+(?:-\d+)?)(?:\((?P<part>\d+)\))?(?:\((?P<item>\d+)\))?$")
_RANGE = re.compile(r"^(?P<first>\d+)\s*[–-]\s*(?P<last>\d+)$")
_ITEM = re.compile(r"^\d+(?:\.\d+)*$")


@dataclass(frozen=True)
class Article:
    """A parsed article reference: ``art`` (e.g. "28", "33-1"), optional part and item, or a
    range of articles ``art``–``last``; for item-numbered texts only ``item_no``."""

    art: str = ""
    part: str | None = None
    item: str | None = None
    last: str | None = None
    item_no: str | None = None


def parse_article(text: str, numbering: str = "articles") -> Article:
    """``"39(2)(1)"`` → Article(art="39", part="2", item="1"); a malformed one is an error."""
    text = str(text).strip()
    if numbering == "items":
        if not _ITEM.match(text):
            raise SpecError(f"article '{text}': an item-numbered text is cited as '41.6'")
        return Article(item_no=text)
    if numbering != "articles":
        raise SpecError(f"article '{text}': this text has no articles to cite")
    if (m := _RANGE.match(text)) is not None:
        if int(m["last"]) <= int(m["first"]):
            raise SpecError(f"article range '{text}' does not increase")
        return Article(art=m["first"], last=m["last"])
    m = _ARTICLE.match(text)
    if m is None:
        raise SpecError(f"article '{text}': write 28, 28(2), 39(2)(1) or 22–23")
    return Article(art=m["art"], part=m["part"], item=m["item"])


#: The head noun of an article reference in each case it is used in: nominative (a
#: citation), Kyrgyz dative («…-беренесине ылайык») and Russian instrumental («в соответствии
#: со статьёй …»). Only the outermost noun changes; the inner ones stay genitive.
_KY_TAIL = {"nom": {"art": "беренеси", "arts": "беренелери", "part": "бөлүгү", "item": "пункту"},
            "dat": {"art": "беренесине", "arts": "беренелерине", "part": "бөлүгүнө",
                    "item": "пунктуна"}}
_RU_HEAD = {"nom": {"art": "статья", "arts": "статьи", "part": "часть", "item": "пункт"},
            "ins": {"art": "статьей", "arts": "статьями", "part": "частью", "item": "пунктом"}}


def article_words(article: Article, lang: str, case: str = "nom") -> str:
    """The article as it stands before the law's genitive (ky) or after it (ru); ``case``:
    ``nom``, or ``dat`` (ky) / ``ins`` (ru) for «… ылайык» / «в соответствии с …»."""
    a = article
    if lang == "en":
        if a.item_no is not None:
            return f"item {a.item_no}"
        if a.last is not None:
            return f"arts. {a.art}–{a.last}"
        return f"art. {a.art}" + (f"({a.part})" if a.part else "") + (
            f"({a.item})" if a.item else "")
    if lang == "ky":
        tail = _KY_TAIL["dat" if case == "dat" else "nom"]
        if a.item_no is not None:
            return f"{a.item_no}-{tail['item']}"
        if a.last is not None:
            return f"{a.art}–{a.last}-{tail['arts']}"
        if a.part is None:
            return f"{a.art}-{tail['art']}"
        if a.item is None:
            return f"{a.art}-беренесинин {a.part}-{tail['part']}"
        return f"{a.art}-беренесинин {a.part}-бөлүгүнүн {a.item}-{tail['item']}"
    head = _RU_HEAD["ins" if case == "ins" else "nom"]
    if a.item_no is not None:
        return f"{head['item']} {a.item_no}"
    if a.last is not None:
        return f"{head['arts']} {a.art}–{a.last}"
    if a.part is None:
        return f"{head['art']} {a.art}"
    if a.item is None:
        return f"{head['part']} {a.part} статьи {a.art}"
    return f"{head['item']} {a.item} части {a.part} статьи {a.art}"


def according_to(source: Mapping[str, Any], article: str | None, lang: str) -> str:
    """A text (and article) as a preamble cites it: «…№ 101 Мыйзамынын 31-беренесинин
    2-бөлүгүнүн 3-пунктуна» (then «ылайык»), «пунктом 3 части 2 статьи 31 Закона …» (after
    «в соответствии с»). Without an article: «…Мыйзамына», «Законом …»."""
    sid = str(source.get("en", "?"))
    if article is None:
        return _text(source, "to", lang, sid)
    a = parse_article(article, str(source.get("numbering", "articles")))
    if lang == "ky":
        return f"{_text(source, 'of', lang, sid)} {article_words(a, 'ky', 'dat')}"
    return f"{article_words(a, 'ru', 'ins')} {_text(source, 'of', lang, sid)}"


def _text(source: Mapping[str, Any], key: str, lang: str, sid: str) -> str:
    value = source.get(key)
    if isinstance(value, Mapping):
        value = value.get(lang)
    elif lang != "en":
        value = None
    if not value:
        raise SpecError(f"source '{sid}' has no '{key}' in '{lang}'")
    return " ".join(str(value).split())


def cite(refs: Iterable[Mapping[str, Any]], sources: Mapping[str, Mapping[str, Any]],
         lang: str) -> str:
    """The refs in words, grouped by text in the order they come; texts joined by "; "."""
    groups: dict[str, list[Article]] = {}
    for ref in refs:
        sid = str(ref.get("source"))
        if sid not in sources:
            raise SpecError(f"refs: unknown source '{sid}'")
        numbering = str(sources[sid].get("numbering", "articles"))
        arts = groups.setdefault(sid, [])
        if ref.get("article") is not None:
            arts.append(parse_article(str(ref["article"]), numbering))
    out = []
    for sid, arts in groups.items():
        src = sources[sid]
        edition = _text(src, "edition", lang, sid) if src.get("edition") else ""
        if lang == "en":
            words = [src.get("en") or sid, *(article_words(a, "en") for a in arts), edition]
            out.append(", ".join(str(w) for w in words if w))
            continue
        if not arts:
            text = _text(src, "words", lang, sid)
        elif lang == "ky":
            text = (f"{_text(src, 'of', lang, sid)} "
                    f"{', '.join(article_words(a, 'ky') for a in arts)}")
        else:
            text = (f"{', '.join(article_words(a, 'ru') for a in arts)} "
                    f"{_text(src, 'of', lang, sid)}")
        out.append(f"{text} ({edition})" if edition else text)
    return "; ".join(out)


def not_checked_words(against: Iterable[Mapping[str, Any]], lang: str) -> str:
    """"not checked against Law No. 123 …" for the texts in force a value was not read in."""
    names = [_text(src, "against", lang, str(src.get("en", "?"))) if lang != "en"
             else " ".join(str((src.get("against") or {}).get("en") or src.get("en")).split())
             for src in against]
    if not names:
        return ""
    joined = {"ky": " жана ", "ru": " и ", "en": " and "}[lang].join(names)
    return {"ky": f"{joined} боюнча текшерилген эмес", "ru": f"не проверено по {joined}",
            "en": f"not checked against {joined}"}[lang]
