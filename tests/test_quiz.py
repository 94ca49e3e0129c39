"""What ``lab_utils.quiz.show_quiz`` displays (no browser needed).

The browser tests answer the quizzes on the built site; these check the
output's shape directly, so a change in jupyterquiz shows up here first.
"""

import json

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from lab_utils.quiz import QUIZ_CSS, read_questions, show_quiz

QUESTIONS = [
    {
        "question": "What is $\\sigma(0)$?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "0", "correct": False, "feedback": "No: $e^0 = 1$."},
            {"answer": "0.5", "correct": True, "feedback": "Yes."},
        ],
    }
]


@pytest.fixture
def quiz_file(tmp_path):
    path = tmp_path / "quiz.json"
    path.write_text(json.dumps(QUESTIONS, indent=2), encoding="utf-8")  # indented, as the chapters' quizzes
    return path


@pytest.fixture
def shell():
    """An IPython shell, as in Jupyter or a myst-nb build."""
    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()


def test_show_quiz_displays_html_then_a_deferred_accessible_script(shell, quiz_file):
    with capture_output() as captured:
        show_quiz(quiz_file)
    bundles = [output.data for output in captured.outputs]
    assert len(bundles) == 2
    html, script = bundles[0]["text/html"], bundles[1]["application/javascript"]
    container = html.split('<div id="', 1)[1].split('"', 1)[0]
    assert html.endswith(QUIZ_CSS)
    assert f'document.getElementById("{container}")' in script
    assert "courseQuizAccessible(container)" in script
    assert 'addEventListener("DOMContentLoaded"' in script
    assert "mathjax.startup.promise.then(drawQuiz)" in script
    assert '"0.5"' in script  # the questions themselves are embedded
    assert json.dumps(QUESTIONS) in script  # compactly, not as the file's indented text
    assert "#1e7b34" in html  # the accessible palette replaced jupyterquiz's


def test_show_quiz_rejects_a_missing_file(shell, tmp_path):
    with pytest.raises(ValueError, match="not found"):
        show_quiz(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[{", "not valid JSON"),
        ('{"question": "?"}', "JSON list of questions"),
        ('["a question"]', "JSON list of questions"),
    ],
)
def test_read_questions_rejects_what_is_not_a_list_of_questions(tmp_path, text, message):
    path = tmp_path / "quiz.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_questions(path)


def test_read_questions_returns_the_files_questions(quiz_file):
    assert read_questions(quiz_file) == QUESTIONS
