/*
 * source.c - reading a source table (grid.h): what kind of file it is,
 * found from its first bytes, and the grid builder the readers share.
 *
 * A ZIP archive is a Word document when it holds word/document.xml and an
 * Excel workbook when it holds xl/workbook.xml (source_docx.c,
 * source_xlsx.c). Files that are certainly not tables (old .doc/.xls, PDF,
 * RTF, HTML, other archives, binary data) get a message saying what they
 * are and what to do. Everything else is text (source_text.c), after
 * input.c has checked and converted its encoding; UTF-16 with a byte order
 * mark (Excel's "Unicode text") is converted to UTF-8 first.
 */
#include "duty/grid.h"
#include "duty/source.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "duty/array.h"
#include "duty/safefile.h"
#include "duty/zipxml.h"
#include "duty/i18n.h"

const char *source_kind_name(enum source_kind kind)
{
	switch (kind) {
	case SOURCE_TEXT: return "text";
	case SOURCE_CSV: return "csv";
	case SOURCE_DOCX: return "docx";
	case SOURCE_XLSX: return "xlsx";
	}
	return "text";
}

void grid_free(struct grid *grid)
{
	if (!grid)
		return;
	free(grid->rows);
	free(grid->preface);
	arena_free(&grid->arena);
	free(grid);
}

/* ---- the builder ---- */

struct grid *grid_builder_start(struct grid_builder *builder, const char *name, enum source_kind kind,
				struct diagnostics *diag)
{
	memset(builder, 0, sizeof *builder);
	builder->diag = diag;
	struct grid *grid = calloc(1, sizeof *grid);
	if (grid) {
		arena_init(&grid->arena);
		grid->kind = kind;
		grid->file = arena_strdup(&grid->arena, name);
	}
	if (!grid || !grid->file) {
		grid_free(grid);
		diag_memory_error(diag, name, 0, _("out of memory while reading the table"));
		return NULL;
	}
	builder->grid = grid;
	return grid;
}

void grid_builder_finish(struct grid_builder *builder)
{
	free(builder->cells);
	builder->cells = NULL;
	builder->cell_count = builder->cell_capacity = 0;
}

static void out_of_memory(struct grid_builder *builder)
{
	if (!builder->failed)
		diag_memory_error(builder->diag, builder->grid->file, builder->line,
				  _("out of memory while reading the table"));
	builder->failed = true;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Copies text trimmed, with CRLF and CR as "\n"; "" needs no copy. */
static const char *keep_cell_text(struct grid_builder *builder, const char *text, size_t length)
{
	while (length && is_space(text[0]))
		text++, length--;
	while (length && is_space(text[length - 1]))
		length--;
	if (length == 0)
		return "";
	char *copy = arena_alloc(&builder->grid->arena, length + 1);
	if (!copy)
		return NULL;
	size_t out = 0;
	for (size_t i = 0; i < length; i++) {
		if (text[i] == '\r') {
			copy[out++] = '\n';
			if (i + 1 < length && text[i + 1] == '\n')
				i++;
		} else {
			copy[out++] = text[i];
		}
	}
	copy[out] = '\0';
	return copy;
}

const char *grid_keep(struct grid_builder *builder, const char *text, size_t length)
{
	const char *copy = arena_strndup(&builder->grid->arena, text, length);
	if (!copy)
		out_of_memory(builder);
	return copy;
}

void grid_start_row(struct grid_builder *builder, long line)
{
	builder->cell_count = 0;
	builder->line = line;
}

bool grid_add_cell(struct grid_builder *builder, const char *text, size_t length)
{
	if (builder->failed)
		return false;
	if (length > SOURCE_MAX_CELL_BYTES) {
		diag_error(builder->diag, builder->grid->file, builder->line, NULL,
			   _("cell %zu of this row holds %zu bytes of text, more than the %d that duty reads "
			   "from one cell"),
			   builder->cell_count + 1, length, SOURCE_MAX_CELL_BYTES);
		builder->failed = true;
		return false;
	}
	if (builder->total_cells + builder->cell_count >= SOURCE_MAX_CELLS) {
		diag_error(builder->diag, builder->grid->file, builder->line, NULL,
			   _("the source has more than %d table cells, more than duty reads from one file"),
			   SOURCE_MAX_CELLS);
		builder->failed = true;
		return false;
	}
	const char **cells = array_reserve(builder->cells, &builder->cell_capacity, builder->cell_count,
					   sizeof *cells);
	const char *kept = cells ? keep_cell_text(builder, text, length) : NULL;
	if (!kept) {
		if (cells)
			builder->cells = cells;
		out_of_memory(builder);
		return false;
	}
	builder->cells = cells;
	builder->cells[builder->cell_count++] = kept;
	return true;
}

bool grid_end_row(struct grid_builder *builder)
{
	if (builder->failed)
		return false;
	struct grid *grid = builder->grid;
	size_t count = builder->cell_count;
	builder->cell_count = 0;
	bool blank = true;
	for (size_t i = 0; i < count && blank; i++)
		blank = builder->cells[i][0] == '\0';
	if (blank)
		return true;
	struct grid_row *rows = array_reserve(grid->rows, &builder->row_capacity, grid->row_count, sizeof *rows);
	const char **cells = arena_array(&grid->arena, count, sizeof *cells);
	if (!rows || !cells) {
		if (rows)
			grid->rows = rows;
		out_of_memory(builder);
		return false;
	}
	grid->rows = rows;
	memcpy(cells, builder->cells, count * sizeof *cells);
	grid->rows[grid->row_count++] = (struct grid_row){ cells, count, builder->line };
	builder->total_cells += count;
	return true;
}

void grid_drop_rows(struct grid_builder *builder)
{
	builder->grid->row_count = 0;
	builder->cell_count = 0;
}

bool grid_add_preface(struct grid_builder *builder, const char *text, size_t length)
{
	if (builder->failed)
		return false;
	struct grid *grid = builder->grid;
	const char *kept = keep_cell_text(builder, text, length);
	if (kept && kept[0] == '\0')
		return true;
	const char **preface = array_reserve(grid->preface, &builder->preface_capacity, grid->preface_count,
					     sizeof *preface);
	if (!kept || !preface) {
		if (preface)
			grid->preface = preface;
		out_of_memory(builder);
		return false;
	}
	grid->preface = preface;
	grid->preface[grid->preface_count++] = kept;
	return true;
}

bool grid_has_header(const struct grid *grid, grid_header_test is_header, void *context)
{
	for (size_t i = 0; i < grid->row_count; i++)
		if (is_header(&grid->rows[i], context))
			return true;
	return false;
}

/* ---- what kind of file ---- */

static bool starts_with(const void *bytes, size_t size, const char *magic, size_t magic_size)
{
	return size >= magic_size && memcmp(bytes, magic, magic_size) == 0;
}

/* A ZIP archive: a Word document, an Excel workbook, or something else. */
static struct grid *read_package(const char *name, const void *bytes, size_t size, grid_header_test is_header,
				 void *context, struct diagnostics *diag)
{
	struct zip_package *package = zip_package_open(name, bytes, size, diag);
	if (!package)
		return NULL;
	struct grid *grid = NULL;
	if (zip_package_has(package, "word/document.xml"))
		grid = source_read_docx(package, name, is_header, context, diag);
	else if (zip_package_has(package, "xl/workbook.xml"))
		grid = source_read_xlsx(package, name, is_header, context, diag);
	else if (zip_package_has(package, "content.xml") && zip_package_has(package, "mimetype"))
		diag_error(diag, name, 0, NULL,
			   _("an OpenDocument file (.odt or .ods), which duty does not read; save it as .docx or "
			   ".xlsx (in LibreOffice or WPS: Save As)"));
	else if (zip_package_has(package, "xl/workbook.bin"))
		diag_error(diag, name, 0, NULL,
			   _("an Excel binary workbook (.xlsb), which duty does not read; save it as .xlsx"));
	else
		diag_error(diag, name, 0, NULL,
			   _("a ZIP archive that is neither a Word document (no word/document.xml) nor an Excel "
			   "workbook (no xl/workbook.xml); duty reads .docx, .xlsx, CSV or TSV, and text with "
			   "one cell per line"));
	zip_package_close(package);
	return grid;
}

/* Files that are certainly no table duty reads: reported, true. */
static bool refuse_known_formats(const char *name, const unsigned char *bytes, size_t size,
				 struct diagnostics *diag)
{
	if (starts_with(bytes, size, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		diag_error(diag, name, 0, NULL,
			   _("an old-format Word or Excel file (.doc, .xls, .wps, .et) or a password-protected "
			   "Office file, which duty cannot read; open it in Word, Excel or WPS and save it as "
			   ".docx or .xlsx without a password"));
		return true;
	}
	if (starts_with(bytes, size, "%PDF-", 5)) {
		diag_error(diag, name, 0, NULL,
			   _("a PDF file, which duty cannot read; import the Word or Excel file the PDF was "
			   "made from, or copy the table into Excel and save it as .xlsx"));
		return true;
	}
	if (starts_with(bytes, size, "{\\rtf", 5)) {
		diag_error(diag, name, 0, NULL,
			   _("a Rich Text (RTF) document, which duty cannot read; open it in Word or WPS and "
			   "save it as .docx"));
		return true;
	}
	const unsigned char *nul = memchr(bytes, '\0', size);
	/* UTF-16 text has NUL bytes too; it is converted before this check. */
	if (nul) {
		diag_error(diag, name, 0, NULL,
			   _("binary data (a NUL byte at byte %zu), not a table duty reads; duty reads Word "
			   "(.docx) and Excel (.xlsx) files, CSV or TSV, and text with one cell per line"),
			   (size_t)(nul - bytes));
		return true;
	}
	size_t start = starts_with(bytes, size, "\xEF\xBB\xBF", 3) ? 3 : 0;
	while (start < size && (bytes[start] == ' ' || bytes[start] == '\t' || bytes[start] == '\r'
				|| bytes[start] == '\n'))
		start++;
	if (start < size && bytes[start] == '<') {
		diag_error(diag, name, 0, NULL,
			   _("an HTML or XML file (some systems save such files as .xls or .doc), which duty "
			   "cannot read; open it in Excel, Word or WPS and save it as .xlsx or .docx"));
		return true;
	}
	return false;
}

/* UTF-16 with a byte order mark, as Excel saves "Unicode text", turned
 * into UTF-8; NULL (reported) when it cannot be. */
static char *utf16_to_utf8(const char *name, const char *bytes, size_t size, size_t *converted_size,
			   struct diagnostics *diag)
{
	bool little = (unsigned char)bytes[0] == 0xFF;
	iconv_t converter = iconv_open("UTF-8", little ? "UTF-16LE" : "UTF-16BE");
	size_t capacity = size < SIZE_MAX / 2 - 16 ? size / 2 * 3 + 16 : 0;
	if (converter == (iconv_t)-1) {
		diag_error(diag, name, 0, NULL, _("cannot convert from UTF-16: %s"), strerror(errno));
		return NULL;
	}
	char *out = capacity ? malloc(capacity) : NULL;
	if (!out) {
		iconv_close(converter);
		diag_memory_error(diag, name, 0, _("out of memory while reading the table"));
		return NULL;
	}
	/* Two bytes give at most three of UTF-8, four (a pair) at most four. */
	char *in = (char *)bytes + 2, *cursor = out;
	size_t in_left = size - 2, out_left = capacity;
	if (iconv(converter, &in, &in_left, &cursor, &out_left) == (size_t)-1) {
		diag_error(diag, name, 0, NULL,
			   _("the text starts as UTF-16 but is not valid UTF-16 (at byte %zu); save it as "
			   "\"CSV UTF-8\""),
			   (size_t)(in - bytes));
		iconv_close(converter);
		free(out);
		return NULL;
	}
	iconv_close(converter);
	*converted_size = (size_t)(cursor - out);
	return out;
}

struct grid *source_read_bytes(const char *name, const void *bytes, size_t size, enum encoding encoding,
			       grid_header_test is_header, void *context, struct diagnostics *diag)
{
	if (size == 0) {
		diag_error(diag, name, 0, NULL,
			   _("the file is empty; expected a table: a Word (.docx) or Excel (.xlsx) file, CSV or "
			   "TSV, or text with one cell per line"));
		return NULL;
	}
	if (zip_looks_like(bytes, size))
		return read_package(name, bytes, size, is_header, context, diag);
	if (starts_with(bytes, size, "\xFF\xFE", 2) || starts_with(bytes, size, "\xFE\xFF", 2)) {
		size_t converted_size = 0;
		char *converted = utf16_to_utf8(name, bytes, size, &converted_size, diag);
		if (!converted)
			return NULL;
		struct grid *grid = source_read_bytes(name, converted, converted_size, ENCODING_UTF8, is_header,
						      context, diag);
		free(converted);
		return grid;
	}
	if (refuse_known_formats(name, bytes, size, diag))
		return NULL;
	return source_read_text(name, bytes, size, encoding, is_header, context, diag);
}

struct grid *source_read(const char *path, enum encoding encoding, grid_header_test is_header, void *context,
			 struct diagnostics *diag)
{
	char *bytes;
	size_t size;
	if (!file_read(path, &bytes, &size, diag))
		return NULL;
	struct grid *grid = source_read_bytes(path, bytes, size, encoding, is_header, context, diag);
	free(bytes);
	return grid;
}
