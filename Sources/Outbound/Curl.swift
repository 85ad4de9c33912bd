import CCurl
import Foundation

/// One POST with libcurl's easy interface, configured for webhooks: pinned address, no
/// redirects, https only unless allowed, connect and total timeouts, no signals.
enum Curl {
    /// On the first delivery, not when a sender is made: that opens libcurl (Sources/CCurl), and
    /// a server with no subscriptions and no mail should not map it (issue 12 §4).
    static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    static func post(url: String, pin: String, allowHTTP: Bool, headers: [String], body: String,
                     timeout: Duration, started: ContinuousClock.Instant) -> WebhookSender.Result {
        func result(_ status: Int?, _ error: String?) -> WebhookSender.Result {
            WebhookSender.Result(statusCode: status, error: error, duration: .now - started)
        }
        _ = globalInit
        guard let handle = curl_easy_init() else { return result(nil, "curl could not start") }
        defer { curl_easy_cleanup(handle) }
        let resolve = curl_slist_append(nil, pin)
        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in headers { headerList = curl_slist_append(headerList, header) }
        defer {
            curl_slist_free_all(resolve)
            curl_slist_free_all(headerList)
        }
        let milliseconds = Int(timeout.components.seconds * 1_000)
        appraise_curl_set_string(handle, CURLOPT_URL, url)
        appraise_curl_set_list(handle, CURLOPT_RESOLVE, resolve)
        appraise_curl_set_list(handle, CURLOPT_HTTPHEADER, headerList)
        appraise_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, allowHTTP ? "http,https" : "https")
        appraise_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        appraise_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        appraise_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
        appraise_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, min(milliseconds, 5_000))
        // A proxy from the environment would connect on our behalf, past the pinned address.
        appraise_curl_set_string(handle, CURLOPT_NOPROXY, "*")
        appraise_curl_set_body(handle, body, body.utf8.count)
        appraise_curl_discard_body(handle)
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else { return result(nil, String(cString: curl_easy_strerror(code))) }
        var status = 0
        appraise_curl_status(handle, &status)
        return result(status, nil)
    }
}
