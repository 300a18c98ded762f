"""The `tmpm` command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `tmpm` command; return its exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["hook"]:
        # The forwarder runs on every hook call: it must not import the service stack.
        from .forwarder import main as hook_main

        return hook_main(args[1:])
    parser = build_parser()
    namespace = parser.parse_args(args)
    if not getattr(namespace, "func", None):
        parser.print_help()
        return 2
    return int(namespace.func(namespace) or 0)


def build_parser(with_plugins: bool = True) -> argparse.ArgumentParser:
    """Build the argument parser, including sub-commands contributed by plugins."""
    parser = argparse.ArgumentParser(
        prog="tmpm", description="Supervisor for AI coding-agent sessions."
    )
    parser.add_argument("--version", action="version", version=f"tmpm {__version__}")
    parser.add_argument(
        "--root", help="framework root (default: $TMPM_ROOT or ~/.tmpm)", default=None
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = sub.add_parser("serve", help="run the supervisor in the foreground")
    serve.add_argument("--host", help="bind address (default from supervisor config)")
    serve.add_argument("--port", type=int, help="port (default from supervisor config)")
    serve.add_argument("--log-format", choices=["auto", "journal", "plain", "json"], default="auto")
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(func=cmd_serve)

    init = sub.add_parser("init", help="create the framework root with default config")
    init.set_defaults(func=cmd_init)

    config = sub.add_parser("config", help="config commands")
    config_sub = config.add_subparsers(dest="config_command", metavar="ACTION")
    check = config_sub.add_parser("check", help="validate config and plugins like the service")
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.set_defaults(func=cmd_config_check)

    reload = sub.add_parser("reload", help="ask the running supervisor to reload")
    reload.add_argument("--url", help="API base URL (default from config)")
    reload.set_defaults(func=cmd_reload)

    status = sub.add_parser("status", help="show the running supervisor's status")
    status.add_argument("--url", help="API base URL (default from config)")
    status.set_defaults(func=cmd_status)

    sub.add_parser("hook", help="forward a hook payload from stdin (used by Claude Code)")

    from . import install_hooks, systemd_install

    install = sub.add_parser("install-hooks", help="wire Claude Code settings to the supervisor")
    install_hooks.add_arguments(install)
    install.set_defaults(func=install_hooks.run)

    service = sub.add_parser("service", help="install or remove the systemd unit")
    systemd_install.add_arguments(service)
    service.set_defaults(func=systemd_install.run)

    if with_plugins:
        _add_plugin_commands(sub)
    return parser


def _add_plugin_commands(sub: argparse._SubParsersAction) -> None:
    import pluggy

    from . import hookspecs
    from .plugin_api import PROJECT_NAME
    from .plugin_sources import load_entry_point_plugins

    sources, _ = load_entry_point_plugins()
    pm = pluggy.PluginManager(PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    for source in sources:
        try:
            pm.register(source.obj, name=source.name)
        except Exception as exc:  # a broken plugin must not break the CLI
            print(f"tmpm: plugin {source.name} not loaded: {exc}", file=sys.stderr)
    pm.hook.tmpm_add_cli_commands(subparsers=sub)


def _root(args: argparse.Namespace):
    from .paths import resolve_root

    return resolve_root(args.root)


def cmd_serve(args: argparse.Namespace) -> int:
    """`tmpm serve`: run the service in the foreground until SIGTERM/SIGINT."""
    import trio

    from .config_files import ConfigError
    from .logging_setup import setup_logging
    from .service import run_service

    setup_logging(args.log_format, args.log_level)
    try:
        trio.run(lambda: run_service(_root(args), host=args.host, port=args.port))
    except ConfigError as exc:
        print("tmpm: the config is invalid, not starting:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """`tmpm init`: create the root layout, default config files and the API token."""
    from .paths import init_root

    root = _root(args)
    report = init_root(root)
    print(f"framework root: {root.path}")
    for path in report.written:
        print(f"  wrote {path}")
    for path in report.kept:
        print(f"  kept  {path} (already there)")
    print(f"  token {root.token_file} ({'created' if report.token_created else 'kept'})")
    return 0


def cmd_config_check(args: argparse.Namespace) -> int:
    """`tmpm config check`: run the service's own validator; exit 1 on problems."""
    from .config_check import check_root

    root = _root(args)
    result = check_root(root)
    if args.json:
        print(json.dumps(result, indent=2))
    elif result["ok"]:
        print(f"ok: {root.path} ({len(result['plugins'])} plugins: {', '.join(result['plugins'])})")
        for warning in result["warnings"]:
            print(f"warning: {warning}")
    else:
        for error in result["errors"]:
            print(f"error: {error}", file=sys.stderr)
    return 0 if result["ok"] else 1


def _print_api(args: argparse.Namespace, method: str, path: str) -> int:
    from .api_client import ApiUnavailable, call_api

    try:
        response = call_api(_root(args), method, path, url=args.url)
    except ApiUnavailable as exc:
        print(f"tmpm: {exc}", file=sys.stderr)
        return 3
    print(json.dumps(response.body, indent=2))
    return 0 if response.status < 400 else 1


def cmd_reload(args: argparse.Namespace) -> int:
    """`tmpm reload`: POST /reload; exit 1 if the new config was rejected."""
    return _print_api(args, "POST", "/reload")


def cmd_status(args: argparse.Namespace) -> int:
    """`tmpm status`: GET /status."""
    return _print_api(args, "GET", "/status")


if __name__ == "__main__":
    sys.exit(main())
