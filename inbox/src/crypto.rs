//! Encryption at rest: the keyring (keys kept outside the database and the
//! data directory), sealing of small values (lead JSON, notes), streaming
//! encryption of files, and the keyed blind index used to search encrypted
//! names and phone numbers. Invariant: nothing here touches the database or
//! the network, and no plaintext leaves this module except to the caller.

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use chacha20poly1305::aead::stream::{DecryptorBE32, EncryptorBE32};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;
use std::path::Path;

/// Plaintext bytes per encrypted file chunk.
pub const CHUNK: usize = 64 * 1024;
/// Bytes an encrypted chunk adds (the Poly1305 tag).
const TAG: usize = 16;
/// The magic that opens every encrypted file.
const FILE_MAGIC: &[u8; 6] = b"PFSF1\n";

/// Why a key or a sealed value could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CryptoError {
    /// The key file or variable could not be read.
    #[error("cannot read the key file {path}: {source}")]
    Read { path: String, source: std::io::Error },
    /// A line of the key file is not `pfs-inbox-key v1 ID BASE64`.
    #[error("key line {line}: expected `pfs-inbox-key v1 <id> <base64 of 32 bytes>`")]
    BadLine { line: usize },
    /// There is no key at all.
    #[error("the keyring is empty")]
    Empty,
    /// A value names a key that is not in the keyring.
    #[error("key {0} is not in the keyring (was an old key removed too early?)")]
    UnknownKey(String),
    /// The value was changed, cut short, or sealed for another record.
    #[error("a sealed value failed authentication")]
    Tampered,
}

/// One 256-bit key and the id stored beside everything it sealed.
#[derive(Clone)]
struct Key {
    id: String,
    cipher: XChaCha20Poly1305,
    bytes: [u8; 32],
}

/// Every key that can open stored data; the last one seals new data.
#[derive(Clone)]
pub struct Keyring {
    keys: Vec<Key>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring").field("ids", &self.keys.iter().map(|k| &k.id).collect::<Vec<_>>()).finish()
    }
}

/// A new key line for a key file: a random id and 32 random bytes.
pub fn new_key_line() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let mut id = [0u8; 6];
    rand::rngs::OsRng.fill_bytes(&mut id);
    format!("pfs-inbox-key v1 k{} {}\n", hex(&id), STANDARD.encode(bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Keyring {
    /// Reads a key file (or the `PFS_INBOX_KEY` text): one key a line,
    /// `#` comments; the last key is the current one.
    pub fn parse(text: &str) -> Result<Keyring, CryptoError> {
        let mut keys = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || CryptoError::BadLine { line: n + 1 };
            let parts: Vec<&str> = line.split_whitespace().collect();
            let [magic, "v1", id, b64] = parts.as_slice() else { return Err(bad()) };
            if *magic != "pfs-inbox-key" || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(bad());
            }
            let raw = STANDARD.decode(b64).map_err(|_| bad())?;
            let bytes: [u8; 32] = raw.try_into().map_err(|_| bad())?;
            keys.push(Key { id: (*id).to_string(), cipher: XChaCha20Poly1305::new(&bytes.into()), bytes });
        }
        if keys.is_empty() {
            return Err(CryptoError::Empty);
        }
        Ok(Keyring { keys })
    }

    /// Reads the key file at `path`.
    pub fn load(path: &Path) -> Result<Keyring, CryptoError> {
        let text = std::fs::read_to_string(path).map_err(|source| CryptoError::Read { path: path.display().to_string(), source })?;
        Keyring::parse(&text)
    }

    fn current(&self) -> &Key {
        // `parse` refuses an empty keyring.
        &self.keys[self.keys.len() - 1]
    }

    /// The id of the key that seals new data.
    pub fn current_id(&self) -> &str {
        &self.current().id
    }

    fn key(&self, id: &str) -> Result<&Key, CryptoError> {
        self.keys.iter().find(|k| k.id == id).ok_or_else(|| CryptoError::UnknownKey(id.to_string()))
    }

    /// Seals `plain` for the record `aad` (a sealed value moved to another
    /// record fails to open): `KEYID.BASE64(nonce || ciphertext)`.
    pub fn seal(&self, plain: &[u8], aad: &str) -> String {
        let key = self.current();
        let mut nonce = [0u8; 24];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        // Encryption only fails for messages beyond 256 GB.
        let ct = key.cipher.encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad: aad.as_bytes() }).unwrap_or_default();
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ct);
        format!("{}.{}", key.id, URL_SAFE_NO_PAD.encode(out))
    }

    /// Opens a value made by `seal` for the same record.
    pub fn open(&self, sealed: &str, aad: &str) -> Result<Vec<u8>, CryptoError> {
        let (id, b64) = sealed.split_once('.').ok_or(CryptoError::Tampered)?;
        let raw = URL_SAFE_NO_PAD.decode(b64).map_err(|_| CryptoError::Tampered)?;
        if raw.len() < 24 + TAG {
            return Err(CryptoError::Tampered);
        }
        let (nonce, ct) = raw.split_at(24);
        self.key(id)?.cipher.decrypt(XNonce::from_slice(nonce), Payload { msg: ct, aad: aad.as_bytes() }).map_err(|_| CryptoError::Tampered)
    }

    /// The key id a sealed value names.
    pub fn key_id_of(sealed: &str) -> &str {
        sealed.split_once('.').map_or("", |(id, _)| id)
    }

    /// A keyed token for the blind index (HMAC-SHA256 of the normalised
    /// word with a key derived from the current key), hex, 128 bits.
    pub fn blind(&self, token: &str) -> String {
        let mut derive = <Hmac<Sha256> as Mac>::new_from_slice(&self.current().bytes).unwrap_or_else(|_| unreachable_hmac());
        derive.update(b"pfs-inbox blind index v1");
        let index_key = derive.finalize().into_bytes();
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&index_key).unwrap_or_else(|_| unreachable_hmac());
        mac.update(token.as_bytes());
        hex(&mac.finalize().into_bytes()[..16])
    }

    /// A streaming encryptor for a file bound to `aad` (the file's id).
    pub fn file_sealer(&self, aad: &str) -> FileSealer {
        let key = self.current();
        let mut nonce = [0u8; 19];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let mut header = FILE_MAGIC.to_vec();
        header.push(key.id.len() as u8);
        header.extend_from_slice(key.id.as_bytes());
        header.extend_from_slice(&nonce);
        FileSealer {
            header: Some(header),
            enc: Some(EncryptorBE32::from_aead(key.cipher.clone(), nonce.as_slice().into())),
            pending: Vec::with_capacity(CHUNK),
            aad: aad.to_string(),
            key_id: key.id.clone(),
        }
    }

    /// A streaming decryptor: parses the header at the start of `head`
    /// and returns the decryptor and how many header bytes it used.
    pub fn file_opener(&self, head: &[u8], aad: &str) -> Result<(FileOpener, usize), CryptoError> {
        if head.len() < FILE_MAGIC.len() + 1 || &head[..FILE_MAGIC.len()] != FILE_MAGIC {
            return Err(CryptoError::Tampered);
        }
        let id_len = head[FILE_MAGIC.len()] as usize;
        let id_start = FILE_MAGIC.len() + 1;
        let end = id_start + id_len + 19;
        if head.len() < end {
            return Err(CryptoError::Tampered);
        }
        let id = std::str::from_utf8(&head[id_start..id_start + id_len]).map_err(|_| CryptoError::Tampered)?;
        let key = self.key(id)?;
        let nonce = &head[id_start + id_len..end];
        let dec = DecryptorBE32::from_aead(key.cipher.clone(), nonce.into());
        Ok((FileOpener { dec: Some(dec), aad: aad.to_string() }, end))
    }
}

/// The header length of an encrypted file is at most this.
pub const MAX_HEADER: usize = 6 + 1 + 255 + 19;

fn unreachable_hmac() -> ! {
    // HMAC takes keys of any length.
    panic!("HMAC refused a key")
}

/// Encrypts a file as it streams in: feed it bytes, write what it returns.
pub struct FileSealer {
    header: Option<Vec<u8>>,
    enc: Option<EncryptorBE32<XChaCha20Poly1305>>,
    pending: Vec<u8>,
    aad: String,
    key_id: String,
}

impl FileSealer {
    /// The id of the key this file is sealed with.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// Takes plaintext, returns ciphertext ready to write (maybe empty).
    pub fn update(&mut self, mut data: &[u8]) -> Vec<u8> {
        let mut out = self.header.take().unwrap_or_default();
        while !data.is_empty() {
            let room = CHUNK - self.pending.len();
            let take = room.min(data.len());
            self.pending.extend_from_slice(&data[..take]);
            data = &data[take..];
            // A full chunk is sealed only once more data follows, so the
            // last chunk (possibly full) is the one `finish` marks as last.
            if self.pending.len() == CHUNK && !data.is_empty() {
                self.seal_pending(&mut out);
            }
        }
        out
    }

    fn seal_pending(&mut self, out: &mut Vec<u8>) {
        if let Some(enc) = self.enc.as_mut() {
            let ct = enc.encrypt_next(Payload { msg: &self.pending, aad: self.aad.as_bytes() }).unwrap_or_default();
            out.extend_from_slice(&ct);
        }
        self.pending.clear();
    }

    /// Seals the last chunk; returns the final bytes to write.
    pub fn finish(mut self) -> Vec<u8> {
        let mut out = self.header.take().unwrap_or_default();
        if let Some(enc) = self.enc.take() {
            let ct = enc.encrypt_last(Payload { msg: &self.pending, aad: self.aad.as_bytes() }).unwrap_or_default();
            out.extend_from_slice(&ct);
        }
        out
    }
}

/// Decrypts a file chunk by chunk.
pub struct FileOpener {
    dec: Option<DecryptorBE32<XChaCha20Poly1305>>,
    aad: String,
}

/// Ciphertext bytes of one full chunk.
pub const SEALED_CHUNK: usize = CHUNK + TAG;

impl FileOpener {
    /// Opens one sealed chunk; `last` when no bytes follow it.
    pub fn chunk(&mut self, sealed: &[u8], last: bool) -> Result<Vec<u8>, CryptoError> {
        let payload = Payload { msg: sealed, aad: self.aad.as_bytes() };
        if last {
            let dec = self.dec.take().ok_or(CryptoError::Tampered)?;
            dec.decrypt_last(payload).map_err(|_| CryptoError::Tampered)
        } else {
            self.dec.as_mut().ok_or(CryptoError::Tampered)?.decrypt_next(payload).map_err(|_| CryptoError::Tampered)
        }
    }
}

/// Decrypts a whole encrypted file in memory (rotation, tests).
pub fn open_file_bytes(keys: &Keyring, sealed: &[u8], aad: &str) -> Result<Vec<u8>, CryptoError> {
    let (mut opener, start) = keys.file_opener(sealed, aad)?;
    let body = &sealed[start..];
    let mut out = Vec::with_capacity(body.len());
    let mut chunks = body.chunks(SEALED_CHUNK).peekable();
    if body.is_empty() {
        return Err(CryptoError::Tampered);
    }
    while let Some(c) = chunks.next() {
        let last = chunks.peek().is_none();
        out.extend(opener.chunk(c, last)?);
    }
    Ok(out)
}

/// The blind-index words of a name, phone and e-mail: lower-case name
/// words, the phone's digits (whole, national 10, and last 4), the e-mail.
pub fn index_words(name: &str, phone: &str, email: &str) -> Vec<String> {
    let mut words: Vec<String> = name_words(name).into_iter().map(|w| format!("n:{w}")).collect();
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        words.push(format!("p:{digits}"));
        if digits.len() > 10 {
            words.push(format!("p:{}", &digits[digits.len() - 10..]));
        }
        if digits.len() >= 4 {
            words.push(format!("p:{}", &digits[digits.len() - 4..]));
        }
    }
    let email = email.trim().to_lowercase();
    if !email.is_empty() {
        words.push(format!("e:{email}"));
    }
    words
}

/// A whole query of digits and phone punctuation (at least 4 digits) is
/// one phone number; an 11-digit North American number loses its 1.
fn phone_query(q: &str) -> Option<String> {
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let phone_like = q.trim().chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if digits.len() < 4 || !phone_like {
        return None;
    }
    let d = if digits.len() == 11 && digits.starts_with('1') { &digits[1..] } else { &digits };
    Some(format!("p:{d}"))
}

fn name_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The blind-index words a search asks for: a word of digits and phone
/// punctuation is a phone number, one with `@` an e-mail, others names.
pub fn query_words(q: &str) -> Vec<String> {
    if let Some(phone) = phone_query(q) {
        return vec![phone];
    }
    q.split_whitespace()
        .flat_map(|w| {
            if w.contains('@') {
                vec![format!("e:{}", w.to_lowercase())]
            } else {
                name_words(w).into_iter().map(|w| format!("n:{w}")).collect()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> Keyring {
        Keyring::parse(&new_key_line()).expect("a fresh key parses")
    }

    #[test]
    fn sealed_values_open_only_for_their_record() {
        let k = ring();
        let s = k.seal(b"Jane Roe", "lead-1");
        assert!(!s.contains("Jane"));
        assert_eq!(k.open(&s, "lead-1").expect("opens"), b"Jane Roe");
        assert!(matches!(k.open(&s, "lead-2"), Err(CryptoError::Tampered)));
        assert!(matches!(ring().open(&s, "lead-1"), Err(CryptoError::UnknownKey(_))));
    }

    #[test]
    fn files_round_trip_at_every_chunk_boundary() {
        let k = ring();
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 7] {
            let plain: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let mut s = k.file_sealer("f1");
            let mut out = Vec::new();
            for piece in plain.chunks(1000) {
                out.extend(s.update(piece));
            }
            out.extend(s.finish());
            assert_eq!(open_file_bytes(&k, &out, "f1").expect("opens"), plain, "length {len}");
            assert!(open_file_bytes(&k, &out, "f2").is_err());
            if len > 0 {
                assert!(open_file_bytes(&k, &out[..out.len() - 1], "f1").is_err(), "a cut file fails, length {len}");
            }
        }
    }

    #[test]
    fn old_keys_still_open_after_rotation() {
        let old = new_key_line();
        let k1 = Keyring::parse(&old).expect("parses");
        let s = k1.seal(b"x", "a");
        let k2 = Keyring::parse(&format!("{old}{}", new_key_line())).expect("parses");
        assert_ne!(k2.current_id(), k1.current_id());
        assert_eq!(k2.open(&s, "a").expect("opens"), b"x");
    }

    #[test]
    fn search_words_match_index_words() {
        let idx = index_words("María José O'Neil", "+15551234567", "MJ@example.org");
        for q in ["maría", "o", "5551234567", "(555) 123-4567", "4567", "+1 555 123 4567", "mj@example.org"] {
            for w in query_words(q) {
                assert!(idx.contains(&w), "{q}: {w} not in {idx:?}");
            }
        }
        assert!(!idx.contains(&query_words("jose2")[0]));
    }

    #[test]
    fn bad_key_lines_are_refused() {
        for bad in ["", "pfs-inbox-key v1 k1 AAAA", "nope v1 k1 AAAA", "# only a comment"] {
            assert!(Keyring::parse(bad).is_err(), "{bad:?}");
        }
    }
}
