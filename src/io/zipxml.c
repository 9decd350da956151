/*
 * zipxml.c - ZIP members (libzip, reading from memory) streamed through
 * expat in chunks, so a member is never held whole. The byte limits are
 * checked twice: against the size the central directory announces, and by
 * counting what actually inflates.
 */
#include "duty/zipxml.h"

#include <expat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "duty/i18n.h"
#include "duty/lazylib.h"

#ifndef DUTY_LIBZIP
#define DUTY_LIBZIP "libzip.so.4"   /* the Makefile gives the one linked against */
#endif

/* libzip and expat, loaded when the first archive is opened (lazylib.h):
 * each function below is called through its slot in libzip or expat. */
#define LIBZIP_FUNCTIONS(X) \
	X(zip_discard) \
	X(zip_error_code_system) \
	X(zip_error_code_zip) \
	X(zip_error_fini) \
	X(zip_error_init) \
	X(zip_error_strerror) \
	X(zip_fclose) \
	X(zip_file_get_error) \
	X(zip_fopen_index) \
	X(zip_fread) \
	X(zip_get_error) \
	X(zip_name_locate) \
	X(zip_open_from_source) \
	X(zip_source_buffer_create) \
	X(zip_source_free) \
	X(zip_stat_index) \
	X(zip_stat_init)

LAZYLIB_DEFINE(libzip, libzip_library, DUTY_LIBZIP, LIBZIP_FUNCTIONS);

#ifndef DUTY_LIBEXPAT
#define DUTY_LIBEXPAT "libexpat.so.1"   /* the Makefile gives the one linked against */
#endif

/* expat, loaded with libzip. */
#define EXPAT_FUNCTIONS(X) \
	X(XML_ErrorString) \
	X(XML_GetBuffer) \
	X(XML_GetCurrentLineNumber) \
	X(XML_GetErrorCode) \
	X(XML_ParseBuffer) \
	X(XML_ParserCreate) \
	X(XML_ParserFree) \
	X(XML_SetCharacterDataHandler) \
	X(XML_SetElementHandler) \
	X(XML_SetStartDoctypeDeclHandler) \
	X(XML_SetUserData) \
	X(XML_StopParser)

LAZYLIB_DEFINE(expat, expat_library, DUTY_LIBEXPAT, EXPAT_FUNCTIONS);

#define XML_ErrorString expat.XML_ErrorString
#define XML_GetBuffer expat.XML_GetBuffer
#define XML_GetCurrentLineNumber expat.XML_GetCurrentLineNumber
#define XML_GetErrorCode expat.XML_GetErrorCode
#define XML_ParseBuffer expat.XML_ParseBuffer
#define XML_ParserCreate expat.XML_ParserCreate
#define XML_ParserFree expat.XML_ParserFree
#define XML_SetCharacterDataHandler expat.XML_SetCharacterDataHandler
#define XML_SetElementHandler expat.XML_SetElementHandler
#define XML_SetStartDoctypeDeclHandler expat.XML_SetStartDoctypeDeclHandler
#define XML_SetUserData expat.XML_SetUserData
#define XML_StopParser expat.XML_StopParser

#define zip_discard libzip.zip_discard
#define zip_error_code_system libzip.zip_error_code_system
#define zip_error_code_zip libzip.zip_error_code_zip
#define zip_error_fini libzip.zip_error_fini
#define zip_error_init libzip.zip_error_init
#define zip_error_strerror libzip.zip_error_strerror
#define zip_fclose libzip.zip_fclose
#define zip_file_get_error libzip.zip_file_get_error
#define zip_fopen_index libzip.zip_fopen_index
#define zip_fread libzip.zip_fread
#define zip_get_error libzip.zip_get_error
#define zip_name_locate libzip.zip_name_locate
#define zip_open_from_source libzip.zip_open_from_source
#define zip_source_buffer_create libzip.zip_source_buffer_create
#define zip_source_free libzip.zip_source_free
#define zip_stat_index libzip.zip_stat_index
#define zip_stat_init libzip.zip_stat_init

struct zip_package {
	zip_t *archive;
	const char *name;
	struct diagnostics *diag;
	size_t total_read;            /* bytes inflated from every member so far */
	/* The member being parsed. */
	XML_Parser parser;
	const char *member;
	const struct xml_handlers *handlers;
	void *context;
	bool stopped;                 /* a handler is done with the member */
	bool failed;                  /* a handler or the doctype check failed */
};

/* Whether libzip failed for want of memory: its own, or zlib's
 * (Z_MEM_ERROR, -4, inside ZIP_ER_ZLIB). */
static bool is_memory_error(zip_error_t *error)
{
	enum { ZLIB_MEMORY_ERROR = -4 };
	int code = zip_error_code_zip(error);
	return code == ZIP_ER_MEMORY || (code == ZIP_ER_ZLIB && zip_error_code_system(error) == ZLIB_MEMORY_ERROR);
}

bool zip_looks_like(const void *bytes, size_t size)
{
	/* A local file header, or the end record of an empty archive. */
	return size >= 4 && (memcmp(bytes, "PK\3\4", 4) == 0 || memcmp(bytes, "PK\5\6", 4) == 0);
}

struct zip_package *zip_package_open(const char *name, const void *bytes, size_t size,
				     struct diagnostics *diag)
{
	struct lazy_library *libraries[] = { &libzip_library, &expat_library };
	for (size_t l = 0; l < 2; l++) {
		if (!lazylib_load(libraries[l])) {
			diag_system_error(diag, name, 0, libraries[l]->error_number,
					  _("cannot read ZIP archives (.docx, .xlsx): %s"), libraries[l]->error);
			return NULL;
		}
	}
	struct zip_package *package = calloc(1, sizeof *package);
	if (!package) {
		diag_memory_error(diag, name, 0, _("out of memory while opening the archive"));
		return NULL;
	}
	zip_error_t error;
	zip_error_init(&error);
	zip_source_t *source = zip_source_buffer_create(bytes, size, 0, &error);
	if (source) {
		package->archive = zip_open_from_source(source, ZIP_RDONLY, &error);
		if (!package->archive)
			zip_source_free(source);   /* still ours when the open fails */
	}
	/* libzip fails without a reason (ZIP_ER_OK) when an allocation does. */
	if (!package->archive && (is_memory_error(&error) || zip_error_code_zip(&error) == ZIP_ER_OK)) {
		diag_memory_error(diag, name, 0, _("out of memory while opening the archive"));
	} else if (!package->archive) {
		diag_error(diag, name, 0, NULL,
			   _("the file starts like a ZIP archive (as .docx and .xlsx files are) but cannot be "
			   "read as one (%s): it is probably truncated or damaged; save it again from Word, "
			   "Excel or WPS"),
			   zip_error_strerror(&error));
	}
	if (!package->archive) {
		zip_error_fini(&error);
		free(package);
		return NULL;
	}
	zip_error_fini(&error);
	package->name = name;
	package->diag = diag;
	return package;
}

void zip_package_close(struct zip_package *package)
{
	if (!package)
		return;
	zip_discard(package->archive);   /* read only: nothing to write back */
	free(package);
}

bool zip_package_has(struct zip_package *package, const char *member)
{
	return zip_name_locate(package->archive, member, ZIP_FL_NOCASE) >= 0;
}

/* "w:tc" -> "tc" */
static const char *local_name(const char *name)
{
	const char *colon = strrchr(name, ':');
	return colon ? colon + 1 : name;
}

const char *xml_attribute(const char **attributes, const char *name)
{
	for (size_t i = 0; attributes && attributes[i]; i += 2)
		if (strcmp(local_name(attributes[i]), name) == 0)
			return attributes[i + 1];
	return NULL;
}

void zip_package_stop(struct zip_package *package)
{
	if (!package->stopped && !package->failed) {
		package->stopped = true;
		XML_StopParser(package->parser, XML_FALSE);
	}
}

void zip_package_fail(struct zip_package *package)
{
	if (!package->stopped && !package->failed) {
		package->failed = true;
		XML_StopParser(package->parser, XML_FALSE);
	}
}

long zip_package_line(const struct zip_package *package)
{
	return package->parser ? (long)XML_GetCurrentLineNumber(package->parser) : 0;
}

static void on_start(void *data, const XML_Char *name, const XML_Char **attributes)
{
	struct zip_package *package = data;
	if (package->handlers->start)
		package->handlers->start(package->context, local_name(name), attributes);
}

static void on_end(void *data, const XML_Char *name)
{
	struct zip_package *package = data;
	if (package->handlers->end)
		package->handlers->end(package->context, local_name(name));
}

static void on_text(void *data, const XML_Char *text, int length)
{
	struct zip_package *package = data;
	if (package->handlers->text && length > 0)
		package->handlers->text(package->context, text, (size_t)length);
}

/* Office files never declare a document type; one that does is refused
 * before it can define entities. */
static void on_doctype(void *data, const XML_Char *name, const XML_Char *system_id, const XML_Char *public_id,
		       int has_internal_subset)
{
	(void)name, (void)system_id, (void)public_id, (void)has_internal_subset;
	struct zip_package *package = data;
	diag_error(package->diag, package->name, 0, NULL,
		   _("%s, line %ld: a document type declaration (DOCTYPE), which Office files never have; "
		   "the file is not a genuine Word or Excel file"),
		   package->member, zip_package_line(package));
	zip_package_fail(package);
}

/* Opens member and checks the size its directory entry announces. */
static zip_file_t *open_member(struct zip_package *package, const char *member)
{
	zip_int64_t index = zip_name_locate(package->archive, member, ZIP_FL_NOCASE);
	if (index < 0) {
		diag_error(package->diag, package->name, 0, NULL,
			   _("%s is missing from the archive; the file is incomplete or not a Word or Excel file"),
			   member);
		return NULL;
	}
	zip_stat_t status;
	zip_stat_init(&status);
	if (zip_stat_index(package->archive, (zip_uint64_t)index, 0, &status) == 0 && (status.valid & ZIP_STAT_SIZE)
	    && status.size > ZIP_MEMBER_MAX_BYTES) {
		diag_error(package->diag, package->name, 0, NULL,
			   _("%s would inflate to %llu bytes, more than the %u MiB duty reads from one part"),
			   member, (unsigned long long)status.size, ZIP_MEMBER_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	zip_file_t *file = zip_fopen_index(package->archive, (zip_uint64_t)index, 0);
	if (!file) {
		zip_error_t *error = zip_get_error(package->archive);
		if (zip_error_code_zip(error) == ZIP_ER_NOPASSWD || zip_error_code_zip(error) == ZIP_ER_ENCRNOTSUPP)
			diag_error(package->diag, package->name, 0, NULL,
				   _("%s is encrypted; save the file without a password"), member);
		else if (is_memory_error(error))
			diag_memory_error(package->diag, package->name, 0, _("out of memory while reading %s"), member);
		else
			diag_error(package->diag, package->name, 0, NULL,
				   _("cannot open %s in the archive (%s); the file is damaged"), member,
				   zip_error_strerror(error));
	}
	return file;
}

static XML_Parser make_parser(struct zip_package *package)
{
	/* The part's own declaration (UTF-8 or UTF-16) says how it is
	 * encoded; the handlers always get UTF-8. */
	XML_Parser parser = XML_ParserCreate(NULL);
	if (!parser)
		return NULL;
	XML_SetUserData(parser, package);
	XML_SetElementHandler(parser, on_start, on_end);
	XML_SetCharacterDataHandler(parser, on_text);
	XML_SetStartDoctypeDeclHandler(parser, on_doctype);
	return parser;
}

enum { CHUNK = 64 * 1024 };

/* Reads the member chunk by chunk into the parser. */
static bool feed(struct zip_package *package, zip_file_t *file)
{
	size_t member_read = 0;
	for (;;) {
		void *buffer = XML_GetBuffer(package->parser, CHUNK);
		if (!buffer) {
			diag_memory_error(package->diag, package->name, 0, _("out of memory while reading %s"),
					  package->member);
			return false;
		}
		zip_int64_t got = zip_fread(file, buffer, CHUNK);
		if (got < 0 && is_memory_error(zip_file_get_error(file))) {
			diag_memory_error(package->diag, package->name, 0, _("out of memory while reading %s"),
					  package->member);
			return false;
		}
		if (got < 0) {
			diag_error(package->diag, package->name, 0, NULL,
				   _("cannot inflate %s (%s); the file is damaged"), package->member,
				   zip_error_strerror(zip_file_get_error(file)));
			return false;
		}
		member_read += (size_t)got;
		package->total_read += (size_t)got;
		if (member_read > ZIP_MEMBER_MAX_BYTES) {
			diag_error(package->diag, package->name, 0, NULL,
				   _("%s inflates to more than the %u MiB duty reads from one part"), package->member,
				   ZIP_MEMBER_MAX_BYTES / (1024 * 1024));
			return false;
		}
		if (package->total_read > ZIP_TOTAL_MAX_BYTES) {
			diag_error(package->diag, package->name, 0, NULL,
				   _("the parts of the archive inflate to more than the %u MiB duty reads from one "
				   "file (stopped in %s)"),
				   ZIP_TOTAL_MAX_BYTES / (1024 * 1024), package->member);
			return false;
		}
		if (XML_ParseBuffer(package->parser, (int)got, got == 0) == XML_STATUS_ERROR) {
			if (package->stopped)
				return true;
			if (package->failed)
				return false;
			if (XML_GetErrorCode(package->parser) == XML_ERROR_NO_MEMORY) {
				diag_memory_error(package->diag, package->name, 0, _("out of memory while reading %s"),
						  package->member);
				return false;
			}
			diag_error(package->diag, package->name, 0, NULL,
				   _("%s, line %ld: the XML is broken (%s); the file is damaged, or not a Word or "
				   "Excel file"),
				   package->member, zip_package_line(package),
				   XML_ErrorString(XML_GetErrorCode(package->parser)));
			return false;
		}
		if (package->failed)
			return false;
		if (got == 0 || package->stopped)
			return true;
	}
}

bool zip_package_parse(struct zip_package *package, const char *member, const struct xml_handlers *handlers,
		       void *context)
{
	zip_file_t *file = open_member(package, member);
	if (!file)
		return false;
	package->parser = make_parser(package);
	if (!package->parser) {
		zip_fclose(file);
		diag_memory_error(package->diag, package->name, 0, _("out of memory while reading %s"), member);
		return false;
	}
	package->member = member;
	package->handlers = handlers;
	package->context = context;
	package->stopped = false;
	package->failed = false;
	bool ok = feed(package, file);
	XML_ParserFree(package->parser);
	package->parser = NULL;
	zip_fclose(file);
	return ok && !package->failed;
}
