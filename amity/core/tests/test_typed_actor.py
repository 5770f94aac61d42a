"""Every service names its actor's type: ``actor: Actor`` (a user or a named system actor),
never ``Any`` and never optional (issue 12, part 4)."""

from __future__ import annotations

import ast
from pathlib import Path

AMITY = Path(__file__).resolve().parents[2]


def _actor_annotations() -> dict[str, str]:
    found = {}
    for path in sorted(AMITY.glob("*/services.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            args = node.args.args + node.args.kwonlyargs + node.args.posonlyargs
            for arg in args:
                if arg.arg == "actor":
                    where = f"{path.parent.name}.services.{node.name}"
                    found[where] = ast.unparse(arg.annotation) if arg.annotation else ""
    return found


def test_every_service_actor_is_typed_actor() -> None:
    found = _actor_annotations()
    assert len(found) > 50, "the services were not found"
    wrong = {where: annotation for where, annotation in found.items() if annotation != "Actor"}
    assert wrong == {}


def test_no_service_defaults_its_actor_to_none() -> None:
    for path in sorted(AMITY.glob("*/services.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                pairs = zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)
                for arg, default in pairs:
                    if arg.arg == "actor":
                        assert default is None, f"{path.parent.name}.{node.name} defaults actor"
