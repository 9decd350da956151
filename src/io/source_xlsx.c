/*
 * source_xlsx.c - the table of an Excel workbook (.xlsx): the first sheet,
 * in the workbook's order, with a row the caller's header test accepts.
 *
 * xl/workbook.xml names the sheets and their relationship ids, which
 * xl/_rels/workbook.xml.rels maps to the sheet parts. Cells are written as
 * Excel shows them to a reader:
 *  - strings: shared (xl/sharedStrings.xml, rich text runs joined, phonetic
 *    guides left out), inline (is/t) and formula results (str);
 *  - numbers: the shortest form that reads back the same, at most 15
 *    significant digits (as Excel shows), no ".0" and no exponent for
 *    everyday values; with a percent format, as a percentage;
 *  - dates: a number whose cell style (xl/styles.xml) has a date format,
 *    built-in (ids 14-22, 27-36, 45-47, 50-58) or custom (a code with y
 *    or d, or m without h or s, outside quotes and brackets, like
 *    yyyy"年"m"月"d"日"), as YYYY-MM-DD, in the 1900 date system (with
 *    Excel's 1900-02-29) or the 1904 one when the workbook says so; a
 *    serial below 1 (a time of day) stays a number;
 *  - booleans TRUE/FALSE, errors as their code (#N/A).
 * A cell's reference (r="C5") places it; skipped cells are "". Merged
 * cells (mergeCell ref="A3:A5") repeat the top-left value in the cells
 * below it in the merge's first column, as a merged 责任单位 cell means
 * the same units for each row it spans; cells to the right stay "". A row's
 * line is its row number in the sheet, and the sheet's name is the part.
 * Trailing empty cells of a row are left off.
 */
#include "duty/source.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "duty/arena.h"
#include "duty/array.h"
#include "duty/date.h"
#include "duty/strbuf.h"
#include "duty/utf8.h"
#include "duty/zipxml.h"
#include "duty/i18n.h"

enum {
	MAX_ROW = 1048576,
	MAX_COLUMN = 16384,
	MAX_STYLES = 65536,     /* cell formats read from styles.xml */
	MAX_SHEETS = 4096,
	MAX_MERGES = 100000,
};

/* ---- reading a member: what every part's reader shares ---- */

struct part_reader {
	struct grid_builder *builder;
	struct zip_package *package;
	const char *member;
	struct strbuf text;       /* the text of the element being read */
	bool in_text;
};

/* At most limit bytes of text, not cutting a character in two. */
static int quotable_length(const char *text, size_t limit)
{
	size_t length = strlen(text);
	if (length > limit) {
		length = limit;
		while (length > 0 && ((unsigned char)text[length] & 0xC0) == 0x80)
			length--;
	}
	return (int)length;
}

/* Reports a problem in the member being read, with the value found when
 * there is one, and stops reading it. */
static void part_fail(struct part_reader *part, const char *problem, const char *value)
{
	struct grid_builder *builder = part->builder;
	long line = zip_package_line(part->package);
	if (value)
		diag_error(builder->diag, builder->grid->file, 0, NULL,
			   _("%s, line %ld: %s \"%.*s\"; the file is damaged"), part->member, line, problem,
			   quotable_length(value, 40), value);
	else
		diag_error(builder->diag, builder->grid->file, 0, NULL, _("%s, line %ld: %s"), part->member, line,
			   problem);
	zip_package_fail(part->package);
}

static void part_out_of_memory(struct part_reader *part)
{
	diag_memory_error(part->builder->diag, part->builder->grid->file, 0, _("out of memory while reading %s"),
			  part->member);
	zip_package_fail(part->package);
}

static void part_text(void *context, const char *text, size_t length)
{
	struct part_reader *part = context;
	if (part->in_text)
		strbuf_append(&part->text, text, length);
}

/* Whole decimal numbers only; false for anything else. */
static bool parse_count(const char *text, unsigned long limit, unsigned long *value)
{
	if (!text || *text < '0' || *text > '9')
		return false;
	unsigned long number = 0;
	for (; *text >= '0' && *text <= '9'; text++) {
		number = number * 10 + (unsigned long)(*text - '0');
		if (number > limit)
			return false;
	}
	*value = number;
	return *text == '\0';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* "_xHHHH_" at text[0..length): the code unit, or -1. */
static long escape_at(const char *text, size_t length)
{
	if (length < 7 || text[0] != '_' || text[1] != 'x' || text[6] != '_')
		return -1;
	long code = 0;
	for (size_t i = 2; i < 6; i++) {
		int digit = hex_value(text[i]);
		if (digit < 0)
			return -1;
		code = code * 16 + digit;
	}
	return code;
}

/* OOXML escapes characters XML cannot hold as _xHHHH_ ("_x000D_" for a
 * carriage return, "_x005F_" for "_"): decoded in place (never longer).
 * Control characters other than tab and line ends, and lone surrogates,
 * are dropped. Returns the new length. */
static size_t decode_escapes(char *text, size_t length)
{
	size_t out = 0;
	for (size_t i = 0; i < length;) {
		long code = escape_at(text + i, length - i);
		if (code < 0) {
			text[out++] = text[i++];
			continue;
		}
		i += 7;
		if (code == '\t' || code == '\n' || code == '\r' || (code >= 0x20 && code < 0x80)) {
			text[out++] = (char)code;
		} else if (code >= 0x80 && code < 0x800) {
			text[out++] = (char)(0xC0 | (code >> 6));
			text[out++] = (char)(0x80 | (code & 0x3F));
		} else if (code >= 0x800 && (code < 0xD800 || code > 0xDFFF)) {
			text[out++] = (char)(0xE0 | (code >> 12));
			text[out++] = (char)(0x80 | ((code >> 6) & 0x3F));
			text[out++] = (char)(0x80 | (code & 0x3F));
		}
	}
	return out;
}

/* ---- xl/workbook.xml and its relationships ---- */

struct sheet_entry {
	const char *name;
	const char *id;          /* relationship id */
	const char *member;      /* the part, once resolved */
};

struct workbook {
	struct part_reader part;
	struct sheet_entry *sheets;
	size_t sheet_count, sheet_capacity;
	bool date1904;
};

static void workbook_start(void *context, const char *name, const char **attributes)
{
	struct workbook *book = context;
	struct grid_builder *builder = book->part.builder;
	if (strcmp(name, "workbookPr") == 0) {
		const char *value = xml_attribute(attributes, "date1904");
		book->date1904 = value && (strcmp(value, "1") == 0 || strcmp(value, "true") == 0);
	} else if (strcmp(name, "sheet") == 0) {
		const char *sheet_name = xml_attribute(attributes, "name");
		const char *id = xml_attribute(attributes, "id");
		if (!id)
			return;   /* no part to read */
		if (book->sheet_count >= MAX_SHEETS) {
			part_fail(&book->part, _("the workbook lists more than 4096 sheets, more than duty reads"),
				  NULL);
			return;
		}
		struct sheet_entry *sheets = array_reserve(book->sheets, &book->sheet_capacity, book->sheet_count,
							   sizeof *sheets);
		if (!sheets) {
			part_out_of_memory(&book->part);
			return;
		}
		book->sheets = sheets;
		sheet_name = sheet_name ? sheet_name : "";
		struct sheet_entry *entry = &book->sheets[book->sheet_count++];
		entry->name = grid_keep(builder, sheet_name, strlen(sheet_name));
		entry->id = grid_keep(builder, id, strlen(id));
		entry->member = NULL;
		if (!entry->name || !entry->id)
			zip_package_fail(book->part.package);
	}
}

/* "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml",
 * with "." and ".." segments resolved. */
static const char *resolve_target(struct grid_builder *builder, const char *target)
{
	struct strbuf path = STRBUF_INIT;
	if (target[0] == '/')
		target++;
	else
		strbuf_puts(&path, "xl/");
	while (*target) {
		const char *slash = strchr(target, '/');
		size_t length = slash ? (size_t)(slash - target) : strlen(target);
		if (length == 2 && memcmp(target, "..", 2) == 0) {
			/* Drop the last directory of path (it ends with '/'). */
			size_t end = path.length ? path.length - 1 : 0;
			while (end > 0 && path.data[end - 1] != '/')
				end--;
			path.length = end;
			if (path.data)
				path.data[end] = '\0';
		} else if (!(length == 1 && target[0] == '.') && length > 0) {
			strbuf_append(&path, target, length);
			if (slash)
				strbuf_putc(&path, '/');
		}
		target += length + (slash ? 1 : 0);
	}
	const char *kept = NULL;
	if (path.failed)
		diag_memory_error(builder->diag, builder->grid->file, 0, _("out of memory while reading the table"));
	else
		kept = grid_keep(builder, strbuf_text(&path), path.length);
	strbuf_free(&path);
	return kept;
}

static void relationship_start(void *context, const char *name, const char **attributes)
{
	struct workbook *book = context;
	if (strcmp(name, "Relationship") != 0)
		return;
	const char *id = xml_attribute(attributes, "Id");
	const char *type = xml_attribute(attributes, "Type");
	const char *target = xml_attribute(attributes, "Target");
	const char *mode = xml_attribute(attributes, "TargetMode");
	size_t type_length = type ? strlen(type) : 0;
	if (!id || !target || (mode && strcmp(mode, "External") == 0) || type_length < 10
	    || strcmp(type + type_length - 10, "/worksheet") != 0)
		return;
	for (size_t i = 0; i < book->sheet_count; i++) {
		if (book->sheets[i].member || strcmp(book->sheets[i].id, id) != 0)
			continue;
		book->sheets[i].member = resolve_target(book->part.builder, target);
		if (!book->sheets[i].member)
			zip_package_fail(book->part.package);
	}
}

/* ---- xl/sharedStrings.xml ---- */

struct shared_strings {
	struct part_reader part;
	struct arena arena;
	const char **strings;
	size_t count, capacity;
	int phonetic_depth;       /* inside rPh: a reading guide, not text */
};

static void shared_start(void *context, const char *name, const char **attributes)
{
	(void)attributes;
	struct shared_strings *shared = context;
	if (strcmp(name, "si") == 0) {
		strbuf_clear(&shared->part.text);
	} else if (strcmp(name, "rPh") == 0) {
		shared->phonetic_depth++;
	} else if (strcmp(name, "t") == 0 && shared->phonetic_depth == 0) {
		shared->part.in_text = true;
	}
}

static void shared_end(void *context, const char *name)
{
	struct shared_strings *shared = context;
	struct part_reader *part = &shared->part;
	if (strcmp(name, "t") == 0) {
		part->in_text = false;
	} else if (strcmp(name, "rPh") == 0 && shared->phonetic_depth > 0) {
		shared->phonetic_depth--;
	} else if (strcmp(name, "si") == 0) {
		if (shared->count >= SOURCE_MAX_CELLS) {
			part_fail(part, _("more than 1000000 shared strings, more than duty reads"), NULL);
			return;
		}
		const char **strings = array_reserve(shared->strings, &shared->capacity, shared->count,
						     sizeof *strings);
		char *copy = part->text.failed ? NULL
						: arena_strndup(&shared->arena, strbuf_text(&part->text), part->text.length);
		if (!strings || !copy) {
			if (strings)
				shared->strings = strings;
			part_out_of_memory(part);
			return;
		}
		shared->strings = strings;
		copy[decode_escapes(copy, part->text.length)] = '\0';
		shared->strings[shared->count++] = copy;
	}
}

/* ---- xl/styles.xml: which cell formats are dates or percentages ---- */

enum number_kind { NUMBER_PLAIN, NUMBER_DATE, NUMBER_PERCENT };

struct custom_format {
	unsigned long id;
	enum number_kind kind;
};

struct styles {
	struct part_reader part;
	struct custom_format *formats;
	size_t format_count, format_capacity;
	unsigned long *xf_formats;   /* cellXfs: format id of each cell style */
	size_t xf_count, xf_capacity;
	bool in_cell_xfs;
};

static enum number_kind builtin_kind(unsigned long id)
{
	if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58))
		return NUMBER_DATE;
	if (id == 9 || id == 10)
		return NUMBER_PERCENT;
	return NUMBER_PLAIN;
}

/* A format code is a date when y or d appear outside quoted text,
 * [brackets] and escaped characters, or m without h or s (a month, not
 * minutes: "yyyy\"年\"m\"月\"", "[$-804]m月d日" but not "[h]:mm" or
 * "mm:ss"); a percentage when % does. */
static enum number_kind code_kind(const char *code)
{
	bool year_or_day = false, month = false, time = false, percent = false;
	for (const char *c = code; *c; c++) {
		char lower = (char)(*c | 0x20);
		if (*c == '"' || *c == '[') {
			const char *close = strchr(c + 1, *c == '"' ? '"' : ']');
			if (!close)
				break;
			/* [h], [mm], [ss]: elapsed time. */
			if (*c == '[' && close > c + 1 && strspn(c + 1, "hHmMsS") == (size_t)(close - c - 1))
				time = true;
			c = close;
		} else if (*c == '\\' || *c == '_' || *c == '*') {
			if (!c[1])
				break;
			c++;
		} else if (lower == 'y' || lower == 'd') {
			year_or_day = true;
		} else if (lower == 'm') {
			month = true;
		} else if (lower == 'h' || lower == 's') {
			time = true;
		} else if (*c == '%') {
			percent = true;
		}
	}
	if (year_or_day || (month && !time))
		return NUMBER_DATE;
	return percent ? NUMBER_PERCENT : NUMBER_PLAIN;
}

static void styles_start(void *context, const char *name, const char **attributes)
{
	struct styles *styles = context;
	unsigned long id;
	if (strcmp(name, "cellXfs") == 0) {
		styles->in_cell_xfs = true;
	} else if (strcmp(name, "numFmt") == 0) {
		const char *code = xml_attribute(attributes, "formatCode");
		if (!code || !parse_count(xml_attribute(attributes, "numFmtId"), UINT32_MAX, &id)
		    || styles->format_count >= MAX_STYLES)
			return;
		struct custom_format *formats = array_reserve(styles->formats, &styles->format_capacity,
							      styles->format_count, sizeof *formats);
		if (!formats) {
			part_out_of_memory(&styles->part);
			return;
		}
		styles->formats = formats;
		styles->formats[styles->format_count++] = (struct custom_format){ id, code_kind(code) };
	} else if (strcmp(name, "xf") == 0 && styles->in_cell_xfs && styles->xf_count < MAX_STYLES) {
		if (!parse_count(xml_attribute(attributes, "numFmtId"), UINT32_MAX, &id))
			id = 0;
		unsigned long *xfs = array_reserve(styles->xf_formats, &styles->xf_capacity, styles->xf_count,
						   sizeof *xfs);
		if (!xfs) {
			part_out_of_memory(&styles->part);
			return;
		}
		styles->xf_formats = xfs;
		styles->xf_formats[styles->xf_count++] = id;
	}
}

static void styles_end(void *context, const char *name)
{
	struct styles *styles = context;
	if (strcmp(name, "cellXfs") == 0)
		styles->in_cell_xfs = false;
}

static enum number_kind style_kind(const struct styles *styles, unsigned long style)
{
	if (style >= styles->xf_count)
		return NUMBER_PLAIN;
	unsigned long id = styles->xf_formats[style];
	for (size_t i = styles->format_count; i-- > 0;)
		if (styles->formats[i].id == id)
			return styles->formats[i].kind;
	return builtin_kind(id);
}

/* ---- numbers and dates as a reader sees them ---- */

/* An Excel serial day number as "YYYY-MM-DD"; false outside 1900..9999. */
static bool format_serial_date(double serial, bool date1904, char text[DATE_TEXT_SIZE])
{
	if (!date1904 && serial >= 60 && serial < 61) {
		/* Excel counts 1900 as a leap year (as Lotus 1-2-3 did). */
		snprintf(text, DATE_TEXT_SIZE, "1900-02-29");
		return true;
	}
	date_t date;
	if (!date_from_excel_serial(serial, date1904, &date))
		return false;
	date_format(date, text);
	return true;
}

/* Digits before the point, or for a magnitude below 1 one less than the
 * zeros after it: floor(log10(magnitude)) + 1 for 1e-9 <= magnitude <
 * 1e15, without libm (one library less to load at every start). */
static int whole_digits(double magnitude)
{
	static const double tenths[] = { 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9 };
	int digits = 0;
	if (magnitude >= 1) {
		for (double power = 1; magnitude >= power && digits < 16; power *= 10)   /* exact up to 1e22 */
			digits++;
		return digits;
	}
	for (size_t i = 0; i < sizeof tenths / sizeof tenths[0] && magnitude < tenths[i]; i++)
		digits--;
	return digits;
}

/* The fewest significant digits (up to 15) that Excel would show. */
static void format_number(double value, char *text, size_t size)
{
	if (value == 0) {
		snprintf(text, size, "0");
		return;
	}
	double magnitude = fabs(value);
	if (magnitude >= 1e15 || magnitude < 1e-9) {
		snprintf(text, size, "%.15g", value);
		return;
	}
	if (value == (double)(long long)value) {   /* whole: |value| < 1e15 fits */
		snprintf(text, size, "%.0f", value);
		return;
	}
	/* Fixed notation with 15 significant digits, trailing zeros dropped. */
	int decimals = 15 - whole_digits(magnitude);
	if (decimals < 0)
		decimals = 0;
	if (decimals > 24)
		decimals = 24;
	snprintf(text, size, "%.*f", decimals, value);
	char *point = strchr(text, '.');
	if (point) {
		char *end = text + strlen(text);
		while (end > point + 1 && end[-1] == '0')
			end--;
		if (end == point + 1)
			end--;
		*end = '\0';
	}
	if (strcmp(text, "-0") == 0)
		snprintf(text, size, "0");
}

/* ---- a worksheet ---- */

struct sheet_cell {
	uint32_t row, column;
	uint32_t order;           /* as read, to keep the first of duplicates */
	const char *text;         /* in the grid's arena */
};

struct merge {
	uint32_t first_row, first_column, last_row, last_column;
};

struct sheet {
	struct part_reader part;
	const struct shared_strings *shared;
	const struct styles *styles;
	bool date1904;
	struct sheet_cell *cells;
	size_t cell_count, cell_capacity;
	struct merge *merges;
	size_t merge_count, merge_capacity;
	/* The cell being read. */
	unsigned long row, column;
	char type[16];
	unsigned long style;
	struct strbuf inline_text;
	bool in_value, in_inline, has_inline;
	int phonetic_depth;
};

/* "AB12" -> column 28, row 12; either part may be missing ("AB", "12"). */
static bool parse_reference(const char *reference, unsigned long *column, unsigned long *row, bool *has_column,
			    bool *has_row)
{
	const char *c = reference;
	unsigned long letters = 0, digits = 0;
	*has_column = *has_row = false;
	if (*c == '$')
		c++;
	for (; (*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z'); c++) {
		letters = letters * 26 + (unsigned long)((*c | 0x20) - 'a' + 1);
		if (letters > MAX_COLUMN)
			return false;
		*has_column = true;
	}
	if (*c == '$')
		c++;
	for (; *c >= '0' && *c <= '9'; c++) {
		digits = digits * 10 + (unsigned long)(*c - '0');
		if (digits > MAX_ROW)
			return false;
		*has_row = true;
	}
	if (*c != '\0' || (*has_row && digits == 0))
		return false;
	*column = letters;
	*row = digits;
	return true;
}

static void sheet_start(void *context, const char *name, const char **attributes)
{
	struct sheet *sheet = context;
	unsigned long column, row;
	bool has_column, has_row;
	if (strcmp(name, "row") == 0) {
		const char *reference = xml_attribute(attributes, "r");
		if (!reference) {
			row = sheet->row + 1;
		} else if (!parse_count(reference, MAX_ROW, &row) || row == 0) {
			part_fail(&sheet->part, _("a row number that is not 1 to 1048576:"), reference);
			return;
		}
		if (row > MAX_ROW) {
			part_fail(&sheet->part, _("more rows than a sheet has (1048576)"), NULL);
			return;
		}
		sheet->row = row;
		sheet->column = 0;
	} else if (strcmp(name, "c") == 0) {
		const char *reference = xml_attribute(attributes, "r");
		if (reference) {
			if (!parse_reference(reference, &column, &row, &has_column, &has_row) || !has_column) {
				part_fail(&sheet->part, _("a cell reference that is not a column and row like C5:"),
					  reference);
				return;
			}
			sheet->column = column;
			if (has_row)
				sheet->row = row;
		} else {
			sheet->column++;
		}
		if (sheet->row == 0)
			sheet->row = 1;
		if (sheet->column == 0 || sheet->column > MAX_COLUMN) {
			part_fail(&sheet->part, _("more columns than a sheet has (16384)"), NULL);
			return;
		}
		const char *type = xml_attribute(attributes, "t");
		snprintf(sheet->type, sizeof sheet->type, "%s", type ? type : "n");
		if (!parse_count(xml_attribute(attributes, "s"), UINT32_MAX, &sheet->style))
			sheet->style = 0;
		strbuf_clear(&sheet->part.text);
		strbuf_clear(&sheet->inline_text);
		sheet->has_inline = false;
	} else if (strcmp(name, "v") == 0) {
		sheet->in_value = true;
		sheet->part.in_text = true;
	} else if (strcmp(name, "is") == 0) {
		sheet->in_inline = true;
		sheet->has_inline = true;
	} else if (strcmp(name, "rPh") == 0) {
		sheet->phonetic_depth++;
	} else if (strcmp(name, "t") == 0 && sheet->in_inline && sheet->phonetic_depth == 0) {
		sheet->part.in_text = true;
	} else if (strcmp(name, "mergeCell") == 0) {
		const char *reference = xml_attribute(attributes, "ref");
		const char *colon = reference ? strchr(reference, ':') : NULL;
		char first[24];
		struct merge merge;
		unsigned long first_column, first_row, last_column, last_row;
		if (!colon || (size_t)(colon - reference) >= sizeof first)
			return;   /* a single cell: nothing merged */
		snprintf(first, sizeof first, "%.*s", (int)(colon - reference), reference);
		if (!parse_reference(first, &first_column, &first_row, &has_column, &has_row) || !has_column
		    || !has_row || !parse_reference(colon + 1, &last_column, &last_row, &has_column, &has_row)
		    || !has_column || !has_row || last_row < first_row || last_column < first_column) {
			part_fail(&sheet->part, _("a merged range that is not two cells like A1:D3:"), reference);
			return;
		}
		if (sheet->merge_count >= MAX_MERGES)
			return;
		merge = (struct merge){ (uint32_t)first_row, (uint32_t)first_column, (uint32_t)last_row,
					(uint32_t)last_column };
		struct merge *merges = array_reserve(sheet->merges, &sheet->merge_capacity, sheet->merge_count,
						     sizeof *merges);
		if (!merges) {
			part_out_of_memory(&sheet->part);
			return;
		}
		sheet->merges = merges;
		sheet->merges[sheet->merge_count++] = merge;
	}
}

/* Keeps a cell of the sheet; false when that is too many or memory runs
 * out (reported). */
static bool add_sheet_cell(struct sheet *sheet, uint32_t row, uint32_t column, const char *text)
{
	if (sheet->cell_count >= SOURCE_MAX_CELLS) {
		diag_error(sheet->part.builder->diag, sheet->part.builder->grid->file, row, NULL,
			   _("the source has more than %d table cells, more than duty reads from one file"),
			   SOURCE_MAX_CELLS);
		return false;
	}
	struct sheet_cell *cells = array_reserve(sheet->cells, &sheet->cell_capacity, sheet->cell_count,
						 sizeof *cells);
	if (!cells) {
		diag_memory_error(sheet->part.builder->diag, sheet->part.builder->grid->file, row,
				  _("out of memory while reading the table"));
		return false;
	}
	sheet->cells = cells;
	sheet->cells[sheet->cell_count] = (struct sheet_cell){ row, column, (uint32_t)sheet->cell_count, text };
	sheet->cell_count++;
	return true;
}

/* The text a reader sees in the cell just read; NULL after a failure. */
static const char *cell_text(struct sheet *sheet, char *number, size_t size)
{
	struct strbuf *value = &sheet->part.text;
	const char *type = sheet->type;
	if (value->failed || sheet->inline_text.failed) {
		part_out_of_memory(&sheet->part);
		return NULL;
	}
	const char *raw = strbuf_text(value);
	if (strcmp(type, "s") == 0) {
		unsigned long index;
		if (value->length == 0)
			return "";
		if (!parse_count(raw, UINT32_MAX, &index) || index >= sheet->shared->count) {
			part_fail(&sheet->part, _("a cell refers to a shared string that does not exist:"), raw);
			return NULL;
		}
		return sheet->shared->strings[index];
	}
	if (strcmp(type, "inlineStr") == 0 || (sheet->has_inline && value->length == 0)) {
		if (sheet->inline_text.data) {
			sheet->inline_text.length = decode_escapes(sheet->inline_text.data, sheet->inline_text.length);
			sheet->inline_text.data[sheet->inline_text.length] = '\0';
		}
		return strbuf_text(&sheet->inline_text);
	}
	if (strcmp(type, "b") == 0)
		return value->length == 0 ? "" : strcmp(raw, "0") == 0 ? "FALSE" : "TRUE";
	if (strcmp(type, "d") == 0) {
		/* An ISO 8601 date, perhaps with a time: the date is what counts. */
		const char *time = strchr(raw, 'T');
		if (time && time - raw == 10)
			value->data[10] = '\0';
		return strbuf_text(value);
	}
	if (strcmp(type, "n") != 0 || value->length == 0)
		return raw;   /* str, e and anything unknown: the text as it is */
	/* As Excel writes numbers: digits, point, sign, exponent ("1.5E-3");
	 * strtod would also take hex, inf and nan. */
	if (raw[strspn(raw, "0123456789.+-Ee")] != '\0')
		return raw;
	char *end;
	double parsed = strtod(raw, &end);
	if (end == raw || *end != '\0' || !isfinite(parsed))
		return raw;
	enum number_kind kind = style_kind(sheet->styles, sheet->style);
	if (kind == NUMBER_DATE && format_serial_date(parsed, sheet->date1904, number))
		return number;
	if (kind == NUMBER_PERCENT && isfinite(parsed * 100)) {
		format_number(parsed * 100, number, size - 1);
		strcat(number, "%");
		return number;
	}
	format_number(parsed, number, size);
	return number;
}

static void end_cell(struct sheet *sheet)
{
	char number[64];
	const char *text = cell_text(sheet, number, sizeof number);
	if (!text || text[0] == '\0')
		return;
	const char *kept = grid_keep(sheet->part.builder, text, strlen(text));
	if (!kept || !add_sheet_cell(sheet, (uint32_t)sheet->row, (uint32_t)sheet->column, kept))
		zip_package_fail(sheet->part.package);
}

static void sheet_end(void *context, const char *name)
{
	struct sheet *sheet = context;
	if (strcmp(name, "c") == 0) {
		end_cell(sheet);
		sheet->in_value = sheet->in_inline = sheet->part.in_text = false;
	} else if (strcmp(name, "v") == 0) {
		sheet->in_value = false;
		sheet->part.in_text = false;
	} else if (strcmp(name, "is") == 0) {
		sheet->in_inline = false;
	} else if (strcmp(name, "rPh") == 0 && sheet->phonetic_depth > 0) {
		sheet->phonetic_depth--;
	} else if (strcmp(name, "t") == 0 && sheet->in_inline) {
		sheet->part.in_text = false;
	}
}

static void sheet_text(void *context, const char *text, size_t length)
{
	struct sheet *sheet = context;
	if (!sheet->part.in_text)
		return;
	strbuf_append(sheet->in_value ? &sheet->part.text : &sheet->inline_text, text, length);
}

static int compare_cells(const void *a, const void *b)
{
	const struct sheet_cell *left = a, *right = b;
	if (left->row != right->row)
		return left->row < right->row ? -1 : 1;
	if (left->column != right->column)
		return left->column < right->column ? -1 : 1;
	return left->order < right->order ? -1 : left->order > right->order;
}

/* The text of a cell among cells[0..count), sorted; NULL when absent. */
static const char *find_cell(const struct sheet_cell *cells, size_t count, uint32_t row, uint32_t column)
{
	size_t low = 0, high = count;
	while (low < high) {
		size_t middle = low + (high - low) / 2;
		if (cells[middle].row < row || (cells[middle].row == row && cells[middle].column < column))
			low = middle + 1;
		else
			high = middle;
	}
	if (low < count && cells[low].row == row && cells[low].column == column)
		return cells[low].text;
	return NULL;
}

/* Vertical merges: the top-left value again in the first column below.
 * The cells read are sorted first; those added go after them. */
static bool fill_merges(struct sheet *sheet)
{
	if (sheet->cell_count == 0)
		return true;   /* (qsort must not be given a NULL array) */
	qsort(sheet->cells, sheet->cell_count, sizeof *sheet->cells, compare_cells);
	size_t sorted = sheet->cell_count;
	for (size_t m = 0; m < sheet->merge_count; m++) {
		const struct merge *merge = &sheet->merges[m];
		if (merge->last_row == merge->first_row)
			continue;
		const char *value = find_cell(sheet->cells, sorted, merge->first_row, merge->first_column);
		for (uint32_t row = merge->first_row + 1; value && row <= merge->last_row; row++)
			if (!add_sheet_cell(sheet, row, merge->first_column, value))
				return false;
	}
	if (sheet->cell_count > sorted)
		qsort(sheet->cells, sheet->cell_count, sizeof *sheet->cells, compare_cells);
	return true;
}

/* The sheet's cells as rows of the grid, gaps filled with "". */
static bool sheet_to_rows(struct sheet *sheet)
{
	struct grid_builder *builder = sheet->part.builder;
	size_t i = 0;
	while (i < sheet->cell_count) {
		uint32_t row = sheet->cells[i].row;
		grid_start_row(builder, row);
		uint32_t next_column = 1;
		for (; i < sheet->cell_count && sheet->cells[i].row == row; i++) {
			const struct sheet_cell *cell = &sheet->cells[i];
			if (cell->column < next_column)
				continue;   /* the same cell twice: the first counts */
			for (; next_column < cell->column; next_column++)
				if (!grid_add_cell(builder, "", 0))
					return false;
			if (!grid_add_cell(builder, cell->text, strlen(cell->text)))
				return false;
			next_column++;
		}
		if (!grid_end_row(builder))
			return false;
	}
	return true;
}

/* Reads one sheet into the builder's rows. */
static bool read_sheet(struct grid_builder *builder, struct zip_package *package, const struct sheet_entry *entry,
		       const struct shared_strings *shared, const struct styles *styles, bool date1904)
{
	struct sheet sheet = {
		.part = { .builder = builder, .package = package, .member = entry->member },
		.shared = shared, .styles = styles, .date1904 = date1904,
	};
	static const struct xml_handlers handlers = { sheet_start, sheet_end, sheet_text };
	bool ok = zip_package_parse(package, entry->member, &handlers, &sheet) && fill_merges(&sheet)
		  && sheet_to_rows(&sheet);
	strbuf_free(&sheet.part.text);
	strbuf_free(&sheet.inline_text);
	free(sheet.cells);
	free(sheet.merges);
	return ok;
}

/* ---- the workbook ---- */

static bool read_optional(struct zip_package *package, const char *member, const struct xml_handlers *handlers,
			  void *context)
{
	return !zip_package_has(package, member) || zip_package_parse(package, member, handlers, context);
}

struct grid *source_read_xlsx(struct zip_package *package, const char *name, grid_header_test is_header,
			      void *context, struct diagnostics *diag)
{
	struct grid_builder builder;
	struct grid *grid = grid_builder_start(&builder, name, SOURCE_XLSX, diag);
	if (!grid)
		return NULL;
	struct workbook book = { .part = { &builder, package, "xl/workbook.xml", STRBUF_INIT, false } };
	struct shared_strings shared = { .part = { &builder, package, "xl/sharedStrings.xml", STRBUF_INIT, false } };
	struct styles styles = { .part = { &builder, package, "xl/styles.xml", STRBUF_INIT, false } };
	arena_init(&shared.arena);
	static const struct xml_handlers workbook_handlers = { workbook_start, NULL, NULL };
	static const struct xml_handlers relationship_handlers = { relationship_start, NULL, NULL };
	static const struct xml_handlers shared_handlers = { shared_start, shared_end, part_text };
	static const struct xml_handlers styles_handlers = { styles_start, styles_end, NULL };
	bool ok = zip_package_parse(package, "xl/workbook.xml", &workbook_handlers, &book);
	if (ok) {
		book.part.member = "xl/_rels/workbook.xml.rels";
		ok = zip_package_parse(package, book.part.member, &relationship_handlers, &book);
	}
	ok = ok && read_optional(package, shared.part.member, &shared_handlers, &shared);
	ok = ok && read_optional(package, styles.part.member, &styles_handlers, &styles);
	bool found = false;
	size_t sheets = 0;
	for (size_t i = 0; ok && !found && i < book.sheet_count; i++) {
		const struct sheet_entry *entry = &book.sheets[i];
		if (!entry->member)
			continue;   /* a chart sheet, or a relationship that is missing */
		sheets++;
		ok = read_sheet(&builder, package, entry, &shared, &styles, book.date1904) && !builder.failed;
		if (ok && grid_has_header(grid, is_header, context)) {
			found = true;
			grid->part = entry->name;
		} else {
			grid_drop_rows(&builder);
		}
	}
	if (ok && !found) {
		if (sheets == 0)
			diag_error(diag, name, 0, NULL,
				   _("the workbook has no worksheet; expected the table on a sheet"));
		else
			diag_error(diag, name, 0, NULL,
				   _("none of the %zu sheets of the workbook has a header row naming the columns"),
				   sheets);
		ok = false;
	}
	grid_builder_finish(&builder);
	strbuf_free(&book.part.text);
	strbuf_free(&shared.part.text);
	strbuf_free(&styles.part.text);
	free(book.sheets);
	free(shared.strings);
	arena_free(&shared.arena);
	free(styles.formats);
	free(styles.xf_formats);
	if (!ok) {
		grid_free(grid);
		return NULL;
	}
	return grid;
}
