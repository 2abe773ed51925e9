"""The import command: read, report on stderr, then print, write or append."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..i18n import _, ngettext


def refuse(message: str) -> None:
    """Bad usage: exit 2."""
    raise click.UsageError(message)


def fail(message: str) -> None:
    """Bad input: the message on stderr, exit 1."""
    click.echo(message, err=True)
    sys.exit(1)


def check_usage(submission: Path, into: Path | None, section: str | None, output: Path | None,
                briefs: bool = False, keep: bool = False) -> None:
    """Options that do not go together."""
    if submission.suffix.lower() == ".pdf" and (into or section or briefs or keep):
        refuse(_("a printed issue (.pdf) becomes a whole issue, its text as printed: use -o ISSUE.yaml, "
                 "not --into, --section, --briefs or --no-normalise"))
    if into and not section:
        refuse(_("--into needs --section LABEL: the section to append to"))
    if section and not into:
        refuse(_("--section needs --into ISSUE.yaml"))
    if into and output:
        refuse(_("--into and -o cannot be given together"))
    if output and output.exists():
        refuse(_("{path} exists already; it was left unchanged").format(path=output))


def run_import(submission: Path, into: Path | None, section: str | None, briefs: bool, keep: bool,
               output: Path | None) -> None:
    """paiban import, end to end."""
    check_usage(submission, into, section, output, briefs, keep)
    if submission.suffix.lower() == ".pdf":
        return run_pdf(submission, output)
    from .report import lines
    from .submission import SubmissionError, import_submission

    if into:
        settle_target(into, section)
    try:
        made = import_submission(submission, briefs, everything=not keep, figures=into is not None)
    except SubmissionError as problem:
        fail(_("error: {message}").format(message=problem))
    for line in lines(str(submission), made.changes, made.notes, keep):
        click.echo(line, err=True)
    if into:
        return run_into(into, section, made)
    from .emit import items_text

    put(items_text(made.articles, made.briefs), output)


def put(text: str, output: Path | None) -> None:
    """Print the YAML, or write it to a new file."""
    if output is None:
        click.echo(text, nl=False)
        return
    with output.open("x", encoding="utf-8") as out:
        out.write(text)
    click.echo(str(output))


def settle_target(into: Path, section: str) -> None:
    """The issue to append to exists, can be kept as it is laid out, and has the section."""
    from .into import IntoError, require_section

    if not into.is_file():
        fail(_("error: {message}").format(message=_("{path}: file not found").format(path=into)))
    try:
        require_section(into, section)
    except IntoError as problem:
        click.echo(str(problem), err=True)
        sys.exit(2 if problem.usage else 1)


def run_into(into: Path, section: str, made) -> None:
    """Append to the issue and say what was added."""
    from .into import IntoError, append

    try:
        done = append(into, section, made.articles, made.briefs)
    except IntoError as problem:
        if problem.usage:
            click.echo(str(problem), err=True)
            sys.exit(2)
        for finding in problem.findings:  # the lines are the new file's, which was not kept: no snippet
            click.echo(finding.headline(), err=True)
            if finding.hint:
                click.echo("  " + _("hint: {hint}").format(hint=finding.hint), err=True)
        fail(str(problem))
    what = ngettext("{count} article", "{count} articles", done.count) if done.key == "articles" else \
        ngettext("{count} brief", "{count} briefs", done.count)
    message = _("{path}: {what} added to {label}").format(path=into, what=what.format(count=done.count),
                                                            label=done.label)
    if done.replaced:
        message += _(" (in place of the placeholder)")
    click.echo(message)


def run_pdf(pdf: Path, output: Path | None) -> None:
    """A printed issue read back into a whole issue source."""
    from .pdf import PdfError, read_issue

    try:
        issue = read_issue(pdf)
    except PdfError as problem:
        fail(_("error: {message}").format(message=problem))
    for note in issue.notes:
        click.echo(_("{file}: {note}").format(file=pdf, note=note), err=True)
    put(issue.source_text(), output)
    if output is not None:
        settle_publication(issue, output.parent / "publication.yaml")


def settle_publication(issue, publication: Path) -> None:
    """Write the publication.yaml the issue needs when its folder has none; say when one differs."""
    from .emit import emit_publication

    if not publication.exists():
        with publication.open("x", encoding="utf-8") as out:
            out.write(emit_publication(issue))
        click.echo(str(publication))
        return
    import yaml

    try:
        known = yaml.safe_load(publication.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return
    for key, printed in (("masthead", issue.masthead), ("office", issue.office)):
        if isinstance(known, dict) and known.get(key) != printed:
            click.echo(_("{path}: {key} is '{value}', the PDF printed '{printed}'").format(
                path=publication, key=key, value=known.get(key), printed=printed), err=True)
