"""Nothing is left unscreened without saying so (issue 13, items 3, 5 and 6).

Each finding is reproduced from its file as a user runs the CLI: name-like columns are
screened or named in a warning, any role is a party, repeated --name-column options are
screened each on its own, and a run that left anything unscreened exits 4 (alerts win).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_screen_cli import run_cli
from tests.conftest import NEWEST

LIST = ("--list", str(NEWEST))


def screen(tmp_path: Path, content: str, *args: str) -> tuple[int, list[str], str]:
    """Exit code, screen_status of each output row, standard error."""
    source = tmp_path / "in.csv"
    source.write_text(content, encoding="utf-8")
    done = run_cli("--no-record", "screen", *LIST, "--format", "jsonl", *args, str(source))
    statuses = [json.loads(line)["status"] for line in done.stdout.splitlines()]
    return done.returncode, statuses, done.stderr


FilesRun = tuple[int, dict[str, list[str]], str]


def screen_files(folder: Path, contents: dict[str, str], *args: str) -> FilesRun:
    """One CLI run over several files (each read and mapped on its own): exit code, the
    screen_status of each file's rows by file stem, standard error."""
    paths = []
    for stem, content in contents.items():
        path = folder / f"{stem}.csv"
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    done = run_cli("--no-record", "screen", *LIST, "--format", "jsonl", *args, *map(str, paths))
    statuses: dict[str, list[str]] = {path.stem: [] for path in paths}
    for line in done.stdout.splitlines():
        row = json.loads(line)
        statuses[Path(row["source"]).stem].append(row["status"])
    return done.returncode, statuses, done.stderr


def _stem(group: str, case: str) -> str:
    return f"{group}-{case.replace(' ', '_')}"


def test_payments_file_screens_the_beneficiary_bank(tmp_path: Path) -> None:
    # came back clear, exit 0: only Beneficiary was screened
    code, statuses, err = screen(
        tmp_path, "TxnID,Beneficiary,Beneficiary Bank,Amount\nT1,Acme Ltd,Foreign Trade Bank,1000\n"
    )
    assert (code, statuses) == (1, ["alert"]), err
    assert "columns unscreened 0" in err


ROLE_HEADERS = [
    "End User", "Agent", "Manufacturer", "Forwarder", "Applicant", "Ordering Party",
    "Beneficiary", "Beneficiary Bank", "Carrier", "Vessel Owner", "Freight Forwarder",
    "Ultimate Consignee", "Payee", "Remitter", "Customs Broker", "Producer",
]  # fmt: skip


COMPANY_ROLE_HEADERS = ["Manufacturer", "Carrier", "Forwarder", "Vessel Owner"]


@pytest.fixture(scope="module")
def role_files_run(tmp_path_factory: pytest.TempPathFactory) -> FilesRun:
    """The files of the two role tests below, one file per case, screened in one CLI run:
    each file's header is mapped on its own, and one run loads the list once, not 20 times."""
    trade = "Shipment ID,Shipper,{},HS Code\nS1,Acme Ltd,{},8471\n"
    listed = "Korea Ryonbong General Corporation"
    files = {_stem("role", header): trade.format(header, listed) for header in ROLE_HEADERS}
    files |= {
        _stem("person", header): trade.format(header, "JO YONG WON")
        for header in COMPANY_ROLE_HEADERS
    }
    return screen_files(tmp_path_factory.mktemp("roles"), files)


@pytest.mark.parametrize("header", ROLE_HEADERS)
def test_each_default_role_is_a_screened_party(role_files_run: FilesRun, header: str) -> None:
    # the End User, Agent, Manufacturer... columns of a trade file were not parties
    code, statuses, err = role_files_run
    assert (code, statuses[_stem("role", header)]) == (1, ["alert"]), err


@pytest.mark.parametrize("header", COMPANY_ROLE_HEADERS)
def test_a_listed_person_in_a_company_role_alerts(role_files_run: FilesRun, header: str) -> None:
    # JO YONG WON as the manufacturer came back clear: the role was taken for the kind
    code, statuses, err = role_files_run
    assert (code, statuses[_stem("person", header)]) == (1, ["alert"]), err


def test_party_option_takes_any_role(tmp_path: Path) -> None:
    content = (
        "Shipment ID,Shipper,Cnee 2,Guarantor Co\n"
        "S1,Acme Ltd,JO YONG WON,x\nS2,Acme,y,PAK TO CHUN\n"
    )
    # "no such role" before
    code, statuses, err = screen(
        tmp_path, content, "--party", "end_user=Cnee 2", "--party", "Guarantor=Guarantor Co"
    )
    assert (code, statuses) == (1, ["alert", "alert"]), err
    assert "columns unscreened 0" in err and "warning" not in err


def test_repeated_name_columns_are_each_screened(tmp_path: Path) -> None:
    # two --name-column options were joined into one name, and JO YONG WON came back clear
    content = "First,Last,Alias\nJO,YONG WON,John Smith\nJohn,Smith,PAK TO CHUN\nJane,Doe,Ann Lee\n"
    code, statuses, err = screen(
        tmp_path, content, "--name-column", "First+Last", "--name-column", "Alias"
    )
    assert (code, statuses) == (1, ["alert", "alert", "clear"]), err


def test_unmapped_name_column_is_named_and_exits_4(tmp_path: Path) -> None:
    content = "Name,Director,Customer ID\nAcme Ltd,JO YONG WON,17\n"
    code, statuses, err = screen(tmp_path, content)
    assert (code, statuses) == (4, ["clear"]), err
    assert "in.csv: Director: looks like names but is not screened" in err
    assert "Customer ID" not in err  # an identifier column is not a name column
    assert "columns unscreened 1" in err
    # --quiet still says it
    code, _, err = screen(tmp_path, content, "--quiet")
    assert code == 4 and "Director: looks like names" in err
    # mapped, it is screened
    code, statuses, err = screen(
        tmp_path, content, "--name-column", "Name", "--name-column", "Director"
    )
    assert (code, statuses) == (1, ["alert"]), err


def test_ignored_column_is_recorded_not_warned(tmp_path: Path) -> None:
    content = "Shipment ID,Shipper,Agent,Company\nS1,Acme Ltd,JO YONG WON,Beta\n"
    code, statuses, err = screen(
        tmp_path, content, "--ignore-column", "Agent", "--ignore-column", "Company"
    )
    assert (code, statuses) == (0, ["clear"]), err
    assert "in.csv: Agent (--ignore-column)" in err
    assert "in.csv: Company (--ignore-column)" in err
    assert "warning" not in err
    code, _, err = screen(tmp_path, content, "--ignore-column", "Nope")
    assert code == 3 and "no column 'Nope'" in err


def test_ignored_column_is_in_the_audit_trail(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'audit.db'}"
    source = tmp_path / "in.csv"
    source.write_text("Shipment ID,Shipper,Agent\nS1,Acme Ltd,JO YONG WON\n", encoding="utf-8")
    done = run_cli("--db", db, "screen", *LIST, "--ignore-column", "Agent", str(source))
    assert done.returncode == 0, done.stderr
    shown = run_cli("--db", db, "runs", "show", "1", "--json")
    assert shown.returncode == 0, shown.stderr
    counts = json.loads(shown.stdout)["run"]["counts"]
    assert counts["ignored_columns"] == [f"{source}: Agent"]
    assert counts["not_screened"]["columns unscreened"] == 0


def test_skipped_row_exits_4(tmp_path: Path) -> None:
    # exited 0; the reason was printed only on standard error
    code, statuses, err = screen(tmp_path, 'name,dob\nJohn Smith,1990-01-01\n"x",1,2\n')
    assert (code, statuses) == (4, ["clear"]), err
    assert (
        "not screened      rows skipped 1, names truncated 0, identifiers not compared 0, "
        "columns unscreened 0" in err
    )


def test_name_of_symbols_is_a_bad_row(tmp_path: Path) -> None:
    code, statuses, err = screen(tmp_path, "name\nJohn Smith\n😀!!\n")
    assert (code, statuses) == (4, ["clear"]), err
    assert "in.csv:3: empty name: name '😀!!' has no letters or digits" in err


def test_truncated_name_exits_4_and_says_so(tmp_path: Path) -> None:
    many = ";".join(f"Trading Company Number {i}" for i in range(60))
    code, statuses, err = screen(tmp_path, f"name\n{many};John Smith\n", "--delimiter", ",")
    assert (code, statuses) == (4, ["clear"]), err
    assert "names truncated 1" in err


def test_alerts_win_over_problems(tmp_path: Path) -> None:
    content = 'name,dob\nJO YONG WON,1957-10-24\n"x",1,2\n'
    code, statuses, err = screen(tmp_path, content)
    assert (code, statuses) == (1, ["alert"]), err
    assert "rows skipped 1" in err


DISGUISED = {
    "aliases": "; ".join(["ABCDEFGHIJ KLMNOPQRSTU VWXYZ ABCDEF GHIJKLMNOP"] * 10) + "; JO YONG WON",
    "combining": "J" + "\u0301" * 1000 + "O YONG WON",
    "zero-width": "\u200b" * 300 + "JO YONG WON",
    "emoji": "JO YONG WON😀",
    "override": "\u202eNOW GNOY OJ\u202c",
}


@pytest.fixture(scope="module")
def disguised_files_run(tmp_path_factory: pytest.TempPathFactory) -> FilesRun:
    """One file per disguised name, all screened in one CLI run."""
    files = {_stem("disguised", case): f"name\n{name}\n" for case, name in DISGUISED.items()}
    return screen_files(tmp_path_factory.mktemp("disguised"), files, "--delimiter", ",")


@pytest.mark.parametrize("case", DISGUISED)
def test_disguised_names_alert_from_a_file(disguised_files_run: FilesRun, case: str) -> None:
    code, statuses, err = disguised_files_run
    assert (code, statuses[_stem("disguised", case)]) == (1, ["alert"]), err


def test_full_output_disk_is_a_data_error(tmp_path: Path) -> None:
    # a traceback and exit 1 ("alerts") before
    source = tmp_path / "in.csv"
    source.write_text("name\nJohn Smith\n" * 2000, encoding="utf-8")
    done = run_cli("--no-record", "screen", *LIST, "-o", "/dev/full", str(source))
    assert done.returncode == 3, done.stderr
    assert "error: cannot write /dev/full: No space left on device" in done.stderr
    assert "Traceback" not in done.stderr
