/* Live explorers, part 2 of 7: the maths, mirroring lab_utils operation for operation in float64.

   sigmoid            lab_utils.activation._sigmoid_of_array: exp only ever sees -|z|
   sigmoidDerivative  lab_utils.sigmoid_derivative: sigma(z) * sigma(-z)
   logLoss            lab_utils.log_loss_from_logits: max(z, 0) + log1p(exp(-|z|)) - y z
   cost               lab_utils.compute_cost_logistic (no regularisation)
   gradient           lab_utils.compute_gradient_logistic
   descent            lab_utils.gradient_descent with its stopping rules (patience 20)
   minibatchDescent   lab_utils.minibatch.run_minibatch_gradient_descent: mini-batches, heavy-ball momentum

   A problem is {X: Float64Array (m rows of n features, row by row), y, m, n}. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const PATIENCE = 20;

  function sigmoid(z) {
    const e = Math.exp(-Math.abs(z));
    return (z >= 0 ? 1 : e) / (1 + e);
  }

  function sigmoidDerivative(z) {
    return sigmoid(z) * sigmoid(-z);
  }

  function logLoss(z, y) {
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z;
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

  /** exp(-|z|) of every logit, into `out` (both cost and gradient need it). */
  function expNegAbs(z, out) {
    for (let i = 0; i < z.length; i++) out[i] = Math.exp(-Math.abs(z[i]));
    return out;
  }

  /**
   * Mean log loss, summed in the same three parts as lab_utils.mean_log_loss_from_logits;
   * `e` is exp(-|z|).
   */
  function meanLogLoss(z, y, e) {
    let positive = 0;
    let soft = 0;
    let yz = 0;
    for (let i = 0; i < z.length; i++) {
      positive += Math.max(z[i], 0);
      soft += Math.log1p(e[i]);
      yz += y[i] * z[i];
    }
    return (positive + soft - yz) / z.length;
  }

  function cost(p, w, b) {
    const z = logits(p, w, b, new Float64Array(p.m));
    return meanLogLoss(z, p.y, expNegAbs(z, new Float64Array(p.m)));
  }

  /** dJ/db, with dJ/dw written into `dw`, from the logits z and e = exp(-|z|). */
  function gradientFromLogits(p, z, e, error, dw) {
    const { X, y, m, n } = p;
    let sum = 0;
    dw.fill(0);
    for (let i = 0; i < m; i++) {
      error[i] = (z[i] >= 0 ? 1 : e[i]) / (1 + e[i]) - y[i]; // sigmoid(z), as in sigmoid()
      sum += error[i];
      for (let j = 0; j < n; j++) dw[j] += X[i * n + j] * error[i];
    }
    for (let j = 0; j < n; j++) dw[j] /= m;
    return sum / m;
  }

  function gradient(p, w, b) {
    const z = logits(p, w, b, new Float64Array(p.m));
    const dw = new Float64Array(p.n);
    const db = gradientFromLogits(p, z, expNegAbs(z, new Float64Array(p.m)), new Float64Array(p.m), dw);
    return { db, dw: Array.from(dw) };
  }

  /**
   * Batch gradient descent from (w0, b0), recording every step.
   *
   * Returns {w: Float64Array ((k + 1) n), b: Float64Array (k + 1), costs (k + 1,
   * costs[0] the start), iterations k, stop, diverged}. `stop` is "done",
   * "infinite" (the cost became infinite or NaN: that step is not kept), "rose"
   * (it rose PATIENCE times in a row) or "above-start" (it stayed above the
   * starting cost PATIENCE times in a row), as lab_utils.gradient_descent decides.
   */
  function descent(p, w0, b0, alpha, numIters) {
    const { m, n } = p;
    const wPath = new Float64Array((numIters + 1) * n);
    const bPath = new Float64Array(numIters + 1);
    const costs = new Float64Array(numIters + 1);
    let w = Float64Array.from(w0);
    let b = b0;
    const z = new Float64Array(m);
    const e = new Float64Array(m);
    const error = new Float64Array(m);
    const dw = new Float64Array(n);
    const wNew = new Float64Array(n);
    logits(p, w, b, z);
    const start = meanLogLoss(z, p.y, expNegAbs(z, e));
    let previous = start;
    let rises = 0;
    let aboveStart = 0;
    let k = 0;
    let stop = "done";
    wPath.set(w, 0);
    bPath[0] = b;
    costs[0] = start;
    for (let i = 0; i < numIters; i++) {
      const db = gradientFromLogits(p, z, e, error, dw);
      for (let j = 0; j < n; j++) wNew[j] = w[j] - alpha * dw[j];
      const bNew = b - alpha * db;
      logits(p, wNew, bNew, z);
      const c = meanLogLoss(z, p.y, expNegAbs(z, e));
      if (!Number.isFinite(c)) { stop = "infinite"; break; }
      w = Float64Array.from(wNew);
      b = bNew;
      k += 1;
      wPath.set(w, k * n);
      bPath[k] = b;
      costs[k] = c;
      rises = c > previous ? rises + 1 : 0;
      aboveStart = c > start ? aboveStart + 1 : 0;
      previous = c;
      if (Math.max(rises, aboveStart) >= PATIENCE) { stop = rises >= PATIENCE ? "rose" : "above-start"; break; }
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
   * the batch's mean loss: v := beta v - alpha g, then w := w + v, for w and b alike, the
   * velocities starting at 0 (with beta = 0 the plain step w := w - alpha g). After each epoch
   * the cost on all examples is judged by stoppingRule.
   *
   * Returns {costs (k + 1, costs[0] the start), epochs k, numEpochs, batchSize, alpha,
   * momentum, w, b (after epoch k), stop ("done" or as stoppingRule), diverged}.
   */
  function minibatchDescent(p, w0, b0, alpha, numEpochs, batchSize, momentum, orders) {
    const { X, y, m, n } = p;
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
    // Each batch's rows are gathered into these buffers, as lab_utils gathers them.
    const bx = new Float64Array(batchSize * n);
    const by = new Float64Array(batchSize);
    const bz = new Float64Array(batchSize);
    const be = new Float64Array(batchSize);
    const error = new Float64Array(batchSize);
    // a batch of batchSize rows, and the shorter last one (if any): views of the same buffers
    const rest = m % batchSize || batchSize;
    const batches = [batchSize, rest].map((size) => ({
      p: { X: bx, y: by, m: size, n }, z: bz.subarray(0, size), e: be.subarray(0, size),
    }));
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
        for (let r = 0; r < size; r++) {
          const i = oneBatch ? first + r : orders[epoch * m + first + r];
          for (let j = 0; j < n; j++) bx[r * n + j] = X[i * n + j];
          by[r] = y[i];
        }
        const batch = batches[size === batchSize ? 0 : 1];
        logits(batch.p, wNew, bNew, batch.z);
        const db = gradientFromLogits(batch.p, batch.z, expNegAbs(batch.z, batch.e), error, dw);
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

  NS.maths = {
    sigmoid, sigmoidDerivative, logLoss, problem, cost, gradient, descent, prefix, outcome,
    stoppingRule, minibatchDescent, PATIENCE,
  };
})(window);
