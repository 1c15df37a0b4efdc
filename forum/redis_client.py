"""Redis clients for optional work (waking the mail worker, /healthz): they give up quickly and never retry."""
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from redis import Redis


# redis-py (with redis.asyncio, which it imports) is some 6 MB in a worker: it is imported when a client is first
# made, so a site without REDIS_URL never loads it.
def redis_client(app, timeout_seconds: float) -> "Redis":
    """A client for the app's REDIS_URL that waits at most `timeout_seconds` per call, one pool per app, URL
    and timeout. redis-py retries three times by default, which would make a dead Redis cost four timeouts."""
    clients = app.extensions.setdefault("parley_redis", {})
    key = (app.config["REDIS_URL"], timeout_seconds)
    if key not in clients:
        from redis import Redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        clients[key] = Redis.from_url(key[0], socket_connect_timeout=timeout_seconds, socket_timeout=timeout_seconds,
                                      retry=Retry(NoBackoff(), 0))
    return clients[key]
