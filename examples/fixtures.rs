//! Writes the fixture workbooks under `fixtures/` (fictional countries only).
//!
//! ```sh
//! cargo run --example fixtures
//! ```

#[path = "../src/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;
#[path = "../src/synth.rs"]
#[allow(dead_code)]
mod synth;

use fixtures::{messy, styled, wide_csv};
use mgi::rules::Rules;
use std::path::Path;
use synth::AnswerStyle;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rules = Rules::bundled();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    std::fs::create_dir_all(&dir)?;
    let mut written = Vec::new();
    let mut put = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        std::fs::write(dir.join(name), bytes)?;
        written.push(name.to_string());
        Ok(())
    };
    for (fw_id, index, lang, style) in [
        ("sdg-10-7-2", 0, "en", AnswerStyle::Codes),
        ("sdg-10-7-2", 1, "fr", AnswerStyle::Labels("fr")),
        ("sdg-10-7-2", 2, "es", AnswerStyle::Messy),
        ("micic", 0, "en", AnswerStyle::Labels("en")),
        ("micic", 1, "fr", AnswerStyle::Labels("fr")),
        ("mgi", 0, "en", AnswerStyle::Codes),
        ("mgi", 2, "es", AnswerStyle::Labels("es")),
    ] {
        let Some(fw) = rules.get(fw_id) else { continue };
        let code = synth::unit_code(index).expect("code");
        let bytes = styled(fw, index, lang, style, |o| {
            o.dont_know = 0.03;
            o.not_applicable = 0.02;
        })?;
        put(&format!("{code}-2026-{fw_id}.xlsx"), &bytes)?;
    }
    if let Some(fw) = rules.get("sdg-10-7-2") {
        let (bytes, _) = messy(fw)?;
        put("XAD-2026-sdg-10-7-2-messy.xlsx", &bytes)?;
        put("countries-sdg-10-7-2.csv", wide_csv(fw, 6).as_bytes())?;
    }
    for w in written {
        println!("wrote fixtures/{w}");
    }
    Ok(())
}
