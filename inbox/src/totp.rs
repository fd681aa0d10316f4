//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30 s steps, 6
//! digits), the optional second sign-in factor. Invariant: pure; the
//! caller seals the secret before storing it.

use hmac::{Hmac, Mac};
use rand::RngCore;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new 160-bit secret, base32 (what authenticator apps take).
pub fn new_secret() -> String {
    let mut b = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut b);
    base32(&b)
}

pub fn base32(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buf, mut bits) = (0u32, 0);
    for &b in bytes {
        buf = (buf << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buf >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn unbase32(s: &str) -> Option<Vec<u8>> {
    let (mut buf, mut bits, mut out) = (0u32, 0, Vec::new());
    for c in s.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = ALPHABET.iter().position(|&a| a as char == c.to_ascii_uppercase())? as u32;
        buf = (buf << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    Some(out)
}

/// The 6-digit code for a base32 secret at Unix time `secs`.
pub fn code(secret: &str, secs: u64) -> Option<String> {
    let key = unbase32(secret)?;
    let mut mac = <Hmac<sha1::Sha1> as Mac>::new_from_slice(&key).ok()?;
    mac.update(&(secs / 30).to_be_bytes());
    let h = mac.finalize().into_bytes();
    let o = (h[19] & 0x0f) as usize;
    let n = u32::from_be_bytes([h[o] & 0x7f, h[o + 1], h[o + 2], h[o + 3]]) % 1_000_000;
    Some(format!("{n:06}"))
}

/// Whether `given` is the code now or one step before or after (clock drift).
pub fn verify(secret: &str, given: &str, secs: u64) -> bool {
    let given: String = given.chars().filter(|c| !c.is_whitespace()).collect();
    given.len() == 6
        && [secs.saturating_sub(30), secs, secs + 30].iter().any(|&t| code(secret, t).is_some_and(|c| crate::auth::same(&c, &given)))
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_vectors() {
        // The RFC's SHA-1 secret "12345678901234567890", 8 digits truncated to 6.
        let secret = base32(b"12345678901234567890");
        for (t, expect) in [(59, "287082"), (1111111109, "081804"), (1234567890, "005924"), (20000000000, "353130")] {
            assert_eq!(code(&secret, t).as_deref(), Some(expect), "t={t}");
        }
        assert!(verify(&secret, "287 082", 59 + 30));
        assert!(!verify(&secret, "287082", 59 + 90));
        assert!(!verify(&secret, "", 59));
    }
}
