"""supplyline.planning."""
