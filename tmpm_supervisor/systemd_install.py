"""`tmpm service install|uninstall`: write, enable and remove the systemd unit.

The unit templates are the repository's `systemd/` files (packaged in the wheel); the
installer fills in the installed `tmpm` executable, the framework root and the docs folder.
`$TMPM_SYSTEMCTL` names the systemctl binary (tests use a recording stand-in).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_atomic
from .paths import FrameworkRoot, resolve_root

REPO = Path(__file__).resolve().parent.parent


def templates_dir() -> Path:
    """Where the unit templates are: packaged, or the source checkout's `systemd/`."""
    packaged = Path(__file__).parent / "systemd_units"
    return packaged if packaged.is_dir() else REPO / "systemd"


def tmpm_executable() -> str:
    """The installed `tmpm` command (next to this interpreter, else on PATH)."""
    beside = Path(sys.executable).parent / "tmpm"
    if beside.exists():
        return str(beside)
    found = shutil.which("tmpm")
    if found:
        return found
    raise SystemExit("tmpm: cannot find the installed `tmpm` executable")


@dataclass(slots=True)
class Plan:
    """What install or uninstall will do: the unit file, its text and the systemctl calls."""

    unit_path: Path
    unit_text: str
    commands: list[list[str]]
    instance: str


def render_unit(system: bool, root: FrameworkRoot, executable: str) -> str:
    """The unit text with paths filled in."""
    name = "tmpm@.service" if system else "tmpm.service"
    text = (templates_dir() / name).read_text()
    docs = REPO / "docs" if (REPO / "docs").is_dir() else Path(executable).parent
    root_value = "%h/" + os.path.relpath(root.path, Path.home()) if system else str(root.path)
    if system and not str(root.path).startswith(str(Path.home())):
        root_value = str(root.path)
    return (
        text.replace("@TMPM@", shlex.quote(executable))
        .replace("@ROOT@", root_value)
        .replace("@DOCS@", str(docs))
    )


def plan(args: argparse.Namespace) -> Plan:
    """Compute the unit file, its content and the systemctl commands."""
    system = bool(args.system)
    systemctl = os.environ.get("TMPM_SYSTEMCTL", "systemctl")
    scope = [] if system else ["--user"]
    if args.unit_dir:
        unit_dir = Path(args.unit_dir)
    elif system:
        unit_dir = Path("/etc/systemd/system")
    else:
        config_home = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config"))
        unit_dir = config_home / "systemd" / "user"
    file_name = "tmpm@.service" if system else "tmpm.service"
    instance = f"tmpm@{args.account}.service" if system else "tmpm.service"
    root = resolve_root(args.root)
    text = render_unit(system, root, args.tmpm or tmpm_executable())
    if args.action == "install":
        enable = [systemctl, *scope, "enable", *(["--now"] if args.now else []), instance]
        commands = [[systemctl, *scope, "daemon-reload"], enable]
    else:
        commands = [
            [systemctl, *scope, "disable", "--now", instance],
            [systemctl, *scope, "daemon-reload"],
        ]
    return Plan(unit_dir / file_name, text, commands, instance)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `service` options."""
    parser.add_argument("action", choices=["install", "uninstall"], help="what to do")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="a user unit (default)")
    where.add_argument("--system", action="store_true", help="a system unit for --account")
    parser.add_argument("--account", default=os.environ.get("USER", "root"),
                        help="the account a --system unit runs as (default: you)")  # fmt: skip
    parser.add_argument("--now", action="store_true", help="also start (or stop) it now")
    parser.add_argument("--dry-run", action="store_true", help="print what would be done")
    parser.add_argument("--unit-dir", help="where to write the unit (default: systemd's)")
    parser.add_argument("--tmpm", help="path of the tmpm executable to run")


def run(args: argparse.Namespace) -> int:
    """Run `tmpm service install|uninstall`."""
    steps = plan(args)
    if args.dry_run:
        if args.action == "install":
            print(f"# would write {steps.unit_path}:")
            print(steps.unit_text)
        else:
            print(f"# would remove {steps.unit_path}")
        for command in steps.commands:
            print("# would run: " + shlex.join(command))
        return 0
    if args.action == "install":
        write_atomic(steps.unit_path, steps.unit_text.encode(), mode=0o644)
        print(f"wrote {steps.unit_path}")
    for command in steps.commands if args.action == "install" else steps.commands[:1]:
        if _run(command) != 0 and args.action == "install":
            return 1
    if args.action == "uninstall":
        steps.unit_path.unlink(missing_ok=True)
        print(f"removed {steps.unit_path}")
        _run(steps.commands[1])
    elif not args.system:
        print("to keep it running without a login session: loginctl enable-linger $USER")
    return 0


def _run(command: list[str]) -> int:
    print("$ " + shlex.join(command))
    try:
        return subprocess.run(command, check=False, timeout=60).returncode
    except FileNotFoundError:
        print(f"tmpm: {command[0]} not found", file=sys.stderr)
        return 127
