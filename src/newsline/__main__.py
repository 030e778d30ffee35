"""``python -m newsline`` runs the CLI."""

from newsline.cli import app

app()
