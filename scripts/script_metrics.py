#!/usr/bin/env python3
"""Measures the per-script constants of src/sheet/fit.rs (ARABIC_EM, CJK_LINE_FACTOR)
from the fonts a spreadsheet substitutes for Calibri's missing glyphs. Arabic letters
join, so an isolated-glyph table would be wrong: every Arabic text of the catalogues
and rule files is shaped with HarfBuzz (Pillow's raqm layout) and the shaped width per
letter is reported (median, 90th percentile, max). Run once when fonts change:

    apt-get install -y python3-pil fonts-noto-core fonts-noto-cjk fonts-dejavu-core \
        fonts-crosextra-carlito
    scripts/script_metrics.py
"""
import glob
import os
import re
import statistics

from PIL import ImageFont

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SIZE = 1000
ARABIC = {
    "DejaVu Sans (LibreOffice's substitute)": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVu Sans Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "Noto Sans Arabic": "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "Noto Sans Arabic Bold": "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf",
    "Noto Naskh Arabic": "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
}


def arabic_texts():
    files = glob.glob(f"{ROOT}/i18n/messages/ar/*.toml")
    files += glob.glob(f"{ROOT}/rules/**/*.toml", recursive=True)
    for f in files:
        text = open(f, encoding="utf-8").read()
        for m in re.finditer(r'"([^"\n]*[\u0600-\u06FF][^"\n]*)"', text):
            letters = "".join(c for c in m.group(1) if "\u0600" <= c <= "\u06FF")
            if len(letters) >= 8:
                yield letters


def main():
    texts = list(arabic_texts())
    print(f"{len(texts)} Arabic texts")
    for name, path in ARABIC.items():
        font = ImageFont.truetype(path, SIZE, layout_engine=ImageFont.Layout.RAQM)
        per = sorted(font.getlength(t) / SIZE / len(t) for t in texts)
        print(
            f"{name}: em per letter median {statistics.median(per):.3f}, "
            f"p90 {per[int(0.9 * len(per))]:.3f}, max {per[-1]:.3f}"
        )
    cjk = ImageFont.truetype("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", SIZE, index=2)
    a, d = cjk.getmetrics()
    print(f"{cjk.getname()}: line {(a + d) / SIZE:.3f} em, '中文，' {cjk.getlength('中文，') / SIZE} em")
    carlito = "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"
    print("Carlito line 1.22 em (OS/2 winAscent 1950 + winDescent 550 of 2048)", os.path.exists(carlito))


if __name__ == "__main__":
    main()
