#!/usr/bin/env python3
"""Validations per second of python-stdnum's Chinese resident ID check (stdnum.cn.ric) over a file of numbers.

The peer guitai-bench compares its ID parser with (issue 13); Python because the peer is a Python library.
Prints one number, over the numbers stdnum accepts: validations per second over about two seconds of cycling through the file.
"""
import sys
import time

from stdnum.cn import ric

def accepted(number):
    try:
        ric.validate(number)
        return True
    except Exception:
        return False


# Only the numbers stdnum itself accepts are timed: its birth-place table lacks some current codes (540102 among them).
numbers = [n for n in (line.strip() for line in open(sys.argv[1], encoding="utf-8")) if n and accepted(n)]
if not numbers:
    sys.exit("stdnum accepts none of the numbers")
done = 0
start = time.perf_counter()
while time.perf_counter() - start < 2.0:
    for number in numbers:
        ric.validate(number)
    done += len(numbers)
print(done / (time.perf_counter() - start))
