"""Two app "hosts" on one machine, for tests/test_several_hosts.py.

Preferably each host is a network namespace of its own (`ip netns`), joined to this machine's
namespace by a veth pair: its own loopback, its own addresses, and a process killed there takes
only that host's sockets with it. PostgreSQL, Redis and the SMTP server listen on 127.0.0.1 here,
which a namespace cannot reach, so a small TCP forwarder (HAProxy in TCP mode) listens on each
veth's address on this side and passes connections on; the machine's PostgreSQL and Redis
configuration is left alone. Where namespaces cannot be made (no root, no `ip`), each host is a
loopback address of its own (127.0.0.2, 127.0.0.3), which reaches the services directly.
"""
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# Debian installs it in /usr/sbin, which a non-root PATH may lack.
HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
NAMESPACE_PREFIX = "parley-test-"  # every namespace and link this module makes is named from it
SUBNET = "10.231"  # host N is 10.231.N.2 in its namespace, 10.231.N.1 on this side of its veth


@dataclass(frozen=True)
class Forward:
    """A TCP port that, reached from a host, leads to a service listening here."""

    name: str
    port: int  # where hosts connect, on their gateway address
    target: tuple[str, int]  # the service here


class Hosts:
    """Where each host listens, how it reaches the services, and how a command runs on it."""

    kind: str

    def address(self, number: int) -> str:
        """Host `number`'s own address (numbers start at 1)."""
        raise NotImplementedError

    def gateway(self, number: int) -> str:
        """This machine's address as host `number` sees it: where the load balancer's connections come from."""
        raise NotImplementedError

    def command(self, number: int, argv: list[str]) -> list[str]:
        """`argv` run on host `number`."""
        raise NotImplementedError

    def forward(self, forwards: list[Forward], workdir: Path) -> None:
        """Make each service reachable from the hosts (at reach())."""

    def reach(self, number: int, forward: Forward) -> tuple[str, int]:
        """Where host `number` connects to reach the service `forward` leads to."""
        return forward.target

    def tear_down(self) -> None:
        """Remove everything set up (safe to call more than once, and after a failed set-up)."""


class Namespaces(Hosts):
    kind = "network namespaces"

    def __init__(self, count: int):
        self.names = [f"{NAMESPACE_PREFIX}{number}" for number in range(1, count + 1)]
        self._forwarder: subprocess.Popen | None = None
        self.tear_down()  # what a run killed before its clean-up left behind
        try:
            for number, name in enumerate(self.names, start=1):
                outside, inside = f"prlyt{number}", f"prlyt{number}ns"
                for argv in (["netns", "add", name],
                             ["link", "add", outside, "type", "veth", "peer", "name", inside, "netns", name],
                             ["addr", "add", f"{self.gateway(number)}/24", "dev", outside],
                             ["link", "set", outside, "up"],
                             ["-n", name, "addr", "add", f"{self.address(number)}/24", "dev", inside],
                             ["-n", name, "link", "set", inside, "up"],
                             ["-n", name, "link", "set", "lo", "up"]):
                    subprocess.run(["ip", *argv], check=True, capture_output=True, text=True)
        except (OSError, subprocess.CalledProcessError):
            self.tear_down()
            raise

    def address(self, number: int) -> str:
        return f"{SUBNET}.{number}.2"

    def gateway(self, number: int) -> str:
        return f"{SUBNET}.{number}.1"

    def command(self, number: int, argv: list[str]) -> list[str]:
        return ["ip", "netns", "exec", self.names[number - 1], *argv]

    def reach(self, number: int, forward: Forward) -> tuple[str, int]:
        return self.gateway(number), forward.port

    def forward(self, forwards: list[Forward], workdir: Path) -> None:
        lines = ["global", "    maxconn 512", "defaults", "    mode tcp", "    timeout connect 2s",
                 # Longer than any idle pooled connection or blocking Redis wait in the test.
                 "    timeout client 1h", "    timeout server 1h"]
        for forward in forwards:
            lines.append(f"listen {forward.name}")
            lines += [f"    bind {self.gateway(number)}:{forward.port}" for number in range(1, len(self.names) + 1)]
            lines.append(f"    server {forward.name} {forward.target[0]}:{forward.target[1]}")
        config = workdir / "forwarder.cfg"
        config.write_text("\n".join(lines) + "\n")
        with open(workdir / "forwarder.log", "w") as log:
            self._forwarder = subprocess.Popen([HAPROXY, "-db", "-f", str(config)], stdout=log,
                                               stderr=subprocess.STDOUT, start_new_session=True)
        time.sleep(0.3)
        if self._forwarder.poll() is not None:
            raise RuntimeError(f"the TCP forwarder did not start:\n{(workdir / 'forwarder.log').read_text()}")

    def tear_down(self) -> None:
        if self._forwarder is not None and self._forwarder.poll() is None:
            self._forwarder.terminate()
            self._forwarder.wait(timeout=10)
        for number, name in enumerate(self.names, start=1):
            subprocess.run(["ip", "netns", "del", name], capture_output=True)
            subprocess.run(["ip", "link", "del", f"prlyt{number}"], capture_output=True)


class LoopbackAddresses(Hosts):
    kind = "loopback addresses"

    def address(self, number: int) -> str:
        return f"127.0.0.{number + 1}"

    def gateway(self, number: int) -> str:
        return "127.0.0.1"

    def command(self, number: int, argv: list[str]) -> list[str]:
        return argv


def make_hosts(count: int) -> tuple[Hosts | None, list[str]]:
    """Namespaces if this machine allows them, else loopback addresses; with the reasons for what failed."""
    reasons = []
    if shutil.which("ip") is None:
        reasons.append("no `ip` command (iproute2) for network namespaces")
    else:
        try:
            return Namespaces(count), reasons
        except (OSError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", "") or str(error)
            reasons.append(f"network namespaces could not be made: {detail.strip()}")
    import socket

    try:
        for number in range(1, count + 1):
            with socket.socket() as probe:
                probe.bind((LoopbackAddresses().address(number), 0))
    except OSError as error:
        reasons.append(f"loopback addresses beyond 127.0.0.1 cannot be bound: {error}")
        return None, reasons
    return LoopbackAddresses(), reasons
