/* Live explorers: drawing in SVG (scales, axes, lines, points, contours).

   Plain SVG: a few hundred elements per explorer, updated by changing their
   attributes. Colours come from CSS classes (explorers.css), so dark mode only
   changes the style sheet. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs, parent) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  /** A linear (or, with log: true, logarithmic) map from [d0, d1] to [r0, r1]. */
  function scale(d0, d1, r0, r1, log) {
    const t = log ? Math.log10 : (v) => v;
    const a = t(d0);
    const span = t(d1) - a;
    const s = (v) => r0 + ((t(v) - a) / span) * (r1 - r0);
    s.domain = [d0, d1];
    s.range = [r0, r1];
    s.log = !!log;
    s.invert = (px) => {
      const u = a + ((px - r0) / (r1 - r0)) * span;
      return log ? Math.pow(10, u) : u;
    };
    return s;
  }

  /** About `count` round tick values in [lo, hi] (decades on a log axis). */
  function ticks(lo, hi, count, log) {
    if (log) {
      const out = [];
      for (let e = Math.ceil(Math.log10(lo)); e <= Math.floor(Math.log10(hi)); e++) out.push(Math.pow(10, e));
      return out;
    }
    const raw = (hi - lo) / (count || 5);
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw);
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }

  function tickLabel(v, log) {
    if (log) {
      const e = Math.round(Math.log10(v));
      return e >= -2 && e <= 3 ? NS.fmt(v, 3) : "1e" + e;
    }
    return NS.fmt(v, 4);
  }

  /**
   * An SVG panel with axes: {svg, plot (clipped group), x, y (scales), frame}.
   * opts: width, height, margin {l, r, t, b}, x: [lo, hi], y: [lo, hi], logY,
   * xlabel, ylabel, title, label (accessible name), clipId; xticks and xtickFormat (value -> text)
   * choose the x ticks and their labels.
   */
  function panel(parent, opts) {
    const W = opts.width || 320;
    const H = opts.height || 240;
    const m = Object.assign({ l: 46, r: 10, t: 22, b: 36 }, opts.margin || {});
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, class: "lx-svg", role: opts.role || "img", "aria-label": opts.label }, parent);
    const frame = { l: m.l, r: W - m.r, t: m.t, b: H - m.b };
    const p = { svg, frame, width: W, height: H };
    p.axes = el("g", { class: "lx-axes" }, svg);
    const clip = el("clipPath", { id: opts.clipId }, svg);
    el("rect", { x: frame.l, y: frame.t, width: frame.r - frame.l, height: frame.b - frame.t }, clip);
    p.plot = el("g", { "clip-path": `url(#${opts.clipId})` }, svg);
    p.over = el("g", {}, svg);
    if (opts.title) el("text", { x: (frame.l + frame.r) / 2, y: 14, class: "lx-title", "text-anchor": "middle" }, svg).textContent = opts.title;
    setAxes(p, opts);
    return p;
  }

  /** (Re)draw the axes of a panel for new limits. */
  function setAxes(p, opts) {
    const { frame } = p;
    p.x = scale(opts.x[0], opts.x[1], frame.l, frame.r, false);
    p.y = scale(opts.y[0], opts.y[1], frame.b, frame.t, !!opts.logY);
    const g = p.axes;
    while (g.firstChild) g.removeChild(g.firstChild);
    el("rect", { x: frame.l, y: frame.t, width: frame.r - frame.l, height: frame.b - frame.t, class: "lx-frame" }, g);
    const xLabel = opts.xtickFormat || ((v) => tickLabel(v, false));
    for (const v of opts.xticks || ticks(opts.x[0], opts.x[1], opts.nx || 5, false)) {
      const px = p.x(v);
      el("line", { x1: px, x2: px, y1: frame.b, y2: frame.b + 4, class: "lx-tick" }, g);
      el("text", { x: px, y: frame.b + 14, "text-anchor": "middle", class: "lx-ticklabel" }, g).textContent = xLabel(v);
    }
    for (const v of ticks(opts.y[0], opts.y[1], opts.ny || 5, !!opts.logY)) {
      const py = p.y(v);
      el("line", { x1: frame.l - 4, x2: frame.l, y1: py, y2: py, class: "lx-tick" }, g);
      el("text", { x: frame.l - 6, y: py + 3.5, "text-anchor": "end", class: "lx-ticklabel" }, g).textContent = tickLabel(v, !!opts.logY);
    }
    if (opts.xlabel) el("text", { x: (frame.l + frame.r) / 2, y: frame.b + 30, "text-anchor": "middle", class: "lx-axislabel" }, g).textContent = opts.xlabel;
    if (opts.ylabel) {
      const cy = (frame.t + frame.b) / 2;
      el("text", { x: 12, y: cy, transform: `rotate(-90 12 ${cy})`, "text-anchor": "middle", class: "lx-axislabel" }, g).textContent = opts.ylabel;
    }
  }

  /** A coordinate for a path's "d", to 0.1 of a unit (as toFixed(1), three times faster, without a trailing ".0"). */
  function coordinate(v) {
    return Math.round(v * 10) / 10;
  }

  /**
   * Points of a polyline closer than this (in x and in y, in SVG units) to the last point kept
   * are left out by pathData: the line drawn then stays within 0.15 of the full one, about
   * 0.2 CSS pixels at the explorers' sizes, the same order as rounding to 0.1.
   */
  const PATH_TOLERANCE = 0.1;

  /**
   * The "d" of a polyline through n points whose pixel coordinates are px(i), py(i). The first
   * and the last point are always kept; a point within PATH_TOLERANCE of the last one kept adds
   * nothing visible and is left out, so a descent that settles draws its thousand steps in a
   * few dozen points.
   */
  function pathData(n, px, py) {
    let d = "";
    let lastX = 0;
    let lastY = 0;
    for (let i = 0; i < n; i++) {
      const x = clamp(px(i));
      const y = clamp(py(i));
      if (i > 0 && i < n - 1 && Math.abs(x - lastX) < PATH_TOLERANCE && Math.abs(y - lastY) < PATH_TOLERANCE) continue;
      d += (i ? "L" : "M") + coordinate(x) + "," + coordinate(y);
      lastX = x;
      lastY = y;
    }
    return d;
  }

  /** Keep far-away points (a diverging path) finite for SVG; the clip path hides them. */
  function clamp(v) {
    return Number.isFinite(v) ? Math.max(-1e5, Math.min(1e5, v)) : 1e5;
  }

  /**
   * Contour lines computed in Python (lab_utils.explorers.live.contour_lines):
   * each level holds lines of coordinates normalised to the extent, times 10000.
   */
  function contours(group, levels, sx, sy, extent) {
    const [x0, x1, y0, y1] = extent;
    const toX = (u) => sx(x0 + (u / 10000) * (x1 - x0));
    const toY = (u) => sy(y0 + (u / 10000) * (y1 - y0));
    levels.forEach((level, index) => {
      let d = "";
      let best = null;
      for (const line of level.lines) {
        for (let i = 0; i < line.length; i += 2) d += (i ? "L" : "M") + coordinate(toX(line[i])) + "," + coordinate(toY(line[i + 1]));
        if (!best || line.length > best.length) best = line;
      }
      el("path", { d, class: "lx-contour", style: `--lx-c-light:${level.light};--lx-c-dark:${level.dark}` }, group);
      if (best && index % 2 === 0 && best.length >= 8) {
        const mid = 2 * Math.floor(best.length / 4);
        el("text", { x: toX(best[mid]), y: toY(best[mid + 1]), class: "lx-contour-label", "text-anchor": "middle" }, group).textContent = NS.fmt(level.level, 2);
      }
    });
  }

  /** SVG coordinates of a pointer event over `svg`. */
  function pointer(svg, event) {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    return point.matrixTransform(svg.getScreenCTM().inverse());
  }

  /**
   * Marching squares: the line where a grid of values crosses `level`, as segments.
   * `values` holds nx * ny numbers, row by row (index i + nx * j for column i, row j). Returns
   * a flat array [i0, j0, i1, j1, ...] of segment ends in grid units (fractional i, j), found by
   * linear interpolation along the cell edges; a saddle cell is split by its centre's value.
   */
  function isoline(values, nx, ny, level) {
    const out = [];
    const at = (i, j) => values[i + nx * j] - level;
    for (let j = 0; j + 1 < ny; j++) {
      for (let i = 0; i + 1 < nx; i++) {
        const a = at(i, j); const b = at(i + 1, j); const c = at(i + 1, j + 1); const d = at(i, j + 1);
        const code = (a > 0 ? 1 : 0) | (b > 0 ? 2 : 0) | (c > 0 ? 4 : 0) | (d > 0 ? 8 : 0);
        if (code === 0 || code === 15) continue;
        // where the line crosses each edge: bottom (a-b), right (b-c), top (d-c), left (a-d)
        const edge = [
          () => [i + a / (a - b), j], () => [i + 1, j + b / (b - c)],
          () => [i + d / (d - c), j + 1], () => [i, j + a / (a - d)],
        ];
        const pairs = {
          1: [[3, 0]], 2: [[0, 1]], 3: [[3, 1]], 4: [[1, 2]], 6: [[0, 2]], 7: [[3, 2]], 8: [[2, 3]],
          9: [[2, 0]], 11: [[2, 1]], 12: [[1, 3]], 13: [[1, 0]], 14: [[0, 3]],
        };
        let segments = pairs[code];
        if (code === 5 || code === 10) {
          const centre = (a + b + c + d) / 4 > 0;
          segments = (code === 5) === centre ? [[3, 2], [1, 0]] : [[3, 0], [1, 2]];
        }
        for (const [e0, e1] of segments) out.push(...edge[e0](), ...edge[e1]());
      }
    }
    return out;
  }

  NS.svg = { el, scale, ticks, panel, setAxes, pathData, contours, pointer, clamp, isoline };
})(window);
