"""Batch driver for the SLIP-39 reference implementation (PyPI shamir-mnemonic 0.3.0).

Reads one JSON array of requests on stdin and writes one JSON array of answers on stdout,
in the same order, so that a whole interop suite costs one Python start-up.

Requests:
  {"op": "split", "group_threshold": g, "groups": [[t, n], ...], "secret_hex": "...",
   "passphrase": "...", "extendable": bool, "iteration_exponent": e}
      -> {"ok": true, "groups": [["word word ...", ...], ...]}
  {"op": "combine", "mnemonics": ["word word ...", ...], "passphrase": "..."}
      -> {"ok": true, "secret_hex": "..."}
Any failure -> {"ok": false, "error": "<exception class>: <message>"}
"""

import json
import sys

import shamir_mnemonic


def handle(req):
    op = req["op"]
    passphrase = req.get("passphrase", "").encode("ascii")
    if op == "split":
        groups = shamir_mnemonic.generate_mnemonics(
            group_threshold=req["group_threshold"],
            groups=[tuple(g) for g in req["groups"]],
            master_secret=bytes.fromhex(req["secret_hex"]),
            passphrase=passphrase,
            extendable=req["extendable"],
            iteration_exponent=req["iteration_exponent"],
        )
        return {"ok": True, "groups": groups}
    if op == "combine":
        secret = shamir_mnemonic.combine_mnemonics(req["mnemonics"], passphrase=passphrase)
        return {"ok": True, "secret_hex": secret.hex()}
    if op == "version":
        from importlib.metadata import version

        return {"ok": True, "version": version("shamir-mnemonic")}
    raise ValueError(f"unknown op {op!r}")


def main():
    requests = json.load(sys.stdin)
    answers = []
    for req in requests:
        try:
            answers.append(handle(req))
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the caller
            answers.append({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
