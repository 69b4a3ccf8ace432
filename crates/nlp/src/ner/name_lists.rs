//! Name lists the tagger consults: phrases (one or more tokens, lower case) with the lists they are on, and their matches in a sentence.
//!
//! The lists are built at training time from GeoNames (countries, cities
//! with their population, continents, and the Latin-script alternate names
//! of cities) and, optionally, from the people and organisations of entity
//! data in other languages, and stored in the model, so the tagger needs nothing else at
//! run time. A phrase is stored as the hash of its tokens' lower-case hashes
//! ([`phrase_step`]); each stored phrase's proper prefixes are stored too,
//! marked [`PREFIX`], so matching from a token stops as soon as no listed
//! phrase goes on.

use std::collections::BTreeMap;

use super::table::KeyTable;
use crate::text::hash;

/// The lists a phrase can be on, one bit each (bit 7 is [`PREFIX`]).
pub mod list {
    /// Country names.
    pub const COUNTRY: u8 = 1 << 0;
    /// Names of cities of 15,000 people or more.
    pub const CITY: u8 = 1 << 1;
    /// Names of cities of 500,000 people or more.
    pub const BIG_CITY: u8 = 1 << 2;
    /// Other names of cities (exonyms, older and local forms) in Latin script.
    pub const CITY_ALTERNATE: u8 = 1 << 3;
    /// Continents.
    pub const CONTINENT: u8 = 1 << 4;
    /// People's names written in entity data of other languages.
    pub const PERSON: u8 = 1 << 5;
    /// Organisations' names written in entity data of other languages.
    pub const ORGANISATION: u8 = 1 << 6;
    /// How many lists there are.
    pub const COUNT: usize = 7;
}

/// Marks a stored phrase that some longer listed phrase starts with.
pub const PREFIX: u8 = 1 << 7;

/// The longest phrase matched, in tokens.
pub const MAX_PHRASE: usize = 8;

/// The starting value of a phrase hash.
pub(super) const PHRASE_SEED: u64 = 0x6761_7a65_7474_6565;

/// Extends a phrase hash by one token's lower-case hash.
#[inline]
pub fn phrase_step(phrase: u64, lower: u64) -> u64 {
    hash::mix(phrase, lower)
}

/// The hash of a phrase given its tokens' lower-case hashes.
pub fn phrase_hash(lowers: impl IntoIterator<Item = u64>) -> u64 {
    lowers.into_iter().fold(PHRASE_SEED, phrase_step)
}

/// Name lists, ready to match.
#[derive(Debug, Clone, Default)]
pub struct NameLists {
    /// Phrase hash and list bits, sorted by hash (what the model file
    /// stores); empty once a tagger has loaded them ([`NameLists::lookup_only`]).
    entries: Vec<(u64, u8)>,
    table: KeyTable,
    /// How many phrases the lists hold.
    phrases: usize,
}

impl NameLists {
    /// Lists from (phrase hash, bits) pairs; the pairs of one hash are merged.
    pub fn from_entries(entries: impl IntoIterator<Item = (u64, u8)>) -> Self {
        let mut merged: BTreeMap<u64, u8> = BTreeMap::new();
        for (key, bits) in entries {
            *merged.entry(key).or_default() |= bits;
        }
        let entries: Vec<(u64, u8)> = merged.into_iter().collect();
        let table = KeyTable::dense(entries.iter().map(|&(key, bits)| (key, u32::from(bits))));
        let phrases = entries.len();
        NameLists {
            entries,
            table,
            phrases,
        }
    }

    /// The same lists without their sorted entries, only what tagging
    /// reads: a loaded tagger per language would otherwise hold them twice.
    pub fn lookup_only(self) -> Self {
        NameLists {
            entries: Vec::new(),
            ..self
        }
    }

    /// How many phrases the lists hold.
    pub fn phrases(&self) -> usize {
        self.phrases
    }

    /// The stored phrases, sorted by hash.
    pub fn entries(&self) -> &[(u64, u8)] {
        &self.entries
    }

    /// For each token of a sentence (given by lower-case hashes), which lists
    /// it is in a match of, as two bits per list: bit `2 * list` when a match
    /// starts at the token, bit `2 * list + 1` when a match goes on through it.
    /// Only the longest match from each start counts, per list.
    pub fn tag(&self, lowers: &[u64], out: &mut Vec<u16>) {
        out.clear();
        out.resize(lowers.len(), 0);
        for start in 0..lowers.len() {
            let mut phrase = PHRASE_SEED;
            let mut longest = [0usize; list::COUNT];
            for (offset, &lower) in lowers[start..].iter().take(MAX_PHRASE).enumerate() {
                phrase = phrase_step(phrase, lower);
                let Some(bits) = self.table.get(phrase) else {
                    break;
                };
                for (l, length) in longest.iter_mut().enumerate() {
                    if bits & (1 << l) != 0 {
                        *length = offset + 1;
                    }
                }
                if bits as u8 & PREFIX == 0 {
                    break;
                }
            }
            for (l, &length) in longest.iter().enumerate() {
                if length == 0 {
                    continue;
                }
                out[start] |= 1 << (2 * l);
                for tag in &mut out[start + 1..start + length] {
                    *tag |= 1 << (2 * l + 1);
                }
            }
        }
    }
}
