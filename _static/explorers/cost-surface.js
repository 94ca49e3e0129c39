/* Live explorers: the cost surface of the tumour data, J(w, b).

   Three panels: the sigmoid through the data with each example's loss as a
   segment and the total cost; the contours of J over (w, b) with the chosen
   point (drag it, or focus it and use the arrow keys) and the descent path; the
   cost per iteration. "Run gradient descent" runs lab_utils' descent in the page
   and draws it step by step.

   State mirrored on the root: data-w, data-b, data-cost (the chosen point),
   data-alpha, data-num-iters, and after a run data-iterations, data-final-w,
   data-final-b, data-final-cost, data-diverged, data-stop, data-running.
   Data (lab_utils.explorers.live): x, y, w_range, b_range, cost_limits,
   contours, extent, alpha_exponents, iters, step, start. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const { el, panel, pathData, setAxes } = NS.svg;
  const C = NS.controls;
  const M = NS.maths;
  const FRAMES = 40; // frames of the drawing of a run (about 0.7 s)

  NS.register("cost-surface", function (root, app, data) {
    const id = root.id;
    const f = NS.fmt;
    const prob = M.problem(data.x.map((v) => [v]), data.y);
    const controls = C.node("div", { class: "lx-controls" }, app);
    const panels = C.node("div", { class: "lx-panels" }, app);
    const readout = C.readout(app);

    // Panel 1: data, sigmoid, losses.
    const xLo = Math.min(...data.x) - 0.6;
    const xHi = Math.max(...data.x) + 0.6;
    const pd = panel(panels, {
      x: [xLo, xHi], y: [-0.1, 1.1], xlabel: "Tumour size", ylabel: "y (1 = malignant)",
      title: "Model and the loss of each example", clipId: id + "-clip-data",
      label: "The tumour data with the model's sigmoid and each example's loss",
    });
    const curve = el("path", { class: "lx-line lx-green lx-thick" }, pd.plot);
    const segments = data.x.map(() => el("line", { class: "lx-line lx-purple lx-dotted" }, pd.plot));
    const lossLabels = data.x.map(() => el("text", { class: "lx-small lx-purple-text" }, pd.over));
    data.x.forEach((x, i) => {
      const cx = pd.x(x);
      const cy = pd.y(data.y[i]);
      if (data.y[i] === 1) {
        el("path", { d: `M${cx - 5},${cy - 5}L${cx + 5},${cy + 5}M${cx - 5},${cy + 5}L${cx + 5},${cy - 5}`, class: "lx-line lx-vermillion lx-thick" }, pd.plot);
      } else {
        el("circle", { cx, cy, r: 5, class: "lx-line lx-blue lx-hollow" }, pd.plot);
      }
    });
    const costBox = el("text", { x: pd.frame.l + 6, y: pd.frame.t + 14, class: "lx-small lx-strong" }, pd.over);

    // Panel 2: contours, chosen point, path.
    const [wLo, wHi] = data.w_range;
    const [bLo, bHi] = data.b_range;
    const pc = panel(panels, {
      x: [wLo, wHi], y: [bLo, bHi], xlabel: "w", ylabel: "b", title: "Cost J(w, b): contours",
      clipId: id + "-clip-contour", label: "Contours of the cost over w and b", role: "group",
    });
    pc.svg.classList.add("lx-draggable");
    NS.svg.contours(el("g", {}, pc.plot), data.contours, pc.x, pc.y, data.extent);
    const path = el("path", { class: "lx-line lx-vermillion" }, pc.plot);
    const end = el("path", { class: "lx-line lx-vermillion lx-thick" }, pc.plot);
    const point = el("circle", {
      r: 6, class: "lx-point lx-fill-ink lx-focusable", tabindex: "0", role: "slider",
      "aria-label": "The chosen point (w, b): drag it, or use the arrow keys (left and right move w, up and down move b)",
      "aria-valuemin": wLo, "aria-valuemax": wHi,
    }, pc.over);

    // Panel 3: cost per iteration.
    const [cLo, cHi] = data.cost_limits;
    const ph = panel(panels, {
      x: [0, data.start.num_iters], y: [cLo, cHi], logY: true, xlabel: "iteration", ylabel: "cost J",
      title: "Cost per iteration", clipId: id + "-clip-history", label: "The cost at each iteration of gradient descent",
    });
    const historyLine = el("path", { class: "lx-line lx-vermillion lx-thick" }, ph.plot);
    const historyStart = el("circle", { r: 4, class: "lx-point lx-fill-ink" }, ph.plot);
    const historyText = el("text", { class: "lx-small", "text-anchor": "middle" }, ph.over);

    const state = {
      w: data.start.w, b: data.start.b, cost: 0, alpha: data.start.alpha, numIters: data.start.num_iters,
      running: false,
    };
    let run = null;
    let shown = 0;
    let timer = 0;

    function model() {
      if (!run) return [state.w, state.b];
      return [run.w[shown], run.b[shown]];
    }

    function setText(node, lines, x, y) {
      while (node.firstChild) node.removeChild(node.firstChild);
      lines.forEach((line, i) => el("tspan", { x, dy: i ? 13 : 0 }, node).textContent = line);
      node.setAttribute("x", x);
      node.setAttribute("y", y);
    }

    function draw() {
      const [w, b] = model();
      const n = 121;
      const xAt = (i) => xLo + ((xHi - xLo) * i) / (n - 1);
      curve.setAttribute("d", pathData(n, (i) => pd.x(xAt(i)), (i) => pd.y(M.sigmoid(w * xAt(i) + b))));
      let total = 0;
      data.x.forEach((x, i) => {
        const z = w * x + b;
        const fx = M.sigmoid(z);
        const loss = M.logLoss(z, data.y[i]);
        total += loss;
        const s = segments[i];
        s.setAttribute("x1", pd.x(x));
        s.setAttribute("x2", pd.x(x));
        s.setAttribute("y1", pd.y(data.y[i]));
        s.setAttribute("y2", pd.y(fx));
        const yi = data.y[i];
        const ly = Math.abs(fx - yi) > 0.15 ? (yi + fx) / 2 : yi + (yi === 0 ? 0.07 : -0.07);
        lossLabels[i].setAttribute("x", pd.x(x) + 4);
        lossLabels[i].setAttribute("y", pd.y(ly) + 3);
        lossLabels[i].textContent = loss < 0.005 ? "<0.01" : loss < 10 ? loss.toFixed(2) : loss.toFixed(1);
      });
      const cost = M.cost(prob, [w], b);
      const where = run ? `after ${shown} iterations: ` : "";
      costBox.textContent = `${where}J(w, b) = ${f(cost, 4)}`;
      point.setAttribute("cx", pc.x(state.w));
      point.setAttribute("cy", pc.y(state.b));
      point.setAttribute("aria-valuenow", state.w);
      point.setAttribute("aria-valuetext", `w = ${f(state.w, 3)}, b = ${f(state.b, 3)}`);
      const cx = (c) => Math.min(cHi, Math.max(cLo, c));
      if (!run) {
        path.setAttribute("d", "");
        end.setAttribute("d", "");
        historyLine.setAttribute("d", "");
        historyStart.setAttribute("cx", ph.x(0));
        historyStart.setAttribute("cy", ph.y(cx(state.cost)));
        setText(historyText, ["Press \u201cRun gradient descent\u201d", "to start from this point."],
          (ph.frame.l + ph.frame.r) / 2, (ph.frame.t + ph.frame.b) / 2);
        historyText.classList.remove("lx-alert-text");
      } else {
        path.setAttribute("d", pathData(shown + 1, (i) => pc.x(run.w[i]), (i) => pc.y(run.b[i])));
        const ex = pc.x(run.w[shown]);
        const ey = pc.y(run.b[shown]);
        end.setAttribute("d", `M${ex - 5},${ey - 5}L${ex + 5},${ey + 5}M${ex - 5},${ey + 5}L${ex + 5},${ey - 5}`);
        historyLine.setAttribute("d", pathData(shown + 1, (i) => ph.x(i), (i) => ph.y(cx(run.costs[i]))));
        historyStart.setAttribute("cy", ph.y(cx(run.costs[0])));
        const done = shown === run.iterations;
        setText(historyText, done ? NS.wrap(M.outcome(run), 34) : [], (ph.frame.l + ph.frame.r) / 2, ph.frame.t + 40);
        historyText.classList.toggle("lx-alert-text", done && run.diverged);
      }
      const lines = [
        `${run ? `After ${shown} iterations of gradient descent: ` : ""}w = ${f(w, 4)}, b = ${f(b, 4)}, ` +
        `cost J(w, b) = ${f(cost, 4)}. Chosen start: w = ${f(state.w, 4)}, b = ${f(state.b, 4)}, J = ${f(state.cost, 4)}.`,
      ];
      if (run && shown === run.iterations) lines.push(M.outcome(run));
      readout.set(lines, run && shown === run.iterations && run.diverged);
    }

    function mirror() {
      const out = { w: state.w, b: state.b, cost: state.cost, alpha: state.alpha, numIters: state.numIters, running: state.running };
      if (run && !state.running) {
        Object.assign(out, {
          iterations: run.iterations, finalW: run.w[run.iterations], finalB: run.b[run.iterations],
          finalCost: run.costs[run.iterations], diverged: run.diverged, stop: run.stop,
        });
      } else {
        for (const key of ["iterations", "final-w", "final-b", "final-cost", "diverged", "stop"]) root.removeAttribute("data-" + key);
      }
      NS.mirror(root, out);
    }

    function stopAnimation() {
      cancelAnimationFrame(timer);
      state.running = false;
    }

    /** A new start or new settings: the old path no longer applies. */
    function change(fields) {
      stopAnimation();
      Object.assign(state, fields);
      state.w = Math.min(wHi, Math.max(wLo, state.w));
      state.b = Math.min(bHi, Math.max(bLo, state.b));
      state.cost = M.cost(prob, [state.w], state.b);
      run = null;
      sliders.w.set(state.w, true);
      sliders.b.set(state.b, true);
      if (fields.numIters !== undefined) setAxes(ph, axesOf(state.numIters));
      draw();
      mirror();
    }

    function axesOf(numIters) {
      return { x: [0, numIters], y: [cLo, cHi], logY: true, xlabel: "iteration", ylabel: "cost J" };
    }

    function runDescent() {
      stopAnimation();
      run = M.descent(prob, [state.w], state.b, state.alpha, state.numIters);
      const reduce = global.matchMedia && global.matchMedia("(prefers-reduced-motion: reduce)").matches;
      const schedule = [];
      for (let i = 1; i <= FRAMES; i++) schedule.push(Math.round(Math.pow(run.iterations + 1, i / FRAMES) - 1));
      let frame = reduce ? FRAMES - 1 : 0;
      state.running = true;
      mirror();
      const step = () => {
        shown = Math.min(run.iterations, schedule[frame]);
        draw();
        frame += 1;
        if (frame < FRAMES) {
          timer = requestAnimationFrame(step);
        } else {
          state.running = false;
          mirror();
        }
      };
      step();
    }

    const sliders = {
      w: C.slider(controls, { id: id + "-w", label: "w", min: wLo, max: wHi, step: data.step, value: state.w,
        numberMin: wLo, numberMax: wHi, valid: (v) => v >= wLo && v <= wHi }, (w) => change({ w })),
      b: C.slider(controls, { id: id + "-b", label: "b", min: bLo, max: bHi, step: data.step, value: state.b,
        numberMin: bLo, numberMax: bHi, valid: (v) => v >= bLo && v <= bHi }, (b) => change({ b })),
    };
    const [aLo, aHi, aStep] = data.alpha_exponents;
    C.slider(controls, {
      id: id + "-alpha", label: "learning rate \u03b1", min: aLo, max: aHi, step: aStep, value: state.alpha,
      toValue: (x) => Math.pow(10, x), fromValue: (v) => Math.log10(v), format: (v) => f(v, 3),
      numberMin: 0, valid: (v) => v > 0,
    }, (alpha) => change({ alpha }));
    const [iLo, iHi, iStep] = data.iters;
    C.slider(controls, {
      id: id + "-iters", label: "iterations", min: iLo, max: iHi, step: iStep, value: state.numIters,
      numberMin: 1, numberStep: 1, valid: (v) => Number.isInteger(v) && v >= 1 && v <= 100000,
    }, (numIters) => change({ numIters }));
    C.button(controls, "Run gradient descent", runDescent);

    C.drag(pc.svg, (x, y) => change({ w: NS.snap(pc.x.invert(x), 0.01), b: NS.snap(pc.y.invert(y), 0.01) }));
    C.arrowKeys(point, (dx, dy) => change({ w: NS.snap(state.w + dx * data.step, data.step), b: NS.snap(state.b + dy * data.step, data.step) }));
    change({});
    return { root, state, run: runDescent, change };
  });
})(window);
