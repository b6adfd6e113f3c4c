"""docs/ stays true to the code: every rule parameter is documented with its default, every docs file
the code cites exists, the docs' links resolve, and the code cites docs/ rather than a catalogue
outside the repository."""

import re
from pathlib import Path

import fanzha
from fanzha.parameters.config import OPTIONS

PACKAGE = Path(fanzha.__file__).parent
REPOSITORY = PACKAGE.parent
DOCS = REPOSITORY / "docs"


def sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), path.read_text(encoding="utf-8")
    for extra in ("README.md", "conftest.py"):
        yield extra, (REPOSITORY / extra).read_text(encoding="utf-8")


def test_every_parameter_is_documented_with_its_default():
    rows = {
        line.split("`")[1]: line
        for line in (DOCS / "parameters.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
    }
    assert sorted(rows) == sorted(OPTIONS)
    for key, option in OPTIONS.items():
        default = "null" if option.default is None else option.default
        shown = str(default).replace("'", '"') if isinstance(default, list) else str(default)
        assert f"`{shown}`" in rows[key].split("|")[3], key
        for value in option.choices:
            assert f"`{value}`" in rows[key], (key, value)


def test_the_code_cites_docs_that_exist():
    cited = set()
    for name, text in sources():
        cited |= {(name, doc) for doc in re.findall(r"docs/([\w-]+\.md)", text)}
        assert "DOMAIN.md" not in text, f"{name} cites DOMAIN.md: cite docs/ instead"
    assert {doc for _, doc in cited} - {p.name for p in DOCS.glob("*.md")} == set()
    assert len(cited) >= 15


def test_links_between_docs_resolve():
    for page in DOCS.glob("*.md"):
        for target in re.findall(r"\]\(([^)#]+\.md)", page.read_text(encoding="utf-8")):
            assert (DOCS / target).exists(), (page.name, target)
    index = (DOCS / "README.md").read_text(encoding="utf-8")
    assert {p.name for p in DOCS.glob("*.md")} - {"README.md"} <= set(re.findall(r"\(([\w-]+\.md)\)", index))
