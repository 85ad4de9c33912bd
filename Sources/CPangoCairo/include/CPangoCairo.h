// Cairo draws the PDF; Pango lays the text out (line breaking, shaping, fonts through
// fontconfig). Both are loaded when the first PDF is printed, not when the server starts
// (issue 12 §4): linked, they and what they pull in (glib, gobject, pixman, freetype,
// harfbuzz, fontconfig, X11) put about 4 MB into the resident memory of every server,
// most of which never prints. This header declares only what Documents calls, with the
// libraries' own names, types and values (cairo 1.16, Pango 1.50; stable C ABIs); each
// function is a stub that calls the loaded library's (PangoCairoLoader.c).
#ifndef APPRAISE_CPANGOCAIRO_H
#define APPRAISE_CPANGOCAIRO_H

#define APPRAISE_HIDDEN __attribute__((visibility("hidden")))

/// Loads libpangocairo (and through it Pango, cairo and GObject) once; NULL when loaded,
/// otherwise why not (dlerror's text, or the first symbol missing).
APPRAISE_HIDDEN const char *appraise_pango_cairo_load(void);

// cairo
typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;
typedef enum _cairo_status {
    CAIRO_STATUS_SUCCESS = 0,
    CAIRO_STATUS_WRITE_ERROR = 11,
} cairo_status_t;
typedef enum _cairo_pdf_metadata {
    CAIRO_PDF_METADATA_TITLE = 0,
    CAIRO_PDF_METADATA_AUTHOR = 1,
    CAIRO_PDF_METADATA_SUBJECT = 2,
    CAIRO_PDF_METADATA_KEYWORDS = 3,
    CAIRO_PDF_METADATA_CREATOR = 4,
    CAIRO_PDF_METADATA_CREATE_DATE = 5,
    CAIRO_PDF_METADATA_MOD_DATE = 6,
} cairo_pdf_metadata_t;
typedef cairo_status_t (*cairo_write_func_t)(void *closure, const unsigned char *data, unsigned int length);

// Pango
#define PANGO_SCALE 1024
typedef struct _PangoContext PangoContext;
typedef struct _PangoLayout PangoLayout;
typedef struct _PangoLayoutIter PangoLayoutIter;
typedef struct _PangoLayoutLine PangoLayoutLine;
typedef struct _PangoFontDescription PangoFontDescription;
typedef struct _PangoRectangle {
    int x;
    int y;
    int width;
    int height;
} PangoRectangle;
typedef enum { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT } PangoAlignment;
typedef enum { PANGO_WRAP_WORD, PANGO_WRAP_CHAR, PANGO_WRAP_WORD_CHAR } PangoWrapMode;

// Every function Documents calls: (return type, name, parameters, arguments).
#define APPRAISE_PANGO_CAIRO_FUNCTIONS(F) \
    F(cairo_surface_t *, cairo_pdf_surface_create_for_stream, \
      (cairo_write_func_t write, void *closure, double width, double height), (write, closure, width, height)) \
    F(void, cairo_pdf_surface_set_metadata, \
      (cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8), (surface, metadata, utf8)) \
    F(void, cairo_surface_finish, (cairo_surface_t *surface), (surface)) \
    F(cairo_status_t, cairo_surface_status, (cairo_surface_t *surface), (surface)) \
    F(void, cairo_surface_destroy, (cairo_surface_t *surface), (surface)) \
    F(const char *, cairo_status_to_string, (cairo_status_t status), (status)) \
    F(cairo_t *, cairo_create, (cairo_surface_t *target), (target)) \
    F(void, cairo_destroy, (cairo_t *cr), (cr)) \
    F(void, cairo_show_page, (cairo_t *cr), (cr)) \
    F(void, cairo_set_source_rgb, (cairo_t *cr, double red, double green, double blue), (cr, red, green, blue)) \
    F(void, cairo_set_line_width, (cairo_t *cr, double width), (cr, width)) \
    F(void, cairo_rectangle, \
      (cairo_t *cr, double x, double y, double width, double height), (cr, x, y, width, height)) \
    F(void, cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y)) \
    F(void, cairo_line_to, (cairo_t *cr, double x, double y), (cr, x, y)) \
    F(void, cairo_fill, (cairo_t *cr), (cr)) \
    F(void, cairo_stroke, (cairo_t *cr), (cr)) \
    F(void, g_object_unref, (void *object), (object)) \
    F(PangoLayout *, pango_cairo_create_layout, (cairo_t *cr), (cr)) \
    F(void, pango_cairo_context_set_resolution, (PangoContext *context, double dpi), (context, dpi)) \
    F(void, pango_cairo_show_layout_line, (cairo_t *cr, PangoLayoutLine *line), (cr, line)) \
    F(PangoContext *, pango_layout_get_context, (PangoLayout *layout), (layout)) \
    F(void, pango_layout_context_changed, (PangoLayout *layout), (layout)) \
    F(void, pango_layout_set_font_description, \
      (PangoLayout *layout, const PangoFontDescription *description), (layout, description)) \
    F(void, pango_layout_set_width, (PangoLayout *layout, int width), (layout, width)) \
    F(void, pango_layout_set_wrap, (PangoLayout *layout, PangoWrapMode wrap), (layout, wrap)) \
    F(void, pango_layout_set_alignment, (PangoLayout *layout, PangoAlignment alignment), (layout, alignment)) \
    F(void, pango_layout_set_text, (PangoLayout *layout, const char *text, int length), (layout, text, length)) \
    F(void, pango_layout_get_extents, \
      (PangoLayout *layout, PangoRectangle *ink, PangoRectangle *logical), (layout, ink, logical)) \
    F(PangoLayoutIter *, pango_layout_get_iter, (PangoLayout *layout), (layout)) \
    F(void, pango_layout_iter_free, (PangoLayoutIter *iter), (iter)) \
    F(int, pango_layout_iter_next_line, (PangoLayoutIter *iter), (iter)) \
    F(int, pango_layout_iter_get_baseline, (PangoLayoutIter *iter), (iter)) \
    F(PangoLayoutLine *, pango_layout_iter_get_line_readonly, (PangoLayoutIter *iter), (iter)) \
    F(void, pango_layout_iter_get_line_extents, \
      (PangoLayoutIter *iter, PangoRectangle *ink, PangoRectangle *logical), (iter, ink, logical)) \
    F(PangoFontDescription *, pango_font_description_from_string, (const char *text), (text)) \
    F(void, pango_font_description_free, (PangoFontDescription *description), (description))

#define APPRAISE_DECLARE(type, name, parameters, arguments) APPRAISE_HIDDEN type name parameters;
APPRAISE_PANGO_CAIRO_FUNCTIONS(APPRAISE_DECLARE)
#undef APPRAISE_DECLARE

#endif
