"""Shell command analysis with tree-sitter-bash: every simple command a command line would run.

The policy matches rules against these simple commands, never against the raw string, so a
dangerous command cannot hide behind rephrasing: every command in pipelines, lists, subshells,
functions, command and process substitutions is found; wrappers (`sudo`, `env`, `nice`,
`timeout`, `xargs`, `command`, `exec`, `nohup`, `find -exec`, ...) are unwrapped; code strings
(`bash -c`, `sh -c`, `eval`, `su -c`, `ssh host cmd`, `watch`, and string literals inside
`python -c`/`perl -e`/`node -e` code) are parsed recursively; quoting and escapes in program
names and arguments are resolved (`'r''m'`, `\\rm`, `"/bin/rm"`, `$'\\x72m'`).

tree-sitter-bash is used rather than bashlex (GPL-3 and unmaintained, fails on much modern
syntax) or shlex (no notion of pipelines, substitutions or control flow).
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass, field

import tree_sitter
import tree_sitter_bash

_PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))
MAX_DEPTH = 5
MAX_LENGTH = 100_000
DYNAMIC = "\x00dynamic"  # marks a word whose value is only known at run time
STDIN_WORDS = "<stdin>"  # the words xargs appends from its input

SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "fish", "ash", "busybox-sh"})
CODE_RUNNERS = {  # interpreter -> flag that takes inline code
    "python": "-c", "python2": "-c", "python3": "-c", "perl": "-e", "ruby": "-e",
    "node": "-e", "nodejs": "-e", "php": "-r",
}  # fmt: skip
# Wrapper -> (options that take a value, number of leading positional words before the command)
WRAPPERS: dict[str, tuple[frozenset[str], int]] = {
    "sudo": (frozenset({"-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T"}), 0),
    "doas": (frozenset({"-u", "-C"}), 0),
    "env": (frozenset({"-u", "-C", "--unset", "--chdir"}), 0),
    "nice": (frozenset({"-n", "--adjustment"}), 0),
    "ionice": (frozenset({"-c", "-n", "-p", "-P", "-u", "--class", "--classdata"}), 0),
    "timeout": (frozenset({"-s", "-k", "--signal", "--kill-after"}), 1),
    "xargs": (frozenset({"-I", "-i", "-n", "-P", "-d", "-L", "-l", "-s", "-E", "-e", "-a",
                          "--max-args", "--max-procs", "--delimiter", "--arg-file"}), 0),
    "command": (frozenset(), 0),
    "builtin": (frozenset(), 0),
    "exec": (frozenset({"-a"}), 0),
    "nohup": (frozenset(), 0),
    "time": (frozenset({"-f", "-o", "--format", "--output"}), 0),
    "stdbuf": (frozenset({"-i", "-o", "-e"}), 0),
    "setsid": (frozenset(), 0),
    "unbuffer": (frozenset(), 0),
    "chrt": (frozenset(), 1),
    "taskset": (frozenset(), 1),
    "chroot": (frozenset({"--userspec", "--groups"}), 1),
    "flock": (frozenset({"-w", "-E", "--timeout", "--conflict-exit-code"}), 1),
    "runuser": (frozenset({"-u", "-g", "-G", "--user", "--group"}), 0),
    "busybox": (frozenset(), 0),
    "strace": (frozenset({"-e", "-o", "-p", "-s", "-u"}), 0),
    "catchsegv": (frozenset(), 0),
    "proxychains": (frozenset({"-f"}), 0),
    "torsocks": (frozenset(), 0),
    "sg": (frozenset(), 1),
}  # fmt: skip
SSH_VALUE_OPTIONS = frozenset(
    [
        "-b",
        "-c",
        "-D",
        "-E",
        "-e",
        "-F",
        "-I",
        "-i",
        "-J",
        "-L",
        "-l",
        "-m",
        "-O",
        "-o",
        "-p",
        "-Q",
        "-R",
        "-S",
        "-W",
        "-w",
    ]
)


@dataclass(frozen=True, slots=True)
class SimpleCommand:
    """One command that would run: its program (basename, resolved) and its arguments."""

    program: str
    args: tuple[str, ...]
    dynamic_program: bool = False
    via: str = ""  # the wrapper chain it was found behind, e.g. "sudo>bash -c"


@dataclass(slots=True)
class Analysis:
    """Everything found in one command line."""

    commands: list[SimpleCommand] = field(default_factory=list)
    pipelines: list[list[str]] = field(default_factory=list)  # program names per pipeline
    redirects: list[str] = field(default_factory=list)  # write-redirect targets
    parse_error: bool = False
    dynamic_code: list[str] = field(default_factory=list)  # code only known at run time

    @property
    def dynamic(self) -> bool:
        """True when some program name or executed code cannot be known before running."""
        return bool(self.dynamic_code) or any(c.dynamic_program for c in self.commands)


def analyze(command: str) -> Analysis:
    """Analyze a shell command line; never raises (unparseable input sets `parse_error`)."""
    analysis = Analysis()
    if len(command) > MAX_LENGTH:
        analysis.parse_error = True
        return analysis
    _analyze_into(command, analysis, depth=0, via="")
    return analysis


def _analyze_into(source: str, analysis: Analysis, depth: int, via: str) -> None:
    if depth > MAX_DEPTH:
        analysis.parse_error = True
        return
    data = source.encode("utf-8", "surrogatepass")
    tree = _PARSER.parse(data)
    if tree.root_node.has_error:
        analysis.parse_error = True
    _walk(tree.root_node, analysis, depth, via)


def _walk(node: tree_sitter.Node, analysis: Analysis, depth: int, via: str) -> None:
    kind = node.type
    if kind == "command":
        _command(node, analysis, depth, via)
    elif kind == "pipeline":
        names = []
        for child in node.named_children:
            inner = child
            while inner.type == "redirected_statement" and inner.named_children:
                inner = inner.named_children[0]
            if inner.type == "command":
                name_node = inner.child_by_field_name("name")
                if name_node is not None:
                    names.append(os.path.basename(_value(name_node)))
        analysis.pipelines.append(names)
    elif kind == "file_redirect":
        _redirect(node, analysis)
    for child in node.children:
        _walk(child, analysis, depth, via)


def _redirect(node: tree_sitter.Node, analysis: Analysis) -> None:
    operators = [c.type for c in node.children if not c.is_named]
    if any(op in (">", ">>", ">|", "&>", "&>>", "<>", ">&") for op in operators):
        destination = node.child_by_field_name("destination")
        if destination is None and node.named_children:
            destination = node.named_children[-1]
        if destination is not None:
            analysis.redirects.append(_value(destination))


def _command(node: tree_sitter.Node, analysis: Analysis, depth: int, via: str) -> None:
    name_node = node.child_by_field_name("name")
    if name_node is None:
        return
    words = [_value(name_node)]
    for child in node.children_by_field_name("argument"):
        words.append(_value(child))
    _add_command(words, analysis, depth, via)


def _add_command(words: list[str], analysis: Analysis, depth: int, via: str) -> None:
    if not words:
        return
    raw_program = words[0]
    dynamic = raw_program.startswith(DYNAMIC) or raw_program.startswith("$")
    program = "" if dynamic else os.path.basename(raw_program)
    args = tuple(words[1:])
    analysis.commands.append(SimpleCommand(program, args, dynamic, via))
    if dynamic:
        return
    _unwrap(program, list(args), analysis, depth, via)


def _unwrap(program: str, args: list[str], analysis: Analysis, depth: int, via: str) -> None:
    chain = f"{via}>{program}" if via else program
    if program in SHELLS or program in ("eval", "source", "."):
        _shell(program, args, analysis, depth, chain)
        return
    if program in CODE_RUNNERS:
        _code_runner(program, args, analysis, depth, chain)
        return
    if program in ("su", "watch"):
        _string_runner(program, args, analysis, depth, chain)
        return
    if program == "ssh":
        rest = _after_options(args, SSH_VALUE_OPTIONS, leading=1)
        if rest:
            _analyze_into(" ".join(rest), analysis, depth + 1, f"{chain} remote")
        return
    if program == "find":
        _find_exec(args, analysis, depth, chain)
        return
    if program in WRAPPERS:
        value_options, leading = WRAPPERS[program]
        rest = _after_options(args, value_options, leading, env=program == "env")
        if program == "env" and any(a in ("-S", "--split-string") for a in args):
            index = max(i for i, a in enumerate(args) if a in ("-S", "--split-string"))
            if index + 1 < len(args):
                _analyze_into(" ".join(args[index + 1 :]), analysis, depth + 1, chain)
            return
        if rest:
            if program == "xargs":
                rest = [*rest, STDIN_WORDS]
            _add_command(rest, analysis, depth, chain)


def _after_options(
    args: list[str], value_options: frozenset[str], leading: int = 0, env: bool = False
) -> list[str]:
    """The words after a wrapper's own options (and `leading` positional words)."""
    index = 0
    while index < len(args):
        word = args[index]
        if word == "--":
            index += 1
            break
        if env and "=" in word and not word.startswith("-"):
            index += 1
            continue
        if word.startswith("-") and len(word) > 1:
            name = word.split("=", 1)[0]
            if name in value_options and "=" not in word:
                index += 2
            else:
                index += 1
            continue
        break
    rest = args[index:]
    return rest[leading:]


def _shell(program: str, args: list[str], analysis: Analysis, depth: int, chain: str) -> None:
    if program == "eval":
        code = " ".join(args)
        if DYNAMIC in code:
            analysis.dynamic_code.append(f"eval {code}")
        _analyze_into(code.replace(DYNAMIC, ""), analysis, depth + 1, chain)
        return
    if program in ("source", "."):
        if args and (args[0].startswith(DYNAMIC) or args[0].startswith("/dev/fd")):
            analysis.dynamic_code.append(f"{program} {args[0]}")
        return
    for index, word in enumerate(args):
        if word.startswith("-") and not word.startswith("--") and "c" in word[1:]:
            if index + 1 < len(args):
                code = args[index + 1]
                if code.startswith(DYNAMIC):
                    analysis.dynamic_code.append(f"{program} -c {code}")
                _analyze_into(code.replace(DYNAMIC, ""), analysis, depth + 1, f"{chain} -c")
            return
        if word.startswith(DYNAMIC) or word.startswith("/dev/fd") or word.startswith("/dev/stdin"):
            analysis.dynamic_code.append(f"{program} {word}")
            return
        if not word.startswith("-"):
            return  # a script file: its content is not known here


def _code_runner(program: str, args: list[str], analysis: Analysis, depth: int, chain: str) -> None:
    flag = CODE_RUNNERS[program]
    for index, word in enumerate(args):
        if word == flag or (word.startswith("-") and word.endswith(flag[1]) and len(word) <= 3):
            if index + 1 < len(args):
                for literal in _string_literals(args[index + 1]):
                    _analyze_into(literal, analysis, depth + 1, f"{chain} {flag}")
            return


_LITERAL = re.compile(r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`""")


def _string_literals(code: str) -> list[str]:
    """Quoted string literals in another language's code (where shell commands hide)."""
    found = []
    for match in _LITERAL.finditer(code):
        text = next(group for group in match.groups() if group is not None)
        if len(text) > 1:
            found.append(text)
    # os.system(['rm', '-rf', '/']) style lists: also try the literals joined.
    if len(found) > 1:
        found.append(" ".join(found))
    return found


def _string_runner(
    program: str, args: list[str], analysis: Analysis, depth: int, chain: str
) -> None:
    if program == "su":
        for index, word in enumerate(args):
            if word in ("-c", "--command") and index + 1 < len(args):
                _analyze_into(args[index + 1], analysis, depth + 1, f"{chain} -c")
                return
        return
    rest = _after_options(args, frozenset({"-n", "--interval", "-d"}))
    if rest:
        _analyze_into(" ".join(rest), analysis, depth + 1, chain)


def _find_exec(args: list[str], analysis: Analysis, depth: int, chain: str) -> None:
    roots = []
    for word in args:
        if word.startswith(("-", "(", "!")):
            break
        roots.append(word)
    roots = roots or ["."]
    index = 0
    while index < len(args):
        if args[index] in ("-exec", "-execdir", "-ok", "-okdir"):
            end = index + 1
            while end < len(args) and args[end] not in (";", "\\;", "+"):
                end += 1
            command = args[index + 1 : end]
            # `{}` stands for what find found: every path below its starting points.
            for root in roots:
                expanded = [root if word == "{}" else word for word in command]
                _add_command(expanded, analysis, depth, f"{chain} {args[index]}")
            index = end
        elif args[index] == "-delete":
            analysis.commands.append(SimpleCommand("find-delete", tuple(args), False, chain))
        index += 1


# Word values ------------------------------------------------------------------------------


def _value(node: tree_sitter.Node) -> str:
    """The shell value of a word node (quotes and escapes resolved; run-time parts marked)."""
    kind = node.type
    text = node.text.decode("utf-8", "replace")
    if kind == "command_name":
        return "".join(_value(c) for c in node.named_children) or text
    if kind == "word":
        return re.sub(r"\\(.)", r"\1", text)
    if kind == "raw_string":
        return text[1:-1]
    if kind == "ansi_c_string":
        return _ansi_c(text[2:-1])
    if kind in ("string", "translated_string"):
        parts = []
        for child in node.named_children:
            if child.type == "string_content":
                parts.append(re.sub(r'\\([$`"\\\n])', r"\1", child.text.decode("utf-8", "replace")))
            else:
                parts.append(_value(child))
        return "".join(parts)
    if kind == "concatenation":
        return "".join(_value(c) for c in node.children)
    if kind in ("simple_expansion", "expansion"):
        name = text.strip("${}")
        if name == "HOME":
            return "$HOME"
        return DYNAMIC + text
    if kind in ("command_substitution", "process_substitution", "arithmetic_expansion"):
        return DYNAMIC + text
    return text


def _ansi_c(body: str) -> str:
    try:
        return codecs.decode(body.encode("latin-1", "backslashreplace"), "unicode_escape")
    except (UnicodeDecodeError, ValueError):
        return body
