"""Runs a command on a pseudo-terminal and answers its prompts, as a person at a terminal.

usage: python pty_drive.py ANSWERS_FILE COMMAND [ARG...]

ANSWERS_FILE holds one answer a line; each is typed (with Enter) when the output since the
last answer ends with a prompt (": "). The answer ^C is Ctrl-C (the byte 0x03, no Enter).
Everything the terminal shows is written to standard output, then the terminal's echo and
line editing (canonical mode) as the command left them ("[echo: on]", "[icanon: on]"); the
exit code is the command's.
"""
import os
import pty
import select
import sys
import termios
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
        answer = answers.pop(0)
        os.write(fd, b"\x03" if answer == "^C" else answer.encode() + b"\r")
        since = b""
_, status = os.waitpid(pid, 0)
try:
    lflag = termios.tcgetattr(fd)[3]
    modes = "[echo: %s] [icanon: %s]" % (
        "on" if lflag & termios.ECHO else "off",
        "on" if lflag & termios.ICANON else "off",
    )
except termios.error as e:
    modes = "[terminal modes unknown: %s]" % e
sys.stdout.write(shown.decode("utf-8", "replace"))
sys.stdout.write("\n" + modes)
sys.stdout.write("\n[answers left: %d]\n" % len(answers))
sys.exit(os.waitstatus_to_exitcode(status))
