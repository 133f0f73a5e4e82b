#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GuitaiCore

/// Writes a file whole or not at all: under a temporary name beside it, synced, readable by its owner only (0600),
/// then renamed over the final name, so a crash or a full disk never leaves half a receipt or half a bundle.
public enum DurableFile {
    /// - Throws: `code` (exit 1) naming the file, the step that failed and the system's reason.
    public static func write(_ data: Data, to path: String, code: String = "file-unwritable") throws {
        try place(try stage(data, for: path, code: code), at: path, code: code)
    }

    /// Writes the bytes whole and synced under a temporary name beside `path`, for `place` to put in place once what
    /// depends on them has committed (or `discard` to drop); returns the temporary name.
    static func stage(_ data: Data, for path: String, code: String) throws -> String {
        let temporary = path + ".partial"
        func failed(_ what: String) -> DomainError {
            let reason = String(cString: strerror(errno))
            return DomainError(.failure, code: code, zh: "文件 \(path) 无法写入（\(what)：\(reason)），未写出任何内容",
                               en: "The file \(path) could not be written (\(what): \(reason)); nothing was written")
        }
        let descriptor = open(temporary, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
        guard descriptor >= 0 else { throw failed("open") }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        let synced = written && fsync(descriptor) == 0
        close(descriptor)
        guard synced, fchmodat(AT_FDCWD, temporary, 0o600, 0) == 0 else {
            let saved = errno
            unlink(temporary)
            errno = saved
            throw failed("write")
        }
        return temporary
    }

    /// Renames a staged file over its final name, and syncs the folder so the new name survives a power cut.
    /// - Parameter keepOnFailure: what to say instead of dropping the staged file when the rename fails, because what
    ///   it holds is needed and exists nowhere else (a take-out holds a laptop's only key); nil drops it.
    static func place(_ temporary: String, at path: String, code: String, keepOnFailure: Bilingual? = nil) throws {
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            guard let keep = keepOnFailure else {
                unlink(temporary)
                throw DomainError(.failure, code: code, zh: "文件 \(path) 无法写入（rename：\(reason)）", en: "The file \(path) could not be written (rename: \(reason))")
            }
            throw DomainError(.failure, code: code, zh: "文件 \(path) 无法改名到位（rename：\(reason)）；\(keep.zh)：\(temporary)",
                              en: "The file \(path) could not be put in place (rename: \(reason)); \(keep.en): \(temporary)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }

    /// Drops a staged file that will not be needed.
    static func discard(_ temporary: String) { unlink(temporary) }
}
