"""Read by gunicorn when it is started from this directory (README: "Serving in production").

Its sync workers read each request from the client themselves: serve them only through a proxy that
waits for whole requests (HAProxy with deploy/haproxy.cfg, or nginx), as the README requires."""


def on_starting(server):
    """Load the toxicity model and the classifier in the master, before any worker is forked: every worker then has it
    (shared, with --preload or without) and no reader's first comment waits for it.

    In this process and without a thread: a thread still importing when gunicorn --preload forks holds
    the import lock, and the worker that inherits it waits for ever on its first comment (issue 11)."""
    import gc

    from forum.moderation.classifier import default_classifier
    from forum.moderation.scorer import default_scorer

    default_scorer().score("warm up")
    default_classifier().load()
    # Everything loaded so far (with --preload, the whole app) is kept out of the garbage collector's
    # passes: a pass writes to each object it visits, and each write copies a shared page into the worker.
    gc.freeze()
