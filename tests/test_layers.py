"""The layers of the package (README, "Layout"): ``text/`` is the leaf every stage may use and
which uses no stage; stages never import the layers above them (benchmarks, the web app, the
CLI, batch jobs). A rule moved into a stage, or a stage reaching up, fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import manysides

ROOT = Path(manysides.__file__).parent
#: What the leaf layer may import of the package: itself and the records and errors it returns.
LEAF_ALLOWED = {"text", "records", "errors", "config"}
#: The layers above the stages: entry points and tools that call the library.
UPPER = {"bench", "web", "cli", "batch", "__main__"}
STAGES = {"ingest", "clean", "summarize", "align", "quotes", "framing", "report", "store", "stories", "text"}


def _package_imports(path: Path) -> set[str]:
    """Top-level manysides modules a file imports (``from ..align import x`` -> 'align')."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                target = base + (node.module.split(".") if node.module else [])
                if not target:  # "from .. import x": the names are modules
                    out.update(a.name for a in node.names)
                else:
                    out.add(target[0])
            elif node.module and node.module.startswith("manysides."):
                out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[1] for a in node.names if a.name.startswith("manysides."))
    return out


def _modules(layer: str) -> list[Path]:
    path = ROOT / layer
    return sorted(path.rglob("*.py")) if path.is_dir() else [ROOT / f"{layer}.py"]


def test_the_text_layer_imports_no_stage():
    offenders = {
        str(p.relative_to(ROOT)): sorted(_package_imports(p) - LEAF_ALLOWED)
        for p in _modules("text")
        if _package_imports(p) - LEAF_ALLOWED
    }
    assert not offenders, f"text/ must stay a leaf; these reach up: {offenders}"


def test_stages_do_not_import_upper_layers():
    offenders = {}
    for stage in STAGES | {"pipeline", "_brief", "api", "parse", "records", "config", "errors"}:
        for p in _modules(stage):
            if p.name == "train.py":
                continue  # training scripts are tools run by hand, not part of a brief
            up = _package_imports(p) & UPPER
            if up:
                offenders[str(p.relative_to(ROOT))] = sorted(up)
    assert not offenders, f"stages import layers above them: {offenders}"


def test_the_import_scan_sees_relative_and_absolute_imports(tmp_path):
    """The scan itself: a file that reaches up is caught, so a green test means something."""
    probe = ROOT / "text" / "_layer_probe.py"
    probe.write_text("from ..bench import claims\nimport manysides.web.app\nfrom . import values\n", encoding="utf-8")
    try:
        assert _package_imports(probe) == {"bench", "web", "text"}
    finally:
        probe.unlink()
