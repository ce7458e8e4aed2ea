//! Cell formats and page setup shared by every workbook the tool writes (the template
//! and the reports). A [`Style`] is a rust_xlsxwriter [`Format`] together with the font
//! and wrapping it sets, so that the writer can size rows and columns from the text.

use super::fit::{self, Font};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet};

/// A cell format and what it sets that decides the room text takes.
#[derive(Debug, Clone)]
pub struct Style {
    /// The format written.
    pub format: Format,
    /// Its font.
    pub font: Font,
    /// Whether text wraps.
    pub wrap: bool,
}

impl std::ops::Deref for Style {
    type Target = Format;
    fn deref(&self) -> &Format {
        &self.format
    }
}

impl Style {
    /// A style in the body font, not wrapped.
    pub fn new(format: Format) -> Style {
        Style {
            format,
            font: Font::BODY,
            wrap: false,
        }
    }

    /// Bold text (the format and the metrics).
    pub fn bold(mut self) -> Style {
        self.format = self.format.set_bold();
        self.font.bold = true;
        self
    }

    /// Italic text.
    pub fn italic(mut self) -> Style {
        self.format = self.format.set_italic();
        self.font.italic = true;
        self
    }

    /// A font size in points.
    pub fn size(mut self, points: f64) -> Style {
        self.format = self.format.set_font_size(points);
        self.font.size = points;
        self
    }

    /// Wrapped text.
    pub fn wrapped(mut self) -> Style {
        self.format = self.format.set_text_wrap();
        self.wrap = true;
        self
    }

    /// Any other change of the format that does not change the room text takes.
    pub fn with(mut self, f: impl FnOnce(Format) -> Format) -> Style {
        self.format = f(self.format);
        self
    }
}

/// The formats of report and template sheets.
pub struct Styles {
    /// Sheet title.
    pub title: Style,
    /// Line under the title.
    pub subtitle: Style,
    /// Section heading.
    pub heading: Style,
    /// Table header.
    pub header: Style,
    /// Plain cell.
    pub plain: Style,
    /// Wrapped text.
    pub wrap: Style,
    /// Bold wrapped text.
    pub bold_wrap: Style,
    /// Score shown with one decimal.
    pub score: Style,
    /// Points shown with two decimals.
    pub points: Style,
    /// Share shown as a percentage.
    pub percent: Style,
    /// Large percentage (overall coverage).
    pub big_percent: Style,
    /// Grey italic.
    pub muted: Style,
    /// Grey italic, wrapped.
    pub muted_wrap: Style,
    /// Long explanatory note.
    pub note: Style,
    /// Large label (overall score line).
    pub big_label: Style,
    /// Large score.
    pub big_score: Style,
    /// Star of critical indicators.
    pub critical: Style,
    /// An error severity.
    pub error: Style,
    /// A cell for the user to fill.
    pub input: Style,
    /// A group heading row of a table (bold on a pale band).
    pub group: Style,
}

fn border(f: Format) -> Format {
    f.set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xD9D9D9))
        .set_align(FormatAlign::Top)
}

/// Dark blue of titles and headers.
pub const NAVY: u32 = 0x1F3864;

impl Styles {
    /// The standard formats.
    pub fn new() -> Self {
        let bordered = || Style::new(border(Format::new()));
        Styles {
            title: Style::new(Format::new().set_font_color(Color::RGB(NAVY)))
                .bold()
                .size(16.0),
            subtitle: Style::new(Format::new().set_font_color(Color::RGB(0x404040))).size(12.0),
            heading: Style::new(Format::new().set_font_color(Color::RGB(NAVY)))
                .bold()
                .size(12.0),
            header: bordered()
                .with(|f| {
                    f.set_font_color(Color::White)
                        .set_background_color(Color::RGB(NAVY))
                })
                .bold()
                .wrapped(),
            plain: bordered(),
            wrap: bordered().wrapped(),
            bold_wrap: bordered().bold().wrapped(),
            score: bordered().with(|f| f.set_num_format("0.0")),
            points: bordered().with(|f| f.set_num_format("0.00")),
            percent: bordered().with(|f| f.set_num_format("0%")),
            big_percent: Style::new(
                Format::new()
                    .set_num_format("0%")
                    .set_align(FormatAlign::VerticalCenter),
            )
            .bold()
            .size(14.0),
            muted: bordered()
                .with(|f| f.set_font_color(Color::RGB(0x7F7F7F)))
                .italic(),
            muted_wrap: bordered()
                .with(|f| f.set_font_color(Color::RGB(0x7F7F7F)))
                .italic()
                .wrapped(),
            note: Style::new(
                Format::new()
                    .set_font_color(Color::RGB(0x404040))
                    .set_align(FormatAlign::Top),
            )
            .italic()
            .wrapped(),
            big_label: Style::new(Format::new().set_align(FormatAlign::VerticalCenter))
                .bold()
                .size(14.0)
                .wrapped(),
            big_score: Style::new(
                Format::new()
                    .set_num_format("0.0")
                    .set_align(FormatAlign::VerticalCenter)
                    .set_align(FormatAlign::Left),
            )
            .bold()
            .size(20.0),
            critical: bordered().with(|f| {
                f.set_font_color(Color::RGB(0xC00000))
                    .set_align(FormatAlign::Center)
            }),
            error: bordered()
                .with(|f| f.set_font_color(Color::RGB(0xC00000)))
                .bold(),
            input: bordered()
                .with(|f| f.set_background_color(Color::RGB(0xFFF9E5)))
                .wrapped(),
            group: bordered()
                .with(|f| f.set_background_color(Color::RGB(0xD9E1F2)))
                .bold()
                .wrapped(),
        }
    }

    /// The same formats with a large score (the overall score line).
    pub fn with_big(&self) -> Styles {
        let mut s = Styles::new();
        s.score = s.big_score.clone();
        s
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// Lines a text takes in a wrapped column `width` characters wide, in the body font.
pub fn wrapped_lines(text: &str, width: f64) -> usize {
    fit::lines(text, width, &Font::BODY)
}

/// Row height (points) for a wrapped text in a column `width` characters wide, in the
/// body font.
pub fn wrapped_height(text: &str, width: f64) -> f64 {
    fit::height(text, width, &Font::BODY)
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

/// Page setup: A4, landscape when wide, fitted to the page width, the first row
/// repeated on every page, a header and a footer with the page number; right to left
/// in Arabic.
pub fn sheet_setup(ws: &mut Worksheet, header: &str, lang: &str, landscape: bool) {
    // Arabic reads from right to left: so do its sheets.
    if lang == "ar" {
        ws.set_right_to_left(true);
    }
    ws.set_paper_size(9);
    if landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    let _ = ws.set_repeat_rows(0, 0);
    let (start, end) = page_sides(lang);
    ws.set_header(format!("&{start}{}", header.replace('&', "&&")));
    ws.set_footer(format!(
        "&{start}mgi&{end}{} &P / &N",
        crate::i18n::msg(lang, "report.page")
    ));
}

/// The page header's and footer's sections where a line starts and ends (`L`, `R`):
/// swapped in Arabic, so the header's title stands above the sheet's first column.
pub fn page_sides(lang: &str) -> (char, char) {
    if lang == "ar" { ('R', 'L') } else { ('L', 'R') }
}
