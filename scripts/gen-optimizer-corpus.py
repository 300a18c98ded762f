"""Write the optimizer corpus (tests/data/optimizer_corpus/): realistic bulky tool outputs, and
for each the lines that must survive `summarise` (its error lines and its final summary line).

Deterministic (seeded), so the committed files can be regenerated identically.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "optimizer_corpus"
ESC = "\x1b"


def pytest_run(rng: random.Random) -> tuple[str, list[str]]:
    lines = [
        "============================= test session starts ==============================",
        "platform linux -- Python 3.11.7, pytest-9.2.0, pluggy-1.7.0",
        "rootdir: /home/dev/acme-api",
        "collected 480 items",
        "",
    ]
    keep = []
    failing = {57: "test_invoice_rounding", 233: "test_refund_partial", 401: "test_tax_exempt"}
    for index in range(480):
        module = f"tests/test_{['billing', 'orders', 'users', 'tax'][index % 4]}.py"
        name = failing.get(index, f"test_case_{index}")
        status = "FAILED" if index in failing else "PASSED"
        lines.append(f"{module}::{name} {status} [{100 * (index + 1) // 480:3d}%]")
    lines += [
        "",
        "=================================== FAILURES ====================================",
    ]
    for index, name in failing.items():
        block = [
            f"_______________________________ {name} ________________________________",
            "",
            f"    def {name}():",
            "        invoice = make_invoice(lines=3)",
            ">       assert invoice.total == Decimal('10.01')",
            f"E       AssertionError: assert Decimal('10.00') == Decimal('10.01') (case {index})",
            "",
            f"tests/test_billing.py:{100 + index}: AssertionError",
        ]
        keep += [block[5], block[7]]
        lines += block
    summary = "=========== 3 failed, 477 passed, 12 warnings in 41.27s ==========="
    lines += ["=========================== short test summary info ============================"]
    for name in failing.values():
        line = f"FAILED tests/test_billing.py::{name} - AssertionError: assert Decimal('10.00')"
        lines.append(line)
        keep.append(line)
    lines.append(summary)
    keep.append(summary)
    return "\n".join(lines) + "\n", keep


def build_log(rng: random.Random) -> tuple[str, list[str]]:
    lines, keep = ["-- The CXX compiler identification is GNU 12.2.0", "-- Configuring done"], []
    for index in range(600):
        pct = 100 * index // 600
        lines.append(
            f"[{pct:3d}%] Building CXX object src/CMakeFiles/engine.dir/module_{index}.cpp.o"
        )
        if index in (120, 377):
            warning = (
                f"/home/dev/engine/src/module_{index}.cpp:{rng.randint(10, 900)}:12: warning: "
                f"unused variable 'tmp{index}' [-Wunused-variable]"
            )
            lines += [
                warning,
                f"  {rng.randint(10, 900)} |     int tmp{index} = 0;",
                "      |         ^~~~",
            ]
            keep.append(warning)
    error = (
        "/home/dev/engine/src/render.cpp:88:5: error: 'Framebuffer' was not declared in this scope"
    )
    final = "make: *** [Makefile:146: all] Error 2"
    lines += [
        error,
        "   88 |     Framebuffer fb(width, height);",
        "      |     ^~~~~~~~~~~",
        "make[2]: *** [src/CMakeFiles/engine.dir/build.make:1234: render.cpp.o] Error 1",
        "make[1]: *** [CMakeFiles/Makefile2:98: src/CMakeFiles/engine.dir/all] Error 2",
        final,
    ]
    keep += [error, final]
    return "\n".join(lines) + "\n", keep


def npm_install(rng: random.Random) -> tuple[str, list[str]]:
    lines, keep = [], []
    for index in range(350):
        bar = "#" * (index % 40) + " " * (40 - index % 40)
        lines.append(
            f"{ESC}[2K{ESC}[1G[{bar}] {index % 100:3d}% reify:pkg-{index}: timing reifyNode:node_modules/pkg-{index}"
        )
    for name in ("inflight@1.0.6", "glob@7.2.3", "rimraf@3.0.2", "uuid@3.4.0", "request@2.88.2"):
        warning = f"npm WARN deprecated {name}: This module is not supported, and leaks memory."
        lines.append(f"{ESC}[33m{warning}{ESC}[39m")
        keep.append(warning)
    final = "found 2 moderate severity vulnerabilities"
    lines += [
        "",
        "added 1342 packages, and audited 1343 packages in 37s",
        "",
        "211 packages are looking for funding",
        "  run `npm fund` for details",
        "",
        final,
    ]
    keep += ["added 1342 packages, and audited 1343 packages in 37s", final]
    return "\n".join(lines) + "\n", keep


def git_log(rng: random.Random) -> tuple[str, list[str]]:
    lines = []
    words = [
        "fix",
        "add",
        "update",
        "refactor",
        "remove",
        "improve",
        "handle",
        "support",
        "bump",
        "tidy",
    ]
    things = [
        "parser",
        "cache",
        "invoice",
        "login",
        "retries",
        "docs",
        "tests",
        "logging",
        "config",
        "api",
    ]
    for index in range(400):
        lines += [
            f"commit {rng.getrandbits(160):040x}",
            f"Author: Dev {index % 7} <dev{index % 7}@example.invalid>",
            f"Date:   Mon Nov {1 + index % 28} 10:{index % 60:02d}:00 2026 +0000",
            "",
            f"    {rng.choice(words)} {rng.choice(things)} ({index})",
            "",
        ]
    last = "    initial commit"
    lines[-2] = last
    return "\n".join(lines) + "\n", [last]


def stack_trace(rng: random.Random) -> tuple[str, list[str]]:
    first = 'Exception in thread "main" java.lang.IllegalStateException: pool exhausted'
    lines, keep = [first], [first]
    for index in range(120):
        lines.append(f"\tat com.acme.pool.Worker.run{index % 5}(Worker.java:{100 + index})")
    cause = "Caused by: java.net.SocketTimeoutException: connect timed out"
    lines.append(cause)
    keep.append(cause)
    for index in range(80):
        lines.append(
            f"\tat java.base/sun.nio.ch.NioSocketImpl.timedConnect(NioSocketImpl.java:{500 + index})"
        )
    final = "\t... 42 more"
    lines.append(final)
    keep.append(final)
    return "\n".join(lines) + "\n", keep


def cargo_test(rng: random.Random) -> tuple[str, list[str]]:
    lines, keep = (
        [
            "   Compiling acme v0.3.1 (/home/dev/acme)",
            "    Finished test [unoptimized + debuginfo] target(s) in 9.81s",
            "     Running unittests src/lib.rs",
            "",
            "running 420 tests",
        ],
        [],
    )
    for index in range(420):
        outcome = "FAILED" if index in (99, 310) else "ok"
        lines.append(f"test tests::case_{index} ... {outcome}")
    lines += ["", "failures:", "", "---- tests::case_99 stdout ----"]
    panic = "thread 'tests::case_99' panicked at src/lib.rs:99:9:"
    lines += [panic, "assertion `left == right` failed", "  left: 3", " right: 4"]
    keep += [panic, "assertion `left == right` failed"]
    final = "test result: FAILED. 418 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.42s"
    lines += [
        "",
        "failures:",
        "    tests::case_99",
        "    tests::case_310",
        "",
        final,
        "",
        "error: test failed, to rerun pass `--lib`",
    ]
    keep += [final, "error: test failed, to rerun pass `--lib`"]
    return "\n".join(lines) + "\n", keep


def large_file(rng: random.Random) -> tuple[str, list[str]]:
    lines = ['"""Generated module with many small functions."""', ""]
    for index in range(900):
        lines += [
            f"def handler_{index}(request):",
            f"    return respond(request, code={index})",
            "",
        ]
    lines.append("# end of module")
    return "\n".join(lines) + "\n", [lines[0], "# end of module"]


def main() -> None:
    """Write every corpus file and its must-keep list."""
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261124)
    corpus = {
        "pytest-failures.log": pytest_run, "cmake-build-error.log": build_log,
        "npm-install.log": npm_install, "git-log.txt": git_log,
        "java-stack-trace.txt": stack_trace, "cargo-test-failures.log": cargo_test,
        "large-module.py": large_file,
    }  # fmt: skip
    expectations = {}
    for name, make in corpus.items():
        text, keep = make(rng)
        (OUT / name).write_text(text)
        expectations[name] = keep
    (OUT / "must-keep.json").write_text(json.dumps(expectations, indent=2) + "\n")
    print(f"wrote {len(corpus)} files to {OUT}")


if __name__ == "__main__":
    main()
