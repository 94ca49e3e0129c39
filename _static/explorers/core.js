/* Live explorers: the registry that finds explorers on the page and starts them.

   Every explorer on a page is a root element <div class="live-explorer"
   data-explorer="NAME"> written by the course's Sphinx extension (or stored in a
   lab's output by lab_utils' show_* functions). It holds its data as JSON in
   <script type="application/json" class="live-explorer-data"> and a static
   picture (its <figure>, with alt text) for readers without
   JavaScript. Each explorer file calls CourseExplorers.register(NAME, mount);
   once the page has loaded, mount(root, data) builds the live explorer and the
   picture is hidden.

   Classic scripts (not ES modules): modules are blocked on file:// pages. */
(function (global) {
  "use strict";
  const NS = (global.CourseExplorers = global.CourseExplorers || {});
  const mounts = {};
  NS.instances = [];

  /** Register the function that builds the explorer called `name`. */
  NS.register = function (name, mount) {
    mounts[name] = mount;
    if (document.readyState === "complete") NS.mountAll();
  };

  /** Format like Python's f"{value:.{digits}g}" (what lab_utils.fmt prints). */
  NS.fmt = function (value, digits) {
    const d = digits || 4;
    if (!Number.isFinite(value)) return String(value);
    if (value === 0) return "0";
    const [mantissa, power] = value.toExponential(d - 1).split("e");
    const exponent = parseInt(power, 10);
    const trim = (s) => (s.includes(".") ? s.replace(/\.?0+$/, "") : s);
    if (exponent < -4 || exponent >= d) {
      const sign = exponent < 0 ? "-" : "+";
      return trim(mantissa) + "e" + sign + String(Math.abs(exponent)).padStart(2, "0");
    }
    const text = trim(value.toFixed(Math.max(0, d - 1 - exponent)));
    return text === "-0" ? "0" : text;
  };

  /** `value` rounded to a multiple of `step`, without float dust (0.30000000000000004). */
  NS.snap = function (value, step) {
    return Number((Math.round(value / step) * step).toFixed(10));
  };

  /** Break `text` into lines of at most about `width` characters (for SVG text). */
  NS.wrap = function (text, width) {
    const lines = [];
    let line = "";
    for (const word of text.split(" ")) {
      if (line && line.length + word.length + 1 > width) { lines.push(line); line = word; } else { line = line ? line + " " + word : word; }
    }
    if (line) lines.push(line);
    return lines;
  };

  /** Numbers stored as little-endian float64 bytes in base64 (lab_utils.explorers.live.float64_base64). */
  NS.float64s = function (text) {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    const out = new Float64Array(bytes.length / 8);
    for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
    return out;
  };

  /**
   * Jobs run one per idle period (requestIdleCallback, or a timer where it is missing):
   * queue.run(jobs, expectedMs) drops the jobs not run yet and takes the new ones. Job k starts
   * only when the idle period has room for expectedMs(k) (0 by default), and neither it nor any
   * later job runs if that exceeds any idle period (IDLE_PERIOD_MS): it would hold up the reader's
   * next input.
   *
   * The first job waits for the next animation frame: the change that queued the jobs is drawn
   * first. An idle period that began before the change (up to IDLE_PERIOD_MS long when the page
   * had been still) does not end when a frame is asked for, so a job started in it would hold
   * up the very frame that shows the change.
   */
  const IDLE_PERIOD_MS = 50; // the longest idle period a browser grants
  NS.idleQueue = function () {
    const idle = global.requestIdleCallback || ((job) => setTimeout(job, 30));
    const cancel = global.cancelIdleCallback || clearTimeout;
    let pending = 0;
    let frame = 0;
    let jobs = [];
    let next = 0; // the index of the next job to run
    let expected = () => 0;
    const work = (deadline) => {
      if (next >= jobs.length) return;
      const cost = expected(next);
      if (deadline && cost >= IDLE_PERIOD_MS) return;
      if (!deadline || deadline.timeRemaining() > cost) jobs[next++]();
      pending = idle(work);
    };
    return {
      run(newJobs, expectedMs = () => 0) {
        cancel(pending);
        cancelAnimationFrame(frame);
        jobs = newJobs.slice();
        next = 0;
        expected = expectedMs;
        frame = requestAnimationFrame(() => { pending = idle(work); });
      },
    };
  };

  /** Mirror a state object in the root's data-* attributes (the testing contract). */
  NS.mirror = function (root, state) {
    for (const [key, value] of Object.entries(state)) {
      const name = "data-" + key.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase());
      root.setAttribute(name, typeof value === "number" ? String(value) : String(value));
    }
  };

  /** Build every explorer of the page that is not built yet. */
  NS.mountAll = function () {
    for (const root of document.querySelectorAll(".live-explorer[data-explorer]")) {
      if (root.dataset.live === "true") continue;
      const mount = mounts[root.dataset.explorer];
      const script = root.querySelector("script.live-explorer-data");
      if (!mount || !script) continue;
      const data = JSON.parse(script.textContent);
      const fallback = root.querySelector(":scope > figure");
      const app = document.createElement("div");
      app.className = "lx-app";
      root.appendChild(app);
      NS.instances.push(mount(root, app, data));
      if (fallback) fallback.hidden = true;
      root.dataset.live = "true";
    }
  };

  // Deferred scripts run one by one, and timers may run between them: mount once they all
  // have (DOMContentLoaded), or at load, or at once for scripts added to a finished page.
  if (document.readyState === "complete") {
    setTimeout(NS.mountAll, 0);
  } else {
    document.addEventListener("DOMContentLoaded", NS.mountAll);
    global.addEventListener("load", NS.mountAll);
  }
})(window);
