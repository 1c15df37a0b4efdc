"""The WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi …`."""
import threading

from forum import create_app
from forum.moderation.scorer import default_scorer

app = create_app()

# Load the toxicity model while the worker waits for its first request, not during it: on a busy
# host loading scikit-learn can take long enough for the first comment to hit gunicorn's timeout.
threading.Thread(target=default_scorer().score, args=("warm up",), name="scorer-warm-up", daemon=True).start()
