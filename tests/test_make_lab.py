"""``make lab`` starts JupyterLab on this checkout: it serves the labs, and the widgets extension with them.

The test starts the server exactly as ``make lab`` does (``tools/lab.py``), with
``--no-browser``, a free port and a token, asks it for the labs over its HTTP API,
and stops it.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
LABS = sorted((REPO / "labs").glob("*.ipynb"))
TOKEN = "make-lab-test"
WIDGETS = "@jupyter-widgets/jupyterlab-manager"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url, final_url=False):
    """Status and body (and, with ``final_url``, the URL after redirects) of a GET with the test's token."""
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            result = response.status, response.read().decode("utf-8"), response.geturl()
    except urllib.error.HTTPError as error:
        result = error.code, "", url
    return result if final_url else result[:2]


@pytest.fixture(scope="module")
def lab_server(tmp_path_factory):
    """JupyterLab started by tools/lab.py; yields its base URL."""
    home = tmp_path_factory.mktemp("jupyter")
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_CONFIG_DIR": str(home / "config"),
           }
    port = free_port()
    process = subprocess.Popen([sys.executable, str(REPO / "tools" / "lab.py"), "--no-browser", f"--port={port}",
                                "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}"],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {process.returncode}:\n{process.stdout.read()[-3000:]}")
            try:
                if get(f"{base}/api/status")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 120 s")
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_server_serves_every_lab_as_a_notebook(lab_server):
    assert LABS
    for lab in LABS:
        status, body = get(f"{lab_server}/api/contents/labs/{lab.name}?content=1")
        assert status == 200, f"{lab.name}: HTTP {status}"
        model = json.loads(body)
        assert model["type"] == "notebook"
        served = [cell["source"] for cell in model["content"]["cells"]]
        assert served == [cell.source for cell in nbformat.read(lab, as_version=4).cells]


def test_the_lab_page_opens_on_the_labs_folder_with_the_widgets_extension(lab_server):
    status, page, opened = get(f"{lab_server}/", final_url=True)
    assert status == 200 and opened == f"{lab_server}/lab/tree/labs", f"{lab_server}/ opens {opened}"
    config = json.loads(re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                                  page, re.S).group(1))
    widgets = [ext for ext in config["federated_extensions"] if ext["name"] == WIDGETS]
    assert widgets, f"{WIDGETS} is not among {[ext['name'] for ext in config['federated_extensions']]}"
    entry = f"{lab_server}{config['fullLabextensionsUrl']}/{WIDGETS}/{widgets[0]['load']}"
    assert get(entry)[0] == 200, f"the widgets extension's code is not served at {entry}"
    # the root is the repository: the chapters' notebooks open too
    assert get(f"{lab_server}/api/contents/chapters")[0] == 200
