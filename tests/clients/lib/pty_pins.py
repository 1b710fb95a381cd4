#!/usr/bin/env python3
"""Drives a program on a pseudo-terminal the way a user types PINs.

usage: pty_pins.py PROMPT=ANSWER [PROMPT=ANSWER ...] -- PROGRAM [ARG...]

Waits for each PROMPT on the terminal, types ANSWER and Enter, then reads to
the end. Exits with the program's status after checking that no ANSWER shows
on the terminal (the program must turn echo off before it prompts; with echo
on, the terminal would show every typed character). Prints the terminal
output on failure. Exit 90 when a prompt never comes or an answer is echoed.
"""
import os
import pty
import select
import sys
import time


def main():
    args = sys.argv[1:]
    sep = args.index("--")
    pairs = [a.split("=", 1) for a in args[:sep]]
    prog = args[sep + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(prog[0], prog)
    out = b""

    def read_some(deadline):
        nonlocal out
        r, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
        if not r:
            return False
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the program closed the terminal
            return None
        if not chunk:
            return None
        out += chunk
        return True

    def fail(msg):
        sys.stdout.write("pty_pins: %s\n--- terminal ---\n%s\n" % (msg, out.decode(errors="replace")))
        sys.exit(90)

    seen = 0
    for prompt, answer in pairs:
        deadline = time.time() + 10
        while prompt.encode() not in out[seen:]:
            got = read_some(deadline)
            if not got:
                fail("no prompt %r" % prompt)
        seen = out.index(prompt.encode(), seen) + len(prompt)
        os.write(fd, answer.encode() + b"\r")
    deadline = time.time() + 10
    while True:
        got = read_some(deadline)
        if got is None:
            break
        if got is False:
            fail("the program did not finish")
    _, status = os.waitpid(pid, 0)
    for _, answer in pairs:
        if answer.encode() in out:
            fail("the answer %r was echoed" % answer)
    sys.stdout.write(out.decode(errors="replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


main()
