"""Every command of ``muni`` answers ``--help``, says what it does, and is documented.

The CLI imports each engine module inside the API call that needs it (start-up speed, see
``test_cli_startup.py``), so an import that breaks would only show when a command runs:
``--help`` on every command walks them all (click's advice for lazily loaded commands), and
a command the README and ``docs/`` never mention is a command no clerk finds.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from muni.cli import main

ROOT = Path(__file__).resolve().parent.parent


def commands(group: click.Group = main, path: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


COMMANDS = list(commands())


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=" ".join)
def test_every_command_answers_help(path):
    result = CliRunner().invoke(main, [*path, "--help"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: main {' '.join(path)}")


def test_every_command_says_what_it_does():
    silent = [" ".join(p) for p, c in COMMANDS if not (c.help or "").strip()]
    assert silent == []


def test_every_command_is_documented_in_the_readme_or_docs():
    text = "\n".join(p.read_text(encoding="utf-8")
                     for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])
    missing = [" ".join(p) for p, c in COMMANDS
               if not isinstance(c, click.Group) and f"muni {' '.join(p)}" not in text]
    assert missing == []
