// libcurl sends webhooks (issue 16 §4) and mail (§5). It is loaded on the first delivery,
// not when the server starts (issue 12 §4): linked, it and its own dependencies (ssh2, rtmp,
// nghttp2, brotli, psl) put about 1 MB into every server's resident memory, and a trust with
// no subscriptions and no mail never uses it. The declarations are curl's own header's; the
// functions Outbound calls are hidden stubs that call the loaded library's (CurlLoader.c).
#ifndef APPRAISE_CCURL_H
#define APPRAISE_CCURL_H

// The system headers curl.h includes come first, so the pragma below leaves libc's own
// declarations as they are.
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>

#pragma GCC visibility push(hidden)
#include <curl/curl.h>

/// Loads libcurl once; NULL when loaded, otherwise why not. `curl_global_init` answers
/// CURLE_FAILED_INIT and `curl_easy_init` NULL while it cannot be loaded.
const char *appraise_curl_load(void);

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// wrapper per kind of argument.
CURLcode appraise_curl_set_long(CURL *handle, CURLoption option, long value);
CURLcode appraise_curl_set_string(CURL *handle, CURLoption option, const char *value);
CURLcode appraise_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode appraise_curl_set_body(CURL *handle, const char *body, long length);
/// The response body is not kept: a receiver's answer is its status code.
CURLcode appraise_curl_discard_body(CURL *handle);
CURLcode appraise_curl_status(CURL *handle, long *status);

/// An upload from memory (SMTP's message): curl pulls it through the read callback.
struct appraise_curl_upload {
    const char *data;
    size_t length;
    size_t offset;
};
CURLcode appraise_curl_upload_from(CURL *handle, struct appraise_curl_upload *upload);
#pragma GCC visibility pop

#endif
