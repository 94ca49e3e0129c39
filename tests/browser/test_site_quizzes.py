"""Every quiz question answers with the mouse and with the keyboard, with feedback.

Quizzes are drawn by jupyterquiz through ``lab_utils.quiz.show_quiz``, which
makes multiple-choice answers buttons in the tab order (Enter or Space
answers) and labels the numeric box (Enter submits).
"""

import json
import re

import sitecheck
from playwright.sync_api import expect
from sitecheck import STATS

CORRECT = re.compile(r"(^|\s)correct(\s|$)")
INCORRECT = re.compile(r"(^|\s)incorrect(\s|$)")


def clear_feedback(question):
    """Blank the question's feedback, so the next check sees only the next answer's."""
    question.locator(".Feedback").evaluate("f => { f.className = 'Feedback'; f.innerHTML = ''; }")


def expect_feedback(question, pattern, what):
    """The question's feedback shows text and is marked (in)correct."""
    feedback = question.locator(".Feedback")
    expect(feedback, f"{what}: feedback not marked as expected").to_have_class(pattern)
    expect(feedback, f"{what}: feedback is empty").not_to_have_text(re.compile(r"^\s*$"))
    expect(feedback, f"{what}: feedback is hidden").to_be_visible()


def exercise_choice(page, question, name):
    """Answer a multiple/many-choice question wrongly then rightly, by mouse then keyboard."""
    answers = question.locator("label.MCButton")
    count = answers.count()
    assert count >= 2, f"{name}: only {count} answer(s)"
    correct = [i for i in range(count) if answers.nth(i).get_attribute("data-correct") == "true"]
    wrong = [i for i in range(count) if i not in correct]
    assert correct, f"{name}: no answer is marked correct"
    for i in range(count):
        expect(answers.nth(i), f"{name}: answer {i} is not a button").to_have_attribute("role", "button")
        expect(answers.nth(i), f"{name}: answer {i} is not in the tab order").to_have_attribute("tabindex", "0")

    # Mouse.
    if wrong:
        clear_feedback(question)
        answers.nth(wrong[0]).click()
        expect_feedback(question, INCORRECT, f"{name}, mouse, wrong answer")
    clear_feedback(question)
    answers.nth(correct[0]).click()
    expect_feedback(question, CORRECT, f"{name}, mouse, right answer")

    # Keyboard: Tab walks through the answers in order; Enter and Space answer.
    answers.nth(0).focus()
    for i in range(1, count):
        page.keyboard.press("Tab")
        expect(answers.nth(i), f"{name}: Tab did not move to answer {i}").to_be_focused()
    if wrong:
        answers.nth(wrong[0]).focus()
        clear_feedback(question)
        page.keyboard.press("Enter")
        expect_feedback(question, INCORRECT, f"{name}, Enter on a wrong answer")
    answers.nth(correct[-1]).focus()  # another right answer, if there are several
    clear_feedback(question)
    page.keyboard.press(" ")
    expect_feedback(question, CORRECT, f"{name}, Space on the right answer")


def numeric_answers(box, name):
    """A right and a wrong input for a numeric question, from its answer data."""
    answers = json.loads(box.get_attribute("data-answers"))
    right = None
    for answer in answers:
        if answer.get("correct") and "value" in answer:
            right = answer["value"]
        elif answer.get("correct") and "range" in answer:
            right = sum(answer["range"]) / 2
        if right is not None:
            break
    assert right is not None, f"{name}: no correct answer in {answers}"
    wrong = right + 1000 * (abs(right) + 1)
    return repr(right), repr(wrong)


def exercise_numeric(page, question, name):
    """Type a wrong then a right number, each submitted with Enter."""
    box = question.locator("input.Input-text")
    expect(box, f"{name}: the answer box has no label").to_have_accessible_name(re.compile(r"\S"))
    right, wrong = numeric_answers(box, name)
    clear_feedback(question)
    box.click()  # mouse to focus, keyboard to type
    page.keyboard.type(wrong)
    page.keyboard.press("Enter")
    expect_feedback(question, INCORRECT, f"{name}, wrong number {wrong}")
    clear_feedback(question)
    box.focus()  # keyboard only
    page.keyboard.type(right)
    page.keyboard.press("Enter")
    expect_feedback(question, CORRECT, f"{name}, right number {right}")


def test_every_quiz_question_answers_with_mouse_and_keyboard(quiz_page, open_page, axe_source):
    page, log = open_page(quiz_page.path)
    questions = page.locator(".Quiz")
    count = questions.count()
    assert count > 0, (
        f"{quiz_page.path}: no quiz drawn (every chapter ends with a quiz, shown with lab_utils.quiz.show_quiz)"
    )
    assert page.locator("label.MCButton:not([role])").count() == 0, (
        f"{quiz_page.path}: a quiz was not shown through lab_utils.quiz.show_quiz (answers are not buttons)"
    )
    for index in range(count):
        question = questions.nth(index)
        question.scroll_into_view_if_needed()
        name = f"{quiz_page.path} question {index + 1}"
        kind = question.evaluate("q => q.firstElementChild.className")
        if kind in ("MultipleChoiceQn", "ManyChoiceQn"):
            exercise_choice(page, question, name)
        elif kind == "NumericQn":
            exercise_numeric(page, question, name)
        else:
            raise AssertionError(f"{name}: question type {kind!r} is not supported by the course")
        STATS["quiz questions"] += 1

    page.wait_for_timeout(1000)  # let the answer animations finish before checking colours
    violations = sitecheck.serious(sitecheck.run_axe(page, axe_source, include=[".Quiz"]))
    assert not violations, f"{quiz_page.path}, answered quiz:\n  " + "\n  ".join(
        sitecheck.describe_violations(violations)
    )
    assert not log.problems(), f"{quiz_page.path}:\n  " + "\n  ".join(log.problems())
    page.close()


ENGINE_FILE = "_static/quiz/jupyterquiz-engine.js"


def test_quizzes_share_one_engine_and_answer_from_a_file_url(quiz_page, browser, site):
    """The page loads jupyterquiz's engine as the site's shared file, not inline, and works opened as a file."""
    html = (site / quiz_page.path).read_text(encoding="utf-8")
    assert "class Question" not in html, f"{quiz_page.path}: jupyterquiz's engine is inline (_ext/course_quiz.py)"
    assert html.count(ENGINE_FILE) == 1, f"{quiz_page.path}: loads {ENGINE_FILE} {html.count(ENGINE_FILE)} times"
    quiz_file = sitecheck.REPO_ROOT / "chapters" / "quizzes" / f"{quiz_page.docname.rsplit('/', 1)[-1]}.json"
    context = browser.new_context(viewport=sitecheck.DESKTOP)
    try:
        page = context.new_page()
        errors, elsewhere = [], []
        page.on("pageerror", lambda error: errors.append(str(error)))
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                      else (elsewhere.append(route.request.url), route.abort()))
        page.goto((site / quiz_page.path).as_uri())
        sitecheck.settle(page)
        questions = page.locator(".Quiz")
        if quiz_file.is_file():
            assert questions.count() == len(json.loads(quiz_file.read_text(encoding="utf-8"))), (
                f"{quiz_page.path} from file://: {questions.count()} questions drawn")
        assert questions.count() > 0, f"{quiz_page.path} from file://: no quiz drawn"
        choice = page.locator(".Quiz:has(label.MCButton)").first
        choice.scroll_into_view_if_needed()
        exercise_choice(page, choice, f"{quiz_page.path} from file://, first choice question")
        assert not errors and not elsewhere, f"{quiz_page.path} from file://: {errors + elsewhere}"
    finally:
        context.close()
