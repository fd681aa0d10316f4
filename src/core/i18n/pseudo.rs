//! The two pseudo-locales that test builds speak (feature `pseudo`; never
//! in `dist/`): English made into a language a tester can read but the
//! layout cannot take for granted. `en-XA` ("long") accents every letter
//! and is 35-40% longer, as German or Finnish often are, so truncated and
//! overflowing text shows at 320 px; `ar-XB` ("mirrored") is written right
//! to left, each word held right-to-left, so a layout that does not follow
//! `dir` shows. build.rs makes their UI strings from `en.rs` and their
//! screener wordings from the English ones with these functions. The codes
//! are Chromium's and Android's. `{placeholders}` are kept exactly, and a
//! text without a letter (a decimal point) is kept as it is.

/// The pseudo-locales, each with how English becomes it (their names and
/// direction are in `other_languages!`).
pub const LOCALES: [(&str, MakeOver); 2] = [("en-XA", long), ("ar-XB", mirrored)];

/// How English becomes a pseudo-locale's text.
pub type MakeOver = fn(&str) -> String;

/// The letters `long` accents, and what each becomes (one char each; the
/// end-to-end tests read these lines and `PADDING` to find buttons by name).
pub const PLAIN: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
pub const ACCENTED: &str = "áƀçđéƒĝĥíĵķļɱñóƥɋŕšţúṽŵẋýžÁƁÇĐÉƑĜĤÍĴĶĻṀÑÓƤɊŔŠŢÚṼŴẊÝŽ";

/// Words that make a text longer; whole words, so it wraps like a language.
pub const PADDING: &str = " ļóŕéɱ íƥšúɱ đóļóŕ šíţ áɱéţ çóñšéçţéţúŕ áđíƥíšçíñĝ éļíţ šéđ đó éíúšɱóđ ţéɱƥóŕ";

/// `text` with every letter accented and a third more words (35-40%
/// longer in characters).
pub fn long(text: &str) -> String {
    if !text.chars().any(|c| c.is_ascii_alphabetic()) {
        return text.to_string();
    }
    let mut out = String::new();
    outside_placeholders(text, &mut out, |part, out| out.extend(part.chars().map(accent)));
    // 37.5% more: the pad's words, as far as they go (no space at the end).
    let wanted = (text.chars().count() * 3).div_ceil(8);
    out.extend(PADDING.chars().cycle().take(wanted));
    out.truncate(out.trim_end().len());
    out
}

/// `text` for a right-to-left reader: each run of letters held
/// right-to-left (so it shows mirrored), the whole text opening right to
/// left; its meaning for a screen reader unchanged.
pub fn mirrored(text: &str) -> String {
    if !text.chars().any(|c| c.is_ascii_alphabetic()) {
        return text.to_string();
    }
    let mut out = String::from('\u{200f}');
    outside_placeholders(text, &mut out, |part, out| {
        let mut word = false;
        for c in part.chars() {
            let letter = c.is_alphanumeric() || c == '\'';
            if letter && !word {
                out.push('\u{202e}');
            } else if !letter && word {
                out.push('\u{202c}');
            }
            word = letter;
            out.push(c);
        }
        if word {
            out.push('\u{202c}');
        }
    });
    out
}

fn accent(c: char) -> char {
    PLAIN.chars().position(|p| p == c).and_then(|i| ACCENTED.chars().nth(i)).unwrap_or(c)
}

/// Writes `text` to `out`, each part outside `{...}` through `each`, the
/// placeholders as they are.
fn outside_placeholders(text: &str, out: &mut String, each: impl Fn(&str, &mut String)) {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        each(&rest[..open], out);
        out.push_str(&rest[open..=open + close]);
        rest = &rest[open + close + 1..];
    }
    each(rest, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_is_accented_37_percent_longer_and_keeps_placeholders() {
        for english in ["Start", "Question {n} of {total}", "Call {phone}", "I agree that {center} may contact me about my enquiry."] {
            let pseudo = long(english);
            let (a, b) = (english.chars().count() as f64, pseudo.chars().count() as f64);
            assert!((1.35..=1.45).contains(&(b / a)), "{english:?} -> {pseudo:?}: {:.2}", b / a);
            for placeholder in ["{n}", "{total}", "{phone}", "{center}"] {
                assert_eq!(english.contains(placeholder), pseudo.contains(placeholder), "{pseudo}");
            }
            assert!(!pseudo.chars().any(|c| c.is_ascii_alphabetic() && !"ntotalphonecenter".contains(c)), "{pseudo}");
        }
        assert_eq!(long("Start").split(' ').next(), Some("Šţáŕţ"));
        assert_eq!(long("."), ".", "a decimal point stays one");
        assert_eq!(long("Go"), "Ĝó", "nothing at the end but the text");
        assert_eq!(long(""), "");
        assert_eq!(PLAIN.chars().count(), ACCENTED.chars().count());
    }

    #[test]
    fn mirrored_holds_each_word_right_to_left_and_reads_the_same() {
        let pseudo = mirrored("Call {phone} now");
        assert_eq!(pseudo, "\u{200f}\u{202e}Call\u{202c} {phone} \u{202e}now\u{202c}");
        let stripped: String = pseudo.chars().filter(|c| !matches!(c, '\u{200f}' | '\u{202e}' | '\u{202c}')).collect();
        assert_eq!(stripped, "Call {phone} now", "a screen reader reads the English");
        assert_eq!(mirrored(","), ",");
    }
}
