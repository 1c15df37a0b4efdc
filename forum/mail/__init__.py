"""E-mail: reply notices and the moderators' digest, over SMTP, with one-click unsubscribe.

messages.py composes, smtp.py sends, tokens.py signs unsubscribe links, notices.py decides who
gets what, outbox.py keeps the mail owed in a table written with the change that owes it (and
claims it for one sender), delivery.py (the edge, like cli.py) sends it from there, and worker.py
is the long-running sender that Redis wakes.
"""
