//! Finding one byte in a long slice, sixteen bytes at a time where WebAssembly SIMD is on.
//!
//! The prescan looks for every `<` of the page and then for the end of each script body. Byte by byte
//! in the guest that is a loop iteration, and so one of Wasmtime's epoch checks, per byte of the page;
//! a 16-lane compare does the same work in a sixteenth of the iterations. Debian's `memchr` (2.5) has
//! no WebAssembly SIMD path, hence this helper. Natively (unit tests, the corpus harness) it is the
//! plain loop.

/// The index of the first `byte` in `haystack`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn find_byte(haystack: &[u8], byte: u8) -> Option<usize> {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load};
    let needle = u8x16_splat(byte);
    let mut i = 0;
    while i + 16 <= haystack.len() {
        // SAFETY: the 16 bytes at `i` are inside `haystack`, and v128_load needs no alignment.
        let chunk = unsafe { v128_load(haystack.as_ptr().add(i) as *const v128) };
        let hits = u8x16_bitmask(u8x16_eq(chunk, needle));
        if hits != 0 {
            return Some(i + hits.trailing_zeros() as usize);
        }
        i += 16;
    }
    haystack[i..].iter().position(|&b| b == byte).map(|offset| i + offset)
}

/// The index of the first `byte` in `haystack`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub fn find_byte(haystack: &[u8], byte: u8) -> Option<usize> {
    haystack.iter().position(|&b| b == byte)
}

#[cfg(test)]
mod tests {
    use super::find_byte;

    #[test]
    fn finds_the_first_occurrence_at_any_offset_or_none() {
        let mut page = vec![b'a'; 70];
        assert_eq!(find_byte(&page, b'<'), None);
        assert_eq!(find_byte(&[], b'<'), None);
        for at in [0, 1, 15, 16, 17, 31, 32, 63, 69] {
            page[at] = b'<';
            assert_eq!(find_byte(&page, b'<'), Some(at), "only one at {at}");
            page[69] = b'<';
            assert_eq!(find_byte(&page, b'<'), Some(at), "first of two, at {at}");
            page[at] = b'a';
            page[69] = b'a';
        }
    }
}
