"""pdftext.read_pdf on PDFs printed by Chromium from the corpus's HTML letters, and on the
bad files a contributor may bring (a scan, an encrypted, damaged or 500-page PDF, junk).

Each corpus letter has a gold file listing its signatories as printed: every one must
come out as exactly one line of the text (or the name cell of one TAB row), in the gold
order, with no footnote, header, footer or page number among them.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import struct
import unicodedata
import zlib
from collections import Counter
from pathlib import Path

import pypdf
import pytest
import yaml
from pdf_support import PdfCache, corpus_letters, print_to_pdf

from undersigned.cli import main
from undersigned.load import parse_letter
from undersigned.pdftext import MAX_PAGES, read_pdf, read_pdf_layout

LETTERS = corpus_letters()


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory) -> PdfCache:
    return PdfCache(tmp_path_factory.mktemp("corpus-pdf"))


def gold_of(html: Path) -> dict:
    return yaml.safe_load(html.with_suffix("").with_suffix(".gold.yml").read_text("utf-8"))


def name_cell(line: str) -> str:
    """A line as the importer will read it: a TAB row's number cell dropped, its first
    remaining cell the name."""
    if "\t" not in line:
        return line
    cells = line.split("\t")
    if re.fullmatch(r"\d{1,4}[.)]?", cells[0]):
        cells = cells[1:]
    return cells[0]


def test_the_corpus_has_the_layouts_the_issue_lists():
    assert len(LETTERS) >= 10
    languages = {re.search(r'<html lang="(\w+)"', p.read_text("utf-8")).group(1) for p in LETTERS}
    assert languages == {"en", "es"}


# Entries with no room between them, in narrow columns: an entry that fills its line is
# followed by one whose first word would not have fit, exactly as a wrapped name is, and
# nothing printed tells the two apart. Known to fail; strict, so that it is noticed when
# it passes.
AMBIGUOUS = pytest.mark.xfail(strict=True, reason="a full line then an entry reads as a wrap")


@pytest.mark.parametrize("html", [
    pytest.param(p, marks=AMBIGUOUS) if p.stem == "16-two-columns-tight" else p for p in LETTERS
], ids=[p.stem for p in LETTERS])
def test_every_signatory_is_one_line_in_order(html: Path, pdfs: PdfCache):
    gold = gold_of(html)
    pdf = pdfs.pdf(html)
    text, diags = read_pdf(pdf.read_bytes(), str(pdf))
    assert diags == []
    assert text is not None
    lines = text.split("\n")
    cells = [name_cell(line).strip() for line in lines]
    at = []
    for sig in gold["signatories"]:
        hits = [i for i, cell in enumerate(cells) if cell == sig["printed"]]
        assert len(hits) == 1, f"{sig['printed']!r} is on {len(hits)} lines of:\n{text}"
        at.append(hits[0])
    assert at == sorted(at), "the signatories are not in printed order"
    # Between the first and the last signatory: signatories, section headings, blank lines.
    sections = {s.get("section") for s in gold["signatories"]}
    between = set(range(at[0], at[-1] + 1)) - set(at)
    strays = [lines[i] for i in sorted(between) if lines[i].strip() and lines[i] not in sections]
    assert strays == []
    for kept in gold.get("not_signatories", []):
        # Nothing lost: what is not a signatory is in the text (footnotes as definitions,
        # running headers and page numbers apart, counted as dropped).
        if not re.match(r"Page \d+ of \d+$|- \d+ -$|Coalition for Clean Rivers|Joint letter on",
                        kept):
            assert kept in text


def letters_and_digits(text: str) -> Counter:
    return Counter(c for c in unicodedata.normalize("NFKC", text) if c.isalnum())


@pytest.mark.parametrize("html", LETTERS, ids=[p.stem for p in LETTERS])
def test_nothing_printed_is_lost(html: Path, pdfs: PdfCache):
    """Every letter and digit pdfminer finds on the pages is in the text, or in a line
    dropped as a running header, footer or page number, as often as it is printed."""
    from pdfminer.high_level import extract_text

    data = pdfs.pdf(html).read_bytes()
    result, _ = read_pdf_layout(data, html.name)
    kept = re.sub(r"\[\^(\d+)\]:?", r"\1", result.text) + "\n".join(result.dropped)
    assert letters_and_digits(kept) == letters_and_digits(extract_text(io.BytesIO(data)))


@pytest.mark.parametrize("html", [p for p in LETTERS if "footnotes" in gold_of(p)],
                         ids=lambda p: p.stem)
def test_footnotes_leave_the_list_for_the_end(html: Path, pdfs: PdfCache):
    gold = gold_of(html)
    pdf = pdfs.pdf(html)
    result, diags = read_pdf_layout(pdf.read_bytes(), str(pdf))
    assert diags == [] and result is not None
    body, _, notes = result.text.partition("\n[^1]: ")
    notes = "[^1]: " + notes
    for number, note in gold["footnotes"].items():
        # A footnote over the page break is one definition, its two halves joined.
        assert f"[^{number}]: {note}\n" in notes + "\n"
        assert f"[^{number}]" in body, "the reference in the text is a Markdown reference"
        assert note not in body
    assert result.footnotes == len(gold["footnotes"])


def test_running_headers_footers_and_page_numbers_are_dropped(pdfs: PdfCache):
    html = next(p for p in LETTERS if p.stem.startswith("08-"))
    pdf = pdfs.pdf(html)
    result, diags = read_pdf_layout(pdf.read_bytes(), str(pdf))
    assert diags == [] and result is not None
    assert not re.search(r"Page \d+ of \d+|Coalition for Clean Rivers", result.text)
    # The header's first showing heads the letter (it carries the date); its repeats go.
    assert result.text.count("Joint letter on river protection · 12 March 2024") == 1
    assert result.text.startswith("Joint letter on river protection · 12 March 2024\n")
    assert len(result.dropped) == 5  # two repeated headers, three footers with the number


def test_ligatures_soft_hyphens_and_zero_width_characters_are_normalised(pdfs: PdfCache):
    html = next(p for p in LETTERS if p.stem.startswith("11-"))
    pdf = pdfs.pdf(html)
    text, _ = read_pdf(pdf.read_bytes(), str(pdf))
    assert "Office for Civic Affairs" in text and "International Transparency Network" in text
    assert not re.search("[\ufb00-\ufb06\u00ad\u200b-\u200d\ufeff]", text)


# --- bad input: one clear line, no text, never an exception --------------------------


def only_error(data: bytes, name: str = "letter.pdf") -> str:
    text, diags = read_pdf(data, name)
    assert text is None
    assert len(diags) == 1
    message = str(diags[0])
    assert message.startswith(f"{name}:1: error: ")
    assert "\n" not in message
    return message


def png(width: int, height: int) -> bytes:
    """A grey PNG with a dark band: an image with no text in it, like a scanned page."""
    rows = b"".join(b"\x00" + bytes([40 if 20 < y < 40 else 200] * width) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def test_a_scan_with_no_text_layer_asks_for_ocr(tmp_path):
    (tmp_path / "scan.png").write_bytes(png(300, 400))
    html = tmp_path / "scan.html"
    html.write_text('<!doctype html><html><body style="margin:0"><img src="scan.png" '
                    'style="width:100%"></body></html>', "utf-8")
    pdf = print_to_pdf(html, tmp_path / "scan.pdf")
    assert b"/Image" in pdf.read_bytes()
    assert "no text to read" in only_error(pdf.read_bytes())
    assert "run OCR on it first" in only_error(pdf.read_bytes())


def test_an_encrypted_pdf_asks_for_an_unprotected_copy(pdfs: PdfCache):
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdfs.pdf(LETTERS[0])))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert "encrypted" in only_error(out.getvalue())


def test_a_pdf_protected_only_against_editing_is_read(pdfs: PdfCache):
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdfs.pdf(LETTERS[0])))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    text, diags = read_pdf(out.getvalue(), "letter.pdf")
    assert diags == [] and text is not None
    assert gold_of(LETTERS[0])["signatories"][0]["printed"] in text


def test_a_500_page_pdf_is_refused_before_it_is_read():
    writer = pypdf.PdfWriter()
    for _ in range(500):
        writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    message = only_error(out.getvalue())
    assert "500 pages" in message and str(MAX_PAGES) in message


def pdf_with_unmapped_font() -> bytes:
    """A one-page PDF whose text is in a CID font with no ToUnicode map (glyph codes only)."""
    text = "".join(f"<{0x40 + i % 26:04X}>" for i in range(60))
    stream = f"BT /F1 12 Tf 72 700 Td [{text}] TJ ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Unmapped /Encoding /Identity-H "
        b"/DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Unmapped /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_a_pdf_whose_fonts_map_no_letters_is_refused(capsys):
    message = only_error(pdf_with_unmapped_font())
    assert "fonts do not say which letters they print" in message
    assert capsys.readouterr().err == ""  # pdfminer's own warnings are not shown


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_a_truncated_pdf_is_damaged(cut: float, pdfs: PdfCache):
    data = pdfs.pdf(LETTERS[0]).read_bytes()
    message = only_error(data[: int(len(data) * cut)])
    assert "damaged" in message or "no text" in message


@pytest.mark.parametrize("junk", [
    b"\x00\x01\x02binary junk\xff\xfe" * 50,
    b"MZ\x90\x00" + bytes(range(256)) * 4,
    b"%PDF-1.7\n" + bytes(range(256)) * 8,
    b"%PDF-",
    b"",
], ids=["junk", "exe", "pdf-header-then-junk", "header-only", "empty"])
def test_junk_given_as_pdf_is_one_line(junk: bytes):
    message = only_error(junk)
    assert "not a PDF" in message or "damaged" in message or "no text" in message


# --- `undersigned import letter.pdf` ------------------------------------------------------

VALID = Path(__file__).parent / "fixtures" / "check" / "valid"


@pytest.fixture
def repo(tmp_path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(VALID, dest)
    return dest


def test_import_reads_the_pdf_straight(repo: Path, tmp_path: Path, pdfs: PdfCache, capsys):
    html = next(p for p in LETTERS if p.stem.startswith("01-"))
    gold = gold_of(html)
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(pdfs.pdf(html).read_bytes())
    out = tmp_path / "out"
    assert main(["--root", str(repo), "import", str(pdf), "--out", str(out)]) == 0
    written = list(out.glob("*.md"))
    assert [p.name[:10] for p in written] == [gold["date"]]
    letter, diags = parse_letter(written[0].read_text("utf-8"), "letters/" + written[0].name)
    assert letter is not None, diags
    printed = [e.printed for s in letter.sections for e in s.entries]
    organizations = [s["printed"] for s in gold["signatories"] if s["kind"] == "organization"]
    assert printed[: len(organizations)] == organizations


@pytest.mark.parametrize("data", [b"\x00junk\xff" * 100, b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<"],
                         ids=["junk", "cut-short"])
def test_import_of_a_bad_pdf_is_one_line_and_writes_nothing(data: bytes, repo: Path,
                                                            tmp_path: Path, capsys):
    bad = tmp_path / "letter.pdf"
    bad.write_bytes(data)
    before = sorted(p.name for p in (repo / "letters").iterdir())
    assert main(["--root", str(repo), "import", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:1: error: ") and err.count("\n") == 1
    assert "Traceback" not in err
    assert sorted(p.name for p in (repo / "letters").iterdir()) == before


@pytest.mark.parametrize("seed", range(12))
def test_a_pdf_with_bytes_changed_never_raises(seed: int, pdfs: PdfCache):
    """Damage anywhere (the cross-reference table, a font, a content stream): text or one
    error line, never an exception."""
    data = bytearray(pdfs.pdf(LETTERS[seed % len(LETTERS)]).read_bytes())
    rnd = random.Random(seed)
    for _ in range(1 + seed % 4):
        at = rnd.randrange(len(data))
        data[at:at + rnd.randint(1, 64)] = rnd.randbytes(rnd.randint(0, 64))
    text, diags = read_pdf(bytes(data), "damaged.pdf")
    assert (text is None) == bool(diags)
    if text is None:
        assert len(diags) == 1 and str(diags[0]).startswith("damaged.pdf:1: error: ")
