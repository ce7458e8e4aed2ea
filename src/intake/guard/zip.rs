//! Zip packages (xlsx, xlsm, xlsb, ods): every part a reader inflates is held to the
//! budgets from the central directory, before anything is inflated. The zip reader
//! stops any part at the size its directory declares, so a part that lies about its
//! size fails as damaged instead of inflating further.

use super::Refusal;
use crate::intake::budget::{Budgets, bytes};
use std::io::{Cursor, Read};

/// A zip package opened for checking.
pub type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Opens a zip package; `None` when the bytes are not one.
pub fn open(bytes: &[u8]) -> Option<Zip<'_>> {
    zip::ZipArchive::new(Cursor::new(bytes)).ok()
}

/// Whether a part is one that a reader inflates (markup and binary sheet parts, not
/// pictures, embedded objects or macros, which nothing here reads).
fn inflated_by_readers(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let kind = lower.ends_with(".xml")
        || lower.ends_with(".rels")
        || lower.ends_with(".bin")
        || lower == "mimetype";
    kind && !lower.ends_with("vbaproject.bin")
        && !lower.contains("/embeddings/")
        && !lower.contains("/media/")
        && !lower.contains("/activex/")
}

/// Checks the declared inflated size and ratio of every part a reader inflates.
pub fn check_parts(zip: &Zip<'_>, b: &Budgets) -> Result<(), Refusal> {
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_data(i) else {
            continue;
        };
        let Ok(name) = entry.name() else { continue };
        if !inflated_by_readers(&name) {
            continue;
        }
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        if size > b.part_bytes {
            return Err(Refusal::Part {
                part: name.to_string(),
                detail: format!(
                    "inflates to {}, over the budget of {} per part",
                    bytes(size),
                    bytes(b.part_bytes)
                ),
            });
        }
        let ratio = size / packed;
        if size > b.ratio_floor && ratio > b.part_ratio {
            return Err(Refusal::Part {
                part: name.to_string(),
                detail: format!(
                    "inflates from {} to {} (a ratio of {ratio} to 1), over the budget of {} to 1 for a part of more than {}; this is how a zip bomb is made",
                    bytes(packed),
                    bytes(size),
                    b.part_ratio,
                    bytes(b.ratio_floor)
                ),
            });
        }
    }
    Ok(())
}

/// Whether the package holds a part of that name.
pub fn has(zip: &Zip<'_>, name: &str) -> bool {
    zip.index_for_name(name).is_some()
}

/// Inflates a part whose size [`check_parts`] has checked; `None` when it is missing
/// or damaged.
pub fn read(zip: &mut Zip<'_>, name: &str, cap: u64) -> Option<Vec<u8>> {
    let f = zip.by_name(name).ok()?;
    let mut out = Vec::with_capacity(f.size().min(cap) as usize);
    f.take(cap).read_to_end(&mut out).ok()?;
    Some(out)
}

/// The first `n` bytes of a part once inflated (fewer when it is shorter).
pub fn head(zip: &mut Zip<'_>, name: &str, n: u64) -> Option<Vec<u8>> {
    let f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    // A short or damaged part gives what it has; the reader reports the damage.
    let _ = f.take(n).read_to_end(&mut out);
    Some(out)
}

/// xlsx: the count of shared strings the package declares (`<sst uniqueCount=...>`),
/// which the reader reserves room for, must be within the budget and possible for the
/// part's size (each string takes at least 5 bytes of markup).
pub fn check_shared_strings(zip: &mut Zip<'_>, part: &str, b: &Budgets) -> Result<(), Refusal> {
    let Some(size) = zip
        .index_for_name(part)
        .and_then(|i| zip.by_index_data(i).ok().map(|e| e.size()))
    else {
        return Ok(());
    };
    let Some(mut start) = head(zip, part, 1024) else {
        return Ok(());
    };
    let mut declared = declared_count(&start);
    if declared.is_none() && start.len() == 1024 {
        start = head(zip, part, 64 << 10).unwrap_or_default();
        declared = declared_count(&start);
        if declared.is_none() && start.len() == 64 << 10 {
            return Err(Refusal::Part {
                part: part.to_string(),
                detail: "does not begin with its header (<sst ...>) within its first 64 KiB".into(),
            });
        }
    }
    let Some(count) = declared else {
        return Ok(());
    };
    let possible = size / 5 + 1;
    if count > b.shared_strings || count > possible {
        return Err(Refusal::Part {
            part: part.to_string(),
            detail: format!(
                "declares {} shared strings, over the budget of {}{}",
                crate::intake::budget::count(count),
                crate::intake::budget::count(b.shared_strings),
                if count > possible {
                    format!(" and more than its {} can hold", bytes(size))
                } else {
                    String::new()
                }
            ),
        });
    }
    Ok(())
}

/// The `uniqueCount` (or, without it, `count`) of the first `sst` element.
fn declared_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let start = text.find("sst ").or_else(|| text.find("sst\n"))?;
    let tag = &text[start..start + text[start..].find('>')?];
    for attr in ["uniqueCount", "count"] {
        let key = format!("{attr}=");
        let mut from = 0;
        while let Some(i) = tag[from..].find(&key) {
            let at = from + i;
            from = at + key.len();
            // `count=` inside `uniqueCount=` is not the count attribute.
            if attr == "count" && at > 0 && tag.as_bytes()[at - 1].is_ascii_alphabetic() {
                continue;
            }
            let rest = &tag[at + key.len()..];
            let quote = rest.chars().next()?;
            let value = rest[1..].split(quote).next()?;
            // A count too long for a number is still a count: it is over any budget.
            let digits: String = value
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            if digits.is_empty() {
                return None;
            }
            return Some(digits.parse::<u64>().unwrap_or(u64::MAX));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn shared_string_counts() {
        assert_eq!(
            super::declared_count(br#"<?xml?><sst xmlns="x" count="12" uniqueCount="7">"#),
            Some(7)
        );
        assert_eq!(super::declared_count(br#"<sst count="12">"#), Some(12));
        assert_eq!(
            super::declared_count(br#"<sst uniqueCount='99999999999999999999999'>"#),
            Some(u64::MAX)
        );
        assert_eq!(super::declared_count(b"<sst>"), None);
    }
}
