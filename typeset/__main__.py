"""`python -m typeset`."""

try:
    from .console import run
except KeyboardInterrupt:  # Ctrl-C while the modules load: leave as the shell expects, without a traceback
    raise SystemExit(130) from None

run()
