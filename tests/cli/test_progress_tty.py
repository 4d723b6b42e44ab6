"""The progress bar appears on a terminal (a pseudo-terminal here) and nowhere else."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import NEWEST


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "names.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Name,Country\n")
        for i in range(3000):
            handle.write(f"Trading Company {i} Ltd,SG\n")
    return path


def _command(path: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "sanctions_screen.cli.main", "screen", str(path),
            "--list", str(NEWEST), "-o", str(out), *extra]  # fmt: skip


def _run_on_pty(command: list[str]) -> tuple[int, str]:
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "140", "TERM": "xterm-256color"}
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=slave, env=env)  # fmt: skip
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    return proc.wait(timeout=120), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    code, screen = _run_on_pty(_command(_input(tmp_path), tmp_path / "out.csv"))
    assert code == 0, screen
    assert "screening" in screen and "ETA" in screen
    assert "3,000 rows" in screen and "rows/s" in screen
    assert "\x1b[" in screen  # drawn with terminal control sequences
    assert "Screened 3,000 rows" in screen


def test_quiet_on_a_terminal(tmp_path: Path) -> None:
    code, screen = _run_on_pty(_command(_input(tmp_path), tmp_path / "out.csv", "--quiet"))
    assert code == 0 and screen == ""


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    proc = subprocess.run(_command(_input(tmp_path), tmp_path / "out.csv"), capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert proc.returncode == 0
    assert "ETA" not in proc.stderr and "\x1b[" not in proc.stderr
    assert proc.stderr.startswith("Screened 3,000 rows")
