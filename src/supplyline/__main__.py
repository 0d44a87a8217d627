"""Allow ``python -m supplyline``."""

from __future__ import annotations

from supplyline.cli.app import main

if __name__ == "__main__":
    main()
