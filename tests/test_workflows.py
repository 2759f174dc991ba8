"""CI for the published repository: pull requests are checked with a read-only token and
never with `pull_request_target`; only main deploys to Pages; code, configuration and
workflows have code owners.

The workflows are read with our own strict YAML reader: PyYAML would turn the key
`on:` into True (the issue's own example), which is how such tests silently pass.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from undersigned import strictyaml

ROOT = Path(__file__).parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict:
    return strictyaml.load((WORKFLOWS / name).read_text(encoding="utf-8")).value


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def uses(job: dict, action: str) -> dict | None:
    return next((s for s in steps(job) if s.get("uses", "").split("@")[0] == action), None)


def runs(job: dict) -> str:
    return "\n".join(s.get("run", "") for s in steps(job))


ALL = sorted(p.name for p in WORKFLOWS.glob("*.y*ml"))


def test_the_two_workflows_exist():
    assert {"check.yml", "deploy.yml"} <= set(ALL)


def test_pull_requests_are_checked_read_only():
    wf = workflow("check.yml")
    assert wf["on"] == {"pull_request": None} or list(wf["on"]) == ["pull_request"]
    assert wf["permissions"] == {"contents": "read"}
    (job,) = wf["jobs"].values()
    assert "permissions" not in job
    checkout = uses(job, "actions/checkout")
    assert checkout and checkout["with"]["persist-credentials"] == "false"
    python = uses(job, "actions/setup-python")
    assert python and python["with"]["python-version"] == "3.11"
    # The report compares the pull request with its base branch: the whole history.
    assert checkout["with"]["fetch-depth"] == "0"
    commands = runs(job)
    assert "undersigned check --format github" in commands  # annotations on the lines
    assert "make build" in commands and "make lint" in commands and "make test" in commands


def test_the_pull_request_report_goes_to_the_job_summary_without_injection():
    (job,) = workflow("check.yml")["jobs"].values()
    (report,) = [s for s in steps(job) if "undersigned report" in s.get("run", "")]
    assert report["if"] == "github.event_name == 'pull_request'"
    # The branch name is the contributor's text: it reaches the shell as a variable only.
    assert report["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert report["run"] == ('.venv/bin/undersigned report --base "origin/${BASE_REF}" '
                             '>> "$GITHUB_STEP_SUMMARY"')
    assert "${{" not in report["run"]


def test_only_main_deploys_to_pages():
    wf = workflow("deploy.yml")
    assert wf["on"] == {"push": {"branches": ["main"]}}
    assert wf["permissions"] == {"contents": "read"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert "permissions" not in build  # runs the repository's code: read-only
    assert "make build" in runs(build)
    # The size GitHub checks is measured before the upload, and stops an oversized site.
    names = [s.get("uses", s.get("run", "")) for s in steps(build)]
    size = [i for i, n in enumerate(names) if "scripts/site_size.py site" in n]
    upload = [i for i, n in enumerate(names) if n.startswith("actions/upload-pages-artifact")]
    assert size and upload and size[0] < upload[0]
    artifact = uses(build, "actions/upload-pages-artifact")
    assert artifact and artifact["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy, "actions/deploy-pages")
    assert not any("run" in s for s in steps(deploy))  # the writing job runs no code of ours


@pytest.mark.parametrize("name", ALL)
def test_no_workflow_runs_untrusted_code_with_privileges(name):
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    wf = workflow(name)
    triggers = wf["on"] if isinstance(wf["on"], dict) else {t: None for t in wf["on"]}
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers
    assert "pull_request_target" not in re.sub(r"#.*", "", text)
    for job in wf["jobs"].values():
        for step in steps(job):
            # Attacker-controlled strings expanded into a shell are script injection.
            assert not re.search(r"\$\{\{\s*github\.(event|head_ref)", step.get("run", ""))
            action = step.get("uses")
            if action:
                # A tag or a commit, never a moving branch.
                assert re.search(r"@(v\d+(\.\d+)*|[0-9a-f]{40})$", action), action
    for scope in (wf, *wf["jobs"].values()):
        perms = scope.get("permissions", {})
        assert perms != "write-all" and isinstance(perms, dict)
        writes = {k for k, v in perms.items() if v == "write"}
        assert writes <= {"pages", "id-token"}


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def owners_of(path: str) -> list[str]:
    """GitHub's rule: the last matching pattern wins (a subset of gitignore syntax)."""
    found: list[str] = []
    for pattern, owners in codeowners():
        anchored = pattern.startswith("/")
        p = pattern.lstrip("/")
        if p.endswith("/"):
            hit = path.startswith(p) if anchored else f"/{p}" in f"/{path}"
        elif anchored:
            hit = fnmatch.fnmatchcase(path, p) or path.startswith(p + "/")
        else:
            hit = any(fnmatch.fnmatchcase(part, p) for part in path.split("/")) \
                or fnmatch.fnmatchcase(path, p)
        if hit:
            found = owners
    return found


@pytest.mark.parametrize("path", [
    "src/undersigned/load.py", "src/undersigned/sanitize.py", "src/undersigned/mkdocs_speedups.py",
    "mkdocs.yml", "pyproject.toml", "constraints.txt", "Makefile", ".ci/run",
    ".github/workflows/check.yml", ".github/workflows/deploy.yml", ".github/zizmor.yml",
    ".github/CODEOWNERS", "overrides/main.html",
    "docs/assets/undersigned.css", "tests/test_safety.py", "scripts/bench.py",
])
def test_code_configuration_and_workflows_have_owners(path):
    owners = owners_of(path)
    assert owners and all(o.startswith("@") for o in owners), path


def test_every_tracked_code_file_has_an_owner():
    # Whatever is added later under these kinds of names is owned too.
    unowned = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT).as_posix()
        if not path.is_file() or rel.startswith((".git/", ".venv/", "site/", "build/")) or \
                "/." in f"/{rel}" and not rel.startswith((".github/", ".ci/")):
            continue
        if path.suffix in (".py", ".html", ".js", ".toml", ".cfg") or path.name in (
                "Makefile", "mkdocs.yml", "constraints.txt") or \
                rel.startswith((".github/", ".ci/")):
            if "__pycache__" not in rel and not owners_of(rel):
                unowned.append(rel)
    assert unowned == []


# --- GitHub's schema and zizmor's audit ------------------------------------------------

BIN = Path(sys.executable).parent  # the tools of the test extra, beside this Python


@pytest.mark.parametrize("name", ALL)
def test_workflows_follow_githubs_workflow_schema(name):
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows",
         WORKFLOWS / name], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabots_configuration_follows_its_schema():
    result = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot",
         ROOT / ".github" / "dependabot.yml"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def zizmor(*args: str) -> list[dict]:
    """zizmor's findings in .github/: the workflows and Dependabot's configuration."""
    result = subprocess.run(
        [BIN / "zizmor", "--offline", "--persona", "pedantic", "--format", "json", *args,
         ROOT / ".github"], capture_output=True, text=True)
    assert result.returncode in (0, 11, 12, 13, 14), result.stderr  # 1x: findings
    return json.loads(result.stdout)


def test_zizmor_finds_nothing_in_the_workflows_or_dependabot():
    # The pedantic persona: every audit, even those of low confidence or severity.
    findings = zizmor("--config", str(ROOT / ".github" / "zizmor.yml"))
    assert [(f["ident"], f["desc"]) for f in findings] == []


def test_each_exception_in_zizmors_configuration_is_needed_and_explained():
    """Without the configuration zizmor reports exactly the actions it lets through (kept
    at a tag, each with its reason on the lines above it); nothing else."""
    lines = (ROOT / ".github" / "zizmor.yml").read_text(encoding="utf-8").splitlines()
    kept = {}
    for n, line in enumerate(lines):
        m = re.fullmatch(r"\s*([\w.-]+/[\w.-]+): ref-pin", line)
        if m:
            assert lines[n - 1].strip().startswith("#"), f"no reason given for {m[1]}"
            kept[m[1]] = lines[n - 1]
    assert '        "*": hash-pin' in lines  # anything else needs a commit hash
    unpinned = {}
    for f in zizmor("--no-config"):
        assert f["ident"] == "unpinned-uses", f
        for location in f["locations"]:
            used = re.search(r"uses:\s*(\S+)", location["concrete"]["feature"])
            if used:
                unpinned[used[1].split("@")[0]] = used[1]
    assert set(unpinned) == set(kept)
    # And a tag of a major version each, as test_no_workflow_runs_untrusted_code... asks.
    assert all(re.fullmatch(r"[\w./-]+@v\d+", used) for used in unpinned.values())


# --- .ci/run: what GitHub runs, failing where it would ------------------------------

def ci_steps() -> list[str]:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    return re.findall(r"^step (.+?)(?:\s+#.*)?$", text, re.M)


def test_ci_runs_what_the_pull_request_workflow_runs():
    (job,) = workflow("check.yml")["jobs"].values()
    github = []
    for step in steps(job):
        for command in re.findall(r"^(?:make \w+|\.venv/bin/undersigned \w+)", step.get("run", ""),
                                  re.M):
            if command != ".venv/bin/undersigned report":  # GitHub's job summary only
                # `make check` is `undersigned check`, in the terminal's format.
                github.append(command.replace(".venv/bin/undersigned ", "make "))
    assert github == ["make install", "make check", "make build", "make lint", "make test"]
    assert ci_steps() == github  # the same steps in the same order, `make test` included
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^check: install\n\t\$\(BIN\)/undersigned check\n", makefile, re.M)


# The copy's only test: it leaves a mark if `make test` runs (it must not, once a step
# before it failed). The suite itself is left out: it would run .ci/run again.
REACHED = """from pathlib import Path


def test_reached():
    Path("make-test-ran").touch()
"""


def ci_copy(tmp_path: Path) -> Path:
    """The repository copied with its files' times, its tests replaced by one that marks
    it ran, beside this installed virtualenv (linked, with a stamp of its own: make sees it
    installed and installs nothing)."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "site", "test-artifacts", ".*cache", "__pycache__", ".hypothesis",
        "tests"))
    (copy / "tests").mkdir()
    (copy / "tests" / "test_reached.py").write_text(REACHED, encoding="utf-8")
    venv = copy / ".venv"
    venv.mkdir()
    for entry in Path(sys.prefix).iterdir():
        if entry.name != ".installed-stamp":
            (venv / entry.name).symlink_to(entry)
    (venv / ".installed-stamp").touch()
    # Up to date, or make would reinstall into this virtualenv from the copy.
    assert subprocess.run(["make", "-q", "install"], cwd=copy).returncode == 0
    return copy


def run_ci(copy: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", ".ci/run"], cwd=copy, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=600)


def test_ci_runs_every_step_to_the_tests_and_passes_on_a_clean_tree(tmp_path):
    copy = ci_copy(tmp_path)
    result = run_ci(copy)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out
    assert re.findall(r"^== \.ci/run: (.+)$", out, re.M) == ci_steps()
    assert (copy / "site" / "index.html").exists() and (copy / "make-test-ran").exists()
    assert re.search(r"^=+ 1 passed", out, re.M)  # pytest's closing line, for CI to read


def test_ci_stops_with_an_error_at_the_first_failing_step(tmp_path):
    copy = ci_copy(tmp_path)
    letter = next((copy / "letters").glob("*.md"))
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("\ndate: ", "\ndate: not-a-date-", 1), encoding="utf-8")
    result = run_ci(copy)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert f"letters/{letter.name}:" in out and "error" in out  # check's own message
    assert "== .ci/run: FAILED (exit 2): make check" in out
    assert "== .ci/run: make build" not in out and not (copy / "site").exists()
    assert not (copy / "make-test-ran").exists()


def test_ci_fails_on_a_lint_error_after_the_site_builds(tmp_path):
    copy = ci_copy(tmp_path)
    (copy / "tests" / "test_unlinted.py").write_text("import os\n", encoding="utf-8")
    result = run_ci(copy)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out
    assert (copy / "site" / "index.html").exists()  # check and build passed first
    assert "F401" in out and "tests/test_unlinted.py" in out
    assert "== .ci/run: FAILED (exit 2): make lint" in out
    assert "== .ci/run: make test" not in out and not (copy / "make-test-ran").exists()
