import Crypto
import _CryptoExtras
import Domain
import Foundation

/// Password hashing and token digests. Passwords: PBKDF2-HMAC-SHA256 with a random 16-byte salt
/// at OWASP's current 600,000 iterations (swift-crypto refuses fewer than 210,000), stored as
/// `pbkdf2_sha256$<rounds>$<salt>$<hash>` so the count can rise later. Tokens with 256 random
/// bits need no slow hash: SHA-256 suffices.
public enum Secrets {
    public static let productionRounds = 600_000

    /// Slow by design: call off Swift's cooperative pool.
    public static func hashPassword(_ password: String, rounds: Int) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Data(password.utf8), salt: salt, using: .sha256,
                                                    outputByteCount: 32, rounds: rounds)
        let hash = key.withUnsafeBytes { Data($0) }
        return "pbkdf2_sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(hash.base64EncodedString())"
    }

    public static func verifyPassword(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2_sha256", let rounds = Int(parts[1]),
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              let key = try? KDF.Insecure.PBKDF2.deriveKey(from: Data(password.utf8), salt: salt, using: .sha256,
                                                           outputByteCount: expected.count, rounds: rounds) else { return false }
        let actual = key.withUnsafeBytes { Data($0) }
        return zip(actual, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0 && actual.count == expected.count
    }

    public static func sha256Hex(_ text: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(text.utf8)))
    }

    /// URL-safe random text with `bytes` random bytes.
    public static func randomToken(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
