"""Runs a command on a pseudo-terminal and answers its prompts, as a person at a terminal.

usage: python pty_drive.py ANSWERS_FILE COMMAND [ARG...]

ANSWERS_FILE holds one answer a line; each is typed (with Enter) when the output since the
last answer ends with a prompt (": "). Everything the terminal shows is written to standard
output; the exit code is the command's.
"""
import os
import pty
import select
import sys
import time

answers = open(sys.argv[1], encoding="utf-8").read().split("\n")
if answers and answers[-1] == "":
    answers.pop()
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
shown = b""
since = b""
deadline = time.time() + 60
while time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.3)
    if ready:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
        since += chunk
        continue
    if since.rstrip(b" ").endswith(b":") and answers:
        os.write(fd, answers.pop(0).encode() + b"\r")
        since = b""
_, status = os.waitpid(pid, 0)
sys.stdout.write(shown.decode("utf-8", "replace"))
sys.stdout.write("\n[answers left: %d]\n" % len(answers))
sys.exit(os.waitstatus_to_exitcode(status))
