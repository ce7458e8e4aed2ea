//! The compound file (OLE) container of xls workbooks and of password-protected
//! OOXML packages, checked the way calamine walks it: every sector chain it follows
//! (the directory, the mini stream, the mini allocation table, a stream it reads) must
//! end, stay inside the file and point at allocation entries that exist. A chain that
//! loops would otherwise grow a buffer until memory runs out.

use super::{Refusal, u16_at, u32_at, u64_at};

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

/// A directory entry.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stream or storage name.
    pub name: String,
    start: u32,
    len: u64,
}

/// A checked compound file.
#[derive(Debug)]
pub struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    maxid: u32,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
    /// Directory entries, in file order.
    pub entries: Vec<Entry>,
}

fn damaged(what: impl Into<String>) -> Refusal {
    Refusal::Damaged(what.into())
}

/// The u32 values of a byte slice.
fn words(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

impl<'a> Compound<'a> {
    /// Sector `id` as calamine reads it: after the header sector, possibly short at
    /// the end of the file.
    fn sector(&self, id: u32) -> Result<&'a [u8], Refusal> {
        if id > self.maxid {
            return Err(damaged(format!(
                "sector {id} of the compound file is past its end"
            )));
        }
        let start = (id as usize + 1) * self.sector;
        let end = (start + self.sector).min(self.bytes.len());
        Ok(self.bytes.get(start..end).unwrap_or(&[]))
    }

    /// Follows a chain in `table` from `start` until `len` bytes are read or it ends;
    /// `read` gives a sector's bytes. Refuses a chain that loops, leaves the file, or
    /// names an allocation entry that does not exist.
    fn chain(
        &self,
        what: &str,
        start: u32,
        len: u64,
        table: &[u32],
        unit: usize,
        read: &dyn Fn(u32) -> Result<Vec<u8>, Refusal>,
    ) -> Result<Vec<u8>, Refusal> {
        let mut out = Vec::new();
        let mut seen = vec![false; table.len()];
        let mut id = start;
        while id != ENDOFCHAIN {
            let bytes = read(id)?;
            let room = (len as usize).saturating_sub(out.len());
            out.extend_from_slice(&bytes[..bytes.len().min(room)]);
            if out.len() as u64 >= len {
                break;
            }
            let k = id as usize;
            if k >= table.len() {
                return Err(damaged(format!(
                    "the {what} chain of the compound file names sector {id}, which has no allocation entry"
                )));
            }
            if seen[k] {
                return Err(damaged(format!(
                    "the {what} chain of the compound file loops back to sector {id}"
                )));
            }
            seen[k] = true;
            id = table[k];
            if bytes.len() < unit && id != ENDOFCHAIN {
                return Err(damaged(format!(
                    "the {what} chain of the compound file runs past the end of the file"
                )));
            }
        }
        Ok(out)
    }

    /// Opens and checks a compound file.
    pub fn open(bytes: &'a [u8]) -> Result<Self, Refusal> {
        let head = bytes
            .get(..512)
            .ok_or_else(|| damaged("the compound file is shorter than its 512-byte header"))?;
        let version = u16_at(head, 26).unwrap_or(0);
        let sector = match u16_at(head, 30) {
            Some(9) => 512,
            Some(12) if bytes.len() >= 4096 => 4096,
            Some(12) => {
                return Err(damaged(
                    "the compound file is shorter than its 4096-byte header",
                ));
            }
            other => {
                return Err(damaged(format!(
                    "the compound file's sector shift is {}; expected 9 or 12",
                    other.unwrap_or(0)
                )));
            }
        };
        if u16_at(head, 32) != Some(6) {
            return Err(damaged("the compound file's mini sector shift is not 6"));
        }
        let maxid = (bytes.len() / sector).min(u32::MAX as usize) as u32;
        let mut c = Compound {
            bytes,
            sector,
            maxid,
            fat: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
            entries: Vec::new(),
        };
        // The sector allocation table, listed by the header and the DIFAT chain.
        let mut difat: Vec<u32> = words(&head[76..512]).collect();
        let mut id = u32_at(head, 68).unwrap_or(ENDOFCHAIN);
        let mut steps = 0u64;
        while id < RESERVED {
            steps += 1;
            if steps > maxid as u64 + 1 {
                return Err(damaged("the compound file's DIFAT chain does not end"));
            }
            difat.extend(words(c.sector(id)?));
            id = difat
                .pop()
                .ok_or_else(|| damaged("the compound file's DIFAT chain is empty"))?;
        }
        let mut fat = Vec::new();
        for id in difat.into_iter().filter(|id| *id < DIFSECT) {
            fat.extend(words(c.sector(id)?));
        }
        c.fat = fat;
        // The directory.
        let dir_start = u32_at(head, 48).unwrap_or(ENDOFCHAIN);
        let fat = c.fat.clone();
        let read = |id: u32| c.sector(id).map(<[u8]>::to_vec);
        let dirs = c.chain("directory", dir_start, u64::MAX, &fat, sector, &read)?;
        let entries: Vec<Entry> = dirs
            .chunks_exact(128)
            .map(|e| {
                let units: Vec<u16> = e[..64]
                    .chunks_exact(2)
                    .map(|p| u16::from_le_bytes([p[0], p[1]]))
                    .take_while(|u| *u != 0)
                    .collect();
                Entry {
                    name: String::from_utf16_lossy(&units),
                    start: u32_at(e, 116).unwrap_or(ENDOFCHAIN),
                    len: if sector == 512 {
                        u32_at(e, 120).unwrap_or(0) as u64
                    } else {
                        u64_at(e, 120).unwrap_or(0)
                    },
                }
            })
            .collect();
        let Some(root) = entries.first().cloned() else {
            return Err(damaged("the compound file's directory is empty"));
        };
        if version != 3 && root.start == ENDOFCHAIN {
            return Err(damaged("the compound file's root entry has no stream"));
        }
        // The mini stream and its allocation table.
        let mini_fat_len = u32_at(head, 64).unwrap_or(0) as u64;
        if mini_fat_len > 0 {
            let ministream = c.chain("mini stream", root.start, root.len, &fat, sector, &read)?;
            let mini_start = u32_at(head, 60).unwrap_or(ENDOFCHAIN);
            let minifat = c.chain(
                "mini allocation table",
                mini_start,
                mini_fat_len.saturating_mul(sector as u64),
                &fat,
                sector,
                &read,
            )?;
            c.mini_fat = words(&minifat).collect();
            c.mini_stream = ministream;
        }
        c.entries = entries;
        Ok(c)
    }

    /// Whether a stream of that name (any case) is in the directory.
    pub fn has(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// A stream's bytes, read as calamine reads it (from the mini stream when shorter
    /// than 4096 bytes); `None` when there is no such stream.
    pub fn stream(&self, name: &str) -> Option<Result<Vec<u8>, Refusal>> {
        let e = self
            .entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))?;
        Some(if e.len < 4096 {
            let mini = &self.mini_stream;
            let mini_max = self.maxid as u64 * 8;
            let read = |id: u32| -> Result<Vec<u8>, Refusal> {
                if id as u64 > mini_max {
                    return Err(damaged(format!(
                        "mini sector {id} of the compound file is past its end"
                    )));
                }
                let start = id as usize * 64;
                Ok(mini
                    .get(start..(start + 64).min(mini.len()))
                    .unwrap_or(&[])
                    .to_vec())
            };
            self.chain(name, e.start, e.len, &self.mini_fat, 0, &read)
        } else {
            let read = |id: u32| self.sector(id).map(<[u8]>::to_vec);
            self.chain(name, e.start, e.len, &self.fat, self.sector, &read)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file of one stream written by the `cfb` crate reads back.
    #[test]
    fn reads_what_cfb_writes() {
        let mut c = ::cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        std::io::Write::write_all(&mut c.create_stream("/Workbook").unwrap(), &data).unwrap();
        std::io::Write::write_all(&mut c.create_stream("/Small").unwrap(), b"tiny").unwrap();
        c.flush().unwrap();
        let bytes = c.into_inner().into_inner();
        let f = Compound::open(&bytes).unwrap();
        assert_eq!(f.stream("workbook").unwrap().unwrap(), data);
        assert_eq!(f.stream("Small").unwrap().unwrap(), b"tiny");
        assert!(f.stream("nothing").is_none());
    }

    /// A directory chain that points at itself is refused, not followed for ever.
    #[test]
    fn a_looping_chain_is_refused() {
        let mut c = ::cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        std::io::Write::write_all(&mut c.create_stream("/Workbook").unwrap(), &[7u8; 5000])
            .unwrap();
        std::io::Write::write_all(&mut c.create_stream("/Small").unwrap(), b"tiny").unwrap();
        c.flush().unwrap();
        let mut bytes = c.into_inner().into_inner();
        Compound::open(&bytes).unwrap();
        let dir = u32_at(&bytes, 48).unwrap() as usize;
        // Point the directory sector's FAT entry at itself.
        let fat_sector = u32_at(&bytes, 76).unwrap() as usize;
        let size = 1usize << u16_at(&bytes, 30).unwrap();
        let at = (fat_sector + 1) * size + dir * 4;
        bytes[at..at + 4].copy_from_slice(&(dir as u32).to_le_bytes());
        match Compound::open(&bytes) {
            Err(Refusal::Damaged(m)) => assert!(m.contains("loops"), "{m}"),
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("a looping directory chain was followed"),
        }
    }
}
