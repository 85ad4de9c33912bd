#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call: one typed
// wrapper per kind of argument.
static inline CURLcode appraise_curl_set_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode appraise_curl_set_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode appraise_curl_set_list(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
static inline CURLcode appraise_curl_set_body(CURL *handle, const char *body, long length) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, length);
    return code != CURLE_OK ? code : curl_easy_setopt(handle, CURLOPT_COPYPOSTFIELDS, body);
}
// The response body is not kept: a receiver's answer is its status code.
static size_t appraise_curl_discard(char *data, size_t size, size_t count, void *context) {
    (void)data; (void)context;
    return size * count;
}
static inline CURLcode appraise_curl_discard_body(CURL *handle) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, appraise_curl_discard);
}
static inline CURLcode appraise_curl_status(CURL *handle, long *status) {
    return curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, status);
}

// An upload from memory (SMTP's message): curl pulls it through the read callback.
#include <string.h>
struct appraise_curl_upload {
    const char *data;
    size_t length;
    size_t offset;
};
static size_t appraise_curl_read(char *buffer, size_t size, size_t count, void *context) {
    struct appraise_curl_upload *upload = (struct appraise_curl_upload *)context;
    size_t room = size * count, left = upload->length - upload->offset;
    size_t n = left < room ? left : room;
    memcpy(buffer, upload->data + upload->offset, n);
    upload->offset += n;
    return n;
}
static inline CURLcode appraise_curl_upload_from(CURL *handle, struct appraise_curl_upload *upload) {
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, appraise_curl_read);
    curl_easy_setopt(handle, CURLOPT_READDATA, upload);
    return curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
}
