//! The file format of `models/topics.bin`: the output topics, the desk model, the taxonomy lexicon and the weights that combine them, little-endian, in sorted order so the same model always writes the same bytes.
//!
//! ```text
//! magic "enricher-topics-1\n"
//! f32 lexicon_weight, f32 other_prior
//! u32 node count; per node: str code, str label, u8 level, u16 parent (0xffff: none)
//! per desk (5): u16 node
//! per desk (5): f32 bias
//! u32 desk term count; per term (by hash): u64 hash, 5 x f32 weight
//! u32 lexicon term count; per term (by hash): u64 hash, u8 n, n x (u16 node, f32 weight)
//! ```
//! A `str` is a u16 byte length and UTF-8 bytes.

use super::desk::{DESKS, DeskModel};
use super::lexicon::{Lexicon, Node};

const MAGIC: &[u8] = b"enricher-topics-1\n";

/// No parent, in the file.
const NO_PARENT: u16 = u16::MAX;

/// Everything a [`super::TopicClassifier`] is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelParts {
    pub nodes: Vec<Node>,
    /// The node of each desk of the desk model.
    pub desk_nodes: [u16; DESKS],
    pub desk: DeskModel,
    pub lexicon: Lexicon,
    /// How many logits one unit of lexicon evidence (per 100 words) adds.
    pub lexicon_weight: f32,
    /// The stand-in desk probability of a topic the desk model does not know.
    pub other_prior: f32,
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

/// The bytes of a model.
pub fn write(parts: &ModelParts) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&parts.lexicon_weight.to_le_bytes());
    out.extend_from_slice(&parts.other_prior.to_le_bytes());
    out.extend_from_slice(&(parts.nodes.len() as u32).to_le_bytes());
    for node in &parts.nodes {
        put_str(&mut out, &node.code);
        put_str(&mut out, &node.label);
        out.push(node.level);
        out.extend_from_slice(&node.parent.unwrap_or(NO_PARENT).to_le_bytes());
    }
    for node in parts.desk_nodes {
        out.extend_from_slice(&node.to_le_bytes());
    }
    for b in parts.desk.bias {
        out.extend_from_slice(&b.to_le_bytes());
    }
    let mut desk: Vec<(&u64, &[f32; DESKS])> = parts.desk.weights.iter().collect();
    desk.sort_unstable_by_key(|(h, _)| **h);
    out.extend_from_slice(&(desk.len() as u32).to_le_bytes());
    for (hash, weights) in desk {
        out.extend_from_slice(&hash.to_le_bytes());
        for w in weights {
            out.extend_from_slice(&w.to_le_bytes());
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

/// Parses a model, checking that every node index is in range.
pub fn read(bytes: &[u8]) -> Result<ModelParts, ModelError> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(ModelError::Magic);
    }
    let lexicon_weight = r.f32()?;
    let other_prior = r.f32()?;
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
    let mut desk_nodes = [0u16; DESKS];
    for slot in &mut desk_nodes {
        *slot = in_range(r.u16()?)?;
    }
    let mut desk = DeskModel::default();
    for b in &mut desk.bias {
        *b = r.f32()?;
    }
    let terms = r.u32()? as usize;
    desk.weights.reserve(terms.min(bytes.len() / 28));
    for _ in 0..terms {
        let hash = r.u64()?;
        let mut weights = [0f32; DESKS];
        for w in &mut weights {
            *w = r.f32()?;
        }
        desk.weights.insert(hash, weights);
    }
    let terms = r.u32()? as usize;
    let mut lexicon = Lexicon::default();
    lexicon.reserve(terms.min(bytes.len() / 15));
    for _ in 0..terms {
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
        desk_nodes,
        desk,
        lexicon,
        lexicon_weight,
        other_prior,
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
        let mut desk = DeskModel::default();
        desk.weights.insert(7, [0.5, -0.5, 0.0, 1.0, 2.0]);
        desk.weights.insert(3, [0.1; DESKS]);
        desk.bias = [0.0, 1.0, 2.0, 3.0, 4.0];
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
            desk_nodes: [0, 0, 1, 1, 0],
            desk,
            lexicon,
            lexicon_weight: 0.5,
            other_prior: 0.05,
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
