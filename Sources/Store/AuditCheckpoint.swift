import Crypto
import Domain
import Foundation

/// A signed statement of a chain's head (issue 3 §4: `appraise audit checkpoint`). Kept
/// outside the database (a file shipped elsewhere), so someone who can rewrite the database
/// can neither forge one nor make a cut-off tail go unnoticed: the chain must still hold the
/// event a checkpoint names, with the hash it names.
public struct AuditCheckpoint: Codable, Sendable, Equatable {
    public var trustId: UUID
    public var sequence: Int64
    public var hash: String
    public var signedAt: String
    /// Ed25519 over `statement`, base64.
    public var signature: String

    enum CodingKeys: String, CodingKey {
        case trustId = "trust_id", sequence, hash, signedAt = "signed_at", signature
    }

    public var statement: Data {
        Data("appraise-audit-checkpoint|\(trustId.uuidString.lowercased())|\(sequence)|\(hash)|\(signedAt)".utf8)
    }

    public static func sign(trust: UUID, sequence: Int64, hash: String, at date: Date,
                            key: Curve25519.Signing.PrivateKey) throws -> AuditCheckpoint {
        var checkpoint = AuditCheckpoint(trustId: trust, sequence: sequence, hash: hash,
                                         signedAt: String(Int64(date.timeIntervalSince1970)), signature: "")
        checkpoint.signature = try key.signature(for: checkpoint.statement).base64EncodedString()
        return checkpoint
    }

    public func isSigned(by key: Curve25519.Signing.PublicKey) -> Bool {
        guard let signature = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(signature, for: statement)
    }

    /// Keys travel as base64 of their raw 32 bytes.
    public static func privateKey(base64: String) -> Curve25519.Signing.PrivateKey? {
        Data(base64Encoded: base64).flatMap { try? Curve25519.Signing.PrivateKey(rawRepresentation: $0) }
    }

    public static func publicKey(base64: String) -> Curve25519.Signing.PublicKey? {
        Data(base64Encoded: base64).flatMap { try? Curve25519.Signing.PublicKey(rawRepresentation: $0) }
    }
}
