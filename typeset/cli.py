"""The command line: build, preview, check, rebuild. Exit 0 on success, 1 on bad input, 2 on bad usage."""

from __future__ import annotations

import contextlib
import errno
import functools
import gc
import os
import re
import sys
from pathlib import Path

import click

from .console import signal_behind
from .diagnostics import SourceError
from .i18n import N_, LANGUAGES, _, ngettext, set_language
from .files import exits_on_signals, leave_if_ended, same_file


def default_output(source: Path, suffix: str = ".pdf") -> Path:
    """build/<name>.pdf beside the issue's archive folder, wherever the command runs."""
    from .files import default_output as beside_archive

    return beside_archive(source, suffix)


def refuse_output(source: Path, output: Path, suffixes: tuple[str, ...]) -> None:
    """Refuse an output that would overwrite the source, its publication.yaml or another kind of file."""
    if output.is_dir():  # -o "" is the working folder
        raise click.UsageError(_("-o {output} is a folder; give the name of a file").format(output=output))
    for kept in (source, source.parent / "publication.yaml"):
        if same_file(output, kept):
            raise click.UsageError(_("-o {output} is an input of the build; give another file").format(output=output))
    if output.exists() and output.resolve().is_file() and output.resolve().suffix.lower() not in suffixes:
        raise click.UsageError(_("-o {output} exists and is not a {kinds} file; it was left unchanged").format(
            output=output, kinds="/".join(s.lstrip(".").upper() for s in suffixes)))


def fail(error: SourceError) -> None:
    """Print positioned errors and exit with status 1."""
    from .build import count_errors

    for diagnostic in error.diagnostics:
        click.echo(str(diagnostic), err=True)
    click.echo(_("{errors}; nothing was written").format(errors=count_errors(len(error.diagnostics))), err=True)
    sys.exit(1)


# ---------------------------------------------------------------- help in the user's language

def asked_language(args: list[str]) -> str | None:
    """The value of --lang anywhere on the command line, read before click parses it."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def translated(method):
    """Run a click formatting method with the object's help texts in the user's language."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        kept = {name: getattr(self, name, None) for name in ("help", "short_help", "epilog")}
        for name, text in kept.items():
            if text:
                setattr(self, name, _(text))
        try:
            return method(self, *args, **kwargs)
        finally:
            for name, text in kept.items():
                setattr(self, name, text)

    return wrapper


class Option(click.Option):
    """An option whose help is translated when shown."""

    get_help_record = translated(click.Option.get_help_record)


def lang_option(function):
    """--lang on every command, so it may stand anywhere on the line (it is read before parsing)."""
    return click.option("--lang", type=click.Choice(sorted(LANGUAGES)), expose_value=False, is_eager=True,
                        cls=Option, help=N_("language of messages: zh (default) or en; or set PAIBAN_LANG"))(function)


# The words of a usage line, as click writes them, for the catalog.
USAGE_WORDS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("SOURCE"), N_("SOURCES..."), N_("[ARCHIVE]"),
               N_("SUBMISSION"))


class Translated:
    """Help texts translated when shown, the help option's too (click builds it once and keeps it)."""

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [_(piece) for piece in super().collect_usage_pieces(ctx)]

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class Command(Translated, click.Command):
    """A command whose help texts are translated when shown, and which reports running out of memory."""

    format_help_text = translated(click.Command.format_help_text)
    format_epilog = translated(click.Command.format_epilog)

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first clause of the help, in the user's language, for the list of commands."""
        described = self.short_help or self.help
        text = _(described) if described else ""
        return re.split(r"[。：；]|[.:;](?:\s|$)", text, maxsplit=1)[0]

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except MemoryError:
            pass  # reported outside this block, once the frames the error holds, and their data, are let go
        except OSError as error:
            if error.errno != errno.ENOMEM:  # the system out of memory for a write: as MemoryError
                raise
        out_of_memory(ctx.params)


YAML = (".yaml", ".yml")  # sources whose lines a message can show


def out_of_memory(params: dict) -> None:
    """Say that memory ran out, at the longest line of the file the command read, and exit with status 1."""
    from .diagnostics import Diagnostic, longest_line

    gc.collect()  # what the failed step held is garbage now; the message needs a little memory
    read = next((params[name] for name in ("source", "submission", "archive") if params.get(name)), None)
    try:
        place = longest_line(read) if read is not None and read.suffix in YAML and read.is_file() else None
        message = _("memory ran out while working on {file}").format(file=read) if read else _("memory ran out")
        hint = _("split the longest paragraph (its line is shown), or the source, into smaller ones and run again; "
                 "nothing was written") if place else \
            _("split the longest paragraph, or the source, into smaller ones and run again; nothing was written")
        click.echo(str(Diagnostic("error", place, message, hint, "memory")), err=True)
    except MemoryError:  # not even the message fits: say it without the source line
        os.write(2, (_("memory ran out") + "\n").encode())
    sys.exit(1)


class Commands(Translated, click.Group):
    """The command group: messages in the user's language, and a file that cannot be read or
    written is an error message, not a traceback."""

    command_class = Command
    format_help_text = translated(click.Group.format_help_text)

    def main(self, args=None, *rest, **kwargs):
        arguments = list(sys.argv[1:] if args is None else args)
        set_language(asked_language(arguments))
        return super().main(arguments, *rest, **kwargs)

    def make_context(self, *args, **kwargs) -> click.Context:
        with quiet_interrupt():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            with quiet_interrupt():
                return super().invoke(ctx)
        except OSError as error:
            place = f"{error.filename}: " if error.filename else ""
            click.echo(place + _("error: {message}").format(message=error.strerror or error), err=True)
            click.echo(_("check that the folder exists and can be written; nothing was changed"), err=True)
            ctx.exit(1)


option = functools.partial(click.option, cls=Option)


@contextlib.contextmanager
def quiet_interrupt():
    """Ctrl-C leaves with status 130, as the shell expects, rather than click's 'Aborted!' and 1."""
    try:
        yield
    except KeyboardInterrupt:
        leave_if_ended()  # a SIGTERM or SIGHUP that a library reported as Ctrl-C
        sys.exit(130)
    except RuntimeError as error:  # a signal while a module was loading, reported as the class it was making
        behind = signal_behind(error)
        if isinstance(behind, KeyboardInterrupt):
            leave_if_ended()
            sys.exit(130)
        if isinstance(behind, SystemExit):
            raise behind from None
        raise


def finite(_ctx: click.Context, _param: click.Parameter, value: float) -> float:
    """Refuse nan, which every range lets through."""
    if value != value:
        raise click.BadParameter(_("{value} is not a number").format(value=value))
    return value


@click.group(cls=Commands, help=N_("Typeset Chinese government bulletins from YAML sources into print-ready PDFs."))
@click.version_option(package_name="paiban", prog_name="paiban", cls=Option, help=N_("Show the version and exit."))
@lang_option
def main() -> None:
    """The paiban command group."""


def run() -> None:
    """The console entry point: run a command, then leave without tearing down the heap.

    Every output file is written, flushed and closed before a command returns; skipping
    the interpreter's teardown of the loaded fonts saves about a fifth of a short build.
    """
    # A build makes hundreds of thousands of small tuples (glyphs, pieces) and frees them
    # without cycles; the collector's default pace re-scans the growing heap all along.
    gc.set_threshold(100_000, 50, 100)
    code = 0
    guard_standard_streams()
    try:
        main.main(prog_name="paiban", standalone_mode=True)
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else int(leaving.code is not None)
    except KeyboardInterrupt:  # Ctrl-C before click took over
        code = 130
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


LOST_READER = (errno.EPIPE, errno.EBADF, errno.EINVAL)  # a closed pipe, a closed descriptor


class Unheard:
    """A text stream whose output is dropped once nobody reads it (a closed pipe or descriptor):
    what the command did stands and its exit status says how it went."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        self._quietly(lambda: self.stream.write(text))
        return len(text)

    def flush(self) -> None:
        self._quietly(self.stream.flush)

    def _quietly(self, action) -> None:
        """Do a write or flush; if the reader is gone, point the descriptor at /dev/null from now on."""
        try:
            action()
        except OSError as error:
            if error.errno not in LOST_READER:
                raise
            to_nowhere(self.stream.fileno())
            self.stream = open(os.devnull, "w", encoding="utf-8")

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def to_nowhere(descriptor: int) -> None:
    """Point a file descriptor at /dev/null."""
    nowhere = os.open(os.devnull, os.O_RDWR)
    if nowhere != descriptor:
        os.dup2(nowhere, descriptor)
        os.close(nowhere)


def guard_standard_streams() -> None:
    """Standard streams that may be closed or lose their reader, without a traceback.

    A descriptor 0, 1 or 2 closed at start is opened on /dev/null first, so that no file
    the build opens later takes its number and receives what is printed.
    """
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            to_nowhere(descriptor)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name) or open(os.devnull, "w", encoding="utf-8")
        setattr(sys, name, Unheard(stream))


@main.command(help=N_("Build one issue into a print-ready PDF."))
@exits_on_signals
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
        help=N_("where to write the PDF (default: build/<name>.pdf beside the archive folder)"))
@option("--strict", is_flag=True, help=N_("count warnings as errors, as check --strict does"))
@option("--press", is_flag=True,
        help=N_("also write the press PDF for the print shop (PDF/X-1a, bleed, crop marks) as <name>-press.pdf "
                "beside the PDF, once its preflight finds nothing"))
@lang_option
def build(source: Path, output: Path | None, strict: bool, press: bool) -> None:
    """paiban build."""
    from .build import OutputIsInput, build as build_issue
    from .press import press_output

    target = output or default_output(source)
    refuse_output(source, target, (".pdf",))
    if press:
        refuse_output(source, press_output(target), (".pdf",))
    try:
        built = build_issue(source, target, strict=strict, press=press)
    except OutputIsInput as error:
        raise click.UsageError(error.diagnostics[0].message) from None
    except SourceError as error:
        fail(error)
    for warning in built.warnings:
        click.echo(str(warning), err=True)
    click.echo(built.summary())
    if built.press:
        click.echo(_("{output}: {preflight}").format(output=press_output(target), preflight=built.press.summary()))


@main.command(help=N_("Impose an issue on A3 sheets for the print shop: a saddle-stitched booklet (default), "
                      "blank pages before the last so the 版记 stays last, or two pages a side for a duplex run "
                      "cut and stacked; crop and fold marks, as in the press PDF."))
@exits_on_signals
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@option("--saddle", "layout", flag_value="saddle", default=True,
        help=N_("a saddle-stitched booklet: sheets folded in the middle and nested (default)"))
@option("--2up", "layout", flag_value="2up", help=N_("two pages side by side on each side, to cut and stack"))
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
        help=N_("where to write the PDF (default: build/<name>-saddle.pdf or -2up.pdf beside the archive folder)"))
@lang_option
def impose(source: Path, layout: str, output: Path | None) -> None:
    """paiban impose."""
    from .build import OutputIsInput
    from .press.impose import impose_file

    target = output or default_output(source, f"-{layout}.pdf")
    refuse_output(source, target, (".pdf",))
    try:
        imposed = impose_file(source, target, layout)
    except OutputIsInput as error:
        raise click.UsageError(error.diagnostics[0].message) from None
    except SourceError as error:
        fail(error)
    sheets = ngettext("{count} sheet", "{count} sheets", imposed.sheets).format(count=imposed.sheets)
    blanks = ngettext("{count} blank page", "{count} blank pages", imposed.blanks).format(count=imposed.blanks)
    click.echo(_("{output}: {sheets}, {sides} sides, {blanks}").format(
        output=target, sheets=sheets, sides=len(imposed.sides), blanks=blanks))


@main.command(help=N_("Render pages of an issue to PNG from the PDF the build writes, to see exactly what will print."))
@exits_on_signals
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@option("--page", "page", metavar="N|last", multiple=True,
        help=N_("a page to preview, or last for the last page; may be repeated"))
@option("--pages", "page_list", metavar="LIST",
        help=N_("pages to preview, e.g. 2,4-5 or 2-last (default: every page)"))
@option("--dpi", type=click.FloatRange(min=18, max=1200), default=110, show_default=True, callback=finite,
        help=N_("resolution of the PNG"))
@option("--pdf", "as_pdf", is_flag=True, help=N_("write each page as a PDF of its own instead of a PNG"))
@option("-o", "--output", metavar="PATH",
        help=N_("one page: the file to write. Several pages: a folder (existing, or ending in /) "
                "that gets <name>-p<N>.png, or a pattern with {page}, e.g. proofs/p{page}.png "
                "(default: build/<name>-p<N>.png beside the archive folder)"))
@lang_option
def preview(source: Path, page: tuple[str, ...], page_list: str | None, dpi: float, as_pdf: bool,
            output: str | None) -> None:
    """paiban preview."""
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
        click.echo(_("{path}: page {number} of {pages}").format(path=target, number=number, pages=previewed.pages))


@main.command(help=N_("Check issues without writing a PDF: what the build refuses, plus the editor's checklist. "
                      "Exit 0 when no file has an error (warnings allowed), 1 when one has."))
@click.argument("sources", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@option("--strict", is_flag=True, help=N_("count warnings as errors"))
@option("--format", "output_format", type=click.Choice(["human", "json"]), default="human", show_default=True,
        help=N_("one finding per line with a hint, or a JSON list for tools"))
@option("--press", is_flag=True, help=N_("also make the press PDF in memory and preflight it (PDF/X-1a, GB/T 9704)"))
@lang_option
def check(sources: tuple[Path, ...], strict: bool, output_format: str, press: bool) -> None:
    """paiban check."""
    import json

    from .build import count_errors, count_warnings
    from .check import check as check_issues

    findings = check_issues(list(sources), strict, press)
    errors = sum(d.severity == "error" for d in findings)
    if output_format == "json":
        click.echo(json.dumps([d.as_dict() for d in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        files = ngettext("{count} file checked", "{count} files checked", len(sources)).format(count=len(sources))
        click.echo(_("{files}: {errors}, {warnings}").format(
            files=files, errors=count_errors(errors), warnings=count_warnings(len(findings) - errors)))
    sys.exit(1 if errors else 0)


@main.command(help=N_("Build the issue now and again whenever it or its publication.yaml is saved; Ctrl-C stops. "
                      "Each build prints its summary line, or its positioned errors and keeps watching."))
@exits_on_signals
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
        help=N_("where to write the PDF (default: build/<name>.pdf beside the archive folder)"))
@option("--page", "page", metavar="N|last", multiple=True,
        help=N_("also preview this page (or last) as <name>-p<N>.png beside the PDF; may be repeated"))
@option("--pages", "page_list", metavar="LIST", help=N_("also preview these pages, e.g. 2,4-5 or 2-last"))
@option("--dpi", type=click.FloatRange(min=18, max=1200), default=110, show_default=True, callback=finite,
        help=N_("resolution of the previews"))
@option("--strict", is_flag=True, help=N_("count warnings as errors, as check --strict does"))
@lang_option
def watch(source: Path, output: Path | None, page: tuple[str, ...], page_list: str | None, dpi: float,
          strict: bool) -> None:
    """paiban watch."""
    from .preview import PageError, asked_pages
    from .watch import Rebuild, preview_files, watch as watch_files, watched_files

    target = output or default_output(source)
    try:
        previews = preview_files(source, target, asked_pages(page, page_list))
    except PageError as error:
        raise click.UsageError(str(error)) from None
    click.echo(_("watching {files}; Ctrl-C stops").format(files=", ".join(map(str, watched_files(source)))), err=True)
    watch_files(watched_files(source), Rebuild(source, target, previews, dpi, click.echo, strict))


@main.command(help=N_("Print the JSON Schema of the source format, for editors that check YAML as you type."))
@option("--kind", type=click.Choice(["issue", "publication"]), default="issue", show_default=True,
        help=N_("the schema of an issue file or of publication.yaml"))
@lang_option
def schema(kind: str) -> None:
    """paiban schema."""
    from .schema import dumps, schema as source_schema

    click.echo(dumps(source_schema(kind)), nl=False)


@main.command("new", help=N_("Write the source of the archive's next issue (default issues/): numbers, date and "
                             "the last issue's sections, with placeholders to fill in; print its path."))
@click.argument("archive", default="issues", type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--date", metavar="YYYY-MM-DD",
        help=N_("the issue's date (default: the last date plus the archive's usual gap, else a month)"))
@lang_option
def new_issue(archive: Path, date: str | None) -> None:
    """paiban new."""
    from .new import NewError, read_date, write_next

    try:
        written = write_next(archive, read_date(date) if date is not None else None)
    except NewError as problem:
        if problem.usage:
            raise click.UsageError(str(problem)) from None
        click.echo(_("error: {message}").format(message=problem), err=True)
        sys.exit(1)
    click.echo(str(written))
    click.echo(_("fill in every 【待填…】, then run: paiban check {path}").format(path=written), err=True)


@main.command("rebuild", help=N_("Build every issue of an archive folder (default issues/) in parallel, skipping those "
                                 "up to date. Exit 0 when every issue is built, 1 when one failed, the numbering "
                                 "has an error or the output folder is busy."))
@click.argument("archive", default="issues", type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
        help=N_("the folder of the PDFs (default: build/ beside the archive folder)"))
@option("-j", "--jobs", type=click.IntRange(min=1), help=N_("worker processes (default: one per core)"))
@option("--force", is_flag=True, help=N_("rebuild every issue, changed or not"))
@option("--strict", is_flag=True, help=N_("count warnings as errors, as check --strict does"))
@lang_option
def rebuild_archive(archive: Path, out: Path | None, jobs: int | None, force: bool, strict: bool) -> None:
    """paiban rebuild."""
    from .archive import CannotRun, Interrupted, cores, rebuild
    from .files import build_folder
    from .progress import Progress

    out = out or build_folder(archive)
    try:
        summary = rebuild(archive, out, jobs or cores(), force, Progress(sys.stderr), strict)
    except CannotRun as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    except Interrupted as stop:
        click.echo(_("interrupted by {signal}: the finished PDFs are recorded; run again to finish").format(
            signal=stop), err=True)
        sys.exit(128 + stop.signum)
    for note in summary.notes():
        click.echo(note, err=True)
    click.echo("\n".join(summary.lines()))
    sys.exit(0 if summary.ok() else 1)


@main.command("import", help=N_("Read a submission (.docx, .doc, .wps, .txt, .md) into source YAML, with the house's "
                                "punctuation and every change listed; or a printed issue (.pdf) back into a whole "
                                "issue source. Without --into the YAML is printed."))
@click.argument("submission", type=click.Path(dir_okay=False, path_type=Path))
@option("--into", "into", type=click.Path(dir_okay=False, path_type=Path),
        help=N_("append to this issue, in place, keeping its comments and layout"))
@option("--section", metavar="LABEL", help=N_("the section (its label) to append to, with --into"))
@option("--briefs", is_flag=True, help=N_("read each paragraph with its byline as a brief (信息摘登)"))
@option("--no-normalise", "keep", is_flag=True,
        help=N_("keep the text as written: no punctuation, quote, dash, width or space changes"))
@option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
        help=N_("write the YAML to this new file instead of printing it"))
@lang_option
def import_command(submission: Path, into: Path | None, section: str | None, briefs: bool, keep: bool,
                   output: Path | None) -> None:
    """paiban import."""
    from .importing.command import run_import

    run_import(submission, into, section, briefs, keep, output)


@main.command("serve", help=N_("Serve the editor's workbench for an archive folder (default issues/) on this machine: "
                               "the issues, a structured editor, the pages as they print and the findings; "
                               "Ctrl-C stops."))
@exits_on_signals
@click.argument("archive", default="issues", type=click.Path(exists=True, file_okay=False, path_type=Path))
@option("--port", type=click.IntRange(min=1, max=65535), default=8765, show_default=True,
        help=N_("the port to listen on"))
@option("--host", default="127.0.0.1", show_default=True,
        help=N_("the address to listen on; another than 127.0.0.1 lets other machines edit"))
@option("--open", "open_browser", is_flag=True, help=N_("open the workbench in the web browser"))
@lang_option
def serve(archive: Path, port: int, host: str, open_browser: bool) -> None:
    """paiban serve."""
    from .serve.run import serve as run_server

    run_server(archive, host, port, open_browser, click.echo)
