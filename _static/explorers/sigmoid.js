/* Live explorers: the sigmoid, its slope and the tangent at z.

   State mirrored on the root: data-z, data-sigma, data-slope. Data (from
   lab_utils.explorers.live): z_range, step, tangent_half_width, start {z}. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const { el, panel, pathData } = NS.svg;
  const C = NS.controls;
  const M = NS.maths;

  NS.register("sigmoid", function (root, app, data) {
    const id = root.id;
    const [zLo, zHi] = data.z_range;
    const half = data.tangent_half_width;
    const controls = C.node("div", { class: "lx-controls" }, app);
    const figure = C.node("div", { class: "lx-panels" }, app);
    const p = panel(figure, {
      width: 480, height: 260, x: [zLo, zHi], y: [-0.1, 1.1], xlabel: "z", ylabel: "value",
      title: "The sigmoid, its slope and the tangent line", clipId: id + "-clip",
      label: "The sigmoid and its derivative, with the tangent at the chosen z",
    });
    p.svg.classList.add("lx-wide", "lx-draggable");
    const curve = (f) => {
      const n = 241;
      const z = (i) => zLo + ((zHi - zLo) * i) / (n - 1);
      return pathData(n, (i) => p.x(z(i)), (i) => p.y(f(z(i))));
    };
    el("line", { x1: p.x(zLo), x2: p.x(zHi), y1: p.y(0.5), y2: p.y(0.5), class: "lx-guide" }, p.plot);
    el("path", { d: curve(M.sigmoid), class: "lx-line lx-blue lx-thick" }, p.plot);
    el("path", { d: curve(M.sigmoidDerivative), class: "lx-line lx-orange lx-thick" }, p.plot);
    const guide = el("line", { class: "lx-guide" }, p.plot);
    const tangent = el("line", { class: "lx-line lx-vermillion lx-dashed" }, p.plot);
    const point = el("circle", { r: 5.5, class: "lx-point lx-fill-blue" }, p.plot);
    const slopePoint = el("circle", { r: 5.5, class: "lx-point lx-fill-orange" }, p.plot);
    const legend = el("g", { class: "lx-legend" }, p.over);
    [["lx-blue", "\u03c3(z)"], ["lx-orange", "\u03c3\u2032(z) = \u03c3(z)(1 \u2212 \u03c3(z))"],
      ["lx-vermillion lx-dashed", "tangent line at z"]].forEach(([cls, text], i) => {
      const y = p.frame.t + 12 + 14 * i;
      el("line", { x1: p.frame.l + 8, x2: p.frame.l + 30, y1: y, y2: y, class: "lx-line " + cls }, legend);
      el("text", { x: p.frame.l + 35, y: y + 4, class: "lx-legend-text" }, legend).textContent = text;
    });
    const readout = C.readout(app);

    const state = { z: data.start.z, sigma: 0, slope: 0 };
    function update(z) {
      state.z = Math.min(zHi, Math.max(zLo, z));
      state.sigma = M.sigmoid(state.z);
      state.slope = M.sigmoidDerivative(state.z);
      const za = state.z - half;
      const zb = state.z + half;
      tangent.setAttribute("x1", p.x(za));
      tangent.setAttribute("x2", p.x(zb));
      tangent.setAttribute("y1", p.y(state.sigma + state.slope * (za - state.z)));
      tangent.setAttribute("y2", p.y(state.sigma + state.slope * (zb - state.z)));
      for (const [attr, v] of [["x1", p.x(state.z)], ["x2", p.x(state.z)], ["y1", p.y(-0.1)], ["y2", p.y(1.1)]]) guide.setAttribute(attr, v);
      point.setAttribute("cx", p.x(state.z));
      point.setAttribute("cy", p.y(state.sigma));
      slopePoint.setAttribute("cx", p.x(state.z));
      slopePoint.setAttribute("cy", p.y(state.slope));
      zSlider.set(state.z, true);
      const f = NS.fmt;
      readout.set([`z = ${f(state.z, 3)}: \u03c3(z) = ${f(state.sigma, 4)}, slope \u03c3\u2032(z) = ` +
        `\u03c3(z)(1 \u2212 \u03c3(z)) = ${f(state.slope, 4)}.`]);
      p.svg.setAttribute("aria-valuenow", state.z);
      p.svg.setAttribute("aria-valuetext", `z = ${f(state.z, 3)}, sigma = ${f(state.sigma, 4)}, slope = ${f(state.slope, 4)}`);
      NS.mirror(root, state);
    }
    const zSlider = C.slider(controls, {
      id: id + "-z", label: "z", min: zLo, max: zHi, step: data.step, value: state.z,
      numberMin: zLo, numberMax: zHi, valid: (v) => v >= zLo && v <= zHi,
    }, update);
    // Drag on the figure, or focus it and use the arrow keys.
    p.svg.setAttribute("tabindex", "0");
    p.svg.setAttribute("role", "slider");
    p.svg.setAttribute("aria-valuemin", zLo);
    p.svg.setAttribute("aria-valuemax", zHi);
    p.svg.setAttribute("aria-label", "z on the figure of the sigmoid, its derivative and the tangent: " +
      "drag across the figure, or use the left and right arrow keys");
    C.drag(p.svg, (x) => update(NS.snap(p.x.invert(x), data.step)));
    C.arrowKeys(p.svg, (dx) => update(NS.snap(state.z + dx * data.step, data.step)));
    update(state.z);
    return { root, update, state };
  });
})(window);
