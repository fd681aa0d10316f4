//! The `pfs-inbox` command; everything it does lives in the library.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    pfs_inbox::cli::main()
}

/// Built for the browser (as `trunk build` does for the workspace), the
/// command does nothing.
#[cfg(target_arch = "wasm32")]
fn main() {}
