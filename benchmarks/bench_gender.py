"""Gender bench: given-name statistics against the pronouns of the 2,520-article corpus.

Prints precision and coverage (see `benchmarks/gender_eval.py`) with each entity recogniser,
per name source, and the honorifics' precision against the same gold.

    uv run python benchmarks/bench_gender.py [rules|spacy ...]
"""

from __future__ import annotations

import sys
import time

from benchmarks.gender_eval import CORPUS, corpus_evidence, measure


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: benchmark data not found at {CORPUS}")
        return 0
    for ner in sys.argv[1:] or ["rules", "spacy"]:
        t0 = time.perf_counter()
        r = measure(corpus_evidence(ner=ner))
        print(
            f"{ner:>6}: {r['gold']:,} persons with pronoun gold of {r['persons']:,}; given names guess "
            f"{r['guessed']:,}: precision {r['precision']:.3f}, coverage {r['coverage']:.3f} "
            f"(Census {r['correct_census']}/{r['guessed_census']} = {r['precision_census']:.3f}, gender-guesser "
            f"{r['correct_guesser']}/{r['guessed_guesser']} = {r['precision_guesser']:.3f}); names cover "
            f"{r['coverage_all']:.3f} of all full names; honorifics {r['honorific_precision']:.3f} on "
            f"{r['honorific_checked']:,}; women {r['women_share_of_gendered']:.3f} of persons given a gender "
            f"({time.perf_counter() - t0:.0f} s)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
