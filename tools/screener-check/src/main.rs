//! The `screener-check` command; everything it does lives in the library.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let status = screener_check::cli::run(&args, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
    std::process::exit(status);
}

/// Built for the browser (as `trunk build` does for the workspace), the
/// command does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}
