"""Benchmark: bytes and estimated tokens saved per level over the optimizer corpus, and the
time per rewrite (p50/p95, also scaled to 30 KB of input). The floor measured in the same run
is a plain copy of the text (`str.split` + `join`, what any rewrite must at least do).

    .venv/bin/python bench/optimizer.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))

from tmpm_optimizer.compress import Budget, caveman, estimate_tokens, summarise, trim  # noqa: E402

CORPUS = REPO / "tests" / "data" / "optimizer_corpus"
LEVELS = {
    "trim": lambda text: trim(text, Budget()),
    "summarise": lambda text: summarise(text, Budget()),
    "caveman": lambda text: caveman(text, "Bash"),
    "floor (split+join)": lambda text: "\n".join(text.split("\n")),
}


def main() -> None:
    """Print savings per level and timings per rewrite."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    texts = {p.name: p.read_text() for p in sorted(CORPUS.iterdir()) if p.suffix != ".json"}
    total_bytes = sum(len(t) for t in texts.values())
    total_tokens = sum(estimate_tokens(t) for t in texts.values())
    print(f"corpus: {len(texts)} files, {total_bytes} bytes, ~{total_tokens} tokens")
    print(f"{'level':20} {'bytes after':>11} {'saved':>7} {'tokens after':>12} "
          f"{'p50 ms/rewrite':>14} {'p95':>7} {'p50 ms/30KB':>11}")  # fmt: skip
    for level, function in LEVELS.items():
        after = {name: function(text) for name, text in texts.items()}
        after_bytes = sum(len(t) for t in after.values())
        after_tokens = sum(estimate_tokens(t) for t in after.values())
        timings, per_30k = [], []
        for text in texts.values():
            for _ in range(args.repeat):
                started = time.perf_counter()
                function(text)
                elapsed = (time.perf_counter() - started) * 1000
                timings.append(elapsed)
                per_30k.append(elapsed * 30_000 / len(text))
        timings.sort()
        print(
            f"{level:20} {after_bytes:11d} {100 * (1 - after_bytes / total_bytes):6.1f}% "
            f"{after_tokens:12d} {statistics.median(timings):14.3f} "
            f"{timings[int(0.95 * (len(timings) - 1))]:7.3f} {statistics.median(per_30k):11.3f}"
        )
    print("\nper file (summarise):")
    for name, text in texts.items():
        result = summarise(text, Budget())
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            summarise(text, Budget())
            timings.append((time.perf_counter() - started) * 1000)
        per_30k = statistics.median(timings) * 30_000 / len(text)
        print(f"  {name:28} {len(text):7d} -> {len(result):6d} bytes "
              f"({100 * (1 - len(result) / len(text)):4.1f}% smaller), "
              f"p50 {per_30k:.3f} ms per 30 KB")  # fmt: skip


if __name__ == "__main__":
    main()
