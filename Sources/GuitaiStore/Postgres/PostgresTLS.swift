import Foundation
import GuitaiCore
import PostgresNIO

/// Whether and how a connection to the city's server is encrypted, set as PostgreSQL's own tools set it:
/// `PGSSLMODE` (`disable`, `prefer`, `require`, `verify-ca`, `verify-full`; `prefer` when unset) and `PGSSLROOTCERT`
/// (the city's certificate authority, a PEM file; `~/.postgresql/root.crt` when unset, as libpq looks for it).
///
/// The meanings are libpq's ("SSL Support" in PostgreSQL's manual): `prefer` encrypts when the server offers it,
/// without checking who answers; `require` insists on encryption, and checks the server's authority only when an
/// authority's file is there; `verify-ca` checks that the server's certificate is signed by the authority, and
/// `verify-full` that it also names the host dialled; both refuse to go on without the authority's file.
/// `PGSSLROOTCERT=system` means the system's trusted authorities, and with it nothing weaker than `verify-full`.
/// libpq's `allow` (plain first, encrypted if refused) is not offered: postgres-nio asks for encryption first or not at
/// all. A hall reaching the city's database over the city's network should use `verify-full`: without it, anyone on
/// the path can pose as the server and be given the hall's password.
public struct PostgresTLS: Hashable, Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var mode: Mode
    /// The authority's certificates (PEM); nil with `verify-full`: the system's trusted authorities
    /// (`PGSSLROOTCERT=system`); nil otherwise: no authority's file.
    public var rootCertificatePath: String?

    public init(mode: Mode, rootCertificatePath: String? = nil) {
        self.mode = mode
        self.rootCertificatePath = rootCertificatePath
    }

    /// The settings the environment gives.
    /// - Throws: `store-tls` (usage, 64) for a `PGSSLMODE` that is none of the five; for `verify-ca` and
    ///   `verify-full` without the authority's file (named by `PGSSLROOTCERT`, else `~/.postgresql/root.crt`); for a
    ///   mode weaker than `verify-full` with `PGSSLROOTCERT=system`.
    public static func from(environment: [String: String]) throws -> PostgresTLS {
        let chosen = environment["PGSSLMODE"].flatMap { $0.isEmpty ? nil : $0 }
        let named = environment["PGSSLROOTCERT"].flatMap { $0.isEmpty ? nil : $0 }
        if named == "system" {
            // libpq 16: the system's authorities, and then verify-full unless something weaker was asked for in vain.
            guard chosen == nil || chosen == Mode.verifyFull.rawValue else {
                throw refusal(zh: "PGSSLROOTCERT=system 只能与 PGSSLMODE=verify-full 同用",
                              en: "PGSSLROOTCERT=system goes with PGSSLMODE=verify-full only")
            }
            return PostgresTLS(mode: .verifyFull, rootCertificatePath: nil)
        }
        guard let mode = Mode(rawValue: chosen ?? Mode.prefer.rawValue) else {
            let known = Mode.allCases.map(\.rawValue).joined(separator: ", ")
            throw refusal(zh: "PGSSLMODE 的值 \(chosen ?? "") 无效，应为 \(known) 之一",
                          en: "PGSSLMODE \(chosen ?? "") is not one of \(known)")
        }
        let fallback = environment["HOME"].map { $0 + "/.postgresql/root.crt" }
        let root = named ?? fallback
        let rootExists = root.map { FileManager.default.fileExists(atPath: $0) } ?? false
        if (mode == .verifyCA || mode == .verifyFull) && !rootExists {
            throw refusal(zh: "PGSSLMODE=\(mode.rawValue) 需要签发服务器证书的机构证书：找不到 \(root ?? "~/.postgresql/root.crt")，请设置 PGSSLROOTCERT",
                          en: "PGSSLMODE=\(mode.rawValue) needs the certificate of the authority that signed the server's: \(root ?? "~/.postgresql/root.crt") is not there; set PGSSLROOTCERT")
        }
        return PostgresTLS(mode: mode, rootCertificatePath: rootExists ? root : nil)
    }

    private static func refusal(zh: String, en: String) -> DomainError {
        DomainError(.usage, code: "store-tls", zh: zh, en: en)
    }

    /// postgres-nio's setting for one connection.
    /// - Throws: NIOSSL's error when the authority's file cannot be read as certificates.
    func connectionSetting() throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return .disable
        case .prefer:
            configuration.certificateVerification = .none
        case .require:
            // As libpq: with the authority's file there, `require` checks the authority too.
            configuration.certificateVerification = rootCertificatePath == nil ? .none : .noHostnameVerification
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
        }
        if let rootCertificatePath { configuration.trustRoots = .file(rootCertificatePath) }
        let context = try NIOSSLContext(configuration: configuration)
        return mode == .prefer ? .prefer(context) : .require(context)
    }
}
