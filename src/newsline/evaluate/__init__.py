"""Metrics for timelines and time tagging, and readers for the datasets they need."""
