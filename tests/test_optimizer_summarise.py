"""The summarise level line by line: what it drops, what it collapses and what it must keep."""

from __future__ import annotations

import random

from tmpm_optimizer.compress import Budget, caveman, summarise

# No head or tail kept, so only marked lines and their context survive.
BARE = Budget(head_lines=0, tail_lines=0, context_lines=0)


def filler(count: int, word: str = "step") -> list[str]:
    """Unremarkable lines that differ in words, so they do not collapse into one."""
    return [f"{word} {'abcdefghij'[i % 10]}{'klmnopqrst'[i // 10 % 10]} ok" for i in range(count)]


def test_ansi_codes_and_carriage_return_redraws_are_cleaned() -> None:
    text = "\x1b[31mError: boom\x1b[0m\nstatus 10%\rstatus 55%\rstatus done\nlast"
    result = summarise(text, Budget())
    assert result == "Error: boom\nstatus done\nlast"


def test_progress_bars_spinners_and_rates_are_dropped_but_lists_and_carets_stay() -> None:
    kept = ["- fix the parser", "| table row |", "      |         ^~~~", "* note"]
    noise = [
        "[=====>          ] 35% building",
        "Downloading foo-1.0.tar.gz 45%",
        "⠋ Resolving dependencies",
        "Receiving 12.5 MiB/s",
        "####################  100%",
    ]
    result = summarise("\n".join(["start", *noise, *kept, "end"]), Budget())
    assert result.split("\n") == ["start", *kept, "end"]


def test_near_identical_runs_collapse_with_a_count() -> None:
    lines = [f"[{n:3d}%] Building object module_{n}.o" for n in range(40)]
    result = summarise("\n".join(["begin", *lines, "done"]), Budget())
    assert result.split("\n") == [
        "begin",
        "[  0%] Building object module_0.o  [x40 similar lines]",
        "done",
    ]


def test_errors_keep_their_context_and_the_rest_is_counted() -> None:
    before, after = filler(50), filler(50, "later")
    text = "\n".join([*before, "fatal: could not read config", *after])
    result = summarise(text, Budget(head_lines=0, tail_lines=0, context_lines=1))
    assert result.split("\n") == [
        "[... tmpm left out 49 unremarkable lines ...]",
        before[-1],
        "fatal: could not read config",
        after[0],
        "[... tmpm left out 49 unremarkable lines ...]",
    ]


def test_summary_counts_are_kept_but_numbered_names_are_not() -> None:
    lines = [f"tests/test_x.py::test_case_{n} PASSED" for n in range(30)]
    text = "\n".join([*lines, "==== 3 failed, 477 passed in 2.1s ====", *filler(5), "ran 12 tests"])
    result = summarise(text, BARE).split("\n")
    assert "==== 3 failed, 477 passed in 2.1s ====" in result
    assert "ran 12 tests" in result
    assert not any("test_case_" in line for line in result)


def test_line_positions_stay_right_after_characters_that_lower_to_two() -> None:
    # "İ".lower() is two characters; the lowercased scans (line forms such as a Python
    # traceback frame) must still point at the right lines.
    frame = '  File "app.py", line 3, in main'
    text = "\n".join(["İ" * 200, *filler(20), frame, *filler(20)])
    result = summarise(text, BARE).split("\n")
    assert [line for line in result if not line.startswith("[... tmpm")] == [frame]


def test_caveman_counts_lines_and_errors() -> None:
    text = "\n".join([*filler(8), "npm ERR! code E404", "warning: x", *filler(2)])
    assert caveman(text, "Bash") == (
        "[tmpm suppressed 12 lines (" + str(len(text)) + " bytes) of output from Bash; "
        "2 lines looked like errors or warnings. Re-run with less output if needed.]"
    )


def test_output_of_only_progress_lines_becomes_a_note() -> None:
    text = "\n".join(f"Downloading part {n} {n}%" for n in range(50))
    assert summarise(text, Budget()) == "[tmpm left out 50 lines of progress output]"


def test_any_text_is_summarised_within_the_budget() -> None:
    # Seeded random texts made of the pieces the scans look for, in every combination.
    pieces = ["a", "Error", " ", "\n", "\r", "\x1b[31m", "%", "[####   ]", "12.5 MiB/s", "B/s",
              "7 passed", "_", "İ", "⠋ ", "\t", "E ", 'File "', "3", "=== x ===", "^^^", "-", "|"]  # fmt: skip
    rng = random.Random(5)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 400)))
        budget = Budget(max_bytes=rng.choice([500, 3000]), head_lines=rng.randint(0, 4),
                        tail_lines=rng.randint(0, 4), context_lines=rng.randint(0, 2))  # fmt: skip
        result = summarise(text, budget)
        assert len(result) <= max(budget.max_bytes, 2000) + 60, text
        caveman(text, "Bash")
