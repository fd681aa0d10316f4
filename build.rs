//! Compacts the built-in screener for the wasm: the JSON is read and written
//! back by the widget's own reader (src/core/json.rs), so the whitespace of
//! the readable file in screeners/ costs visitors nothing, and a file that is
//! not JSON stops the build. The widget's stylesheet loses its comments and
//! spare whitespace the same way (build/css.rs).

// Formatted as part of the crate; rustfmt would look for its test module beside build.rs.
#[rustfmt::skip]
#[path = "src/core/json.rs"]
#[allow(dead_code, unused_imports)]
mod json;

#[path = "build/css.rs"]
mod css;

fn main() {
    const SOURCE: &str = "screeners/program-fit.json";
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=src/core/json.rs");
    let text = std::fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let value = json::parse(&text).unwrap_or_else(|e| panic!("{SOURCE} is not JSON: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("program-fit.min.json");
    std::fs::write(&out, value.to_string()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));

    const STYLES: &str = "styles/widget.css";
    println!("cargo:rerun-if-changed={STYLES}");
    println!("cargo:rerun-if-changed=build/css.rs");
    let css = std::fs::read_to_string(STYLES).unwrap_or_else(|e| panic!("{STYLES}: {e}"));
    let out = out.with_file_name("widget.min.css");
    std::fs::write(&out, css::minify(&css)).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
