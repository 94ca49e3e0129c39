/* Live explorers: batch descent's cost-and-gradient pass in WebAssembly SIMD, two examples at a
   time (tools/wasm/cost_gradient.wat; `node tools/build_wasm.js` writes WASM below from it).
   maths.js descent uses it where the browser runs WebAssembly SIMD, and its own JavaScript
   costAndGradient elsewhere; both agree with lab_utils to 1e-9 (tests/browser). */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const WASM = "AGFzbQEAAAABFwNgAXwBfGABewF7YAh/f39/f39/fAF8AhMCAmpzA2V4cAAAAmpzA2xvZwAAAwMCAQIFAwEAAQccAgZtZW1vcnkCAA9jb3N0QW5kR3JhZGllbnQAAwqqCgLuBAEGeyAA/Qz+gitlRxX3P/6CK2VHFfc//fIB/ZQBIQEgACAB/QwAAOD+Qi7mPwAA4P5CLuY//fIB/fEBIAH9DHY8eTXvOeo9djx5Ne856j398gH98QEhAiACIAL98gEhAyADIAP98gEhBCAEIAT98gEhBf0MAAAAAAAA8D8AAAAAAADwP/0MAAAAAAAA8D8AAAAAAADwPyAC/fIB/fAB/QwAAAAAAADgPwAAAAAAAOA//QxVVVVVVVXFP1VVVVVVVcU/IAL98gH98AEgA/3yAf3wAf0MVVVVVVVVpT9VVVVVVVWlP/0MERERERERgT8RERERERGBPyAC/fIB/fAB/QwXbMEWbMFWPxdswRZswVY//QwaoAEaoAEqPxqgARqgASo/IAL98gH98AEgA/3yAf3wASAE/fIB/fAB/QwaoAEaoAH6PhqgARqgAfo+/Qw0x1al4x3HPjTHVqXjHcc+IAL98gH98AH9DFyfeLdPfpI+XJ94t09+kj79DORE9WdF5lo+5ET1Z0XmWj4gAv3yAf3wASAD/fIB/fAB/QyY2Pjv2O4hPpjY+O/Y7iE+/QwJbagTRhLmPQltqBNGEuY9IAL98gH98AEgBP3yAf3wASAF/fIB/fABIAH9DAAAAAAAADhDAAAAAAAAOEP98AH9DAAAAAAAADhDAAAAAAAAOEP90QFBNP3LAf3OASEGIAD9DAAAAAAAIIbAAAAAAAAghsD9TP3DAUUEQCAA/SEARAAAAAAAIIbAZkUEQCAGIAD9IQAQAP0iACEGCyAA/SEBRAAAAAAAIIbAZkUEQCAGIAD9IQEQAP0iASEGCwsgBgu3BQQFfwt7AXwBfyAAIABBAXFqIQggCEEDdCEJ/QwAAAAAAADwPwAAAAAAAPA/IRVBACEKAkADQCAKIABPDQEgCkEDdCEMIAIgDGr9AAQAIAQrAwD9FP3yASENQQEhCwJAA0AgCyABTw0BIA0gAiALIAlsaiAMav0ABAAgBCALQQN0aisDAP0U/fIB/fABIQ0gC0EBaiELDAALCyANIAf9FP3wASEN/Qz//////////////////////Qz//////////wAAAAAAAAAAIApBAWogAEkbIRAgDf3sAf3tARACIQ79DAAAAAAAAPA/AAAAAAAA8D8gDv3wASEPIAMgDGr9AAQAIREgEiAN/QwAAAAAAAAAAAAAAAAAAAAA/fUBIBD9Tv3wASESIBUgD/0MAAAAAAAA8D8AAAAAAADwPyAQ/VL98gEhFSATIBEgDf3yASAQ/U798AEhE/0MAAAAAAAA8D8AAAAAAADwPyAOIA39DAAAAAAAAAAAAAAAAAAAAAD9TP1SIA/98wEgEf3xASAQ/U4hFiAFIAxqIBb9CwQAIBQgFv3wASEUIApBAmohCiAKQf8DcUUEQCAYIBX9IQAgFf0hAaIQAaAhGP0MAAAAAAAA8D8AAAAAAADwPyEVCwwACwsgGCAV/SEAIBX9IQGiEAGgIRhBACELAkADQCALIAFPDQH9DAAAAAAAAAAAAAAAAAAAAAAhF0EAIQoCQANAIAogCE8NASAKQQN0IQwgFyACIAsgCWxqIAxq/QAEACAFIAxq/QAEAP3yAf3wASEXIApBAmohCgwACwsgBiALQQN0aiAX/SEAIBf9IQGgIAC4ozkDACALQQFqIQsMAAsLIAYgAUEDdGogFP0hACAU/SEBoCAAuKM5AwAgEv0hACAS/SEBoCAYoCAT/SEAIBP9IQGgoSAAuKML";
  const TABLE_BYTES = 32 * 8; // 2^(j/32), j = 0 .. 31, at address 0

  function instantiate() {
    try {
      const bytes = Uint8Array.from(atob(WASM), (c) => c.charCodeAt(0));
      if (!(global.WebAssembly && WebAssembly.validate(bytes))) return null;
      const module = new WebAssembly.Module(bytes);
      return new WebAssembly.Instance(module, { js: { exp: Math.exp, log: Math.log } }).exports;
    } catch (error) {
      return null; // no WebAssembly, or no SIMD: maths.js runs its JavaScript pass
    }
  }
  const wasm = instantiate();

  /**
   * For the problem p (maths.js), a function step(w, b, g) that writes dJ/dw and dJ/db into g
   * (Float64Array(n + 1)) and returns the cost, as maths.js costAndGradient does; or null where
   * WebAssembly SIMD is missing. The features are copied into the module's memory here, once per
   * call (a descent calls it once).
   */
  NS.maths.simdCostAndGradient = function (p) {
    if (!wasm) return null;
    const { X, y, m, n } = p;
    const mPad = m + (m % 2);
    const doubles = { cols: n * mPad, y: mPad, w: n, err: mPad, g: n + 1 };
    const offsets = {};
    let next = TABLE_BYTES;
    for (const [name, count] of Object.entries(doubles)) {
      offsets[name] = next;
      next += 8 * count;
    }
    const pages = Math.ceil(next / 65536) - wasm.memory.buffer.byteLength / 65536;
    if (pages > 0) wasm.memory.grow(pages);
    const memory = new Float64Array(wasm.memory.buffer);
    for (let j = 0; j < 32; j++) memory[j] = Math.pow(2, j / 32); // as maths.js TWO_TO_J
    const at = (name) => offsets[name] / 8;
    memory.fill(0, at("cols"), next / 8);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < m; i++) memory[at("cols") + j * mPad + i] = X[i * n + j];
    }
    memory.set(y, at("y"));
    const w = memory.subarray(at("w"), at("w") + n);
    const gradient = memory.subarray(at("g"), at("g") + n + 1);
    return function step(wNow, b, g) {
      w.set(wNow);
      const cost = wasm.costAndGradient(m, n, offsets.cols, offsets.y, offsets.w, offsets.err, offsets.g, b);
      g.set(gradient);
      return cost;
    };
  };
})(window);
