//! The file format of `models/topics.bin`: the output topics, the seventeen-topic model, the calibration and the taxonomy lexicon, little-endian, in sorted order so the same model always writes the same bytes.
//!
//! ```text
//! magic "enricher-topics-2\n"
//! f32 temperature, f32 min_score
//! u32 node count; per node: str code, str label, u8 level, u16 parent (0xffff: none)
//! u16 class count K; per class: u16 node
//! K x f32 bias
//! u8 lexicon features (0 or 1); if 1: 17 x K x f32 weights
//! u32 term count; per term (by hash): u64 hash, K x f16 weight
//! u32 lexicon term count; per term (by hash): u64 hash, u8 n, n x (u16 node, f32 weight)
//! ```
//! A `str` is a u16 byte length and UTF-8 bytes. Term weights are stored as
//! IEEE half floats (three significant digits are more than the averaged
//! weights carry), which halves the file.

use half::f16;

use super::lexicon::{Lexicon, Node};
use super::linear::{LEXICON_FEATURES, LinearModel};

const MAGIC: &[u8] = b"enricher-topics-2\n";

/// No parent, in the file.
const NO_PARENT: u16 = u16::MAX;

/// Everything a [`super::TopicClassifier`] is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelParts {
    pub nodes: Vec<Node>,
    /// The node of each class of `model`.
    pub classes: Vec<u16>,
    pub model: LinearModel,
    pub lexicon: Lexicon,
    /// Logits are divided by this before the softmax.
    pub temperature: f32,
    /// Below this best score an article gets no topic.
    pub min_score: f32,
}

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a topics model (bad magic)")]
    Magic,
    #[error("the topics model ends early")]
    Truncated,
    #[error("the topics model is inconsistent: {0}")]
    Invalid(&'static str),
}

/// The bytes of a model. Term weights are rounded to half floats, so a
/// model read back from its bytes writes the same bytes.
pub fn write(parts: &ModelParts) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&parts.temperature.to_le_bytes());
    out.extend_from_slice(&parts.min_score.to_le_bytes());
    out.extend_from_slice(&(parts.nodes.len() as u32).to_le_bytes());
    for node in &parts.nodes {
        put_str(&mut out, &node.code);
        put_str(&mut out, &node.label);
        out.push(node.level);
        out.extend_from_slice(&node.parent.unwrap_or(NO_PARENT).to_le_bytes());
    }
    out.extend_from_slice(&(parts.classes.len() as u16).to_le_bytes());
    for node in &parts.classes {
        out.extend_from_slice(&node.to_le_bytes());
    }
    let model = &parts.model;
    for b in &model.bias {
        out.extend_from_slice(&b.to_le_bytes());
    }
    out.push(u8::from(model.reads_lexicon()));
    for w in &model.dense {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.extend_from_slice(&(model.terms.len() as u32).to_le_bytes());
    let k = model.classes;
    for (row, hash) in model.terms.iter().enumerate() {
        out.extend_from_slice(&hash.to_le_bytes());
        for w in &model.weights[row * k..(row + 1) * k] {
            out.extend_from_slice(&f16::from_f32(*w).to_le_bytes());
        }
    }
    let mut lexicon: Vec<(&u64, &Vec<(u16, f32)>)> = parts.lexicon.iter().collect();
    lexicon.sort_unstable_by_key(|(h, _)| **h);
    out.extend_from_slice(&(lexicon.len() as u32).to_le_bytes());
    for (hash, entries) in lexicon {
        out.extend_from_slice(&hash.to_le_bytes());
        let entries = &entries[..entries.len().min(u8::MAX as usize)];
        out.push(entries.len() as u8);
        for (node, weight) in entries {
            out.extend_from_slice(&node.to_le_bytes());
            out.extend_from_slice(&weight.to_le_bytes());
        }
    }
    out
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let mut end = s.len().min(u16::MAX as usize);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    out.extend_from_slice(&(end as u16).to_le_bytes());
    out.extend_from_slice(&s.as_bytes()[..end]);
}

/// Parses a model, checking that every node index is in range and the terms are sorted.
pub fn read(bytes: &[u8]) -> Result<ModelParts, ModelError> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(ModelError::Magic);
    }
    let temperature = r.f32()?;
    let min_score = r.f32()?;
    if !(temperature.is_finite() && temperature > 0.0 && min_score.is_finite()) {
        return Err(ModelError::Invalid("a calibration out of range"));
    }
    let node_count = r.u32()? as usize;
    let mut nodes = Vec::with_capacity(node_count.min(4096));
    for _ in 0..node_count {
        let code = r.str()?;
        let label = r.str()?;
        let level = r.u8()?;
        let parent = match r.u16()? {
            NO_PARENT => None,
            p if (p as usize) < node_count => Some(p),
            _ => return Err(ModelError::Invalid("a parent out of range")),
        };
        nodes.push(Node {
            code,
            label,
            level,
            parent,
        });
    }
    let in_range = |node: u16| -> Result<u16, ModelError> {
        if (node as usize) < node_count {
            Ok(node)
        } else {
            Err(ModelError::Invalid("a node out of range"))
        }
    };
    let k = r.u16()? as usize;
    let mut classes = Vec::with_capacity(k);
    for _ in 0..k {
        classes.push(in_range(r.u16()?)?);
    }
    let mut bias = Vec::with_capacity(k);
    for _ in 0..k {
        bias.push(r.f32()?);
    }
    let dense = match r.u8()? {
        0 => Vec::new(),
        1 => {
            let mut dense = Vec::with_capacity(LEXICON_FEATURES * k);
            for _ in 0..LEXICON_FEATURES * k {
                dense.push(r.f32()?);
            }
            dense
        }
        _ => return Err(ModelError::Invalid("a bad lexicon-features flag")),
    };
    let term_count = r.u32()? as usize;
    let row_bytes = 8 + 2 * k;
    if term_count.saturating_mul(row_bytes) > bytes.len() {
        return Err(ModelError::Truncated);
    }
    let mut terms = Vec::with_capacity(term_count);
    let mut weights = Vec::with_capacity(term_count * k);
    for _ in 0..term_count {
        let hash = r.u64()?;
        if terms.last().is_some_and(|&last| last >= hash) {
            return Err(ModelError::Invalid("terms out of order"));
        }
        terms.push(hash);
        for _ in 0..k {
            weights.push(f16::from_le_bytes(r.array()?).to_f32());
        }
    }
    let model = LinearModel::from_parts(k, terms, weights, bias, dense)
        .ok_or(ModelError::Invalid("a model of no classes"))?;
    let lexicon_count = r.u32()? as usize;
    let mut lexicon = Lexicon::default();
    lexicon.reserve(lexicon_count.min(bytes.len() / 15));
    for _ in 0..lexicon_count {
        let hash = r.u64()?;
        let n = r.u8()? as usize;
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            entries.push((in_range(r.u16()?)?, r.f32()?));
        }
        lexicon.insert(hash, entries);
    }
    if r.pos != bytes.len() {
        return Err(ModelError::Invalid("bytes after the end"));
    }
    Ok(ModelParts {
        nodes,
        classes,
        model,
        lexicon,
        temperature,
        min_score,
    })
}

/// A bounds-checked cursor over the file.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let slice = self.bytes.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        self.take(N)?.try_into().map_err(|_| ModelError::Truncated)
    }

    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.array::<1>()?[0])
    }

    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    fn str(&mut self) -> Result<String, ModelError> {
        let n = self.u16()? as usize;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| ModelError::Invalid("a name is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> ModelParts {
        let model = LinearModel::from_parts(
            2,
            vec![3, 7],
            vec![0.5, -0.5, 0.25, 2.0],
            vec![0.0, 1.0],
            (0..LEXICON_FEATURES * 2).map(|i| i as f32 / 8.0).collect(),
        )
        .unwrap();
        let mut lexicon = Lexicon::default();
        lexicon.insert(9, vec![(0, 0.25), (1, 0.75)]);
        ModelParts {
            nodes: vec![
                Node {
                    code: "medtop:16000000".into(),
                    label: "conflict, war and peace".into(),
                    level: 1,
                    parent: None,
                },
                Node {
                    code: "medtop:20000053".into(),
                    label: "act of terror".into(),
                    level: 2,
                    parent: Some(0),
                },
            ],
            classes: vec![0, 0],
            model,
            lexicon,
            temperature: 1.5,
            min_score: 0.25,
        }
    }

    #[test]
    fn a_model_round_trips_to_the_same_bytes() {
        let bytes = write(&parts());
        let read_back = read(&bytes).unwrap();
        assert_eq!(read_back, parts());
        assert_eq!(write(&read_back), bytes);
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let bytes = write(&parts());
        for len in 0..bytes.len() {
            assert!(read(&bytes[..len]).is_err(), "prefix of {len} bytes");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(read(&extra).is_err());
        assert!(matches!(
            read(b"garbage garbage garbage"),
            Err(ModelError::Magic)
        ));
    }
}
