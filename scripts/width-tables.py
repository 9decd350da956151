#!/usr/bin/env python3
"""width-tables.py - print the East Asian Width tables of src/base/text.c.

Wide (W) and Fullwidth (F) characters take two columns everywhere;
Ambiguous (A) ones take two columns in a CJK locale and one elsewhere, as
wcwidth does for CJK locales. Made from Python's unicodedata (its Unicode
version is printed in the comment); paste the output over the tables in
text.c. Combining marks are zero-width there and are left out here.
"""
import sys
import unicodedata


def ranges(keep):
    """Ranges of code points kept; unassigned ones between two kept ones
    join them, so the tables stay short."""
    out, start, last_kept = [], None, None
    for c in range(0x110000):
        if keep(c):
            if start is None:
                start = c
            last_kept = c
        elif start is not None and unicodedata.category(chr(c)) != 'Cn':
            out.append((start, last_kept))
            start = None
    if start is not None:
        out.append((start, last_kept))
    return out


def width_class(c):
    return unicodedata.east_asian_width(chr(c))


def category(c):
    return unicodedata.category(chr(c))


def emit(name, table, comment):
    print(f"/* {comment} */")
    print(f"static const struct codepoint_range {name}[] = {{")
    line = "\t"
    for first, last in table:
        item = f"{{ 0x{first:04X}, 0x{last:04X} }}, "
        if len(line) + len(item) > 100:
            print(line.rstrip())
            line = "\t"
        line += item
    print(line.rstrip())
    print("};")


version = unicodedata.unidata_version
emit("wide_ranges", ranges(lambda c: width_class(c) in ('W', 'F') and category(c) not in ('Mn', 'Me', 'Cn')),
     f"East Asian Wide and Fullwidth (Unicode {version}): two columns.")
print()
emit("ambiguous_ranges", ranges(lambda c: width_class(c) == 'A' and category(c) not in ('Mn', 'Me', 'Co', 'Cn')),
     f"East Asian Ambiguous (Unicode {version}), private use left out: two columns in a CJK locale.")
