/*
 * zipxml.h - the XML parts of an Office file: a ZIP archive (libzip) whose
 * members are streamed through an XML parser (expat). Element and
 * attribute names reach the handlers without their namespace prefix
 * ("w:tc" is "tc"), as Word, Excel, WPS and LibreOffice all use the same
 * vocabularies under different prefixes.
 *
 * Hostile archives are expected: a member may inflate to at most
 * ZIP_MEMBER_MAX_BYTES (checked against the directory and counted while
 * reading, since the directory may lie) and all members read from one
 * archive to at most ZIP_TOTAL_MAX_BYTES; a document type declaration
 * (the way to entity bombs) is refused. Problems are reported in diag with
 * the archive's name and the member, and the XML line when known.
 */
#ifndef DUTY_ZIPXML_H
#define DUTY_ZIPXML_H

#include <stdbool.h>
#include <stddef.h>

#include "duty/diag.h"

#define ZIP_MEMBER_MAX_BYTES (64u * 1024 * 1024)
#define ZIP_TOTAL_MAX_BYTES (256u * 1024 * 1024)

struct zip_package;

/* Whether bytes start as a ZIP archive does. */
bool zip_looks_like(const void *bytes, size_t size);

/* Opens the archive in bytes (not copied: they must outlive it); NULL
 * when it cannot be read as a ZIP archive (reported in diag). */
struct zip_package *zip_package_open(const char *name, const void *bytes, size_t size,
				     struct diagnostics *diag);
void zip_package_close(struct zip_package *package);

/* Whether the archive holds member (names compared ignoring case). */
bool zip_package_has(struct zip_package *package, const char *member);

struct xml_handlers {
	/* attributes: name, value, name, value, ..., NULL */
	void (*start)(void *context, const char *name, const char **attributes);
	void (*end)(void *context, const char *name);
	/* Text comes in pieces; a handler joins them. */
	void (*text)(void *context, const char *text, size_t length);
};

/* Reads member through the handlers. Returns true when it was read to the
 * end or a handler called zip_package_stop; false when it is missing,
 * damaged, too big or not well-formed XML (reported), or a handler called
 * zip_package_fail. */
bool zip_package_parse(struct zip_package *package, const char *member, const struct xml_handlers *handlers,
		       void *context);

/* From a handler: stop reading the member; the parse counts as done. */
void zip_package_stop(struct zip_package *package);
/* From a handler that reported a problem: stop; the parse fails. */
void zip_package_fail(struct zip_package *package);
/* From a handler: the line of the member being read, for messages. */
long zip_package_line(const struct zip_package *package);

/* The value of the attribute with this name (without prefix), or NULL. */
const char *xml_attribute(const char **attributes, const char *name);

#endif
