"""CI for the published repository: pull requests are checked with a read-only token and
never with `pull_request_target`; only main deploys to Pages; code, configuration and
workflows have code owners.

The workflows are read with our own strict YAML reader: PyYAML would turn the key
`on:` into True (the issue's own example), which is how such tests silently pass.
"""

from __future__ import annotations

import fnmatch
import re
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
    commands = runs(job)
    assert "make check" in commands and "make build" in commands and "make test" in commands


def test_only_main_deploys_to_pages():
    wf = workflow("deploy.yml")
    assert wf["on"] == {"push": {"branches": ["main"]}}
    assert wf["permissions"] == {"contents": "read"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert "permissions" not in build  # runs the repository's code: read-only
    assert "make build" in runs(build)
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
    "src/undersigned/load.py", "src/undersigned/sanitize.py", "src/undersigned/mkdocs_plugin.py",
    "mkdocs.yml", "pyproject.toml", "Makefile", ".ci/run", ".github/workflows/check.yml",
    ".github/workflows/deploy.yml", ".github/CODEOWNERS", "overrides/main.html",
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
        if not path.is_file() or rel.startswith((".git/", ".venv/", "site/")) or \
                "/." in f"/{rel}" and not rel.startswith((".github/", ".ci/")):
            continue
        if path.suffix in (".py", ".html", ".js", ".toml", ".cfg") or path.name in (
                "Makefile", "mkdocs.yml") or rel.startswith((".github/", ".ci/")):
            if "__pycache__" not in rel and not owners_of(rel):
                unowned.append(rel)
    assert unowned == []
