//! Text that fits: how wide a text is in the font a cell is set in, how many lines it
//! takes in a wrapped column, and the row height those lines need. Widths come from the
//! Carlito fonts (metric-compatible with Calibri, the workbooks' font; see
//! [`super::carlito`]), with a margin ([`MARGIN`]) for a reader whose spreadsheet
//! shows another font.

use super::carlito::{BOLD, BOLD_ITALIC, ITALIC, RANGES, REGULAR, UNITS_PER_EM};

/// How much wider than Carlito a text is taken to be, so that it still fits when the
/// reader's spreadsheet substitutes another sans-serif font.
pub const MARGIN: f64 = 1.08;

/// Pixels of a column taken by the cell's inner padding (both sides) and grid line.
pub const PADDING_PX: f64 = 7.0;

/// The width in pixels (at 96 dpi) of the widest digit of the default font (Calibri
/// 11): the unit column widths are counted in.
pub const DIGIT_PX: f64 = 7.0;

/// The font a cell is set in (the workbooks use Calibri throughout).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// Size in points.
    pub size: f64,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
}

impl Font {
    /// Calibri 11, the body font.
    pub const BODY: Font = Font {
        size: 11.0,
        bold: false,
        italic: false,
    };

    /// The body font at another size, bold or italic.
    pub const fn new(size: f64, bold: bool, italic: bool) -> Font {
        Font { size, bold, italic }
    }

    /// The height of one line of text in points (Excel's 15 points for Calibri 11).
    pub fn line_height(&self) -> f64 {
        (self.size * 15.0 / 11.0).max(12.0)
    }
}

impl Default for Font {
    fn default() -> Self {
        Font::BODY
    }
}

fn table(font: &Font) -> &'static [u16] {
    match (font.bold, font.italic) {
        (false, false) => REGULAR,
        (true, false) => BOLD,
        (false, true) => ITALIC,
        (true, true) => BOLD_ITALIC,
    }
}

fn wide(c: u32) -> bool {
    matches!(c,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// The advance of an Arabic letter in ems, regular and bold, in the font a spreadsheet
/// substitutes for Calibri's missing Arabic glyphs (LibreOffice: DejaVu Sans; Noto Sans
/// Arabic and Noto Naskh Arabic are narrower). Arabic letters join, so their shaped
/// width depends on their neighbours: these are the 90th percentile of the shaped width
/// per letter over every Arabic text of the catalogues and rule files, measured with
/// HarfBuzz (`scripts/script_metrics.py`), not an isolated-glyph table.
pub const ARABIC_EM: (f64, f64) = (0.47, 0.56);

/// How much taller a line of CJK text is than a line of Latin text at the same size.
/// Rendered through LibreOffice (`scripts/render`), Chinese lines keep the cell font's
/// line pitch (the rows of the first cut, sized for Noto Sans CJK SC's 1.448 em against
/// Carlito's 1.22 em, were a quarter empty); Excel's substitute, Microsoft YaHei, is
/// 1.32 em: about 1.08 times Calibri's. A margin over that.
pub const CJK_LINE_FACTOR: f64 = 1.1;

fn arabic(c: u32) -> bool {
    matches!(c, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

fn arabic_mark(c: u32) -> bool {
    matches!(c, 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0640)
}

/// Whether a text holds East Asian wide characters (its lines are taller).
pub fn has_wide(text: &str) -> bool {
    text.chars().any(|c| wide(c as u32))
}

/// The advance of a character in ems: from the Carlito tables; a full em for East Asian
/// wide characters (Noto Sans CJK SC's ideographs, kana and full-width forms are all
/// 1 em); [`ARABIC_EM`] for Arabic letters and nothing for their marks and tatweel;
/// nothing for combining marks and zero-width characters; 0.6 em for anything else the
/// font lacks.
pub fn char_em(c: char, font: &Font) -> f64 {
    let cp = c as u32;
    let mut offset = 0usize;
    for &(a, b) in RANGES {
        if cp < a {
            break;
        }
        if cp <= b {
            let w = table(font)[offset + (cp - a) as usize];
            if w > 0 {
                return w as f64 / UNITS_PER_EM;
            }
            break;
        }
        offset += (b - a + 1) as usize;
    }
    if wide(cp) {
        1.0
    } else if arabic(cp) {
        if arabic_mark(cp) {
            0.0
        } else if font.bold {
            ARABIC_EM.1
        } else {
            ARABIC_EM.0
        }
    } else if matches!(cp, 0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F) {
        0.0
    } else {
        0.6
    }
}

/// The width of a text in pixels at 96 dpi in a font, margin included.
pub fn text_px(text: &str, font: &Font) -> f64 {
    let em: f64 = text.chars().map(|c| char_em(c, font)).sum();
    em * font.size * 96.0 / 72.0 * MARGIN
}

/// The width a workbook file stores for a column set `width` characters wide (the
/// writer adds Excel's 5 pixels of padding, in 1/256 of a character).
pub fn file_width(width: f64) -> f64 {
    ((width * DIGIT_PX + 5.0) / DIGIT_PX * 256.0).trunc() / 256.0
}

/// The pixels of a column whose file width is `stored` (Excel's rule).
pub fn stored_px(stored: f64) -> f64 {
    (stored * DIGIT_PX + 0.49).trunc()
}

/// The pixels of a column set `width` characters wide, as a spreadsheet draws it.
pub fn column_px(width: f64) -> f64 {
    stored_px(file_width(width))
}

/// The pixels available for text in a column (or merged columns) of that many pixels.
pub fn usable_px(px: f64) -> f64 {
    (px - PADDING_PX).max(1.0)
}

/// The column width (in characters) that holds a text of `px` pixels on one line.
pub fn width_for_px(px: f64) -> f64 {
    ((px + PADDING_PX - 5.0) / DIGIT_PX).max(1.0)
}

/// The lines a text takes when wrapped in a space `px` pixels wide: lines break at
/// explicit line breaks and between words (greedily, as spreadsheets do); a word longer
/// than the line breaks between characters.
pub fn lines_in_px(text: &str, px: f64, font: &Font) -> usize {
    let avail = usable_px(px);
    let space = text_px(" ", font);
    let mut total = 0;
    for para in text.split('\n') {
        let mut lines = 1;
        let mut used = 0.0;
        for word in para.split(' ') {
            let w = text_px(word, font);
            let need = if used > 0.0 { used + space + w } else { w };
            if need <= avail {
                used = need;
                continue;
            }
            if used > 0.0 {
                lines += 1;
            }
            if w <= avail {
                used = w;
                continue;
            }
            // A word wider than the line: broken between characters.
            used = 0.0;
            for c in word.chars() {
                let cw = text_px(c.encode_utf8(&mut [0; 4]), font);
                if used + cw > avail && used > 0.0 {
                    lines += 1;
                    used = 0.0;
                }
                used += cw;
            }
        }
        total += lines;
    }
    total.max(1)
}

/// The lines a text takes in a wrapped column `width` characters wide.
pub fn lines(text: &str, width: f64, font: &Font) -> usize {
    lines_in_px(text, column_px(width), font)
}

/// The row height (points) that shows `lines` lines in a font: one line in Excel's
/// default 15 points at 11 points, two points of padding from the second line on.
pub fn height_for_lines(lines: usize, font: &Font) -> f64 {
    let pad = if lines > 1 { 2.0 } else { 0.0 };
    (lines as f64 * font.line_height() + pad).max(15.0)
}

/// The row height (points) that shows `lines` lines of a text: CJK lines are taller
/// ([`CJK_LINE_FACTOR`]).
pub fn height_for_text(text: &str, lines: usize, font: &Font) -> f64 {
    // One line of CJK text (15.9 points at 11) sits in a one-line row: its padding
    // takes the point more; from the second line on, every line is taller.
    if lines > 1 && has_wide(text) {
        let pad = if lines > 1 { 2.0 } else { 0.0 };
        (lines as f64 * font.line_height() * CJK_LINE_FACTOR + pad).max(15.0)
    } else {
        height_for_lines(lines, font)
    }
}

/// The row height (points) a text needs in a wrapped column `width` characters wide.
pub fn height(text: &str, width: f64, font: &Font) -> f64 {
    height_for_text(text, lines(text, width, font), font)
}

/// The width (in characters) of the longest word of a text: a wrapped column narrower
/// than this breaks a word in the middle.
pub fn longest_word_width(text: &str, font: &Font) -> f64 {
    let px = text
        .split(['\n', ' '])
        .map(|w| text_px(w, font))
        .fold(0.0, f64::max);
    width_for_px(px)
}

/// The width (in characters) that shows a text on one line.
pub fn one_line_width(text: &str, font: &Font) -> f64 {
    let px = text
        .split('\n')
        .map(|l| text_px(l, font))
        .fold(0.0, f64::max);
    width_for_px(px)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_from_the_font() {
        // Carlito's digits are 1038 units of 2048: about 7.4 px at 11 points.
        let d = text_px("0", &Font::BODY) / MARGIN;
        assert!((d - 7.43).abs() < 0.02, "{d}");
        assert!(text_px("W", &Font::BODY) > text_px("i", &Font::BODY) * 3.0);
        let bold = Font::new(11.0, true, false);
        assert!(text_px("Nécessite", &bold) > text_px("Nécessite", &Font::BODY));
        assert_eq!(char_em('中', &Font::BODY), 1.0);
        // Arabic: shaped letters, marks without width; Cyrillic from Carlito.
        assert_eq!(char_em('ب', &Font::BODY), ARABIC_EM.0);
        assert_eq!(char_em('\u{064E}', &Font::BODY), 0.0);
        assert!(char_em('Ж', &Font::BODY) > 0.5 && char_em('Ж', &Font::BODY) != 0.6);
        // A line of Chinese is taller than a line of Latin text.
        assert!(height_for_text("中文", 3, &Font::BODY) > height_for_text("ab", 3, &Font::BODY));
    }

    #[test]
    fn wrapping_counts_lines_between_words() {
        let f = Font::BODY;
        assert_eq!(lines("", 10.0, &f), 1);
        assert_eq!(lines("short", 20.0, &f), 1);
        assert_eq!(lines("one\ntwo\nthree", 50.0, &f), 3);
        let long = "word ".repeat(40);
        let n = lines(long.trim(), 20.0, &f);
        assert!((9..=14).contains(&n), "{n}");
        // A word longer than the column breaks between characters.
        assert!(lines(&"x".repeat(100), 10.0, &f) >= 6);
        assert!(height("a\nb", 10.0, &f) >= 30.0);
    }
}
