// Cairo draws the PDF; Pango lays the text out (line breaking, shaping, fonts through
// fontconfig). Both from Debian: libcairo2-dev, libpango1.0-dev.
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
