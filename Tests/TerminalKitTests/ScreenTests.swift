import Testing
@testable import TerminalKit

@Suite struct ScreenTests {
    @Test func aChineseCharacterTakesTwoCellsAndTheTextReadsBack() {
        var screen = Screen(width: 10, height: 1)
        let used = screen.put("扎西·平措", x: 0, y: 0)
        // 扎 西 平 措 are wide (2 cells each), the middle dot is narrow: 9 cells.
        #expect(used == 9)
        #expect(screen[1, 0].isContinuation)
        #expect(screen.text == "扎西·平措")
    }

    @Test func aWideCharacterThatWouldStraddleTheLimitIsNeverHalfDrawnAndTheCutIsMarked() {
        var screen = Screen(width: 10, height: 1)
        screen.put("卓玛卓玛卓玛", x: 0, y: 0, limit: 5)
        // Five cells: two wide characters and the mark.
        #expect(screen.row(0) == "卓玛~")
        #expect(!screen[4, 0].isContinuation)
        #expect(screen.cuts == [Screen.Cut(x: 0, y: 0, text: "卓玛卓玛卓玛")])
        // Text that fits is not a cut, even exactly to the limit.
        screen.put("卓玛a", x: 0, y: 0, limit: 5)
        #expect(screen.cuts.count == 1)
    }

    @Test func aParagraphWrapsWithinItsWidthAndMarksWhatItCannotShow() {
        var screen = Screen(width: 20, height: 5)
        let rows = screen.paragraph("Window 60x20 is too small: make it at least 80x24", x: 0, y: 0, width: 20)
        // Broken at spaces, never inside "60x20" or "80x24".
        #expect(rows == 3)
        #expect(screen.row(0) == "Window 60x20 is too")
        #expect(screen.row(1) == "small: make it at")
        #expect(screen.row(2) == "least 80x24")
        #expect(screen.cuts.isEmpty)
        var short = Screen(width: 20, height: 5)
        #expect(short.paragraph("Window 60x20 is too small: make it at least 80x24", x: 0, y: 0, width: 20, maxRows: 2) == 2)
        #expect(short.row(1).hasSuffix("~"))
        #expect(short.cuts.count == 1)
    }

    @Test func aNumberedChoiceKeepsItsNumber() {
        var screen = Screen(width: 20, height: 3)
        // "5 边境  6 在编僧尼": 6 + 2 + 2 = 10 cells before the 6, which would fit at the end of the first row alone.
        let rows = screen.paragraph("5 边境一线  6 在编僧尼", x: 0, y: 0, width: 14)
        #expect(rows == 2)
        #expect(screen.row(0) == "5 边境一线")
        #expect(screen.row(1) == "6 在编僧尼")
        #expect(screen.cuts.isEmpty)
        // The break right after the number, before its space, keeps them together too.
        var narrower = Screen(width: 20, height: 3)
        #expect(narrower.paragraph("5 边境一线  6 在编僧尼", x: 0, y: 0, width: 13) == 2)
        #expect(narrower.row(1) == "6 在编僧尼")
        // A list of numbers alone still wraps between them.
        var numbers = Screen(width: 20, height: 3)
        _ = numbers.paragraph("100 200 300 400", x: 0, y: 0, width: 9)
        #expect(numbers.row(0) == "100 200")
    }

    @Test func aWideCharacterInAOneCellColumnEndsTheWrapInsteadOfLoopingForever() {
        var screen = Screen(width: 1, height: 3)
        #expect(screen.paragraph("窗口太小", x: 0, y: 0, width: 1, maxRows: 3) == 3)
    }

    @Test func flowMovesAWholePieceToTheNextRowRatherThanCuttingIt() {
        var screen = Screen(width: 30, height: 3)
        let rows = screen.flow(["Visit: inpatient", "Level: 3", "Major (Ctrl-O): no"], x: 0, y: 0, width: 30)
        // 16 + 3 + 8 = 27 cells on the first row; the third piece (18) would pass 30.
        #expect(rows == 2)
        #expect(screen.row(0) == "Visit: inpatient   Level: 3")
        #expect(screen.row(1) == "Major (Ctrl-O): no")
        #expect(screen.cuts.isEmpty)
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var screen = Screen(width: 6, height: 1)
        screen.put("次仁", x: 0, y: 0)
        screen.put("a", x: 1, y: 0)
        #expect(screen.row(0) == " a仁")
        screen.put("b", x: 2, y: 0)
        #expect(screen.row(0) == " ab")
    }

    @Test func onlyChangedRowsAreRedrawn() {
        var first = Screen(width: 8, height: 3)
        first.put("央金", x: 0, y: 0)
        var second = first
        second.put("拉姆", x: 0, y: 2)
        #expect(second.changedRows(since: first) == [2])
        #expect(second.changedRows(since: nil) == [0, 1, 2])
        #expect(second.changedRows(since: Screen(width: 9, height: 3)) == [0, 1, 2])
    }
}

@Suite struct TextFieldTests {
    @Test func editingChineseMovesByCharacterAndScrollsByCell() {
        var field = TextField("扎西")
        _ = field.handle(.left)
        _ = field.handle(.character("·"))
        #expect(field.text == "扎·西")
        _ = field.handle(.end)
        _ = field.handle(.backspace)
        #expect(field.text == "扎·")
        field.set("卓玛央金达瓦次仁")
        var screen = Screen(width: 20, height: 1)
        // Eight wide characters in a 7-cell field: it scrolls so the cursor (at the end) stays visible.
        let cursor = field.render(on: &screen, x: 0, y: 0, width: 7, focused: true)
        #expect(cursor <= 6)
        #expect(screen.row(0).hasSuffix("次仁"))
    }

    @Test func keysAFieldDoesNotUseAreLeftToTheForm() {
        var field = TextField()
        let enter = field.handle(.enter), function = field.handle(.function(5)), letter = field.handle(.character("x"))
        #expect(!enter && !function && letter)
    }

    @Test func aMaskedFieldShowsStarsNotThePassword() {
        let field = TextField("clerk-password")
        var screen = Screen(width: 30, height: 1)
        field.render(on: &screen, x: 0, y: 0, width: 20, focused: false, mask: true)
        #expect(!screen.row(0).contains("clerk"))
        #expect(screen.row(0).contains("*****"))
    }
}
