//! The built-in screener's heap, as the widget unpacks it (`core::packed`):
//! its texts borrow the packed bytes, every vector is exactly as long as it
//! is, and a locale's wordings go into the one questionnaire. Counted by
//! this binary's own allocator, without the test harness (Cargo.toml), so
//! nothing else allocates meanwhile; on this 64-bit machine. The wasm's
//! pointers are half as wide, so the widget's heap is smaller still: its
//! whole live heap after three questions was 53 KB (115 KB before
//! 2026-12-07), measured in Chromium.

use program_fit_screener::core::packed;
use program_fit_screener::{BUILTIN_EN, BUILTIN_PACKED};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards to the system allocator, counting the bytes it holds.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), SeqCst);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), SeqCst);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The built-in screener unpacked and in English takes little heap.
fn main() {
    let before = LIVE.load(SeqCst);
    let q = packed::decode(BUILTIN_PACKED).expect("the built-in screener unpacks");
    let unpacked = LIVE.load(SeqCst) - before;
    assert!(packed::add_locale(&q, BUILTIN_EN), "its English goes in");
    let english = LIVE.load(SeqCst) - before - unpacked;
    // 2026-12-07: 40.8 KB and 11.2 KB, in one questionnaire; before, with
    // room for four in every short vector, every id a string of its own and
    // English in a second copy of the whole questionnaire, 54.7 KB and
    // 54.7 + 62.4 KB.
    eprintln!("unpacked {unpacked} bytes, English {english} bytes");
    assert!(unpacked <= 43 * 1024, "unpacked: {unpacked} bytes");
    assert!(english <= 13 * 1024, "English: {english} bytes");
    drop(q);
    assert_eq!(LIVE.load(SeqCst) - before, english, "only the English wordings stay, for the page's life (Text::add_later)");
    println!("heap: ok");
}
