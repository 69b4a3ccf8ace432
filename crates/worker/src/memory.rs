//! Giving memory back to the operating system: large buffers are their own mappings, and a large article is followed by a trim, so one 10 MB input does not leave the worker's RSS high for good.
//!
//! glibc's allocator raises its mmap threshold each time a mapped block is
//! freed (up to 32 MiB), after which blocks of that size come from the heap
//! and stay with the process once freed. The worker fixes the threshold
//! instead, and trims the heap after an input of [`LARGE_INPUT_BYTES`] or
//! more. Elsewhere (another libc) both are no-ops.

/// Inputs at least this large are followed by [`release_free_memory`].
pub const LARGE_INPUT_BYTES: usize = 1 << 20;

/// Allocations at least this large get a mapping of their own, returned on free.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1 << 20;

/// Fix the allocator's mmap threshold for a long-running worker (see the module documentation).
pub fn tune_for_worker() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator parameters; any value is accepted or refused with 0.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Return the allocator's free memory, in every arena, to the operating system.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only releases free pages.
    unsafe {
        libc::malloc_trim(0);
    }
}
