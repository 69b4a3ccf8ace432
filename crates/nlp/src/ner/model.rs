//! The model file: a versioned little-endian binary of the gazetteer and each pass's weights, with a checksum, and its errors.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! magic "ENRICHNER" (9 bytes), version u32, labels u32
//! gazetteer: count u32, then count × (phrase hash u64, lists u8), sorted
//! passes u8; each pass: groups u32, scale f32,
//!     transitions (labels + 1) × labels f32,
//!     count u32, then count × (feature hash u64, labels × i16), sorted
//! checksum u64: xxh3 of every byte before it
//! ```
//!
//! Weights are stored as 16-bit integers times the pass's scale (its largest
//! weight over 32,767), which halves the file at no cost in accuracy.
//! Entries are written in hash order, so the same weights give the same bytes.

use xxhash_rust::xxh3::xxh3_64;

use super::labels::N_LABELS;
use super::name_lists::NameLists;
use super::stage::{Row, Stage};

const MAGIC: &[u8; 9] = b"ENRICHNER";

/// The format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Why model bytes could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with the model magic.
    #[error("not an entity tagger model (bad magic); build one with `enricher train ner`")]
    Magic,
    /// The model was written by another version of the format.
    #[error(
        "entity tagger model format version {found}, this build reads version {VERSION}; retrain with `enricher train ner`"
    )]
    Version { found: u32 },
    /// The model has another label set.
    #[error("entity tagger model has {found} labels, this build uses {N_LABELS}")]
    Labels { found: u32 },
    /// The bytes end before the model does.
    #[error("entity tagger model is truncated (ends inside {0})")]
    Truncated(&'static str),
    /// The checksum does not match: the file is damaged.
    #[error("entity tagger model is corrupt (checksum mismatch)")]
    Checksum,
    /// Bytes follow the checksum, or a count is impossible.
    #[error("entity tagger model is malformed: {0}")]
    Malformed(&'static str),
}

/// The bytes of a model of `gazetteer` and `stages`.
pub fn write(gazetteer: &NameLists, stages: &[&Stage]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
    out.extend_from_slice(&(gazetteer.entries().len() as u32).to_le_bytes());
    for &(key, bits) in gazetteer.entries() {
        out.extend_from_slice(&key.to_le_bytes());
        out.push(bits);
    }
    out.push(stages.len() as u8);
    for stage in stages {
        out.extend_from_slice(&stage.groups().to_le_bytes());
        let scale = stage.scale();
        out.extend_from_slice(&scale.to_le_bytes());
        for row in stage.transitions() {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out.extend_from_slice(&(stage.features().len() as u32).to_le_bytes());
        for (key, row) in stage.features() {
            out.extend_from_slice(&key.to_le_bytes());
            for &w in row {
                out.extend_from_slice(&quantise(w, scale).to_le_bytes());
            }
        }
    }
    let checksum = xxh3_64(&out);
    out.extend_from_slice(&checksum.to_le_bytes());
    out
}

/// `weight` as a multiple of `scale`, in 16 bits.
pub fn quantise(weight: f32, scale: f32) -> i16 {
    (weight / scale).round().clamp(-32767.0, 32767.0) as i16
}

/// The gazetteer and passes in model `bytes`.
pub fn read(bytes: &[u8]) -> Result<(NameLists, Vec<Stage>), ModelError> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(ModelError::Magic);
    }
    let mut reader = Reader {
        bytes,
        at: MAGIC.len(),
    };
    let version = reader.u32("the header")?;
    if version != VERSION {
        return Err(ModelError::Version { found: version });
    }
    let labels = reader.u32("the header")?;
    if labels as usize != N_LABELS {
        return Err(ModelError::Labels { found: labels });
    }
    let Some(body_len) = bytes.len().checked_sub(8) else {
        return Err(ModelError::Truncated("the checksum"));
    };
    let stored = u64::from_le_bytes(
        bytes[body_len..]
            .try_into()
            .map_err(|_| ModelError::Truncated("the checksum"))?,
    );
    if xxh3_64(&bytes[..body_len]) != stored {
        return Err(ModelError::Checksum);
    }
    reader.bytes = &bytes[..body_len];
    let count = reader.count(9, "the gazetteer")?;
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        let key = reader.u64("the gazetteer")?;
        let bits = reader.take(1, "the gazetteer")?[0];
        entries.push((key, bits));
    }
    let gazetteer = NameLists::from_entries(entries);
    let passes = reader.take(1, "the pass count")?[0];
    if !(1..=2).contains(&passes) {
        return Err(ModelError::Malformed("a model has one or two passes"));
    }
    let mut stages = Vec::with_capacity(usize::from(passes));
    for _ in 0..passes {
        let groups = reader.u32("a pass header")?;
        let scale = reader.f32("a pass header")?;
        if !scale.is_finite() {
            return Err(ModelError::Malformed("weight scale is not a finite number"));
        }
        let mut transitions = [[0f32; N_LABELS]; N_LABELS + 1];
        for row in &mut transitions {
            for w in row.iter_mut() {
                *w = reader.f32("the transitions")?;
            }
        }
        let count = reader.count(8 + 2 * N_LABELS, "the weights")?;
        let mut features: Vec<(u64, Row)> = Vec::with_capacity(count);
        for _ in 0..count {
            let key = reader.u64("the weights")?;
            let raw = reader.take(2 * N_LABELS, "the weights")?;
            let row: Row = std::array::from_fn(|l| {
                f32::from(i16::from_le_bytes([raw[2 * l], raw[2 * l + 1]])) * scale
            });
            features.push((key, row));
        }
        stages.push(Stage::new(groups, features, transitions));
    }
    if reader.at != reader.bytes.len() {
        return Err(ModelError::Malformed("bytes after the last pass"));
    }
    Ok((gazetteer, stages))
}

/// Reads fields from the front of a byte slice, failing with where it stopped.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Truncated(what))?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(ModelError::Truncated(what))?;
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, ModelError> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f32(&mut self, what: &'static str) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32(what)?))
    }

    fn u64(&mut self, what: &'static str) -> Result<u64, ModelError> {
        let b = self.take(8, what)?;
        let mut array = [0u8; 8];
        array.copy_from_slice(b);
        Ok(u64::from_le_bytes(array))
    }

    /// A count of records of `size` bytes each, checked against what is
    /// left, so a damaged count cannot make the reader allocate wildly.
    fn count(&mut self, size: usize, what: &'static str) -> Result<usize, ModelError> {
        let count = self.u32(what)? as usize;
        let left = self.bytes.len() - self.at;
        if count.saturating_mul(size) > left {
            return Err(ModelError::Truncated(what));
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let gazetteer = NameLists::from_entries([(7, 1), (3, 2)]);
        let mut transitions = [[0f32; N_LABELS]; N_LABELS + 1];
        transitions[0][1] = -0.5;
        let mut row = [0f32; N_LABELS];
        row[1] = 2.0;
        row[2] = -1.0;
        let stage = Stage::new(5, vec![(42, row), (9, [0.25; N_LABELS])], transitions);
        write(&gazetteer, &[&stage])
    }

    #[test]
    fn a_model_reads_back_what_was_written() {
        let bytes = sample();
        let (gazetteer, stages) = read(&bytes).expect("valid model");
        assert_eq!(gazetteer.entries(), &[(3, 2), (7, 1)]);
        assert_eq!(stages.len(), 1);
        assert_eq!(stages[0].groups(), 5);
        assert_eq!(stages[0].transitions()[0][1], -0.5);
        let features: Vec<(u64, Row)> = stages[0].features().map(|(k, r)| (k, *r)).collect();
        assert_eq!(features[0].0, 9);
        assert!((features[0].1[0] - 0.25).abs() < 1e-3);
        assert_eq!(features[1].1[1], 2.0);
        assert_eq!(write(&gazetteer, &stages.iter().collect::<Vec<_>>()), bytes);
    }

    #[test]
    fn damaged_bytes_give_clear_errors() {
        let bytes = sample();
        assert_eq!(read(b"").unwrap_err(), ModelError::Magic);
        assert_eq!(read(b"GIF89a....").unwrap_err(), ModelError::Magic);
        let mut flipped = bytes.clone();
        flipped[30] ^= 0x40;
        assert_eq!(read(&flipped).unwrap_err(), ModelError::Checksum);
        let mut future = bytes.clone();
        future[9] = 99;
        assert_eq!(
            read(&future).unwrap_err(),
            ModelError::Version { found: 99 }
        );
        for cut in [10, 17, 20, bytes.len() - 1] {
            assert!(read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }
}
