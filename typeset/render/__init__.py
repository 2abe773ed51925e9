"""Output stages: every one walks the laid-out pages."""
