"""The yardstick: the least a Flask app can do per request, served exactly as Parley is."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, world!"
