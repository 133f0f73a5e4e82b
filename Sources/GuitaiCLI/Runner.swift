import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk

/// Runs a command body with the contract's error handling: JSON or stderr, and the exit status by kind.
enum Runner {
    static func run(_ global: GlobalOptions, _ body: () throws -> CommandOutput) throws {
        let output: CommandOutput
        do {
            output = try body()
        } catch let error as DomainError {
            fail(global, code: error.code, message: error.message.text(global.language), status: ExitStatus.of(error.kind))
        } catch let error as ExitCode {
            throw error
        } catch {
            fail(global, code: "internal-error", message: String(describing: error), status: ExitStatus.failure)
        }
        if global.json { print(output.json.pretty()) } else if !output.text.isEmpty { print(output.text, terminator: output.text.hasSuffix("\n") ? "" : "\n") }
        if output.exitCode != 0 { throw ExitCode(output.exitCode) }
    }

    static func fail(_ global: GlobalOptions, code: String, message: String, status: Int32) -> Never {
        if global.json {
            print(JSONValue.object([("error", .object([("code", .string(code)), ("message", .string(message))]))]).pretty())
        } else {
            FileHandle.standardError.write(Data(("guitai: " + message + "\n").utf8))
        }
        exit(status)
    }

    static func resources() throws -> DeskResources { try DeskResources.locate() }

    static func clock(_ global: GlobalOptions) throws -> SystemClock {
        guard let text = global.today ?? global.environment["GUITAI_TODAY"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return SystemClock()
        }
        guard let date = LocalDate(iso: text) else {
            throw DomainError(.usage, code: "bad-business-date", zh: "业务日期「\(text)」应写作 YYYY-MM-DD", en: "The business date \"\(text)\" should be YYYY-MM-DD")
        }
        try BusinessDateRange.check(date)
        return SystemClock(businessDate: date)
    }

    /// Opens the store as the acting operator; every command that reads or changes business data goes through here.
    static func desk(_ global: GlobalOptions) throws -> Desk {
        let (operatorID, password, counter) = try credentials(global)
        let desk = try Desk.open(storePath: global.storePath, operatorID: operatorID, password: password,
                                 clock: try clock(global), counter: counter, resources: try resources())
        if desk.store.isReadOnly {
            let t = Texts(global.language)
            FileHandle.standardError.write(Data(("guitai: " + t("库文件只读：可以查询和校验，不能办理业务",
                                                                  "the store is read-only here: it can be read and verified, not written") + "\n").utf8))
        }
        return desk
    }

    /// The acting operator (`--operator` or `GUITAI_OPERATOR`), the password from `GUITAI_PASSWORD` (never an
    /// argument), and the window (`--counter` or `GUITAI_COUNTER`, default 1).
    /// - Throws: `no-operator` or `no-password` (77), naming what to set.
    static func credentials(_ global: GlobalOptions) throws -> (operatorID: String, password: String, counter: String) {
        guard let operatorID = global.operatorID ?? global.environment["GUITAI_OPERATOR"], !operatorID.isEmpty else {
            throw DomainError(.permission, code: "no-operator", zh: "请用 --operator 或 GUITAI_OPERATOR 指定操作员，密码放在 GUITAI_PASSWORD",
                              en: "Name the operator with --operator or GUITAI_OPERATOR, and put the password in GUITAI_PASSWORD")
        }
        guard let password = global.environment["GUITAI_PASSWORD"], !password.isEmpty else {
            throw DomainError(.permission, code: "no-password", zh: "请在环境变量 GUITAI_PASSWORD 中提供操作员 \(operatorID) 的密码",
                              en: "Put operator \(operatorID)'s password in the environment variable GUITAI_PASSWORD")
        }
        return (operatorID, password, global.counter ?? global.environment["GUITAI_COUNTER"] ?? "1")
    }

    /// Reads a new account's password from standard input (the first line).
    static func passwordFromStdin() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw DomainError(.usage, code: "no-password", zh: "请从标准输入提供新密码（--password-stdin）",
                              en: "Give the new password on standard input (--password-stdin)")
        }
        return line
    }
}
