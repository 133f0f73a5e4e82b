import Testing
@testable import TerminalKit

/// The sequences terminals send after ESC, as xterm, PuTTY, rxvt, VT220 and the Linux console send them.
@Suite struct EscapeSequenceTests {
    private func read(_ tail: String) -> EscapeSequence.Reading { EscapeSequence.read(Array(tail)) }

    @Test func homeAndEndInEveryCommonForm() {
        for tail in ["[H", "OH", "[1~", "[7~"] { #expect(read(tail) == .complete(.home), "ESC \(tail)") }
        for tail in ["[F", "OF", "[4~", "[8~"] { #expect(read(tail) == .complete(.end), "ESC \(tail)") }
        #expect(read("[2~") == .complete(.insert))
        #expect(read("[3~") == .complete(.delete))
        #expect(read("[5~") == .complete(.pageUp))
        #expect(read("[6~") == .complete(.pageDown))
    }

    @Test func functionKeysInEveryCommonForm() {
        // xterm's SS3 forms, PuTTY's and rxvt's tilde forms (16 and 22 are skipped by VT220), the Linux console's.
        #expect(read("OP") == .complete(.function(1)) && read("OS") == .complete(.function(4)))
        let tilde = [11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 17: 6, 18: 7, 19: 8, 20: 9, 21: 10, 23: 11, 24: 12]
        for (code, n) in tilde { #expect(read("[\(code)~") == .complete(.function(n)), "ESC [\(code)~") }
        #expect(read("[[A") == .complete(.function(1)) && read("[[E") == .complete(.function(5)))
    }

    @Test func modifiersAreDroppedAndTheKeyStillActs() {
        #expect(read("O2P") == .complete(.function(1)))
        #expect(read("O5H") == .complete(.home))
        #expect(read("[7$") == .complete(.home))
        #expect(read("[8^") == .complete(.end))
        #expect(read("[23$") == .complete(.function(11)))
        #expect(read("[3@") == .complete(.delete))
        #expect(read("[1;5H") == .complete(.home))
        #expect(read("[3;2~") == .complete(.delete))
        #expect(read("[1;2A") == .complete(.up))
    }

    @Test func aSequenceIsReadToItsEndAndOneNamingNoKeyIsIgnored() {
        #expect(read("[") == .incomplete)
        #expect(read("[1") == .incomplete)
        #expect(read("[1;5") == .incomplete)
        #expect(read("O") == .incomplete)
        // Focus reports, unknown tilde codes and mouse-less private sequences name no key: read whole, then dropped.
        #expect(read("[I") == .complete(nil))
        #expect(read("[99~") == .complete(nil))
        #expect(read("[?1h") == .complete(nil))
    }

    @Test func aLoneEscOrAltWithALetterIsNotASequence() {
        #expect(read("x") == .notASequence)
        #expect(read("") == .incomplete)
    }

    /// Each form written out as a terminal manual gives it, not read from the decoder's own table.
    @Test func everyCommonFormDecodesToTheKeyItIsTaughtAs() {
        let written: [String: Key] = ["[1~": .home, "[4~": .end, "[7~": .home, "[8~": .end, "[2~": .insert, "[3~": .delete,
                                      "[5~": .pageUp, "[6~": .pageDown, "[15~": .function(5), "[17~": .function(6),
                                      "[21~": .function(10), "[24~": .function(12), "OH": .home, "OF": .end, "[Z": .backTab]
        for (tail, key) in written {
            #expect(EscapeSequence.commonForms.contains { $0.tail == tail && $0.key == key }, "ESC \(tail) is not taught")
        }
        for form in EscapeSequence.commonForms { #expect(read(form.tail) == .complete(form.key), "ESC \(form.tail)") }
    }

    @Test func aPastedRunAfterEscIsNoKeyAndEndsSoon() {
        // ESC [ and 10,000 digits: over as soon as no key could be that long, never read to its end.
        let long = "[" + String(repeating: "1", count: 10_000)
        var ended = 0
        for length in 1...long.count {
            if case .complete(let key) = read(String(long.prefix(length))) {
                #expect(key == nil)
                ended = length
                break
            }
        }
        #expect(ended > 0 && ended <= 17, "read \(ended) characters")
        // A real long form still reads: Shift+Ctrl+F12 as xterm sends it.
        if case .complete(let key) = read("[24;6~") { #expect(key == .function(12)) } else { Issue.record("[24;6~ not complete") }
    }
}
