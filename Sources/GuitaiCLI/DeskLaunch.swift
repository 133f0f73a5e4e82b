import GuitaiCore
import GuitaiDesk

/// What the bare `guitai` command hands to the desk's screens; the executable decides how to show them.
public struct DeskLaunch {
    public let storePath: String
    public let language: Language
    public let clock: SystemClock
    public let counter: String
    public let resources: DeskResources
    public let lockAfterMinutes: Int
    /// The training desk (`guitai training`): a missing store is made on the trainer's password, not by `init`.
    public var training = false
    /// Where printouts go: the `lp` queue of `--printer` or `GUITAI_PRINTER`, else files in the receipts folder.
    public var printer = Printer(queue: nil)
}
