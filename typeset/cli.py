"""The command line: build, preview, check, rebuild. Exit 0 on success, 1 on bad input, 2 on bad usage."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .diagnostics import SourceError
from .tempfiles import exits_on_sigterm


def default_output(source: Path, suffix: str = ".pdf") -> Path:
    """build/<name>.pdf beside the working folder."""
    return Path("build") / f"{source.stem}{suffix}"


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name the same file, compared by identity when both exist."""
    try:
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except OSError:
        return False


def refuse_output(source: Path, output: Path, suffixes: tuple[str, ...]) -> None:
    """Refuse an output that would overwrite the source, its publication.yaml or another kind of file."""
    from .i18n import _

    for kept in (source, source.parent / "publication.yaml"):
        if same_file(output, kept):
            raise click.UsageError(_("-o {output} is an input of the build; give another file").format(output=output))
    if output.exists() and output.resolve().is_file() and output.resolve().suffix.lower() not in suffixes:
        raise click.UsageError(_("-o {output} exists and is not a {kinds} file; it was left unchanged").format(
            output=output, kinds="/".join(s.lstrip(".").upper() for s in suffixes)))


def fail(error: SourceError) -> None:
    """Print positioned errors and exit with status 1."""
    for diagnostic in error.diagnostics:
        click.echo(str(diagnostic), err=True)
    count = len(error.diagnostics)
    click.echo(f"{count} error{'s' if count != 1 else ''}; nothing was written", err=True)
    sys.exit(1)


class Commands(click.Group):
    """The command group: a file that cannot be read or written is an error message, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OSError as error:
            place = f"{error.filename}: " if error.filename else ""
            click.echo(f"{place}error: {error.strerror or error}", err=True)
            click.echo("check that the folder exists and can be written; nothing was changed", err=True)
            ctx.exit(1)


@click.group(cls=Commands)
@click.version_option(package_name="paiban", prog_name="paiban")
def main() -> None:
    """Typeset Chinese government bulletins from YAML sources into print-ready PDFs."""


def run() -> None:
    """The console entry point: run a command, then leave without tearing down the heap.

    Every output file is written, flushed and closed before a command returns; skipping
    the interpreter's teardown of the loaded fonts saves about a fifth of a short build.
    """
    code = 0
    try:
        main.main(prog_name="paiban", standalone_mode=True)
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else int(leaving.code is not None)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


@main.command()
@exits_on_sigterm
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="where to write the PDF (default: build/<name>.pdf)")
@click.option("--strict", is_flag=True, help="count warnings as errors, as check --strict does")
def build(source: Path, output: Path | None, strict: bool) -> None:
    """Build one issue into a print-ready PDF."""
    from .build import OutputIsInput, build as build_issue

    target = output or default_output(source)
    refuse_output(source, target, (".pdf",))
    try:
        built = build_issue(source, target, strict=strict)
    except OutputIsInput as error:
        raise click.UsageError(error.diagnostics[0].message) from None
    except SourceError as error:
        fail(error)
    for warning in built.warnings:
        click.echo(str(warning), err=True)
    click.echo(built.summary())


@main.command()
@exits_on_sigterm
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--page", "page", type=click.IntRange(min=1), multiple=True, help="a page to preview; may be repeated")
@click.option("--pages", "page_list", metavar="LIST", help="pages to preview, e.g. 2,4-5 (default: every page)")
@click.option("--dpi", type=click.FloatRange(min=18, max=1200), default=110, show_default=True,
              help="resolution of the PNG")
@click.option("--pdf", "as_pdf", is_flag=True, help="write each page as a PDF of its own instead of a PNG")
@click.option("-o", "--output", metavar="PATH",
              help="one page: the file to write. Several pages: a folder (existing, or ending in /) "
                   "that gets <name>-p<N>.png, or a pattern with {page}, e.g. proofs/p{page}.png "
                   "(default: build/<name>-p<N>.png)")
def preview(source: Path, page: tuple[int, ...], page_list: str | None, dpi: float, as_pdf: bool,
            output: str | None) -> None:
    """Render pages of an issue to PNG from the PDF the build writes, to see exactly what will print."""
    from .build import OutputIsInput
    from .preview import PageError, asked_pages, preview as preview_pages

    if output and "{page}" not in output:
        refuse_output(source, Path(output), (".png", ".pdf"))
    try:
        previewed = preview_pages(source, asked_pages(page, page_list), output, dpi, as_pdf)
    except PageError as error:
        raise click.UsageError(str(error)) from None
    except OutputIsInput as error:
        raise click.UsageError(error.diagnostics[0].message) from None
    except SourceError as error:
        fail(error)
    for warning in previewed.warnings:
        click.echo(str(warning), err=True)
    for number, target in previewed.files.items():
        click.echo(f"{target}: page {number} of {previewed.pages}")


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="count warnings as errors")
@click.option("--format", "output_format", type=click.Choice(["human", "json"]), default="human", show_default=True,
              help="one finding per line with a hint, or a JSON list for tools")
def check(sources: tuple[Path, ...], strict: bool, output_format: str) -> None:
    """Check issues without writing a PDF: what the build refuses, plus the editor's checklist.

    Exit 0 when no file has an error (warnings allowed), 1 when one has.
    """
    import json

    from .check import check as check_issues

    findings = check_issues(list(sources), strict)
    errors = sum(d.severity == "error" for d in findings)
    if output_format == "json":
        click.echo(json.dumps([d.as_dict() for d in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        click.echo(f"{len(sources)} file{'s' if len(sources) != 1 else ''} checked: "
                   f"{errors} error{'s' if errors != 1 else ''}, "
                   f"{len(findings) - errors} warning{'s' if len(findings) - errors != 1 else ''}")
    sys.exit(1 if errors else 0)


@main.command()
@exits_on_sigterm
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="where to write the PDF (default: build/<name>.pdf)")
@click.option("--page", "page", type=click.IntRange(min=1), multiple=True,
              help="also preview this page as <name>-p<N>.png beside the PDF; may be repeated")
@click.option("--pages", "page_list", metavar="LIST", help="also preview these pages, e.g. 2,4-5")
@click.option("--dpi", type=click.FloatRange(min=18, max=1200), default=110, show_default=True,
              help="resolution of the previews")
def watch(source: Path, output: Path | None, page: tuple[int, ...], page_list: str | None, dpi: float) -> None:
    """Build the issue now and again whenever it or its publication.yaml is saved; Ctrl-C stops.

    Each build prints its summary line, or its positioned errors and keeps watching.
    """
    from .preview import PageError, asked_pages
    from .watch import preview_files, rebuild, watch as watch_files, watched_files

    target = output or default_output(source)
    try:
        previews = preview_files(source, target, asked_pages(page, page_list))
    except PageError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"watching {', '.join(map(str, watched_files(source)))}; Ctrl-C stops", err=True)
    watch_files(watched_files(source), lambda: rebuild(source, target, previews, dpi, click.echo))


@main.command()
@click.option("--kind", type=click.Choice(["issue", "publication"]), default="issue", show_default=True,
              help="the schema of an issue file or of publication.yaml")
def schema(kind: str) -> None:
    """Print the JSON Schema of the source format, for editors that check YAML as you type."""
    from .schema import dumps, schema as source_schema

    click.echo(dumps(source_schema(kind)), nl=False)


@main.command("rebuild")
@click.argument("archive", default="issues", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-o", "--output", "out", default="build", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="the folder of the PDFs")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="worker processes (default: one per core)")
@click.option("--force", is_flag=True, help="rebuild every issue, changed or not")
def rebuild_archive(archive: Path, out: Path, jobs: int | None, force: bool) -> None:
    """Build every issue of an archive folder (default issues/) in parallel, skipping those up to date.

    Exit 0 when every issue is built, 1 when one failed, the numbering has an error or the output folder is busy.
    """
    from .archive import CannotRun, Interrupted, cores, rebuild
    from .progress import Progress

    try:
        summary = rebuild(archive, out, jobs or cores(), force, Progress(sys.stderr))
    except CannotRun as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    except Interrupted as stop:
        click.echo(f"interrupted by {stop}: the finished PDFs are recorded; run again to finish", err=True)
        sys.exit(128 + stop.signum)
    for note in summary.notes():
        click.echo(note, err=True)
    click.echo("\n".join(summary.lines()))
    sys.exit(0 if summary.ok() else 1)
