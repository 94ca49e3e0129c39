/* Live explorers: native, labelled controls and the live readout.

   A slider is a range input and a number input for the same value, both
   labelled; a choice is a <select>; a check box is a labelled checkbox; actions are <button>s. Everything works with
   the keyboard alone, and the readout is an aria-live region, so screen readers
   announce the numbers after each change. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});

  function node(tag, attrs, parent, text) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    if (parent) parent.appendChild(n);
    return n;
  }

  /**
   * A labelled slider with a number box. opts: id, label, min, max, step, value,
   * toValue / fromValue (map the range's position to the value, e.g. 10^x),
   * format (value -> text), numberStep. onChange(value) runs on every input.
   */
  function slider(parent, opts, onChange) {
    const row = node("div", { class: "lx-control" }, parent);
    node("label", { for: opts.id }, row, opts.label);
    const toValue = opts.toValue || ((x) => x);
    const fromValue = opts.fromValue || ((v) => v);
    const format = opts.format || ((v) => NS.fmt(v, 4));
    const range = node("input", { type: "range", id: opts.id, min: opts.min, max: opts.max, step: opts.step }, row);
    const number = node("input", {
      type: "number", id: opts.id + "-number", step: opts.numberStep || "any",
      "aria-label": opts.label + " (exact value)", class: "lx-number",
    }, row);
    if (opts.numberMin !== undefined) number.min = opts.numberMin;
    if (opts.numberMax !== undefined) number.max = opts.numberMax;
    const control = {
      range, number, value: opts.value,
      set(value, quiet) {
        control.value = value;
        range.value = String(fromValue(value));
        range.setAttribute("aria-valuetext", opts.label + " = " + format(value));
        if (document.activeElement !== number) number.value = String(value);
        if (!quiet) onChange(value);
      },
    };
    range.addEventListener("input", () => control.set(toValue(Number(range.value))));
    number.addEventListener("input", () => {
      const v = Number(number.value);
      if (number.value !== "" && Number.isFinite(v) && (!opts.valid || opts.valid(v))) control.set(v);
    });
    number.addEventListener("change", () => { number.value = String(control.value); });
    control.set(opts.value, true);
    return control;
  }

  /** A labelled <select>; options: [[value, text], ...]. */
  function choice(parent, opts, onChange) {
    const row = node("div", { class: "lx-control" }, parent);
    node("label", { for: opts.id }, row, opts.label);
    const select = node("select", { id: opts.id }, row);
    for (const [value, text] of opts.options) node("option", { value }, select, text);
    select.value = opts.value;
    select.addEventListener("change", () => onChange(select.value));
    return select;
  }

  /** A labelled check box; onChange(checked). */
  function checkbox(parent, opts, onChange) {
    const row = node("div", { class: "lx-control" }, parent);
    const box = node("input", { type: "checkbox", id: opts.id }, row);
    box.checked = !!opts.value;
    node("label", { for: opts.id }, row, opts.label);
    box.addEventListener("change", () => onChange(box.checked));
    return box;
  }

  function button(parent, label, onClick) {
    const b = node("button", { type: "button", class: "lx-button" }, parent, label);
    b.addEventListener("click", onClick);
    return b;
  }

  /** The aria-live readout: set(html-free text lines). */
  function readout(parent) {
    const box = node("div", { class: "lx-readout", "aria-live": "polite", role: "status" }, parent);
    return {
      box,
      set(lines, alert) {
        box.textContent = "";
        lines.forEach((line, i) => {
          const p = node("p", { class: i === lines.length - 1 && alert ? "lx-alert" : "" }, box);
          p.textContent = line;
        });
      },
    };
  }

  /**
   * Arrow keys on a focusable figure: onMove(dx, dy) with dx, dy in -1, 0, 1
   * (times 10 with Shift). Returns the handler attached.
   */
  function arrowKeys(target, onMove) {
    const handler = (event) => {
      const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      const f = event.shiftKey ? 10 : 1;
      onMove(move[0] * f, move[1] * f);
    };
    target.addEventListener("keydown", handler);
    return handler;
  }

  /** Pointer dragging on an SVG: onPoint(svgX, svgY) on press and on every move while pressed. */
  function drag(svg, onPoint) {
    let active = false;
    const at = (event) => { const p = NS.svg.pointer(svg, event); onPoint(p.x, p.y); };
    svg.addEventListener("pointerdown", (event) => {
      active = true;
      svg.setPointerCapture(event.pointerId);
      at(event);
    });
    svg.addEventListener("pointermove", (event) => { if (active) at(event); });
    const end = () => { active = false; };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
  }

  NS.controls = { node, slider, choice, checkbox, button, readout, arrowKeys, drag };
})(window);
