"""Benchmark: the whole circulation package of a ten-page declaration in six languages (six
PDFs, six .docx with the letters, six Akoma Ntoso files), then LibreOffice converting the same
six .docx to PDF. Run: .venv/bin/python bench/render_package.py
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "amity.settings")

import django

django.setup()

from amity.circulation import package  # noqa: E402
from amity.circulation.renditions import LetterInput, RenditionInput, docx  # noqa: E402

SENTENCES = {
    "ar": "تؤكد الدول الأعضاء في المجموعة من جديد التزامها بمقاصد ميثاق الأمم المتحدة ومبادئه، "
    "وبالحياد بوصفه أداة لتعزيز السلام والأمن والتنمية المستدامة",
    "zh": "小组成员国重申致力于《联合国宪章》的宗旨和原则,并将中立作为促进和平、安全与可持续发展的工具",
    "en": "The member States of the Group reaffirm their commitment to the purposes and "
    "principles of the Charter of the United Nations and to neutrality as a tool for peace",
    "fr": "Les États membres du Groupe réaffirment leur attachement aux buts et principes de la "
    "Charte des Nations Unies et à la neutralité comme instrument de paix",
    "ru": "Государства — члены Группы вновь подтверждают свою приверженность целям и принципам "
    "Устава Организации Объединенных Наций и нейтралитету как инструменту мира",
    "es": "Los Estados miembros del Grupo reafirman su compromiso con los propósitos y principios "
    "de la Carta de las Naciones Unidas y con la neutralidad como instrumento de paz",
}


def declaration(language: str) -> RenditionInput:
    sentence = SENTENCES[language]
    # About ten A4 pages in English: 20 preambular and 40 operative paragraphs of 3 sentences.
    preamble = [f"<i>{sentence}</i> ({i}), {sentence}; {sentence}," for i in range(1, 21)]
    operative = [f"<b>{sentence}</b> ({i}); {sentence}; {sentence}." for i in range(1, 41)]
    return RenditionInput(
        language=language,
        title="Final Declaration (benchmark)",
        preamble=preamble,
        operative=operative,
        symbol=None,
        date=datetime.date(2023, 3, 1),
        session=77,
        agenda_item_number=58,
        agenda_item_title="Peacebuilding and sustaining peace",
        original_language="en",
        joined_states=["Kazakhstan", "Turkmenistan"] * 10,
        document_kind="declaration",
        group_slug="neutrality",
        document_slug="benchmark",
        adopted_on=datetime.date(2022, 12, 10),
        letter=LetterInput(
            date=datetime.date(2023, 3, 1), state="Turkmenistan", representative="Aksoltan Ataeva"
        ),
    )


def main() -> None:
    inputs = [declaration(lang) for lang in ("ar", "zh", "en", "fr", "ru", "es")]
    from io import BytesIO

    from pypdf import PdfReader

    from amity.circulation.renditions import pdf

    pages = len(PdfReader(BytesIO(pdf.render(inputs[2]))).pages)
    started = time.perf_counter()
    content = package.build(inputs)
    package_seconds = time.perf_counter() - started
    print(
        f"package: {package_seconds:.2f} s for 6 languages x (PDF, .docx, AKN) + letters, "
        f"{len(content) / 1e6:.1f} MB zip; English PDF {pages} pages"
    )
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        print("LibreOffice: not installed (apt-get install libreoffice-writer-nogui)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for data in inputs:
            path = Path(tmp) / f"{data.language}.docx"
            path.write_bytes(docx.render(data))
            paths.append(str(path))
        profile = Path(tmp) / "profile"
        started = time.perf_counter()
        subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(Path(tmp) / "out"),
                *paths,
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        office_seconds = time.perf_counter() - started
    print(f"LibreOffice: {office_seconds:.2f} s to convert the six .docx to PDF")
    print(
        f"target: package <= 8 s ({'met' if package_seconds <= 8 else 'MISSED'}) and no slower "
        f"than LibreOffice ({'met' if package_seconds <= office_seconds else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
