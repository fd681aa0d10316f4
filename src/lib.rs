//! Program-fit screener: a privacy-first questionnaire widget.
//!
//! `core` is the pure engine (config, flow, scoring, outcomes, UI strings); it
//! never touches the DOM and is tested natively. `ui` (Yew components) and
//! `web` (the embed API and every browser call) exist only on wasm32.
#![deny(unsafe_code)]
#![warn(missing_debug_implementations)]

pub mod core;

/// The built-in screener's config: screeners/program-fit.json without its
/// whitespace (see build.rs), for the tests and tools; the widget ships
/// `BUILTIN_PACKED` instead.
pub const BUILTIN_CONFIG: &str = include_str!(concat!(env!("OUT_DIR"), "/program-fit.min.json"));

/// The built-in screener, checked and packed by build.rs (`core::packed`):
/// what the widget unpacks, without a JSON reader or the config's checks,
/// and without its other languages' wordings (build.rs writes each to
/// `program-fit.<code>.bin`, carried by its part, `web::translations`) or
/// its English after the first screen (`BUILTIN_EN`).
pub const BUILTIN_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/program-fit.bin"));

/// The built-in screener's English wordings after the first screen, which
/// `BUILTIN_PACKED` lacks too (`core::packed::split_locale_except`); in a
/// wasm part of their own, fetched once the first screen is drawn
/// (`embed::Mounted::prefetch`).
pub const BUILTIN_EN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/program-fit.en.bin"));

// The floors above the pure core, each importing only the ones below it:
// embed (the element's lifecycle) -> ui (components) -> web (browser
// services) -> core.
// The element (its wasm exports) only with the `element` feature (default):
// the configurator links the floors below it without it.
#[cfg(all(target_arch = "wasm32", feature = "element"))]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// The wasm's allocator: talc rather than Rust's default (dlmalloc), which
/// ships 1.4 KB less (brotli), with its heap starting where the linker's
/// static data ends (`__heap_base`), not at the end of the initial memory
/// as talc's own `WasmHandler` does: the 18 KB in between were never used.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
#[allow(unsafe_code)]
// SAFETY: `lock` with `AssumeUnlockable` needs a single-threaded wasm; the
// widget's wasm is built without atomics and never runs in a worker.
static ALLOCATOR: talc::Talck<talc::locking::AssumeUnlockable, HeapFromBase> =
    talc::Talc::new(HeapFromBase { heap: talc::Span::empty() }).lock();

/// A wasm memory page.
#[cfg(target_arch = "wasm32")]
const PAGE: usize = 64 * 1024;

/// Talc's memory: one span from `__heap_base` to the end of linear memory,
/// extended by `memory.grow` as allocations need (if something else grew
/// the memory meanwhile, the new pages start a span of their own).
#[cfg(target_arch = "wasm32")]
struct HeapFromBase {
    heap: talc::Span,
}

// SAFETY: the span is only touched under the allocator, in a wasm without threads.
#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
unsafe impl Send for HeapFromBase {}

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
impl talc::OomHandler for HeapFromBase {
    fn handle_oom(talc: &mut talc::Talc<Self>, layout: std::alloc::Layout) -> Result<(), ()> {
        extern "C" {
            /// The first byte after the static data, defined by wasm-ld (only its address is
            /// taken; nothing is placed after it).
            static __heap_base: u8;
        }
        let end = std::arch::wasm32::memory_size::<0>() * PAGE;
        let heap = talc.oom_handler.heap;
        match heap.get_base_acme() {
            // The heap ends where the memory does: grow both.
            Some((base, acme)) if acme as usize == end => Self::grow(talc, layout, base, Some(heap)),
            // Something else grew the memory: new pages, a span of their own.
            Some(_) => Self::grow(talc, layout, end as *mut u8, None),
            None => {
                // The first allocation: from the end of the static data, the initial memory's
                // unused tail first.
                // (Should the allocation not fit in it after talc's own bookkeeping, talc asks
                // again, and the heap then grows as above; a tail too small for the bookkeeping
                // is left to the growth.)
                let base = std::ptr::addr_of!(__heap_base) as *mut u8;
                if end > base as usize + 4096 {
                    // SAFETY: [base, end) is linear memory that nothing else uses.
                    if let Ok(heap) = unsafe { talc.claim(talc::Span::new(base, end as *mut u8)) } {
                        talc.oom_handler.heap = heap;
                        return Ok(());
                    }
                }
                Self::grow(talc, layout, base, None)
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
#[allow(unsafe_code)]
impl HeapFromBase {
    /// Grows the memory by the pages `layout` needs; the heap is then `[start, new end)`: `old`
    /// extended over them, or a new span claimed.
    fn grow(talc: &mut talc::Talc<Self>, layout: std::alloc::Layout, start: *mut u8, old: Option<talc::Span>) -> Result<(), ()> {
        let required = (layout.size() + 8).max(layout.align() * 2) + 64;
        if std::arch::wasm32::memory_grow::<0>(required.div_ceil(PAGE)) == usize::MAX {
            return Err(());
        }
        let new_end = (std::arch::wasm32::memory_size::<0>() * PAGE) as *mut u8;
        talc.oom_handler.heap = match old {
            // SAFETY: the old heap is talc's, and the pages after it were just grown.
            Some(old) => unsafe { talc.extend(old, talc::Span::new(start, new_end)) },
            // SAFETY: [start, new end) is the static data's unused tail or just grown: nothing else uses it.
            None => unsafe { talc.claim(talc::Span::new(start, new_end))? },
        };
        Ok(())
    }
}
