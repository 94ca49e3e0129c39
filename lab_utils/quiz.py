"""Quizzes that answer on the page, on the static website and in Jupyter.

:func:`show_quiz` displays a jupyterquiz quiz and fixes, at the source, what
jupyterquiz alone gets wrong on the website (the browser tests check each):

* it waits for the page (and MathJax, when the page loads it) before drawing
  the quiz, so jupyterquiz never finds a half-loaded MathJax and never fetches
  a second copy from a CDN;
* each multiple-choice answer is a keyboard-operable button (``role="button"``,
  in the tab order, answered with Enter or Space), feedback is announced
  (``aria-live``) and the numeric box has a proper ``<label>`` (Enter submits);
* colours meet WCAG AA contrast on a light and on a dark page: the quiz
  draws its own light card instead of relying on the page background.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

__all__ = ["read_questions", "show_quiz"]

# jupyterquiz's palette with darker "many choice", "correct" and "incorrect"
# colours: white text on them, and they as text on the quiz card, reach 4.5:1.
QUIZ_COLORS = {
    "--jq-many-choice-bg": "#b34100",
    "--jq-correct-color": "#1e7b34",
    "--jq-incorrect-color": "#b00020",
    "--jq-numeric-input-label": "#1a1a1a",
    "--jq-numeric-input-bg": "#ffffff",
}

QUIZ_CSS = """<style>
.Quiz { background: #f6f4fa; color: #1a1a1a; padding: 8px; }
.Quiz .MCButton:focus-visible { outline: 3px solid #1a56db; outline-offset: 2px; }
.Quiz .Input-text:not(.correctButton):not(.incorrectButton) { color: #1a1a1a; border: 1px solid #6b6b6b; }
.Quiz .Input-text:focus-visible { outline: 3px solid #1a56db; outline-offset: 2px; }
</style>"""

# Runs once the quiz is drawn: makes it keyboard- and screen-reader-friendly.
ACCESSIBILITY_JS = r"""
/* Linear text of an element whose maths MathJax typeset, e.g. "σ(z)^2". */
function plainText(node) {
  if (node.nodeType === Node.TEXT_NODE) { return node.textContent; }
  if (node.localName === "mjx-container") {
    var math = node.querySelector("mjx-assistive-mml math");
    return math ? plainText(math) : "";
  }
  var parts = Array.from(node.childNodes).map(plainText);
  var group = function (part) { return part.length > 1 ? "(" + part + ")" : part; };
  switch (node.localName) {
    case "msup": return parts[0] + "^" + group(parts[1]);
    case "msub": return parts[0] + "_" + group(parts[1]);
    case "msubsup": return parts[0] + "_" + group(parts[1]) + "^" + group(parts[2]);
    case "mfrac": return group(parts[0]) + "/" + group(parts[1]);
    case "msqrt": return "sqrt(" + parts.join("") + ")";
    default: return parts.join("");
  }
}

function courseQuizAccessible(container) {
  container.querySelectorAll("label.MCButton").forEach(function (answer) {
    answer.setAttribute("role", "button");
    answer.tabIndex = 0;
    var radio = answer.querySelector("input");
    if (radio) { radio.disabled = true; }  /* the answer itself takes the focus */
    var maths = answer.querySelectorAll("mjx-container");
    if (maths.length) {  /* typeset maths: name the button by its text, keep one tab stop */
      maths.forEach(function (math) { math.tabIndex = -1; });
      answer.setAttribute("aria-label", plainText(answer).replace(/\s+/g, " ").trim());
    }
    answer.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        answer.click();
      }
    });
  });
  container.querySelectorAll(".Answer label.InpLabel").forEach(function (label) {
    var box = label.parentElement.querySelector("input.Input-text");
    if (box) { label.htmlFor = box.id; }
  });
  container.querySelectorAll(".Feedback").forEach(function (feedback) {
    feedback.setAttribute("aria-live", "polite");
  });
}
"""

# Wraps jupyterquiz's script (``__QUIZ__``) so it runs after the page and
# MathJax are ready; then applies courseQuizAccessible once the quiz exists.
DEFERRED_JS = """(function () {
__ACCESSIBILITY__
  function drawQuiz() {
__QUIZ__
    var tries = 0;
    (function improve() {
      var container = document.getElementById("__ID__");
      if (container && container.querySelector(".Quiz")) {
        courseQuizAccessible(container);
      } else if (tries++ < 50) {
        setTimeout(improve, 100);
      }
    })();
  }
  function whenMathJaxReady() {
    var mathjax = window.MathJax;
    if (mathjax && mathjax.startup && mathjax.startup.promise) {
      mathjax.startup.promise.then(drawQuiz);
    } else {
      drawQuiz();
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", whenMathJaxReady);
  } else {
    whenMathJaxReady();
  }
})();
"""


def _container_id(html):
    """Return the id of the quiz's container ``<div>`` in jupyterquiz's HTML."""
    match = re.search(r'<div id="([A-Za-z0-9_-]+)"', html)
    if match is None:
        raise RuntimeError("jupyterquiz's output changed: no container <div id=...> found")
    return match.group(1)


def deferred_quiz_script(quiz_js, container_id):
    """Wrap jupyterquiz's script so it waits for the page and adds accessibility.

    Parameters
    ----------
    quiz_js : str
        The JavaScript that ``jupyterquiz.display_quiz`` displays.
    container_id : str
        The id of the quiz's container ``<div>``.

    Returns
    -------
    str
        JavaScript to display instead of ``quiz_js``.
    """
    return (
        DEFERRED_JS.replace("__ACCESSIBILITY__", ACCESSIBILITY_JS)
        .replace("__ID__", container_id)
        .replace("__QUIZ__", quiz_js)
    )


def read_questions(path):
    """Read a quiz's questions from a JSON file in jupyterquiz's format.

    Parameters
    ----------
    path : str or pathlib.Path
        The quiz file.

    Returns
    -------
    list of dict
        The questions, as jupyterquiz takes them.

    Raises
    ------
    ValueError
        If the file is missing, is not JSON, or does not hold a list of questions.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"quiz file {str(path)!r} not found (current directory: {Path.cwd()})")
    try:
        questions = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"quiz file {str(path)!r} is not valid JSON: {exc}") from exc
    if not isinstance(questions, list) or not all(isinstance(q, dict) for q in questions):
        raise ValueError(f"quiz file {str(path)!r} must hold a JSON list of questions (objects)")
    return questions


def show_quiz(path, **options):
    """Display a jupyterquiz quiz stored as JSON.

    The questions are handed to jupyterquiz as a list, so the output embeds
    them as compact JSON (one line) rather than the file's indented text.

    Parameters
    ----------
    path : str or pathlib.Path
        JSON file in jupyterquiz's format (``type`` ``many_choice`` or
        ``numeric``, every answer with ``feedback``).
    **options
        Passed to :func:`jupyterquiz.display_quiz`.
    """
    from IPython import get_ipython
    from IPython.display import HTML, Javascript, display
    from IPython.utils.capture import capture_output
    from jupyterquiz import display_quiz

    questions = read_questions(path)
    options = {"shuffle_answers": False, "colors": QUIZ_COLORS, **options}
    if get_ipython() is None:  # plain Python: nothing renders HTML anyway
        display_quiz(questions, **options)
        return
    with capture_output(stdout=False, stderr=False) as captured:
        display_quiz(questions, **options)
    bundles = [output.data for output in captured.outputs]
    html = "".join(b["text/html"] for b in bundles if "text/html" in b)
    quiz_js = "".join(b["application/javascript"] for b in bundles if "application/javascript" in b)
    if not html or not quiz_js:
        raise RuntimeError("jupyterquiz's output changed: expected one HTML and one JavaScript output")
    display(HTML(html + QUIZ_CSS))
    display(Javascript(deferred_quiz_script(quiz_js, _container_id(html))))
