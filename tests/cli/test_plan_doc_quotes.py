"""What docs/planning.md and the README quote of the bilateral example's plan, it prints.

A tester ran the quoted command and read "5 unit(s) late", "19,853 columns × 9,855 rows"
and "wm-med 7 days earlier" where docs/planning.md still said "4 unit(s) late",
"18,671 columns × 9,199 rows" and "wm-inf-1 6 days earlier": the model had grown and the
quotes had not. One run of the command checks every line of docs/planning.md's transcript
(the timings and the files written aside) and the README's quoted yard claim; lines
wrapped differently read alike, as whitespace is compared collapsed.
"""

from __future__ import annotations

import re

from cli_helpers import BILATERAL, ROOT
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
COMMAND = "$ supplyline plan examples/bilateral-exercise --out out/plan --report out/plan.html\n"


def collapsed(text: str) -> str:
    """The text with every run of whitespace one space, as wrapping at any width reads."""
    return " ".join(text.split())


def transcript() -> str:
    """docs/planning.md's console block of the bilateral plan, without its command line."""
    page = (ROOT / "docs" / "planning.md").read_text(encoding="utf-8")
    start = page.index(COMMAND) + len(COMMAND)
    return page[start : page.index("```", start)]


def quoted_lines() -> list[str]:
    """The transcript's claims: its headline, LP size, and each line from the first rank on.

    Left out: the timings after "simplex:", the summary of the tables (the transcript names
    them in one line where the command prints them whole), and the files written (the test
    writes none).
    """
    block = transcript()
    headline = block[: block.index("\nLP ")]
    lp_size = re.search(r"^LP .*?simplex:", block, re.MULTILINE)
    assert lp_size is not None
    ranks = block[block.index("\n1. ") :]
    ranks = ranks[: ranks.index("\nwrote ")]
    items = re.split(r"\n(?=\S)", ranks.strip())  # a line indented goes on the one above
    return [collapsed(headline), lp_size.group(), *map(collapsed, items)]


def test_the_transcript_is_found_whole() -> None:
    """The pattern finds a headline, the LP's size and the five ranks with their notes."""
    lines = quoted_lines()
    assert lines[0].startswith("Steppe Bridge bilateral exercise")
    assert lines[1].startswith("LP ")
    assert [line[:2] for line in lines[2:7]] == ["1.", "2.", "3.", "4.", "5."]


def test_the_docs_quote_the_plan_as_printed() -> None:
    """Each line docs/planning.md quotes, and the README's yard claim, the command prints.

    One test, so that the plan (several seconds with its bottlenecks measured) runs once.
    """
    result = CliRunner().invoke(app, ["plan", str(BILATERAL)])
    assert result.exit_code == 0, result.output
    printed = collapsed(result.stdout)
    assert [line for line in quoted_lines() if line not in printed] == []
    claim = re.search(r"1\. (Grenzfeld .*?limits the gain)", printed)
    assert claim is not None
    readme = collapsed((ROOT / "README.md").read_text(encoding="utf-8"))
    assert f'*"{claim.group(1)}"*' in readme
