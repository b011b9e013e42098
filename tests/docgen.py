"""Make UN-style PDF and Word files from a resolution's text, for the format tests and bench.

A PDF page as the UN prints it: the document symbol at the top of every page, the job
number (`13-44851 (F)`) and `page/pages` at the bottom, the body wrapped to the page width.
A Word file as delegations exchange it: one paragraph per paragraph, operative paragraphs
numbered by Word's list numbering (the numbers are not in the text).
"""

from __future__ import annotations

import re
from pathlib import Path

_OPERATIVE = re.compile(r"^(\d{1,3})\.\s+(.*)$")


def render(res) -> str:
    """A parsed resolution as clean text: heading, opening formula, paragraphs, closing line."""
    formula = {"Conseil de sécurité": "Le Conseil de sécurité,", "Conseil économique et social": "Le Conseil économique et social,",
               "Conseil des droits de l’homme": "Le Conseil des droits de l’homme,"}.get(res.organ, "L’Assemblée générale,")
    heading = f"Résolution {res.symbol}" if "(" in (res.symbol or "") else f"{res.symbol}. {res.title or ''}"
    body = [f"{p.number}. {p.text}" if p.kind == "operative" else p.text for p in res.paragraphs]
    return "\n\n".join([heading, formula, *body, "71e séance plénière"]) + "\n"


def paragraphs_of(text: str) -> list[str]:
    """The text's blank-line-separated blocks, each joined onto one line."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]


def un_pdf(text: str, path: Path, symbol: str, job: str = "13-44851 (F)", text_layer: bool = True) -> Path:
    """Write `text` as a UN-style PDF (running symbol, job number and page numbers)."""
    from fpdf import FPDF

    class UNPage(FPDF):
        def header(self):
            self.set_font("Helvetica", size=9)
            self.cell(0, 5, symbol, align="R")
            self.ln(10)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, job, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="R")

    pdf = UNPage(format="A4")
    pdf.core_fonts_encoding = "windows-1252"  # ’ œ « » in the standard fonts
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    if not text_layer:
        # A scan: only an image of the page, here a drawing with no text at all.
        for y in range(30, 260, 6):
            pdf.line(20, y, 190, y)
    else:
        for block in paragraphs_of(text):
            m = _OPERATIVE.match(block)
            if m:
                # Numbers hang in the margin, as UN documents print them.
                pdf.set_x(pdf.l_margin)
                pdf.cell(10, 5.5, f"{m.group(1)}.")
                pdf.multi_cell(0, 5.5, m.group(2), new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.multi_cell(0, 5.5, block, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
    pdf.output(str(path))
    return path


def un_docx(text: str, path: Path, list_numbering: bool = True) -> Path:
    """Write `text` as a Word file; operative numbers as Word list numbering when asked."""
    import docx

    document = docx.Document()
    for block in paragraphs_of(text):
        m = _OPERATIVE.match(block)
        if m and list_numbering:
            document.add_paragraph(m.group(2), style="List Number")
        else:
            document.add_paragraph(block)
    document.save(str(path))
    return path
