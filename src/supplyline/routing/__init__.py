"""supplyline.routing."""
