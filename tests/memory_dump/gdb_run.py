#!/usr/bin/env python3
"""Runs a program under gdb, stops it at a chosen point and writes a core file of it.

Used by tests/memory_dump.rs. Usage:

    gdb_run.py --core CORE --log LOG [--stop exit|stdout-write]
               [--stdin-file F | --stdin-pipe F | --tty SCRIPT.json] [--cwd DIR] -- PROGRAM ARGS...

--stop exit          stop at the exit_group system call: everything has been freed and dropped,
                     the process is about to vanish (the default).
--stop stdout-write  stop at the first write(2) to standard output (a self-check: what is being
                     written is still in memory).
--stdin-file F       standard input is the file F.
--stdin-pipe F       standard input is a pipe through which the bytes of F are written.
--tty SCRIPT.json    gdb and the program run in a new pseudo-terminal (the program's controlling
                     terminal); SCRIPT is a list of [expected text, line to type]: when the
                     expected text has appeared on the terminal, the line is typed and Enter
                     pressed.

Everything the terminal (or gdb's standard output and error) shows goes to LOG. Exit status 0
when the core was written.
"""
import argparse
import json
import os
import pty
import select
import subprocess
import sys
import time

TIMEOUT = int(os.environ.get("GDB_RUN_TIMEOUT", "120"))


def gdb_command(core, stop, program):
    cmds = [
        "set pagination off",
        "set confirm off",
        "set startup-with-shell off",
        "set debuginfod enabled off",
        # Dump every writable or anonymous mapping, whatever the process's coredump_filter
        # and MADV_DONTDUMP say.
        "set use-coredump-filter off",
        "set dump-excluded-mappings on",
    ]
    if stop == "exit":
        cmds.append("catch syscall exit_group")
    else:
        cmds.append("catch syscall write")
        cmds.append("condition 1 $rdi == 1")
    cmds += ["run", "gcore " + core, "kill"]
    argv = ["gdb", "-nx", "-q", "-batch"]
    for c in cmds:
        argv += ["-ex", c]
    return argv + ["--args"] + program


def run_tty(argv, script, log, cwd):
    pid, fd = pty.fork()
    if pid == 0:
        if cwd:
            os.chdir(cwd)
        os.execvp(argv[0], argv)
    seen = b""
    done = 0
    steps = [(e.encode(), s.encode()) for e, s in script]
    deadline = time.time() + TIMEOUT
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            seen += data
        if done < len(steps) and steps[done][0] in seen:
            # Forget what was matched so the next prompt must appear anew.
            seen_at = seen.index(steps[done][0]) + len(steps[done][0])
            log.write(seen[:seen_at])
            seen = seen[seen_at:]
            time.sleep(0.2)
            os.write(fd, steps[done][1] + b"\r")
            done += 1
    log.write(seen)
    if time.time() >= deadline:
        log.write(b"\n[gdb_run: timed out]\n")
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    if done < len(steps):
        log.write(("\n[gdb_run: typed %d of %d lines]\n" % (done, len(steps))).encode())
        return 1
    return os.waitstatus_to_exitcode(status)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--core", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--stop", choices=["exit", "stdout-write"], default="exit")
    ap.add_argument("--stdin-file")
    ap.add_argument("--stdin-pipe")
    ap.add_argument("--tty")
    ap.add_argument("--cwd")
    ap.add_argument("program", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    program = a.program[1:] if a.program and a.program[0] == "--" else a.program
    argv = gdb_command(a.core, a.stop, program)
    with open(a.log, "wb") as log:
        if a.tty:
            with open(a.tty) as f:
                script = json.load(f)
            rc = run_tty(argv, script, log, a.cwd)
        else:
            stdin = subprocess.DEVNULL
            if a.stdin_file:
                stdin = open(a.stdin_file, "rb")
            elif a.stdin_pipe:
                stdin = subprocess.PIPE
            p = subprocess.Popen(argv, stdin=stdin, stdout=log, stderr=subprocess.STDOUT, cwd=a.cwd)
            if a.stdin_pipe:
                with open(a.stdin_pipe, "rb") as f:
                    p.stdin.write(f.read())
                p.stdin.close()
            try:
                rc = p.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                p.kill()
                rc = 1
    if not os.path.exists(a.core):
        sys.stderr.write("gdb_run: no core written (gdb exit %s); see %s\n" % (rc, a.log))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
