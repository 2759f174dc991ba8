"""Read a whole Pagefind bundle into plain values, to compare two bundles' contents
whatever their page order, chunking and file names (tests only: it decodes everything)."""

from __future__ import annotations

import json
from pathlib import Path

from undersigned.search_index import _read


def _fragment(bundle: Path, name: str) -> dict:
    import gzip
    raw = gzip.decompress((bundle / "fragment" / f"{name}.pf_fragment").read_bytes())
    return json.loads(raw[len(b"pagefind_dcd"):])


def _postings(pages, urls) -> frozenset:
    out, page = set(), 0
    for delta, locs, meta_locs in pages:
        page += delta
        out.add((urls[page], tuple(locs), tuple(meta_locs)))
    return frozenset(out)


def contents(bundle: Path) -> dict:
    """{language: {"pages": {url: (word count, fragment)}, "words": {word: (postings,
    variants)}, "filters": {name: {value: urls}}, "fields": [...]}}"""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    out = {}
    for lang, info in entry["languages"].items():
        version, pages, chunks, filters, sorts, fields = _read(
            bundle / f"pagefind.{info['hash']}.pf_meta")
        fragments = [_fragment(bundle, name) for name, _count in pages]
        urls = [f["url"] for f in fragments]
        words = {}
        for _from, _to, name in chunks:
            (entries,) = _read(bundle / "index" / f"{name}.pf_index")
            for word, postings, variants in entries:
                assert word not in words, f"{word!r} in two chunks"
                words[word] = (_postings(postings, urls),
                               {form: _postings(p, urls) for form, p in variants})
        out[lang] = {
            "version": version,
            "pages": {u: (count, json.dumps(f, sort_keys=True))
                      for u, (_n, count), f in zip(urls, pages, fragments, strict=True)},
            "words": words,
            "filters": {name: {v: frozenset(urls[p] for p in plist) for v, plist in values}
                        for name, values in (_read(bundle / "filter" / f"{h}.pf_filter")
                                             for _n, h in filters)},
            "sorts": sorts, "fields": fields, "page_count": info["page_count"],
        }
    return out


def chunk_for(bundle: Path, term: str) -> str | None:
    """The index chunk Pagefind's search loads for a one-word term: the first chunk with
    from <= term <= to; if none, the first whose bounds, cut to the term's length, hold
    it (pagefind_web's request_indexes, which tries the strict rule first)."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    info = next(iter(entry["languages"].values()))
    chunks = _read(bundle / f"pagefind.{info['hash']}.pf_meta")[2]
    strict = next((name for start, end, name in chunks if start <= term <= end), None)
    if strict is not None:
        return strict
    term_bytes = term.encode()

    def loose(start: str, end: str) -> bool:
        lo, hi = start.encode(), end.encode()
        return (term_bytes[:min(len(term_bytes), len(lo))] >= lo[:len(term_bytes)]
                and term_bytes[:min(len(term_bytes), len(hi))] <= hi[:len(term_bytes)])
    return next((name for start, end, name in chunks if loose(start, end)), None)
