/** Register index bits: 2^14 registers of one byte, 16 KiB, ~0.81 % standard error (as Redis's PFCOUNT). */
const P = 14;
const M = 1 << P;
/** Hash bits left for the rank once the index is taken (a 53-bit hash). */
const Q = 53 - P;
/** Up to this many distinct ids a sketch keeps them exactly (a few KiB); past it, registers. */
const EXACT_MAX = 128;

/**
 * cyrb53 (public domain, bryc/code `jshash/experimental/cyrb53.js`): a fast 53-bit string hash,
 * returned as its high 21 and low 32 bits.
 */
function hash53(s: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h2 & 0x1fffff, h1 >>> 0];
}

/** Ertl's sigma and tau (arXiv:1702.01284, as Redis's hyperloglog.c uses them). */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  for (let prev = -1; z !== prev;) {
    x *= x;
    prev = z;
    z += x * y;
    y += y;
  }
  return z;
}
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (let prev = -1; z !== prev;) {
    x = Math.sqrt(x);
    prev = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
  }
  return z / 3;
}

/**
 * Distinct visitors of one bucket, in bounded memory: the ids themselves while there are at most
 * EXACT_MAX (exact, small), then a HyperLogLog of 2^14 one-byte registers (16 KiB, ~0.81 %
 * standard error) whatever the number of sessions, like the Redis store's PFADD/PFCOUNT.
 */
export class VisitorSketch {
  private ids: Set<string> | undefined = new Set();
  private regs: Uint8Array | undefined;

  add(id: string): void {
    if (this.ids) {
      this.ids.add(id);
      if (this.ids.size > EXACT_MAX) this.densify();
      return;
    }
    this.addHashed(id);
  }

  /** Add every visitor of `other` to this one. */
  merge(other: VisitorSketch): void {
    if (other.ids) {
      for (const id of other.ids) this.add(id);
      return;
    }
    if (this.ids) this.densify();
    const a = this.regs!;
    const b = other.regs!;
    for (let i = 0; i < M; i++) if (b[i]! > a[i]!) a[i] = b[i]!;
  }

  /** Distinct visitors: exact up to EXACT_MAX, estimated past it. */
  count(): number {
    if (this.ids) return this.ids.size;
    const regs = this.regs!;
    const hist = new Array<number>(Q + 2).fill(0);
    for (let i = 0; i < M; i++) hist[regs[i]!]!++;
    let z = M * tau((M - hist[Q + 1]!) / M);
    for (let k = Q; k >= 1; k--) {
      z += hist[k]!;
      z *= 0.5;
    }
    z += M * sigma(hist[0]! / M);
    return Math.round((0.5 / Math.LN2) * ((M * M) / z));
  }

  /** Bytes of payload held (ids counted at 64 bytes each): bounded by 16 KiB once dense. */
  get bytes(): number {
    return this.ids ? this.ids.size * 64 : M;
  }

  private densify() {
    this.regs = new Uint8Array(M);
    const ids = this.ids!;
    this.ids = undefined;
    for (const id of ids) this.addHashed(id);
  }

  private addHashed(id: string) {
    const [hi, lo] = hash53(id);
    const index = lo >>> (32 - P);
    // The rank: position of the first 1 in the Q bits after the index (Q + 1 if all are 0).
    const rest = lo & ((1 << (32 - P)) - 1);
    const rank = rest ? Math.clz32(rest) - P + 1 : hi ? 32 - P + Math.clz32(hi) - 11 + 1 : Q + 1;
    if (rank > this.regs![index]!) this.regs![index] = rank;
  }
}
