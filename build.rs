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
    // Spanish apart: most visitors never fetch it (src/web/translations.rs).
    let es = core::packed::split_locale(&mut q, "es");
    let out = out.with_file_name("program-fit.bin");
    std::fs::write(&out, core::packed::encode(&q)).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    let out = out.with_file_name("program-fit.es.bin");
    std::fs::write(&out, es).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    // The English after the first screen apart too, fetched at mount.
    let keep = core::packed::first_screen(&q);
    let en = core::packed::split_locale_except(&mut q, "en", &keep);
    let out = out.with_file_name("program-fit.bin");
    std::fs::write(&out, core::packed::encode(&q)).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    let out = out.with_file_name("program-fit.en.bin");
    std::fs::write(&out, en).unwrap_or_else(|e| panic!("{}: {e}", out.display()));

    const STYLES: &str = "styles/widget.css";
    println!("cargo:rerun-if-changed={STYLES}");
    println!("cargo:rerun-if-changed=build/css.rs");
    let css = std::fs::read_to_string(STYLES).unwrap_or_else(|e| panic!("{STYLES}: {e}"));
    let out = out.with_file_name("widget.min.css");
    std::fs::write(&out, css::minify(&css)).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
