"""The interface's languages: Kyrgyz (the default) and Russian, from gettext catalogs.

The sources are ``web/locale/<lang>/LC_MESSAGES/messages.po`` (msgids in English, the
language the code is written in). They are compiled in memory when the web process starts,
so no compiled ``.mo`` file is committed that could drift from its source; a test extracts
every message from the code and the page templates and checks both catalogs translate each
one (``python -m muni.web.i18n`` lists what is missing or unused; ``… --write`` adds new
messages to both files and drops unused ones).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGS = ("ky", "ru")
DEFAULT_LANG = "ky"
#: The name each language goes by in its own words (the switch shows them).
LANG_NAMES = {"ky": "Кыргызча", "ru": "Русский"}
HERE = Path(__file__).resolve().parent
LOCALE_DIR = HERE / "locale"
#: What Babel reads messages from: the web package's Python and its page templates.
METHOD_MAP = [("**.py", "python"), ("templates/**.html", "jinja2")]
EXTRACT_OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n",
                                         "trimmed": "true"}}


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"


@functools.cache
def translations(lang: str) -> Translations:
    """The compiled catalog of ``lang`` (compiled once per process)."""
    if lang not in LANGS:
        raise ValueError(f"unknown interface language {lang!r}; expected one of {LANGS}")
    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain="messages")


def choose(*candidates: str | None) -> str:
    """The first candidate that is a known language, else Kyrgyz."""
    for lang in candidates:
        if lang in LANGS:
            return lang
    return DEFAULT_LANG


def extracted() -> dict[str, list[str]]:
    """Every message the code and templates use, with where (``file:line``)."""
    from babel.messages.extract import extract_from_dir

    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            str(HERE), METHOD_MAP, options_map=EXTRACT_OPTIONS):
        key = message if isinstance(message, str) else message[0]
        found.setdefault(key, []).append(f"{filename}:{lineno}")
    return found


def catalog_problems() -> list[str]:
    """Messages missing or untranslated in a catalog, and catalog entries no code uses."""
    used = extracted()
    problems = []
    for lang in LANGS:
        with po_path(lang).open("rb") as f:
            catalog = read_po(f, locale=lang)
        have = {m.id: m.string for m in catalog if m.id}
        for msgid, where in sorted(used.items()):
            if not have.get(msgid):
                problems.append(f"{lang}: no translation of {msgid!r} ({where[0]})")
        for msgid in sorted(set(have) - set(used)):
            problems.append(f"{lang}: {msgid!r} is in the catalog but used nowhere")
    return problems


def update_catalogs() -> None:
    """Add new messages to both ``.po`` files (untranslated) and drop unused ones, keeping
    every existing translation: the maintainer then fills in the empty ``msgstr``."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    template = Catalog(project="muni", fuzzy=False)
    for msgid, where in extracted().items():
        template.add(msgid, locations=[(w.rsplit(":", 1)[0], int(w.rsplit(":", 1)[1]))
                                       for w in where])
    for lang in LANGS:
        path = po_path(lang)
        if path.exists():
            with path.open("rb") as f:
                catalog = read_po(f, locale=lang)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, project="muni", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False, sort_output=True)


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    import sys

    if sys.argv[1:] == ["--write"]:
        update_catalogs()
    for line in catalog_problems() or ["catalogs complete"]:
        print(line)
