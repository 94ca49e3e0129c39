/* Live explorers: lambda and the decision boundary, on the regularisation chapter's two rings.

   Degree 1-6 and lambda >= 0; Newton's method from w = 0, b = 0 as in
   lab_utils.studies.regularization.fit_regularized (maths.js: newton); the boundary p = 0.5 by
   marching squares on the logit; training and validation cost against lambda. Fits are kept,
   and neighbours fitted in idle time. State: data-degree, -lambda, -show-validation,
   -train-cost, -validation-cost (mean log loss, no penalty), -train-error, -validation-error,
   -iterations, -converged, -stop. Data: lab_utils.explorers.live (_regularization_data). */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const { el, panel, pathData, isoline } = NS.svg;
  const C = NS.controls;
  const M = NS.maths;
  /** Grid points per axis of the logit the boundary is traced on. */
  const GRID = 81;

  /** A path of one marker shape at each point: "x", "+", "o" or "s" (radius r px). */
  function markers(xs, ys, shape, r) {
    let d = "";
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i].toFixed(1);
      const y = ys[i].toFixed(1);
      const [x0, x1, y0, y1] = [(xs[i] - r).toFixed(1), (xs[i] + r).toFixed(1), (ys[i] - r).toFixed(1), (ys[i] + r).toFixed(1)];
      if (shape === "x") d += `M${x0},${y0}L${x1},${y1}M${x0},${y1}L${x1},${y0}`;
      else if (shape === "+") d += `M${x0},${y}L${x1},${y}M${x},${y0}L${x},${y1}`;
      else if (shape === "s") d += `M${x0},${y0}H${x1}V${y1}H${x0}Z`;
      else d += `M${x0},${y}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
    }
    return d;
  }

  NS.register("regularization", function (root, app, data) {
    const id = root.id;
    const f = NS.fmt;
    const rowsOf = (text) => { const v = NS.float64s(text); return Array.from({ length: v.length / 2 }, (_, i) => [v[2 * i], v[2 * i + 1]]); };
    const labelsOf = (digits) => Array.from(digits, Number);
    data = Object.assign({}, data, { X_train: rowsOf(data.X_train), y_train: labelsOf(data.y_train),
      X_val: rowsOf(data.X_val), y_val: labelsOf(data.y_val) });
    const scaling = data.scaling;
    const [lo, hi, step] = data.lambda_exponents;
    const [x0, x1, y0, y1] = data.extent;
    const controls = C.node("div", { class: "lx-controls" }, app);
    const panels = C.node("div", { class: "lx-panels" }, app);
    const readout = C.readout(app);

    // Left: the points and the boundary, the same scale on both axes.
    const width = 300;
    const margin = { l: 40, r: 10, t: 22, b: 40 };
    const height = Math.round(margin.t + margin.b + ((width - margin.l - margin.r) * (y1 - y0)) / (x1 - x0));
    const pd = panel(panels, {
      width, height, margin, x: [x0, x1], y: [y0, y1], xlabel: "x1", ylabel: "x2", nx: 5, ny: 5,
      title: "Decision boundary p = 0.5", clipId: id + "-clip-data",
      label: "The training points of two rings, crosses for the inner ring (y = 1) and circles for the outer ring (y = 0), with the fitted model's decision boundary",
    });
    const validation = el("g", { class: "lx-faint" }, pd.plot);
    const points = el("g", {}, pd.plot);
    const boundary = el("path", { class: "lx-line lx-ink lx-thick lx-round" }, pd.plot);
    const column = (rows, k) => rows.map((row) => row[k]);
    const drawClass = (group, X, y, shapes, r) => {
      for (const [value, shape, colour] of shapes) {
        const rows = X.filter((_, i) => y[i] === value);
        el("path", { d: markers(column(rows, 0).map(pd.x), column(rows, 1).map(pd.y), shape, r), class: `lx-line lx-marker ${colour}` }, group);
      }
    };
    // y = 1: crosses (training) and plus signs (validation); y = 0: circles and squares
    drawClass(validation, data.X_val, data.y_val, [[1, "+", "lx-vermillion"], [0, "s", "lx-blue"]], 2.2);
    drawClass(points, data.X_train, data.y_train, [[1, "x", "lx-vermillion"], [0, "o", "lx-blue"]], 3);

    // Right: training and validation cost against lambda (0 one decade left of the grid).
    const position = (lambda) => (lambda === 0 ? lo - 1 : Math.max(lo - 0.5, Math.log10(lambda)));
    const decades = [];
    for (let e = Math.ceil(lo); e <= hi; e++) decades.push(e);
    const pc = panel(panels, {
      width: 340, height, margin: { l: 46, r: 10, t: 22, b: 40 }, x: [lo - 1.3, hi + 0.3], y: [0, 2],
      xticks: [lo - 1, ...decades], xtickFormat: (v) => (v === lo - 1 ? "0" : f(Math.pow(10, v), 5)),
      xlabel: "\u03bb (log scale; \u03bb = 0 at the left)", ylabel: "average log loss (no penalty)",
      title: "Cost against \u03bb, this degree", clipId: id + "-clip-cost",
      label: "The training and validation cost of the fitted models of this degree against lambda, with the current lambda marked",
    });
    const trainLine = el("path", { class: "lx-line lx-blue" }, pc.plot);
    const valLine = el("path", { class: "lx-line lx-vermillion lx-dashed" }, pc.plot);
    const trainDots = el("path", { class: "lx-fill-blue" }, pc.plot);
    const valDots = el("path", { class: "lx-line lx-vermillion lx-marker" }, pc.plot);
    const current = el("line", { class: "lx-line lx-ink lx-dotted" }, pc.plot);
    const legend = el("text", { class: "lx-small", "text-anchor": "end" }, pc.over);

    const state = { degree: data.start.degree, lambda: data.start.lambda, showValidation: data.start.show_validation };

    // The features of each degree (training, validation, the drawing grid), built once.
    const problems = {};
    let featureTime = 0; // ms the last degree's features took to build
    function problemsFor(degree) {
      if (!problems[degree]) {
        const started = performance.now();
        const grid = [];
        for (let j = 0; j < GRID; j++) {
          for (let i = 0; i < GRID; i++) grid.push([x0 + ((x1 - x0) * i) / (GRID - 1), y0 + ((y1 - y0) * j) / (GRID - 1)]);
        }
        problems[degree] = {
          train: M.polynomialProblem(data.X_train, data.y_train, scaling, degree),
          val: M.polynomialProblem(data.X_val, data.y_val, scaling, degree),
          grid: M.polynomialProblem(grid, new Array(grid.length).fill(0), scaling, degree),
        };
        featureTime = performance.now() - started;
      }
      return problems[degree];
    }

    // Fits by degree and lambda: {w, b, iterations, converged, stop, train: {cost, error}, val: {...}}.
    const fits = new Map();
    let fitTime = 0; // ms of the last new fit (its features built already)
    function fitFor(degree, lambda) {
      const key = degree + " " + lambda;
      if (!fits.has(key)) {
        const p = problemsFor(degree);
        const started = performance.now();
        const fit = M.newton(p.train, new Float64Array(p.train.n), 0, data.max_iters, data.tol, lambda);
        fit.train = M.scoreFit(p.train, fit.w, fit.b);
        fit.val = M.scoreFit(p.val, fit.w, fit.b);
        fits.set(key, fit);
        fitTime = performance.now() - started;
      }
      return fits.get(key);
    }

    function drawBoundary(fit) {
      const g = problemsFor(state.degree).grid;
      const z = new Float64Array(g.m);
      for (let i = 0; i < g.m; i++) {
        let s = fit.b;
        for (let j = 0; j < g.n; j++) s += g.X[i * g.n + j] * fit.w[j];
        z[i] = s;
      }
      const segments = isoline(z, GRID, GRID, 0); // p = 0.5 where the logit is 0
      const sx = (u) => pd.x(x0 + ((x1 - x0) * u) / (GRID - 1)).toFixed(1);
      const sy = (v) => pd.y(y0 + ((y1 - y0) * v) / (GRID - 1)).toFixed(1);
      let d = "";
      for (let k = 0; k < segments.length; k += 4) d += `M${sx(segments[k])},${sy(segments[k + 1])}L${sx(segments[k + 2])},${sy(segments[k + 3])}`;
      boundary.setAttribute("d", d);
      return segments.length / 4;
    }

    function drawCosts() {
      const known = data.lambdas.filter((lambda) => fits.has(state.degree + " " + lambda));
      const xs = known.map((lambda) => pc.x(position(lambda)));
      const cost = (lambda, part) => pc.y(Math.min(2, fits.get(state.degree + " " + lambda)[part].cost));
      trainLine.setAttribute("d", pathData(known.length, (i) => xs[i], (i) => cost(known[i], "train")));
      valLine.setAttribute("d", pathData(known.length, (i) => xs[i], (i) => cost(known[i], "val")));
      trainDots.setAttribute("d", markers(xs, known.map((lambda) => cost(lambda, "train")), "o", 2.5));
      valDots.setAttribute("d", markers(xs, known.map((lambda) => cost(lambda, "val")), "s", 2.5));
      const px = pc.x(position(state.lambda));
      for (const [a, v] of [["x1", px], ["x2", px], ["y1", pc.frame.t], ["y2", pc.frame.b]]) current.setAttribute(a, v);
      legend.setAttribute("x", pc.frame.r - 6);
      legend.setAttribute("y", pc.frame.t + 14);
      legend.textContent = "solid, dots: training; dashed, squares: validation";
    }

    function update() {
      const fit = fitFor(state.degree, state.lambda);
      validation.style.display = state.showValidation ? "" : "none";
      const pieces = drawBoundary(fit);
      drawCosts();
      const n = problemsFor(state.degree).train.n;
      const pct = (v) => (100 * v).toFixed(1) + "%";
      const lines = [
        `Degree ${state.degree} (${n} features), \u03bb = ${f(state.lambda, 3)}: training cost ${f(fit.train.cost, 4)}, ` +
        `validation cost ${f(fit.val.cost, 4)} (average log loss, no penalty); misclassified: ${pct(fit.train.error)} of the ` +
        `training points, ${pct(fit.val.error)} of the validation points.`,
        (fit.converged ? `Fitted by Newton's method in ${fit.iterations} steps from w = 0, b = 0.`
          : `Newton's method stopped after ${fit.iterations} steps without converging (largest partial derivative ${f(fit.gradient, 2)}).`) +
        (pieces ? "" : " The boundary lies outside the view: the model predicts one class everywhere in it."),
      ];
      readout.set(lines, !fit.converged);
      NS.mirror(root, {
        degree: state.degree, lambda: state.lambda, showValidation: state.showValidation,
        trainCost: fit.train.cost, validationCost: fit.val.cost, trainError: fit.train.error,
        validationError: fit.val.error, iterations: fit.iterations, converged: fit.converged, stop: fit.stop,
      });
    }

    // In idle time: the neighbouring lambdas and degrees, then this degree's other lambdas. A fit
    // starts only in an idle period with room for the last fit's time, and for building its
    // degree's features if that is still to do.
    const background = NS.idleQueue();
    function prefetch() {
      const index = data.lambdas.indexOf(state.lambda);
      const near = index < 0 ? [] : [data.lambdas[index - 1], data.lambdas[index + 1]].filter((v) => v !== undefined);
      const queued = new Set();
      const todo = near.map((lambda) => [state.degree, lambda])
        .concat([state.degree - 1, state.degree + 1].filter((d) => data.degrees.includes(d)).map((d) => [d, state.lambda]))
        .concat(data.lambdas.map((lambda) => [state.degree, lambda]))
        .filter(([degree, lambda]) => {
          const key = degree + " " + lambda;
          if (fits.has(key) || queued.has(key)) return false;
          queued.add(key);
          return true;
        });
      background.run(todo.map(([degree, lambda]) => () => {
        fitFor(degree, lambda); // a no-op if an update has fitted it meanwhile
        if (degree === state.degree) drawCosts();
      }), (k) => fitTime + (problems[todo[k][0]] ? 0 : featureTime));
    }

    const degreeSlider = C.slider(controls, {
      id: id + "-degree", label: "polynomial degree", min: data.degrees[0], max: data.degrees[data.degrees.length - 1], step: 1,
      value: state.degree, numberStep: 1, numberMin: data.degrees[0], numberMax: data.degrees[data.degrees.length - 1],
      valid: (v) => data.degrees.includes(v), format: (v) => String(v),
    }, (degree) => { state.degree = degree; update(); prefetch(); });
    // The lambda slider: position 0 is lambda = 0, then one position per value of the grid.
    const positions = data.lambdas.length - 1;
    C.slider(controls, {
      id: id + "-lambda", label: "regularisation \u03bb", min: 0, max: positions, step: 1, value: state.lambda,
      toValue: (k) => data.lambdas[k],
      fromValue: (v) => (v === 0 ? 0 : Math.max(0, Math.min(positions, Math.round((Math.log10(v) - lo) / step) + 1))),
      format: (v) => f(v, 3), numberMin: 0, valid: (v) => v >= 0 && Number.isFinite(v),
    }, (lambda) => { state.lambda = lambda; update(); prefetch(); });
    C.checkbox(controls, { id: id + "-validation", label: "show the 400 validation points", value: state.showValidation },
      (checked) => { state.showValidation = checked; update(); });
    update();
    prefetch();
    return { root, state, update, degreeSlider, fit: () => fitFor(state.degree, state.lambda) };
  });
})(window);
