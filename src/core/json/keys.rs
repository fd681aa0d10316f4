//! Where each key of an object being read sits (the JSON reader's
//! repeated-key check).

use super::Value;

/// Where each key of an object being read sits, so that a repeated key is
/// found without comparing it with every earlier key (`Map::insert` does,
/// and an object with thousands of keys would take quadratic time).
/// Open addressing over indices into the object's pairs, at most half full.
#[derive(Default)]
pub struct Keys {
    /// 0 is empty, else 1 + the index of a pair.
    slots: Vec<u32>,
}

impl Keys {
    /// The index of `key` among `pairs` if it is there; otherwise records
    /// that it is about to be pushed, at `pairs.len()`.
    pub fn find_or_add(&mut self, pairs: &[(String, Value)], key: &str) -> Option<usize> {
        if (pairs.len() + 1) * 2 > self.slots.len() {
            self.slots = vec![0; (self.slots.len() * 2).max(16)];
            for (i, (k, _)) in pairs.iter().enumerate() {
                if let Err(slot) = self.probe(&pairs[..i], k) {
                    self.slots[slot] = i as u32 + 1;
                }
            }
        }
        match self.probe(pairs, key) {
            Ok(found) => Some(found),
            Err(slot) => {
                self.slots[slot] = pairs.len() as u32 + 1;
                None
            }
        }
    }

    /// `Ok(index)` of the pair with `key`, or `Err(slot)`: the empty slot
    /// where it belongs.
    fn probe(&self, pairs: &[(String, Value)], key: &str) -> Result<usize, usize> {
        // FNV-1a.
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                n if pairs[n as usize - 1].0 == key => return Ok(n as usize - 1),
                _ => slot = (slot + 1) & mask,
            }
        }
    }
}
