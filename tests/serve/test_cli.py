"""paiban serve on the command line: its help in Chinese, its address, and what it refuses."""

from __future__ import annotations

from click.testing import CliRunner

from typeset.cli import main
from typeset.serve.guard import allowed_hosts
from typeset.serve.run import address


def test_the_help_is_chinese_and_names_the_defaults():
    result = CliRunner().invoke(main, ["serve", "--help"], env={"PAIBAN_LANG": "zh"})
    assert result.exit_code == 0
    assert "编辑工作台" in result.output and "8765" in result.output and "127.0.0.1" in result.output


def test_a_missing_archive_is_bad_usage(tmp_path):
    result = CliRunner().invoke(main, ["serve", str(tmp_path / "nowhere")])
    assert result.exit_code == 2


def test_a_port_out_of_range_is_bad_usage(archive):
    assert CliRunner().invoke(main, ["serve", str(archive), "--port", "70000"]).exit_code == 2


def test_the_address_and_the_hosts_it_answers_to():
    assert address("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
    assert address("::1", 8000) == "http://[::1]:8000/"
    hosts = allowed_hosts("127.0.0.1", 8765)
    assert {"127.0.0.1:8765", "localhost:8765", "[::1]:8765"} <= hosts
    assert "127.0.0.1" not in hosts and "evil.example:8765" not in hosts
