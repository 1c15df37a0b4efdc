"""E-mail: reply notices and the moderators' digest, over SMTP, with one-click unsubscribe.

messages.py composes, smtp.py sends, tokens.py signs unsubscribe links, notices.py decides who
gets what, outbox.py holds notices until the change that caused them is committed, and
delivery.py (the edge, like cli.py) sends them from a Redis queue or after the response.
"""
