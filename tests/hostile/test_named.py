"""Every case the issue names has its test in this suite."""

from __future__ import annotations

import subprocess
import sys

from .harness import ROOT

NAMED = {
    "extra: &r [*r] in an issue, build": "test_yaml.py::test_issue_source[recursive-alias]",
    "extra: &r [*r], check": "test_yaml.py::test_recursive_alias_in_check_and_build[check]",
    "extra: &r [*r], watch": "test_commands.py::test_watch_reports_and_keeps_watching[recursive-alias]",
    "extra: &r [*r] in publication.yaml": "test_yaml.py::test_publication[recursive-alias]",
    "a 9-level alias nest": "test_yaml.py::test_issue_source[alias-nest-9-levels]",
    "a 9-level alias nest in publication.yaml": "test_yaml.py::test_publication[alias-nest-9-levels]",
    "body_size: 0": "test_style.py::test_absurd_value_the_issue_names[body_size: 0]",
    "title_size: 0": "test_style.py::test_absurd_value_the_issue_names[title_size: 0]",
    "chars_per_line: 1": "test_style.py::test_absurd_value_the_issue_names[chars_per_line: 1]",
    "chars_per_line: 1000": "test_style.py::test_absurd_value_the_issue_names[chars_per_line: 1000]",
    "a block larger than the paper": "test_style.py::test_absurd_value_the_issue_names[block_width: 300]",
    "a block off the paper": "test_style.py::test_absurd_value_the_issue_names[block_left: 200]",
    "block_height: 0": "test_style.py::test_absurd_value_the_issue_names[block_height: 0]",
    "paper_width: 0": "test_style.py::test_absurd_value_the_issue_names[paper_width: 0]",
    "lines_per_page: 100000": "test_style.py::test_absurd_value_the_issue_names[lines_per_page: 100000]",
    "indent: 1000": "test_style.py::test_absurd_value_the_issue_names[indent: 1000]",
    "toc_title_column: 1000": "test_style.py::test_absurd_value_the_issue_names[toc_title_column: 1000]",
    "masthead_spacing: 1e308": "test_style.py::test_absurd_value_the_issue_names[masthead_spacing: 1e308]",
    "header_rule_thick: 1e6": "test_style.py::test_absurd_value_the_issue_names[header_rule_thick: 1e6]",
    "lines_per_page: 1": "test_style.py::test_absurd_value_the_issue_names[lines_per_page: 1]",
    "masthead_lines: 1000": "test_style.py::test_absurd_value_the_issue_names[masthead_lines: 1000]",
    "body_size: .inf": "test_style.py::test_absurd_value_the_issue_names[body_size: .inf]",
    "latin_gap: 100": "test_style.py::test_absurd_value_the_issue_names[latin_gap: 100]",
    "latin_gap: 100 in watch": "test_commands.py::test_watch_reports_and_keeps_watching[latin_gap-100]",
    "body_size: .inf in watch": "test_commands.py::test_watch_reports_and_keeps_watching[body_size-inf]",
    "a font path ~nosuchuser/x.ttf": "test_fonts.py::test_font_that_is_no_font[body-unknown-user-home]",
    "preview --dpi nan": "test_commands.py::test_preview_bad_dpi[nan]",
    "a metrics cache file of the wrong size": "test_caches.py::test_damaged_cache_is_absent[metrics-truncated-to-half]",
    "SOURCE_DATE_EPOCH=99999999999999999999": "test_commands.py::test_huge_source_date_epoch",
    "stdout closed": "test_commands.py::test_closed_stream[stdout-closed-build]",
    "stdout a closed pipe": "test_commands.py::test_reader_gone[build]",
    "a manifest of the wrong JSON type": "test_caches.py::test_malformed_manifest_is_absent[json-list]",
    "a manifest with fields of the wrong type": "test_caches.py::test_malformed_manifest_is_absent[digest-number]",
    "a truncated manifest": "test_caches.py::test_malformed_manifest_is_absent[truncated-half]",
    "a body font lacking a character of a TOC title": "test_commands.py::test_toc_title_the_body_font_lacks",
    "a 60-character section label": "test_text.py::test_printed_text[label-60-characters]",
    "a 6 GB source": "test_commands.py::test_six_gigabyte_source[build]",
    "a 6 GB source in rebuild's digest": "test_commands.py::test_six_gigabyte_source[rebuild]",
    "a 10 MB paragraph": "test_text.py::test_printed_text[paragraph-of-10-mb]",
    "memory running out": "test_memory.py::test_memory_runs_out_on_a_huge_paragraph[175]",
    "a font that is a directory": "test_fonts.py::test_font_that_is_no_font[body-folder]",
    "a font that is /dev/zero": "test_fonts.py::test_font_that_is_no_font[body-dev-zero]",
    "a font that is a FIFO": "test_fonts.py::test_font_that_is_no_font[body-fifo]",
    "a font that is a symlink loop": "test_fonts.py::test_font_that_is_no_font[body-symlink-loop]",
    "a font that is not a font": "test_fonts.py::test_font_that_is_no_font[body-text-file]",
    "a CFF font reportlab cannot load": "test_fonts.py::test_font_that_is_no_font[body-cff-font]",
    "a Latin-only body font": "test_fonts.py::test_latin_only_font_is_one_error[body]",
    "U+1680 in text": "test_text.py::test_printed_text[ogham-space]",
    "U+200A in text": "test_text.py::test_printed_text[hair-space]",
    "U+2003 in text": "test_text.py::test_printed_text[em-space]",
    "NEL in text": "test_text.py::test_printed_text[nel]",
    "LS in text": "test_text.py::test_printed_text[line-separator]",
    "SIGTERM mid-build": "test_outputs.py::test_signal_mid_build[SIGTERM-0.4s]",
    "SIGHUP mid-build": "test_signals.py::test_hang_up_mid_build[build]",
    "SIGHUP in watch": "test_signals.py::test_hang_up_mid_build[watch]",
    "SIGHUP in serve": "test_signals.py::test_hang_up_while_serving",
    "Ctrl-C while the console script loads": "test_signals.py::test_ctrl_c_while_loading[console-script]",
    "output = input": "test_outputs.py::test_output_refused[the-source]",
    "mutated sources on the loader": "test_property.py::test_mutated_issue",
}


def test_every_named_case_is_collected():
    """Each test named above is collected from tests/hostile."""
    listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "tests/hostile"], cwd=ROOT, capture_output=True, text=True, timeout=60).stdout
    collected = {line.removeprefix("tests/hostile/") for line in listed.splitlines()}
    missing = {name: node for name, node in NAMED.items() if node not in collected}
    assert not missing, missing
