"""`make bench`: every benchmark script in turn, each printing our figures beside the peers'.

Benchmarks read ../shared/benchmarks and skip with a message when it is absent. Run one alone
with `uv run python benchmarks/bench_<name>.py`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["sentences", "entities", "quotes", "html", "pipeline"]


def main() -> int:
    scripts = sorted(
        HERE.glob("bench_*.py"), key=lambda p: (ORDER.index(p.stem[6:]) if p.stem[6:] in ORDER else 99, p.name)
    )
    only = set(sys.argv[1:])
    failed = []
    for script in scripts:
        if only and script.stem[6:] not in only:
            continue
        print(f"\n=== {script.stem} " + "=" * (60 - len(script.stem)), flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"--- {script.stem}: {'ok' if rc == 0 else f'exit {rc}'} in {time.perf_counter() - t0:.0f} s", flush=True)
        if rc:
            failed.append(script.stem)
    if failed:
        print("failed: " + ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
