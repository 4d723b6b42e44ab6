"""The README cannot rot: its CLI reference is the current ``--help`` of every command, its
set-up commands are what CI runs, and its main job command runs.

Regenerate the reference after changing an option: ``python tests/test_readme.py``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"<!-- cli-reference -->.*?<!-- /cli-reference -->", re.S)


def _commands() -> list[tuple[str, click.Command]]:
    """Every command path with its click command, the root first, depth first."""
    from sanctions_screen.cli.main import cli

    found: list[tuple[str, click.Command]] = []

    def walk(prefix: str, command: click.Command) -> None:
        found.append((prefix, command))
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                walk(f"{prefix} {name}".strip(), sub)

    walk("", cli)
    return found


def _help(path: str) -> str:
    from sanctions_screen.cli.main import cli

    args = [*path.split(), "--help"]
    result = CliRunner().invoke(cli, args, prog_name="sanctions-screen", terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output.rstrip()


def reference() -> str:
    parts = ["<!-- cli-reference -->"]
    for path, _command in _commands():
        title = f"sanctions-screen {path}".strip()
        parts.append(f"### `{title}`\n\n```text\n{_help(path)}\n```\n")
    parts.append("<!-- /cli-reference -->")
    return "\n".join(parts)


def test_cli_reference_is_current() -> None:
    found = BLOCK.search(README.read_text(encoding="utf-8"))
    assert found, "README.md has no CLI reference block"
    assert found.group(0) == reference(), "out of date: run python tests/test_readme.py"


def test_every_command_and_option_appears_in_the_reference() -> None:
    text = BLOCK.search(README.read_text(encoding="utf-8"))
    assert text
    for path, command in _commands():
        assert f"`sanctions-screen {path}`".replace("  ", " ").replace(" `", "`") in text.group(0)
        for param in command.params:
            if isinstance(param, click.Option):
                assert any(opt in text.group(0) for opt in param.opts), (path, param.opts)


def _shell_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_setup_commands_are_what_ci_runs() -> None:
    """.ci/run reads its install, test and main-job commands from these blocks."""
    install, test = _shell_blocks()[0].strip().splitlines()
    assert install.endswith('&& pip install -e ".[dev]"') and test == "python -m pytest -q"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for used in ("install_cmd=$(readme_line 0 0)", "test_cmd=$(readme_line 0 1)",
                 "main_job=$(readme_line 1 0)", 'eval "$install_cmd', 'eval "$test_cmd"',
                 'eval "$main_job"', 'git clone -q "$root" "$fresh/sanctions_screen"'):  # fmt: skip
        assert used in ci, used


def test_main_job_command_runs(tmp_path: Path) -> None:
    """The command exactly as written, in a directory holding only the example input, with
    an empty store: it screens against the bundled snapshot and says so."""
    command = _shell_blocks()[1].strip()
    assert command == "sanctions-screen screen examples/trade_shipments.csv -o screened.csv"
    argv = shlex.split(command)
    (tmp_path / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "trade_shipments.csv", tmp_path / "examples")
    env = {**os.environ, "SANCTIONS_SCREEN_DB": f"sqlite:///{tmp_path / 'audit.sqlite'}"}
    exe = Path(sys.executable).parent / "sanctions-screen"
    done = subprocess.run(
        [str(exe), *argv[1:]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 1, done.stderr  # alerts found
    assert "bundled with sanctions-screen" in done.stderr.splitlines()[0]
    assert "rows read         48" in done.stderr and "alert 14" in done.stderr
    assert (tmp_path / "screened.csv").read_text(encoding="utf-8").count("\n") == 49


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    text = README.read_text(encoding="utf-8")
    README.write_text(BLOCK.sub(lambda _m: reference(), text), encoding="utf-8")
