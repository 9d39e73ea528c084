#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Draw the plots of `natt matrix` from the sweep CSVs it wrote.

Usage: natt-plots.py DIR

For every DIR/NAME.csv (columns: variant, the swept parameters, outcome,
symptom, metrics) this writes DIR/NAME.png. The sweeps of issue 6 and issue 11 get
a plot shaped for their question; any other sweep gets a generic one, so a
new sweep is plotted before anyone writes a special case for it.
"""

import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Fixed metadata: the same CSV gives the same PNG bytes.
SAVE = {"dpi": 110, "metadata": {"Software": None}}


def number(text, default=float("nan")):
    try:
        return float(text)
    except (TypeError, ValueError):
        return default


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def variants(rows):
    seen = []
    for row in rows:
        if row["variant"] not in seen:
            seen.append(row["variant"])
    return seen


def works(row):
    return row["outcome"] == "works"


def keepalive_grid(rows, ax, xlabel="keepalive interval (RFC 3948 4)"):
    """rfc3715-k: SA survival over NAT UDP timeout x keepalive interval."""
    timeouts = sorted({number(r["nat-udp-timeout"]) for r in rows})
    intervals = sorted({number(r["keepalive-interval"]) for r in rows})
    for r in rows:
        x = intervals.index(number(r["keepalive-interval"]))
        y = timeouts.index(number(r["nat-udp-timeout"]))
        ok = works(r)
        ax.add_patch(plt.Rectangle((x - 0.5, y - 0.5), 1, 1,
                                   color="#7fc97f" if ok else "#f0027f", alpha=0.8))
        cost = number(r.get("keepalive_bytes_per_second"), 0.0)
        label = ("survives" if ok else r["symptom"]) + "\n%.1f B/s" % cost
        ax.text(x, y, label, ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(intervals)))
    ax.set_xticklabels(["none" if i == 0 else "%g s" % i for i in intervals])
    ax.set_yticks(range(len(timeouts)))
    ax.set_yticklabels(["%g s" % t for t in timeouts])
    ax.set_xlim(-0.5, len(intervals) - 0.5)
    ax.set_ylim(-0.5, len(timeouts) - 0.5)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("NAT UDP mapping timeout")


KEEPALIVE_LABELS = {
    "rfc3948-keepalives": "RFC 3948 keepalive interval (2.3)",
    "stenberg-heartbeat": "draft-stenberg heartbeat interval (3.3; ping + reply)",
}


def keepalive_panels(rows, axes):
    """One keepalive grid per variant: RFC 3948 keepalives beside the draft's heartbeat."""
    for ax, v in zip(axes, variants(rows)):
        keepalive_grid([r for r in rows if r["variant"] == v], ax,
                       KEEPALIVE_LABELS.get(v, v + " interval"))
        ax.set_title(v, fontsize=9)


def lines(rows, ax, x, y, xlabel, ylabel):
    for v in variants(rows):
        points = sorted((number(r[x]), number(r.get(y))) for r in rows if r["variant"] == v)
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=v)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)


def misdelivery(rows, ax):
    lines(rows, ax, "hosts", "esp_misdelivered_fraction",
          "hosts behind the NAT", "misdelivered ESP fraction")
    ax.set_ylim(-0.05, 1.05)


def learning_race(rows, ax):
    lines(rows, ax, "race-gap", "esp_misdelivered_fraction",
          "gap between the clients' IKE starts (ms)", "misdelivered ESP fraction")
    ax.set_ylim(-0.05, 1.05)


def overhead(rows, axes):
    """Wire bytes per packet, and what each encapsulation adds to them."""
    lines(rows, axes[0], "payload-size", "wire_bytes_per_packet",
          "UDP payload (bytes)", "bytes on the wire per packet")
    lines(rows, axes[1], "payload-size", "overhead_bytes_per_packet",
          "UDP payload (bytes)", "bytes added by IPsec per packet")


def cert_chain(rows, ax):
    x = "cert_chain_bytes" if "cert_chain_bytes" in rows[0] else "chain-certs"
    for k, v in enumerate(variants(rows)):
        mine = sorted((number(r.get(x)), 1.0 if works(r) else 0.0,
                       number(r.get("largest_ike_message_bytes"), 0.0))
                      for r in rows if r["variant"] == v)
        ax.step([m[0] for m in mine], [m[1] + 0.03 * k for m in mine], where="post",
                marker="o", label=v)
    ax.set_yticks([0, 1])
    ax.set_yticklabels(["fails", "works"])
    ax.set_ylim(-0.2, 1.3)
    ax.set_xlabel("certificate bytes sent" if x == "cert_chain_bytes" else x)
    ax.set_ylabel("IKE SA established")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)


def setup_bars(rows, axes):
    presets = []
    for r in rows:
        if r["preset"] not in presets:
            presets.append(r["preset"])
    names = variants(rows)
    width = 0.8 / max(1, len(names))
    for ax, metric, label in ((axes[0], "setup_time_ms", "setup time (ms)"),
                              (axes[1], "ike_messages", "IKE messages sent")):
        for k, v in enumerate(names):
            xs, hs, colors = [], [], []
            for i, p in enumerate(presets):
                match = [r for r in rows if r["variant"] == v and r["preset"] == p]
                if not match:
                    continue
                r = match[0]
                xs.append(i + k * width)
                hs.append(number(r.get(metric), 0.0) if works(r) else 0.0)
                colors.append(None if works(r) else "none")
            bars = ax.bar(xs, hs, width, label=v)
            for bar, x, c, h in zip(bars, xs, colors, hs):
                if c == "none":
                    ax.text(x, 0, "x", ha="center", va="bottom", color="red", fontsize=9)
        ax.set_ylabel(label)
        ax.grid(True, axis="y", alpha=0.3)
    axes[1].set_xticks([i + 0.4 - width / 2 for i in range(len(presets))])
    axes[1].set_xticklabels(presets, rotation=30, ha="right", fontsize=8)
    axes[0].legend(fontsize=8)
    axes[0].set_title("x: the IKE SA was not established through that NAT", fontsize=8)


def generic(rows, ax):
    fixed = {"variant", "outcome", "symptom"}
    columns = [c for c in rows[0].keys() if c not in fixed]
    numeric = [c for c in columns if all(r[c] == "" or number(r[c]) == number(r[c]) for r in rows)]
    x = columns[0] if columns else None
    y = next((c for c in numeric if c != x), None)
    if x is None or y is None:
        ax.text(0.5, 0.5, "nothing to plot", ha="center")
        return
    lines(rows, ax, x, y, x, y)


SPECIAL = {
    "rfc3715-k-keepalive": keepalive_grid,
    "rfc3715-f-misdelivery": misdelivery,
    "rfc3715-m-cert-chain": cert_chain,
    "passthrough-router-learning-race": learning_race,
}


def draw(path, title):
    rows = read(path)
    stem = os.path.splitext(os.path.basename(path))[0]
    if not rows:
        return
    if stem == "ike-setup":
        fig, axes = plt.subplots(2, 1, figsize=(8, 6.5), sharex=True)
        setup_bars(rows, axes)
    elif stem == "rfc3715-k-keepalive" and len(variants(rows)) > 1:
        fig, axes = plt.subplots(1, len(variants(rows)), figsize=(12, 4.5), sharey=True)
        keepalive_panels(rows, axes)
    elif stem == "encapsulation-overhead":
        fig, axes = plt.subplots(2, 1, figsize=(7, 7), sharex=True)
        overhead(rows, axes)
    else:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        try:
            SPECIAL.get(stem, generic)(rows, ax)
        except KeyError:
            # The sweep lacks a column its special plot needs: say so in
            # the picture rather than fail the whole matrix.
            ax.cla()
            generic(rows, ax)
    fig.suptitle(title or stem, fontsize=10)
    fig.tight_layout()
    fig.savefig(os.path.join(os.path.dirname(path), stem + ".png"), **SAVE)
    plt.close(fig)


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: natt-plots.py DIR\n")
        return 2
    folder = sys.argv[1]
    titles = {}
    index = os.path.join(folder, "titles.csv")
    if os.path.exists(index):
        for row in read(index):
            titles[row["name"]] = row["title"]
    for name in sorted(os.listdir(folder)):
        if name.endswith(".csv") and name != "titles.csv":
            draw(os.path.join(folder, name), titles.get(name[:-4]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
