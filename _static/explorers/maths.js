/* Live explorers: the maths, mirroring lab_utils operation for operation in float64, except
   that exp is expNonPositive and sums run in order (numpy's are pairwise): equal to rounding.

   sigmoid            lab_utils.activation._sigmoid_of_array: exp only ever sees -|z|
   sigmoidDerivative  lab_utils.sigmoid_derivative: sigma(z) * sigma(-z)
   logLoss            lab_utils.log_loss_from_logits: max(z, 0) + log1p(exp(-|z|)) - y z
   cost               lab_utils.compute_cost_logistic (no regularisation)
   gradient           lab_utils.compute_gradient_logistic
   descent            lab_utils.gradient_descent with its stopping rules (patience 20)
   featureTerms       lab_utils.map_feature_terms: the exponents (p, q) of x1^p x2^q, in column order
   polynomialProblem  lab_utils.studies.regularization.poly_features: scale, then lab_utils.map_feature
   regularizedCost    lab_utils.compute_cost_logistic with lambda_: mean log loss + lambda / (2 m) w . w
   regularizedGradient lab_utils.compute_gradient_logistic with lambda_: adds (lambda / m) w to dJ/dw
   hessian            lab_utils.newton.hessian_logistic: X1' diag(f (1 - f)) X1 / m + lambda / m on w's diagonal
   solve              numpy.linalg.solve (Gaussian elimination with partial pivoting)
   newton             lab_utils.studies.regularization.fit_regularized (lab_utils.newton.newton_method)
   minibatchDescent   lab_utils.minibatch.run_minibatch_gradient_descent: mini-batches, heavy-ball momentum

   A problem is {X: Float64Array (m rows of n features, row by row), y, m, n}. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const PATIENCE = 20;

  /* exp(x) for x <= 0, faster than Math.exp (a call into C in V8): x = (32 k + j) ln2 / 32 + r,
     |r| <= ln2 / 64; 2^k and 2^(j/32) from tables, exp(r) by Taylor to degree 6. Within 3 * 2^-52
     relative of numpy's exp on [-708, 0] (test_page_exp_agrees_with_numpy_exp); Math.exp elsewhere. */
  const EXP_TABLE_SIZE = 32;
  const EXP_SCALE = EXP_TABLE_SIZE / Math.LN2;
  const LN2_HI = 0.6931471803691238 / EXP_TABLE_SIZE; // ln2 / 32 in two parts; q * LN2_HI is exact
  const LN2_LO = 1.9082149292705877e-10 / EXP_TABLE_SIZE;
  const ROUND_SHIFT = 1.5 * Math.pow(2, 52); // (v + ROUND_SHIFT) - ROUND_SHIFT: v rounded to an integer
  const EXP_LOWEST = -708;
  const TWO_TO_J = Float64Array.from({ length: EXP_TABLE_SIZE }, (_, j) => Math.pow(2, j / EXP_TABLE_SIZE));
  const TWO_TO_MINUS_K = Float64Array.from({ length: 1030 }, (_, k) => Math.pow(2, -k));
  function expNonPositive(x) {
    if (!(x >= EXP_LOWEST && x <= 0)) return Math.exp(x);
    const q = (x * EXP_SCALE + ROUND_SHIFT) - ROUND_SHIFT;
    const r = (x - q * LN2_HI) - q * LN2_LO;
    const r2 = r * r;
    const expR = 1 + r + r2 * (1 / 2 + r * (1 / 6)) + r2 * r2 * (1 / 24 + r * (1 / 120) + r2 * (1 / 720));
    const qi = q | 0;
    return TWO_TO_MINUS_K[-(qi >> 5)] * (TWO_TO_J[qi & 31] * expR); // k = qi >> 5, j = qi & 31
  }

  /** exp(-|z|), the one exponential the sigmoid and the log loss need. */
  function expNegAbsOf(z) {
    return expNonPositive(-Math.abs(z));
  }

  /** sigmoid(z) from e = exp(-|z|): exp only ever sees -|z|, so nothing overflows. */
  function sigmoidFromExp(z, e) {
    return (z >= 0 ? 1 : e) / (1 + e);
  }

  function sigmoid(z) {
    return sigmoidFromExp(z, expNegAbsOf(z));
  }

  function sigmoidDerivative(z) {
    return sigmoid(z) * sigmoid(-z);
  }

  function logLoss(z, y) {
    return Math.max(z, 0) + Math.log1p(expNegAbsOf(z)) - y * z;
  }

  /** A problem from rows of features (array of arrays) and labels. */
  function problem(rows, labels) {
    const m = rows.length;
    const n = rows[0].length;
    const X = new Float64Array(m * n);
    rows.forEach((row, i) => row.forEach((v, j) => { X[i * n + j] = v; }));
    return { X, y: Float64Array.from(labels), m, n };
  }

  /** z = X w + b, into `out`. */
  function logits(p, w, b, out) {
    const { X, m, n } = p;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += X[i * n + j] * w[j];
      out[i] = s + b;
    }
    return out;
  }

  /** The features column by column: cols[j][i] = X[i n + j] (as descent reads them). */
  function columns(p) {
    const { X, m, n } = p;
    const cols = [];
    for (let j = 0; j < n; j++) {
      const col = new Float64Array(m);
      for (let i = 0; i < m; i++) col[i] = X[i * n + j];
      cols.push(col);
    }
    return cols;
  }

  /** exp(-|z|) of every logit, into `out` (both cost and gradient need it). */
  function expNegAbs(z, out) {
    for (let i = 0; i < z.length; i++) out[i] = expNegAbsOf(z[i]);
    return out;
  }

  /**
   * Factors multiplied together before one Math.log in the mean log loss. Each factor 1 + exp(-|z|)
   * lies in [1, 2], so a product of LOG_BLOCK of them is at most 2^512: finite, never rounded
   * to Infinity (and never below 1).
   */
  const LOG_BLOCK = 512;

  /**
   * Mean log loss, summed in the same three parts as lab_utils.mean_log_loss_from_logits;
   * `e` is exp(-|z|).
   *
   * The softplus part, the sum of log1p(e_i), is the log of the product of the 1 + e_i: one
   * Math.log per LOG_BLOCK examples, not one log1p per example. Each factor and product is rounded
   * once (u = 2^-53), so the mean loss is off by at most about 2u absolute plus u relative, for
   * any m: the same order as the rounding of max(z, 0) - y z itself, and below 1e-12 relative for
   * every cost above 1e-3. NaN and infinite logits give NaN or infinite costs, as with log1p.
   */
  function meanLogLoss(z, y, e) {
    const m = z.length;
    let positive = 0;
    let soft = 0;
    let yz = 0;
    for (let start = 0; start < m; start += LOG_BLOCK) {
      const stop = Math.min(m, start + LOG_BLOCK);
      let product = 1;
      for (let i = start; i < stop; i++) {
        positive += Math.max(z[i], 0);
        product *= 1 + e[i];
        yz += y[i] * z[i];
      }
      soft += Math.log(product);
    }
    return (positive + soft - yz) / m;
  }

  function cost(p, w, b) {
    const z = logits(p, w, b, new Float64Array(p.m));
    return meanLogLoss(z, p.y, expNegAbs(z, new Float64Array(p.m)));
  }

  /** dJ/db, with dJ/dw written into `dw`, from the logits z and e = exp(-|z|). */
  function gradientFromLogits(p, z, e, error, dw) {
    const { X, y, m, n } = p;
    let sum = 0;
    for (let i = 0; i < m; i++) {
      error[i] = sigmoidFromExp(z[i], e[i]) - y[i];
      sum += error[i];
    }
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += X[i * n + j] * error[i];
      dw[j] = s / m;
    }
    return sum / m;
  }

  function gradient(p, w, b) {
    const z = logits(p, w, b, new Float64Array(p.m));
    const dw = new Float64Array(p.n);
    const db = gradientFromLogits(p, z, expNegAbs(z, new Float64Array(p.m)), new Float64Array(p.m), dw);
    return { db, dw: Array.from(dw) };
  }

  /**
   * The cost at (w, b) and its gradient for one step of descent: the numbers of cost() and
   * gradient() (same operations, same order) in one pass over the examples, by column, with
   * nothing allocated. cols: columns(p); z, error: Float64Array(m) work space;
   * g: Float64Array(n + 1) receives dJ/dw, then dJ/db in g[n]. Returns the cost.
   */
  function costAndGradient(cols, y, w, b, z, error, g) {
    const m = y.length;
    const n = cols.length;
    const first = cols[0];
    const w0 = w[0];
    for (let i = 0; i < m; i++) z[i] = first[i] * w0;
    for (let j = 1; j < n; j++) {
      const col = cols[j];
      const wj = w[j];
      for (let i = 0; i < m; i++) z[i] += col[i] * wj;
    }
    let positive = 0;
    let soft = 0;
    let yz = 0;
    let sum = 0;
    for (let start = 0; start < m; start += LOG_BLOCK) {
      const stop = Math.min(m, start + LOG_BLOCK);
      let product = 1;
      for (let i = start; i < stop; i++) {
        const zi = z[i] + b;
        const e = expNegAbsOf(zi);
        positive += Math.max(zi, 0);
        product *= 1 + e;
        yz += y[i] * zi;
        const err = sigmoidFromExp(zi, e) - y[i];
        error[i] = err;
        sum += err;
      }
      soft += Math.log(product);
    }
    for (let j = 0; j < n; j++) {
      const col = cols[j];
      let s = 0;
      for (let i = 0; i < m; i++) s += col[i] * error[i];
      g[j] = s / m;
    }
    g[n] = sum / m;
    return (positive + soft - yz) / m;
  }

  /**
   * Batch gradient descent from (w0, b0), recording every step; each step's cost and gradient
   * come from costAndGradient, in few passes over the examples.
   *
   * Returns {w: Float64Array ((k + 1) n), b: Float64Array (k + 1), costs (k + 1,
   * costs[0] the start), iterations k, stop, diverged}. `stop` is "done",
   * "infinite" (the cost became infinite or NaN: that step is not kept), "rose"
   * (it rose PATIENCE times in a row) or "above-start" (it stayed above the
   * starting cost PATIENCE times in a row), as lab_utils.gradient_descent decides.
   */
  function descent(p, w0, b0, alpha, numIters) {
    const { y, m, n } = p;
    const cols = columns(p);
    const wPath = new Float64Array((numIters + 1) * n);
    const bPath = new Float64Array(numIters + 1);
    const costs = new Float64Array(numIters + 1);
    const w = Float64Array.from(w0);
    let b = b0;
    const z = new Float64Array(m);
    const error = new Float64Array(m);
    const g = new Float64Array(n + 1);
    const wNew = new Float64Array(n);
    const start = costAndGradient(cols, y, w, b, z, error, g);
    const judge = stoppingRule(start);
    let k = 0;
    let stop = "done";
    wPath.set(w, 0);
    bPath[0] = b;
    costs[0] = start;
    for (let i = 0; i < numIters; i++) {
      for (let j = 0; j < n; j++) wNew[j] = w[j] - alpha * g[j];
      const bNew = b - alpha * g[n];
      const c = costAndGradient(cols, y, wNew, bNew, z, error, g); // the gradient there, for the next step
      const verdict = judge(c);
      if (verdict === "infinite") { stop = verdict; break; } // that step is not kept
      w.set(wNew);
      b = bNew;
      k += 1;
      wPath.set(w, k * n);
      bPath[k] = b;
      costs[k] = c;
      if (verdict) { stop = verdict; break; }
    }
    return {
      w: wPath.subarray(0, (k + 1) * n), b: bPath.subarray(0, k + 1), costs: costs.subarray(0, k + 1),
      iterations: k, numIters, alpha, n, stop,
      diverged: stop !== "done" || costs[k] > costs[0],
    };
  }

  /**
   * The run as if only `numIters` iterations had been asked for (at most run.numIters):
   * descent is deterministic, so a shorter run is the beginning of a longer one, and its
   * stopping rules look only at the costs so far.
   */
  function prefix(run, numIters) {
    if (numIters > run.numIters) throw new RangeError(`the run has ${run.numIters} iterations, not ${numIters}`);
    let k = run.iterations;
    let stop = run.stop;
    if (numIters < k || (numIters === k && stop === "infinite")) {
      k = numIters; // it went on (or broke down only at the next step)
      stop = "done";
    } else if (k === run.numIters && numIters === k) {
      return run;
    }
    const n = run.n;
    return Object.assign({}, run, {
      w: run.w.subarray(0, (k + 1) * n), b: run.b.subarray(0, k + 1), costs: run.costs.subarray(0, k + 1),
      iterations: k, numIters, stop, diverged: stop !== "done" || run.costs[k] > run.costs[0],
    });
  }

  /**
   * The stopping rule of lab_utils.descent.DescentMonitor (patience PATIENCE, no tolerance):
   * judge(cost) after each step returns null to go on, or why to stop: "infinite" (the step
   * is not kept), "rose" or "above-start" (PATIENCE times in a row).
   */
  function stoppingRule(start) {
    let previous = start;
    let rises = 0;
    let aboveStart = 0;
    return function judge(c) {
      if (!Number.isFinite(c)) return "infinite";
      rises = c > previous ? rises + 1 : 0;
      aboveStart = c > start ? aboveStart + 1 : 0;
      previous = c;
      if (rises >= PATIENCE) return "rose";
      if (aboveStart >= PATIENCE) return "above-start";
      return null;
    };
  }

  /**
   * dJ/db on one mini-batch, dJ/dw into `dw`: what logits() and gradientFromLogits() give on the
   * batch's rows gathered (as lab_utils gathers them), with the same operations in the same
   * order, reading the rows in place. The rows are order[start + r], or start + r if order is
   * null, for r < size; `rows` and `error` are work space of at least `size`.
   */
  function batchGradient(p, order, start, size, w, b, rows, error, dw) {
    const { X, y, n } = p;
    let sum = 0;
    for (let r = 0; r < size; r++) {
      const i = order ? order[start + r] : start + r;
      rows[r] = i;
      let s = 0;
      for (let j = 0; j < n; j++) s += X[i * n + j] * w[j];
      const z = s + b;
      error[r] = sigmoidFromExp(z, expNegAbsOf(z)) - y[i];
      sum += error[r];
    }
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < size; r++) s += X[rows[r] * n + j] * error[r];
      dw[j] = s / size;
    }
    return sum / size;
  }

  /**
   * Mini-batch gradient descent with heavy-ball momentum from (w0, b0), as
   * lab_utils.minibatch.run_minibatch_gradient_descent does it (constant alpha, no
   * regularisation). Epoch k visits the examples in the order orders[k m .. (k + 1) m - 1]
   * (lab_utils.minibatch.epoch_orders; unused when batchSize = m), cut into consecutive
   * batches of batchSize (the last keeps the rest), one update per batch with the gradient of
   * the batch's mean loss: v := beta v - alpha g, then w := w + v, for w and b alike, the
   * velocities starting at 0 (with beta = 0 the plain step w := w - alpha g). After each epoch
   * the cost on all examples is judged by stoppingRule.
   *
   * Returns {costs (k + 1, costs[0] the start), epochs k, numEpochs, batchSize, alpha,
   * momentum, w, b (after epoch k), stop ("done" or as stoppingRule), diverged}.
   */
  function minibatchDescent(p, w0, b0, alpha, numEpochs, batchSize, momentum, orders) {
    const { y, m, n } = p;
    if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= m)) {
      throw new RangeError(`batchSize must be an integer from 1 to ${m}, not ${batchSize}`);
    }
    const oneBatch = batchSize === m;
    if (!oneBatch && !(orders && orders.length >= numEpochs * m)) {
      throw new RangeError(`need the orders of ${numEpochs} epochs of ${m} examples`);
    }
    const costs = new Float64Array(numEpochs + 1);
    const z = new Float64Array(m);
    const e = new Float64Array(m);
    const error = new Float64Array(batchSize);
    const rows = new Int32Array(batchSize);
    const dw = new Float64Array(n);
    const vw = new Float64Array(n);
    const wNew = new Float64Array(n);
    let vb = 0;
    let w = Float64Array.from(w0);
    let b = b0;
    costs[0] = meanLogLoss(logits(p, w, b, z), y, expNegAbs(z, e));
    const judge = stoppingRule(costs[0]);
    let k = 0;
    let stop = "done";
    for (let epoch = 0; epoch < numEpochs; epoch++) {
      wNew.set(w);
      let bNew = b;
      for (let first = 0; first < m; first += batchSize) {
        const size = Math.min(batchSize, m - first);
        const db = oneBatch ? batchGradient(p, null, first, size, wNew, bNew, rows, error, dw)
          : batchGradient(p, orders, epoch * m + first, size, wNew, bNew, rows, error, dw);
        if (momentum) { // heavy_ball_step
          for (let j = 0; j < n; j++) {
            vw[j] = momentum * vw[j] - alpha * dw[j];
            wNew[j] = wNew[j] + vw[j];
          }
          vb = momentum * vb - alpha * db;
          bNew = bNew + vb;
        } else {
          for (let j = 0; j < n; j++) wNew[j] = wNew[j] - alpha * dw[j];
          bNew = bNew - alpha * db;
        }
      }
      const c = meanLogLoss(logits(p, wNew, bNew, z), y, expNegAbs(z, e));
      const verdict = judge(c);
      if (verdict === "infinite") { stop = verdict; break; }
      w = Float64Array.from(wNew);
      b = bNew;
      k += 1;
      costs[k] = c;
      if (verdict) { stop = verdict; break; }
    }
    return {
      costs: costs.subarray(0, k + 1), epochs: k, numEpochs, batchSize, alpha, momentum, w, b, stop,
      diverged: stop !== "done" || costs[k] > costs[0],
    };
  }

  /** One sentence on how a run ended (as lab_utils' explorers say it). */
  function outcome(run) {
    const f = NS.fmt;
    const last = f(run.costs[run.iterations], 4);
    const first = f(run.costs[0], 4);
    const a = f(run.alpha, 6);
    if (run.stop !== "done") {
      const why = run.stop === "infinite" ? "became infinite" : "kept rising";
      return `Diverged: the cost ${why} and descent stopped after ${run.iterations} iterations ` +
        `(J = ${last}); \u03b1 = ${a} is too large.`;
    }
    if (run.diverged) {
      return `Not converging: after ${run.iterations} iterations J = ${last} is higher than at ` +
        `the start (${first}); \u03b1 = ${a} is too large.`;
    }
    return `After ${run.iterations} iterations: J = ${last} (it started at ${first}).`;
  }


  // ---- Regularised logistic regression on polynomial features, fitted with Newton's method ----

  /** Halvings of a Newton step tried before giving up (lab_utils.newton.MAX_HALVINGS). */
  const MAX_HALVINGS = 30;
  /** A relative rise of the cost this small is rounding, and the step is accepted (lab_utils.newton.COST_ROUNDING). */
  const COST_ROUNDING = 64 * Number.EPSILON;

  /** [[p, q], ...] for each column x1^p x2^q of a degree-`degree` feature map (lab_utils.map_feature_terms). */
  function featureTerms(degree) {
    if (!Number.isInteger(degree) || degree < 1) throw new RangeError(`degree must be a whole number >= 1; got ${degree}`);
    const terms = [];
    for (let i = 1; i <= degree; i++) for (let j = 0; j <= i; j++) terms.push([i - j, j]);
    return terms;
  }

  /**
   * A problem of polynomial features: each raw row (x1, x2) is scaled, (x - shift) / scale element by
   * element as lab_utils.apply_scaling does, then mapped to x1^p x2^q for every term of featureTerms.
   */
  function polynomialProblem(rows, labels, scaling, degree) {
    const terms = featureTerms(degree);
    const mapped = rows.map((row) => {
      const u = (row[0] - scaling.shift[0]) / scaling.scale[0];
      const v = (row[1] - scaling.shift[1]) / scaling.scale[1];
      return terms.map(([p, q]) => Math.pow(u, p) * Math.pow(v, q));
    });
    return problem(mapped, labels);
  }

  /** The L2 term lambda / (2 m) * w . w (lab_utils._loss.l2_penalty; b is not penalised). */
  function l2Penalty(w, lambda, m) {
    let ww = 0;
    for (let j = 0; j < w.length; j++) ww += w[j] * w[j];
    return (lambda / (2 * m)) * ww;
  }

  /** J = mean log loss + the L2 term, from the logits z and e = exp(-|z|) (lab_utils._loss.cost_from_logits). */
  function regularizedCostFromLogits(p, w, z, e, lambda) {
    return meanLogLoss(z, p.y, e) + l2Penalty(w, lambda, p.m);
  }

  function regularizedCost(p, w, b, lambda) {
    const z = logits(p, w, b, new Float64Array(p.m));
    return regularizedCostFromLogits(p, w, z, expNegAbs(z, new Float64Array(p.m)), lambda);
  }

  /** dJ/db, with dJ/dw (penalty included: + (lambda / m) w) written into `dw` (lab_utils._loss.gradient_from_logits). */
  function regularizedGradientFromLogits(p, w, z, e, lambda, error, dw) {
    const db = gradientFromLogits(p, z, e, error, dw);
    if (lambda) for (let j = 0; j < p.n; j++) dw[j] += (lambda / p.m) * w[j];
    return db;
  }

  function regularizedGradient(p, w, b, lambda) {
    const z = logits(p, w, b, new Float64Array(p.m));
    const dw = new Float64Array(p.n);
    const db = regularizedGradientFromLogits(p, w, z, expNegAbs(z, new Float64Array(p.m)), lambda, new Float64Array(p.m), dw);
    return { db, dw: Array.from(dw) };
  }

  /**
   * The Hessian with respect to (w_0, ..., w_{n-1}, b), the bias last, from the logits:
   * X1' diag(f (1 - f)) X1 / m with X1 = [X 1], plus lambda / m on the weights' diagonal
   * (lab_utils._loss.hessian_from_logits). Row by row in a Float64Array of (n + 1)^2.
   */
  function hessianFromLogits(p, z, e, lambda) {
    const { X, m, n } = p;
    const k = n + 1;
    const H = new Float64Array(k * k);
    const row = new Float64Array(k);
    row[n] = 1;
    for (let i = 0; i < m; i++) {
      const f = (z[i] >= 0 ? 1 : e[i]) / (1 + e[i]);
      const c = f * (1 - f);
      for (let j = 0; j < n; j++) row[j] = X[i * n + j];
      for (let a = 0; a < k; a++) {
        const ca = c * row[a];
        for (let bb = a; bb < k; bb++) H[a * k + bb] += ca * row[bb];
      }
    }
    for (let a = 0; a < k; a++) {
      for (let bb = a; bb < k; bb++) {
        H[a * k + bb] /= m;
        H[bb * k + a] = H[a * k + bb];
      }
    }
    if (lambda) for (let j = 0; j < n; j++) H[j * k + j] += lambda / m;
    return H;
  }

  function hessian(p, w, b, lambda) {
    const z = logits(p, w, b, new Float64Array(p.m));
    return hessianFromLogits(p, z, expNegAbs(z, new Float64Array(p.m)), lambda || 0);
  }

  /**
   * Solve A x = r for a k x k matrix A (row by row; neither is modified), by Gaussian elimination
   * with partial pivoting, the method of numpy.linalg.solve. Null when A is singular.
   */
  function solve(A, r, k) {
    const a = Float64Array.from(A);
    const x = Float64Array.from(r);
    for (let col = 0; col < k; col++) {
      let pivot = col;
      for (let i = col + 1; i < k; i++) if (Math.abs(a[i * k + col]) > Math.abs(a[pivot * k + col])) pivot = i;
      if (a[pivot * k + col] === 0) return null;
      if (pivot !== col) {
        for (let j = 0; j < k; j++) { const t = a[col * k + j]; a[col * k + j] = a[pivot * k + j]; a[pivot * k + j] = t; }
        const t = x[col]; x[col] = x[pivot]; x[pivot] = t;
      }
      for (let i = col + 1; i < k; i++) {
        const factor = a[i * k + col] / a[col * k + col];
        if (factor === 0) continue;
        for (let j = col; j < k; j++) a[i * k + j] -= factor * a[col * k + j];
        x[i] -= factor * x[col];
      }
    }
    for (let i = k - 1; i >= 0; i--) {
      let s = x[i];
      for (let j = i + 1; j < k; j++) s -= a[i * k + j] * x[j];
      x[i] = s / a[i * k + i];
    }
    return x;
  }

  /**
   * Minimise the regularised cost with Newton's method from (w0, b0), as
   * lab_utils.studies.regularization.fit_regularized does with lab_utils.newton.newton_method:
   * before each step, stop once no partial derivative exceeds `tol`; solve H d = gradient; halve
   * the step until the cost does not rise by more than rounding (COST_ROUNDING, relative; at most
   * MAX_HALVINGS times, else stop). Returns {w, b,
   * iterations (Newton steps taken), costs (regularised, after each step), gradient (the largest
   * partial derivative at the end), converged (gradient <= 10 tol), stop: "gradient", "no-decrease",
   * "max-iters" or "singular"}.
   */
  function newton(p, w0, b0, maxIters, tol, lambda) {
    const { m, n } = p;
    if (!(tol > 0)) throw new RangeError(`tol must be positive; got ${tol}`);
    if (!(lambda >= 0)) throw new RangeError(`lambda must be >= 0; got ${lambda}`);
    let w = Float64Array.from(w0);
    let b = b0;
    let z = logits(p, w, b, new Float64Array(m));
    let e = expNegAbs(z, new Float64Array(m));
    let cost = regularizedCostFromLogits(p, w, z, e, lambda);
    const error = new Float64Array(m);
    const dw = new Float64Array(n);
    const grad = new Float64Array(n + 1);
    const costs = [];
    let stop = "max-iters";
    for (let it = 0; it < maxIters; it++) {
      grad[n] = regularizedGradientFromLogits(p, w, z, e, lambda, error, dw);
      grad.set(dw, 0);
      let largest = 0;
      for (let j = 0; j <= n; j++) largest = Math.max(largest, Math.abs(grad[j]));
      if (largest <= tol) { stop = "gradient"; break; }
      const direction = solve(hessianFromLogits(p, z, e, lambda), grad, n + 1);
      if (!direction) { stop = "singular"; break; }
      let step = 1;
      let accepted = null;
      for (let h = 0; h < MAX_HALVINGS; h++) {
        const wc = new Float64Array(n);
        for (let j = 0; j < n; j++) wc[j] = w[j] - step * direction[j];
        const bc = b - step * direction[n];
        const zc = logits(p, wc, bc, new Float64Array(m));
        const ec = expNegAbs(zc, new Float64Array(m));
        const c = regularizedCostFromLogits(p, wc, zc, ec, lambda);
        if (c <= cost + COST_ROUNDING * Math.abs(cost)) { accepted = { wc, bc, zc, ec, c }; break; }
        step /= 2;
      }
      if (!accepted) { stop = "no-decrease"; break; }
      ({ wc: w, bc: b, zc: z, ec: e, c: cost } = accepted);
      costs.push(cost);
    }
    const db = regularizedGradientFromLogits(p, w, z, e, lambda, error, dw);
    let gradient = Math.abs(db);
    for (let j = 0; j < n; j++) gradient = Math.max(gradient, Math.abs(dw[j]));
    return { w, b, iterations: costs.length, costs, gradient, converged: gradient <= 10 * tol, stop };
  }

  /** Mean log loss (no penalty) and the fraction of examples misclassified at p >= 0.5, of (w, b) on p. */
  function scoreFit(p, w, b) {
    const z = logits(p, w, b, new Float64Array(p.m));
    const e = expNegAbs(z, new Float64Array(p.m));
    let wrong = 0;
    for (let i = 0; i < p.m; i++) {
      const f = (z[i] >= 0 ? 1 : e[i]) / (1 + e[i]);
      if ((f >= 0.5 ? 1 : 0) !== p.y[i]) wrong += 1;
    }
    return { cost: meanLogLoss(z, p.y, e), error: wrong / p.m };
  }

  NS.maths = {
    sigmoid, sigmoidDerivative, logLoss, problem, cost, gradient, descent, prefix, outcome,
    stoppingRule, minibatchDescent, expNonPositive, PATIENCE,
  };
  Object.assign(NS.maths, {
    featureTerms, polynomialProblem, l2Penalty, regularizedCost, regularizedGradient, hessian, solve, newton, scoreFit,
    MAX_HALVINGS, COST_ROUNDING,
  });
})(window);
