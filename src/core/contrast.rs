//! WCAG 2.x contrast: a colour's relative luminance and the contrast ratio
//! of two colours, for the configurator's accent check. Pure, tested
//! natively. The widget's console warning (`js/extras.js`, `luminance` and
//! `ratio`) keeps its own JavaScript copy of the same formula, so it costs
//! the wasm nothing; both follow WCAG 2.x relative
//! luminance (sRGB, threshold 0.03928). Nothing in the widget's wasm calls
//! this module, so it adds no byte there.

/// The ratio WCAG 2.x asks of normal text (AA).
pub const AA_NORMAL_TEXT: f64 = 4.5;

/// An sRGB colour, 0 to 255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// A CSS hex colour: `#rgb` or `#rrggbb` (case-insensitive, the `#`
    /// required); `None` for anything else.
    pub fn from_hex(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..i + 1], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => {
                let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Rgb(pair(0)?, pair(2)?, pair(4)?))
            }
            _ => None,
        }
    }

    /// WCAG 2.x relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |v: u8| {
            let c = f64::from(v) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// The contrast ratio of two colours, 1 to 21, whichever order they come in.
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (a.luminance(), b.luminance());
    let (light, dark) = if x >= y { (x, y) } else { (y, x) };
    (light + 0.05) / (dark + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(a: &str, b: &str, expect: f64) {
        let got = ratio(Rgb::from_hex(a).unwrap(), Rgb::from_hex(b).unwrap());
        assert!((got - expect).abs() < 0.01, "{a} on {b}: {got}, expected {expect}");
    }

    #[test]
    fn ratios_match_wcag_reference_values() {
        check("#000000", "#ffffff", 21.0);
        check("#fff", "#fff", 1.0);
        // The widget's default accent with white text.
        check("#0b5d57", "#ffffff", 7.73);
        // WebAIM's checker: #777777 on white is 4.48:1, just under AA.
        check("#777777", "#ffffff", 4.48);
        check("#ffffff", "#777777", 4.48);
        check("#ffcc00", "#ffffff", 1.51);
    }

    #[test]
    fn hex_colours_are_read_and_anything_else_refused() {
        assert_eq!(Rgb::from_hex("#0B5D57"), Some(Rgb(11, 93, 87)));
        assert_eq!(Rgb::from_hex(" #abc "), Some(Rgb(0xaa, 0xbb, 0xcc)));
        for bad in ["", "#", "0b5d57", "#12", "#12345", "#ggg", "#1234567", "red", "#éé"] {
            assert_eq!(Rgb::from_hex(bad), None, "{bad}");
        }
    }
}
