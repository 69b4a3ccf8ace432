//! Stable 64-bit hashing for feature ids: strings through xxh3, combinations through a fixed mixer.
//!
//! Feature ids are stored in the model file, so they must come out the same
//! on every machine and every run: xxh3 is specified byte for byte, and the
//! mixer below is plain integer arithmetic. Nothing here allocates.

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// The hash of `bytes` under `seed` (each kind of string — word, shape,
/// suffix — has its own seed, so equal strings of different kinds differ).
#[inline]
pub fn bytes(seed: u64, bytes: &[u8]) -> u64 {
    xxh3_64_with_seed(bytes, seed)
}

/// Combines two values into one well-spread value (murmur3's finaliser over
/// a multiply-xor of the inputs); order matters.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PINNED_BYTES: u64 = 3_992_468_466_812_328_846;
    const PINNED_MIX: u64 = 6_587_896_569_069_745_735;

    #[test]
    fn hashes_are_stable_across_runs_and_machines() {
        // Pinned values: a change here invalidates every trained model.
        assert_eq!(bytes(0, b"Reuters"), PINNED_BYTES);
        assert_eq!(mix(7, 11), PINNED_MIX);
        assert_ne!(mix(1, 2), mix(2, 1));
    }
}
