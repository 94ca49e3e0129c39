"""The labs in a real JupyterLab, in Chromium, as a learner on Binder would use them.

A JupyterLab server (this environment's ``jupyter-lab``) is started on a free
local port with a token, on a copy of ``labs/`` (so that JupyterLab's autosave
never touches the committed notebooks), and stopped at the end. Each lab is
opened with the file browser showing (JupyterLab's default), every cell is run,
and the test checks:

* no cell ends with an error output and no widget fails to show
  ("Error displaying widget");
* each explorer answers a slider step (a key press on its first slider) and a
  button press with a new picture;
* at a window 800 px wide (output column about 370 px) every slider's track is
  at least 80 px wide, every control lies inside the output column, and
  toggle buttons stay on one row.

Screenshots of each explorer at 1400 px and 800 px land in
``_build/screenshots/jupyterlab/`` (``SCREENSHOT_DIR`` moves ``_build/screenshots``).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import sitecheck

REPO = sitecheck.REPO_ROOT
LABS = sorted(path.name for path in (REPO / "labs").glob("*.ipynb"))
#: Labs holding an explorer, with the button the test presses ("" for none).
EXPLORERS = {
    "sigmoid_derivative_lab.ipynb": ("sigmoid", ""),
    "gradient_derivation_lab.ipynb": ("cost_surface", "Run gradient descent"),
    "feature_scaling_lab.ipynb": ("learning_rate", "z-score"),
    "regularization_lab.ipynb": ("regularization", ""),
    "minibatch_momentum_lab.ipynb": ("minibatch", "64"),
}
WIDE = {"width": 1400, "height": 900}
NARROW = {"width": 800, "height": 900}
#: Narrowest slider track that still works as a slider.
MIN_TRACK = 80


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """``(url, token)`` of a JupyterLab serving a copy of labs/; stopped afterwards."""
    root = tmp_path_factory.mktemp("jupyterlab")
    shutil.copytree(REPO / "labs", root / "labs")
    home = root / "home"
    home.mkdir()
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    # No news pop-up over the notebook.
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    # Every cell rendered (JupyterLab otherwise skips laying out cells out of sight,
    # and the test could not measure them); the layout of a rendered cell is the same.
    notebook = home / "settings" / "@jupyterlab" / "notebook-extension"
    notebook.mkdir(parents=True)
    (notebook / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    lab = Path(sys.executable).with_name("jupyter-lab")
    command = [str(lab), "--no-browser", f"--port={port}", "--ip=127.0.0.1",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.expose_app_in_browser=True", "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    log = (root / "server.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start:\n{(root / 'server.log').read_text()}")
                time.sleep(0.5)
        yield url, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def lab_screenshots():
    """``_build/screenshots/jupyterlab/``."""
    directory = sitecheck.screenshot_dir() / "jupyterlab"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


RUN_ALL_JS = """async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  await panel.sessionContext.ready;
  await app.commands.execute("notebook:run-all-cells");
}"""

#: True once every code cell has run and the kernel is idle.
FINISHED_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.sessionContext.session) { return false; }
  const status = panel.sessionContext.session.kernel.status;
  const cells = panel.content.widgets.filter(c => c.model.type === "code");
  return status === "idle" && cells.every(c => c.model.executionCount !== null
    && !c.node.querySelector(".jp-InputPrompt").textContent.includes("*"));
}"""

ERRORS_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const errors = [];
  panel.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== "code") { return; }
    for (let k = 0; k < cell.model.outputs.length; k++) {
      const output = cell.model.outputs.get(k).toJSON();
      if (output.output_type === "error") { errors.push(`cell ${i}: ${output.ename}: ${output.evalue}`); }
    }
  });
  return errors;
}"""

#: Geometry of the explorer's controls, relative to its output column.
LAYOUT_JS = """(output) => {
  const box = output.getBoundingClientRect();
  const rect = el => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width}; };
  const label = el => (el.querySelector(".widget-label") || el).textContent.trim() || el.className;
  const sliders = [...output.querySelectorAll(".widget-slider")].map(s => ({
    name: label(s), track: rect(s.querySelector(".noUi-target, .slider-container") || s).width,
    readout: s.querySelector(".widget-readout") ? rect(s.querySelector(".widget-readout")) : null,
  }));
  const controls = [...output.querySelectorAll(
      ".widget-slider, .widget-button, .widget-toggle-button, .widget-readout, .widget-label, .widget-html")]
    .filter(el => el.offsetParent !== null)
    .map(el => ({name: el.textContent.trim().slice(0, 40) || el.className, ...rect(el),
                 // text cut short inside its box (buttons, labels and readouts clip with an ellipsis)
                 scroll: el.scrollWidth > el.clientWidth + 1 && !el.classList.contains("widget-slider")
                         && !el.classList.contains("widget-html")}));
  const toggles = [...output.querySelectorAll(".widget-toggle-button")].map(el => rect(el).top);
  return {box: rect(output), sliders, controls, toggles};
}"""


def _images(output):
    return output.evaluate("o => [...o.querySelectorAll('img')].map(i => i.src)")


def _wait_for_new_picture(output, before, what):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if _images(output) != before:
            return
        time.sleep(0.1)
    pytest.fail(f"the explorer's picture did not change after {what}")


@pytest.mark.parametrize("lab", LABS)
def test_lab_runs_in_jupyterlab(lab, jupyterlab, browser, lab_screenshots):
    url, token = jupyterlab
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    try:
        # a workspace of its own, reset: only this lab is open, with the default layout
        page.goto(f"{url}/lab/workspaces/{Path(lab).stem}/tree/labs/{lab}?reset&token={token}",
                  wait_until="domcontentloaded")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
                               "&& window.jupyterapp.shell.currentWidget.sessionContext",
                               timeout=90_000)
        page.evaluate(RUN_ALL_JS)
        page.wait_for_function(FINISHED_JS, timeout=150_000, polling=500)
        errors = page.evaluate(ERRORS_JS)
        assert not errors, f"{lab}: error outputs: {errors}"
        assert "Error displaying widget" not in page.inner_text("body")
        if lab not in EXPLORERS:
            page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
            return
        name, button = EXPLORERS[lab]
        notebook = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        output = notebook.locator(".jp-OutputArea-output").filter(has=page.locator(".widget-slider")).first
        output.evaluate("o => o.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        output.screenshot(path=str(lab_screenshots / f"{name}-1400.png"))

        # a slider step (keyboard, as a learner might) and a button press each draw a new picture
        before = _images(output)
        assert before, f"{lab}: the explorer shows no picture"
        output.locator(".noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")
        _wait_for_new_picture(output, before, "a slider step")
        if button:
            before = _images(output)
            output.get_by_role("button", name=button).click()
            _wait_for_new_picture(output, before, f"pressing {button!r}")

        page.set_viewport_size(NARROW)
        assert page.locator("#filebrowser").is_visible(), "the file browser should be open"
        page.wait_for_timeout(800)
        output.evaluate("o => o.scrollIntoView({block: 'start'})")
        output.screenshot(path=str(lab_screenshots / f"{name}-800.png"))
        layout = output.evaluate(LAYOUT_JS)
        box = layout["box"]
        short = [s for s in layout["sliders"] if s["track"] < MIN_TRACK]
        assert not short, f"{lab}: slider tracks under {MIN_TRACK} px in a {box['width']:.0f} px output: {short}"
        cut = [c["name"] for c in layout["controls"] if c["right"] > box["right"] + 1 or c["scroll"]]
        assert not cut, f"{lab}: controls cut off at the right of a {box['width']:.0f} px output: {cut}"
        assert len(set(layout["toggles"])) <= 1, f"{lab}: toggle buttons wrap onto several rows"
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
    except Exception:
        page.screenshot(path=str(lab_screenshots / f"failed-{Path(lab).stem}.png"), full_page=True)
        raise
    finally:
        context.close()


#: What a lab's stored outputs show before anything runs: broken pictures and widget errors.
UNRUN_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const outputs = [...panel.node.querySelectorAll(".jp-OutputArea-output")];
  return {
    outputs: outputs.length,
    broken: [...panel.node.querySelectorAll(".jp-OutputArea-output img")]
      .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => (i.alt || i.src).slice(0, 60)),
    widgetErrors: outputs.filter(o => /Error displaying widget|Loading widget/.test(o.textContent)).length,
    pictures: [...panel.node.querySelectorAll(".jp-OutputArea-output img")].filter(i => i.naturalWidth > 0).length,
    // an explorer's stored output: its still picture, shown where the live widget cannot be
    explorerPictures: [...panel.node.querySelectorAll(".jp-OutputArea-output .live-explorer img, "
      + ".jp-OutputArea-output .lab-explorer-static img")].filter(i => i.naturalWidth > 0).length,
  };
}"""


@pytest.mark.parametrize("lab", LABS)
def test_stored_outputs_look_intentional_before_anything_runs(lab, jupyterlab, browser):
    url, token = jupyterlab
    context = browser.new_context(viewport=WIDE)
    page = context.new_page()
    try:
        page.goto(f"{url}/lab/workspaces/unrun-{Path(lab).stem}/tree/labs/{lab}?reset&token={token}",
                  wait_until="domcontentloaded")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget "
                               "&& window.jupyterapp.shell.currentWidget.sessionContext",
                               timeout=90_000)
        page.evaluate("async () => { await window.jupyterapp.shell.currentWidget.sessionContext.ready; }")
        time.sleep(3)  # the widget manager gives up on unknown models once the kernel is ready
        seen = page.evaluate(UNRUN_JS)
        assert seen["outputs"] > 0, seen
        assert not seen["broken"], f"{lab}: broken pictures before running: {seen}"
        assert seen["widgetErrors"] == 0, f"{lab}: widget placeholders or errors before running: {seen}"
        assert seen["pictures"] > 0, seen
        if lab in EXPLORERS:
            assert seen["explorerPictures"] >= 1, f"{lab}: the explorer's still picture is missing: {seen}"
    finally:
        context.close()
