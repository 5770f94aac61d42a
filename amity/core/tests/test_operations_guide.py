"""docs/operations.md lists every setting that amity/settings.py reads from the environment
(issue 13): each name read through os.environ / os.getenv or the settings' _env_* helpers."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HELPERS = {"_env_bool", "_env_list", "_env_int", "_env_float", "_env_networks", "getenv"}


def environment_reads(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        name = None
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            on_environ = (
                isinstance(func, ast.Attribute)
                and func.attr == "get"
                and isinstance(func.value, ast.Attribute)
                and func.value.attr == "environ"
            )
            if on_environ or called in HELPERS:
                name = node.args[0]
        elif isinstance(node, ast.Subscript) and getattr(node.value, "attr", "") == "environ":
            name = node.slice
        if isinstance(name, ast.Constant) and isinstance(name.value, str):
            names.add(name.value)
    return names


def test_the_operations_guide_lists_every_environment_setting():
    read = environment_reads((ROOT / "amity" / "settings.py").read_text())
    assert {"DATABASE_URL", "AMITY_SECRET_KEY", "AMITY_HTTPS", "AMITY_EMAIL_BACKEND"} <= read
    guide = (ROOT / "docs" / "operations.md").read_text()
    missing = sorted(name for name in read if f"`{name}`" not in guide)
    assert missing == [], f"docs/operations.md does not list {missing}"


def test_the_reader_finds_multi_line_and_helper_reads():
    source = 'import os\nA = os.environ.get(\n    "X_ONE", "d"\n)\nB = _env_int("X_TWO", 1)\nC = os.environ["X_THREE"]\n'
    assert environment_reads(source) == {"X_ONE", "X_TWO", "X_THREE"}


def test_the_readme_links_the_guide():
    assert "docs/operations.md" in (ROOT / "README.md").read_text()


def test_each_setting_has_one_row_in_the_guide():
    import collections
    import re

    guide = (ROOT / "docs" / "operations.md").read_text()
    rows = collections.Counter(re.findall(r"^\| `([A-Z_]+)` \|", guide, flags=re.MULTILINE))
    assert [name for name, count in rows.items() if count > 1] == []
