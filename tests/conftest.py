"""Shared fixtures: a registry holding the sample municipality, and a CLI runner on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from muni.cli import main
from muni.engine.render import TemplateStore
from muni.engine.sample import SAMPLE_MUNICIPALITY, registry

# No time limit per example: speed lives in benchmarks/, never in unit tests, and an
# example's first run may load the message catalogs or compile a template (a property test
# run alone, or on a busy CI machine, then failed on Hypothesis's 200 ms deadline).
settings.register_profile("muni", deadline=None)
settings.load_profile("muni")

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ORDER_DATE = "2026-11-20"
TODAY = "2026-11-21"


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing():
    """Argon2id at its cheapest and no waiting after a failed login, for the whole suite:
    installed explicitly here (``identity.use_policy``), never by an environment switch."""
    from muni.engine import identity

    old = identity.use_policy(identity.Policy(time_cost=1, memory_cost=1024, parallelism=1,
                                              first_delay=0.0, max_delay=0.0))
    yield
    identity.use_policy(old)


def folder_of_its_own(factory: pytest.TempPathFactory, variable: str, name: str):
    """Point the environment variable ``variable`` at a new temporary folder for the whole
    suite (and back afterwards); yields the folder."""
    import os

    folder = factory.mktemp(name)
    old = os.environ.get(variable)
    os.environ[variable] = str(folder)
    yield folder
    if old is None:
        os.environ.pop(variable, None)
    else:
        os.environ[variable] = old


@pytest.fixture(autouse=True, scope="session")
def derived_cache(tmp_path_factory):
    """The CLI keeps parsed workflows and compiled templates in ``MUNI_CACHE`` (by default the
    user's cache folder): for the suite, one folder of its own."""
    yield from folder_of_its_own(tmp_path_factory, "MUNI_CACHE", "muni-cache")


@pytest.fixture(autouse=True, scope="session")
def session_files(tmp_path_factory):
    """`muni login` keeps its tokens under ``XDG_STATE_HOME`` (by default the user's home):
    for the suite, a folder of its own — no test reads or writes the real home's."""
    yield from folder_of_its_own(tmp_path_factory, "XDG_STATE_HOME", "muni-state")


@pytest.fixture
def db(tmp_path):
    """A registry file with the sample municipality (lipenka) imported."""
    database = registry(tmp_path / "muni.db")
    yield database
    database.close()


@pytest.fixture
def store():
    return TemplateStore()


class Muni:
    """Runs `muni` in-process against one registry; returns the click Result."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
        self.db_path = tmp_path / "muni.db"
        self.tmp = tmp_path
        self.runner = CliRunner()
        monkeypatch.setenv("MUNI_DB", str(self.db_path))
        monkeypatch.setenv("MUNI_TODAY", TODAY)
        monkeypatch.delenv("MUNI_ACTOR", raising=False)
        monkeypatch.delenv("MUNI_TEMPLATES", raising=False)

    def __call__(self, *args: str, actor: str | None = "clerk", ok: bool = True):
        argv = [str(a) for a in args]
        env = {"MUNI_ACTOR": actor} if actor else {}
        result = self.runner.invoke(main, argv, env=env, catch_exceptions=False)
        if ok and result.exit_code != 0:
            raise AssertionError(f"muni {' '.join(argv)} exited {result.exit_code}:\n"
                                 f"{result.output}")
        return result

    def json(self, *args: str, **kw):
        result = self(*args, "--json", **kw)
        return json.loads(result.stdout)

    def write(self, name: str, text: str) -> Path:
        path = self.tmp / name
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def muni(tmp_path, monkeypatch) -> Muni:
    return Muni(tmp_path, monkeypatch)


def working_group(muni: Muni, actors: tuple[str, ...] = ("clerk", "head", "clerk")) -> int:
    """Open the sample working-group case and take one step per actor (three: to the end —
    audit #1 open, #2 draft_order, #3 sign_order with order № 12, #4 start_work)."""
    case = muni.json("case", "new", "working_group", "-m", "lipenka", "--data",
                     EXAMPLES / "working_group_case.yaml")["case"]
    for actor in actors:
        muni("advance", case, actor=actor)
    return case


@pytest.fixture
def sample_muni(muni) -> Muni:
    """`muni` with an initialised registry holding the sample municipality."""
    muni("init")
    muni("import", SAMPLE_MUNICIPALITY)
    return muni


def docx_text(path: str | Path) -> str:
    """All text of a .docx, paragraphs and table cells in document order, one per line, as a
    reader reads it: a no-break hyphen or space as an ordinary one (test_typography.py checks
    where they are)."""
    import docx
    from docx.oxml.ns import qn

    from muni.engine.locale.typography import plain

    def text(el) -> str:
        return "".join(t.text or "" if t.tag == qn("w:t") else "-"
                       for t in el.iter(qn("w:t"), qn("w:noBreakHyphen")))

    document = docx.Document(str(path))
    lines = []
    for block in document.element.body:
        if block.tag == qn("w:p"):
            lines.append(text(block))
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                lines.append(" | ".join(text(c) for c in row.iter(qn("w:tc"))))
    return plain("\n".join(lines))
