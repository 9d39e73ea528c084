#!/usr/bin/env python3
# UDP ends for the live tests (live-test.sh): each datagram received is
# printed as "from ADDRESS:PORT TEXT", so a test reads the source address a
# receiver saw, which is what proves a NAT translated.
#
#   live-udp.py listen ADDRESS PORT SECONDS [--echo]
#       print every datagram for SECONDS; --echo sends each one back
#   live-udp.py send [--from PORT] [--wait SECONDS] ADDRESS PORT TEXT
#       send TEXT from PORT (any when absent), print "sent", then print what
#       comes back to that port for SECONDS
import argparse
import socket
import sys
import time


def receive(sock, seconds, echo):
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return
        sock.settimeout(left)
        try:
            data, (address, port) = sock.recvfrom(65535)
        except socket.timeout:
            return
        print(f"from {address}:{port} {data.decode(errors='replace')}", flush=True)
        if echo:
            sock.sendto(data, (address, port))


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    listen = sub.add_parser("listen")
    listen.add_argument("address")
    listen.add_argument("port", type=int)
    listen.add_argument("seconds", type=float)
    listen.add_argument("--echo", action="store_true")
    send = sub.add_parser("send")
    send.add_argument("--from", dest="source", type=int, default=0)
    send.add_argument("--wait", type=float, default=0)
    send.add_argument("address")
    send.add_argument("port", type=int)
    send.add_argument("text")
    args = parser.parse_args()

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if args.command == "listen":
        sock.bind((args.address, args.port))
        print(f"listening on {args.address}:{args.port}", flush=True)
        receive(sock, args.seconds, args.echo)
    else:
        sock.bind(("0.0.0.0", args.source))
        sock.sendto(args.text.encode(), (args.address, args.port))
        print("sent", flush=True)
        receive(sock, args.wait, False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
