"""The ``sanctions-screen lists`` commands through ``main(argv)``, on real SQLite files."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sanctions_screen.cli.lists import lists_group
from sanctions_screen.cli.main import main
from tests.conftest import NEWEST, ROOT, SNAPSHOTS
from tests.unlist.conftest import ListServer
from tests.unlist.test_diff import PROVENANCE


def run(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db, "lists", *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> Any:
    code, out, err = run(capsys, db, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_import_six_in_date_order_and_diff_each_pair(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    for path in SNAPSHOTS:
        code, out, err = run(capsys, sqlite_url, "import", str(path))
        if path.name == "consolidated-2025-08-02.xml":
            assert code == 3 and out == ""
            assert err.count("\n") == 1 and "20% fewer" in err and "--force" in err
            code, out, err = run(capsys, sqlite_url, "import", str(path), "--force")
        assert code == 0, err
        assert "made active" in out
    versions = run_json(capsys, sqlite_url, "versions")
    ids = [v["id"] for v in versions]
    assert len(ids) == 6 and [v["is_active"] for v in versions] == [False] * 5 + [True]
    for (old, new), a, b in zip(
        zip(SNAPSHOTS, SNAPSHOTS[1:], strict=False), ids, ids[1:], strict=False
    ):
        diff = run_json(capsys, sqlite_url, "diff", str(a), str(b))
        expected = PROVENANCE[(old.stem[-10:], new.stem[-10:])][:2]
        assert (len(diff["added"]), len(diff["removed"])) == expected

    code, out, _ = run(capsys, sqlite_url, "diff")
    assert code == 0
    assert out.startswith(
        f"version {ids[-2]} (2026-04-17) -> version {ids[-1]} (2026-05-08): "
        "+4 added, -0 removed, 17 amended"
    )
    assert "  + SDi.014   Sudan       individual" in out
    assert "Removed: none" in out
    assert "      last_updated:\n        + 2026-04-28" in out

    code, out, _ = run(capsys, sqlite_url, "diff", "--limit", "1")
    assert "  ... and 3 more (--limit 0 shows all, --json gives all)" in out
    assert "  ... and 16 more" in out


def test_reimport_adds_no_version(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    assert run(capsys, sqlite_url, "import", str(NEWEST))[0] == 0
    code, out, _ = run(capsys, sqlite_url, "import", str(NEWEST))
    assert code == 0
    assert "already stored as version 1 (the active version); nothing imported" in out
    result = run_json(capsys, sqlite_url, "import", str(NEWEST))
    assert (result["created"], result["activated"]) == (False, False)
    assert len(run_json(capsys, sqlite_url, "versions")) == 1


def test_show_prints_counts_per_regime(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    run(capsys, sqlite_url, "import", str(NEWEST))
    code, out, _ = run(capsys, sqlite_url, "show")
    assert code == 0
    assert out.startswith("Active list: version 1, generated 2026-05-08 23:00 UTC\n")
    assert "DPRK                    80        75     155" in out
    assert "Total                  737       272    1009" in out
    shown = run_json(capsys, sqlite_url, "show")
    assert shown["counts"]["Iran"] == {"individuals": 43, "entities": 78}


@pytest.mark.parametrize("command", [["show"], ["diff"], ["versions"]])
def test_empty_store_says_what_to_run(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, command: list[str]
) -> None:
    code, out, err = run(capsys, sqlite_url, *command)
    text = out + err
    assert "sanctions-screen lists update" in text or "a diff needs two stored versions" in text
    assert code == (0 if command == ["versions"] else 3)


def test_bad_file_is_exit_3_with_one_line(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, tmp_path: Any
) -> None:
    bad = tmp_path / "list.xml"
    bad.write_bytes(NEWEST.read_bytes()[:5000])
    code, out, err = run(capsys, sqlite_url, "import", str(bad))
    assert code == 3 and out == ""
    assert err.startswith("error: ") and err.count("\n") == 1 and "truncated" in err
    code, _, err = run(capsys, sqlite_url, "import", str(tmp_path / "missing.xml"))
    assert code == 3 and "cannot read file" in err


def test_unknown_version_is_exit_3(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, _, err = run(capsys, sqlite_url, "show", "--version", "9")
    assert code == 3 and "list version 9 does not exist" in err


def test_update_twice_from_loopback_server(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, list_server: ListServer
) -> None:
    list_server.routes["/consolidated.xml"] = NEWEST.read_bytes()
    url = list_server.url("/consolidated.xml")
    code, out, err = run(capsys, sqlite_url, "update", "--url", url)
    assert code == 0, err
    assert out.startswith(
        f"{url}: downloaded {NEWEST.stat().st_size} bytes: imported as version 1 and made active"
    )
    code, out, _ = run(capsys, sqlite_url, "update", "--url", url)
    assert (code, out) == (0, f"{url}: not modified; version 1 stays active\n")
    result = run_json(capsys, sqlite_url, "update", "--url", url)
    assert result["not_modified"] and result["bytes_received"] == 0


def test_update_refuses_half_list(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, list_server: ListServer
) -> None:
    from tests.unlist.test_fetch import HOSTILE

    list_server.routes["/good.xml"] = NEWEST.read_bytes()
    list_server.routes["/half.xml"] = HOSTILE["half-sized"][0]
    run(capsys, sqlite_url, "update", "--url", list_server.url("/good.xml"))
    code, _, err = run(capsys, sqlite_url, "update", "--url", list_server.url("/half.xml"))
    assert code == 3 and "50% fewer" in err
    assert run_json(capsys, sqlite_url, "show")["id"] == 1


def test_every_lists_command_is_documented() -> None:
    text = (ROOT / "docs" / "lists.md").read_text(encoding="utf-8")
    for name, command in lists_group.commands.items():
        assert f"sanctions-screen lists {name}" in text, name
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in text, f"lists {name} {opt}"


def test_activate_rolls_back_with_force_and_forward_without(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    older = next(p for p in SNAPSHOTS if p.name == "consolidated-2026-04-17.xml")
    run(capsys, sqlite_url, "import", str(older))
    run(capsys, sqlite_url, "import", str(NEWEST))
    code, out, err = run(capsys, sqlite_url, "activate", "1")
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "version 1 (generated 2026-04-17 23:00 UTC) is older than the active version 2" in err
    assert "use --force to roll back to it" in err
    assert run_json(capsys, sqlite_url, "show")["id"] == 2
    code, out, err = run(capsys, sqlite_url, "activate", "1", "--force")
    assert code == 0, err
    assert out.splitlines()[0] == "version 1 made active (was version 2) (--force)"
    shown = run_json(capsys, sqlite_url, "show")
    assert shown["id"] == 1 and shown["activated_at"] is not None
    code, out, _ = run(capsys, sqlite_url, "activate", "2")
    assert code == 0 and out.startswith("version 2 made active (was version 1)\n")
    code, out, _ = run(capsys, sqlite_url, "activate", "2")
    assert code == 0 and out.startswith("version 2 is already the active version\n")
    assert run_json(capsys, sqlite_url, "activate", "2")["is_active"] is True
    code, _, err = run(capsys, sqlite_url, "activate", "7")
    assert code == 3 and "list version 7 does not exist" in err


def test_activate_refuses_a_drastically_smaller_version(
    capsys: pytest.CaptureFixture[str], sqlite_url: str
) -> None:
    by_date = {p.stem[-10:]: p for p in SNAPSHOTS}
    run(capsys, sqlite_url, "import", str(by_date["2025-08-02"]))  # 879 entries
    run(capsys, sqlite_url, "import", str(by_date["2018-06-07"]), "--force")  # 1,098
    code, _, err = run(capsys, sqlite_url, "activate", "1")
    assert code == 3
    assert "version 1 has 879 entries against 1098 in the active version 2" in err
    assert run(capsys, sqlite_url, "activate", "1", "--force")[0] == 0
    assert run_json(capsys, sqlite_url, "show")["id"] == 1


def test_failed_update_says_how_to_update_offline(
    capsys: pytest.CaptureFixture[str], sqlite_url: str, list_server: ListServer
) -> None:
    code, out, err = run(capsys, sqlite_url, "update", "--url", list_server.url("/missing.xml"))
    assert code == 3 and out == "" and err.count("\n") == 1
    assert "HTTP 404" in err and "Offline, import a copy of the list instead: " in err
    assert "sanctions-screen lists import FILE" in err
