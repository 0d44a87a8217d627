"""supplyline.io."""
