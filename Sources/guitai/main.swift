import CursesTerminal
import Foundation
import GuitaiDesk
import GuitaiCLI
import GuitaiTUI

// The composition root: the only place that picks ncurses for the desk and SQLite (through the CLI) for the store.
GuitaiCommand.openDesk = { launch in
    let catalogue = try Catalogue(language: launch.language, resourcesDirectory: launch.resources.directory)
    let terminal = try CursesTerminal()
    defer { terminal.close() }
    let app = DeskApp(terminal: terminal, resources: launch.resources, catalogue: catalogue, storePath: launch.storePath,
                      clock: launch.clock, counter: launch.counter, lockAfterMinutes: launch.lockAfterMinutes,
                      training: launch.training)
    app.printer = launch.printer
    app.chartStyle = .from(environment: ProcessInfo.processInfo.environment)
    app.run()
    return 0
}
GuitaiCommand.runMain()
