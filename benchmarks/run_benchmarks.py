"""Print every benchmark figure of the course (`make bench`).

Each section is a module in this folder with a ``main()`` that prints.
Sections whose prerequisites are missing (a built site, a browser) say so
and the others still run.
"""

from __future__ import annotations

import importlib
import sys
import traceback
from pathlib import Path

SECTIONS = [
    ("Core maths", "bench_core"),
    ("Mini-batch descent: epoch against iteration", "bench_minibatch"),
    ("Interactive explorers: redraw times", "bench_explorers"),
    ("Website: page weight and load time", "bench_site"),
]


def main():
    """Run each benchmark section in turn; return 1 if any failed."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    failed = False
    for title, module_name in SECTIONS:
        print(f"\n== {title} ==")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            print(f"  (no {module_name}.py yet)")
            continue
        try:
            module.main()
        except Exception:  # noqa: BLE001 - report and carry on with the other sections
            traceback.print_exc()
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
