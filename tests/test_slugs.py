"""Names follow CONTRIBUTING's slug rule: everything of one chapter is named by the chapter's slug.

A chapter ``chapters/<slug>.md`` has its quiz ``chapters/quizzes/<slug>.json``, its lab
``labs/<slug>_lab.ipynb``, its figures ``lab_utils/figures/<slug>.py``, the numbers it quotes
``lab_utils/studies/<slug>.py``, its lab's checks ``lab_utils/checks/<slug>.py``, and each of these
modules its tests ``tests/test_<package>_<slug>.py``. The tests read the repository itself, so a
file added or renamed against the rule fails here with the name it should have.
"""

import ast
import importlib
import json
import re
from pathlib import Path

import pytest
import yaml

import lab_utils.checks

REPO = Path(__file__).resolve().parent.parent
CHAPTER_SLUGS = sorted(path.stem for path in (REPO / "chapters").glob("*.md"))
#: Labs without a chapter of their own, which take their own slug (CONTRIBUTING).
LAB_ONLY_SLUGS = ["scikit_learn"]
LAB_SLUGS = sorted(path.name.removesuffix("_lab.ipynb") for path in (REPO / "labs").glob("*_lab.ipynb"))
#: Modules of lab_utils/checks/ that every check shares, named for what they are.
SHARED_CHECK_MODULES = {"__init__", "feedback", "framework"}
#: Packages whose modules each belong to one chapter (or, for checks, one lab).
PER_SLUG_PACKAGES = ["figures", "studies", "checks"]


def modules(package):
    """Stems of the modules of ``lab_utils/<package>/`` that belong to one chapter or lab."""
    stems = {path.stem for path in (REPO / "lab_utils" / package).glob("*.py")}
    return sorted(stems - SHARED_CHECK_MODULES - {"__init__"})


def lab_source(slug):
    """All the code of ``labs/<slug>_lab.ipynb``, one string."""
    notebook = json.loads((REPO / "labs" / f"{slug}_lab.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")


def users(module_name):
    """The chapters and labs whose code imports ``module_name`` (as ``chapters/x.md``, ``labs/x_lab.ipynb``)."""
    pattern = re.compile(rf"\b{re.escape(module_name)}\b")
    found = [f"chapters/{slug}.md" for slug in CHAPTER_SLUGS
             if pattern.search((REPO / "chapters" / f"{slug}.md").read_text(encoding="utf-8"))]
    return found + [f"labs/{slug}_lab.ipynb" for slug in LAB_SLUGS if pattern.search(lab_source(slug))]


def test_every_lab_is_named_by_a_slug():
    stray = sorted(path.name for path in (REPO / "labs").glob("*.ipynb") if not path.name.endswith("_lab.ipynb"))
    assert not stray, f"labs must be named labs/<slug>_lab.ipynb: {stray}"
    unknown = sorted(set(LAB_SLUGS) - set(CHAPTER_SLUGS) - set(LAB_ONLY_SLUGS))
    assert not unknown, (
        f"labs {unknown} have no chapter of that slug: rename them labs/<chapter slug>_lab.ipynb "
        "(or, for a lab with no chapter, add its slug to LAB_ONLY_SLUGS and CONTRIBUTING)")


@pytest.mark.parametrize("slug", CHAPTER_SLUGS)
def test_chapter_has_its_quiz(slug):
    assert (REPO / "chapters" / "quizzes" / f"{slug}.json").is_file(), f"chapters/quizzes/{slug}.json is missing"


@pytest.mark.parametrize("package", PER_SLUG_PACKAGES)
def test_modules_are_named_by_a_slug_and_tested_by_their_own_file(package):
    slugs, kind = (LAB_SLUGS, "lab") if package == "checks" else (CHAPTER_SLUGS, "chapter")
    for stem in modules(package):
        assert stem in slugs, f"lab_utils/{package}/{stem}.py is named by no {kind}"
        test_file = REPO / "tests" / f"test_{package}_{stem}.py"
        assert test_file.is_file(), f"lab_utils/{package}/{stem}.py has no tests/{test_file.name}"


@pytest.mark.parametrize(("package", "stem"), [(p, s) for p in PER_SLUG_PACKAGES for s in modules(p)])
def test_module_docstring_names_the_chapters_and_labs_that_use_it(package, stem):
    name = f"lab_utils.{package}.{stem}"
    docstring = ast.get_docstring(ast.parse((REPO / "lab_utils" / package / f"{stem}.py").read_text())) or ""
    used_by = users(name) if package != "checks" else [f"labs/{stem}_lab.ipynb"]
    assert used_by, f"{name} is used by no chapter or lab"
    missing = [user for user in used_by if user not in docstring]
    assert not missing, f"the docstring of {name} does not say that {missing} use it"


@pytest.mark.parametrize("stem", modules("checks"))
def test_checks_of_a_lab_are_exported_and_called_by_that_lab_only(stem):
    module = importlib.import_module(f"lab_utils.checks.{stem}")
    checks = [name for name in module.__all__ if name.startswith("check_")]
    assert checks, f"lab_utils.checks.{stem} defines no check_* function"
    for name in checks:
        assert getattr(lab_utils.checks, name, None) is getattr(module, name), (
            f"lab_utils.checks does not export {name} (import it in lab_utils/checks/__init__.py)")
        calling = [slug for slug in LAB_SLUGS if re.search(rf"\b{name}\(", lab_source(slug))]
        assert calling == [stem], f"{name} (lab_utils/checks/{stem}.py) is called by the labs {calling}"


def test_labs_import_their_checks_from_the_package():
    direct = [slug for slug in LAB_SLUGS if "from lab_utils.checks." in lab_source(slug)]
    assert not direct, f"labs {direct} import a checks module; import from lab_utils.checks instead"


def test_table_of_contents_lists_every_chapter_and_lab_by_its_slug():
    toc = yaml.safe_load((REPO / "_toc.yml").read_text(encoding="utf-8"))
    files = {part["caption"]: [entry["file"] for entry in part["chapters"]] for part in toc["parts"]}
    assert sorted(files["Chapters"]) == [f"chapters/{slug}" for slug in CHAPTER_SLUGS]
    assert sorted(files["Labs"]) == [f"labs/{slug}_lab" for slug in LAB_SLUGS]


@pytest.mark.parametrize("slug", sorted(set(LAB_SLUGS) & set(CHAPTER_SLUGS)))
def test_chapter_and_lab_link_each_other(slug):
    chapter = (REPO / "chapters" / f"{slug}.md").read_text(encoding="utf-8")
    lab = (REPO / "labs" / f"{slug}_lab.ipynb").read_text(encoding="utf-8")
    assert f"](../labs/{slug}_lab.ipynb)" in chapter, f"chapters/{slug}.md does not link its lab"
    assert f"](../chapters/{slug}.md)" in lab, f"labs/{slug}_lab.ipynb does not link back to its chapter"
