"""supplyline.services."""
