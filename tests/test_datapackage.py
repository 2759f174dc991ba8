"""/data/datapackage.json of the built seed site, validated by the `frictionless` package
against the files beside it; and a damaged copy, which it must reject."""

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from frictionless import Package

from undersigned import cli
from undersigned.export import COLUMNS
from undersigned.sitebuild import build

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "site"
    build(ROOT, out)
    return out


def validate(data_dir: Path):
    # Resource paths are relative to the descriptor: the files beside it are checked.
    return Package(str(data_dir / "datapackage.json")).validate()


def problems(report) -> list:
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_built_downloads_are_valid(site):
    report = validate(site / "data")
    assert report.valid, problems(report)
    assert [t.name for t in report.tasks] == ["signatures", "letters", "signatories",
                                               "undersigned-db", "datasette-metadata"]
    rows = {t.name: t.stats.get("rows") for t in report.tasks}
    assert rows["signatures"] == sum(1 for _ in csv.reader(
        (site / "data" / "signatures.csv").open(encoding="utf-8"))) - 1
    assert rows["letters"] == 5


def test_frictionless_command_validates_the_site_as_a_journalist_would(site):
    command = Path(sys.executable).parent / "frictionless"
    done = subprocess.run([str(command), "validate", "datapackage.json"], cwd=site / "data",
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "VALID" in done.stdout and "INVALID" not in done.stdout


def test_every_download_and_every_column_is_described(site):
    data = site / "data"
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in descriptor["resources"]}
    assert paths == {p.name for p in data.iterdir()} - {"index.html", "datapackage.json"}
    for r in descriptor["resources"]:
        assert r["title"] and r["description"] and r["mediatype"], r["name"]
        if r["type"] != "table":
            continue
        fields = r["schema"]["fields"]
        assert all(f["type"] and f["description"] for f in fields), r["name"]
        names = [f["name"] for f in fields]
        if r["format"] == "csv":
            assert tuple(names) == COLUMNS
        else:
            records = json.loads((data / r["path"]).read_text(encoding="utf-8"))
            assert all(list(x) == names for x in records), r["name"]


def test_a_damaged_download_is_refused(site, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(site / "data", data)
    path = data / "signatures.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[1][COLUMNS.index("letter_date")] = "11 July 2022"
    rows[2][COLUMNS.index("signatory_id")] = "nobody-signed-this"
    rows[3][COLUMNS.index("kind")] = "company"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    letters = json.loads((data / "letters.json").read_text(encoding="utf-8"))
    letters[0]["listed_count"] = "eighty-seven"
    (data / "letters.json").write_text(json.dumps(letters), encoding="utf-8")
    report = validate(data)
    assert not report.valid
    found = {(row, field, kind) for row, field, kind, _ in problems(report)}
    assert (2, "letter_date", "type-error") in found
    assert (3, None, "foreign-key") in found
    assert (4, "kind", "constraint-error") in found
    assert (2, "listed_count", "type-error") in found


def test_export_writes_the_same_files_as_the_site(site, tmp_path, capsys):
    out = tmp_path / "out"
    assert cli.main(["--root", str(ROOT), "export", str(out)]) == 0
    written = sorted(p.name for p in out.iterdir())
    assert written == ["datapackage.json", "letters.json", "metadata.json", "signatories.json",
                       "signatures.csv", "undersigned.db"]
    for name in written:
        assert (out / name).read_bytes() == (site / "data" / name).read_bytes(), name
    assert validate(out).valid
