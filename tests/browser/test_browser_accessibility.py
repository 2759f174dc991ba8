"""axe-core finds no WCAG 2.1 A or AA violation on any kind of page, nor in the open search."""

import pytest
from browser_support import AXE_TAGS, describe_violations, run_axe, search, wait_for_results

pytestmark = pytest.mark.browser

KINDS = ("home", "letter", "signatory", "network", "recipient", "tag")


def assert_accessible(page, axe, what: str) -> None:
    violations = run_axe(page, axe)
    assert not violations, (
        f"{what} ({page.url}) violates {', '.join(AXE_TAGS)}:\n{describe_violations(violations)}"
    )


@pytest.mark.parametrize("kind", KINDS)
def test_page_is_accessible(page, pages, axe, kind):
    path = pages.by_kind()[kind]
    page.goto(path)
    assert_accessible(page, axe, f"the {kind} page")


def test_every_index_is_accessible(page, pages, axe):
    failures = []
    for path in pages.indexes:
        page.goto(path)
        violations = run_axe(page, axe)
        if violations:
            failures.append(f"{path}:\n{describe_violations(violations)}")
    assert not failures, "\n".join(failures)


def test_search_results_are_accessible(page, axe):
    page.goto("/")
    search(page, "IMUMI")
    assert_accessible(page, axe, "the home page with search results open")


def test_search_page_is_accessible(page, axe):
    page.goto("/search/?q=Mexico")
    wait_for_results(page, "Mexico")
    assert_accessible(page, axe, "the search page with results")
