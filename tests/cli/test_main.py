"""The root command: a global option given after a subcommand gets a hint."""

from __future__ import annotations

import re

import click
import pytest

from sanctions_screen.cli.main import main


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (
            ["runs", "list", "--db", "sqlite:////tmp/a b.db", "--limit", "2"],
            "--db is a global option, given before the command: "
            "sanctions-screen --db 'sqlite:////tmp/a b.db' runs list --limit 2",
        ),
        (
            ["screen", "in.csv", "--no-record", "-o", "out.csv"],
            "--no-record is a global option, given before the command: "
            "sanctions-screen --no-record screen in.csv -o out.csv",
        ),
        (
            ["lists", "show", "--db=sqlite:///x.db"],
            "--db is a global option, given before the command: "
            "sanctions-screen --db=sqlite:///x.db lists show",
        ),
    ],
)
def test_global_option_after_a_subcommand_says_where_it_goes(
    capsys: pytest.CaptureFixture[str], argv: list[str], hint: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"No such option '{hint.split()[0]}'" in err
    assert err.rstrip().splitlines()[-1] == hint


def test_other_unknown_options_get_no_hint(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["runs", "list", "--bogus"]) == 2
    assert "global option" not in capsys.readouterr().err


def test_search_help_names_only_search_options(capsys: pytest.CaptureFixture[str]) -> None:
    """search has no --strict, no input files: its help says nothing of them."""
    from sanctions_screen.cli.main import cli

    assert main(["search", "--help"]) == 0
    text = capsys.readouterr().out
    search = cli.get_command(None, "search")  # type: ignore[arg-type]
    assert search is not None
    ctx = click.Context(search, help_option_names=["-h", "--help"])
    own = {opt for p in search.get_params(ctx) for opt in getattr(p, "opts", [])}
    mentioned = set(re.findall(r"(?<![\w-])--?[a-z][\w-]*", text))
    assert mentioned <= own, mentioned - own
    assert "3 data error (unreadable list)" in text and "input" not in text
