"""Throwaway check: render the generated templates with a sample context and print the text.

    python tools/check_templates.py              # render, assert, print
    python tools/check_templates.py --pdf /tmp/x # also convert the rendered files to PDF

Not a test: the filters are stand-ins for the engine's locale filters.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import jinja2
from docx import Document
from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates" / "docx"

KY_MONTHS = ["январы", "февралы", "марты", "апрели", "майы", "июну", "июлу", "августу",
             "сентябры", "октябры", "ноябры", "декабры"]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
TRICKY = "Ак-Суу & Ко <ЖЧК> {{ 7*7 }}"
EXPECTED_VARS = {"draft", "municipality", "order", "head", "responsible", "group"}


def env() -> jinja2.Environment:
    e = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    e.filters["ky_date"] = lambda d: f"{d.year}-жылдын {d.day}-{KY_MONTHS[d.month - 1]}"
    e.filters["ru_date"] = lambda d: f"{d.day} {RU_MONTHS[d.month - 1]} {d.year} г."
    e.filters["ky_count"] = lambda n: f"{n} (тогуз)"
    e.filters["ru_count"] = lambda n: f"{n} (девяти)"
    return e


def person(name, position, contacts):
    return {"name": name, "position": position, "contacts": contacts}


def context(draft: bool = True) -> dict:
    members = [person(TRICKY, "жеке ишкер", "0555 000 001")]
    members += [person(f"Мүчө {i} Ө. Ү.", f"кызматы {i}", f"0700 00{i} 00{i}") for i in range(2, 8)]
    return {
        "draft": draft,
        "municipality": {
            "code": "41707000001", "oblast_ky": "Ысык-Көл", "oblast_ru": "Иссык-Кульская",
            "rayon_ky": "Тоң", "rayon_ru": "Тонский", "aimak_ky": "Ак-Терек",
            "aimak_ru": "Ак-Терекского", "seat_ky": "Ак-Терек", "seat_ru": "Ак-Терек",
        },
        "order": {"number": "12", "date": date(2026, 11, 21)},
        "head": {"name": "Б. К. Асанов"},
        "responsible": {"name": "С. Т. Осмонова"},
        "group": {
            "size": 9,
            "chair": person("А. Б. Төрөбаев", "АӨ башчысынын орун басары", "0555 111 222"),
            "secretary": person("Н. Ү. Иманова", "АӨ адиси", "0777 333 444"),
            "members": members,
        },
    }


def text_of(doc) -> str:
    out = []
    for block in doc.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append("".join(t.text or "" for t in block.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for tr in block.iter():
                if tr.tag.endswith("}tr"):
                    cells = []
                    for tc in tr:
                        if tc.tag.endswith("}tc"):
                            cells.append(" / ".join(
                                "".join(t.text or "" for t in p.iter() if t.tag.endswith("}t"))
                                for p in tc if p.tag.endswith("}p")))
                    out.append("| " + " | ".join(cells) + " |")
            out.append("")
    return "\n".join(out)


def check(lang: str, outdir: Path, draft: bool) -> Path:
    src = TEMPLATES / lang / "working_group_order.docx"
    tpl = DocxTemplate(src)
    names = tpl.get_undeclared_template_variables(jinja_env=env())
    assert names == EXPECTED_VARS, names
    ctx = context(draft)
    tpl = DocxTemplate(src)
    tpl.render(ctx, jinja_env=env())
    out = outdir / f"working_group_order_{lang}{'' if draft else '_final'}.docx"
    tpl.save(out)

    doc = Document(out)
    assert len(doc.tables) == 4, len(doc.tables)  # letterhead, signature, roster, signature
    text = text_of(doc)
    assert TRICKY in text, "tricky name not verbatim"
    assert "49" not in text
    roster = doc.tables[2]
    rows = [[c.text for c in r.cells] for r in roster.rows]
    g = ctx["group"]
    expected = [[str(i + 3), m["name"], m["position"], m["contacts"]]
                for i, m in enumerate(g["members"])]
    assert rows[1][0] == rows[1][-1] and rows[3][0] == rows[3][-1]  # merged section rows
    assert rows[2] == ["1", g["chair"]["name"], g["chair"]["position"], g["chair"]["contacts"]]
    assert rows[4][0] == "2" and rows[4][1] == g["secretary"]["name"]
    assert rows[6:] == expected, rows[6:]
    assert len(rows) == 6 + len(g["members"])
    date_text = {"ky": "2026-жылдын 21-ноябры № 12", "ru": "21 ноября 2026 г. № 12"}[lang]
    lines = [p.text for p in doc.paragraphs]
    date_par = next(t for t in lines if t.startswith(date_text))
    place = {"ky": "Ак-Терек айылы", "ru": "с. Ак-Терек"}[lang]
    assert date_par == f"{date_text}\t{place}", repr(date_par)
    banner = {"ky": "ДОЛБООР", "ru": "ПРОЕКТ"}[lang]
    assert (banner in text) == draft
    assert "{%" not in text and "{{" not in text.replace(TRICKY, "")
    sec = doc.sections[0]
    assert (round(sec.page_width.cm, 1), round(sec.page_height.cm, 1)) == (21.0, 29.7)
    print(f"===== {lang} (draft={draft}) -> {out}")
    print(text)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pdf", type=Path, help="convert the rendered files to PDF into this dir")
    args = ap.parse_args()
    outdir = args.pdf or Path(tempfile.mkdtemp(prefix="muni-check-"))
    outdir.mkdir(parents=True, exist_ok=True)
    files = [check(lang, outdir, draft) for lang in ("ky", "ru") for draft in (True, False)]
    print("all checks passed")
    if args.pdf:
        profile = Path(tempfile.mkdtemp(prefix="muni-lo-"))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                       check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
