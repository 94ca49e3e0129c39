/* Live explorers: learning rate and feature scaling on two breast-cancer features.

   Choose the scaling (raw, min-max, z-score), alpha and the iterations; every
   change runs gradient descent from w = 0, b = 0 in the page and draws its path
   on the contours of the cost (with the best b for each w, computed in Python)
   and the cost per iteration. A run that diverges is drawn and said to diverge.

   State mirrored on the root: data-scaling, data-alpha, data-num-iters,
   data-iterations, data-final-cost, data-final-w1, data-final-w2, data-final-b,
   data-diverged, data-stop. Data (lab_utils.explorers.live): X (raw rows), y,
   scalings {name: {shift, scale}}, landscapes {name: {extent, w_best, contours}},
   axis_labels, cost_star, linear_cost_top, alpha_exponents, iters, start. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const { el, panel, pathData, setAxes } = NS.svg;
  const C = NS.controls;
  const M = NS.maths;

  /** The smallest of 1, 2, 5, 10, 20, 50, ... that is at least `value` (as the notebook explorer). */
  function niceCeiling(value) {
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    return [1, 2, 5, 10].map((s) => s * power).find((s) => s >= value);
  }

  /** A problem with the features scaled as lab_utils does it: (x - shift) / scale, element by element. */
  function scaledProblem(rows, y, scaling) {
    if (!scaling) return M.problem(rows, y);
    return M.problem(rows.map((row) => row.map((v, j) => (v - scaling.shift[j]) / scaling.scale[j])), y);
  }

  NS.register("learning-rate", function (root, app, data) {
    const id = root.id;
    const f = NS.fmt;
    const names = Object.keys(data.landscapes);
    const problems = {};
    const problemFor = (s) => (problems[s] = problems[s] || scaledProblem(data.X, data.y, data.scalings[s]));
    const controls = C.node("div", { class: "lx-controls" }, app);
    const panels = C.node("div", { class: "lx-panels" }, app);
    const readout = C.readout(app);

    const pc = panel(panels, {
      width: 300, height: 300, margin: { l: 58, r: 10, t: 22, b: 48 }, x: [0, 1], y: [0, 1],
      title: "Cost contours (best b for each w)", clipId: id + "-clip-contour",
      label: "Contours of the cost over the two weights, with the path of gradient descent",
    });
    const contourGroup = el("g", {}, pc.plot);
    const best = el("path", { class: "lx-fill-ink" }, pc.plot);
    const path = el("path", { class: "lx-line lx-vermillion" }, pc.plot);
    const end = el("path", { class: "lx-line lx-vermillion lx-thick" }, pc.plot);

    const ph = panel(panels, {
      width: 340, height: 300, margin: { l: 50, r: 10, t: 22, b: 48 }, x: [0, 1], y: [0, 1],
      title: "Cost per iteration", clipId: id + "-clip-history", label: "The cost at each iteration of gradient descent",
    });
    const bestLine = el("line", { class: "lx-line lx-ink lx-dashed" }, ph.plot);
    const historyLine = el("path", { class: "lx-line lx-vermillion lx-thick" }, ph.plot);
    const message = el("text", { class: "lx-small", "text-anchor": "end" }, ph.over);
    const legend = el("text", { class: "lx-small", "text-anchor": "end" }, ph.over);

    const state = { scaling: data.start.scaling, alpha: data.start.alpha, numIters: data.start.num_iters };
    let shownScaling = null;
    let historyFrame = "";

    function star(x, y, r) {
      let d = "";
      for (let i = 0; i < 10; i++) {
        const a = (Math.PI * i) / 5 - Math.PI / 2;
        const rr = i % 2 ? r * 0.45 : r;
        d += (i ? "L" : "M") + (x + rr * Math.cos(a)).toFixed(1) + "," + (y + rr * Math.sin(a)).toFixed(1);
      }
      return d + "Z";
    }

    const contourLayers = {}; // one group per scaling, drawn the first time it is shown
    function setScaling(s) {
      if (s === shownScaling) return;
      shownScaling = s;
      const land = data.landscapes[s];
      const [x0, x1, y0, y1] = land.extent;
      setAxes(pc, { x: [x0, x1], y: [y0, y1], xlabel: data.axis_labels[s][0], ylabel: data.axis_labels[s][1], nx: 4, ny: 4 });
      if (!contourLayers[s]) {
        contourLayers[s] = el("g", {}, contourGroup);
        NS.svg.contours(contourLayers[s], land.contours, pc.x, pc.y, land.extent);
      }
      for (const [name, layer] of Object.entries(contourLayers)) layer.style.display = name === s ? "" : "none";
      best.setAttribute("d", star(pc.x(land.w_best[0]), pc.y(land.w_best[1]), 8));
    }

    // Runs by scaling and alpha, of the most iterations asked for so far: fewer iterations, or
    // back to an earlier setting, take a prefix; more iterations extend the run by the new ones.
    const runs = new Map();
    let msPerIteration = 0; // from the last run that took steps
    function runFor(scaling, alpha, numIters) {
      const key = scaling + " " + alpha;
      let run = runs.get(key);
      if (!run || run.numIters < numIters) {
        const p = problemFor(scaling);
        const before = run ? run.iterations : 0;
        const started = performance.now();
        run = run ? M.extend(p, run, numIters) : M.descent(p, [0, 0], 0, alpha, numIters);
        if (run.iterations > before) msPerIteration = (performance.now() - started) / (run.iterations - before);
        runs.delete(key);
        if (runs.size > 40) runs.delete(runs.keys().next().value);
        runs.set(key, run);
      }
      return M.prefix(run, numIters);
    }

    function setHistoryAxes(run) {
      let top = 0;
      for (let i = 0; i <= run.iterations; i++) top = Math.max(top, run.costs[i]);
      const right = niceCeiling(run.numIters);
      const linear = top <= data.linear_cost_top;
      const y = linear ? [0.2, data.linear_cost_top + 0.15] : [0.1, Math.pow(10, Math.ceil(Math.log10(top * 1.5)))];
      const key = [linear, y[1], right].join();
      if (key === historyFrame) return;
      historyFrame = key;
      setAxes(ph, { x: [0, right], y, logY: !linear, xlabel: "iteration", ylabel: "cost J" });
    }

    function update() {
      setScaling(state.scaling);
      const run = runFor(state.scaling, state.alpha, state.numIters);
      setHistoryAxes(run);
      const k = run.iterations;
      path.setAttribute("d", pathData(k + 1, (i) => pc.x(run.w[2 * i]), (i) => pc.y(run.w[2 * i + 1])));
      const ex = NS.svg.clamp(pc.x(run.w[2 * k]));
      const ey = NS.svg.clamp(pc.y(run.w[2 * k + 1]));
      end.setAttribute("d", `M${ex - 5},${ey - 5}L${ex + 5},${ey + 5}M${ex - 5},${ey + 5}L${ex + 5},${ey - 5}`);
      const lo = ph.y.domain[0];
      historyLine.setAttribute("d", pathData(k + 1, (i) => ph.x(i), (i) => ph.y(Math.max(lo, run.costs[i]))));
      for (const [a, v] of [["x1", ph.frame.l], ["x2", ph.frame.r], ["y1", ph.y(data.cost_star)], ["y2", ph.y(data.cost_star)]]) bestLine.setAttribute(a, v);
      const text = M.outcome(run);
      const x = ph.frame.r - 6;
      while (message.firstChild) message.removeChild(message.firstChild);
      [`${state.scaling}, \u03b1 = ${f(state.alpha, 6)}`, ...NS.wrap(text, 40)].forEach((line, i) => {
        el("tspan", { x, dy: i ? 13 : 0 }, message).textContent = line;
      });
      message.setAttribute("x", x);
      message.setAttribute("y", ph.frame.t + 16);
      message.classList.toggle("lx-alert-text", run.diverged);
      legend.setAttribute("x", x);
      legend.setAttribute("y", ph.frame.b - 8);
      legend.textContent = `dashed: minimum J = ${f(data.cost_star, 4)}`;
      readout.set([
        `Scaling ${state.scaling}, \u03b1 = ${f(state.alpha, 6)}, ${state.numIters} iterations from w = 0, b = 0. ` +
        `Now w = [${f(run.w[2 * k], 4)}, ${f(run.w[2 * k + 1], 4)}], b = ${f(run.b[k], 4)}; the minimum is J = ${f(data.cost_star, 4)}.`,
        text,
      ], run.diverged);
      NS.mirror(root, {
        scaling: state.scaling, alpha: state.alpha, numIters: state.numIters, iterations: k,
        finalCost: run.costs[k], finalW1: run.w[2 * k], finalW2: run.w[2 * k + 1], finalB: run.b[k],
        diverged: run.diverged, stop: run.stop,
      });
    }

    // After each change, compute in idle time the runs one slider step away and those of the
    // other scalings, so that the next move of a control is drawn at once; a run starts only
    // when the browser's idle period has room for all its iterations (timed on the last run).
    const background = NS.idleQueue();
    function prefetch() {
      const position = Number(alphaSlider.range.value);
      const numIters = state.numIters;
      const todo = [[state.scaling, position + aStep], [state.scaling, position - aStep]]
        .filter(([, x]) => x >= aLo && x <= aHi)
        .map(([s, x]) => [s, Math.pow(10, NS.snap(x, aStep))])
        .concat(names.filter((s) => s !== state.scaling).map((s) => [s, state.alpha]));
      background.run(todo.map(([scaling, alpha]) => () => runFor(scaling, alpha, numIters)), () => msPerIteration * numIters);
    }

    const labels = { raw: "raw features", "min-max": "min-max", "z-score": "z-score" };
    C.choice(controls, { id: id + "-scaling", label: "scaling", options: names.map((s) => [s, labels[s] || s]), value: state.scaling },
      (scaling) => { state.scaling = scaling; update(); prefetch(); });
    const [aLo, aHi, aStep] = data.alpha_exponents;
    const alphaSlider = C.slider(controls, {
      id: id + "-alpha", label: "learning rate \u03b1", min: aLo, max: aHi, step: aStep, value: state.alpha,
      toValue: (x) => Math.pow(10, x), fromValue: (v) => Math.log10(v), format: (v) => f(v, 3),
      numberMin: 0, valid: (v) => v > 0,
    }, (alpha) => { state.alpha = alpha; update(); prefetch(); });
    const [iLo, iHi, iStep] = data.iters;
    C.slider(controls, {
      id: id + "-iters", label: "iterations", min: iLo, max: iHi, step: iStep, value: state.numIters,
      numberMin: 1, numberMax: iHi, numberStep: 1, valid: (v) => Number.isInteger(v) && v >= 1 && v <= iHi,
    }, (numIters) => { state.numIters = numIters; update(); prefetch(); });
    update();
    prefetch();
    return { root, state, update };
  });
})(window);
