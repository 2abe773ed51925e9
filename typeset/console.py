"""The `paiban` console script: the command line loaded under a guard, so that Ctrl-C while it loads is quiet."""


def run() -> None:
    """Load the command line and run it; Ctrl-C while the modules load exits 130 without a traceback."""
    try:
        from .cli import run as run_commands
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except RuntimeError as error:
        if isinstance(signal_behind(error), KeyboardInterrupt):
            raise SystemExit(130) from None
        raise
    run_commands()


def signal_behind(error: BaseException) -> BaseException | None:
    """The Ctrl-C or signal exit that an error stands for, if any: Python 3.11 reports one that arrives
    while a class is being made (a dataclass's fields, in __set_name__) as a RuntimeError caused by it."""
    cause = error.__cause__
    while cause is not None:
        if isinstance(cause, (KeyboardInterrupt, SystemExit)):
            return cause
        cause = cause.__cause__
    return None
