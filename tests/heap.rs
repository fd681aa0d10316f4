//! The built-in screener's heap, as the widget unpacks it (`core::packed`):
//! its texts borrow the packed bytes, and every vector is exactly as long
//! as it is. Counted by this binary's own allocator (its only test, so no
//! other test's allocations are counted), on this 64-bit machine; the wasm's
//! pointers are half as wide, so the widget's heap is smaller still
//! (about 17 KB unpacked and 9 KB for English, measured in Chromium).

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

#[test]
fn the_builtin_screener_unpacked_and_in_english_takes_little_heap() {
    let before = LIVE.load(SeqCst);
    let mut q = packed::decode(BUILTIN_PACKED).expect("the built-in screener unpacks");
    let unpacked = LIVE.load(SeqCst) - before;
    assert!(packed::add_locale(&mut q, BUILTIN_EN), "its English goes back in");
    let english = LIVE.load(SeqCst) - before - unpacked;
    // 2026-12-07: 33.8 KB and 17.2 KB; before, with room for four in every
    // short vector and every id a string of its own, 54.7 KB and 62.4 KB.
    assert!(unpacked <= 36 * 1024, "unpacked: {unpacked} bytes");
    assert!(english <= 19 * 1024, "English: {english} bytes");
    drop(q);
    assert_eq!(LIVE.load(SeqCst), before, "nothing else was counted");
}
