import Foundation
import GuitaiCore
import PostgresNIO

/// Whether and how a connection to the city's server is encrypted, set as PostgreSQL's own tools set it:
/// `PGSSLMODE` (`disable`, `prefer`, `require`, `verify-ca`, `verify-full`; `prefer` when unset) and `PGSSLROOTCERT`
/// (the city's certificate authority, a PEM file; `~/.postgresql/root.crt` when unset, as libpq looks for it).
///
/// The meanings are libpq's ("SSL Support" in PostgreSQL's manual): `prefer` encrypts when the server offers it,
/// `require` insists on encryption, neither checks who answers; `verify-ca` also checks that the server's certificate
/// is signed by the authority, and `verify-full` that it names the host dialled. A hall reaching the city's database
/// over the city's network should use `verify-full`: without it, anyone on the path can pose as the server and be
/// given the hall's password.
public struct PostgresTLS: Hashable, Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var mode: Mode
    /// The authority's certificates (PEM); nil: the system's trusted authorities.
    public var rootCertificatePath: String?

    public init(mode: Mode, rootCertificatePath: String? = nil) {
        self.mode = mode
        self.rootCertificatePath = rootCertificatePath
    }

    /// The settings the environment gives.
    /// - Throws: `store-tls` (usage, 64) for a `PGSSLMODE` that is none of the five; for `verify-ca` and
    ///   `verify-full`, when the authority's file named by `PGSSLROOTCERT` does not exist.
    public static func from(environment: [String: String]) throws -> PostgresTLS {
        let named = environment["PGSSLMODE"].flatMap { $0.isEmpty ? nil : $0 } ?? Mode.prefer.rawValue
        guard let mode = Mode(rawValue: named) else {
            let known = Mode.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError(.usage, code: "store-tls", zh: "PGSSLMODE 的值 \(named) 无效，应为 \(known) 之一",
                              en: "PGSSLMODE \(named) is not one of \(known)")
        }
        var root = environment["PGSSLROOTCERT"].flatMap { $0.isEmpty ? nil : $0 }
        if root == nil, let home = environment["HOME"], FileManager.default.fileExists(atPath: home + "/.postgresql/root.crt") {
            root = home + "/.postgresql/root.crt"
        }
        if mode == .verifyCA || mode == .verifyFull, let root, !FileManager.default.fileExists(atPath: root) {
            throw DomainError(.usage, code: "store-tls", zh: "PGSSLROOTCERT 指定的证书文件 \(root) 不存在",
                              en: "The certificate file \(root) named by PGSSLROOTCERT does not exist")
        }
        return PostgresTLS(mode: mode, rootCertificatePath: root)
    }

    /// postgres-nio's setting for one connection.
    /// - Throws: NIOSSL's error when the authority's file cannot be read as certificates.
    func connectionSetting() throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return .disable
        case .prefer, .require:
            configuration.certificateVerification = .none
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
