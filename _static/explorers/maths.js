/* Live explorers: the maths, mirroring lab_utils operation for operation in float64, except
   that exp is expNonPositive and sums run in order (numpy's are pairwise): equal to rounding.

   sigmoid            lab_utils.activation._sigmoid_of_array: exp only ever sees -|z|
   sigmoidDerivative  lab_utils.sigmoid_derivative: sigma(z) * sigma(-z)
   logLoss            lab_utils.log_loss_from_logits: max(z, 0) + log1p(exp(-|z|)) - y z
   cost               lab_utils.compute_cost_logistic (no regularisation)
   gradient           lab_utils.compute_gradient_logistic
   descent            lab_utils.gradient_descent with its stopping rules (patience 20); extend
                      continues a run, prefix shortens one
   featureTerms       lab_utils.map_feature_terms: the exponents (p, q) of x1^p x2^q, in column order
   polynomialProblem  lab_utils.studies.regularization.poly_features: scale, then lab_utils.map_feature
   regularizedCost    lab_utils.compute_cost_logistic with lambda_: mean log loss + lambda / (2 m) w . w
   regularizedGradient lab_utils.compute_gradient_logistic with lambda_: adds (lambda / m) w to dJ/dw
   hessian            lab_utils.newton.hessian_logistic: X1' diag(f (1 - f)) X1 / m + lambda / m on w's diagonal
   solve              numpy.linalg.solve (Gaussian elimination with partial pivoting)
   newton             lab_utils.studies.regularization.fit_regularized (lab_utils.newton.newton_method)
   minibatchDescent   lab_utils.minibatch.run_minibatch_gradient_descent: mini-batches, heavy-ball momentum

   A problem is {X: Float64Array (m rows of n features, row by row), cols (the same, column by
   column), y, m, n}: see problem(). */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const PATIENCE = 20;

  /* exp(x) for x <= 0, faster than Math.exp (a call into C in V8): x = (k EXP_TABLE_SIZE + j) ln2 /
     EXP_TABLE_SIZE + r, |r| <= ln2 / (2 EXP_TABLE_SIZE); 2^-k and 2^(j / EXP_TABLE_SIZE) from tables,
     exp(r) by Taylor to degree 4 (the next term, r^5 / 120 < 4e-17, is below half an ulp). Within
     3 * 2^-52 relative of numpy's exp on [EXP_LOWEST, 0] (test_page_exp_agrees_with_numpy_exp);
     Math.exp elsewhere. */
  const EXP_TABLE_BITS = 8;
  const EXP_TABLE_SIZE = 1 << EXP_TABLE_BITS;
  const EXP_SCALE = EXP_TABLE_SIZE / Math.LN2;
  const LN2_HI = 0.6931471803691238 / EXP_TABLE_SIZE; // ln2 / EXP_TABLE_SIZE in two parts; q * LN2_HI is exact
  const LN2_LO = 1.9082149292705877e-10 / EXP_TABLE_SIZE;
  const ROUND_SHIFT = 1.5 * Math.pow(2, 52); // (v + ROUND_SHIFT) - ROUND_SHIFT: v rounded to an integer
  const EXP_LOWEST = -708;
  const TWO_TO_J = Float64Array.from({ length: EXP_TABLE_SIZE }, (_, j) => Math.pow(2, j / EXP_TABLE_SIZE));
  const TWO_TO_MINUS_K = Float64Array.from({ length: Math.ceil(-EXP_LOWEST / Math.LN2) + 1 }, (_, k) => Math.pow(2, -k));
  function expNonPositive(x) {
    if (!(x >= EXP_LOWEST && x <= 0)) return Math.exp(x);
    const q = (x * EXP_SCALE + ROUND_SHIFT) - ROUND_SHIFT;
    const r = (x - q * LN2_HI) - q * LN2_LO;
    const r2 = r * r;
    const expR = 1 + r + r2 * (1 / 2 + r * (1 / 6) + r2 * (1 / 24));
    const qi = q | 0; // -(k EXP_TABLE_SIZE + j) <= 0: k = -(qi >> EXP_TABLE_BITS), j = qi & (EXP_TABLE_SIZE - 1)
    return TWO_TO_MINUS_K[-(qi >> EXP_TABLE_BITS)] * (TWO_TO_J[qi & (EXP_TABLE_SIZE - 1)] * expR);
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

  /**
   * A problem from rows of features (array of arrays) and labels: {X: Float64Array (m rows of n
   * features, row by row), cols: the same features column by column (Float64Array(m) each), y, m, n}.
   */
  function problem(rows, labels) {
    const m = rows.length;
    const n = rows[0].length;
    const X = new Float64Array(m * n);
    rows.forEach((row, i) => row.forEach((v, j) => { X[i * n + j] = v; }));
    const cols = Array.from({ length: n }, (_, j) => Float64Array.from(rows, (row) => row[j]));
    return { X, cols, y: Float64Array.from(labels), m, n };
  }

  /**
   * Factors multiplied together before one Math.log in the mean log loss. Each factor 1 + exp(-|z|)
   * lies in [1, 2], so a product of LOG_BLOCK of them is at most 2^512: finite, never rounded
   * to Infinity (and never below 1).
   */
  const LOG_BLOCK = 512;

  /**
   * The one kernel: one pass over some rows of p at (w, b), with nothing allocated, for the
   * gradient of their mean log loss and, if withLoss, the loss itself. Each row's numbers are
   * those of lab_utils (log_loss_from_logits: max(z, 0) + log1p(exp(-|z|)) - y z;
   * gradient_from_logits: the error sigmoid(z) - y times the features), and the sums run in row
   * order. lossAndGradient and batchGradient call it.
   *
   * - The rows are order[start + r] for r < size, or start + r when order is null.
   * - g (Float64Array(n + 1)) receives dJ/dw, then dJ/db in g[n]. Returns the mean loss (NaN
   *   unless withLoss).
   * - z and e, unless null (Float64Array(size)), receive each row's logit and exp(-|z|), which the
   *   Hessian needs.
   * - max(z, 0) is summed as (z + |z|) / 2, which is exact and has no branch.
   * - The softplus part, the sum of log1p(e), is the log of the product of the 1 + e: one Math.log
   *   per LOG_BLOCK rows, not one log1p per row. Each factor and product is rounded once
   *   (u = 2^-53), so the mean loss is off by at most about 2u absolute plus u relative, for any m:
   *   the order of the rounding of max(z, 0) - y z itself, below 1e-12 relative for every cost
   *   above 1e-3. NaN and infinite logits give NaN or infinite costs, as with log1p.
   * - The first two features are held in locals, the others read in a loop: the explorers' descents
   *   have one or two features, and V8 runs those faster this way.
   */
  function rowPass(p, w, b, g, order, start, size, z, e, withLoss) {
    const { cols, y, n } = p;
    const x0 = cols[0];
    const x1 = n > 1 ? cols[1] : x0; // with one feature, w1 = 0 and g1 is dropped
    const w0 = w[0];
    const w1 = n > 1 ? w[1] : 0;
    let g0 = 0;
    let g1 = 0;
    let gb = 0;
    for (let j = 2; j < n; j++) g[j] = 0;
    let twicePositive = 0;
    let soft = 0;
    let yz = 0;
    for (let first = 0; first < size; first += LOG_BLOCK) {
      const last = Math.min(size, first + LOG_BLOCK);
      let product = 1;
      for (let r = first; r < last; r++) {
        const i = order ? order[start + r] : start + r;
        let s = x0[i] * w0 + x1[i] * w1;
        for (let j = 2; j < n; j++) s += cols[j][i] * w[j];
        const zi = s + b;
        const a = Math.abs(zi);
        const ei = expNonPositive(-a);
        twicePositive += zi + a;
        product *= 1 + ei;
        yz += y[i] * zi;
        const error = sigmoidFromExp(zi, ei) - y[i];
        g0 += x0[i] * error;
        g1 += x1[i] * error;
        for (let j = 2; j < n; j++) g[j] += cols[j][i] * error;
        gb += error;
        if (z) { z[r] = zi; e[r] = ei; }
      }
      if (withLoss) soft += Math.log(product);
    }
    g[0] = g0 / size;
    if (n > 1) g[1] = g1 / size;
    for (let j = 2; j < n; j++) g[j] /= size;
    g[n] = gb / size;
    return withLoss ? (twicePositive / 2 + soft - yz) / size : NaN;
  }

  /**
   * The mean log loss of all m rows at (w, b), returned, and its gradient into g (dJ/dw, then
   * dJ/db in g[n]); z and e, if given, receive the logits and exp(-|z|).
   */
  function lossAndGradient(p, w, b, g, z = null, e = null) {
    return rowPass(p, w, b, g, null, 0, p.m, z, e, true);
  }

  /** The gradient of the mean log loss of the rows order[start + r], r < size (all in order if order is null), into g. */
  function batchGradient(p, w, b, g, order, start, size) {
    rowPass(p, w, b, g, order, start, size, null, null, false);
  }

  /** The mean log loss at (w, b) (lab_utils.compute_cost_logistic, no regularisation). */
  function cost(p, w, b) {
    return lossAndGradient(p, w, b, new Float64Array(p.n + 1));
  }

  /** {dw, db} at (w, b) (lab_utils.compute_gradient_logistic, no regularisation). */
  function gradient(p, w, b) {
    const g = new Float64Array(p.n + 1);
    lossAndGradient(p, w, b, g);
    return { db: g[p.n], dw: Array.from(g.subarray(0, p.n)) };
  }

  /**
   * Batch gradient descent from (w0, b0), recording every step; each step's cost and the gradient
   * for the next step come from one pass of lossAndGradient.
   *
   * Returns {w: Float64Array ((k + 1) n), b: Float64Array (k + 1), costs (k + 1,
   * costs[0] the start), iterations k, stop, diverged}. `stop` is "done",
   * "infinite" (the cost became infinite or NaN: that step is not kept), "rose"
   * (it rose PATIENCE times in a row) or "above-start" (it stayed above the
   * starting cost PATIENCE times in a row), as lab_utils.gradient_descent decides.
   */
  function descent(p, w0, b0, alpha, numIters) {
    const w = Float64Array.from(w0);
    const g = new Float64Array(p.n + 1);
    const start = lossAndGradient(p, w, b0, g);
    const begun = { w, b: Float64Array.of(b0), costs: Float64Array.of(start), iterations: 0, alpha, n: p.n, stop: "done" };
    return steps(p, begun, g, stoppingRule(start), numIters);
  }

  /**
   * The run descent(p, w0, b0, run.alpha, numIters) would return, from `run`, a run of the same
   * problem and start with fewer iterations: the steps already taken are kept, not taken again.
   * Bit for bit the same: descent is deterministic, the gradient at the last point is computed
   * again as the step that reached it computed it, and the stopping rule is replayed on the costs
   * so far. A run that stopped early would stop there again, and comes back as it is.
   */
  function extend(p, run, numIters) {
    if (numIters < run.numIters) throw new RangeError(`the run has ${run.numIters} iterations already, more than ${numIters}`);
    if (run.stop !== "done" || numIters === run.numIters) return Object.assign({}, run, { numIters });
    const k = run.iterations;
    const g = new Float64Array(p.n + 1);
    lossAndGradient(p, run.w.subarray(k * p.n), run.b[k], g);
    const judge = stoppingRule(run.costs[0]);
    for (let i = 1; i <= k; i++) judge(run.costs[i]);
    return steps(p, run, g, judge, numIters);
  }

  /**
   * Descent's loop: from the last point of `earlier` (its first k + 1 points, costs and the
   * gradient g there; judge has seen its costs), on to numIters iterations in all.
   */
  function steps(p, earlier, g, judge, numIters) {
    const n = p.n;
    let k = earlier.iterations;
    const wPath = new Float64Array((numIters + 1) * n);
    const bPath = new Float64Array(numIters + 1);
    const costs = new Float64Array(numIters + 1);
    wPath.set(earlier.w.subarray(0, (k + 1) * n));
    bPath.set(earlier.b.subarray(0, k + 1));
    costs.set(earlier.costs.subarray(0, k + 1));
    const w = wPath.slice(k * n, (k + 1) * n);
    let b = bPath[k];
    const wNew = new Float64Array(n);
    const alpha = earlier.alpha;
    let stop = "done";
    for (let i = k; i < numIters; i++) {
      for (let j = 0; j < n; j++) wNew[j] = w[j] - alpha * g[j];
      const bNew = b - alpha * g[n];
      const c = lossAndGradient(p, wNew, bNew, g); // the gradient there, for the next step
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
   * Mini-batch gradient descent with heavy-ball momentum from (w0, b0), as
   * lab_utils.minibatch.run_minibatch_gradient_descent does it (constant alpha, no
   * regularisation). Epoch k visits the examples in the order orders[k m .. (k + 1) m - 1]
   * (lab_utils.minibatch.epoch_orders; unused when batchSize = m), cut into consecutive
   * batches of batchSize (the last keeps the rest), one update per batch with the gradient of
   * the batch's mean loss (batchGradient, reading the batch's rows in place): v := beta v - alpha g,
   * then w := w + v, for w and b alike, the velocities starting at 0 (with beta = 0 the plain step w := w - alpha g). After each epoch
   * the cost on all examples is judged by stoppingRule.
   *
   * Returns {costs (k + 1, costs[0] the start), epochs k, numEpochs, batchSize, alpha,
   * momentum, w, b (after epoch k), stop ("done" or as stoppingRule), diverged}.
   */
  function minibatchDescent(p, w0, b0, alpha, numEpochs, batchSize, momentum, orders) {
    const { m, n } = p;
    if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= m)) {
      throw new RangeError(`batchSize must be an integer from 1 to ${m}, not ${batchSize}`);
    }
    const oneBatch = batchSize === m;
    if (!oneBatch && !(orders && orders.length >= numEpochs * m)) {
      throw new RangeError(`need the orders of ${numEpochs} epochs of ${m} examples`);
    }
    const costs = new Float64Array(numEpochs + 1);
    const g = new Float64Array(n + 1);
    const vw = new Float64Array(n);
    const wNew = new Float64Array(n);
    let vb = 0;
    let w = Float64Array.from(w0);
    let b = b0;
    costs[0] = lossAndGradient(p, w, b, g);
    const judge = stoppingRule(costs[0]);
    let k = 0;
    let stop = "done";
    for (let epoch = 0; epoch < numEpochs; epoch++) {
      wNew.set(w);
      let bNew = b;
      for (let first = 0; first < m; first += batchSize) {
        const size = Math.min(batchSize, m - first);
        if (oneBatch) batchGradient(p, wNew, bNew, g, null, first, size);
        else batchGradient(p, wNew, bNew, g, orders, epoch * m + first, size);
        if (momentum) { // heavy_ball_step
          for (let j = 0; j < n; j++) {
            vw[j] = momentum * vw[j] - alpha * g[j];
            wNew[j] = wNew[j] + vw[j];
          }
          vb = momentum * vb - alpha * g[n];
          bNew = bNew + vb;
        } else {
          for (let j = 0; j < n; j++) wNew[j] = wNew[j] - alpha * g[j];
          bNew = bNew - alpha * g[n];
        }
      }
      const c = lossAndGradient(p, wNew, bNew, g);
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

  /** Adds the L2 term's gradient, (lambda / m) w, to dJ/dw in g (lab_utils._loss.gradient_from_logits). */
  function addL2Gradient(g, w, lambda, m) {
    if (lambda) for (let j = 0; j < w.length; j++) g[j] += (lambda / m) * w[j];
  }

  /**
   * lossAndGradient with the L2 term (lab_utils._loss.cost_from_logits and gradient_from_logits):
   * returns J = mean log loss + lambda / (2 m) w . w, with (lambda / m) w added to dJ/dw in g.
   */
  function regularizedLossAndGradient(p, w, b, lambda, g, z = null, e = null) {
    const cost = lossAndGradient(p, w, b, g, z, e) + l2Penalty(w, lambda, p.m);
    addL2Gradient(g, w, lambda, p.m);
    return cost;
  }

  /** J = mean log loss + the L2 term (lab_utils.compute_cost_logistic with lambda_). */
  function regularizedCost(p, w, b, lambda) {
    return regularizedLossAndGradient(p, w, b, lambda, new Float64Array(p.n + 1));
  }

  /** {dw, db}, the L2 term included (lab_utils.compute_gradient_logistic with lambda_). */
  function regularizedGradient(p, w, b, lambda) {
    const g = new Float64Array(p.n + 1);
    regularizedLossAndGradient(p, w, b, lambda, g);
    return { db: g[p.n], dw: Array.from(g.subarray(0, p.n)) };
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
      const f = sigmoidFromExp(z[i], e[i]);
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
    const z = new Float64Array(p.m);
    const e = new Float64Array(p.m);
    lossAndGradient(p, w, b, new Float64Array(p.n + 1), z, e);
    return hessianFromLogits(p, z, e, lambda || 0);
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
    /** The point (w, b) with its regularised cost, its gradient and the logits the Hessian needs. */
    function at(w, b) {
      const point = { w, b, grad: new Float64Array(n + 1), z: new Float64Array(m), e: new Float64Array(m) };
      point.cost = regularizedLossAndGradient(p, w, b, lambda, point.grad, point.z, point.e);
      return point;
    }
    const largestPartial = (grad) => grad.reduce((largest, v) => Math.max(largest, Math.abs(v)), 0);
    let here = at(Float64Array.from(w0), b0);
    const costs = [];
    let stop = "max-iters";
    for (let it = 0; it < maxIters; it++) {
      if (largestPartial(here.grad) <= tol) { stop = "gradient"; break; }
      const direction = solve(hessianFromLogits(p, here.z, here.e, lambda), here.grad, n + 1);
      if (!direction) { stop = "singular"; break; }
      let step = 1;
      let accepted = null;
      for (let h = 0; h < MAX_HALVINGS; h++) {
        const wc = new Float64Array(n);
        for (let j = 0; j < n; j++) wc[j] = here.w[j] - step * direction[j];
        const candidate = at(wc, here.b - step * direction[n]);
        if (candidate.cost <= here.cost + COST_ROUNDING * Math.abs(here.cost)) { accepted = candidate; break; }
        step /= 2;
      }
      if (!accepted) { stop = "no-decrease"; break; }
      here = accepted;
      costs.push(here.cost);
    }
    const gradient = largestPartial(here.grad);
    return { w: here.w, b: here.b, iterations: costs.length, costs, gradient, converged: gradient <= 10 * tol, stop };
  }

  /** Mean log loss (no penalty) and the fraction of examples misclassified at p >= 0.5, of (w, b) on p. */
  function scoreFit(p, w, b) {
    const z = new Float64Array(p.m);
    const e = new Float64Array(p.m);
    const cost = lossAndGradient(p, w, b, new Float64Array(p.n + 1), z, e);
    let wrong = 0;
    for (let i = 0; i < p.m; i++) {
      if ((sigmoidFromExp(z[i], e[i]) >= 0.5 ? 1 : 0) !== p.y[i]) wrong += 1;
    }
    return { cost, error: wrong / p.m };
  }

  NS.maths = {
    sigmoid, sigmoidDerivative, logLoss, problem, cost, gradient, descent, extend, prefix, outcome,
    stoppingRule, minibatchDescent, expNonPositive, PATIENCE, EXP_TABLE_SIZE, EXP_LOWEST,
  };
  Object.assign(NS.maths, {
    featureTerms, polynomialProblem, l2Penalty, regularizedCost, regularizedGradient, hessian, solve, newton, scoreFit,
    MAX_HALVINGS, COST_ROUNDING,
  });
})(window);
