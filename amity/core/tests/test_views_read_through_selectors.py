"""House rule kept as code: views and consumers read through selectors (``selectors.py`` of
their app or the apps below), never the ORM themselves. A view module that names a model
manager (``Model.objects``) or calls ``get_object_or_404`` fails this test; so does an API
handler module (``api.py``)."""

import ast
from pathlib import Path

AMITY = Path(__file__).resolve().parents[2]
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def _view_modules() -> list[Path]:
    found = [
        *AMITY.glob("*/views.py"),
        *AMITY.glob("*/views/*.py"),
        *AMITY.glob("*/consumers.py"),
        *AMITY.glob("*/api.py"),
        *AMITY.glob("*/feeds.py"),
    ]
    assert found, "no view module found: the test looks in the wrong place"
    return sorted(found)


def _orm_reads(source: str, name: str) -> list[str]:
    reads = []
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            reads.append(f"{name}:{node.lineno} .objects")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in SHORTCUTS
        ):
            reads.append(f"{name}:{node.lineno} {node.func.id}")
    return reads


def test_views_and_consumers_do_not_query_the_orm():
    """No view or consumer module reaches a model manager or get_object_or_404: reads live in
    selectors (so list pages keep their query counts, and one rule is written once)."""
    reads = [
        read
        for path in _view_modules()
        for read in _orm_reads(path.read_text(), str(path.relative_to(AMITY.parent)))
    ]
    assert reads == [], "move these reads to a selector:\n" + "\n".join(reads)


def test_the_check_finds_a_read():
    """The check itself sees a manager and a shortcut, even inside a nested function."""
    sample = (
        "def view(request):\n"
        "    def inner():\n"
        "        return Meeting.objects.filter(pk=1)\n"
        "    return get_object_or_404(Meeting, pk=1)\n"
    )
    assert sorted(_orm_reads(sample, "views.py")) == [
        "views.py:3 .objects",
        "views.py:4 get_object_or_404",
    ]
