//! Which leads the list and the export show, and in what order: a filter
//! (a status, a search turned into blind-index words), newest first by
//! (received time, id), cut into pages at a lead's position (keyset
//! paging), and the position's form in a link. Invariant: it knows no
//! HTML, no HTTP and no plaintext of a lead (it never opens one), and a
//! position in a link is a time and an id, nothing of a lead.

use crate::crypto::Keyring;
use crate::db::{Db, DbError, LeadFilter, LeadRow, Position, Seek};

/// Leads on a page of the list.
pub const PAGE: i64 = 50;

/// The statuses a lead can have, in the order staff work through them.
pub const STATUSES: [&str; 3] = ["new", "contacted", "closed"];

/// The filter for a search (`q`, name words or a phone number, matched
/// through the blind index, so the search runs in the database across
/// every page) and a status (anything but a known one means all).
pub fn filter(keys: &Keyring, q: &str, status: &str) -> LeadFilter {
    LeadFilter {
        status: STATUSES.iter().find(|s| **s == status).map(|s| s.to_string()),
        words: crate::crypto::query_words(q).iter().map(|w| keys.blind(w)).collect(),
    }
}

/// A page link that is not one the inbox makes (edited, cut short).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a page of the list")]
pub struct BadLink;

/// A position as a link carries it: `<received ms>.<id>`.
pub fn cursor(p: &Position) -> String {
    format!("{}.{}", p.received_at, p.id)
}

fn parse_cursor(s: &str) -> Result<Position, BadLink> {
    let (ms, id) = s.split_once('.').ok_or(BadLink)?;
    let received_at: i64 = ms.parse().map_err(|_| BadLink)?;
    let id_ok = !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if received_at < 0 || !id_ok {
        return Err(BadLink);
    }
    Ok(Position { received_at, id: id.to_string() })
}

/// Where a page starts, from a link's `before` (older than), `after`
/// (newer than) and `oldest` (`1`: the last page); none: the newest.
pub fn seek(before: &str, after: &str, oldest: &str) -> Result<Seek, BadLink> {
    match (before.is_empty(), after.is_empty(), oldest) {
        (true, true, "") => Ok(Seek::Newest),
        (true, true, "1") => Ok(Seek::Oldest),
        (false, true, "") => parse_cursor(before).map(Seek::Older),
        (true, false, "") => parse_cursor(after).map(Seek::Newer),
        _ => Err(BadLink),
    }
}

/// A page of the list: its leads (newest first, still sealed), the rank
/// of the first (1 for the newest lead) and how many match in all.
#[derive(Debug)]
pub struct Page {
    pub leads: Vec<LeadRow>,
    pub first: i64,
    pub total: i64,
}

impl Page {
    /// The rank of the last lead shown (0 on an empty page).
    pub fn last(&self) -> i64 {
        self.first + self.leads.len() as i64 - 1
    }

    /// Where the page before starts (`None` on the first page).
    pub fn newer(&self) -> Option<Seek> {
        (self.first > 1).then(|| self.leads.first().map(|l| Seek::Newer(Position::of(l)))).flatten()
    }

    /// Where the next page starts (`None` on the last page).
    pub fn older(&self) -> Option<Seek> {
        (self.last() < self.total).then(|| self.leads.last().map(|l| Seek::Older(Position::of(l)))).flatten()
    }
}

/// The page of `filter` at `from`, `size` leads. A page past either end
/// (its neighbours deleted or purged since the link was made) gives the
/// page at that end instead, so a link never leads to an empty page
/// while some lead matches.
pub async fn page(db: &Db, filter: &LeadFilter, from: &Seek, size: i64) -> Result<Page, DbError> {
    let mut leads = db.page_of_leads(filter, from, size).await?;
    if leads.is_empty() {
        let end = match from {
            Seek::Older(_) => Some(Seek::Oldest),
            Seek::Newer(_) => Some(Seek::Newest),
            Seek::Newest | Seek::Oldest => None,
        };
        if let Some(end) = end {
            leads = db.page_of_leads(filter, &end, size).await?;
        }
    }
    let total = db.count_leads(filter, None).await?;
    let first = match leads.first() {
        Some(l) => db.count_leads(filter, Some(&Position::of(l))).await? + 1,
        None => 1,
    };
    Ok(Page { leads, first, total })
}

/// `n` with a comma between thousands (`1,234`), as the list says counts.
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_round_trip_and_bad_ones_are_refused() {
        let p = Position { received_at: 1_733_230_000_123, id: "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b".into() };
        assert_eq!(seek(&cursor(&p), "", ""), Ok(Seek::Older(p.clone())));
        assert_eq!(seek("", &cursor(&p), ""), Ok(Seek::Newer(p)));
        assert_eq!(seek("", "", ""), Ok(Seek::Newest));
        assert_eq!(seek("", "", "1"), Ok(Seek::Oldest));
        for (before, after, oldest) in [
            ("x", "", ""),
            ("12", "", ""),
            ("12.", "", ""),
            (".abc", "", ""),
            ("-5.abc", "", ""),
            ("99999999999999999999.abc", "", ""),
            ("12.a'b", "", ""),
            ("12.a b", "", ""),
            ("1.a", "1.a", ""),
            ("1.a", "", "1"),
            ("", "", "yes"),
        ] {
            assert_eq!(seek(before, after, oldest), Err(BadLink), "{before:?} {after:?} {oldest:?}");
        }
        assert_eq!(seek(&format!("1.{}", "a".repeat(65)), "", ""), Err(BadLink));
    }

    #[test]
    fn counts_have_thousands_separators() {
        for (n, s) in [(0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (1030, "1,030"), (1_234_567, "1,234,567"), (-1200, "-1,200")] {
            assert_eq!(thousands(n), s);
        }
    }
}
