//! Small allocations from free lists, one list per size class, in front of the system allocator.
//!
//! Extracting a bench-site page makes about 7,000 allocations, nearly all of at most 512 bytes (the tree's
//! nodes, names and pieces of text), and frees them when the page is done. On wasm32 the standard library's
//! allocator is dlmalloc, which comes prebuilt with std: its small helpers are calls that are not inlined,
//! and in Wasmtime each call also checks the epoch. It took about a sixth of the guest's time
//! (docs/BENCHMARKS.md, "A thirteenth look"). Here a small block is the head of its class's list, or is cut
//! from the current slab when the list is empty, and a freed block becomes the head again: a few
//! instructions inside the allocator's entry point. Larger or over-aligned blocks go to the system allocator as
//! before.
//!
//! Freed small blocks are kept for later blocks of their class and never go back to the system allocator,
//! so memory a page once held in small blocks stays in them. The host bounds that: it replaces an instance
//! whose memory grew large (`WasmPool`), and the store's limit still applies to every slab.

use std::alloc::{GlobalAlloc, Layout, System};
use std::ptr::{self, null_mut};

/// Class sizes are multiples of this, so every block cut from a slab aligned to it is aligned to it too.
const GRANULE: usize = 16;
/// The largest block a class serves.
const LARGEST: usize = 512;
const CLASSES: usize = LARGEST / GRANULE;
/// What is taken from the system allocator at a time to cut blocks from.
const SLAB: usize = 64 * 1024;

pub(crate) struct SmallBlocks {
    /// The first free block of each class; a free block's first bytes hold the address of the next.
    free: [*mut u8; CLASSES],
    /// The unused part of the current slab.
    next: *mut u8,
    end: *mut u8,
}

impl SmallBlocks {
    pub(crate) const fn new() -> SmallBlocks {
        SmallBlocks { free: [null_mut(); CLASSES], next: null_mut(), end: null_mut() }
    }

    /// The class that serves `layout`, if any. `GlobalAlloc` is never asked for zero bytes.
    #[inline]
    fn class(layout: Layout) -> Option<usize> {
        if layout.size() <= LARGEST && layout.align() <= GRANULE {
            Some((layout.size().max(1) - 1) / GRANULE)
        } else {
            None
        }
    }

    /// # Safety
    /// As `GlobalAlloc::alloc`: `layout` has a non-zero size.
    #[inline]
    pub(crate) unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        match Self::class(layout) {
            Some(class) => self.take(class),
            None => System.alloc(layout),
        }
    }

    /// # Safety
    /// As `GlobalAlloc::alloc_zeroed`.
    #[inline]
    pub(crate) unsafe fn alloc_zeroed(&mut self, layout: Layout) -> *mut u8 {
        match Self::class(layout) {
            Some(class) => {
                let block = self.take(class);
                if !block.is_null() {
                    // `block` is a free block of at least `layout.size()` bytes.
                    ptr::write_bytes(block, 0, layout.size());
                }
                block
            }
            None => System.alloc_zeroed(layout),
        }
    }

    /// # Safety
    /// As `GlobalAlloc::dealloc`: `ptr` came from this allocator with this `layout`.
    #[inline]
    pub(crate) unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        match Self::class(layout) {
            Some(class) => {
                // `ptr` is a block of this class (its layout says so), at least 16 bytes and aligned to
                // 16, no longer in use: its first bytes may hold the list's link.
                (ptr as *mut *mut u8).write(self.free[class]);
                self.free[class] = ptr;
            }
            None => System.dealloc(ptr, layout),
        }
    }

    /// # Safety
    /// As `GlobalAlloc::realloc`: `ptr` came from this allocator with `layout`, `new_size` is not zero and
    /// rounds up to a valid layout with `layout.align()`.
    #[inline]
    pub(crate) unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let grown = Layout::from_size_align_unchecked(new_size, layout.align());
        match (Self::class(layout), Self::class(grown)) {
            // Both sizes are large, so `System` made the block with `layout`.
            (None, None) => System.realloc(ptr, layout, new_size),
            (Some(old), Some(new)) if old == new => ptr,
            _ => {
                // `grown` has a non-zero size; the old block holds `layout.size()` bytes, the new one
                // `new_size`, and they are distinct allocations; the old one goes back as the caller gave it.
                let moved = self.alloc(grown);
                if !moved.is_null() {
                    ptr::copy_nonoverlapping(ptr, moved, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
                moved
            }
        }
    }

    #[inline]
    fn take(&mut self, class: usize) -> *mut u8 {
        let head = self.free[class];
        if head.is_null() {
            return self.cut((class + 1) * GRANULE);
        }
        // SAFETY: `head` is a free block of this class; `dealloc` wrote the next one's address into it.
        self.free[class] = unsafe { (head as *const *mut u8).read() };
        head
    }

    /// A new block of `size` bytes from the slab, after taking a new slab when this one has too little left
    /// (what it had left, less than `LARGEST`, is not used). Out of line and cold: the common path is a list
    /// head, and it stays a few instructions.
    #[cold]
    #[inline(never)]
    fn cut(&mut self, size: usize) -> *mut u8 {
        if (self.end as usize) - (self.next as usize) < size {
            // SAFETY: a non-zero size and a power-of-two alignment make a valid layout.
            let slab = unsafe { System.alloc(Layout::from_size_align_unchecked(SLAB, GRANULE)) };
            if slab.is_null() {
                return null_mut();
            }
            self.next = slab;
            // SAFETY: one past the end of the slab's `SLAB` bytes.
            self.end = unsafe { slab.add(SLAB) };
        }
        let block = self.next;
        // SAFETY: `size` bytes are left in the slab (checked above), so this is at most its end.
        self.next = unsafe { block.add(size) };
        block
    }
}

/// For `GlobalAlloc`, which takes `&self`.
#[cfg(target_arch = "wasm32")]
pub(crate) struct Shared(pub(crate) std::cell::UnsafeCell<SmallBlocks>);

#[cfg(target_arch = "wasm32")]
// SAFETY: only the wasm32 build installs it as the global allocator, and that build has one thread (no
// `atomics` target feature, no thread spawning), so the cell is never used by two threads at once.
unsafe impl Sync for Shared {}

#[cfg(target_arch = "wasm32")]
// SAFETY: each method forwards to `SmallBlocks` with the caller's arguments, and `SmallBlocks` keeps
// `GlobalAlloc`'s contract: blocks of at least the layout's size and alignment, never two live blocks
// overlapping, `System` for everything it does not serve. Calls never nest: `System` does not allocate
// through the global allocator.
unsafe impl GlobalAlloc for Shared {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).alloc(layout)
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).alloc_zeroed(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        (*self.0.get()).dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        (*self.0.get()).realloc(ptr, layout, new_size)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    fn filled(ptr: *mut u8, size: usize, byte: u8) {
        // SAFETY: the tests pass live blocks of at least `size` bytes.
        unsafe { ptr::write_bytes(ptr, byte, size) }
    }

    fn holds(ptr: *const u8, size: usize, byte: u8) -> bool {
        // SAFETY: the tests pass live blocks of at least `size` bytes, written before.
        unsafe { std::slice::from_raw_parts(ptr, size) }.iter().all(|&b| b == byte)
    }

    #[test]
    fn a_freed_block_is_the_next_of_its_class() {
        let mut blocks = SmallBlocks::new();
        // SAFETY: non-zero layouts; each block is freed with the layout it was made with.
        unsafe {
            let first = blocks.alloc(layout(40, 8));
            let other_class = blocks.alloc(layout(100, 8));
            blocks.dealloc(first, layout(40, 8));
            // 33..48 bytes share a class.
            let again = blocks.alloc(layout(48, 4));
            assert_eq!(again, first);
            assert_ne!(blocks.alloc(layout(40, 8)), first, "a block in use is never given again");
            assert_ne!(other_class, first);
        }
    }

    #[test]
    fn a_block_grown_within_its_class_stays_where_it_is() {
        let mut blocks = SmallBlocks::new();
        // SAFETY: a non-zero layout; the block is grown with the layout it was made with.
        unsafe {
            let block = blocks.alloc(layout(20, 1));
            assert_eq!(blocks.realloc(block, layout(20, 1), 32), block);
        }
    }

    #[test]
    fn zeroed_blocks_are_zero_even_when_reused() {
        let mut blocks = SmallBlocks::new();
        // SAFETY: a non-zero layout; the block is freed with it before it is taken again.
        unsafe {
            let block = blocks.alloc(layout(64, 8));
            filled(block, 64, 0xAB);
            blocks.dealloc(block, layout(64, 8));
            let zeroed = blocks.alloc_zeroed(layout(64, 8));
            assert_eq!(zeroed, block);
            assert!(holds(zeroed, 64, 0));
        }
    }

    /// A deterministic mixed workload: every live block keeps its own bytes through allocations, frees and
    /// reallocations across classes, into and out of the system allocator's sizes; every block is aligned.
    #[test]
    fn live_blocks_keep_their_bytes_and_alignment() {
        let mut blocks = SmallBlocks::new();
        let mut live: Vec<(*mut u8, Layout, u8)> = Vec::new();
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut random = move |below: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % below as u64) as usize
        };
        for step in 0..20_000usize {
            let byte = (step % 251) as u8;
            let size = if random(8) == 0 { LARGEST + 1 + random(3_000) } else { 1 + random(LARGEST) };
            if random(3) < 2 {
                if live.len() >= 2_000 {
                    continue;
                }
                let l = layout(size, [1, 2, 4, 8, 16, 32, 64][random(7)]);
                // SAFETY: a non-zero layout.
                let ptr = unsafe {
                    if random(4) == 0 {
                        blocks.alloc_zeroed(l)
                    } else {
                        blocks.alloc(l)
                    }
                };
                assert!(!ptr.is_null());
                assert_eq!(ptr as usize % l.align(), 0, "{size} bytes aligned to {}", l.align());
                filled(ptr, size, byte);
                live.push((ptr, l, byte));
            } else if !live.is_empty() {
                let (ptr, l, old) = live.swap_remove(random(live.len()));
                assert!(holds(ptr, l.size(), old), "a block kept its bytes");
                if random(2) == 0 {
                    // SAFETY: a live block with the layout it was made with.
                    unsafe { blocks.dealloc(ptr, l) };
                } else {
                    // SAFETY: as above; `size` is not zero.
                    let moved = unsafe { blocks.realloc(ptr, l, size) };
                    assert!(holds(moved, l.size().min(size), old), "realloc kept the bytes it keeps");
                    filled(moved, size, byte);
                    live.push((moved, layout(size, l.align()), byte));
                }
            }
        }
        for (ptr, l, byte) in live {
            assert!(holds(ptr, l.size(), byte));
            // SAFETY: a live block with the layout it was made with.
            unsafe { blocks.dealloc(ptr, l) };
        }
    }
}
