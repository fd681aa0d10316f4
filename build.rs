//! Packs the built-in screener for the wasm: the readable file in screeners/
//! is read and checked by the widget's own core (src/core), exactly as a
//! site's config would be, and written as `core::packed` bytes, so the wasm
//! needs neither the JSON reader nor the checks to show it; a screener with
//! a problem stops the build. Its Spanish wordings are packed apart
//! (`packed::split_locale`). The tests and tools get it as compact JSON.
//! The widget's stylesheet loses its comments and spare whitespace
//! (build/css.rs).

// Formatted as part of the crate; rustfmt would look for its modules beside build.rs.
#[rustfmt::skip]
#[path = "src/core/mod.rs"]
#[allow(dead_code, unused_imports)]
mod core;

#[path = "build/css.rs"]
mod css;

fn main() {
    const SOURCE: &str = "screeners/program-fit.json";
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=src/core");
    let text = std::fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let value = core::json::parse(&text).unwrap_or_else(|e| panic!("{SOURCE} is not JSON: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("program-fit.min.json");
    std::fs::write(&out, value.to_string()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    let mut q = core::config::parse(&text).unwrap_or_else(|errors| {
        let problems: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("{SOURCE} is not a valid screener:\n{}", problems.join("\n"))
    });
    // The pseudo-locales of test builds (feature `pseudo`), made from the
    // English before it is split (`core::i18n::pseudo`).
    let pseudo = std::env::var_os("CARGO_FEATURE_PSEUDO").is_some();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (code, make) in core::i18n::pseudo::LOCALES.into_iter().filter(|_| pseudo) {
        parts.push((code.to_string(), core::packed::derive_locale(&mut q, "en", code, make)));
        pseudo_strings(&out, code, make);
    }
    // Every other language apart: most visitors never fetch it
    // (src/web/translations.rs).
    for language in &core::i18n::LANGUAGES[1..] {
        parts.push((language.code.to_string(), core::packed::split_locale(&mut q, language.code)));
    }
    // The English after the first screen apart too, fetched at mount.
    let keep = core::packed::first_screen(&q);
    parts.push(("en".into(), core::packed::split_locale_except(&mut q, "en", &keep)));
    for (code, wordings) in parts {
        let file = out.with_file_name(format!("program-fit.{code}.bin"));
        std::fs::write(&file, wordings).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
    let file = out.with_file_name("program-fit.bin");
    std::fs::write(&file, core::packed::encode(&q)).unwrap_or_else(|e| panic!("{}: {e}", file.display()));

    // The screens' styles, and the contact form's (in the form's part).
    println!("cargo:rerun-if-changed=build/css.rs");
    for name in ["widget", "form"] {
        let styles = format!("styles/{name}.css");
        println!("cargo:rerun-if-changed={styles}");
        let css = std::fs::read_to_string(&styles).unwrap_or_else(|e| panic!("{styles}: {e}"));
        let min = out.with_file_name(format!("{name}.min.css"));
        std::fs::write(&min, css::minify(&css)).unwrap_or_else(|e| panic!("{}: {e}", min.display()));
    }
}

/// A pseudo-locale's UI strings (`src/core/i18n/<module>.rs` includes them):
/// `en.rs` with every text made over by `make`, and its own code.
fn pseudo_strings(out: &std::path::Path, code: &str, make: fn(&str) -> String) {
    const ENGLISH: &str = "src/core/i18n/en.rs";
    println!("cargo:rerun-if-changed={ENGLISH}");
    let source = std::fs::read_to_string(ENGLISH).unwrap_or_else(|e| panic!("{ENGLISH}: {e}"));
    let mut made = String::new();
    for line in source.lines().filter(|l| !l.starts_with("//!")) {
        let line = line.replace("pub const EN: Strings", "pub const STRINGS: Strings");
        // `    field: "text",` (en.rs has one string a line, without escapes).
        let text = line.trim_start().split_once(": \"").and_then(|(field, rest)| Some((field, rest.strip_suffix("\",")?)));
        match text {
            Some(("locale", _)) => made.push_str(&format!("    locale: {code:?},")),
            Some((field, text)) => made.push_str(&format!("    {field}: {:?},", make(text))),
            None => made.push_str(&line),
        }
        made.push('\n');
    }
    let file = out.with_file_name(format!("i18n_{}.rs", code.to_ascii_lowercase().replace('-', "_")));
    std::fs::write(&file, made).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
}
