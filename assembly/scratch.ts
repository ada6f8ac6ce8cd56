// Scratch blocks. The host allocates a kernel's scratch (16-byte aligned) from the kernel's own
// `…ScratchBytes` export, and the kernel carves its regions out of it. Each kernel describes its
// layout once, as the size of region r (a `RegionSizes` function); `regionAt` gives where region
// r starts and `regionAt(0, count, …)` how many bytes the block needs, so the two cannot disagree.

/** Round up to a multiple of 16 bytes (the alignment of every region, and of v128 loads). */
// @ts-ignore: decorator
@inline
export function align16(n: usize): usize {
  return (n + 15) & ~(<usize>15);
}

/** Size in bytes of region r of a layout with parameters (a, b), e.g. (largest pool, count of n). */
export type RegionSizes = (r: i32, a: usize, b: usize) => usize;

/** Start of region r of a block at `base` (16-byte aligned): the aligned sizes of regions 0..r−1 added. */
export function regionAt(base: usize, r: i32, sizes: RegionSizes, a: usize, b: usize): usize {
  let p = base;
  for (let i = 0; i < r; i++) p += align16(sizes(i, a, b));
  return p;
}
