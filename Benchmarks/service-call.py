#!/usr/bin/env python3
"""service-call.py: times `sync` requests on the director service's socket, from one
connection kept open (as the web console or a script holding it would), so that no client
process start is counted.

    service-call.py SOCKET RUNS [--edit FILE] [--agents PID,PID,...]

--edit FILE: before each request, write a new line into FILE (a one-file change).
--agents: also sum what those processes read and wrote (rchar + wchar from /proc/PID/io)
during each request: 0 when no node was contacted.

Prints one line: the median in ms, the median agents' I/O in bytes, whether the answers
came from the service's knowledge (asOf) or from the nodes, and every run's ms.
"""
import json
import socket
import statistics
import sys
import time


def agents_io(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/io") as io:
            for line in io:
                key, value = line.split(":")
                if key in ("rchar", "wchar"):
                    total += int(value)
    return total


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        sys.exit(__doc__)
    path, runs = args[0], int(args[1])
    edit = None
    pids = []
    rest = args[2:]
    while rest:
        flag = rest.pop(0)
        if flag == "--edit":
            edit = rest.pop(0)
        elif flag == "--agents":
            pids = [int(p) for p in rest.pop(0).split(",") if p]
        else:
            sys.exit(f"service-call.py: unknown argument {flag}")
    connection = socket.socket(socket.AF_UNIX)
    connection.connect(path)
    stream = connection.makefile("rwb")
    times, traffic, known = [], [], 0
    for run in range(runs):
        if edit:
            with open(edit, "w") as f:
                f.write(f"# socket generation {time.time_ns()} {run}\n")
        request = {"version": 1, "op": "sync", "message": f"bench {run}"}
        before = agents_io(pids)
        start = time.perf_counter()
        stream.write(json.dumps(request).encode() + b"\n")
        stream.flush()
        line = stream.readline()
        elapsed = time.perf_counter() - start
        traffic.append(agents_io(pids) - before)
        answer = json.loads(line)
        if not answer.get("ok"):
            sys.exit(f"service-call.py: sync failed: {line.decode().strip()}")
        deploy = answer["result"].get("deploy") or {}
        if not deploy.get("succeeded"):
            sys.exit(f"service-call.py: not every node is at the commit: {line.decode().strip()}")
        known += "asOf" in deploy
        times.append(elapsed * 1000)
    print(
        f"{statistics.median(times):.1f} ms; agents' I/O {int(statistics.median(traffic))} bytes; "
        f"{known}/{runs} answered from what the service knew; runs: "
        + " ".join(f"{t:.1f}" for t in times)
    )


main()
