"""Second layer for untrusted letter bodies: sanitise their rendered HTML with nh3.

`undersigned check` already rejects raw HTML, attribute lists and odd link
schemes in a letter's Markdown (see safety). This module is the belt to that
braces: whatever Python-Markdown (with footnotes, tables and toc) produced from a
body, only the elements such a body legitimately yields survive. If a future
Markdown extension, a parser bug or a missed rule lets markup through, it is
stripped here rather than shipped to readers.

Allowed: paragraphs, headings, lists, emphasis, links (http, https, mailto and
in-page `#...` anchors only), footnote markup (`sup`, `div.footnote`,
`a.footnote-ref`, `a.footnote-backref`), tables (alignment as the `align`
attribute, not `style`), blockquote, code/pre, hr and br. No `style`, no
`on*` handler, no script, iframe, object, embed, svg, math, form or img.
"""

from __future__ import annotations

import re

import nh3

TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "em", "strong", "a", "sup",
    "div", "hr", "br", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
})

# Removed together with everything inside them, so a stripped <script> does not
# leave its source code behind as visible text.
DROP_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript",
    "textarea", "title", "noembed", "noframes", "xmp", "select",
})

ATTRIBUTES = {
    "a": {"href", "title"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
    "ol": {"start"},
}

# Python-Markdown's tables extension writes alignment as `style="text-align: ..."`
# by default; with `use_align_attribute: true` it writes `align`, which needs no
# style attribute at all. Only the three values it can produce are kept.
ATTRIBUTE_VALUES = {
    "th": {"align": {"left", "right", "center"}},
    "td": {"align": {"left", "right", "center"}},
}

CLASSES = {
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote"},
}

URL_SCHEMES = frozenset({"http", "https", "mailto"})

# ids come from toc slugs (`sub-heading`) and footnotes (`fn:1`, `fnref:1`,
# `fnref2:1`). Anything else, and anything starting with `__` (Material's own
# element ids such as `__search`, `__drawer`), is dropped so a letter cannot
# clobber the page's DOM ids.
# A footnote label whose ids survive: the check refuses any other (safety), so that no
# footnote link points at an id removed here.
FOOTNOTE_LABEL_RE = re.compile(r"[A-Za-z0-9_.-]{1,80}")
_ID_RE = re.compile(rf"^(?:fn|fnref\d*):{FOOTNOTE_LABEL_RE.pattern}$|^[a-z0-9][a-z0-9_-]{{0,120}}$")
_START_RE = re.compile(r"^\d{1,6}$")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return value if _ID_RE.match(value) else None
    if attr == "start":
        return value if _START_RE.match(value) else None
    return value


def _relative_url(url: str) -> str | None:
    # Only in-page anchors: footnote links (`#fn:1`) and lost targets kept as `#`.
    # Any other relative URL (`/x`, `../x`, `//evil.example`) is removed.
    return url if url.startswith("#") else None


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROP_WITH_CONTENT),
    attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    strip_comments=True,
    link_rel="noopener noreferrer",
    tag_attribute_values={k: {a: set(vs) for a, vs in v.items()}
                          for k, v in ATTRIBUTE_VALUES.items()},
    url_schemes=set(URL_SCHEMES),
    allowed_classes={k: set(v) for k, v in CLASSES.items()},
    url_relative=_relative_url,
)


def clean_html(html: str) -> str:
    """Return `html` (a rendered letter body) with everything outside the allow-list removed."""
    return _CLEANER.clean(html)
