import GuitaiCore

/// What a command prints on success: a JSON document and the readable text.
struct CommandOutput {
    var json: JSONValue
    var text: String
    /// Non-zero when the command ran but its answer is "no" (an invalid ID number, a failed verification).
    var exitCode: Int32 = 0
}
