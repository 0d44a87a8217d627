"""The command-line face: Typer commands that translate arguments and print results."""
