"""Build the whole course as one PDF, offline: Chromium prints the book's single-page HTML.

Steps:

1. ``jupyter-book build . --builder singlehtml`` writes every page of
   ``_toc.yml`` into one HTML page (``_build/singlehtml``); chapters come from
   the same jupyter cache as the website, so nothing is executed twice.
2. Debian's Chromium (driven by Playwright, as in the browser tests) opens that
   page from a local server, waits until MathJax has typeset the maths and every
   quiz is drawn, and adds an appendix listing each quiz question with its
   correct answers (the quizzes themselves answer only when clicked).
3. It prints the page to ``_build/html/<PDF_NAME>``, where the landing page
   links it.

Usage, from the repository root (``make book`` runs it after building the site)::

    .venv/bin/python tools/build_pdf.py

``jupyter-book build --builder pdfhtml`` would do the printing with a Chromium
that pyppeteer downloads, which offline machines cannot do; LaTeX is not needed.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import sitecheck  # noqa: E402  (serves the site and starts Chromium, as the browser tests do)
from pair_chapters import markdown_notebooks  # noqa: E402

#: The PDF's file name in the built site (intro.md links it).
PDF_NAME = "gradient-descent-logistic-regression.pdf"
SINGLE_HTML = REPO / "_build" / "singlehtml"
SHOW_QUIZ = re.compile(r"""show_quiz\(\s*["']([^"']+\.json)["']""")


def quizzes(repo=REPO):
    """The quizzes of the executed chapters, in the order of the table of contents.

    Returns
    -------
    list of (str, list of dict)
        The chapter's title (its first ``# `` heading) and the questions of each
        quiz it shows with ``show_quiz``.
    """
    found = []
    for md in markdown_notebooks(repo):
        text = md.read_text(encoding="utf-8")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), md.stem)
        for name in SHOW_QUIZ.findall(text):
            found.append((title, json.loads((md.parent / name).read_text(encoding="utf-8"))))
    return found


def correct_answers(question):
    """The correct answers of one jupyterquiz question, as text (maths left in TeX)."""
    shown = []
    for answer in question.get("answers", []):
        if not answer.get("correct"):
            continue
        if "answer" in answer:
            shown.append(str(answer["answer"]))
        elif answer.get("type") == "range":
            low, high = answer["range"]
            shown.append(f"a number from {low} to {high}")
        elif "value" in answer:
            shown.append(str(answer["value"]))
    if not shown:
        raise ValueError(f"quiz question without a correct answer: {question.get('question')!r}")
    return shown


INLINE_MATH = re.compile(r"(?<![\\$])\$([^$]+)\$")


def tex_delimiters(text):
    """``$x$`` as ``\\(x\\)``: the site's MathJax typesets only the latter outside notebook outputs."""
    return INLINE_MATH.sub(lambda m: f"\\({m.group(1)}\\)", text)


def answers_appendix(quiz_list):
    """HTML of the appendix: every quiz question and its correct answers.

    Questions and answers are jupyterquiz's HTML (as the quiz shows them), maths in TeX.
    """
    parts = ['<section id="quiz-answers" class="mathjax_process" style="break-before: page">',
             "<h1>Answers to the quizzes</h1>"]
    for title, questions in quiz_list:
        parts.append(f"<h2>{html.escape(title)}</h2><ol>")
        for question in questions:
            answers = correct_answers(question)
            label = "Answer" if len(answers) == 1 else "Answers"
            parts.append(f"<li><p>{tex_delimiters(question['question'])}</p>"
                         f"<p><strong>{label}:</strong> {tex_delimiters('; '.join(answers))}</p></li>")
        parts.append("</ol>")
    parts.append("</section>")
    return "".join(parts)


ADD_APPENDIX_JS = """async (appendix) => {
  const main = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  main.insertAdjacentHTML("beforeend", appendix);
  if (window.MathJax && MathJax.typesetPromise) {
    await MathJax.typesetPromise([document.getElementById("quiz-answers")]);
  }
  return true;
}"""

PAGE_FACTS_JS = """() => ({
  images: document.querySelectorAll("article img").length,
  math: document.querySelectorAll("mjx-container").length,
  mathErrors: document.querySelectorAll("mjx-merror").length,
  quizQuestions: document.querySelectorAll(".Quiz").length,  // jupyterquiz draws one .Quiz per question
})"""


def build_single_html(repo=REPO):
    """Run Jupyter Book's singlehtml builder (warnings are errors)."""
    command = [str(Path(sys.executable).parent / "jupyter-book"), "build", str(repo), "--builder", "singlehtml",
               "--warningiserror", "--keep-going"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def page_count(pdf_bytes):
    """Number of pages of a PDF that Chromium wrote (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf_bytes))


def print_pdf(single_html, target, quiz_list):
    """Print the single-page book to ``target``; returns the page's facts (images, maths, quizzes)."""
    from playwright.sync_api import sync_playwright

    server, base_url = sitecheck.serve(single_html)
    try:
        with sync_playwright() as playwright:
            browser = sitecheck.launch_chromium(playwright)
            page = browser.new_page(viewport=sitecheck.DESKTOP)
            page.goto(base_url + "intro.html")
            sitecheck.settle(page, extra_ms=1500)  # jupyterquiz draws (and typesets) its questions late
            facts = page.evaluate(PAGE_FACTS_JS)
            expected = sum(len(questions) for _, questions in quiz_list)
            if facts["quizQuestions"] != expected:
                raise RuntimeError(f"{facts['quizQuestions']} quiz questions drawn on the page, expected {expected}")
            if facts["mathErrors"]:
                raise RuntimeError(f"MathJax reported {facts['mathErrors']} errors")
            page.evaluate(ADD_APPENDIX_JS, answers_appendix(quiz_list))
            page.emulate_media(media="print")
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(target), format="A4", print_background=True,
                     margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"})
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return facts


def main(argv=None):
    """Command line: see the module docstring. Returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "html" / PDF_NAME)
    parser.add_argument("--no-build", action="store_true", help="print the existing _build/singlehtml")
    args = parser.parse_args(argv)
    if not args.no_build:
        build_single_html()
    quiz_list = quizzes()
    facts = print_pdf(SINGLE_HTML, args.out, quiz_list)
    data = args.out.read_bytes()
    print(f"{args.out.relative_to(REPO)}: {page_count(data)} pages, {len(data) / 1e6:.1f} MB; "
          f"{facts['images']} figures, {facts['math']} typeset formulas, "
          f"{facts['quizQuestions']} quiz questions of {len(quiz_list)} quizzes (answers listed at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
