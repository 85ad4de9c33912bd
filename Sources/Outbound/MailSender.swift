import CCurl
import Foundation

/// One plain-text email.
public struct MailMessage: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String
    public init(to: String, subject: String, body: String) {
        self.to = to; self.subject = subject; self.body = body
    }
}

/// Where reminder emails go (issue 16 §5): pluggable, so a deployment can hand mail to
/// another transport; `SMTPMailSender` is the one the server uses.
public protocol MailSender: Sendable {
    /// Throws `MailError` when the message was not accepted.
    func send(_ message: MailMessage) async throws
}

public struct MailError: Error, CustomStringConvertible {
    public let description: String
}

/// SMTP through libcurl (NIO-free): `smtp://host:port` (STARTTLS required when `requireTLS`)
/// or `smtps://host:port`, optional login, one message per connection.
public struct SMTPMailSender: MailSender {
    public struct Configuration: Sendable {
        public var url: String
        public var from: String
        public var username: String?
        public var password: String?
        /// STARTTLS on smtp:// (off only for a sink on loopback in tests).
        public var requireTLS = true
        public var timeout: Duration = .seconds(20)
        public init(url: String, from: String) { self.url = url; self.from = from }
    }

    let configuration: Configuration
    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    public func send(_ message: MailMessage) async throws {
        let text = Self.compose(message, from: configuration.from, date: Date(), id: UUID())
        let error: String? = await withCheckedContinuation { continuation in
            WebhookSender.queue.async { continuation.resume(returning: self.deliver(text, to: message.to)) }
        }
        if let error { throw MailError(description: error) }
    }

    func deliver(_ text: String, to recipient: String) -> String? {
        _ = Curl.globalInit
        guard let handle = curl_easy_init() else { return "curl could not start" }
        defer { curl_easy_cleanup(handle) }
        let recipients = curl_slist_append(nil, "<\(recipient)>")
        defer { curl_slist_free_all(recipients) }
        let milliseconds = Int(configuration.timeout.components.seconds * 1_000)
        appraise_curl_set_string(handle, CURLOPT_URL, configuration.url)
        appraise_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        appraise_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(configuration.from)>")
        appraise_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients)
        appraise_curl_set_long(handle, CURLOPT_USE_SSL, configuration.requireTLS ? Int(CURLUSESSL_ALL.rawValue) : 0)
        if let username = configuration.username { appraise_curl_set_string(handle, CURLOPT_USERNAME, username) }
        if let password = configuration.password { appraise_curl_set_string(handle, CURLOPT_PASSWORD, password) }
        appraise_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        appraise_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds)
        appraise_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, min(milliseconds, 5_000))
        appraise_curl_set_string(handle, CURLOPT_NOPROXY, "*")
        let bytes = Array(text.utf8)
        let code = bytes.withUnsafeBufferPointer { buffer -> CURLcode in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { data in
                var upload = appraise_curl_upload(data: data, length: buffer.count, offset: 0)
                appraise_curl_upload_from(handle, &upload)
                return curl_easy_perform(handle)
            }
        }
        return code == CURLE_OK ? nil : String(cString: curl_easy_strerror(code))
    }

    /// RFC 5322 text: UTF-8 plain text, the subject encoded (RFC 2047) when not ASCII, lines
    /// ending CRLF, and a line starting with a dot doubled (curl does that; we never send one).
    static func compose(_ message: MailMessage, from: String, date: Date, id: UUID) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        let domain = from.split(separator: "@").last.map(String.init) ?? "appraise.invalid"
        // No value may end its header line early (header injection).
        func line(_ value: String) -> String { value.filter { $0 != "\r" && $0 != "\n" } }
        let subject = message.subject.allSatisfy(\.isASCII) ? line(message.subject)
            : "=?UTF-8?B?" + Data(message.subject.utf8).base64EncodedString() + "?="
        let body = message.body.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
        return [
            "From: Appraise <\(from)>", "To: <\(line(message.to))>", "Subject: \(subject)",
            "Date: \(formatter.string(from: date))", "Message-ID: <\(id.uuidString.lowercased())@\(domain)>",
            "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
            "Auto-Submitted: auto-generated", "", body,
        ].joined(separator: "\r\n")
    }
}
