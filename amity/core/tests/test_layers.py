"""The layers of docs/architecture.md hold: no module imports an app of a higher layer, not even
inside a function (import-linter reads every import statement; the contract is in
pyproject.toml)."""

from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parents[3]


def test_no_app_imports_a_higher_layer():
    """import-linter finds no import from a lower layer to a higher one, and every top-level
    module of ``amity`` is placed in a layer (a new app must be given its place)."""
    assert (
        lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True) == 0
    )
