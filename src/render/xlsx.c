/*
 * xlsx.c - Excel workbooks through libxlsxwriter (see xlsx.h). The
 * library writes the file at workbook_close; until then every sheet is
 * kept in memory (and its temporary files).
 */
#include "duty/xlsx.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "duty/lazylib.h"

#ifndef DUTY_LIBXLSXWRITER
#define DUTY_LIBXLSXWRITER "libxlsxwriter.so.4"   /* the Makefile gives the one linked against */
#endif

/* libxlsxwriter, loaded when the first workbook is made (lazylib.h): each
 * function below is called through its slot in lxw. */
#define LXW_FUNCTIONS(X) \
	X(format_set_align) \
	X(format_set_bg_color) \
	X(format_set_bold) \
	X(format_set_bottom) \
	X(format_set_font_color) \
	X(format_set_num_format) \
	X(format_set_pattern) \
	X(format_set_text_wrap) \
	X(lxw_strerror) \
	X(lxw_workbook_free) \
	X(workbook_add_format) \
	X(workbook_add_worksheet) \
	X(workbook_close) \
	X(workbook_get_worksheet_by_name) \
	X(workbook_new) \
	X(workbook_set_properties) \
	X(worksheet_autofilter) \
	X(worksheet_fit_to_pages) \
	X(worksheet_freeze_panes) \
	X(worksheet_repeat_rows) \
	X(worksheet_set_column) \
	X(worksheet_set_header) \
	X(worksheet_set_landscape) \
	X(worksheet_set_paper) \
	X(worksheet_write_datetime) \
	X(worksheet_write_number) \
	X(worksheet_write_string)

LAZYLIB_DEFINE(lxw, lxw_library, DUTY_LIBXLSXWRITER, LXW_FUNCTIONS);

#define format_set_align lxw.format_set_align
#define format_set_bg_color lxw.format_set_bg_color
#define format_set_bold lxw.format_set_bold
#define format_set_bottom lxw.format_set_bottom
#define format_set_font_color lxw.format_set_font_color
#define format_set_num_format lxw.format_set_num_format
#define format_set_pattern lxw.format_set_pattern
#define format_set_text_wrap lxw.format_set_text_wrap
#define lxw_strerror lxw.lxw_strerror
#define lxw_workbook_free lxw.lxw_workbook_free
#define workbook_add_format lxw.workbook_add_format
#define workbook_add_worksheet lxw.workbook_add_worksheet
#define workbook_close lxw.workbook_close
#define workbook_get_worksheet_by_name lxw.workbook_get_worksheet_by_name
#define workbook_new lxw.workbook_new
#define workbook_set_properties lxw.workbook_set_properties
#define worksheet_autofilter lxw.worksheet_autofilter
#define worksheet_fit_to_pages lxw.worksheet_fit_to_pages
#define worksheet_freeze_panes lxw.worksheet_freeze_panes
#define worksheet_repeat_rows lxw.worksheet_repeat_rows
#define worksheet_set_column lxw.worksheet_set_column
#define worksheet_set_header lxw.worksheet_set_header
#define worksheet_set_landscape lxw.worksheet_set_landscape
#define worksheet_set_paper lxw.worksheet_set_paper
#define worksheet_write_datetime lxw.worksheet_write_datetime
#define worksheet_write_number lxw.worksheet_write_number
#define worksheet_write_string lxw.worksheet_write_string

#include "duty/format.h"
#include "duty/i18n.h"
#include "duty/itemid.h"
#include "duty/progress.h"
#include "duty/text.h"

enum cell_kind { CELL_TEXT, CELL_WRAP, CELL_DATE, CELL_KINDS };
enum { SHEET_NAME_CHARACTERS = 31, COLUMN_WIDTH_MAX = 48, EXCEL_STRING_MAX = 32767 };

/* Fills for the row colours of enum row_color: none, light red with dark
 * red text (Excel's own "light red fill"), light yellow, grey text. */
static const struct {
	lxw_color_t fill, font;
} row_colors[] = {
	[ROW_PLAIN] = { 0, 0 },
	[ROW_RED] = { 0xFFC7CE, 0x9C0006 },
	[ROW_YELLOW] = { 0xFFEB9C, 0x9C5700 },
	[ROW_DIM] = { 0, 0x808080 },
};
#define ROW_COLORS (sizeof row_colors / sizeof row_colors[0])

struct xlsx_book {
	lxw_workbook *workbook;
	char *path;
	char *title;
	lxw_format *header;
	lxw_format *cells[CELL_KINDS][ROW_COLORS];
	struct strbuf text;      /* a cell's text, cleaned */
	bool failed;             /* memory ran out, or a sheet could not be added */
};

/* --- formats ------------------------------------------------------------------ */

static lxw_format *cell_format(struct xlsx_book *book, enum cell_kind kind, enum row_color color)
{
	lxw_format **format = &book->cells[kind][color];
	if (*format)
		return *format;
	*format = workbook_add_format(book->workbook);
	if (!*format) {
		book->failed = true;
		return NULL;
	}
	format_set_align(*format, LXW_ALIGN_VERTICAL_TOP);
	if (kind == CELL_WRAP)
		format_set_text_wrap(*format);
	if (kind == CELL_DATE)
		format_set_num_format(*format, "yyyy-mm-dd");
	if (row_colors[color].fill) {
		format_set_pattern(*format, LXW_PATTERN_SOLID);
		format_set_bg_color(*format, row_colors[color].fill);
	}
	if (row_colors[color].font)
		format_set_font_color(*format, row_colors[color].font);
	return *format;
}

const char *xlsx_unavailable(bool *out_of_memory)
{
	bool loaded = lazylib_load(&lxw_library);
	*out_of_memory = !loaded && lxw_library.error_number == ENOMEM;
	return loaded ? NULL : lxw_library.error;
}

struct xlsx_book *xlsx_create(const char *path, const char *title)
{
	bool out_of_memory;
	if (xlsx_unavailable(&out_of_memory))
		return NULL;
	struct xlsx_book *book = calloc(1, sizeof *book);
	if (!book)
		return NULL;
	strbuf_init(&book->text);
	book->path = strdup(path);
	book->title = strdup(title);
	book->workbook = book->path ? workbook_new(book->path) : NULL;
	if (book->workbook && book->title) {
		lxw_doc_properties properties = { .title = book->title, .comments = "duty" };
		workbook_set_properties(book->workbook, &properties);
		book->header = workbook_add_format(book->workbook);
	}
	if (!book->workbook || !book->title || !book->header) {
		if (book->workbook)
			lxw_workbook_free(book->workbook);
		free(book->path);
		free(book->title);
		free(book);
		return NULL;
	}
	format_set_bold(book->header);
	format_set_text_wrap(book->header);
	format_set_align(book->header, LXW_ALIGN_VERTICAL_TOP);
	format_set_pattern(book->header, LXW_PATTERN_SOLID);
	format_set_bg_color(book->header, 0xD9D9D9);
	format_set_bottom(book->header, LXW_BORDER_THIN);
	return book;
}

/* --- cells ---------------------------------------------------------------------- */

/* The text as a cell may hold it: control characters other than tab and
 * line feed (which XML cannot carry) become spaces, and it is cut, at a
 * character, to Excel's limit. */
static const char *clean_text(struct xlsx_book *book, const char *text)
{
	strbuf_clear(&book->text);
	size_t length = strlen(text);
	if (length > EXCEL_STRING_MAX) {
		length = EXCEL_STRING_MAX;
		while (length && ((unsigned char)text[length] & 0xC0) == 0x80)
			length--;
	}
	for (size_t i = 0; i < length; i++) {
		unsigned char c = (unsigned char)text[i];
		strbuf_putc(&book->text, (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F ? ' ' : (char)c);
	}
	if (book->text.failed)
		book->failed = true;
	return strbuf_text(&book->text);
}

static void put_text(struct xlsx_book *book, lxw_worksheet *sheet, size_t row, size_t column, const char *text,
		     lxw_format *format)
{
	if (!text || !text[0])
		return;
	if (worksheet_write_string(sheet, (lxw_row_t)row, (lxw_col_t)column, clean_text(book, text), format)
	    != LXW_NO_ERROR)
		book->failed = true;
}

static void put_date(struct xlsx_book *book, lxw_worksheet *sheet, size_t row, size_t column, date_t date,
		     lxw_format *format)
{
	if (!date)
		return;
	lxw_datetime value = { date_year(date), date_month_number(date), date_day(date), 0, 0, 0 };
	if (worksheet_write_datetime(sheet, (lxw_row_t)row, (lxw_col_t)column, &value, format) != LXW_NO_ERROR)
		book->failed = true;
}

/* The widest line of a cell, in the columns a terminal would give it:
 * a Chinese character counts two, as it is about twice as wide as a digit. */
static size_t cell_width(const char *text)
{
	size_t widest = 0;
	while (*text) {
		const char *end = strchr(text, '\n');
		size_t length = end ? (size_t)(end - text) : strlen(text);
		size_t width = text_width_n(text, length);
		if (width > widest)
			widest = width;
		text += length + (end != NULL);
	}
	return widest;
}

/* --- sheets ---------------------------------------------------------------------- */

/* A sheet with a name Excel accepts: no []:*?/\ or ', at most 31
 * characters, not used yet (a number is added when it is). */
static lxw_worksheet *add_sheet(struct xlsx_book *book, const char *wanted)
{
	struct strbuf name = STRBUF_INIT;
	size_t characters = 0;
	for (const char *p = wanted && *wanted ? wanted : "Sheet"; *p; p++) {
		bool starts_character = ((unsigned char)*p & 0xC0) != 0x80;
		if (starts_character && characters == SHEET_NAME_CHARACTERS)
			break;
		characters += starts_character;
		strbuf_putc(&name, strchr("[]:*?/\\'", *p) || (unsigned char)*p < 0x20 ? '_' : *p);
	}
	size_t base_length = name.length;
	for (int number = 2; !name.failed && workbook_get_worksheet_by_name(book->workbook, name.data); number++) {
		name.length = base_length;
		name.data[name.length] = '\0';
		/* room for " (N)" within the 31 characters: drop characters from the end */
		while (utf8_length(name.data) > SHEET_NAME_CHARACTERS - 5) {
			do
				name.length--;
			while (((unsigned char)name.data[name.length] & 0xC0) == 0x80);
			name.data[name.length] = '\0';
		}
		strbuf_printf(&name, " (%d)", number);
	}
	lxw_worksheet *sheet = name.failed ? NULL : workbook_add_worksheet(book->workbook, name.data);
	strbuf_free(&name);
	if (!sheet) {
		book->failed = true;
		return NULL;
	}
	worksheet_set_paper(sheet, 9);   /* A4 */
	worksheet_set_landscape(sheet);
	worksheet_fit_to_pages(sheet, 1, 0);
	worksheet_repeat_rows(sheet, 0, 0);
	worksheet_freeze_panes(sheet, 1, 0);
	/* &P / &N: page numbers; && is a literal &. */
	struct strbuf header = STRBUF_INIT;
	strbuf_puts(&header, "&L");
	for (const char *p = book->title; *p; p++) {
		if (*p == '&')
			strbuf_putc(&header, '&');
		strbuf_putc(&header, *p);
	}
	strbuf_puts(&header, "&R&P / &N");
	if (!header.failed)
		worksheet_set_header(sheet, header.data);
	strbuf_free(&header);
	return sheet;
}

/* The header row, an autofilter over the rows below it, and column widths
 * from the widest cells (capped; wrapped columns narrower). */
static void finish_sheet(struct xlsx_book *book, lxw_worksheet *sheet, const char *const *headers,
			 const size_t *widths, const bool *wraps, size_t columns, size_t rows)
{
	for (size_t c = 0; c < columns; c++) {
		put_text(book, sheet, 0, c, headers[c], book->header);
		size_t width = widths[c];
		size_t cap = wraps[c] ? 40 : COLUMN_WIDTH_MAX;
		if (width < 6)
			width = 6;
		if (width > cap)
			width = cap;
		worksheet_set_column(sheet, (lxw_col_t)c, (lxw_col_t)c, (double)width + 2, NULL);
	}
	worksheet_autofilter(sheet, 0, 0, (lxw_row_t)rows, (lxw_col_t)(columns - 1));
}

void xlsx_add_table(struct xlsx_book *book, const char *name, const struct table *table)
{
	size_t columns = table->column_count;
	lxw_worksheet *sheet = add_sheet(book, name);
	const char **headers = calloc(columns, sizeof *headers);
	size_t *widths = calloc(columns, sizeof *widths);
	bool *wraps = calloc(columns, sizeof *wraps);
	if (!sheet || !headers || !widths || !wraps || table->failed) {
		book->failed = true;
		goto done;
	}
	for (size_t c = 0; c < columns; c++) {
		headers[c] = table_header(table, c);
		widths[c] = cell_width(headers[c]);
		wraps[c] = table->columns[c].wraps;
	}
	for (size_t r = 0; r < table->row_count; r++) {
		enum row_color color = table->colors ? (enum row_color)table->colors[r] : ROW_PLAIN;
		if ((size_t)color >= ROW_COLORS)
			color = ROW_PLAIN;
		for (size_t c = 0; c < columns; c++) {
			const char *cell = table_cell(table, r, c);
			size_t length = strlen(cell);
			date_t date;
			double number;
			if (date_parse(cell, length, &date) && length == DATE_TEXT_SIZE - 1) {
				put_date(book, sheet, r + 1, c, date, cell_format(book, CELL_DATE, color));
				length = DATE_TEXT_SIZE - 1;
			} else if (table->columns[c].align == ALIGN_RIGHT && text_parse_decimal(cell, length, &number)) {
				if (worksheet_write_number(sheet, (lxw_row_t)(r + 1), (lxw_col_t)c, number,
							   cell_format(book, CELL_TEXT, color)) != LXW_NO_ERROR)
					book->failed = true;
			} else {
				put_text(book, sheet, r + 1, c, cell,
					 cell_format(book, wraps[c] ? CELL_WRAP : CELL_TEXT, color));
			}
			if (cell_width(cell) > widths[c])
				widths[c] = cell_width(cell);
		}
	}
	finish_sheet(book, sheet, headers, widths, wraps, columns, table->row_count);
done:
	free(headers);
	free(widths);
	free(wraps);
}

/* --- a unit's duty list ------------------------------------------------------------ */

enum duty_column {
	DUTY_ID, DUTY_TASK, DUTY_REQUIREMENT, DUTY_MILESTONE, DUTY_DEADLINE, DUTY_PHRASE, DUTY_STATUS,
	DUTY_DONE_ON, DUTY_NOTE, DUTY_TARGETS, DUTY_UNITS, DUTY_VIA, DUTY_ROLE, DUTY_COLUMNS
};

static const struct {
	const char *header;
	bool wraps;
	size_t width;           /* fixed, or 0 to fit the cells */
} duty_columns[DUTY_COLUMNS] = {
	[DUTY_ID] = { N_("ID"), false, 6 },
	[DUTY_TASK] = { N_("Task"), true, 0 },
	[DUTY_REQUIREMENT] = { N_("Requirement"), true, 40 },
	[DUTY_MILESTONE] = { N_("Milestone"), true, 36 },
	[DUTY_DEADLINE] = { N_("Deadline"), false, 11 },
	[DUTY_PHRASE] = { N_("Phrase"), false, 0 },
	[DUTY_STATUS] = { N_("Status"), false, 0 },
	[DUTY_DONE_ON] = { N_("Done on"), false, 11 },
	[DUTY_NOTE] = { N_("Note"), true, 0 },
	[DUTY_TARGETS] = { N_("Targets and progress"), true, 36 },
	[DUTY_UNITS] = { N_("Units"), true, 0 },
	[DUTY_VIA] = { N_("Via"), false, 0 },
	[DUTY_ROLE] = { N_("Role"), false, 0 },
};

/* The targets of a milestone's row, as the unit stands: those whose text
 * is the milestone's, and those of the task that belong to no milestone. */
static void targets_text(struct strbuf *out, const struct unit_directory *units, const struct task *task,
			 size_t index, size_t unit)
{
	for (size_t t = 0; t < task->target_count; t++) {
		const struct target *target = &task->targets[t];
		if ((target->milestone != index && target->milestone != TARGET_NO_MILESTONE)
		    || !target_duty(units, task, target, unit).responsible)
			continue;
		if (out->length)
			strbuf_putc(out, '\n');
		struct target_progress report = target_progress(units, target, unit);
		format_target_progress(out, target, &report);
	}
}

/* One row: a milestone of the task as the unit stands (its own record, its
 * group's or the whole milestone's: milestone_progress decides), with the
 * task's text around it. */
static void put_milestone_row(struct xlsx_book *book, lxw_worksheet *sheet, size_t row, const struct plan *plan,
			      date_t today, size_t unit, const struct task_match *match, size_t index,
			      size_t columns, size_t *widths)
{
	const struct task *task = match->task;
	const struct milestone *milestone = &task->milestones[index];
	struct progress progress = milestone_progress(plan->units, task, milestone, unit, today);
	enum row_color color = progress.status == STATUS_OVERDUE ? ROW_RED : ROW_PLAIN;
	char id[ITEM_ID_SIZE];
	struct strbuf targets = STRBUF_INIT, units = STRBUF_INIT, text = STRBUF_INIT;
	targets_text(&targets, plan->units, task, index, unit);
	format_milestone_units(&units, plan, task, milestone, "、");
	const char *texts[DUTY_COLUMNS] = {
		[DUTY_ID] = item_id_format(id, task->id, index + 1),
		[DUTY_TASK] = task->title,
		[DUTY_REQUIREMENT] = task->requirement,
		[DUTY_MILESTONE] = milestone_text_string(task, milestone, &text),
		[DUTY_PHRASE] = milestone->implied ? _("(year end)") : milestone->phrase,
		[DUTY_STATUS] = format_status(progress.status),
		[DUTY_NOTE] = progress.note,
		[DUTY_TARGETS] = strbuf_text(&targets),
		[DUTY_UNITS] = strbuf_text(&units),
		[DUTY_VIA] = match->via == NO_GROUP ? "" : plan->units->units[match->via].name,
		[DUTY_ROLE] = format_role(match->role),
	};
	if (targets.failed || units.failed || text.failed)
		book->failed = true;
	for (size_t c = 0; c < columns; c++) {
		if (c == DUTY_DEADLINE || c == DUTY_DONE_ON)
			continue;
		/* The status says overdue in red, like the deadline. */
		enum row_color cell_color = c == DUTY_STATUS ? color : ROW_PLAIN;
		put_text(book, sheet, row, c, texts[c],
			 cell_format(book, duty_columns[c].wraps ? CELL_WRAP : CELL_TEXT, cell_color));
		if (!duty_columns[c].width && cell_width(texts[c]) > widths[c])
			widths[c] = cell_width(texts[c]);
	}
	put_date(book, sheet, row, DUTY_DEADLINE, milestone->deadline, cell_format(book, CELL_DATE, color));
	put_date(book, sheet, row, DUTY_DONE_ON, progress.done_on, cell_format(book, CELL_DATE, ROW_PLAIN));
	strbuf_free(&targets);
	strbuf_free(&units);
	strbuf_free(&text);
}

void xlsx_add_duty_list(struct xlsx_book *book, const struct plan *plan, date_t today, size_t unit,
			const struct task_match *matches, size_t count)
{
	lxw_worksheet *sheet = add_sheet(book, plan->units->units[unit].name);
	if (!sheet)
		return;
	/* The Role column only when the plan says who leads, as in `duty list`. */
	size_t columns = plan_has_lead_units(plan) ? DUTY_COLUMNS : DUTY_ROLE;
	const char *headers[DUTY_COLUMNS];
	size_t widths[DUTY_COLUMNS];
	bool wraps[DUTY_COLUMNS];
	for (size_t c = 0; c < columns; c++) {
		headers[c] = _(duty_columns[c].header);
		wraps[c] = duty_columns[c].wraps;
		widths[c] = duty_columns[c].width ? duty_columns[c].width : cell_width(headers[c]);
	}
	size_t row = 0;
	for (size_t i = 0; i < count; i++) {
		const struct task *task = matches[i].task;
		for (size_t m = 0; m < task->milestone_count; m++)
			if (milestone_duty(plan->units, task, &task->milestones[m], unit).responsible)
				put_milestone_row(book, sheet, ++row, plan, today, unit, &matches[i], m, columns, widths);
	}
	/* The task's title fits in 24 columns at most, wrapping past that. */
	if (widths[DUTY_TASK] > 24)
		widths[DUTY_TASK] = 24;
	finish_sheet(book, sheet, headers, widths, wraps, columns, row);
}

bool xlsx_close(struct xlsx_book *book, struct diagnostics *diag)
{
	if (!book)
		return false;
	bool failed = book->failed;
	lxw_error error = workbook_close(book->workbook);
	if (error == LXW_ERROR_MEMORY_MALLOC_FAILED)
		diag_memory_error(diag, book->path, 0, _("cannot write the workbook: %s"), lxw_strerror(error));
	else if (error != LXW_NO_ERROR)
		diag_error(diag, book->path, 0, NULL, _("cannot write the workbook: %s"), lxw_strerror(error));
	else if (failed)
		diag_memory_error(diag, book->path, 0, _("out of memory"));
	bool written = error == LXW_NO_ERROR && !failed;
	strbuf_free(&book->text);
	free(book->path);
	free(book->title);
	free(book);
	return written;
}
