import GuitaiCore

/// The outcome of checking one typed ID number, with what it implies when valid.
public struct IDCheck: Sendable {
    public var input: String
    public var result: Result<ResidentID, IDRejection>
    public var place: Place?

    /// Checks numbers without any store (`guitai id check`).
    public static func check(_ inputs: [String], today: LocalDate, resources: DeskResources, allowTraining: Bool) -> [IDCheck] {
        inputs.map { input in
            let result = ResidentID.parse(input, today: today, divisions: resources.divisions, allowTraining: allowTraining)
            let place = (try? result.get()).map { resources.divisions.place(of: $0.regionCode) }
            return IDCheck(input: input, result: result, place: place)
        }
    }
}
