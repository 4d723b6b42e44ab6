"""docs/cli.md carries the exact ``--help`` of ``screen`` and ``search``, and its Python
example runs, so it cannot rot.

Regenerate after changing an option: ``python tests/cli/test_cli_docs.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "cli.md"
COMMANDS = ("screen", "search")


def help_text(name: str) -> str:
    from sanctions_screen.cli.main import cli

    result = CliRunner().invoke(
        cli, [name, "--help"], prog_name="sanctions-screen", terminal_width=88, color=False
    )
    assert result.exit_code == 0, result.output
    return result.output.rstrip() + "\n"


def block(name: str) -> str:
    return f"<!-- help:{name} -->\n```text\n{help_text(name)}```\n<!-- /help:{name} -->"


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"<!-- help:{name} -->.*?<!-- /help:{name} -->", re.S)


def test_docs_carry_the_current_help() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in COMMANDS:
        found = _pattern(name).search(text)
        assert found, f"docs/cli.md has no help block for {name}"
        assert found.group(0) == block(name), "run: python tests/cli/test_cli_docs.py"


def test_every_option_is_explained_outside_the_help_blocks() -> None:
    from sanctions_screen.cli.main import cli

    text = DOC.read_text(encoding="utf-8")
    for name in COMMANDS:
        text = _pattern(name).sub("", text)
    for name in COMMANDS:
        command = cli.get_command(click.Context(cli), name)
        assert command is not None
        for param in command.params:
            if isinstance(param, click.Option) and "--help" not in param.opts:
                assert any(f"`{opt}" in text for opt in param.opts), f"{name} {param.opts}"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    content = DOC.read_text(encoding="utf-8")
    for command in COMMANDS:
        content = _pattern(command).sub(lambda _m, c=command: block(c), content)
    DOC.write_text(content, encoding="utf-8")


def test_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.conftest import NEWEST

    code = re.search(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert code, "docs/cli.md has no Python example"
    (tmp_path / "consolidated.xml").symlink_to(NEWEST)
    (tmp_path / "shipments.csv").write_bytes((ROOT / "examples/trade_shipments.csv").read_bytes())
    (tmp_path / "customers.tsv").write_text("Name 1\tName 2\nRI\tWON HO\nJOHN\tSMITH\n", "utf-8")
    (tmp_path / "export.csv").write_text("Ref,Consignee\n1,B Ltd\n2\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    printed: list[str] = []
    namespace = {"print": lambda *args: printed.append(" ".join(map(str, args)))}
    exec(compile(code.group(1), "docs/cli.md", "exec"), namespace)
    assert (tmp_path / "screened.csv").exists()
    assert printed[0].startswith("48 ")
    assert printed[1].startswith("customers.tsv 2 KPi.033 ")
    assert printed[3:5] == [
        "2 B Ltd",
        "utf-8 ',' [BadRowError('export.csv:3: expected 2 fields, found 1')]",
    ]
