/* Live explorers: numpy's shuffling, the same as numpy.random.default_rng(seed).permutation(m), number for number.

   lab_utils.minibatch shuffles each epoch with default_rng(seed).permutation(m): a PCG64
   generator (128-bit LCG, XSL-RR output) seeded by SeedSequence, and Fisher-Yates from the
   top with random_interval (a masked 32-bit draw, redrawn while too large; each 64-bit
   output gives two, low half first). Written step for step from numpy's bit_generator.pyx,
   pcg64.h, _generator.pyx and distributions.c. It replaces 60 KB of embedded orders per
   page; numpy may change its stream, so the explorer checks a sum computed by numpy. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});

  // SeedSequence (numpy/random/bit_generator.pyx): 32-bit hashing constants, pool of 4 words.
  const INIT_A = 0x43b0d7e5;
  const MULT_A = 0x931e8875;
  const INIT_B = 0x8b51f9dd;
  const MULT_B = 0x58f38ded;
  const MIX_MULT_L = 0xca01f9dd;
  const MIX_MULT_R = 0x4973f715;
  const POOL_SIZE = 4;
  // PCG64 (numpy/random/src/pcg64/pcg64.h): the 128-bit multiplier.
  const MULTIPLIER = (2549297995355413924n << 64n) | 4865540595714422341n;
  const MASK128 = (1n << 128n) - 1n;

  /** The 32-bit words of a non-negative integer seed, least significant first ([0] for 0). */
  function seedWords(seed) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`the seed must be an integer from 0 to 2^53 - 1, not ${seed}`);
    const words = [];
    let rest = seed;
    do {
      words.push(rest % 0x100000000);
      rest = Math.floor(rest / 0x100000000);
    } while (rest > 0);
    return words;
  }

  /** SeedSequence(seed).pool: the entropy mixed into four 32-bit words. */
  function seedPool(seed) {
    const entropy = seedWords(seed);
    let hashConst = INIT_A;
    const hashmix = (value) => {
      let v = (value ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_A) >>> 0;
      v = Math.imul(v, hashConst) >>> 0;
      return (v ^ (v >>> 16)) >>> 0;
    };
    const mix = (x, y) => {
      const r = (Math.imul(MIX_MULT_L, x) - Math.imul(MIX_MULT_R, y)) >>> 0;
      return (r ^ (r >>> 16)) >>> 0;
    };
    const pool = [];
    for (let i = 0; i < POOL_SIZE; i++) pool.push(hashmix(i < entropy.length ? entropy[i] : 0));
    for (let src = 0; src < POOL_SIZE; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) if (src !== dst) pool[dst] = mix(pool[dst], hashmix(pool[src]));
    }
    for (let src = POOL_SIZE; src < entropy.length; src++) {
      for (let dst = 0; dst < POOL_SIZE; dst++) pool[dst] = mix(pool[dst], hashmix(entropy[src]));
    }
    return pool;
  }

  /** SeedSequence.generate_state(count / 2, uint64) as `count` 32-bit words. */
  function generateState(pool, count) {
    let hashConst = INIT_B;
    const out = [];
    for (let i = 0; i < count; i++) {
      let v = (pool[i % pool.length] ^ hashConst) >>> 0;
      hashConst = Math.imul(hashConst, MULT_B) >>> 0;
      v = Math.imul(v, hashConst) >>> 0;
      out.push((v ^ (v >>> 16)) >>> 0);
    }
    return out;
  }

  /** A 128-bit BigInt as eight 16-bit limbs, least significant first. */
  function limbs(value) {
    const out = new Float64Array(8);
    for (let k = 0; k < 8; k++) out[k] = Number((value >> BigInt(16 * k)) & 0xffffn);
    return out;
  }

  /** numpy.random.default_rng(seed), as far as permutation(m) needs it. */
  function defaultRng(seed) {
    const w = generateState(seedPool(seed), 8).map(BigInt);
    const u64 = [0, 1, 2, 3].map((i) => w[2 * i] | (w[2 * i + 1] << 32n));
    const initState = (u64[0] << 64n) | u64[1];
    const initSeq = (u64[2] << 64n) | u64[3];
    const incBig = ((initSeq << 1n) | 1n) & MASK128;
    const seeded = ((incBig + initState) * MULTIPLIER + incBig) & MASK128; // state 0, a step, + initState, a step
    // The state from here on in 16-bit limbs: BigInt arithmetic is about ten times slower.
    const state = limbs(seeded);
    const inc = limbs(incBig);
    const mult = limbs(MULTIPLIER);
    const next = new Float64Array(8);
    let buffered = -1; // the high half of the last 64-bit output, not drawn yet (-1: none)

    /**
     * state := state * MULTIPLIER + inc (mod 2^128); every partial sum stays below 2^36, exact.
     * The low limb is sum - carry * 65536, not sum % 65536: V8 takes the remainder of a double
     * through a call to C, a third of the whole shuffle's time.
     */
    function step() {
      let carry = 0;
      for (let k = 0; k < 8; k++) {
        let sum = carry + inc[k];
        for (let i = 0; i <= k; i++) sum += state[i] * mult[k - i];
        carry = Math.floor(sum / 65536);
        next[k] = sum - carry * 65536;
      }
      state.set(next);
    }

    /**
     * The next 32-bit draw: the low half of the next 64-bit output (XSL-RR: high half xor low
     * half, rotated right by the top 6 bits), whose high half is kept for the draw after.
     */
    function next32() {
      if (buffered >= 0) {
        const value = buffered;
        buffered = -1;
        return value;
      }
      step();
      let lo = ((state[0] ^ state[4]) | ((state[1] ^ state[5]) << 16)) >>> 0;
      let hi = ((state[2] ^ state[6]) | ((state[3] ^ state[7]) << 16)) >>> 0;
      let r = state[7] >>> 10;
      if (r >= 32) {
        const swap = lo;
        lo = hi;
        hi = swap;
        r -= 32;
      }
      if (r === 0) {
        buffered = hi;
        return lo;
      }
      buffered = ((hi >>> r) | (lo << (32 - r))) >>> 0;
      return ((lo >>> r) | (hi << (32 - r))) >>> 0;
    }

    /** random_interval(max): uniform in 0 .. max (max below 2^31 here). */
    function interval(max) {
      if (max === 0) return 0;
      let mask = max; // all ones up to max's top bit
      mask |= mask >>> 1;
      mask |= mask >>> 2;
      mask |= mask >>> 4;
      mask |= mask >>> 8;
      mask |= mask >>> 16;
      let value;
      do { value = (next32() & mask) >>> 0; } while (value > max);
      return value;
    }

    /** Generator.permutation(m): 0 .. m - 1 shuffled, into `out` (a typed array of m entries). */
    function permutation(m, out) {
      if (!Number.isInteger(m) || m < 1 || m >= 2 ** 31) throw new RangeError(`m must be a positive integer, not ${m}`);
      const a = out || new Uint32Array(m);
      for (let i = 0; i < m; i++) a[i] = i;
      for (let i = m - 1; i > 0; i--) {
        const j = interval(i);
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
      }
      return a;
    }

    return { permutation };
  }

  /**
   * lab_utils.minibatch.epoch_orders(m, numEpochs, seed): the order of the examples in each
   * epoch, epoch after epoch in one Uint16Array of numEpochs m entries (m at most 65536).
   */
  function epochOrders(m, numEpochs, seed) {
    if (m > 65536) throw new RangeError(`at most 65536 examples fit a Uint16Array order, not ${m}`);
    const rng = defaultRng(seed);
    const orders = new Uint16Array(numEpochs * m);
    for (let k = 0; k < numEpochs; k++) rng.permutation(m, orders.subarray(k * m, (k + 1) * m));
    return orders;
  }

  NS.numpyRandom = { defaultRng, epochOrders };
})(window);
