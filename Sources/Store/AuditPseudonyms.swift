import Crypto
import Domain
import Foundation

/// The keyed pseudonyms of audit identifiers under one trust's chain key, each value's made
/// once: a sync's 20,000 events share one actor and client address, and a person's events name
/// the same person twice. The key's padded inner and outer blocks are hashed once, not per value.
struct AuditPseudonymiser {
    private let keyed: HMAC<SHA256>
    private var made: [String: String] = [:]

    init(key: SymmetricKey) {
        keyed = HMAC<SHA256>(key: key)
    }

    mutating func pseudonyms(of identifiers: AuditEvent.Pseudonyms) -> AuditEvent.Pseudonyms {
        AuditEvent.Pseudonyms(actor: pseudonym(identifiers.actor), clientAddress: pseudonym(identifiers.clientAddress),
                              resource: pseudonym(identifiers.resource), subject: pseudonym(identifiers.subject))
    }

    private mutating func pseudonym(_ value: String?) -> String? {
        guard let value else { return nil }
        if let known = made[value] { return known }
        var code = keyed  // a copy: the digest state is copied on its first update
        code.update(data: Data(value.utf8))
        let pseudonym = Hex.lowercase(code.finalize())
        made[value] = pseudonym
        return pseudonym
    }
}
