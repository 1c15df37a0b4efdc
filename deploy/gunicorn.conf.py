"""gunicorn settings for one app host of several behind a load balancer (README: "Several hosts").

    gunicorn -c deploy/gunicorn.conf.py wsgi:app        (deploy/systemd/parley-web.service runs this)

Every host runs this same file; what differs comes from the environment (/etc/parley/parley.env):
PARLEY_BIND, the address the load balancer reaches this host on; PARLEY_WORKERS; and
PARLEY_LB_ADDRESSES, the load balancers, the only peers gunicorn takes X-Forwarded-* from.
tests/test_several_hosts.py starts its hosts with it.
"""
import os
import runpy
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

chdir = str(PROJECT)  # wsgi:app is found whatever directory the service starts in
bind = os.environ.get("PARLEY_BIND", "127.0.0.1:8000")
# Sync workers: a worker answers one request at a time, so this is how many requests a host serves at
# once. A sync worker also reads its request from the client itself: only ever run it behind a proxy
# that waits for whole requests (deploy/haproxy.cfg, README "Serving in production"), or a few slow
# clients hold every worker. Each worker has about 100 MB of RSS, but most of it is shared: with
# preloading one more worker costs 20-30 MB of PSS (python -m bench.memory).
workers = int(os.environ.get("PARLEY_WORKERS") or 2 * os.cpu_count())
preload_app = True  # the app and the moderation models are loaded once, in the master; workers share the pages
timeout = 30  # seconds before a stuck worker is killed; HAProxy's "timeout server" is longer
# systemctl stop or restart sends SIGTERM: requests in flight get this long to finish, while the load
# balancer's health check takes the host out of rotation.
graceful_timeout = 20
forwarded_allow_ips = os.environ.get("PARLEY_LB_ADDRESSES", "127.0.0.1")
# Its default path is in $HOME, shared by every gunicorn the same user runs; nothing here uses it.
control_socket_disable = True

# The project's own gunicorn.conf.py (which `-c` replaces) loads the moderation models in the master.
on_starting = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))["on_starting"]
