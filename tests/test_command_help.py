"""Every fanzha command prints its help: argparse expands 「%」 in help texts, so a bare 「%」 (as in
「抽查比例（%）」) crashed `fanzha followups --help` before."""

import pytest
from django.core.management import get_commands, load_command_class

FANZHA_COMMANDS = sorted(name for name, app in get_commands().items() if app.startswith("fanzha."))


@pytest.mark.parametrize("name", FANZHA_COMMANDS)
def test_help_prints(name):
    parser = load_command_class(get_commands()[name], name).create_parser("fanzha", name)
    text = parser.format_help()
    assert text.startswith(f"usage: fanzha {name}")


def test_followups_help_shows_the_percent_sign():
    parser = load_command_class("fanzha.warnings", "followups").create_parser("fanzha", "followups")
    assert "抽查比例（%）" in parser.format_help()
