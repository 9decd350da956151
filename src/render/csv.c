/*
 * csv.c - CSV output: RFC 4180 quoting, LF line ends, and a guard against
 * formula injection: a cell that starts with =, +, -, @ (or their
 * full-width forms ＝＋－＠), a tab or a carriage return would be run as a
 * formula by Excel, WPS or LibreOffice, so it gets a leading ' (which
 * spreadsheets show as text), unless raw. A number ("-15", days left in
 * `duty next`) is read as that number and runs nothing: it is not guarded,
 * so a spreadsheet still counts with it.
 */
#include "duty/csv.h"
#include "duty/csvwrite.h"
#include "duty/text.h"

#include <string.h>

/* A number a spreadsheet reads as that number: ASCII only, nothing around
 * it, what the one decimal parser accepts ("-15", "+2", "4.5"). */
static bool is_plain_number(const char *field)
{
	for (const char *p = field; *p; p++)
		if ((unsigned char)*p >= 0x80 || *p == ' ' || *p == '\t')
			return false;
	double value;
	return field[0] && text_parse_decimal(field, strlen(field), &value);
}

/* True when the field starts with =, +, -, @ (or ＝ ＋ － ＠), tab or CR,
 * and is not a plain number ("-15" is read as a number, not run). */
static bool csv_cell_is_formula(const char *field)
{
	/* The full-width ＝ ＋ － ＠ (U+FF1D, U+FF0B, U+FF0D, U+FF20), which a
	 * Chinese input method types, start formulas in some spreadsheets too. */
	static const char *const full_width[] = { "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0" };
	for (size_t i = 0; i < sizeof full_width / sizeof full_width[0]; i++)
		if (strncmp(field, full_width[i], 3) == 0)
			return true;
	return field[0] && strchr("=+-@\t\r", field[0]) != NULL && !is_plain_number(field);
}

void csv_write_record(FILE *out, const char *const *fields, size_t count, bool raw)
{
	for (size_t i = 0; i < count; i++) {
		const char *field = fields[i] ? fields[i] : "";
		if (i)
			fputc(',', out);
		bool guard = !raw && csv_cell_is_formula(field);
		if (!csv_field_needs_quotes(field, strlen(field))) {
			if (guard)
				fputc('\'', out);
			fputs(field, out);
			continue;
		}
		fputc('"', out);
		if (guard)
			fputc('\'', out);
		for (const char *p = field; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	}
	fputc('\n', out);
}
