"""supplyline.requirements."""
