"""The report face: self-contained HTML reports with plots and an offline map."""
