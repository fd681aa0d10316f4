//! Compacts the built-in screener for the wasm: the JSON is read and written
//! back by the widget's own reader (src/core/json.rs), so the whitespace of
//! the readable file in screeners/ costs visitors nothing, and a file that is
//! not JSON stops the build.

// Formatted as part of the crate; rustfmt would look for its test module beside build.rs.
#[rustfmt::skip]
#[path = "src/core/json.rs"]
#[allow(dead_code, unused_imports)]
mod json;

fn main() {
    const SOURCE: &str = "screeners/program-fit.json";
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=src/core/json.rs");
    let text = std::fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let value = json::parse(&text).unwrap_or_else(|e| panic!("{SOURCE} is not JSON: {e}"));
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("program-fit.min.json");
    std::fs::write(&out, value.to_string()).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
