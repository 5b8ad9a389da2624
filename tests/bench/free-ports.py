#!/usr/bin/env python3
"""Prints a free TCP port p on 127.0.0.1 whose neighbour p + 1 is free too: a bench stack's nginx takes
p, and its internal Nchan publisher p + 1 (scripts/stack.sh --pubport defaults to it)."""
import socket

for _ in range(100):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    t = socket.socket()
    try:
        t.bind(("127.0.0.1", p + 1))
        print(p)
        break
    except OSError:
        pass
    finally:
        t.close()
        s.close()
else:
    raise SystemExit("no two neighbouring free ports")
