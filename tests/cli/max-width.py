#!/usr/bin/env python3
"""max-width.py LIST

LIST has a line per output to check: WIDTH AMBIGUOUS FILE LABEL. Prints
every line of FILE wider than WIDTH columns, measured as a terminal does:
East Asian Wide and Fullwidth characters take two columns, Ambiguous ones
AMBIGUOUS (2 in a CJK locale, else 1), combining marks none; colour escapes
take no room. Prints how many outputs it checked; exits 1 when a line was
too wide.
"""
import re
import sys
import unicodedata


def columns(line, ambiguous):
    total = 0
    for c in re.sub(r'\x1b\[[0-9;]*m', '', line):
        if unicodedata.combining(c):
            continue
        kind = unicodedata.east_asian_width(c)
        total += 2 if kind in 'WF' else ambiguous if kind == 'A' else 1
    return total


checked = failed = 0
with open(sys.argv[1], encoding='utf-8') as listing:
    for entry in listing:
        width, ambiguous, path, label = entry.rstrip('\n').split(' ', 3)
        width, ambiguous = int(width), int(ambiguous)
        with open(path, encoding='utf-8') as output:
            wide = [line for line in output.read().split('\n') if columns(line, ambiguous) > width]
        for line in wide:
            print(f'{label}: {columns(line, ambiguous)} > {width}: {line}')
        checked += 1
        failed += bool(wide)
print(f'checked {checked} outputs, {failed} too wide')
sys.exit(1 if failed else 0)
