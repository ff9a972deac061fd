"""Reading the PDFs the portal gives out as independent programs do: poppler's pdfinfo and
pdftoppm, and pypdf for the words."""

import io
import re
import subprocess
from pathlib import Path

from PIL import Image
from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """Every page's words on one line, with words split at a line's end joined again."""
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return re.sub(r"-\s+", "-", text)


def pdf_info(content: bytes, folder: Path) -> str:
    """What ``pdfinfo`` says of the file; it fails the test unless the PDF is tagged."""
    pdf = folder / "file.pdf"
    pdf.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"^Tagged:\s+yes$", info.stdout, re.M), info.stdout
    return info.stdout


def assert_cover_picture_is_drawn(content: bytes, folder: Path) -> None:
    """The first page, rendered by ``pdftoppm``: the cover picture at the top left, left of the
    title, is drawn, not blank (WeasyPrint once drew one SVG as a tangle of lines)."""
    pdf = folder / "first-page.pdf"
    pdf.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(folder / "p")],
        check=True,
    )
    page = Image.open(next(folder.glob("p*.png"))).convert("RGB")
    width, height = page.size
    corner = page.crop((0, 0, width // 4, height // 6))
    drawn = [pixel for pixel in corner.get_flattened_data() if min(pixel) < 200]
    assert len(drawn) > 100
