//! Cell formats and page setup shared by every workbook the tool writes.

use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet};

/// The formats of report sheets.
pub struct Styles {
    /// Sheet title.
    pub title: Format,
    /// Line under the title.
    pub subtitle: Format,
    /// Section heading.
    pub heading: Format,
    /// Table header.
    pub header: Format,
    /// Plain cell.
    pub plain: Format,
    /// Wrapped text.
    pub wrap: Format,
    /// Bold wrapped text.
    pub bold_wrap: Format,
    /// Score shown with one decimal.
    pub score: Format,
    /// Points shown with two decimals.
    pub points: Format,
    /// Share shown as a percentage.
    pub percent: Format,
    /// Large percentage (overall coverage).
    pub big_percent: Format,
    /// Grey italic.
    pub muted: Format,
    /// Long explanatory note.
    pub note: Format,
    /// Large label (overall score line).
    pub big_label: Format,
    /// Star of critical indicators.
    pub critical: Format,
    /// An error severity.
    pub error: Format,
    /// A cell for the user to fill.
    pub input: Format,
}

fn border(f: Format) -> Format {
    f.set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xD9D9D9))
        .set_align(FormatAlign::Top)
}

impl Styles {
    /// The standard formats.
    pub fn new() -> Self {
        Styles {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(Color::RGB(0x1F3864)),
            subtitle: Format::new()
                .set_font_size(12)
                .set_font_color(Color::RGB(0x404040)),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(0x1F3864)),
            header: border(
                Format::new()
                    .set_bold()
                    .set_font_color(Color::White)
                    .set_background_color(Color::RGB(0x1F3864))
                    .set_text_wrap(),
            ),
            plain: border(Format::new()),
            wrap: border(Format::new().set_text_wrap()),
            bold_wrap: border(Format::new().set_bold().set_text_wrap()),
            score: border(Format::new().set_num_format("0.0")),
            points: border(Format::new().set_num_format("0.00")),
            percent: border(Format::new().set_num_format("0%")),
            big_percent: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_num_format("0%")
                .set_align(FormatAlign::VerticalCenter),
            muted: border(
                Format::new()
                    .set_italic()
                    .set_font_color(Color::RGB(0x7F7F7F)),
            ),
            note: Format::new()
                .set_text_wrap()
                .set_italic()
                .set_font_color(Color::RGB(0x404040))
                .set_align(FormatAlign::Top),
            big_label: Format::new()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::VerticalCenter),
            critical: border(
                Format::new()
                    .set_font_color(Color::RGB(0xC00000))
                    .set_align(FormatAlign::Center),
            ),
            error: border(
                Format::new()
                    .set_bold()
                    .set_font_color(Color::RGB(0xC00000)),
            ),
            input: border(Format::new().set_background_color(Color::RGB(0xFFF9E5))),
        }
    }

    /// The same formats with a large score.
    pub fn with_big(&self) -> Styles {
        let mut s = Styles::new();
        s.score = Format::new()
            .set_bold()
            .set_font_size(20)
            .set_num_format("0.0")
            .set_align(FormatAlign::VerticalCenter);
        s
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// Lines a text takes in a wrapped column `width` characters wide.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.25).max(1.0) as usize;
    text.split('\n')
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum::<usize>()
        .max(1)
}

/// Row height (points) for a wrapped text in a column `width` characters wide.
pub fn wrapped_height(text: &str, width: f64) -> f64 {
    15.0 * wrapped_lines(text, width) as f64 + 1.0
}

/// The creation time of a workbook, from the assessment (its date, else 1 January of its
/// period), never from the clock.
pub fn creation_time(date: &str, period: &str) -> ExcelDateTime {
    let ymd = |s: &str| -> Option<ExcelDateTime> {
        let p: Vec<u16> = s
            .get(..10)?
            .split('-')
            .filter_map(|x| x.parse().ok())
            .collect();
        match p.as_slice() {
            [y, m, d] => ExcelDateTime::from_ymd(*y, *m as u8, *d as u8).ok(),
            _ => None,
        }
    };
    ymd(date)
        .or_else(|| {
            period
                .get(..4)
                .and_then(|y| y.parse::<u16>().ok())
                .and_then(|y| ExcelDateTime::from_ymd(y, 1, 1).ok())
        })
        .unwrap_or_else(|| ExcelDateTime::from_ymd(2026, 1, 1).expect("valid date"))
}

/// Page setup: A4, landscape when wide, fitted to the page width, header row repeated,
/// footer with the page number.
pub fn sheet_setup(ws: &mut Worksheet, header: &str, lang: &str, landscape: bool) {
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    let _ = ws.set_repeat_rows(0, 0);
    ws.set_header(format!("&L{}", header.replace('&', "&&")));
    ws.set_footer(format!(
        "&Lmgi&R{} &P / &N",
        crate::i18n::msg(lang, "report.page")
    ));
}
