import GuitaiCore

/// What reversing (冲正) one transaction would undo, worked out before anyone is asked for a password and shown on the
/// confirmation and the reversal's receipt.
public struct ReversalTarget: Sendable {
    /// The serial of the transaction to reverse.
    public var serial: String
    /// Its kind in the journal (`settle`, `enrol`, `card.change`...); the reversal's own kind is this with `.reverse`.
    public var kind: String
    /// The person it concerns, name and masked ID number, when it concerns one.
    public var citizen: (name: String, maskedID: String)?
    /// One sentence saying what the reversal does to the store.
    public var undoes: Bilingual
    /// What the original recorded, labelled: printed on the reversal's receipt.
    public var fields: [(label: Bilingual, value: Bilingual)]
    /// What the citizen or the clerk does next.
    public var next: Bilingual
}
