"""The command line: build, preview, check, rebuild. Exit 0 on success, 1 on bad input, 2 on bad usage."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .diagnostics import SourceError


def default_output(source: Path, suffix: str = ".pdf") -> Path:
    """build/<name>.pdf beside the working folder."""
    return Path("build") / f"{source.stem}{suffix}"


def fail(error: SourceError) -> None:
    """Print positioned errors and exit with status 1."""
    for diagnostic in error.diagnostics:
        click.echo(str(diagnostic), err=True)
    count = len(error.diagnostics)
    click.echo(f"{count} error{'s' if count != 1 else ''}; nothing was written", err=True)
    sys.exit(1)


@click.group()
@click.version_option(package_name="typeset")
def main() -> None:
    """Typeset Chinese government bulletins from YAML sources into print-ready PDFs."""


@main.command()
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="where to write the PDF (default: build/<name>.pdf)")
def build(source: Path, output: Path | None) -> None:
    """Build one issue into a print-ready PDF."""
    from .build import build as build_issue

    target = output or default_output(source)
    try:
        built = build_issue(source, target)
    except SourceError as error:
        fail(error)
    for warning in built.warnings:
        click.echo(str(warning), err=True)
    click.echo(f"{target}: {built.pages} pages, {len(built.warnings)} warnings, {built.seconds:.2f} s")
