"""`make bench`: Parley under load, beside a bare Flask app on the same server settings."""
