import Foundation

/// Base64url without padding (RFC 7515 §2), for tokens the tests forge or sign themselves.
public func base64URL(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}
