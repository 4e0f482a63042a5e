"""The packages are layers (README, "How it works"): no module imports from a layer above it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "revtrack"
#: The package's own entry points sit above every layer.
TOP = {"revtrack", "revtrack.__main__"}


def layer_order() -> list[str]:
    """The packages in order, lowest first, as the README's ```layers block writes them."""
    block = re.search(r"```layers\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL)
    assert block, "README.md has no ```layers block"
    return block.group(1).split()


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every revtrack module ``path`` imports (inside functions too), with its line."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names] if target == "revtrack" else [target]
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return [(line, name) for line, name in found if name == "revtrack" or name.startswith("revtrack.")]


def _layer(module: str) -> str:
    """``revtrack.grouping.sketch`` -> ``grouping``; ``revtrack.stories`` -> ``stories``."""
    return module.split(".")[1]


def test_every_package_has_a_place_in_the_order():
    order = layer_order()
    packages = {_layer(_module(p)) for p in PACKAGE.rglob("*.py") if _module(p) not in TOP}
    assert packages == set(order), (sorted(packages - set(order)), sorted(set(order) - packages))


def test_no_module_imports_from_a_layer_above_it():
    order = {name: rank for rank, name in enumerate(layer_order())}
    upward = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        if module in TOP:
            continue
        for line, target in _imports(path):
            if target in TOP or _layer(target) not in order:  # the package root's own names
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {target} (the package root)")
            elif order[_layer(target)] > order[_layer(module)]:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {target} (a higher layer)")
    assert not upward, "\n".join(upward)


def test_the_walk_sees_imports_inside_functions():
    """The check is real: a function-level import is found, with its line."""
    imports = dict((name, line) for line, name in _imports(PACKAGE / "cli" / "reading.py"))
    assert "revtrack.tui.app" in imports
