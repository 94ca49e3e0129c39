"""The website's shared quiz engine (``_ext/course_quiz.py``), without a Sphinx build.

The browser tests answer the quizzes on the built site; these check that the
engine cut out of each page is exactly jupyterquiz's and that what is left
still draws the quiz.
"""

import importlib.resources
import json
import sys
from pathlib import Path

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from lab_utils.quiz import read_questions, show_quiz

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
import course_quiz  # noqa: E402 - needs the path above

QUIZ = Path(__file__).resolve().parents[1] / "chapters" / "quizzes" / "regularization.json"


@pytest.fixture
def quiz_script():
    """The script ``show_quiz`` displays for a chapter's quiz, as a page's body holds it."""
    InteractiveShell.instance()  # show_quiz displays its output only under IPython
    try:
        with capture_output() as captured:
            show_quiz(QUIZ)
    finally:
        InteractiveShell.clear_instance()
    return captured.outputs[1].data["application/javascript"]


class FakeApp:
    """The two things ``load_shared_engine`` uses of a Sphinx application."""

    def __init__(self):
        self.scripts = []

    def add_js_file(self, filename, **attributes):
        self.scripts.append((filename, attributes))


def test_the_engine_is_jupyterquizs_js_files_in_its_order():
    js = importlib.resources.files("jupyterquiz").joinpath("js")
    files = sorted((f for f in js.iterdir() if f.name.endswith(".js")), key=lambda f: f.name)
    assert course_quiz.jupyterquiz_engine() == "".join(f.read_text(encoding="utf-8") for f in files)


def test_the_engine_file_carries_the_licence_and_the_engine():
    text = course_quiz.engine_script()
    assert "MIT License" in text and "John M. Shea" in text
    assert text.endswith(course_quiz.jupyterquiz_engine())
    assert text.index("*/") > text.index("SOFTWARE.")  # the notice is one closed comment


def test_sharing_cuts_the_engine_and_keeps_questions_and_call(quiz_script):
    engine = course_quiz.jupyterquiz_engine()
    body = f'<p>text</p><script type="application/javascript">{quiz_script}</script>'
    shared, removed = course_quiz.share_engine(body, engine)
    assert removed == 1
    assert "class Question" not in shared and "typeof Question" not in shared
    assert len(body) - len(shared) > 30_000  # the engine, about 37 KiB
    assert "show_questions(questions" in shared  # the call, for the shared engine
    assert "courseQuizAccessible(container)" in shared
    assert json.dumps(read_questions(QUIZ)) in shared  # the questions stay in the page


def test_a_page_with_a_quiz_loads_the_shared_engine(quiz_script):
    app = FakeApp()
    context = {"body": f"<script>{quiz_script}</script>"}
    course_quiz.load_shared_engine(app, "chapters/x", "page.html", context, None)
    assert course_quiz.jupyterquiz_engine() not in context["body"]
    assert app.scripts == [(course_quiz.ENGINE_FILE, {"defer": "defer"})]


def test_a_page_without_a_quiz_is_left_alone():
    app = FakeApp()
    context = {"body": "<p>no quiz here</p>"}
    course_quiz.load_shared_engine(app, "intro", "page.html", context, None)
    assert context == {"body": "<p>no quiz here</p>"} and app.scripts == []


def test_a_quiz_without_the_installed_engine_is_a_warning(quiz_script, caplog):
    app = FakeApp()
    engine = course_quiz.jupyterquiz_engine()
    body = f"<script>{quiz_script.replace(engine, engine.replace('function', 'function '))}</script>"
    context = {"body": body}
    with caplog.at_level("WARNING"):
        course_quiz.load_shared_engine(app, "chapters/x", "page.html", context, None)
    assert context["body"] == body and app.scripts == []
    assert "does not hold the installed jupyterquiz's engine" in caplog.text
