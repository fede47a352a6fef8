from frontwatch.cli import app

app()
