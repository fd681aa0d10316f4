//! The widget's stylesheet: one object shared by every widget on the page,
//! adopted into each shadow root (no `<style>` or inline style attributes,
//! so a strict CSP does not block them). The contact form's rules come
//! with the form's code (`add_form`, called from its part), so the first
//! question carries only the screens' own. It knows nothing of the
//! components or of the element's lifecycle.

use std::cell::Cell;
use web_sys::{CssStyleSheet, ShadowRoot};

/// styles/widget.css without comments and spare whitespace (see build.rs).
const STYLES: &str = include_str!(concat!(env!("OUT_DIR"), "/widget.min.css"));

thread_local! {
    static SHEET: Option<CssStyleSheet> = CssStyleSheet::new().ok().filter(|s| s.replace_sync(STYLES).is_ok());
    static FORM: Cell<bool> = const { Cell::new(false) };
}

/// Parses the stylesheet ahead of the first mount.
pub fn prepare() {
    SHEET.with(|_| ());
}

/// Adopts the stylesheet into `root`, once.
pub fn adopt(root: &ShadowRoot) {
    SHEET.with(|sheet| {
        if let Some(sheet) = sheet {
            let sheets = root.adopted_style_sheets();
            if !sheets.includes(sheet, 0) {
                sheets.push(sheet);
                root.set_adopted_style_sheets(&sheets);
            }
        }
    });
}

/// Appends the contact form's rules (`form`, styles/form.css minified) to
/// the stylesheet, once, before the form first renders: every widget on
/// the page, and every later one, has them at once.
pub fn add_form(form: &str) {
    if !FORM.with(|f| f.replace(true)) {
        SHEET.with(|sheet| {
            if let Some(sheet) = sheet {
                let _ = sheet.replace_sync(&[STYLES, form].concat());
            }
        });
    }
}
