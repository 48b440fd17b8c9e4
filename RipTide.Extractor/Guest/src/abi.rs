//! The module's exports. Memory is exported by the toolchain; everything else is here.
//!
//! - `alloc(len) -> ptr`: 0 when the allocation fails (never traps);
//! - `dealloc(ptr, len)`;
//! - `extract(html_ptr, html_len, url_ptr, url_len, options) -> i64`: `(ptr << 32) | len` of the UTF-8
//!   JSON result, which the host frees with `dealloc`; a negative value is an error code;
//! - `memory_bytes() -> i32`: the linear memory size, for the host's statistics.

use std::alloc::{alloc as raw_alloc, dealloc as raw_dealloc, Layout};

const ERROR_BAD_URL: i64 = -1;
const ERROR_OUT_OF_MEMORY: i64 = -2;

#[no_mangle]
pub extern "C" fn alloc(len: u32) -> u32 {
    if len == 0 {
        return 0;
    }
    match Layout::from_size_align(len as usize, 1) {
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
        unsafe { raw_dealloc(ptr as *mut u8, layout) }
    }
}

#[no_mangle]
pub extern "C" fn memory_bytes() -> u32 {
    (core::arch::wasm32::memory_size(0) * 65536) as u32
}

#[no_mangle]
pub extern "C" fn extract(html_ptr: u32, html_len: u32, url_ptr: u32, url_len: u32, options: u32) -> i64 {
    let html = unsafe { std::slice::from_raw_parts(html_ptr as *const u8, html_len as usize) };
    let url_bytes = unsafe { std::slice::from_raw_parts(url_ptr as *const u8, url_len as usize) };
    let url = match std::str::from_utf8(url_bytes) {
        Ok(u) => u,
        Err(_) => return ERROR_BAD_URL,
    };
    let output = crate::extract(html, url, crate::Options::from_bits(options)).to_string().into_bytes();
    let len = output.len();
    let ptr = alloc(len as u32);
    if ptr == 0 {
        return ERROR_OUT_OF_MEMORY;
    }
    unsafe { std::ptr::copy_nonoverlapping(output.as_ptr(), ptr as *mut u8, len) };
    ((ptr as i64) << 32) | len as i64
}
