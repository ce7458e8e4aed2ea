//! The `About` sheet of the comparison: engine, output format, framework (id, version,
//! content hash, note), units, options, and every input file with its SHA-256.

use super::Ctx;
use crate::cells::TextCells;
use crate::i18n::msg;
use crate::report::sheets::{text_height, write_fields};

use rust_xlsxwriter::{Worksheet, XlsxError};

/// Writes the sheet.
pub(super) fn write(ws: &mut Worksheet, x: &Ctx) -> Result<(), XlsxError> {
    let (fw, c, lang, st) = (x.fw, x.c, x.lang, x.st);
    let m = |k: &str| msg(lang, k);
    let rows: Vec<(&str, String)> = vec![
        (
            m("compare.about.engine"),
            format!("mgi {}", env!("CARGO_PKG_VERSION")),
        ),
        (m("compare.about.schema"), "mgi.compare/1".into()),
        (m("compare.about.framework"), fw.id.clone()),
        (m("compare.about.framework_version"), fw.version.clone()),
        (m("compare.about.framework_hash"), fw.content_hash.clone()),
        (
            m("compare.about.framework_note"),
            fw.text(&fw.about, lang).into(),
        ),
        (m("compare.about.units"), c.units.len().to_string()),
        (m("compare.about.options"), x.opts.options.clone()),
        (m("compare.about.note"), m("compare.about.note_text").into()),
    ];
    write_fields(ws, &rows, lang, st)?;
    let mut row = rows.len() as u32 + 2;
    ws.write_text_with_format(row, 0, m("compare.about.inputs"), &st.heading)?;
    row += 1;
    ws.write_text_with_format(row, 0, m("compare.about.input_file"), &st.header)?;
    ws.write_text_with_format(row, 1, m("compare.about.sha256"), &st.header)?;
    for f in &x.opts.inputs {
        row += 1;
        ws.write_text_with_format(row, 0, &f.path, &st.wrap)?;
        match &f.sha256 {
            Some(h) => ws.write_text_with_format(row, 1, h, &st.plain)?,
            None => ws.write_text_with_format(row, 1, m("compare.about.unreadable"), &st.muted)?,
        };
        ws.set_row_height(row, text_height(&f.path, 30.0))?;
    }
    Ok(())
}
