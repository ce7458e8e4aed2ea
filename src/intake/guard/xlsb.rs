//! xlsb packages, checked before calamine reads them: every record of every binary
//! part must fit in what is left of its part (calamine sizes its buffer from the
//! record's declared length before reading it), a sheet's dimension record and the
//! shared-string table's header must be long enough to read, and the count of shared
//! strings must be within the budget. Cells are read sparsely, so a dimension that
//! claims the last cell of the sheet costs nothing.

use super::Refusal;
use super::zip::Zip;
use crate::intake::budget::{Budgets, count};
use std::io::Read;

/// Checks every `.bin` part a reader inflates.
pub fn check(zip: &mut Zip<'_>, b: &Budgets) -> Result<(), Refusal> {
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .filter(|n| {
            let l = n.to_ascii_lowercase();
            l.ends_with(".bin") && !l.ends_with("vbaproject.bin") && !l.contains("/embeddings/")
        })
        .collect();
    for name in names {
        let Ok(f) = zip.by_name(&name) else { continue };
        let size = f.size();
        check_part(f, size, &name, b)?;
    }
    Ok(())
}

/// A record type (up to 2 bytes) or length (up to 4 bytes) and how many bytes it took;
/// `None` at the end of the part, `Some(None)` when cut short.
fn varint(r: &mut impl Read, max_bytes: usize) -> Option<Option<(u32, u64)>> {
    let mut v = 0u32;
    let mut used = 0;
    for i in 0..max_bytes {
        let mut byte = [0u8];
        match r.read(&mut byte) {
            Ok(1) => {}
            // The end of the part between records.
            _ if i == 0 => return None,
            _ => return Some(None),
        }
        v |= ((byte[0] & 0x7F) as u32) << (7 * i);
        used += 1;
        if byte[0] & 0x80 == 0 {
            break;
        }
    }
    Some(Some((v, used)))
}

fn check_part(part: impl Read, size: u64, name: &str, b: &Budgets) -> Result<(), Refusal> {
    let mut r = std::io::BufReader::new(part);
    let mut offset = 0u64;
    let mut record = Vec::new();
    let damaged = |what: String| Refusal::Damaged(format!("{what} in part {name}"));
    loop {
        let start = offset;
        let (typ, a) = match varint(&mut r, 2) {
            None => break,
            Some(None) => return Err(damaged(format!("a record type cut short at byte {start}"))),
            Some(Some(t)) => t,
        };
        let (len, b2) = match varint(&mut r, 4) {
            Some(Some((l, n))) => (l as u64, n),
            _ => {
                return Err(damaged(format!(
                    "a record length cut short at byte {start}"
                )));
            }
        };
        offset = start + a + b2;
        if len > size.saturating_sub(offset) {
            return Err(damaged(format!(
                "record {typ:#06x} at byte {start} declares {len} bytes, more than the {} left",
                size.saturating_sub(offset)
            )));
        }
        // Keep the records whose content is checked; skip the rest.
        let wanted = matches!(typ, 0x009F | 0x0094);
        if wanted {
            record.clear();
            (&mut r).take(len).read_to_end(&mut record).map_err(|e| {
                damaged(format!(
                    "record {typ:#06x} at byte {start} cannot be read ({e})"
                ))
            })?;
        } else {
            std::io::copy(&mut (&mut r).take(len), &mut std::io::sink()).map_err(|e| {
                damaged(format!(
                    "record {typ:#06x} at byte {start} cannot be read ({e})"
                ))
            })?;
        }
        offset += len;
        match typ {
            // BrtBeginSst: total and unique counts.
            0x009F => {
                if record.len() < 8 {
                    return Err(damaged(format!(
                        "the shared-string header is {} bytes; expected 8",
                        record.len()
                    )));
                }
                let unique = super::u32_at(&record, 4).unwrap_or(0) as u64;
                if unique > b.shared_strings {
                    return Err(Refusal::Part {
                        part: name.to_string(),
                        detail: format!(
                            "declares {} shared strings, over the budget of {}",
                            count(unique),
                            count(b.shared_strings)
                        ),
                    });
                }
            }
            // BrtWsDim: four 4-byte row and column bounds.
            0x0094 if record.len() < 16 => {
                return Err(damaged(format!(
                    "the sheet dimension record is {} bytes; expected 16",
                    record.len()
                )));
            }
            _ => {}
        }
    }
    Ok(())
}
