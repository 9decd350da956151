#!/usr/bin/python3
"""read_xlsx.py - a workbook read back with openpyxl, as the CLI tests see it.

    read_xlsx.py FILE [--rows FIRST-LAST] [--columns A,B,...] [--styles]

For each sheet: its name, size, frozen panes, autofilter and page setup,
then the rows asked for (all by default), cells separated by " | ".
A date cell shows as "2018-05-31 (date)", a number as "12 (number)";
with --styles a cell filled red ends in "[red]", yellow "[yellow]", the
header's grey "[header]", grey text "[grey]", and wrapped text "[wrap]".
--sheets prints only the line of each sheet.
"""
import argparse
import datetime

import openpyxl

FILLS = {"FFFFC7CE": "red", "FFFFEB9C": "yellow", "FFD9D9D9": "header"}


def cell_text(cell, styles):
    value = cell.value
    if value is None:
        text = ""
    elif isinstance(value, datetime.datetime):
        text = "%s (date)" % value.date().isoformat() if cell.is_date else str(value)
    elif isinstance(value, (int, float)):
        text = "%g (number)" % value
    else:
        text = str(value).replace("\n", "\\n")
    if styles:
        marks = []
        if cell.fill is not None and cell.fill.fill_type == "solid":
            marks.append(FILLS.get(cell.fill.fgColor.rgb, cell.fill.fgColor.rgb))
        if cell.font is not None and cell.font.color is not None and cell.font.color.rgb == "FF808080":
            marks.append("grey")
        if cell.alignment is not None and cell.alignment.wrap_text:
            marks.append("wrap")
        if marks:
            text += " [%s]" % ", ".join(marks)
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--rows")
    parser.add_argument("--columns")
    parser.add_argument("--styles", action="store_true")
    parser.add_argument("--sheets", action="store_true", help="only the line of each sheet")
    args = parser.parse_args()
    book = openpyxl.load_workbook(args.file)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        print("== %s: %d rows, %d columns; frozen at %s; filter %s; %s, paper %s" % (
            sheet.title, sheet.max_row, sheet.max_column, sheet.freeze_panes, sheet.auto_filter.ref,
            setup.orientation, setup.paperSize))
        if args.sheets:
            continue
        first, last = 1, sheet.max_row
        if args.rows:
            first, last = (int(n) for n in args.rows.split("-"))
        columns = args.columns.split(",") if args.columns else None
        for row in sheet.iter_rows(min_row=first, max_row=min(last, sheet.max_row)):
            cells = [c for c in row if columns is None or c.column_letter in columns]
            print(" | ".join(cell_text(c, args.styles) for c in cells))


main()
