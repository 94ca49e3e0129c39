/* Live explorers: mini-batches and momentum on six z-scored breast-cancer features.

   Choose the batch size, alpha and beta: 40 epochs of mini-batch descent with heavy-ball
   momentum from w = 0, b = 0 run in the page, with batch descent (same alpha and beta) for
   reference, and J - J* after every epoch is drawn on a log scale. Each epoch's order of the
   examples is lab_utils' own (numpy-random.js, checked against data.order_checksum). A run
   that diverges ends with a cross and is said to diverge.

   Mirrored on the root: data-batch-size, -alpha, -momentum, -epochs, -final-cost, -final-gap,
   -diverged, -stop, and the reference's -reference-final-cost, -reference-diverged,
   -reference-stop. Data: lab_utils.explorers.live._minibatch_data. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const { el, panel, pathData } = NS.svg;
  const C = NS.controls;
  const M = NS.maths;

  /** Rows of the features from lab_utils.explorers.live.decimal_columns: ints / 10^digits, exactly. */
  function decimalColumns({ digits, ints }) {
    const scales = digits.map((k) => { let s = 1; for (let i = 0; i < k; i++) s *= 10; return s; });
    return ints[0].map((_, i) => ints.map((column, j) => column[i] / scales[j]));
  }

  /** Updates per epoch, as the notebook explorer says it. */
  function updates(m, size) {
    const count = Math.ceil(m / size);
    return `${count} update${count === 1 ? "" : "s"} per epoch`;
  }

  /** How a run ended, in a few words. */
  function describe(run, costStar) {
    const f = NS.fmt;
    const gap = f(Math.max(run.costs[run.epochs] - costStar, 0), 3);
    if (run.stop === "infinite") return `diverged: the cost became infinite in epoch ${run.epochs + 1}, so descent stopped after ${run.epochs} epochs`;
    if (run.stop !== "done") return `diverged: the cost kept rising and descent stopped after ${run.epochs} epochs (J = ${f(run.costs[run.epochs], 4)})`;
    if (run.diverged) return `not converging: after ${run.epochs} epochs J = ${f(run.costs[run.epochs], 4)} is higher than at the start`;
    return `J \u2212 J* = ${gap} after ${run.epochs} epochs`;
  }

  NS.register("minibatch", function (root, app, data) {
    const id = root.id;
    const f = NS.fmt;
    const raw = decimalColumns(data.columns);
    const problem = M.problem(raw.map((row) => row.map((v, j) => (v - data.scaling.shift[j]) / data.scaling.scale[j])),
      Array.from(data.labels, Number));
    const m = problem.m;
    const orders = NS.numpyRandom.epochOrders(m, data.epochs, data.seed);
    let checksum = 0;
    orders.forEach((v, t) => { checksum += (t + 1) * v; });
    if (checksum !== data.order_checksum) {
      throw new Error(`minibatch explorer: the shuffled orders drawn in the page (checksum ${checksum}) are not ` +
        `numpy's (${data.order_checksum}); numpy's generator must have changed: update numpy-random.js`);
    }
    const floor = data.gap_floor;
    const controls = C.node("div", { class: "lx-controls" }, app);
    const panels = C.node("div", { class: "lx-panels" }, app);
    const readout = C.readout(app);

    // As wide as the page allows, up to 440: on a phone the text keeps its size instead of shrinking.
    const width = Math.round(Math.min(440, Math.max(300, app.clientWidth || 440)));
    const ph = panel(panels, {
      width, height: 300, margin: { l: 52, r: 12, t: 34, b: 44 }, x: [0, data.epochs], y: [floor, data.gap_top],
      logY: true, xlabel: "epoch (passes over the training set)", ylabel: "J \u2212 J* on all examples (log scale)",
      title: "Cost after every epoch", clipId: id + "-clip",
      label: "J minus J star after every epoch, for the chosen batch size and for batch gradient descent",
    });
    ph.svg.classList.add("lx-wide");
    const referenceLine = el("path", { class: "lx-line lx-ink lx-dashed" }, ph.plot);
    const curve = el("path", { class: "lx-line lx-vermillion lx-thick" }, ph.plot);
    const marks = [["lx-vermillion", "start"], ["lx-ink", "end"]].map(([colour, anchor]) => ({
      cross: el("path", { class: "lx-line lx-thick " + colour }, ph.over),
      text: el("text", { class: "lx-small lx-alert-text", "text-anchor": anchor }, ph.over),
    }));
    const setting = el("text", { class: "lx-small", "text-anchor": "middle", x: (ph.frame.l + ph.frame.r) / 2, y: 27 }, ph.over);
    const legend = el("g", {}, ph.over);
    [["lx-line lx-vermillion lx-thick", "your batch size"], ["lx-line lx-ink lx-dashed", "batch descent, same \u03b1 and \u03b2"]]
      .forEach(([cls, text], i) => {
        const y = ph.frame.b - 24 + 14 * i;
        const x = ph.frame.l + 8;
        el("path", { class: cls, d: `M${x},${y}L${x + 24},${y}` }, legend);
        el("text", { class: "lx-small", x: x + 30, y: y + 3 }, legend).textContent = text;
      });

    const state = { batchSize: data.start.batch_size, alpha: data.start.alpha, momentum: data.start.momentum };

    // Runs by batch size, alpha and beta: moving back to a setting draws it at once.
    const runs = new Map();
    function runFor(batchSize, alpha, momentum) {
      const key = `${batchSize} ${alpha} ${momentum}`;
      let run = runs.get(key);
      if (!run) {
        run = M.minibatchDescent(problem, new Float64Array(problem.n), 0, alpha, data.epochs, batchSize, momentum, orders);
        if (runs.size > 60) runs.delete(runs.keys().next().value);
        runs.set(key, run);
      }
      return run;
    }

    const gapAt = (run, i) => Math.max(floor, run.costs[i] - data.cost_star);
    /** A cross where a diverged run stopped (at the top edge when its cost is above the plot), labelled "diverged". */
    function mark(run, { cross, text }, dx) {
      if (!run.diverged) { cross.setAttribute("d", ""); text.textContent = ""; return; }
      const x = ph.x(run.epochs);
      const y = Math.min(ph.frame.b - 8, Math.max(ph.frame.t + 6, ph.y(gapAt(run, run.epochs))));
      cross.setAttribute("d", `M${x - 5},${y - 5}L${x + 5},${y + 5}M${x - 5},${y + 5}L${x + 5},${y - 5}`);
      text.setAttribute("x", x + dx);
      text.setAttribute("y", y + 3);
      text.textContent = "diverged";
    }

    function update() {
      const run = runFor(state.batchSize, state.alpha, state.momentum);
      const reference = runFor(m, state.alpha, state.momentum);
      curve.setAttribute("d", pathData(run.epochs + 1, (i) => ph.x(i), (i) => ph.y(gapAt(run, i))));
      referenceLine.setAttribute("d", pathData(reference.epochs + 1, (i) => ph.x(i), (i) => ph.y(gapAt(reference, i))));
      mark(run, marks[0], 8);
      mark(reference, marks[1], -8);
      const values = `\u03b1 = ${f(state.alpha, 3)}, \u03b2 = ${f(state.momentum, 3)}`;
      setting.textContent = `B = ${state.batchSize}, ${values}`;
      readout.set([
        `Batch size ${state.batchSize} (${updates(m, state.batchSize)}), ${values}, ${data.epochs} epochs from ` +
        `w = 0, b = 0. Batch descent with the same \u03b1 and \u03b2: ${describe(reference, data.cost_star)}.`,
        `Batch size ${state.batchSize}: ${describe(run, data.cost_star)}.`,
      ], run.diverged);
      const k = run.epochs;
      NS.mirror(root, {
        batchSize: state.batchSize, alpha: state.alpha, momentum: state.momentum, epochs: k,
        finalCost: run.costs[k], finalGap: run.costs[k] - data.cost_star, diverged: run.diverged, stop: run.stop,
        referenceFinalCost: reference.costs[reference.epochs], referenceDiverged: reference.diverged,
        referenceStop: reference.stop,
      });
    }

    // After each change, compute in idle time the runs one step away on each control (one
    // option away for the batch size), so that the next key press is drawn at once.
    const background = NS.idleQueue();
    /** Queue the neighbours' runs, those of the control just moved (`first`) first. */
    function prefetch(first) {
      const position = Number(alphaSlider.range.value);
      const alphas = [position + aStep, position - aStep].filter((x) => x >= aLo && x <= aHi)
        .map((x) => Math.pow(10, NS.snap(x, aStep)));
      const betas = [state.momentum + bStep, state.momentum - bStep].filter((v) => v >= bLo - 1e-12 && v <= bHi + 1e-12)
        .map((v) => NS.snap(v, bStep));
      const at = data.batch_sizes.indexOf(state.batchSize);
      const sizes = [data.batch_sizes[at + 1], data.batch_sizes[at - 1]].filter((s) => s !== undefined);
      const neighbours = {
        alpha: alphas.flatMap((a) => [[state.batchSize, a, state.momentum], [m, a, state.momentum]]),
        momentum: betas.flatMap((v) => [[state.batchSize, state.alpha, v], [m, state.alpha, v]]),
        batch: sizes.map((s) => [s, state.alpha, state.momentum]),
      };
      const order = [first, ...Object.keys(neighbours).filter((k) => k !== first)];
      background.run(order.flatMap((k) => neighbours[k]).map((setting) => () => runFor(...setting)));
    }
    const changed = (control) => { update(); prefetch(control); };

    const sizeOptions = data.batch_sizes.map((s) => [String(s), s === m ? `all (${m}): batch descent` : String(s)]);
    C.choice(controls, { id: id + "-batch", label: "batch size", options: sizeOptions, value: String(state.batchSize) },
      (value) => { state.batchSize = Number(value); changed("batch"); });
    const [aLo, aHi, aStep] = data.alpha_exponents;
    const alphaSlider = C.slider(controls, {
      id: id + "-alpha", label: "learning rate \u03b1", min: aLo, max: aHi, step: aStep, value: state.alpha,
      toValue: (x) => Math.pow(10, x), fromValue: (v) => Math.log10(v), format: (v) => f(v, 3),
      numberMin: 0, valid: (v) => v > 0,
    }, (alpha) => { state.alpha = alpha; changed("alpha"); });
    const [bLo, bHi, bStep] = data.momentum_range;
    C.slider(controls, {
      id: id + "-momentum", label: "momentum \u03b2", min: bLo, max: bHi, step: bStep, value: state.momentum,
      toValue: (x) => NS.snap(x, bStep), format: (v) => f(v, 3), numberMin: 0, numberMax: 0.999, numberStep: "any",
      valid: (v) => v >= 0 && v < 1,
    }, (momentum) => { state.momentum = momentum; changed("momentum"); });
    update();
    prefetch("alpha");
    return { root, state, update };
  });
})(window);
