//! The module's exports. Memory is exported by the toolchain; everything else is here.
//!
//! - `alloc(len) -> ptr`: 0 when the allocation fails (never traps);
//! - `dealloc(ptr, len)`;
//! - `extract(html_ptr, html_len, url_ptr, url_len, options) -> i64`: `(ptr << 32) | len` of the UTF-8
//!   JSON result, which the host frees with `dealloc`; a negative value is an error code (-1 the URL is not
//!   UTF-8, -2 out of memory, -3 the page nests elements deeper than `MAX_NESTING`);
//! - `memory_bytes() -> i32`: the linear memory size, for the host's statistics;
//! - `allocation_failed() -> i32`: 1 when an allocation failed since the last `extract` began. Rust aborts
//!   on a failed allocation with a bare `unreachable` trap; this flag lets the host tell "out of memory"
//!   from other traps.

use crate::small_blocks::{Shared, SmallBlocks};
use std::alloc::{alloc as raw_alloc, dealloc as raw_dealloc, GlobalAlloc, Layout};
use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, Ordering};

static ALLOCATION_FAILED: AtomicBool = AtomicBool::new(false);

/// Small blocks from free lists, the rest from the system allocator (`small_blocks.rs`), noting failures
/// before Rust turns them into a trap.
struct FailureNotingAllocator(Shared);

// SAFETY: every method forwards to `Shared` with the caller's arguments unchanged, so its guarantees
// (alignment, size, no unwinding) hold; `noted` only reads the returned pointer.
unsafe impl GlobalAlloc for FailureNotingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        noted(self.0.alloc(layout))
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        noted(self.0.alloc_zeroed(layout))
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.0.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        noted(self.0.realloc(ptr, layout, new_size))
    }
}

fn noted(ptr: *mut u8) -> *mut u8 {
    if ptr.is_null() {
        ALLOCATION_FAILED.store(true, Ordering::Relaxed);
    }
    ptr
}

#[global_allocator]
static ALLOCATOR: FailureNotingAllocator = FailureNotingAllocator(Shared(UnsafeCell::new(SmallBlocks::new())));

#[no_mangle]
pub extern "C" fn allocation_failed() -> u32 {
    ALLOCATION_FAILED.load(Ordering::Relaxed) as u32
}

const ERROR_BAD_URL: i64 = -1;
const ERROR_OUT_OF_MEMORY: i64 = -2;
const ERROR_TOO_COMPLEX: i64 = -3;

#[no_mangle]
pub extern "C" fn alloc(len: u32) -> u32 {
    if len == 0 {
        return 0;
    }
    match Layout::from_size_align(len as usize, 1) {
        // SAFETY: `layout` has a non-zero size (checked above), as `alloc` requires; a null result is 0.
        Ok(layout) => unsafe { raw_alloc(layout) as u32 },
        Err(_) => 0,
    }
}

#[no_mangle]
pub extern "C" fn dealloc(ptr: u32, len: u32) {
    if ptr == 0 || len == 0 {
        return;
    }
    if let Ok(layout) = Layout::from_size_align(len as usize, 1) {
        // SAFETY: the host frees only what `alloc` gave it (or `extract` returned), with the same length, so
        // `ptr` was allocated by this allocator with this layout (size `len`, alignment 1).
        unsafe { raw_dealloc(ptr as *mut u8, layout) }
    }
}

#[no_mangle]
pub extern "C" fn memory_bytes() -> u32 {
    (core::arch::wasm32::memory_size(0) * 65536) as u32
}

/// The `len` bytes the host wrote at `ptr`. An empty input comes with pointer 0 (`alloc`'s answer for 0
/// bytes), which a slice may not have, so it is the empty slice.
fn host_bytes<'a>(ptr: u32, len: u32) -> &'a [u8] {
    if len == 0 {
        return &[];
    }
    // SAFETY: the host wrote `len` bytes at `ptr` into a buffer it got from `alloc` (so not null), and keeps
    // it alive and untouched until `extract` returns, which is longer than the slice is used.
    unsafe { std::slice::from_raw_parts(ptr as *const u8, len as usize) }
}

#[no_mangle]
pub extern "C" fn extract(html_ptr: u32, html_len: u32, url_ptr: u32, url_len: u32, options: u32) -> i64 {
    ALLOCATION_FAILED.store(false, Ordering::Relaxed);
    let html = host_bytes(html_ptr, html_len);
    let url_bytes = host_bytes(url_ptr, url_len);
    let url = match std::str::from_utf8(url_bytes) {
        Ok(u) => u,
        Err(_) => return ERROR_BAD_URL,
    };
    // Straight to bytes (`to_string` goes through `core::fmt`, a call per escaped piece), strings in runs (`json.rs`).
    let document = match crate::extract(html, url, crate::Options::from_bits(options)) {
        Ok(document) => document,
        Err(crate::TooComplex) => return ERROR_TOO_COMPLEX,
    };
    let output = crate::json::to_vec(&document);
    let len = output.len();
    let ptr = alloc(len as u32);
    if ptr == 0 {
        return ERROR_OUT_OF_MEMORY;
    }
    // SAFETY: `ptr` is a fresh allocation of `len` bytes, so it cannot overlap `output`, which holds `len` bytes.
    unsafe { std::ptr::copy_nonoverlapping(output.as_ptr(), ptr as *mut u8, len) };
    ((ptr as i64) << 32) | len as i64
}
