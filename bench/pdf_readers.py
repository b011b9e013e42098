"""Compare PDF text extractors on UN-style pages: speed (pages/s) and layout fidelity.

Renders resolutions (the seeds and test layouts, parsed) as UN-style PDFs with fpdf2
(running symbol, job number and page numbers, numbers hanging in the margin), extracts
each PDF's text with pypdfium2 and with pdfminer.six, parses it, and counts paragraphs
whose kind, number, verb and text come back exactly as in the source. Also prints the
parse throughput of `indexer.parse_resolutions` on PDFs in pages/s.

    python bench/pdf_readers.py [--copies 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from docgen import render, un_pdf  # noqa: E402
from indexer.parse import parse_file, parse_resolutions, parse_text  # noqa: E402

SOURCES = [ROOT / "corpus" / "003_367e980c57a681ce.txt", ROOT / "corpus" / "004_d9ecf5b0cce4680d.txt",
           ROOT / "tests" / "data" / "sc_2394.txt", ROOT / "tests" / "data" / "ecosoc_2019_12.txt",
           ROOT / "tests" / "data" / "ga_a_res_72_298.txt", ROOT / "tests" / "data" / "hrc_res_53_4.txt"]


def pdfium_text(path: Path) -> tuple[str, int]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    pages = [page.get_textpage().get_text_bounded().replace("\r\n", "\n") for page in pdf]
    return "\n\n".join(pages), len(pages)


def pdfminer_text(path: Path) -> tuple[str, int]:
    from pdfminer.high_level import extract_pages, extract_text

    return extract_text(str(path)), sum(1 for _ in extract_pages(str(path)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=3, help="each source rendered this many times into one PDF")
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        for src in SOURCES:
            ref = parse_file(src)
            pdf = un_pdf("\n\n".join([render(ref)] * a.copies), Path(tmp) / (src.stem + ".pdf"), ref.doc_symbol or ref.symbol)
            cases.append((ref, pdf))
        for name, extract in (("pypdfium2", pdfium_text), ("pdfminer.six", pdfminer_text)):
            pages = same = total = 0
            start = time.perf_counter()
            texts = []
            for ref, pdf in cases:
                text, n = extract(pdf)
                pages += n
                texts.append((ref, text))
            seconds = time.perf_counter() - start
            for ref, text in texts:
                want = [(p.kind, p.number, p.verb, p.text) for p in ref.paragraphs]
                try:
                    got = [(p.kind, p.number, p.verb, p.text) for p in parse_text(text, "x").paragraphs]
                except Exception:  # noqa: BLE001 - a failed parse counts as no paragraph right
                    got = []
                total += len(want)
                same += sum(1 for w, g in zip(want, got) if w == g)
            print(f"{name:13} {pages / seconds:7.1f} pages/s   paragraphs exact {same}/{total}")
        start = time.perf_counter()
        pages = 0
        for _, pdf in cases:
            parse_resolutions(pdf)
            import pypdfium2 as pdfium

            pages += len(pdfium.PdfDocument(str(pdf)))
        print(f"parse of PDFs (extraction included): {pages / (time.perf_counter() - start):.1f} pages/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
