"""The WSGI entry point: `gunicorn --preload wsgi:app`, `flask --app wsgi …`.

gunicorn reads gunicorn.conf.py beside this file, which loads the toxicity model in the master
before it forks the workers."""
from forum import create_app

app = create_app()
