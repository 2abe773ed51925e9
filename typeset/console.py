"""The `paiban` console script: the command line loaded under a guard, so that Ctrl-C while it loads is quiet."""


def run() -> None:
    """Load the command line and run it; Ctrl-C while the modules load exits 130 without a traceback."""
    try:
        from .cli import run as run_commands
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    run_commands()
