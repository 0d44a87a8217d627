"""Every choice option says a mistake as what it is, takes any case, and offers a near miss.

``plan --method fast`` said "Value error, 'fast' is not one of …", and ``--method SIMPLEX``
was refused without a hint. One parser (``cli/choice_options.py``) serves every option
that takes one of a few words.
"""

from __future__ import annotations

import pytest
import typer
from cli_helpers import BILATERAL, run
from hypothesis import given
from hypothesis import strategies as st

from supplyline.cli.choice_options import choice, read_choice
from supplyline.cli.output import OutputFormat
from supplyline.planning import Method

CASES = [
    (["plan", BILATERAL, "--out", "x", "--method", "fast"], "--method", "'fast' is not a method"),
    (["requirements", BILATERAL, "--by", "units"], "--by", "did you mean 'unit'?"),
    (["routes-bench", "x.vrp", "--convention", "dimac"], "--convention", "did you mean 'dimacs'"),
    (["ledger", "orders", "--status", "nope"], "--status", "'nope' is not an order status"),
    (["ledger", "request", "--mode", "cash!"], "--mode", "is not a reimbursement mode"),
    (["ledger", "receive", "1", "--condition", "x"], "--condition", "'x' is not a condition"),
]
FORMAT_COMMANDS = [
    ["validate", BILATERAL],
    ["plan", BILATERAL, "--out", "x"],
    ["requirements", BILATERAL],
    ["factors"],
    ["routes", BILATERAL, "--day", "1"],
    ["reach", BILATERAL],
    ["routes-bench", "x.vrp"],
    ["ledger", "orders"],
    ["ledger", "balance", "--as", "NLD"],
]


@pytest.mark.parametrize(("args", "option", "said"), CASES)
def test_a_wrong_choice_is_said_as_what_it_is(args: list[object], option: str, said: str) -> None:
    """Exit 2, the option named, the mistake said with the choices, no pydantic words."""
    done = run(*map(str, args))
    text = " ".join(done.stderr.replace("│", " ").split())
    assert done.returncode == 2, done.stderr
    assert f"'{option}'" in text
    assert said in text
    assert "one of:" in text
    assert "Value error" not in text


@pytest.mark.parametrize("args", FORMAT_COMMANDS)
def test_every_format_option_says_xlsx_is_no_format(args: list[object]) -> None:
    """``--format xlsx`` on every tabular command: not an output format, the three named."""
    done = run(*map(str, args), "--format", "xlsx")
    text = " ".join(done.stderr.replace("│", " ").split())
    assert done.returncode == 2, done.stderr
    assert "'xlsx' is not an output format (one of: table, csv, json)" in text


def test_a_choice_in_capitals_is_taken() -> None:
    """``requirements --by UNIT --format CSV`` runs as ``--by unit --format csv``."""
    done = run("requirements", BILATERAL, "--by", "UNIT", "--format", "CSV")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("unit,commodity")


def test_help_still_shows_the_choices() -> None:
    """``plan --help`` shows the methods beside --method (rich cuts a long metavar at 80)."""
    done = run("plan", "--help")
    text = "".join(done.stdout.replace("│", " ").split())  # the metavar wraps at 80 columns
    assert "--method<" + "|".join(m.value for m in Method)[:14] in text


@given(st.sampled_from(list(OutputFormat)), st.lists(st.booleans(), min_size=5, max_size=5))
def test_any_case_names_the_same_choice(member: OutputFormat, upper: list[bool]) -> None:
    """A choice in any mix of cases reads as that choice."""
    word = "".join(c.upper() if u else c for c, u in zip(member.value, upper * 2, strict=False))
    assert read_choice(OutputFormat, word) is member


@given(st.text(min_size=1, max_size=12))
def test_a_word_is_a_choice_or_a_mistake_naming_the_choices(word: str) -> None:
    """The parser returns the choice the word names, else raises BadParameter listing them."""
    parse = choice(OutputFormat, what="an output format")
    named = read_choice(OutputFormat, word)
    if named is not None:
        assert parse(word) is named
        assert named.value == word.strip().casefold()
    else:
        with pytest.raises(typer.BadParameter, match=r"\(one of: table, csv, json\)"):
            parse(word)
